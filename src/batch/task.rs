//! One unit of work and how it becomes a record: read (files), decompress (`.gz`), parse (a
//! `filter` line), extract, all behind a panic guard.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;

use crate::article::{Warning, WarningCode};
use crate::{ErrorKind, ErrorRecord, ExtractOptions, Extractor, Record};

/// One input record to turn into one output record.
#[derive(Debug)]
pub(crate) enum Task {
    /// A saved page on disk (`.gz` is decompressed); `input` is its path as walked.
    File {
        /// The `input` of the record.
        input: String,
        /// Where to read it.
        path: PathBuf,
        /// Its URL and fetch data, from the `--save-html` index of its folder.
        fetched: Option<Box<Fetched>>,
    },
    /// Page bytes already read (a WARC record).
    Page(Page),
    /// One `filter` line, parsed by the worker; `line` is its 1-based number.
    Line {
        /// 1-based line number.
        line: u64,
        /// The line without its newline.
        text: Vec<u8>,
    },
    /// A record decided by the reader (a damaged WARC, an over-long line).
    Done(Record),
    /// Panics when worked on (tests of the panic guard).
    #[cfg(test)]
    Poison(String),
}

/// What a `--save-html` folder's `index.jsonl` says of one saved page: the URL it was
/// fetched from and the fetch's data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fetched {
    pub url: Option<String>,
    pub http_status: Option<u16>,
    pub content_type: Option<String>,
    pub fetched_at: Option<String>,
}

/// Page bytes with what is known about them.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub input: String,
    pub url: Option<String>,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub http_status: Option<u16>,
    pub fetched_at: Option<String>,
}

impl Task {
    /// The `input` of the record this task gives, when known before the work (for `--resume`).
    pub(crate) fn input(&self) -> Option<&str> {
        match self {
            Task::File { input, .. } => Some(input),
            Task::Page(p) => Some(&p.input),
            Task::Line { .. } => None,
            #[cfg(test)]
            Task::Poison(input) => Some(input),
            Task::Done(Record::Error(e)) => Some(&e.input),
            Task::Done(Record::Article(a)) => Some(&a.input),
        }
    }
}

/// Turns tasks into records with one extractor and one set of limits.
#[derive(Debug, Clone)]
pub(crate) struct Worker {
    pub extractor: Extractor,
    pub explain: bool,
}

impl Worker {
    /// The record of one task. Never panics: a panic becomes an `internal` error record.
    pub(crate) fn record(&self, task: Task) -> Record {
        let (input, url) = match &task {
            Task::Line { line, .. } => (line.to_string(), None),
            Task::Page(p) => (p.input.clone(), p.url.clone()),
            other => (other.input().unwrap_or_default().to_string(), None),
        };
        crate::guarded(&input, url.as_deref(), || self.record_unguarded(task))
    }

    fn record_unguarded(&self, task: Task) -> Record {
        match task {
            Task::Done(record) => record,
            #[cfg(test)]
            Task::Poison(input) => panic!("poisoned page {input}"),
            Task::File { input, path, fetched } => {
                let fetched = fetched.map(|f| *f).unwrap_or_default();
                match read_file(&path, self.extractor.limits().max_input_bytes) {
                    Ok(bytes) => {
                        let conflict = charset_conflict(fetched.content_type.as_deref(), &bytes);
                        let opts = ExtractOptions::new(input)
                            .with_url(fetched.url)
                            .with_content_type(fetched.content_type)
                            .with_http_status(fetched.http_status)
                            .with_fetched_at(fetched.fetched_at);
                        with_warning(self.extract(&bytes, opts), conflict)
                    }
                    Err((kind, message)) => Record::Error(ErrorRecord::new(input, fetched.url, kind, message)),
                }
            }
            Task::Page(page) => {
                let conflict = charset_conflict(page.content_type.as_deref(), &page.bytes);
                let opts = ExtractOptions::new(page.input)
                    .with_url(page.url)
                    .with_content_type(page.content_type)
                    .with_http_status(page.http_status)
                    .with_fetched_at(page.fetched_at);
                with_warning(self.extract(&page.bytes, opts), conflict)
            }
            Task::Line { line, text } => match super::line::parse_line(line, &text) {
                Ok(page) => {
                    let opts = ExtractOptions::new(page.input).with_url(page.url);
                    self.extract(&page.bytes, opts)
                }
                Err(record) => Record::Error(record),
            },
        }
    }

    fn extract(&self, bytes: &[u8], opts: ExtractOptions) -> Record {
        self.extractor.record(bytes, &opts.with_explain(self.explain))
    }
}

/// The record with `warning` added, when it is an article.
fn with_warning(record: Record, warning: Option<Warning>) -> Record {
    match record {
        Record::Article(mut article) => {
            article.warnings.extend(warning);
            Record::Article(article)
        }
        error => error,
    }
}

