//! A streaming WARC reader (WARC 1.0 and 1.1, plain or gzip, one member per record or one
//! for the whole file) that hands out HTML pages and tolerates damage.
//!
//! - `response` records are HTTP responses: the status line and headers are parsed, the body
//!   is the page (`Transfer-Encoding: chunked` and `Content-Encoding: gzip`/`deflate` undone);
//!   `resource` records are the page itself, typed by the record's `Content-Type`.
//! - A page is a 2xx response (or a resource) whose content type is HTML or XHTML, or is not
//!   given. Other records (`warcinfo`, `request`, `metadata`, `revisit`, …), non-HTML
//!   payloads and 1xx/3xx responses (redirects: their target has its own record) are skipped;
//!   a 4xx/5xx HTML response gives an `http_status` error record.
//! - `input` is the record's `WARC-Record-ID` (without the angle brackets), `url` its
//!   `WARC-Target-URI`, `source.fetched_at` its `WARC-Date`.
//! - Damage (a cut file, a corrupt gzip member, a record that is not one) ends the file: the
//!   records before it come out, then one `truncated` error record.
//!
//! Memory: one page at a time; a record over the byte limit is skipped over, never held.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::task::{Page, Task};
use crate::{ErrorKind, ErrorRecord, Record};

/// Longest header line read (WARC or HTTP).
const MAX_LINE: usize = 64 * 1024;
/// Most header lines in one WARC or HTTP header.
const MAX_HEADER_LINES: usize = 1000;

/// Does this file start like a WARC file (plain, or gzip whose content does)?
pub(crate) fn sniff(path: &Path) -> bool {
    let Ok(file) = File::open(path) else { return false };
    let mut head = [0u8; 5];
    let mut r = BufReader::new(file);
    let gz = r.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]));
    let n = if gz { read_up_to(&mut MultiGzDecoder::new(r), &mut head) } else { read_up_to(&mut r, &mut head) };
    &head[..n] == b"WARC/"
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// Counts the bytes read from the file (compressed), for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The pages of one WARC file, as tasks; see the module documentation.
pub(crate) struct WarcReader {
    r: Box<dyn BufRead + Send>,
    path: String,
    /// Bytes of (uncompressed) WARC content consumed.
    offset: u64,
    max_bytes: usize,
    finished: bool,
}

/// Where and how a file is damaged.
struct Damage {
    id: Option<String>,
    url: Option<String>,
    what: String,
}

impl Damage {
    fn new(what: impl Into<String>) -> Damage {
        Damage { id: None, url: None, what: what.into() }
    }
}

impl From<io::Error> for Damage {
    fn from(e: io::Error) -> Damage {
        Damage::new(e.to_string())
    }
}

/// The header of one WARC record.
#[derive(Default)]
struct WarcHeader {
    fields: Vec<(String, String)>,
}

