//! Request bodies within the limits: read whole (a page) or line by line (a batch), never more
//! than the size limit held, never waiting past the read timeout; and drained in the
//! background when the answer comes early (413, 503, 401), so that a client still uploading
//! reads the status instead of a connection reset.

use std::time::Duration;

use axum::body::Body;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use tokio::time::{Instant, timeout, timeout_at};

/// Why a body could not be read.
#[derive(Debug, PartialEq)]
pub(crate) enum BodyError {
    /// Over the size limit (declared or counted).
    TooLarge,
    /// The client sent too slowly.
    TimedOut,
    /// The connection broke (the client went away).
    Broken(String),
}

/// Reads a whole body of at most `limit` bytes within `within`. `declared` is the request's
/// `Content-Length`: a body declared too large is refused before any byte is read.
pub(crate) async fn read_whole(
    body: &mut Body,
    declared: Option<u64>,
    limit: u64,
    within: Duration,
) -> Result<Bytes, BodyError> {
    if declared.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge);
    }
    let deadline = Instant::now() + within;
    let mut buf = BytesMut::new();
    loop {
        match timeout_at(deadline, body.frame()).await {
            Err(_) => return Err(BodyError::TimedOut),
            Ok(None) => return Ok(buf.freeze()),
            Ok(Some(Err(e))) => return Err(BodyError::Broken(e.to_string())),
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    if (buf.len() + data.len()) as u64 > limit {
                        return Err(BodyError::TooLarge);
                    }
                    buf.extend_from_slice(&data);
                }
            }
        }
    }
}

/// Reads and discards the rest of a body in the background: at most `limit` more bytes, for
/// at most `within`, then lets it go (hyper then closes the connection).
pub(crate) fn drain_in_background(mut body: Body, limit: u64, within: Duration) {
    tokio::spawn(async move {
        let deadline = Instant::now() + within;
        let mut read = 0u64;
        while read <= limit {
            match timeout_at(deadline, body.frame()).await {
                Ok(Some(Ok(frame))) => read += frame.data_ref().map_or(0, |d| d.len() as u64),
                _ => break,
            }
        }
    });
}

/// One line of a batch body.
#[derive(Debug, PartialEq)]
pub(crate) enum Line {
    /// A line within the limit, without its `\n` (or `\r\n`); `number` is 1-based.
    Whole { number: u64, text: Vec<u8> },
    /// A line over the limit, skipped: its first and last few KiB (where an `id` may be) and
    /// its length.
    TooLong { number: u64, head: Vec<u8>, tail: Vec<u8>, len: u64 },
}

/// How much of an over-long line is kept at each end.
const KEEP: usize = 4096;

/// The lines of a body, read as they arrive: at most one line (up to the limit) is held.
pub(crate) struct Lines {
    body: Body,
    buf: BytesMut,
    /// Bytes of `buf` known to hold no newline.
    scanned: usize,
    limit: usize,
    idle: Duration,
    number: u64,
    ended: bool,
}

impl Lines {
    /// Lines of at most `limit` bytes; waiting more than `idle` for the next chunk is an error.
    pub(crate) fn new(body: Body, limit: u64, idle: Duration) -> Lines {
        Lines {
            body,
            buf: BytesMut::new(),
            scanned: 0,
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
            idle,
            number: 0,
            ended: false,
        }
    }

