//! Many pages at once: `pith batch` over directory trees, WARC files and URL lists, `pith
//! fetch` over URL lists, and `pith filter`, the JSON Lines stream for distributed engines.
//!
//! Every input record gives exactly one output record (an article or an error record, with
//! `input` as the contract defines it), in input order:
//!
//! - [`run_batch`]: a producer thread reads the inputs ([`Source`]: a directory walked in
//!   name order, a page file, a WARC file read as a stream), `jobs` worker threads extract,
//!   and the caller's thread writes each record as soon as every earlier one is written. A
//!   bounded number of pages is in flight (a credit per page), so memory stays flat whatever
//!   the corpus size.
//! - [`fetch_urls`]: URL lists through the fetcher ([`crate::fetch::Fetcher`]), with a
//!   bounded work-ahead ([`work_ahead_window`]) so that a stalled URL holds back a few
//!   records, not the list.
//! - [`run_filter`]: `{"id","url","html"}` lines in, one record line out each.
//! - [`Output`]: whole lines, one `write` each, so a killed run leaves at most its last line
//!   partial; [`Output::resume`] cuts it and tells which inputs are done ([`Done`]).
//!
//! The runners share one reorder buffer (`order`), one [`Summary`] and one progress bar.
//!
//! Per-page limits (bytes, DOM nodes, depth, time budget) are the extractor's
//! ([`crate::Limits`], [`Extractor::with_limits`]); the byte limit is also applied before a
//! page is read or decompressed. Every page is extracted behind the panic guard: a panic
//! becomes an `internal` error record, never a lost line or a dead run.

mod filter;
mod line;
mod order;
mod output;
mod pipeline;
mod progress;
mod sources;
mod summary;
mod task;
mod url_list;
mod warc;

use std::io;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use filter::{FilterOptions, run_filter, run_filter_with};
pub use output::{Done, Output};
pub use sources::{Source, is_page_name};
pub use summary::Summary;
pub use url_list::{UrlOptions, fetch_urls, fetch_urls_blocking, read_url_list, work_ahead_window};

use crate::fetch::redact_userinfo;
use crate::{Extractor, Record, render};
use progress::Progress;
use task::Worker;

/// Settings of [`run_batch`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BatchOptions {
    /// Worker threads for extraction (at least 1).
    pub jobs: usize,
    /// Fill `removed` in each article.
    pub explain: bool,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// HTTP settings for URL inputs.
    pub fetch: crate::fetch::FetchOptions,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            jobs: default_jobs(),
            explain: false,
            progress: false,
            fetch: crate::fetch::FetchOptions::default(),
        }
    }
}

/// Reads a saved page file as `pith batch` does: gzip (a `.gz` name or gzip's magic bytes) is
/// decompressed, and the byte limit is applied before reading and while decompressing (a gzip
/// bomb stops there). The error is the record of that input (`not_found`, `too_large`, …).
pub fn read_page_file(
    path: &std::path::Path,
    input: &str,
    url: Option<String>,
    max_bytes: usize,
) -> Result<Vec<u8>, crate::ErrorRecord> {
    task::read_file(path, max_bytes).map_err(|(kind, message)| crate::ErrorRecord::new(input, url, kind, message))
}

/// Reads a page from a stream (standard input) as [`read_page_file`] reads a file: gzip is
/// decompressed (by its magic bytes), within the byte limit.
pub fn read_page_stream(
    stream: impl io::Read,
    input: &str,
    url: Option<String>,
    max_bytes: usize,
) -> Result<Vec<u8>, crate::ErrorRecord> {
    task::read_stream(stream, max_bytes).map_err(|(kind, message)| crate::ErrorRecord::new(input, url, kind, message))
}

/// The record of one `pith filter` line (`{"id","url","html"}`; `line` is its 1-based number),
/// made as `run_filter` makes it, behind the panic guard. The service's batch route reads its
/// lines itself (from an HTTP body) and hands each one here.
#[cfg(feature = "serve")]
pub(crate) fn filter_line_record(extractor: &Extractor, explain: bool, line: u64, text: Vec<u8>) -> Record {
    Worker { extractor: extractor.clone(), explain }.record(task::Task::Line { line, text })
}

