//! One URL, politely: robots.txt, the per-host gate (one request at a time, spaced by the rate
//! limit and Crawl-delay), the global limit, retries, redirects and the body cap.
//!
//! Every HTTP request, whatever it is for (a page, a redirect hop, robots.txt, a retry), goes
//! through [`Fetcher::exchange`]:
//!
//! 1. take the host's gate (a fair mutex: requests to one host run one at a time, in order);
//! 2. sleep until the host is ready: the last request's start plus the interval
//!    (`1 / rate`, or the Crawl-delay when longer), and past any retry delay;
//! 3. take a global permit (at most `concurrency` requests in flight): only now, so that a
//!    host that waits never holds a permit another host could use;
//! 4. send and read the response within `timeout`;
//! 5. release both, and on a retryable failure hold the whole host back for the delay.
//!
//! Redirects are followed here, not by reqwest, so that each hop passes robots.txt and the
//! gate of its own host, and loops are seen at once. No lock is held between two hops, so a
//! redirect from one host to another cannot deadlock with a redirect the other way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::{Client, Response};
use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};
use url::Url;

use super::error::{FetchError, FetchFailure};
use super::options::FetchOptions;
use super::timing::{backoff_delay, parse_retry_after, rfc3339};
use crate::ExtractOptions;

/// Statuses worth a retry: the server is overloaded or a gateway failed.
const RETRY_STATUSES: [u16; 4] = [429, 502, 503, 504];
/// The `Accept` header: pages, not other media.
const ACCEPT_HTML: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
/// robots.txt is read up to this size; RFC 9309 asks crawlers to parse at least 500 KiB.
const ROBOTS_MAX_BYTES: u64 = 512 * 1024;
/// RFC 9309: follow at least five redirects for robots.txt, then treat it as unavailable.
const ROBOTS_MAX_REDIRECTS: usize = 5;
/// The longest Crawl-delay honoured: a site asking for more still gets one request a minute.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// A fetched page: the final response of a successful fetch.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// The final URL, after redirects.
    pub url: String,
    /// The HTTP status (a 2xx).
    pub status: u16,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// When the response arrived (RFC 3339, UTC).
    pub fetched_at: String,
}

impl Page {
    /// The extraction options of this page: `input` as given, the final URL (relative links
    /// resolve against it), the content type (its charset decodes the bytes), status and time.
    pub fn extract_options(&self, input: impl Into<String>) -> ExtractOptions {
        ExtractOptions::new(input)
            .with_url(Some(self.url.clone()))
            .with_content_type(self.content_type.clone())
            .with_http_status(Some(self.status))
            .with_fetched_at(Some(self.fetched_at.clone()))
    }
}

/// A polite HTTP client. Cheap to clone; clones share the robots.txt cache, the host gates and
/// the global limit, so one `Fetcher` should serve a whole run.
///
/// Needs a tokio runtime with time and I/O enabled.
#[derive(Clone)]
pub struct Fetcher {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("options", &self.shared.opts).finish_non_exhaustive()
    }
}

struct Shared {
    client: Client,
    opts: FetchOptions,
    agent: String,
    min_interval: Duration,
    global: Semaphore,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    robots: Mutex<HashMap<String, Arc<OnceCell<Robots>>>>,
}

/// One host's politeness state.
#[derive(Default)]
struct Host {
    gate: tokio::sync::Mutex<Gate>,
}

#[derive(Default)]
struct Gate {
    /// When the last request to the host started.
    last_start: Option<Instant>,
    /// No request before this (a retry delay or `Retry-After`).
    hold_until: Option<Instant>,
    /// The host's robots.txt Crawl-delay.
    crawl_delay: Duration,
}

/// What robots.txt says for one origin.
enum Robots {
    /// No usable file (4xx, unparsable, too many redirects): everything is allowed.
    AllowAll,
    /// The file could not be read because of the server (5xx, 429): everything is disallowed.
    DisallowAll(String),
    /// The rules for our agent.
    Rules(Box<texting_robots::Robot>),
    /// The host could not be reached: every URL of the origin gets this error.
    Unreachable(FetchError),
}

/// What a request is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Page,
    Robots,
}

/// What a request gave.
enum Got {
    Redirect(Url),
    Page(Page),
    Robots(Vec<u8>),
}

enum AttemptError {
    Retry { error: FetchError, after: Option<Duration> },
    Fatal(FetchError),
}

impl Fetcher {
    /// A fetcher with these options.
    pub fn new(opts: FetchOptions) -> Result<Fetcher, FetchError> {
        // reqwest is built without a default crypto provider; ring is the one compiled in.
        // Installing fails harmlessly when the process already has one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .user_agent(opts.user_agent.as_str())
            .connect_timeout(opts.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| FetchError::Io(format!("cannot set up the HTTP client: {}", root_cause(&e))))?;
        Ok(Fetcher {
            shared: Arc::new(Shared {
                client,
                agent: opts.robots_agent(),
                min_interval: opts.min_interval(),
                global: Semaphore::new(opts.concurrency.max(1)),
                opts,
                hosts: Mutex::default(),
                robots: Mutex::default(),
            }),
        })
    }