    /// The next line; `None` at the end of the body.
    pub(crate) async fn next(&mut self) -> Option<Result<Line, BodyError>> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', &self.buf[self.scanned..]) {
                let mut text = self.buf.split_to(self.scanned + i + 1).to_vec();
                self.scanned = 0;
                text.pop();
                if text.ends_with(b"\r") {
                    text.pop();
                }
                self.number += 1;
                if text.len() > self.limit {
                    let len = text.len() as u64;
                    let tail = text[text.len() - KEEP.min(text.len())..].to_vec();
                    text.truncate(KEEP);
                    return Some(Ok(Line::TooLong { number: self.number, head: text, tail, len }));
                }
                return Some(Ok(Line::Whole { number: self.number, text }));
            }
            self.scanned = self.buf.len();
            if self.buf.len() > self.limit {
                self.number += 1;
                return Some(self.skip_line().await);
            }
            if self.ended {
                if self.buf.is_empty() {
                    return None;
                }
                self.number += 1;
                self.scanned = 0;
                return Some(Ok(Line::Whole { number: self.number, text: self.buf.split().to_vec() }));
            }
            match self.chunk().await {
                Ok(Some(data)) => self.buf.extend_from_slice(&data),
                Ok(None) => self.ended = true,
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// The next chunk of data; `None` at the end.
    async fn chunk(&mut self) -> Result<Option<Bytes>, BodyError> {
        loop {
            match timeout(self.idle, self.body.frame()).await {
                Err(_) => return Err(BodyError::TimedOut),
                Ok(None) => return Ok(None),
                Ok(Some(Err(e))) => return Err(BodyError::Broken(e.to_string())),
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        return Ok(Some(data));
                    }
                }
            }
        }
    }

    /// Skips the rest of an over-long line (the buffer holds its start, no newline).
    async fn skip_line(&mut self) -> Result<Line, BodyError> {
        let head = self.buf[..KEEP.min(self.buf.len())].to_vec();
        let mut len = self.buf.len() as u64;
        let mut tail = self.buf[self.buf.len() - KEEP.min(self.buf.len())..].to_vec();
        self.buf.clear();
        self.scanned = 0;
        loop {
            let Some(data) = self.chunk().await? else {
                self.ended = true;
                break;
            };
            let (take, end) = match memchr::memchr(b'\n', &data) {
                Some(i) => (i + 1, true),
                None => (data.len(), false),
            };
            len += take as u64;
            tail.extend_from_slice(&data[..take]);
            if tail.len() > KEEP {
                tail.drain(..tail.len() - KEEP);
            }
            if end {
                self.buf.extend_from_slice(&data[take..]);
                len -= 1;
                tail.pop();
                break;
            }
        }
        Ok(Line::TooLong { number: self.number, head, tail, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(chunks: &[&[u8]]) -> Body {
        let chunks: Vec<Result<Bytes, std::io::Error>> = chunks.iter().map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    async fn all(mut lines: Lines) -> Vec<Line> {
        let mut out = Vec::new();
        while let Some(l) = lines.next().await {
            out.push(l.unwrap());
        }
        out
    }

    #[tokio::test(flavor = "current_thread")]
    async fn lines_across_chunks_and_over_the_limit() {
        let long = vec![b'x'; 50];
        let body = body_of(&[b"ab", b"c\r\n\nd", &long, b"e\nlast"]);
        let lines = all(Lines::new(body, 20, Duration::from_secs(5))).await;
        assert_eq!(lines[0], Line::Whole { number: 1, text: b"abc".to_vec() });
        assert_eq!(lines[1], Line::Whole { number: 2, text: Vec::new() });
        let Line::TooLong { number: 3, len: 52, ref head, ref tail } = lines[2] else { panic!("{:?}", lines[2]) };
        assert!(head.starts_with(b"dxx") && tail.ends_with(b"xxe"), "{head:?} {tail:?}");
        assert_eq!(lines[3], Line::Whole { number: 4, text: b"last".to_vec() });
        assert_eq!(lines.len(), 4);
        // A line over the limit that arrives in one chunk.
        let lines = all(Lines::new(body_of(&[b"0123456789\nok\n"]), 5, Duration::from_secs(5))).await;
        assert!(matches!(lines[0], Line::TooLong { number: 1, len: 10, .. }), "{lines:?}");
        assert_eq!(lines[1], Line::Whole { number: 2, text: b"ok".to_vec() });
    }

    #[tokio::test(flavor = "current_thread")]
    async fn whole_bodies_stop_at_the_limit() {
        let mut body = body_of(&[b"12345", b"678"]);
        assert_eq!(read_whole(&mut body, None, 8, Duration::from_secs(5)).await.unwrap(), &b"12345678"[..]);
        let mut body = body_of(&[b"12345", b"6789"]);
        assert_eq!(read_whole(&mut body, None, 8, Duration::from_secs(5)).await, Err(BodyError::TooLarge));
        let mut body = body_of(&[b"1"]);
        assert_eq!(read_whole(&mut body, Some(9), 8, Duration::from_secs(5)).await, Err(BodyError::TooLarge));
    }
}
