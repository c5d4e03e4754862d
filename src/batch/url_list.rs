//! URL lists: fetch and extract many URLs, one record per URL in input order, with a
//! bounded work-ahead, raw HTML saved on request, and the progress bar.
//!
//! URLs are started in input order, each only when it is within the reorder window of the
//! next record due ([`work_ahead_window`]: a few times the concurrency): a URL that stalls
//! holds back at most that many finished records, not the rest of the list. A started URL
//! goes to its host's queue; each host with queued URLs has one task working through them
//! in order, so a slow or rate-limited host delays only its own URLs, and the
//! [`Fetcher`] keeps the politeness (host gates, robots.txt, the global limit). A fetched
//! page is extracted on the blocking pool, at most one page per core at a time (which also
//! bounds the bodies held).
//!
//! Every URL gives exactly one record: each started URL carries a ticket that sends an
//! `internal` error record if its task dies without sending its own.

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::{Semaphore, mpsc};
use url::Url;

use super::order::Reorder;
use super::progress::Progress;
use super::summary::Summary;
use super::task::charset_conflict;
use crate::fetch::{FetchFailure, FetchOptions, Fetcher, Page, redact_userinfo};
use crate::{ErrorKind, ErrorRecord, Extractor, Record};

/// Settings of a URL run beyond HTTP.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct UrlOptions {
    /// Fill `removed` in each article.
    pub explain: bool,
    /// Keep each fetched HTML body in this directory (with an `index.jsonl` of what each file is).
    pub save_html: Option<PathBuf>,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// URLs started ahead of the next record due; `None`: [`work_ahead_window`] of the
    /// fetcher's concurrency.
    pub window: Option<usize>,
}

/// How far ahead of the next record due URLs are started: four times the requests in flight,
/// so that every slot stays busy while one URL is slow, and records held for ordering stay
/// a small multiple of those in progress.
pub fn work_ahead_window(concurrency: usize) -> usize {
    (4 * concurrency).max(8)
}

