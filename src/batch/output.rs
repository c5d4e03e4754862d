//! The output of a batch: whole JSON lines, written as they are ready, and `--resume`.
//!
//! Each record is one `write` of its line and newline, so a kill leaves at most the last
//! line partial. `--resume` reads the file back, cuts a partial last line, and counts the
//! `input` of every complete line: those inputs are skipped (an input listed twice is
//! skipped as often as it is in the file, so nothing is lost and nothing doubled).

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

/// Where the records go.
pub enum Output {
    /// Standard output (flushed after every line).
    Stdout(io::Stdout),
    /// A file, written without a buffer: one `write` per line.
    File(File),
    /// Any writer (tests, embedding), flushed after every line.
    Writer(Box<dyn Write + Send>),
}

impl Output {
    /// Creates (or truncates) `path`.
    pub fn create(path: &Path) -> io::Result<Output> {
        File::create(path)
            .map(Output::File)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))
    }

    /// Opens `path` to resume: cuts a partial last line and returns the inputs already done.
    /// A missing file is a fresh start.
    pub fn resume(path: &Path) -> io::Result<(Output, Done)> {
        let context = |e: io::Error| io::Error::new(e.kind(), format!("cannot resume {}: {e}", path.display()));
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(context)?;
        let done = Done::scan(&mut file, path).map_err(context)?;
        file.seek(SeekFrom::End(0)).map_err(context)?;
        Ok((Output::File(file), done))
    }

    /// Writes one line (a newline is added) and flushes it.
    pub fn line(&mut self, line: &str) -> io::Result<()> {
        let mut buf = String::with_capacity(line.len() + 1);
        buf.push_str(line);
        buf.push('\n');
        match self {
            Output::Stdout(s) => {
                let mut s = s.lock();
                s.write_all(buf.as_bytes())?;
                s.flush()
            }
            Output::File(f) => f.write_all(buf.as_bytes()),
            Output::Writer(w) => {
                w.write_all(buf.as_bytes())?;
                w.flush()
            }
        }
    }
}

/// The inputs already in an output file, as a multiset of 128-bit hashes (32 bytes an
/// input, whatever the length of its path or URL).
#[derive(Debug, Default)]
pub struct Done {
    counts: HashMap<u128, u32>,
    total: u64,
}

#[derive(serde::Deserialize)]
struct InputOnly {
    input: String,
}

impl Done {
    /// Reads `file` from the start; a last line without its newline is cut off.
    fn scan(file: &mut File, path: &Path) -> io::Result<Done> {
        let mut done = Done::default();
        let mut reader = BufReader::with_capacity(1 << 20, &mut *file);
        let mut line = Vec::new();
        let mut complete_end = 0u64;
        let mut number = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            number += 1;
            if !line.ends_with(b"\n") {
                // A partial last line: the run was killed while writing it.
                drop(reader);
                file.set_len(complete_end)?;
                eprintln!("pith: {}: cut a partial last line ({n} bytes) left by an interrupted run", path.display());
                return Ok(done);
            }
            complete_end += n as u64;
            let record: InputOnly = serde_json::from_slice(&line).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {number} is not a pith record ({e}); is this the right output file?"),
                )
            })?;
            done.insert(&record.input);
        }
        Ok(done)
    }

    fn key(input: &str) -> u128 {
        let half = |salt: u8| {
            let mut h = DefaultHasher::new();
            salt.hash(&mut h);
            input.hash(&mut h);
            h.finish()
        };
        (u128::from(half(1)) << 64) | u128::from(half(2))
    }

    /// Adds one occurrence of `input`.
    pub fn insert(&mut self, input: &str) {
        *self.counts.entry(Done::key(input)).or_default() += 1;
        self.total += 1;
    }

    /// Whether `input` is done; each `true` uses up one occurrence.
    pub fn take(&mut self, input: &str) -> bool {
        match self.counts.get_mut(&Done::key(input)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Lines found in the file.
    pub fn total(&self) -> u64 {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_cuts_the_partial_line_and_counts_inputs() {
        let dir = std::env::temp_dir().join(format!("pith-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        std::fs::write(&path, "{\"input\":\"a\"}\n{\"input\":\"b\",\"x\":1}\n{\"input\":\"a\"}\n{\"input\":\"c\",\"ti")
            .unwrap();
        let (mut out, mut done) = Output::resume(&path).unwrap();
        assert_eq!(done.total(), 3);
        assert!(done.take("a") && done.take("a") && !done.take("a"));
        assert!(done.take("b") && !done.take("c"));
        out.line("{\"input\":\"c\"}").unwrap();
        drop(out);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"input\":\"a\"}\n{\"input\":\"b\",\"x\":1}\n{\"input\":\"a\"}\n{\"input\":\"c\"}\n");
        std::fs::write(&path, "{\"input\":\"a\"}\nnot json\n").unwrap();
        assert!(Output::resume(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
