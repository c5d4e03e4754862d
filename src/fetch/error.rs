//! Why a URL gave no page, as typed errors that map onto the contract's error kinds.

use std::time::Duration;

use thiserror::Error;

use super::policy::Blocked;
use crate::{ErrorKind, ErrorRecord};

/// Why a fetch failed.
///
/// New variants may be added: match with a wildcard arm.
#[derive(Debug, Clone, Error, PartialEq)]
#[non_exhaustive]
pub enum FetchError {
    /// Not an absolute `http` or `https` URL.
    #[error("not an http(s) URL: {reason}")]
    InvalidUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The final response's status is not a success.
    #[error("HTTP {status}{}{note}", reason_phrase(*status))]
    Http {
        /// The HTTP status.
        status: u16,
        /// Why no retry helped, when retries were made or refused (starts with a space).
        note: String,
    },
    /// No answer within the time limit.
    #[error("timed out: {what} took longer than {}", secs(*after))]
    Timeout {
        /// What was slow ("the request", "connecting").
        what: &'static str,
        /// The limit.
        after: Duration,
    },
    /// The connection could not be made (refused, unreachable, DNS).
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The TLS handshake or the certificate failed.
    #[error("TLS failed: {0}")]
    Tls(String),
    /// More redirects than the limit.
    #[error("more than {limit} redirects")]
    TooManyRedirects {
        /// The limit.
        limit: usize,
    },
    /// A redirect leads back to a URL already visited.
    #[error("redirect loop: {chain}")]
    RedirectLoop {
        /// The URLs visited, `a → b → a`.
        chain: String,
    },
    /// The address policy refuses the host (a private address, `--deny-hosts`).
    #[error("blocked: {0}")]
    Blocked(Blocked),
    /// robots.txt disallows the URL for our user agent, or cannot be read (5xx, 429, a broken
    /// or undecodable transfer), which RFC 9309 says to treat as a complete disallow.
    #[error("{0} (use --ignore-robots to override)")]
    RobotsDenied(String),
    /// robots.txt could not even be asked for (no connection, TLS, a timeout, the address
    /// policy): the page is not fetched, and gets the kind of the cause.
    #[error("{cause} (asking for {robots_url})")]
    RobotsUnreachable {
        /// The robots.txt URL.
        robots_url: String,
        /// Why it failed.
        cause: Box<FetchError>,
    },
    /// The content type is not HTML or XHTML.
    #[error("not an HTML page: the content type is {0}")]
    NotHtml(String),
    /// The body is over the byte limit.
    #[error("{}", too_large(*limit, *declared))]
    TooLarge {
        /// The limit.
        limit: u64,
        /// The `Content-Length` the server declared, when it gave one over the limit; `None`
        /// when the limit was hit while streaming (decompressed bytes count).
        declared: Option<u64>,
    },
    /// The compressed body cannot be decompressed.
    #[error("cannot decompress the body: {0}")]
    Decode(String),
    /// A broken transfer: the connection was reset or closed early, a chunked body was cut or
    /// malformed.
    #[error("{0}")]
    Io(String),
}

fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map_or_else(String::new, |r| format!(" {r}"))
}

fn too_large(limit: u64, declared: Option<u64>) -> String {
    match declared {
        Some(n) => format!("the body is {n} bytes, over the limit of {limit}"),
        None => format!("the body is over the limit of {limit} bytes (counted after decompression)"),
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 { format!("{s:.0} s") } else { format!("{s} s") }
}

impl FetchError {
    /// The contract's error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            FetchError::InvalidUrl { .. } => ErrorKind::InvalidInput,
            FetchError::Http { .. } => ErrorKind::HttpStatus,
            FetchError::Timeout { .. } => ErrorKind::Timeout,
            FetchError::Connect(_) => ErrorKind::Connect,
            FetchError::Tls(_) => ErrorKind::Tls,
            FetchError::TooManyRedirects { .. } | FetchError::RedirectLoop { .. } => ErrorKind::TooManyRedirects,
            FetchError::Blocked(_) => ErrorKind::Blocked,
            FetchError::RobotsDenied(_) => ErrorKind::RobotsDenied,
            FetchError::RobotsUnreachable { cause, .. } => cause.kind(),
            FetchError::NotHtml(_) => ErrorKind::NotHtml,
            FetchError::TooLarge { .. } => ErrorKind::TooLarge,
            FetchError::Decode(_) => ErrorKind::Decode,
            FetchError::Io(_) => ErrorKind::Io,
        }
    }

    /// The HTTP status of an `http_status` error.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            FetchError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A failed fetch: the error and the last URL tried (after the redirects followed).
#[derive(Debug, Clone, Error, PartialEq)]
#[error("{error}")]
pub struct FetchFailure {
    /// The last URL requested; `None` when the input was no URL.
    pub url: Option<String>,
    /// What went wrong.
    pub error: FetchError,
}

impl FetchFailure {
    /// The error record for `input` (the URL as given).
    pub fn to_record(&self, input: impl Into<String>) -> ErrorRecord {
        ErrorRecord::new(input, self.url.clone(), self.error.kind(), self.error.to_string())
            .with_status(self.error.http_status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_kinds() {
        let e = FetchError::Http { status: 404, note: String::new() };
        assert_eq!(e.to_string(), "HTTP 404 Not Found");
        assert_eq!(e.kind(), ErrorKind::HttpStatus);
        let r = FetchFailure { url: Some("https://example.com/x".into()), error: e }.to_record("https://example.com/x");
        assert_eq!(r.error.status, Some(404));
        assert_eq!(r.url.as_deref(), Some("https://example.com/x"));
        let t = FetchError::Timeout { what: "the request", after: Duration::from_millis(1500) };
        assert_eq!(t.to_string(), "timed out: the request took longer than 1.5 s");
        assert_eq!(FetchError::Http { status: 799, note: String::new() }.to_string(), "HTTP 799");
        let big = FetchError::TooLarge { limit: 10, declared: None };
        assert_eq!(big.to_string(), "the body is over the limit of 10 bytes (counted after decompression)");
        let big = FetchError::TooLarge { limit: 10, declared: Some(12) };
        assert_eq!(big.to_string(), "the body is 12 bytes, over the limit of 10");
        assert_eq!(FetchError::Tls("x".into()).http_status(), None);
    }
}
