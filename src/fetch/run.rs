//! Many URLs: one worker per host, extraction off the async threads, records back in input
//! order, raw HTML saved on request, a progress bar.
//!
//! URLs are grouped by the host of the URL as given; each group is worked through in input
//! order by its own task, so a slow or rate-limited host delays only its own URLs. The
//! [`Fetcher`] keeps the politeness (host gates, robots.txt, the global limit). A finished page
//! is extracted on the blocking pool, at most one page per core at a time (which also bounds
//! the bodies held in memory), while its host worker goes on to the next URL. Records come
//! back in any order and are handed to the caller in input order as soon as every earlier
//! URL is done.

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::{Semaphore, mpsc};
use url::Url;

use super::client::{Fetcher, Page, host_key, parse_url};
use super::error::FetchFailure;
use super::options::FetchOptions;
use super::progress::Progress;
use crate::{ErrorKind, ErrorRecord, Extractor, Record};

/// Settings of a run beyond HTTP.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RunOptions {
    /// Fill `removed` in each article.
    pub explain: bool,
    /// Keep each fetched HTML body in this directory (with an `index.jsonl` of what each file is).
    pub save_html: Option<PathBuf>,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
}

/// What a run gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Records that are articles.
    pub articles: usize,
    /// Error records (including `internal` ones).
    pub errors: usize,
    /// Error records of kind `internal`: bugs.
    pub internal: usize,
}

/// The URLs of a URL list: one a line, surrounding blanks trimmed, empty lines and `#`
/// comments skipped.
pub fn read_url_list(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// Fetches and extracts every URL, calling `emit(index, record)` once per URL in input order.
///
/// Fails only when `emit` fails or `save_html` cannot be set up; every URL's own failure is
/// its error record.
pub async fn run<F>(
    fetcher: &Fetcher,
    extractor: &Extractor,
    urls: &[String],
    opts: &RunOptions,
    mut emit: F,
) -> io::Result<Summary>
where
    F: FnMut(usize, Record) -> io::Result<()>,
{
    let saver = opts.save_html.as_deref().map(Saver::open).transpose()?.map(Arc::new);
    let progress = Arc::new(Progress::new(urls.len() as u64, opts.progress));
    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Record)>();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let extract_slots = Arc::new(Semaphore::new(cores));

    // Group by host, hosts in order of first appearance.
    let mut groups: Vec<Vec<(usize, String)>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (i, input) in urls.iter().enumerate() {
        match parse_url(input) {
            Err(error) => {
                let _ = tx.send((i, Record::Error(FetchFailure { url: None, error }.to_record(input.as_str()))));
            }
            Ok(url) => {
                let g = *group_of.entry(host_key(&url)).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push((i, input.clone()));
            }
        }
    }
    for items in groups {
        let worker = HostWorker {
            fetcher: fetcher.clone(),
            extractor: extractor.clone(),
            tx: tx.clone(),
            extract_slots: extract_slots.clone(),
            saver: saver.clone(),
            progress: progress.clone(),
            explain: opts.explain,
        };
        tokio::spawn(worker.run(items));
    }
    drop(tx);

    // Hand records out in input order.
    let mut summary = Summary::default();
    let mut waiting: BTreeMap<usize, Record> = BTreeMap::new();
    let mut next = 0usize;
    let mut give = |i: usize, record: Record, summary: &mut Summary| -> io::Result<()> {
        match &record {
            Record::Article(_) => summary.articles += 1,
            Record::Error(e) => {
                summary.errors += 1;
                if e.error.kind == ErrorKind::Internal {
                    summary.internal += 1;
                }
            }
        }
        progress.suspend(|| emit(i, record))
    };
    while let Some((i, record)) = rx.recv().await {
        progress.done(matches!(record, Record::Error(_)));
        waiting.insert(i, record);
        while let Some(record) = waiting.remove(&next) {
            give(next, record, &mut summary)?;
            next += 1;
        }
    }
    // Every sender is gone: a URL still missing lost its worker to a bug.
    for (i, input) in urls.iter().enumerate().skip(next) {
        let record = waiting.remove(&i).unwrap_or_else(|| {
            progress.done(true);
            Record::Error(ErrorRecord::new(
                input.clone(),
                None,
                ErrorKind::Internal,
                "internal error: the fetch task stopped (a bug; please report it)",
            ))
        });
        give(i, record, &mut summary)?;
    }
    progress.finish();
    Ok(summary)
}

/// [`run`] on its own tokio runtime, for callers without one (the `pith` binary).
pub fn run_blocking<F>(
    fetch: FetchOptions,
    extractor: &Extractor,
    urls: &[String],
    opts: &RunOptions,
    emit: F,
) -> io::Result<Summary>
where
    F: FnMut(usize, Record) -> io::Result<()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(async {
        let fetcher = Fetcher::new(fetch).map_err(io::Error::other)?;
        run(&fetcher, extractor, urls, opts, emit).await
    });
    // Do not wait for extractions still running after a failed `emit` (a closed pipe).
    runtime.shutdown_background();
    result
}

struct HostWorker {
    fetcher: Fetcher,
    extractor: Extractor,
    tx: mpsc::UnboundedSender<(usize, Record)>,
    extract_slots: Arc<Semaphore>,
    saver: Option<Arc<Saver>>,
    progress: Arc<Progress>,
    explain: bool,
}

impl HostWorker {
    async fn run(self, items: Vec<(usize, String)>) {
        for (i, input) in items {
            let page = match self.fetcher.fetch(&input).await {
                Ok(page) => page,
                Err(failure) => {
                    let _ = self.tx.send((i, Record::Error(failure.to_record(input))));
                    continue;
                }
            };
            let Ok(permit) = self.extract_slots.clone().acquire_owned().await else { return };
            let (tx, extractor, saver, progress) =
                (self.tx.clone(), self.extractor.clone(), self.saver.clone(), self.progress.clone());
            let explain = self.explain;
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                if let Some(saver) = saver
                    && let Err(e) = saver.save(&input, &page)
                {
                    progress.warn(&format!("pith: warning: cannot save the HTML of {input}: {e}"));
                }
                let _ = tx.send((i, extract(&extractor, &input, &page, explain)));
            });
        }
    }
}

/// Extracts a fetched page (`Extractor::record` turns a panic into an `internal` error record).
fn extract(extractor: &Extractor, input: &str, page: &Page, explain: bool) -> Record {
    extractor.record(&page.body, &page.extract_options(input).with_explain(explain))
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
        std::fs::write(self.dir.join(&file), &page.body)?;
        let line = serde_json::json!({
            "input": input,
            "url": page.url,
            "file": file,
            "http_status": page.status,
            "content_type": page.content_type,
            "fetched_at": page.fetched_at,
        });
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        writeln!(index, "{line}")
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