/// The URLs of a URL list: one a line, surrounding blanks trimmed, empty lines and `#`
/// comments skipped.
pub fn read_url_list(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// Fetches and extracts every URL, calling `emit(index, record)` once per URL in input order.
/// A record's `input` is the URL as given, credentials shown as `***`.
///
/// Fails only when `emit` fails or `save_html` cannot be set up; every URL's own failure is
/// its error record.
pub async fn fetch_urls<F>(
    fetcher: &Fetcher,
    extractor: &Extractor,
    urls: &[String],
    opts: &UrlOptions,
    mut emit: F,
) -> io::Result<Summary>
where
    F: FnMut(usize, Record) -> io::Result<()>,
{
    let started = Instant::now();
    let saver = opts.save_html.as_deref().map(Saver::open).transpose()?.map(Arc::new);
    let progress = Progress::for_urls(urls.len() as u64, opts.progress);
    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Record)>();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let ctx = Arc::new(Context {
        fetcher: fetcher.clone(),
        extractor: extractor.clone(),
        extract_slots: Arc::new(Semaphore::new(cores)),
        saver,
        progress: progress.clone(),
        explain: opts.explain,
        queues: Mutex::default(),
    });
    let window = opts.window.unwrap_or_else(|| work_ahead_window(fetcher.options().concurrency));
    let mut order = Reorder::new(window);
    let mut summary = Summary::default();
    let mut next_start = 0usize;
    loop {
        // Start what the window admits, hand out what is ready, again until neither moves
        // (a record handed out slides the window; a URL that is no URL has its record at once).
        let mut moved = true;
        while moved {
            moved = false;
            while next_start < urls.len() && order.admits(next_start as u64) {
                ctx.start(next_start, &urls[next_start], &tx, &mut order)?;
                next_start += 1;
            }
            while let Some(record) = order.pop() {
                let i = order.next() as usize - 1;
                summary.count(&record);
                progress.record(matches!(record, Record::Error(_)));
                progress.suspend(|| emit(i, record))?;
                moved = true;
            }
        }
        if order.next() as usize >= urls.len() {
            break;
        }
        // `tx` is held here, so this waits for a record rather than ending.
        let Some((i, record)) = rx.recv().await else { break };
        order.insert(i as u64, record).map_err(|_| io::Error::other("a record outside the reorder window (a bug)"))?;
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// [`fetch_urls`] on its own tokio runtime, for callers without one (the `pith` binary).
pub fn fetch_urls_blocking<F>(
    fetch: FetchOptions,
    extractor: &Extractor,
    urls: &[String],
    opts: &UrlOptions,
    emit: F,
) -> io::Result<Summary>
where
    F: FnMut(usize, Record) -> io::Result<()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(async {
        let fetcher = Fetcher::new(fetch).map_err(io::Error::other)?;
        fetch_urls(&fetcher, extractor, urls, opts, emit).await
    });
    // Do not wait for fetches still running after a failed `emit` (a closed pipe).
    runtime.shutdown_background();
    result
}

/// What the host tasks share.
struct Context {
    fetcher: Fetcher,
    extractor: Extractor,
    extract_slots: Arc<Semaphore>,
    saver: Option<Arc<Saver>>,
    progress: Progress,
    explain: bool,
    /// URLs started and not yet taken by their host's task, by host.
    queues: Mutex<HashMap<String, VecDeque<Ticket>>>,
}

impl Context {
    /// Starts URL `i`: an invalid one gets its record at once, a valid one joins its host's
    /// queue (and the host gets a task when it has none).
    fn start(
        self: &Arc<Self>,
        i: usize,
        input: &str,
        tx: &mpsc::UnboundedSender<(usize, Record)>,
        order: &mut Reorder<Record>,
    ) -> io::Result<()> {
        let shown = redact_userinfo(input).into_owned();
        let url = match crate::fetch::parse_url(input) {
            Ok(url) => url,
            Err(error) => {
                let record = Record::Error(FetchFailure { url: None, error }.to_record(shown));
                return order
                    .insert(i as u64, record)
                    .map_err(|_| io::Error::other("a URL outside the window (a bug)"));
            }
        };
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let ticket = Ticket { index: i, input: input.to_string(), shown, tx: tx.clone(), sent: false };
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        match queues.get_mut(&host) {
            Some(queue) => queue.push_back(ticket),
            None => {
                queues.insert(host.clone(), VecDeque::from([ticket]));
                tokio::spawn(self.clone().work_host(host));
            }
        }
        Ok(())
    }

    /// The next URL of `host`; `None` (and the queue gone) when there is none.
    fn take(&self, host: &str) -> Option<Ticket> {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        let ticket = queues.get_mut(host).and_then(VecDeque::pop_front);
        if ticket.is_none() {
            queues.remove(host);
        }
        ticket
    }

    /// One host's task: its URLs in order, each fetched, then extracted off the async threads.
    async fn work_host(self: Arc<Self>, host: String) {
        let _guard = HostGuard { ctx: &self, host: &host };
        while let Some(ticket) = self.take(&host) {
            let page = match self.fetcher.fetch(&ticket.input).await {
                Ok(page) => page,
                Err(failure) => {
                    let record = Record::Error(failure.to_record(ticket.shown.clone()));
                    ticket.send(record);
                    continue;
                }
            };
            let Ok(permit) = self.extract_slots.clone().acquire_owned().await else { return };
            let ctx = self.clone();
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                if let Some(saver) = &ctx.saver
                    && let Err(e) = saver.save(&ticket.shown, &page)
                {
                    ctx.progress.warn(&format!("pith: warning: cannot save the HTML of {}: {e}", ticket.shown));
                }
                let record = extract(&ctx.extractor, &ticket.shown, &page, ctx.explain);
                ticket.send(record);
            });
        }
    }
}

/// When a host's task dies (a bug), its queued URLs still get their records: the queue is
/// dropped, and with it the tickets, each sending an `internal` error.
struct HostGuard<'a> {
    ctx: &'a Context,
    host: &'a str,
}

impl Drop for HostGuard<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let queue = self.ctx.queues.lock().unwrap_or_else(|e| e.into_inner()).remove(self.host);
            drop(queue);
        }
    }
}