impl WarcHeader {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    /// Opens a WARC file; gzip is recognised by its magic bytes.
    pub(crate) fn open(path: &Path, max_bytes: usize, count: Arc<AtomicU64>) -> io::Result<WarcReader> {
        let file = Counting { inner: File::open(path)?, count };
        let mut raw = BufReader::with_capacity(64 * 1024, file);
        let gz = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let r: Box<dyn BufRead + Send> =
            if gz { Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(raw))) } else { Box::new(raw) };
        Ok(WarcReader::new(r, path.to_string_lossy().into_owned(), max_bytes))
    }

    /// A reader over any stream of WARC content (already decompressed); `path` names it in
    /// error records.
    pub(crate) fn new(r: Box<dyn BufRead + Send>, path: String, max_bytes: usize) -> WarcReader {
        WarcReader { r, path, offset: 0, max_bytes, finished: false }
    }

    /// Reads one line (with its end), at most [`MAX_LINE`] bytes; empty at the end of input.
    fn line(&mut self, buf: &mut Vec<u8>) -> Result<(), Damage> {
        buf.clear();
        let n = (&mut self.r).take(MAX_LINE as u64).read_until(b'\n', buf)?;
        self.offset += n as u64;
        if n == MAX_LINE && !buf.ends_with(b"\n") {
            return Err(Damage::new("a header line is too long"));
        }
        Ok(())
    }

    /// The next record: `Ok(None)` at a clean end, `Ok(Some(None))` for a skipped record.
    fn record(&mut self) -> Result<Option<Option<Task>>, Damage> {
        let start = self.offset;
        let mut line = Vec::new();
        // Blank lines between records (each record ends with two CRLFs).
        loop {
            self.line(&mut line)?;
            if line.is_empty() {
                return Ok(None);
            }
            if !is_blank(&line) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(Damage::new(format!("no WARC record starts at byte {start}")));
        }
        let mut header = WarcHeader::default();
        loop {
            self.line(&mut line)?;
            if line.is_empty() {
                return Err(Damage::new("the file ends inside a record header"));
            }
            if is_blank(&line) {
                break;
            }
            if header.fields.len() >= MAX_HEADER_LINES {
                return Err(Damage::new("a record header has too many lines"));
            }
            push_field(&mut header.fields, &line);
        }
        let id = header.get("WARC-Record-ID").map(unbracket);
        let url = header.get("WARC-Target-URI").map(unbracket);
        let with_place = |mut d: Damage| {
            d.id.clone_from(&id);
            d.url.clone_from(&url);
            d
        };
        let Some(len) = header.get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            return Err(with_place(Damage::new("a record has no valid Content-Length")));
        };
        let kind = header.get("WARC-Type").unwrap_or_default().trim().to_ascii_lowercase();
        let mut block = Block { r: &mut self.r, left: len };
        let outcome = match kind.as_str() {
            "response" => {
                let http =
                    header.get("Content-Type").is_none_or(|t| t.to_ascii_lowercase().contains("application/http"));
                if http { read_response(&mut block, self.max_bytes) } else { Ok(Outcome::Skip) }
            }
            "resource" if header.get("Content-Type").is_none_or(is_html_type) => {
                let content_type = header.get("Content-Type").map(str::to_string);
                read_resource(&mut block, self.max_bytes, content_type)
            }
            _ => Ok(Outcome::Skip),
        };
        let outcome = outcome.map_err(|e| with_place(e.into()))?;
        block.skip().map_err(|e| with_place(e.into()))?;
        self.offset += len;
        let input = id.clone().unwrap_or_else(|| format!("{}@{start}", self.path));
        let fetched_at = header.get("WARC-Date").map(|d| d.trim().to_string());
        let error = |kind, message: String| {
            Some(Task::Done(Record::Error(ErrorRecord::new(input.clone(), url.clone(), kind, message))))
        };
        Ok(Some(match outcome {
            Outcome::Skip => None,
            Outcome::TooLarge(size) => {
                error(ErrorKind::TooLarge, format!("the page is {size} bytes, over the limit of {}", self.max_bytes))
            }
            Outcome::Status(status, reason) => {
                let message = format!("HTTP {status} {reason}").trim_end().to_string();
                Some(Task::Done(Record::Error(
                    ErrorRecord::new(input.clone(), url.clone(), ErrorKind::HttpStatus, message)
                        .with_status(Some(status)),
                )))
            }
            Outcome::Undecodable(message) => error(ErrorKind::Decode, message),
            Outcome::Page(body) => Some(Task::Page(Page {
                input,
                url,
                bytes: body.bytes,
                content_type: body.content_type,
                http_status: body.status,
                fetched_at,
            })),
        }))
    }
}

impl Iterator for WarcReader {
    type Item = Task;

    fn next(&mut self) -> Option<Task> {
        while !self.finished {
            match self.record() {
                Ok(None) => self.finished = true,
                Ok(Some(None)) => {}
                Ok(Some(Some(task))) => return Some(task),
                Err(d) => {
                    self.finished = true;
                    let input = d.id.clone().unwrap_or_else(|| self.path.clone());
                    let message = format!(
                        "the WARC file {} is damaged or truncated near byte {} of its content ({}); the records after this point are lost",
                        self.path, self.offset, d.what
                    );
                    return Some(Task::Done(Record::Error(ErrorRecord::new(
                        input,
                        d.url,
                        ErrorKind::Truncated,
                        message,
                    ))));
                }
            }
        }
        None
    }
}

/// The block of one record: reads stop at its end; a read that finds the file ended before
/// it is an `UnexpectedEof` error.
struct Block<'a> {
    r: &'a mut Box<dyn BufRead + Send>,
    left: u64,
}

