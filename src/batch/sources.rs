//! What `pith batch` reads: directory trees of saved pages, single page files, and WARC files,
//! each turned into a stream of [`Task`]s in a stable order.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::task::{Fetched, Task};
use super::warc::WarcReader;
use crate::{ErrorKind, ErrorRecord, Record};

/// One command-line input of `pith batch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A directory: every `.html`, `.htm`, `.xhtml` (optionally `.gz`) file below it.
    Dir(PathBuf),
    /// A WARC file, plain or gzip (`.warc`, `.warc.gz`, or content starting with `WARC/`).
    Warc(PathBuf),
    /// One saved page.
    File(PathBuf),
}

impl Source {
    /// What a path is: a directory, a WARC file (by name, else by its first bytes), or a page.
    pub fn detect(path: &Path) -> io::Result<Source> {
        let meta =
            fs::metadata(path).map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
        if meta.is_dir() {
            return Ok(Source::Dir(path.to_path_buf()));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") || super::warc::sniff(path) {
            return Ok(Source::Warc(path.to_path_buf()));
        }
        Ok(Source::File(path.to_path_buf()))
    }

    /// The path given.
    pub fn path(&self) -> &Path {
        match self {
            Source::Dir(p) | Source::Warc(p) | Source::File(p) => p,
        }
    }
}

/// Is this file name a saved page? `.html`, `.htm`, `.xhtml`, each optionally `.gz`.
pub fn is_page_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"].iter().any(|ext| name.ends_with(ext))
}

/// How many bytes at a file's start (after gzip decompression) [`sniffs_as_html`] reads.
const SNIFF_BYTES: u64 = 1024;

/// Markup that only an HTML page starts with, lower case: saved pages whose names say nothing
/// (wget's `story.php`, `index.html?id=3`, `s.shtml`) are read when their start holds one.
const HTML_MARKERS: &[&str] = &["<!doctype html", "<html", "<head", "<body"];

/// Whether a file's first [`SNIFF_BYTES`] (decompressed, for gzip) hold an [HTML
/// marker](HTML_MARKERS). An XML feed or sitemap has none; an XHTML page has `<html`.
pub fn sniffs_as_html(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(file) = fs::File::open(path) else { return false };
    let mut file = io::BufReader::new(file);
    let gz = file.fill_buf().is_ok_and(|b| b.starts_with(super::task::GZIP_MAGIC));
    let mut head = Vec::new();
    let read = if gz {
        flate2::read::MultiGzDecoder::new(file).take(SNIFF_BYTES).read_to_end(&mut head)
    } else {
        file.take(SNIFF_BYTES).read_to_end(&mut head)
    };
    if read.is_err() && head.is_empty() {
        return false;
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    HTML_MARKERS.iter().any(|m| head.contains(m))
}

/// The name of the index `pith fetch --save-html DIR` writes beside the pages it saves.
pub const SAVED_INDEX: &str = "index.jsonl";

/// The saved pages of a `--save-html` folder, by file name, from its index (its later lines
/// win: a page fetched again is the newer one). Lines that do not parse are passed over.
pub(crate) fn read_saved_index(dir: &Path) -> Option<std::collections::HashMap<String, Fetched>> {
    let text = fs::read_to_string(dir.join(SAVED_INDEX)).ok()?;
    let mut pages = std::collections::HashMap::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(file) = v.get("file").and_then(|f| f.as_str()) else { continue };
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let fetched = Fetched {
            url: text("url"),
            http_status: v.get("http_status").and_then(serde_json::Value::as_u64).and_then(|s| u16::try_from(s).ok()),
            content_type: text("content_type"),
            fetched_at: text("fetched_at"),
        };
        pages.insert(file.to_string(), fetched);
    }
    Some(pages)
}

/// The pages of a directory tree, depth first, each directory's entries in byte order of
/// their names; hidden entries (`.name`) are skipped; symbolic links to files are read,
/// symbolic links to directories are not followed (no loops). Memory: the sorted names of
/// the directories on the current path, not the tree.
pub(crate) struct DirWalk {
    /// Directories still to list, deepest last; an unreadable one gives an `io` error record.
    stack: Vec<PendingDir>,
    /// Counts the files passed over, neither named nor sniffed as pages (for the summary: a
    /// folder of other files should not look like an empty one).
    not_pages: Option<Arc<AtomicU64>>,
    /// The root's `--save-html` index, when it has one: its pages get their URLs and fetch
    /// data, and the index itself is no skipped file.
    saved: Option<(PathBuf, Arc<std::collections::HashMap<String, Fetched>>)>,
}