    /// The options in use.
    pub fn options(&self) -> &FetchOptions {
        &self.shared.opts
    }

    /// Fetches one URL: robots.txt (once per origin), redirects (each hop polite), retries,
    /// the content-type check and the body cap. On success the page is HTML or XHTML (or
    /// sent without a content type) and its body is within the cap.
    pub async fn fetch(&self, url: &str) -> Result<Page, FetchFailure> {
        let start = parse_url(url).map_err(|error| FetchFailure { url: None, error })?;
        let mut chain = vec![start];
        loop {
            let current = chain.last().cloned().unwrap_or_else(|| unreachable!("the chain starts with the URL"));
            let fail = |error| FetchFailure { url: Some(current.to_string()), error };
            match self.hop(&current).await.map_err(fail)? {
                Got::Page(page) => return Ok(page),
                Got::Robots(_) => unreachable!("a page request gives a page or a redirect"),
                Got::Redirect(next) => {
                    if chain.iter().any(|u| same_resource(u, &next)) {
                        chain.push(next);
                        let chain = chain.iter().map(Url::as_str).collect::<Vec<_>>().join(" → ");
                        return Err(fail(FetchError::RedirectLoop { chain }));
                    }
                    if chain.len() > self.shared.opts.max_redirects {
                        return Err(fail(FetchError::TooManyRedirects { limit: self.shared.opts.max_redirects }));
                    }
                    chain.push(next);
                }
            }
        }
    }

    /// One request of a fetch: robots.txt, then the request itself.
    async fn hop(&self, url: &Url) -> Result<Got, FetchError> {
        if self.shared.opts.robots {
            self.check_robots(url).await?;
        }
        self.exchange(url, Want::Page).await
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key = host_key(url);
        let mut hosts = self.shared.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts.entry(key).or_default().clone()
    }