impl Block<'_> {
    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        let cap = self.left.min(MAX_LINE as u64);
        let n = (&mut *self.r).take(cap).read_until(b'\n', buf)?;
        self.left -= n as u64;
        if n == 0 && cap > 0 {
            return Err(cut());
        }
        Ok(n)
    }

    /// Reads the rest of the block (it must fit in `limit`, else `None` and nothing is kept).
    fn read_rest(&mut self, limit: usize) -> io::Result<Option<Vec<u8>>> {
        if self.left > limit as u64 {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(self.left as usize);
        let n = (&mut *self.r).take(self.left).read_to_end(&mut bytes)?;
        self.left -= n as u64;
        if self.left > 0 {
            return Err(cut());
        }
        Ok(Some(bytes))
    }

    /// Skips what is left of the block.
    fn skip(&mut self) -> io::Result<()> {
        let n = io::copy(&mut (&mut *self.r).take(self.left), &mut io::sink())?;
        self.left -= n;
        if self.left > 0 {
            return Err(cut());
        }
        Ok(())
    }
}

fn cut() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the file ends inside a record")
}

enum Outcome {
    Skip,
    Page(Body),
    TooLarge(u64),
    Status(u16, String),
    Undecodable(String),
}

struct Body {
    bytes: Vec<u8>,
    content_type: Option<String>,
    status: Option<u16>,
}

/// An HTTP response block: status line, headers, body.
fn read_response(block: &mut Block<'_>, max_bytes: usize) -> io::Result<Outcome> {
    let mut line = Vec::new();
    block.read_line(&mut line)?;
    let status_line = String::from_utf8_lossy(&line).trim().to_string();
    let mut parts = status_line.splitn(3, ' ');
    let (proto, code) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let reason = parts.next().unwrap_or_default().to_string();
    let Some(status) = code.parse::<u16>().ok().filter(|_| proto.starts_with("HTTP/")) else {
        return Ok(Outcome::Skip); // not an HTTP response (a DNS record, …)
    };
    let mut fields = Vec::new();
    loop {
        if block.left == 0 {
            break;
        }
        block.read_line(&mut line)?;
        if is_blank(&line) {
            break;
        }
        if fields.len() < MAX_HEADER_LINES {
            push_field(&mut fields, &line);
        }
    }
    let get = |name: &str| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string());
    let content_type = get("Content-Type");
    if content_type.as_deref().is_some_and(|t| !is_html_type(t)) || !(200..300).contains(&status) && status < 400 {
        return Ok(Outcome::Skip);
    }
    if status >= 400 {
        return Ok(Outcome::Status(status, reason));
    }
    let chunked = get("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let encoding = get("Content-Encoding").map(|e| e.to_ascii_lowercase()).filter(|e| e != "identity");
    let Some(mut bytes) =
        block.read_rest(if chunked || encoding.is_some() { max_bytes.saturating_mul(4) } else { max_bytes })?
    else {
        return Ok(Outcome::TooLarge(block.left));
    };
    if chunked && let Some(plain) = dechunk(&bytes) {
        bytes = plain;
    }
    if let Some(enc) = encoding {
        let limit = max_bytes as u64 + 1;
        let mut plain = Vec::new();
        let result = match enc.as_str() {
            "gzip" | "x-gzip" => MultiGzDecoder::new(&bytes[..]).take(limit).read_to_end(&mut plain),
            "deflate" => ZlibDecoder::new(&bytes[..]).take(limit).read_to_end(&mut plain),
            other => return Ok(Outcome::Undecodable(format!("unsupported Content-Encoding {other:?}"))),
        };
        if let Err(e) = result {
            return Ok(Outcome::Undecodable(format!("cannot undo Content-Encoding {enc}: {e}")));
        }
        bytes = plain;
    }
    if bytes.len() > max_bytes {
        return Ok(Outcome::TooLarge(bytes.len() as u64));
    }
    Ok(Outcome::Page(Body { bytes, content_type, status: Some(status) }))
}

/// A resource block: the whole block is the page.
fn read_resource(block: &mut Block<'_>, max_bytes: usize, content_type: Option<String>) -> io::Result<Outcome> {
    let size = block.left;
    Ok(match block.read_rest(max_bytes)? {
        Some(bytes) => Outcome::Page(Body { bytes, content_type, status: None }),
        None => Outcome::TooLarge(size),
    })
}

/// Undoes `Transfer-Encoding: chunked`; `None` if the body is not validly chunked (some
/// archivers store the decoded body but keep the header).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\r\n" || line == b"\n"
}