struct PendingDir {
    dir: PathBuf,
    /// Entry names still to visit.
    names: Option<NameList>,
}

impl DirWalk {
    /// Walks `root`.
    pub(crate) fn new(root: &Path) -> DirWalk {
        let saved = read_saved_index(root).map(|index| (root.to_path_buf(), Arc::new(index)));
        DirWalk { stack: vec![PendingDir { dir: root.to_path_buf(), names: None }], not_pages: None, saved }
    }

    /// Walks `root`, adding to `not_pages` each file passed over.
    pub(crate) fn counting_not_pages(root: &Path, not_pages: Arc<AtomicU64>) -> DirWalk {
        DirWalk { not_pages: Some(not_pages), ..DirWalk::new(root) }
    }

    /// The number of pages below `root` (a second walk, for the progress bar).
    pub(crate) fn count(root: &Path) -> u64 {
        DirWalk::new(root).filter(|t| matches!(t, Task::File { .. })).count() as u64
    }
}

impl Iterator for DirWalk {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        loop {
            let top = self.stack.last_mut()?;
            let names = match &mut top.names {
                Some(names) => names,
                None => match list_dir(&top.dir) {
                    Ok(names) => top.names.insert(names),
                    Err(e) => {
                        let dir = self.stack.pop().map(|d| d.dir).unwrap_or_default();
                        let input = dir.to_string_lossy().into_owned();
                        let message = format!("cannot list the directory: {e}");
                        return Some(Task::Done(Record::Error(ErrorRecord::new(input, None, ErrorKind::Io, message))));
                    }
                },
            };
            let Some(name) = names.pop() else {
                self.stack.pop();
                continue;
            };
            let path = top.dir.join(&name);
            let Ok(link_meta) = fs::symlink_metadata(&path) else { continue };
            if link_meta.is_dir() {
                self.stack.push(PendingDir { dir: path, names: None });
                continue;
            }
            // A file, or a link to one (a dangling link gives its `not_found` record).
            if link_meta.file_type().is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                continue;
            }
            let in_saved_root = self.saved.as_ref().filter(|(root, _)| path.parent() == Some(root.as_path()));
            let name = name.to_string_lossy();
            if in_saved_root.is_some() && name == SAVED_INDEX {
                continue;
            }
            if !is_page_name(&name) && !sniffs_as_html(&path) {
                if let Some(not_pages) = &self.not_pages {
                    not_pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                continue;
            }
            let fetched = in_saved_root.and_then(|(_, index)| index.get(name.as_ref())).cloned().map(Box::new);
            let input = path.to_string_lossy().into_owned();
            return Some(Task::File { input, path, fetched });
        }
    }
}

/// A directory's entries, hidden ones left out, sorted.
fn list_dir(dir: &Path) -> io::Result<NameList> {
    let mut names = NameList::default();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !name.as_encoded_bytes().starts_with(b".") {
            names.push(&name);
        }
    }
    names.sort();
    Ok(names)
}

/// The sorted names of one directory, packed in one buffer (about 30 bytes a name, so a
/// flat directory of a million pages costs some 30 MB while it is walked), handed out in
/// order by `pop`.
#[derive(Default)]
struct NameList {
    #[cfg(unix)]
    bytes: Vec<u8>,
    /// (start, length) in `bytes`, sorted in reverse order so that `pop` gives the first.
    #[cfg(unix)]
    spans: Vec<(u32, u32)>,
    #[cfg(not(unix))]
    names: Vec<OsString>,
}

#[cfg(unix)]
impl NameList {
    fn push(&mut self, name: &std::ffi::OsStr) {
        let b = name.as_encoded_bytes();
        // Names are at most a few hundred bytes; a directory holds far fewer than 4 GB of them.
        let (Ok(start), Ok(len)) = (u32::try_from(self.bytes.len()), u32::try_from(b.len())) else { return };
        self.bytes.extend_from_slice(b);
        self.spans.push((start, len));
    }