/// A started URL's promise of a record.
struct Ticket {
    index: usize,
    /// The URL as given, to fetch.
    input: String,
    /// The URL as given, credentials shown as `***`: the record's `input`.
    shown: String,
    tx: mpsc::UnboundedSender<(usize, Record)>,
    sent: bool,
}

impl Ticket {
    fn send(mut self, record: Record) {
        self.sent = true;
        let _ = self.tx.send((self.index, record));
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if !self.sent {
            let record = ErrorRecord::new(
                self.shown.clone(),
                None,
                ErrorKind::Internal,
                "internal error: the fetch task stopped (a bug; please report it)",
            );
            let _ = self.tx.send((self.index, Record::Error(record)));
        }
    }
}

/// Extracts a fetched page (`Extractor::record` turns a panic into an `internal` error record).
fn extract(extractor: &Extractor, input: &str, page: &Page, explain: bool) -> Record {
    let record = extractor.record(&page.body, &page.extract_options(input).with_explain(explain));
    match record {
        Record::Article(mut article) => {
            article.warnings.extend(charset_conflict(page.content_type.as_deref(), &page.body));
            Record::Article(article)
        }
        error => error,
    }
}

/// `--save-html DIR`: each body as `DIR/<host>_<path>-<hash>.html`, and one line per file in
/// `DIR/index.jsonl` (`input`, `url`, `file`, `http_status`, `content_type`, `fetched_at`) so
/// that `pith extract DIR/FILE --url URL` can redo the extraction offline.
struct Saver {
    dir: PathBuf,
    index: Mutex<File>,
}

impl Saver {
    fn open(dir: &Path) -> io::Result<Saver> {
        std::fs::create_dir_all(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))?;
        let index_path = dir.join("index.jsonl");
        let index = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&index_path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open {}: {e}", index_path.display())))?;
        Ok(Saver { dir: dir.to_path_buf(), index: Mutex::new(index) })
    }

    fn save(&self, input: &str, page: &Page) -> io::Result<()> {
        let file = saved_file_name(&page.url);
        let path = self.dir.join(&file);
        std::fs::write(&path, &page.body)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
        let line = serde_json::json!({
            "input": input,
            "url": page.url,
            "file": file,
            "http_status": page.status,
            "content_type": page.content_type,
            "fetched_at": page.fetched_at,
        });
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        writeln!(index, "{line}").map_err(|e| {
            let path = self.dir.join("index.jsonl");
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })
    }
}

/// `https://www.example.com/news/story?id=3` → `www.example.com_news_story_id_3-<fnv32>.html`:
/// readable, safe on every file system, unique per URL.
pub(crate) fn saved_file_name(url: &str) -> String {
    let readable = match Url::parse(url) {
        Ok(u) => {
            let port = u.port().map(|p| format!("_{p}")).unwrap_or_default();
            let query = u.query().map(|q| format!("_{q}")).unwrap_or_default();
            format!("{}{port}{}{query}", u.host_str().unwrap_or("page"), u.path())
        }
        Err(_) => url.to_string(),
    };
    let mut slug = String::with_capacity(readable.len());
    for c in readable.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') { c } else { '_' };
        if !(c == '_' && slug.ends_with('_')) {
            slug.push(c);
        }
    }
    let slug: String = slug.trim_matches(['_', '.']).chars().take(100).collect();
    let hash = url.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{slug}-{hash:08x}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_lists_skip_blanks_and_comments() {
        let list = "https://a.example/1\n\n  # a comment\n  https://b.example/2  \r\n#x\n";
        assert_eq!(read_url_list(list), ["https://a.example/1", "https://b.example/2"]);
    }

    #[test]
    fn saved_names_are_safe_and_distinct() {
        let a = saved_file_name("https://www.example.com/news/story?id=3");
        assert!(a.starts_with("www.example.com_news_story_id_3-") && a.ends_with(".html"), "{a}");
        let b = saved_file_name("https://www.example.com/news/story?id=4");
        assert_ne!(a, b);
        let odd = saved_file_name("http://127.0.0.1:8080/../../etc/passwd/ü");
        assert!(odd.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "{odd}");
        assert!(!odd.starts_with('.'), "{odd}");
        assert!(saved_file_name(&format!("https://e.com/{}", "x".repeat(500))).len() < 120);
    }
}