fn push_field(fields: &mut Vec<(String, String)>, line: &[u8]) {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches(['\r', '\n']);
    if text.starts_with([' ', '\t']) {
        if let Some((_, v)) = fields.last_mut() {
            v.push(' ');
            v.push_str(text.trim());
        }
        return;
    }
    if let Some((k, v)) = text.split_once(':') {
        fields.push((k.trim().to_string(), v.trim().to_string()));
    }
}

/// `<urn:uuid:…>` → `urn:uuid:…` (WARC 1.1 writes some URIs in angle brackets).
fn unbracket(v: &str) -> String {
    let v = v.trim();
    v.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(v).to_string()
}

fn is_html_type(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    let mime = t.split(';').next().unwrap_or_default().trim();
    matches!(mime, "text/html" | "application/xhtml+xml" | "application/xhtml" | "text/xhtml" | "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read_all(bytes: Vec<u8>) -> Vec<Task> {
        WarcReader::new(Box::new(io::Cursor::new(bytes)), "t.warc".into(), 1000).collect()
    }

    #[test]
    fn pages_skips_and_statuses() {
        let mut w = Vec::new();
        w.extend(record("warcinfo", "urn:uuid:0", "", b"software: test\r\n"));
        w.extend(record("request", "urn:uuid:1", "https://a.example/", b"GET / HTTP/1.1\r\n\r\n"));
        w.extend(record(
            "response",
            "urn:uuid:2",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>",
        ));
        w.extend(record(
            "response",
            "urn:uuid:3",
            "https://a.example/i.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        w.extend(record(
            "response",
            "urn:uuid:4",
            "https://a.example/r",
            b"HTTP/1.1 301 Moved\r\nLocation: /\r\nContent-Type: text/html\r\n\r\n<a>",
        ));
        w.extend(record(
            "response",
            "urn:uuid:5",
            "https://a.example/x",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no</p>",
        ));
        w.extend(record(
            "response",
            "urn:uuid:6",
            "https://a.example/c",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "urn:uuid:7",
            "https://a.example/big",
            &[b"HTTP/1.1 200 OK\r\n\r\n".as_slice(), &[b'x'; 2000]].concat(),
        ));
        let tasks = read_all(w);
        assert_eq!(tasks.len(), 4, "{tasks:?}");
        let Task::Page(p) = &tasks[0] else { panic!("{:?}", tasks[0]) };
        assert_eq!(
            (p.input.as_str(), p.url.as_deref(), &p.bytes[..]),
            ("urn:uuid:2", Some("https://a.example/"), &b"<p>hi</p>"[..])
        );
        assert_eq!(p.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(p.fetched_at.as_deref(), Some("2024-01-02T03:04:05Z"));
        let Task::Done(Record::Error(e)) = &tasks[1] else { panic!() };
        assert_eq!((e.input.as_str(), e.error.kind, e.error.status), ("urn:uuid:5", ErrorKind::HttpStatus, Some(404)));
        let Task::Page(p) = &tasks[2] else { panic!() };
        assert_eq!(&p.bytes[..], b"<p>ab</p>");
        let Task::Done(Record::Error(e)) = &tasks[3] else { panic!() };
        assert_eq!((e.input.as_str(), e.error.kind), ("urn:uuid:7", ErrorKind::TooLarge));
    }

    #[test]
    fn damage_ends_the_file_with_one_record() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>page</p>";
        let mut w = record("response", "urn:uuid:a", "https://a.example/1", page);
        let second = record("response", "urn:uuid:b", "https://a.example/2", page);
        for cut in [10, second.len() / 2, second.len() - 6] {
            let mut bytes = w.clone();
            bytes.extend_from_slice(&second[..cut]);
            let tasks = read_all(bytes);
            assert_eq!(tasks.len(), 2, "cut {cut}: {tasks:?}");
            assert!(matches!(&tasks[0], Task::Page(p) if p.input == "urn:uuid:a"));
            let Task::Done(Record::Error(e)) = &tasks[1] else { panic!() };
            assert_eq!(e.error.kind, ErrorKind::Truncated, "cut {cut}");
        }
        // Garbage where a record should start.
        w.extend_from_slice(b"garbage\r\n");
        let tasks = read_all(w);
        assert_eq!(tasks.len(), 2);
        assert!(
            matches!(&tasks[1], Task::Done(Record::Error(e)) if e.error.kind == ErrorKind::Truncated && e.input == "t.warc")
        );
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(), Some(&b"abcde"[..]));
        assert_eq!(dechunk(b"<html>"), None);
    }
}
