//! What `pith batch` reads: directory trees of saved pages, single page files, and WARC files,
//! each turned into a stream of [`Task`]s in a stable order.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::task::Task;
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
        let meta = fs::metadata(path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
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

/// The pages of a directory tree, depth first, each directory's entries in byte order of
/// their names; hidden entries (`.name`) are skipped; symbolic links to files are read,
/// symbolic links to directories are not followed (no loops). Memory: the names of the
/// directories on the current path, not the tree.
pub(crate) struct DirWalk {
    /// Directories still to list, deepest last; an unreadable one gives an `io` error record.
    stack: Vec<PendingDir>,
}

struct PendingDir {
    dir: PathBuf,
    /// Entry names still to visit, in reverse order (pop from the end).
    names: Option<Vec<OsString>>,
}

impl DirWalk {
    /// Walks `root`.
    pub(crate) fn new(root: &Path) -> DirWalk {
        DirWalk { stack: vec![PendingDir { dir: root.to_path_buf(), names: None }] }
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
            if !is_page_name(&name.to_string_lossy()) {
                continue;
            }
            // A file, or a link to one (a dangling link gives its `not_found` record).
            if link_meta.file_type().is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                continue;
            }
            let input = path.to_string_lossy().into_owned();
            return Some(Task::File { input, path });
        }
    }
}

/// A directory's entries, hidden ones left out, sorted so that `pop` gives them in order.
fn list_dir(dir: &Path) -> io::Result<Vec<OsString>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !name.to_string_lossy().starts_with('.') {
            names.push(name);
        }
    }
    names.sort_unstable_by(|a, b| b.as_encoded_bytes().cmp(a.as_encoded_bytes()));
    Ok(names)
}

/// All the tasks of the sources, in order. `warc_bytes` counts the (compressed) bytes read
/// from WARC files, for the progress bar.
pub(crate) fn tasks(
    sources: Vec<Source>,
    max_bytes: usize,
    warc_bytes: Arc<AtomicU64>,
) -> impl Iterator<Item = Task> + Send {
    sources.into_iter().flat_map(move |source| -> Box<dyn Iterator<Item = Task> + Send> {
        match source {
            Source::Dir(dir) => Box::new(DirWalk::new(&dir)),
            Source::File(path) => {
                Box::new(std::iter::once(Task::File { input: path.to_string_lossy().into_owned(), path }))
            }
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
    fn page_names() {
        for yes in ["a.html", "A.HTM", "x.xhtml", "p.html.gz", "q.HTM.GZ"] {
            assert!(is_page_name(yes), "{yes}");
        }
        for no in ["a.txt", "index.jsonl", "x.gz", "html", "a.html.bak", "crawl.warc.gz"] {
            assert!(!is_page_name(no), "{no}");
        }
    }
}