/// The `id` of a `pith filter` line too long to parse, read from its first and last few KiB.
#[cfg(feature = "serve")]
pub(crate) use line::id_in as filter_line_id;

/// All cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Extracts every page of `sources`, then fetches and extracts every URL of `urls`, and
/// writes one record line per input record to `output`, in input order. With `done` (from
/// [`Output::resume`]), the inputs it holds are skipped.
///
/// Fails only when `output` cannot be written; every input's own failure is its record.
pub fn run_batch(
    extractor: &Extractor,
    sources: Vec<Source>,
    urls: Vec<String>,
    output: &mut Output,
    done: Option<Done>,
    opts: &BatchOptions,
) -> io::Result<Summary> {
    let summary =
        run_batch_with(extractor, sources, urls, done, opts, |record| output.line(&render::json_line(record)))?;
    if summary.unmatched > 0 {
        let file = output.path().map_or_else(|| "the output".to_string(), |p| p.display().to_string());
        let warning = format!(
            "pith: warning: {} records already in {file} matched no input of this run: an input spelled \
             otherwise than before (./dir for dir, another path) was done again",
            summary.unmatched
        );
        eprintln!("{}", crate::terminal::escape(&warning));
    }
    Ok(summary)
}

/// [`run_batch`] with the records handed to `emit`, in input order, instead of written as
/// JSON lines (the command line renders them as Markdown, text or HTML documents this way).
///
/// Fails only when `emit` fails (then at once); every input's own failure is its record.
pub fn run_batch_with(
    extractor: &Extractor,
    sources: Vec<Source>,
    urls: Vec<String>,
    done: Option<Done>,
    opts: &BatchOptions,
    mut emit: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let done = Arc::new(Mutex::new(done.unwrap_or_default()));
    let skipped = Arc::new(AtomicU64::new(0));
    let skip = {
        let (done, skipped) = (done.clone(), skipped.clone());
        move |input: &str| {
            let hit = done.lock().unwrap_or_else(|e| e.into_inner()).take(input);
            if hit {
                skipped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            hit
        }
    };

    let not_pages = Arc::new(AtomicU64::new(0));
    if !sources.is_empty() {
        let warc_bytes = Arc::new(AtomicU64::new(0));
        let progress = Progress::for_sources(&sources, opts.progress, warc_bytes.clone());
        let tasks =
            sources::tasks(sources, extractor.limits().max_input_bytes, warc_bytes, not_pages.clone()).filter({
                let skip = skip.clone();
                let progress = progress.clone();
                move |t| {
                    let done = t.input().is_some_and(&skip);
                    if done {
                        progress.skipped();
                    }
                    !done
                }
            });
        let worker = Worker { extractor: extractor.clone(), explain: opts.explain };
        let result = pipeline::run_ordered(tasks, opts.jobs.max(1), &|t| worker.record(t), |record| {
            summary.count(&record);
            progress.record(matches!(record, Record::Error(_)));
            emit(&record)
        });
        progress.finish();
        result?;
    }

    if !urls.is_empty() {
        // Records show URLs with their credentials hidden: so does the match.
        let urls: Vec<String> = urls.into_iter().filter(|u| !skip(&redact_userinfo(u))).collect();
        let run = UrlOptions { explain: opts.explain, progress: opts.progress, ..UrlOptions::default() };
        let fetched =
            url_list::fetch_urls_blocking(opts.fetch.clone(), extractor, &urls, &run, |_, record| emit(&record))?;
        summary.absorb(&fetched);
    }

    summary.skipped = skipped.load(std::sync::atomic::Ordering::Relaxed);
    summary.not_pages = not_pages.load(std::sync::atomic::Ordering::Relaxed);
    summary.unmatched = done.lock().unwrap_or_else(|e| e.into_inner()).unmatched();
    summary.elapsed = started.elapsed();
    Ok(summary)
}