/// Reads a saved page: the file size is checked before reading, and a gzip file (named `.gz`,
/// or starting with gzip's magic bytes) is decompressed up to the limit (a gzip bomb stops
/// there).
pub(crate) fn read_file(path: &std::path::Path, max_bytes: usize) -> Result<Vec<u8>, (ErrorKind, String)> {
    let io_error = |e: io::Error| crate::file_read_error(&e);
    let file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    let mut file = io::BufReader::new(file);
    let gz = is_gz(path) || file.fill_buf().map_err(io_error)?.starts_with(GZIP_MAGIC);
    if !gz && size > max_bytes as u64 {
        return Err((ErrorKind::TooLarge, format!("input is {size} bytes, over the limit of {max_bytes}")));
    }
    let limit = max_bytes as u64 + 1;
    let mut bytes = Vec::new();
    if gz {
        MultiGzDecoder::new(file)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| (ErrorKind::Decode, format!("cannot decompress: {e}")))?;
        if bytes.len() > max_bytes {
            return Err((
                ErrorKind::TooLarge,
                format!("input is over the limit of {max_bytes} bytes once decompressed"),
            ));
        }
    } else {
        bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
        file.take(limit).read_to_end(&mut bytes).map_err(io_error)?;
        if bytes.len() > max_bytes {
            return Err((ErrorKind::TooLarge, format!("input is over the limit of {max_bytes} bytes")));
        }
    }
    Ok(bytes)
}

/// Reads a page from a stream (standard input) as [`read_file`] reads a file: gzip (by its
/// magic bytes) is decompressed, and the byte limit applies to the page, decompressed.
pub(crate) fn read_stream(stream: impl Read, max_bytes: usize) -> Result<Vec<u8>, (ErrorKind, String)> {
    let limit = max_bytes as u64 + 1;
    let mut bytes = Vec::new();
    stream.take(limit).read_to_end(&mut bytes).map_err(|e| (ErrorKind::Io, format!("cannot read: {e}")))?;
    if bytes.starts_with(GZIP_MAGIC) {
        let mut page = Vec::new();
        MultiGzDecoder::new(&bytes[..])
            .take(limit)
            .read_to_end(&mut page)
            .map_err(|e| (ErrorKind::Decode, format!("cannot decompress: {e}")))?;
        bytes = page;
    }
    if bytes.len() > max_bytes {
        return Err((ErrorKind::TooLarge, format!("input is over the limit of {max_bytes} bytes")));
    }
    Ok(bytes)
}

/// A `charset_conflict` warning when the HTTP header's charset contradicts the bytes: the
/// header wins (as in browsers), so such a page decodes to mojibake. Two cases are certain
/// enough to say: a legacy charset declared for bytes that are valid UTF-8 with non-ASCII
/// characters (a UTF-8 page misdeclared), and UTF-8 declared for bytes that are not UTF-8.
/// A byte order mark overrides the header, so there is no conflict then.
pub(crate) fn charset_conflict(content_type: Option<&str>, bytes: &[u8]) -> Option<Warning> {
    let label = content_type?
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']))?;
    let declared = encoding_rs::Encoding::for_label(label.as_bytes())?;
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let message = if declared == encoding_rs::UTF_8
        || declared == encoding_rs::UTF_16LE
        || declared == encoding_rs::UTF_16BE
    {
        if utf8 {
            return None;
        }
        format!("the HTTP header declares {label} but the bytes are not UTF-8; decoded as UTF-8")
    } else {
        if !utf8 || bytes.is_ascii() {
            return None;
        }
        format!("the HTTP header declares {label} but the bytes are UTF-8; decoded as {} (mojibake)", declared.name())
    };
    Some(Warning { code: WarningCode::CharsetConflict, message })
}

/// The first two bytes of every gzip member.
pub(crate) const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

fn is_gz(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_conflicts() {
        let utf8 = "<p>café naïve</p>".as_bytes();
        let latin1 = b"<p>caf\xe9</p>";
        let conflict = |ct: &str, b: &[u8]| charset_conflict(Some(ct), b).map(|w| w.message);
        assert!(conflict("text/html; charset=iso-8859-1", utf8).unwrap().contains("the bytes are UTF-8"));
        assert!(conflict("text/html; charset=\"UTF-8\"", latin1).unwrap().contains("not UTF-8"));
        assert_eq!(conflict("text/html; charset=iso-8859-1", latin1), None);
        assert_eq!(conflict("text/html; charset=utf-8", utf8), None);
        assert_eq!(conflict("text/html; charset=iso-8859-1", b"<p>plain ascii</p>"), None);
        assert_eq!(conflict("text/html", utf8), None, "no charset, no conflict");
        assert_eq!(conflict("text/html; charset=no-such-charset", utf8), None);
        assert_eq!(conflict("text/html; charset=iso-8859-1", &[b"\xef\xbb\xbf", utf8].concat()), None, "a BOM wins");
    }

    #[test]
    fn gz_files_stop_at_the_limit() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("pith-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bomb.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b' '; 5_000_000]).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let (kind, _) = read_file(&path, 1_000_000).unwrap_err();
        assert_eq!(kind, ErrorKind::TooLarge);
        assert_eq!(read_file(&path, 5_000_000).unwrap().len(), 5_000_000);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
