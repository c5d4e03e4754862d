//! The output of a batch: whole JSON lines, written as they are ready, and `--resume`.
//!
//! Each record is one `write` of its line and newline, so a kill leaves at most the last
//! line partial. `--resume` reads the file back (only a regular file: a device such as
//! `/dev/zero` could be read forever), keeps a last line that is a complete record even
//! without its newline, cuts a partial one, and counts the `input` of every record: those
//! inputs are skipped (an input listed twice is skipped as often as it is in the file, so
//! nothing is lost and nothing doubled). A line is never held whole past
//! [`RESUME_LINE_HEAD`]: a longer record is known by the `input` at its start.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::terminal;

/// The bytes of a line read when resuming; a record longer than this is read by the `input`
/// key at its start (pith writes `schema_version`, `status`, `input` first) and the rest is
/// skipped.
pub const RESUME_LINE_HEAD: usize = 1 << 20;

/// Where the records go.
pub enum Output {
    /// Standard output (flushed after every line).
    Stdout(io::Stdout),
    /// A file, written without a buffer: one `write` per line.
    File {
        /// The open file.
        file: File,
        /// Its path, for messages.
        path: PathBuf,
    },
    /// Any writer (tests, embedding), flushed after every line.
    Writer(Box<dyn Write + Send>),
}

impl Output {
    /// Creates (or truncates) `path`.
    pub fn create(path: &Path) -> io::Result<Output> {
        File::create(path)
            .map(|file| Output::File { file, path: path.to_path_buf() })
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))
    }

    /// Opens `path` to resume: keeps the complete records, cuts a partial last line, and
    /// returns the inputs already done. A missing file is a fresh start; a path that is not
    /// a regular file is an error (`InvalidInput`) before anything is read.
    pub fn resume(path: &Path) -> io::Result<(Output, Done)> {
        let context = |e: io::Error| io::Error::new(e.kind(), format!("cannot resume {}: {e}", path.display()));
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return Err(context(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file (resume reads the records already written back from it)",
            )));
        }
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(context)?;
        let (done, end) = Done::scan(&mut file, path).map_err(context)?;
        file.seek(SeekFrom::Start(end.keep)).map_err(context)?;
        if end.add_newline {
            file.write_all(b"\n").map_err(context)?;
        }
        Ok((Output::File { file, path: path.to_path_buf() }, done))
    }

    /// The file written, if it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Output::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Writes one line (a newline is added) and flushes it. An error names the file (its
    /// kind is kept: a closed standard output is still `BrokenPipe`).
    pub fn line(&mut self, line: &str) -> io::Result<()> {
        let mut buf = String::with_capacity(line.len() + 1);
        buf.push_str(line);
        buf.push('\n');
        match self {
            Output::Stdout(s) => {
                let mut s = s.lock();
                s.write_all(buf.as_bytes())
                    .and_then(|()| s.flush())
                    .map_err(|e| io::Error::new(e.kind(), format!("cannot write to standard output: {e}")))
            }
            Output::File { file, path } => file
                .write_all(buf.as_bytes())
                .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))),
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

/// Where the records of a resumed file end.
struct End {
    /// The length to keep.
    keep: u64,
    /// The last record has no newline: write one before the next record.
    add_newline: bool,
}

impl Done {
    /// Reads `file` from the start.
    fn scan(file: &mut File, path: &Path) -> io::Result<(Done, End)> {
        let mut done = Done::default();
        let mut reader = BufReader::with_capacity(1 << 20, &mut *file);
        let mut head = Vec::new();
        let mut end = End { keep: 0, add_newline: false };
        let mut number = 0u64;
        loop {
            head.clear();
            let (n, newline) = read_line_head(&mut reader, &mut head)?;
            if n == 0 {
                break;
            }
            number += 1;
            let complete = head.len() as u64 + u64::from(newline) == n;
            // A last line without its newline counts only if it is a whole record.
            let input = if newline || complete { record_input(&head, complete) } else { None };
            let input = match input {
                Some(input) => input,
                // A last line without its newline that is no record: the run was killed
                // while writing it.
                None if !newline => {
                    drop(reader);
                    file.set_len(end.keep)?;
                    let message = format!(
                        "pith: {}: cut a partial last line ({n} bytes) left by an interrupted run",
                        path.display()
                    );
                    eprintln!("{}", terminal::escape(&message));
                    return Ok((done, end));
                }
                None => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("line {number} is not a pith record; is this the right output file?"),
                    ));
                }
            };
            done.insert(&input);
            end.keep += n;
            end.add_newline = !newline;
        }
        Ok((done, end))
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

    /// Occurrences not taken: records of the file that matched no input.
    pub fn unmatched(&self) -> u64 {
        self.counts.values().map(|&n| u64::from(n)).sum()
    }
}