    fn name(&self, (start, len): (u32, u32)) -> &[u8] {
        &self.bytes[start as usize..start as usize + len as usize]
    }

    fn sort(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        spans.sort_unstable_by(|a, b| self.name(*b).cmp(self.name(*a)));
        spans.shrink_to_fit();
        self.spans = spans;
        self.bytes.shrink_to_fit();
    }

    fn pop(&mut self) -> Option<OsString> {
        use std::os::unix::ffi::OsStrExt;
        let span = self.spans.pop()?;
        Some(std::ffi::OsStr::from_bytes(self.name(span)).to_os_string())
    }
}

#[cfg(not(unix))]
impl NameList {
    fn push(&mut self, name: &std::ffi::OsStr) {
        self.names.push(name.to_os_string());
    }

    fn sort(&mut self) {
        self.names.sort_unstable_by(|a, b| b.as_encoded_bytes().cmp(a.as_encoded_bytes()));
        self.names.shrink_to_fit();
    }

    fn pop(&mut self) -> Option<OsString> {
        self.names.pop()
    }
}

/// All the tasks of the sources, in order. `warc_bytes` counts the (compressed) bytes read
/// from WARC files, for the progress bar; `not_pages` the files of directories passed over
/// for their names.
pub(crate) fn tasks(
    sources: Vec<Source>,
    max_bytes: usize,
    warc_bytes: Arc<AtomicU64>,
    not_pages: Arc<AtomicU64>,
) -> impl Iterator<Item = Task> + Send {
    sources.into_iter().flat_map(move |source| -> Box<dyn Iterator<Item = Task> + Send> {
        match source {
            Source::Dir(dir) => Box::new(DirWalk::counting_not_pages(&dir, not_pages.clone())),
            Source::File(path) => Box::new(std::iter::once(Task::File {
                input: path.to_string_lossy().into_owned(),
                path,
                fetched: None,
            })),
            Source::Warc(path) => match WarcReader::open(&path, max_bytes, warc_bytes.clone()) {
                Ok(reader) => Box::new(reader),
                Err(e) => {
                    let input = path.to_string_lossy().into_owned();
                    let kind = if e.kind() == io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
                    let record = ErrorRecord::new(input, None, kind, format!("cannot open the WARC file: {e}"));
                    Box::new(std::iter::once(Task::Done(Record::Error(record))))
                }
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_name_order() {
        let dir = std::env::temp_dir().join(format!("pith-walk-{}", std::process::id()));
        for sub in ["b", "a/z", "a/y", ".git"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for f in [
            "b/2.html",
            "b/10.html",
            "a/z/p.htm",
            "a/y/q.html.gz",
            "a/k.xhtml",
            "a/notes.txt",
            ".git/x.html",
            "c.html",
            "a/.h.html",
        ] {
            fs::write(dir.join(f), "<p>x</p>").unwrap();
        }
        let got: Vec<String> = DirWalk::new(&dir)
            .map(|t| match t {
                Task::File { path, .. } => path.strip_prefix(&dir).unwrap().to_string_lossy().into_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, ["a/k.xhtml", "a/y/q.html.gz", "a/z/p.htm", "b/10.html", "b/2.html", "c.html"]);
        assert_eq!(DirWalk::count(&dir), 6);
        let not_pages = Arc::new(AtomicU64::new(0));
        assert_eq!(DirWalk::counting_not_pages(&dir, not_pages.clone()).count(), 6);
        assert_eq!(
            not_pages.load(std::sync::atomic::Ordering::Relaxed),
            1,
            "a/notes.txt (hidden entries are not counted)"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn page_names() {
        for yes in ["a.html", "A.HTM", "x.xhtml", "p.html.gz", "q.HTM.GZ"] {
            assert!(is_page_name(yes), "{yes}");
        }
        for no in ["a.txt", "index.jsonl", "x.gz", "html", "a.html.bak", "crawl.warc.gz"] {
            assert!(!is_page_name(no), "{no}");
        }
    }
}
