//! `pith filter`: JSON Lines in (`{"id", "url", "html"}`), one record a line out, in order.
//!
//! The contract for distributed engines (Spark `rdd.pipe`, Ray, …): every input line gives
//! exactly one output line, whatever is wrong with it; a line that is not such an object
//! gives an `invalid_input` error record whose `input` is the line's `id` when one can be
//! read (even in a line that is not valid JSON), else its 1-based line number in the stream. `id` may be a string or a number; `url` may be missing or
//! null; other keys are ignored. The only failures are those of the streams themselves.

use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex};

use super::line::id_in;
use super::pipeline::run_ordered;
use super::summary::Summary;
use super::task::{Task, Worker};
use crate::{ErrorKind, ErrorRecord, Extractor, Record, render};

/// Settings of `pith filter`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FilterOptions {
    /// Worker threads; 1 (the default) works on the calling thread: the engine owns the cores.
    pub jobs: usize,
    /// Fill `removed` in each article.
    pub explain: bool,
}

impl Default for FilterOptions {
    fn default() -> Self {
        FilterOptions { jobs: 1, explain: false }
    }
}

/// Reads JSON Lines from `input` to its end and writes one record line per input line to
/// `output`, flushing each. Fails only when reading `input` or writing `output` fails.
pub fn run_filter<R, W>(extractor: &Extractor, input: R, output: &mut W, opts: &FilterOptions) -> io::Result<Summary>
where
    R: BufRead + Send,
    W: io::Write,
{
    run_filter_with(extractor, input, opts, |record| {
        let mut line = render::json_line(record);
        line.push('\n');
        output.write_all(line.as_bytes())?;
        output.flush()
    })
}

/// [`run_filter`] with the records handed to `emit`, one per input line, in order, instead of
/// written as JSON lines (the command line renders them as Markdown, text or HTML this way).
/// Fails when reading `input` fails or `emit` fails.
pub fn run_filter_with<R>(
    extractor: &Extractor,
    input: R,
    opts: &FilterOptions,
    mut emit: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<Summary>
where
    R: BufRead + Send,
{
    let started = std::time::Instant::now();
    let read_error = Arc::new(Mutex::new(None));
    let lines = Lines {
        r: input,
        number: 0,
        max_line: max_line_bytes(extractor.limits().max_input_bytes),
        error: read_error.clone(),
    };
    let worker = Worker { extractor: extractor.clone(), explain: opts.explain };
    let mut summary = Summary::default();
    run_ordered(lines, opts.jobs, &|t| worker.record(t), |record| {
        summary.count(&record);
        emit(&record)
    })?;
    summary.elapsed = started.elapsed();
    match read_error.lock().unwrap_or_else(|e| e.into_inner()).take() {
        Some(e) => Err(io::Error::new(e.kind(), format!("cannot read standard input: {e}"))),
        None => Ok(summary),
    }
}

/// The longest line accepted: a page at the byte limit escaped in JSON at worst (`\uXXXX`
/// for every character of a 3-byte UTF-8 sequence), plus room for the other keys.
fn max_line_bytes(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(6).saturating_add(64 * 1024)
}

/// The lines of the input as tasks; a line over the limit is skipped over (never held) and
/// gives a `too_large` record. A read error ends the input and is kept for the caller.
struct Lines<R> {
    r: R,
    number: u64,
    max_line: usize,
    error: Arc<Mutex<Option<io::Error>>>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        let mut text = Vec::new();
        let result = self.r.by_ref().take(self.max_line as u64).read_until(b'\n', &mut text);
        match result {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                return None;
            }
        }
        self.number += 1;
        let line = self.number;
        if text.ends_with(b"\n") {
            text.pop();
            if text.ends_with(b"\r") {
                text.pop();
            }
        } else if text.len() >= self.max_line {
            // Over-long: skip to the end of the line.
            let (skipped, tail) = match skip_line(&mut self.r) {
                Ok(n) => n,
                Err(e) => {
                    *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                    return None;
                }
            };
            let input = id_in(&text, &tail).unwrap_or_else(|| line.to_string());
            let message = format!(
                "line {line} is {} bytes, over the limit of {} for a page of at most {} bytes",
                text.len() as u64 + skipped,
                self.max_line,
                (self.max_line - 64 * 1024) / 6
            );
            return Some(Task::Done(Record::Error(ErrorRecord::new(input, None, ErrorKind::TooLarge, message))));
        }
        Some(Task::Line { line, text })
    }
}

/// Consumes the rest of a line (its newline included); returns the bytes skipped and the
/// last few KiB of them (where an `id` written after the `html` is).
fn skip_line(r: &mut impl BufRead) -> io::Result<(u64, Vec<u8>)> {
    const TAIL: usize = 4096;
    let mut skipped = 0u64;
    let mut tail = Vec::with_capacity(2 * TAIL);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok((skipped, tail));
        }
        let (n, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        tail.extend_from_slice(&buf[n.saturating_sub(TAIL)..n]);
        if tail.len() > TAIL {
            tail.drain(..tail.len() - TAIL);
        }
        r.consume(n);
        skipped += n as u64;
        if end {
            return Ok((skipped, tail));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_long_lines_keep_their_id() {
        assert_eq!(id_in(br#"{"id": "x-1", "html": "<p>aaaa"#, b"").as_deref(), Some("x-1"));
        assert_eq!(id_in(br#"{"id":42,"html":"#, b"").as_deref(), Some("42"));
        assert_eq!(id_in(br#"{"html":"<p>"#, br#"a \"id\": 3 </p>","id":"tail-id"}"#).as_deref(), Some("tail-id"));
        assert_eq!(id_in(br#"{"html":"<p>"#, br#"a \"id\": 3</p>"}"#), None);
        let mut r = io::Cursor::new([vec![b'x'; 10_000], b"\"id\":\"t\"}\nnext".to_vec()].concat());
        let (n, tail) = skip_line(&mut r).unwrap();
        assert_eq!((n, tail.len()), (10_010, 4096));
        assert!(tail.ends_with(b"\"id\":\"t\"}\n"));
    }
}