/// Reads one line, keeping at most [`RESUME_LINE_HEAD`] bytes of it (without the newline)
/// in `head`; returns the bytes the line takes in the file (newline included) and whether
/// it ended with a newline.
fn read_line_head(r: &mut impl BufRead, head: &mut Vec<u8>) -> io::Result<(u64, bool)> {
    let mut n = 0u64;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok((n, false));
        }
        let (take, newline) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let content = &buf[..take - usize::from(newline)];
        let room = RESUME_LINE_HEAD.saturating_sub(head.len());
        head.extend_from_slice(&content[..content.len().min(room)]);
        r.consume(take);
        n += take as u64;
        if newline {
            return Ok((n, true));
        }
    }
}

/// The `input` of a record line: the whole line parsed when `complete`, else the `input`
/// key read from the head of a long record.
fn record_input(head: &[u8], complete: bool) -> Option<String> {
    let head = head.strip_suffix(b"\r").unwrap_or(head);
    if complete {
        return serde_json::from_slice::<InputOnly>(head).ok().map(|r| r.input);
    }
    if !head.starts_with(b"{\"schema_version\":") {
        return None;
    }
    let at = memchr::memmem::find(head, b"\"input\":")? + b"\"input\":".len();
    let mut values = serde_json::Deserializer::from_slice(&head[at..]).into_iter::<String>();
    values.next()?.ok()
}

/// Resumes from `r` for tests: the reading logic without a file.
#[cfg(test)]
fn scan_reader(mut r: impl io::Read) -> (Done, u64, bool) {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes).unwrap();
    let dir = tempfile_dir();
    let path = dir.join("scan.jsonl");
    std::fs::write(&path, &bytes).unwrap();
    let mut file = OpenOptions::new().read(true).write(true).open(&path).unwrap();
    let (done, end) = Done::scan(&mut file, &path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (done, end.keep, end.add_newline)
}

#[cfg(test)]
fn tempfile_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir =
        std::env::temp_dir().join(format!("pith-out-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_cuts_the_partial_line_and_counts_inputs() {
        let dir = tempfile_dir();
        let path = dir.join("out.jsonl");
        std::fs::write(&path, "{\"input\":\"a\"}\n{\"input\":\"b\",\"x\":1}\n{\"input\":\"a\"}\n{\"input\":\"c\",\"ti")
            .unwrap();
        let (mut out, mut done) = Output::resume(&path).unwrap();
        assert_eq!(done.total(), 3);
        assert!(done.take("a") && done.take("a") && !done.take("a"));
        assert!(done.take("b") && !done.take("c"));
        assert_eq!(done.unmatched(), 0);
        out.line("{\"input\":\"c\"}").unwrap();
        drop(out);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"input\":\"a\"}\n{\"input\":\"b\",\"x\":1}\n{\"input\":\"a\"}\n{\"input\":\"c\"}\n");
        std::fs::write(&path, "{\"input\":\"a\"}\nnot json\n").unwrap();
        assert!(Output::resume(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_complete_last_record_without_newline_is_kept() {
        let dir = tempfile_dir();
        let path = dir.join("one.jsonl");
        std::fs::write(&path, "{\"input\":\"only\",\"status\":\"ok\"}").unwrap();
        let (mut out, mut done) = Output::resume(&path).unwrap();
        assert!(done.take("only"));
        out.line("{\"input\":\"next\"}").unwrap();
        drop(out);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"input\":\"only\",\"status\":\"ok\"}\n{\"input\":\"next\"}\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn long_records_are_read_by_their_head_and_never_held_whole() {
        let long = format!(
            "{{\"schema_version\":1,\"status\":\"ok\",\"input\":\"big \\\"one\\\"\",\"text\":\"{}\"}}\n",
            "x".repeat(3 * RESUME_LINE_HEAD)
        );
        let text = format!("{long}{{\"input\":\"small\"}}\n");
        let (mut done, keep, newline) = scan_reader(text.as_bytes());
        assert_eq!((done.total(), keep, newline), (2, text.len() as u64, false));
        assert!(done.take("big \"one\"") && done.take("small"));
        // A long line that is not a record is refused, not read to its end into memory.
        let mut head = Vec::new();
        let junk = vec![b'z'; 3 * RESUME_LINE_HEAD];
        let (n, newline) = read_line_head(&mut io::Cursor::new(&junk), &mut head).unwrap();
        assert_eq!((n, newline, head.len()), (junk.len() as u64, false, RESUME_LINE_HEAD));
        assert_eq!(record_input(&head, false), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        for dev in ["/dev/zero", "/dev/null", "/dev/full"] {
            if Path::new(dev).exists() {
                let err = Output::resume(Path::new(dev)).err().expect("a device is refused");
                assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{dev}: {err}");
                assert!(err.to_string().contains("not a regular file"), "{err}");
            }
        }
    }
}