    /// Steps 1–3 of the module docs: the host's turn, then a global permit.
    async fn slot<'a>(&'a self, host: &'a Host) -> (tokio::sync::MutexGuard<'a, Gate>, SemaphorePermit<'a>) {
        let mut gate = host.gate.lock().await;
        let interval = self.shared.min_interval.max(gate.crawl_delay);
        let ready = [gate.last_start.map(|t| t + interval), gate.hold_until].into_iter().flatten().max();
        if let Some(ready) = ready {
            tokio::time::sleep_until(ready.into()).await;
        }
        let permit =
            self.shared.global.acquire().await.unwrap_or_else(|_| unreachable!("the semaphore is never closed"));
        gate.last_start = Some(Instant::now());
        gate.hold_until = None;
        (gate, permit)
    }

    /// Holds the host back: no request to it before `delay` has passed.
    async fn hold(&self, host: &Host, delay: Duration) {
        let until = Instant::now() + delay;
        let mut gate = host.gate.lock().await;
        gate.hold_until = Some(gate.hold_until.map_or(until, |t| t.max(until)));
    }

    /// One request with its retries (module docs, steps 1–5).
    async fn exchange(&self, url: &Url, want: Want) -> Result<Got, FetchError> {
        let opts = &self.shared.opts;
        let host = self.host(url);
        let mut retry = 0u32;
        loop {
            let attempt = {
                let _slot = self.slot(&host).await;
                let can_retry = retry < opts.retries;
                let work = async {
                    let resp = self
                        .shared
                        .client
                        .get(url.clone())
                        .header(ACCEPT, ACCEPT_HTML)
                        .send()
                        .await
                        .map_err(|e| send_error(&e, opts, can_retry))?;
                    let status = resp.status().as_u16();
                    if can_retry && RETRY_STATUSES.contains(&status) {
                        let after = resp
                            .headers()
                            .get(RETRY_AFTER)
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| parse_retry_after(v, SystemTime::now()));
                        return Err(AttemptError::Retry {
                            error: FetchError::Http { status, note: String::new() },
                            after,
                        });
                    }
                    read(url, resp, want, opts.max_body_bytes).await.map_err(AttemptError::Fatal)
                };
                match tokio::time::timeout(opts.timeout, work).await {
                    Ok(result) => result,
                    Err(_) => {
                        Err(AttemptError::Fatal(FetchError::Timeout { what: "the request", after: opts.timeout }))
                    }
                }
            };
            match attempt {
                Ok(got) => return Ok(got),
                Err(AttemptError::Fatal(e)) => return Err(with_note(e, retry_note(retry))),
                Err(AttemptError::Retry { error, after }) => {
                    let delay = match after {
                        Some(after) if after > opts.max_retry_after => {
                            let note = format!(
                                " (it asks to retry after {} s; pith waits at most {} s)",
                                after.as_secs(),
                                opts.max_retry_after.as_secs_f64()
                            );
                            return Err(with_note(error, note));
                        }
                        Some(after) => after,
                        None => backoff_delay(retry, opts.backoff, opts.max_backoff),
                    };
                    self.hold(&host, delay).await;
                    retry += 1;
                }
            }
        }
    }

    /// robots.txt for the URL's origin, fetched once and cached; `Err` when it keeps the URL out.
    async fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        let origin = url.origin().ascii_serialization();
        let cell = {
            let mut map = self.shared.robots.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(origin.clone()).or_default().clone()
        };
        match cell.get_or_init(|| self.load_robots(url)).await {
            Robots::AllowAll => Ok(()),
            Robots::DisallowAll(why) => Err(FetchError::RobotsDenied(why.clone())),
            Robots::Unreachable(e) => Err(e.clone()),
            Robots::Rules(robot) if robot.allowed(url.as_str()) => Ok(()),
            Robots::Rules(_) => Err(FetchError::RobotsDenied(format!(
                "robots.txt of {origin} disallows {} for {}",
                path_and_query(url),
                self.shared.agent
            ))),
        }
    }

    async fn load_robots(&self, page: &Url) -> Robots {
        let origin = page.origin().ascii_serialization();
        let Ok(mut url) = page.join("/robots.txt") else { return Robots::AllowAll };
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            match self.exchange(&url, Want::Robots).await {
                Ok(Got::Redirect(next)) => url = next,
                Ok(Got::Robots(body)) => {
                    let Ok(robot) = texting_robots::Robot::new(&self.shared.agent, &body) else {
                        return Robots::AllowAll;
                    };
                    if let Some(delay) = robot.delay.and_then(|d| Duration::try_from_secs_f32(d).ok()) {
                        let host = self.host(page);
                        host.gate.lock().await.crawl_delay = delay.min(MAX_CRAWL_DELAY);
                    }
                    return Robots::Rules(Box::new(robot));
                }
                Ok(Got::Page(_)) => return Robots::AllowAll,
                Err(FetchError::Http { status, .. }) if (400..500).contains(&status) && status != 429 => {
                    return Robots::AllowAll;
                }
                Err(FetchError::Http { status, .. }) => {
                    return Robots::DisallowAll(format!(
                        "robots.txt of {origin} answered HTTP {status}; RFC 9309 says to take the whole site as disallowed"
                    ));
                }
                Err(e @ (FetchError::Connect(_) | FetchError::Timeout { .. } | FetchError::Tls(_))) => {
                    return Robots::Unreachable(e);
                }
                Err(_) => return Robots::AllowAll,
            }
        }
        Robots::AllowAll
    }
}

/// Reads a response: a redirect's target, or the checked body.
async fn read(url: &Url, resp: Response, want: Want, max_body: u64) -> Result<Got, FetchError> {
    let status = resp.status();
    if status.is_redirection()
        && let Some(location) = resp.headers().get(LOCATION)
    {
        let location = String::from_utf8_lossy(location.as_bytes());
        let next = url
            .join(location.trim())
            .map_err(|e| FetchError::InvalidUrl { reason: format!("it redirects to {location:?}: {e}") })?;
        if !matches!(next.scheme(), "http" | "https") {
            return Err(FetchError::InvalidUrl { reason: format!("it redirects to {next}") });
        }
        return Ok(Got::Redirect(next));
    }
    if !status.is_success() {
        return Err(FetchError::Http { status: status.as_u16(), note: String::new() });
    }
    if want == Want::Robots {
        return read_body(resp, ROBOTS_MAX_BYTES, true).await.map(Got::Robots);
    }
    let content_type = resp
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
        .filter(|v| !v.is_empty());
    if let Some(ct) = &content_type
        && !is_html_type(ct)
    {
        return Err(FetchError::NotHtml(mime_essence(ct)));
    }
    let body = read_body(resp, max_body, false).await?;
    Ok(Got::Page(Page {
        url: url.to_string(),
        status: status.as_u16(),
        content_type,
        body,
        fetched_at: rfc3339(SystemTime::now()),
    }))
}

/// Streams the body, stopping at `limit` bytes: a `Content-Length` over it fails before any
/// byte is read, and the count runs on the bytes as decompressed, so a gzip bomb stops at the
/// cap. With `truncate`, the first `limit` bytes are kept instead of failing.
async fn read_body(mut resp: Response, limit: u64, truncate: bool) -> Result<Vec<u8>, FetchError> {
    // reqwest drops Content-Length when it decompresses, so this is the size on the wire of an
    // uncompressed body.
    let declared = resp.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    if let Some(n) = declared
        && n > limit
        && !truncate
    {
        return Err(FetchError::TooLarge { limit, declared: Some(n) });
    }
    let capacity = declared.unwrap_or(64 * 1024).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = resp.chunk().await.map_err(|e| body_error(&e))? {
        let room = usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(body.len());
        if chunk.len() > room {
            if truncate {
                body.extend_from_slice(&chunk[..room]);
                break;
            }
            return Err(FetchError::TooLarge { limit, declared: None });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `text/html` and `application/xhtml+xml` are pages; so is a response without a type (the
/// extractor then rejects binary bytes itself).
pub(crate) fn is_html_type(content_type: &str) -> bool {
    matches!(mime_essence(content_type).as_str(), "text/html" | "application/xhtml+xml")
}

fn mime_essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// An absolute http(s) URL with a host.
pub(crate) fn parse_url(input: &str) -> Result<Url, FetchError> {
    let url = Url::parse(input.trim()).map_err(|e| FetchError::InvalidUrl { reason: format!("{input:?}: {e}") })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl { reason: format!("{input:?}: the scheme is {}", url.scheme()) });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl { reason: format!("{input:?}: no host") });
    }
    Ok(url)
}

/// Politeness is per host name (any scheme or port); robots.txt is per origin (RFC 9309).
pub(crate) fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

/// The same resource, ignoring the fragment.
fn same_resource(a: &Url, b: &Url) -> bool {
    a.as_str().split('#').next() == b.as_str().split('#').next()
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

fn retry_note(retries: u32) -> String {
    match retries {
        0 => String::new(),
        1 => " (after 1 retry)".into(),
        n => format!(" (after {n} retries)"),
    }
}

fn with_note(e: FetchError, extra: String) -> FetchError {
    match e {
        FetchError::Http { status, note } if !extra.is_empty() => FetchError::Http { status, note: note + &extra },
        e => e,
    }
}

/// Classifies a failure to get a response.
fn send_error(e: &reqwest::Error, opts: &FetchOptions, can_retry: bool) -> AttemptError {
    if is_tls(e) {
        return AttemptError::Fatal(FetchError::Tls(root_cause(e)));
    }
    if e.is_timeout() {
        let what = if e.is_connect() { "connecting" } else { "the request" };
        let after = if e.is_connect() { opts.connect_timeout } else { opts.timeout };
        return AttemptError::Fatal(FetchError::Timeout { what, after });
    }
    if e.is_connect() {
        let error = FetchError::Connect(root_cause(e));
        return if can_retry { AttemptError::Retry { error, after: None } } else { AttemptError::Fatal(error) };
    }
    AttemptError::Fatal(FetchError::Io(format!("the request failed: {}", root_cause(e))))
}

/// Classifies a failure while reading the body.
fn body_error(e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Io(format!("reading the body timed out: {}", root_cause(e)));
    }
    if e.is_decode() || chain(e).any(|m| m.contains("deflate") || m.contains("gzip") || m.contains("brotli")) {
        return FetchError::Decode(root_cause(e));
    }
    FetchError::Io(format!("the connection broke while reading the body: {}", root_cause(e)))
}

fn chain<'a>(e: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = String> + 'a {
    std::iter::successors(Some(e), |e| e.source()).map(ToString::to_string)
}

/// The innermost message of an error chain: "Connection refused (os error 111)".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    // `io::Error` hides what it wraps from `source()`.
    if let Some(io) = cur.downcast_ref::<std::io::Error>()
        && let Some(inner) = io.get_ref()
    {
        return inner.to_string();
    }
    cur.to_string()
}

/// A rustls error anywhere in the chain (also inside an `io::Error`).
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if err.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && is_tls(inner)
        {
            return true;
        }
        cur = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_content_types() {
        for ct in ["text/html", "text/html; charset=utf-8", "TEXT/HTML;charset=x", "application/xhtml+xml"] {
            assert!(is_html_type(ct), "{ct}");
        }
        for ct in ["application/pdf", "text/plain", "image/png", "text/htmlx", "application/xml"] {
            assert!(!is_html_type(ct), "{ct}");
        }
    }

    #[test]
    fn urls() {
        assert!(parse_url("https://example.com/a").is_ok());
        assert!(parse_url("  http://example.com  ").is_ok());
        for bad in ["example.com/a", "ftp://example.com/", "file:///etc/passwd", "https://", ""] {
            let err = parse_url(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput, "{bad}");
        }
        let a = Url::parse("https://Example.COM:8443/x").unwrap();
        assert_eq!(host_key(&a), "example.com");
        assert!(same_resource(&a, &Url::parse("https://example.com:8443/x#top").unwrap()));
    }
}
