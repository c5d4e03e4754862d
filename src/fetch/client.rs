//! One URL, politely: robots.txt, the per-host gate (one request at a time, spaced by the rate
//! limit and Crawl-delay), the global limit, retries, redirects and the body cap.
//!
//! Every HTTP request, whatever it is for (a page, a redirect hop, robots.txt, a retry), goes
//! through [`Fetcher::exchange`]:
//!
//! 1. take the host's gate (a fair mutex: requests to one host run one at a time, in order);
//! 2. sleep until the host is ready: the end of its last request plus the interval
//!    (`1 / rate`, or the Crawl-delay when longer), and past any retry delay (spacing from
//!    the end, not the start, keeps the interval as the server sees it, whatever the time
//!    spent connecting);
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
use tokio::sync::{Semaphore, SemaphorePermit};
use url::Url;

use super::error::{FetchError, FetchFailure};
use super::options::FetchOptions;
use super::policy::{AddressPolicy, Blocked, PolicyResolver, proxy_hosts};
use super::robots::{ROBOTS_MAX_BYTES, RobotRules, RobotsCache, RobotsParser, Verdict};
use super::timing::{backoff_delay, parse_retry_after, rfc3339};
use super::urls::{check_url, host_key, parse_url, path_and_query, redact_userinfo, same_resource, without_userinfo};
use crate::ExtractOptions;

/// Statuses worth a retry: the server is overloaded or a gateway failed.
const RETRY_STATUSES: [u16; 4] = [429, 502, 503, 504];
/// The `Accept` header of pages: pages, not other media.
const ACCEPT_HTML: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
/// The `Accept` header of robots.txt.
const ACCEPT_ROBOTS: &str = "text/plain,*/*;q=0.1";
/// RFC 9309: follow at least five redirects for robots.txt, then treat it as unavailable.
const ROBOTS_MAX_REDIRECTS: usize = 5;
/// The longest Crawl-delay honoured: a site asking for more still gets one request a minute.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);
/// Host gates are pruned (idle ones dropped) when there are more than this many.
const HOSTS_PRUNE_AT: usize = 4096;

/// A fetched page: the final response of a successful fetch.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// The final URL, after redirects (credentials shown as `***`).
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
    policy: Arc<AddressPolicy>,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    robots: Mutex<RobotsCache>,
}

/// One host's politeness state.
#[derive(Default)]
struct Host {
    gate: tokio::sync::Mutex<Gate>,
}

#[derive(Default)]
struct Gate {
    /// When the last request to the host ended (or started, while it runs).
    last_done: Option<Instant>,
    /// No request before this (a retry delay or `Retry-After`).
    hold_until: Option<Instant>,
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
    Robots(RobotRules),
}

enum AttemptError {
    Retry { error: FetchError, after: Option<Duration> },
    Fatal(FetchError),
}

impl Fetcher {
    /// A fetcher with these options. Fails when an address-policy entry (`allow_hosts`,
    /// `deny_hosts`, `resolve`) cannot be read, or the HTTP client cannot be set up.
    pub fn new(opts: FetchOptions) -> Result<Fetcher, FetchError> {
        // reqwest is built without a default crypto provider; ring is the one compiled in.
        // Installing fails harmlessly when the process already has one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let trusted = if opts.proxy { proxy_hosts() } else { Vec::new() };
        let policy = Arc::new(AddressPolicy::new(&opts.policy_spec(), trusted).map_err(FetchError::Io)?);
        let mut builder = Client::builder()
            .user_agent(opts.user_agent.as_str())
            .connect_timeout(opts.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(PolicyResolver { policy: policy.clone() }))
            // No idle connections kept: requests to one host are spaced by the rate limit
            // anyway, and a pool holds a connection (with its read buffer, grown to a large
            // body's size) for every host seen lately: memory that grows with the hosts of a
            // list rather than with the requests in flight (docs/fetching.md, "Memory").
            .pool_max_idle_per_host(0);
        if !opts.proxy {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .map_err(|e| FetchError::Io(format!("cannot set up the HTTP client: {}", root_cause(&e))))?;
        Ok(Fetcher {
            shared: Arc::new(Shared {
                client,
                agent: opts.robots_agent(),
                min_interval: opts.min_interval(),
                global: Semaphore::new(opts.concurrency.max(1)),
                opts,
                policy,
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
    ///
    /// Credentials in the URL (`user:password@`) go with the first request only: a redirect
    /// target's are dropped, and none are sent after a redirect.
    pub async fn fetch(&self, url: &str) -> Result<Page, FetchFailure> {
        let start = parse_url(url).map_err(|error| FetchFailure { url: None, error })?;
        let mut chain = vec![start];
        loop {
            let current = chain.last().cloned().unwrap_or_else(|| unreachable!("the chain starts with the URL"));
            let fail = |error| FetchFailure { url: Some(redact_userinfo(current.as_str()).into_owned()), error };
            match self.hop(&current).await.map_err(fail)? {
                Got::Page(page) => return Ok(page),
                Got::Robots(_) => unreachable!("a page request gives a page or a redirect"),
                Got::Redirect(next) => {
                    let next = without_userinfo(next);
                    if chain.iter().any(|u| same_resource(u, &next)) {
                        chain.push(next);
                        let chain = chain.iter().map(|u| redact_userinfo(u.as_str()).into_owned()).collect::<Vec<_>>();
                        return Err(fail(FetchError::RedirectLoop { chain: chain.join(" → ") }));
                    }
                    if chain.len() > self.shared.opts.max_redirects {
                        return Err(fail(FetchError::TooManyRedirects { limit: self.shared.opts.max_redirects }));
                    }
                    chain.push(next);
                }
            }
        }
    }

    /// One request of a fetch: the address policy on its URL (so a refused host is not even
    /// asked for robots.txt), robots.txt (which gives the Crawl-delay), then the request.
    async fn hop(&self, url: &Url) -> Result<Got, FetchError> {
        self.shared.policy.check_url(url).map_err(FetchError::Blocked)?;
        let crawl_delay = if self.shared.opts.robots { self.check_robots(url).await? } else { Duration::ZERO };
        self.exchange(url, Want::Page, crawl_delay).await
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key = host_key(url);
        let mut hosts = self.shared.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if hosts.len() >= HOSTS_PRUNE_AT && !hosts.contains_key(&key) {
            prune_idle_hosts(&mut hosts, self.shared.min_interval);
        }
        hosts.entry(key).or_default().clone()
    }

    /// Steps 1–3 of the module docs: the host's turn, then a global permit.
    async fn slot<'a>(
        &'a self,
        host: &'a Host,
        crawl_delay: Duration,
    ) -> (tokio::sync::MutexGuard<'a, Gate>, SemaphorePermit<'a>) {
        let mut gate = host.gate.lock().await;
        let interval = self.shared.min_interval.max(crawl_delay);
        let ready = [gate.last_done.map(|t| t + interval), gate.hold_until].into_iter().flatten().max();
        if let Some(ready) = ready {
            tokio::time::sleep_until(ready.into()).await;
        }
        let permit =
            self.shared.global.acquire().await.unwrap_or_else(|_| unreachable!("the semaphore is never closed"));
        gate.last_done = Some(Instant::now());
        gate.hold_until = None;
        (gate, permit)
    }

    /// Holds the host back: no request to it before `delay` has passed.
    async fn hold(&self, host: &Host, delay: Duration) {
        let until = Instant::now() + delay;
        let mut gate = host.gate.lock().await;
        gate.hold_until = Some(gate.hold_until.map_or(until, |t| t.max(until)));
    }

    /// One request with its retries (module docs, steps 1–5), after the address policy's
    /// check of the URL's host (an IP literal never reaches the resolver's check).
    async fn exchange(&self, url: &Url, want: Want, crawl_delay: Duration) -> Result<Got, FetchError> {
        let opts = &self.shared.opts;
        self.shared.policy.check_url(url).map_err(FetchError::Blocked)?;
        let host = self.host(url);
        let mut retry = 0u32;
        loop {
            let attempt = {
                let mut slot = self.slot(&host, crawl_delay).await;
                let can_retry = retry < opts.retries;
                let work = async {
                    let accept = if want == Want::Robots { ACCEPT_ROBOTS } else { ACCEPT_HTML };
                    let resp = self
                        .shared
                        .client
                        .get(url.clone())
                        .header(ACCEPT, accept)
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
                    read(url, resp, want, opts.max_body_bytes, &self.shared.agent).await.map_err(AttemptError::Fatal)
                };
                let result = match tokio::time::timeout(opts.timeout, work).await {
                    Ok(result) => result,
                    Err(_) => {
                        Err(AttemptError::Fatal(FetchError::Timeout { what: "the request", after: opts.timeout }))
                    }
                };
                slot.0.last_done = Some(Instant::now());
                result
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

    /// robots.txt for the URL's origin, read once and cached: the Crawl-delay when it lets the
    /// URL through, the error that keeps it out otherwise.
    async fn check_robots(&self, url: &Url) -> Result<Duration, FetchError> {
        let origin = url.origin().ascii_serialization();
        let slot = self.shared.robots.lock().unwrap_or_else(|e| e.into_inner()).slot(&origin, Instant::now());
        let verdict = slot.get_or_init(|| self.load_robots(url)).await;
        self.shared.robots.lock().unwrap_or_else(|e| e.into_inner()).filled(&origin, &slot, Instant::now());
        match verdict {
            Verdict::Rules(rules) if rules.allows(&path_and_query(url)) => {
                Ok(rules.crawl_delay.unwrap_or_default().min(MAX_CRAWL_DELAY))
            }
            Verdict::Rules(_) => Err(FetchError::RobotsDenied(format!(
                "robots.txt of {origin} disallows {} for {}",
                path_and_query(url),
                self.shared.agent
            ))),
            Verdict::Disallowed(why) => Err(FetchError::RobotsDenied(why.clone())),
            Verdict::Failed(e) => Err(e.clone()),
        }
    }

    /// Reads robots.txt by RFC 9309 §2.3.1: 2xx → its rules; 3xx → followed up to five
    /// times, then (or without a usable `Location`) unavailable; 4xx → unavailable, no rules;
    /// 5xx, 429 (as the large crawlers treat it) or a transfer that breaks → unreachable,
    /// everything disallowed; no connection at all → that error for every URL.
    async fn load_robots(&self, page: &Url) -> Verdict {
        let origin = page.origin().ascii_serialization();
        let mut url = match page.join("/robots.txt") {
            Ok(u) => without_userinfo(u),
            Err(_) => return Verdict::Rules(Arc::default()),
        };
        let disallowed = |why: String| {
            Verdict::Disallowed(format!(
                "robots.txt of {origin} {why}; RFC 9309 says to take the whole site as disallowed"
            ))
        };
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            match self.exchange(&url, Want::Robots, Duration::ZERO).await {
                Ok(Got::Redirect(next)) => url = without_userinfo(next),
                Ok(Got::Robots(rules)) => return Verdict::Rules(Arc::new(rules)),
                Ok(Got::Page(_)) => return Verdict::Rules(Arc::default()),
                Err(FetchError::Http { status, .. }) if (300..500).contains(&status) && status != 429 => {
                    return Verdict::Rules(Arc::default());
                }
                Err(FetchError::InvalidUrl { .. }) => return Verdict::Rules(Arc::default()),
                Err(FetchError::Http { status, note }) => {
                    let phrase = FetchError::Http { status, note }.to_string();
                    return disallowed(format!("answered {phrase}"));
                }
                Err(e @ (FetchError::Connect(_) | FetchError::Timeout { .. } | FetchError::Tls(_))) => {
                    return Verdict::Failed(FetchError::RobotsUnreachable {
                        robots_url: url.to_string(),
                        cause: Box::new(e),
                    });
                }
                // The page's own host refused (its name resolved to a private address): the
                // page is blocked. A robots.txt redirected to a refused host says so.
                Err(e @ FetchError::Blocked(_)) if url.host_str() == page.host_str() => return Verdict::Failed(e),
                Err(e @ FetchError::Blocked(_)) => {
                    return Verdict::Failed(FetchError::RobotsUnreachable {
                        robots_url: url.to_string(),
                        cause: Box::new(e),
                    });
                }
                Err(e) => return disallowed(format!("could not be read ({e})")),
            }
        }
        Verdict::Rules(Arc::default())
    }
}

/// Drops the gates of hosts nobody is using whose last request is old enough that its
/// interval (at most the longest Crawl-delay) and any hold are over: a later request to them
/// starts afresh, as it would anyway.
fn prune_idle_hosts(hosts: &mut HashMap<String, Arc<Host>>, min_interval: Duration) {
    let now = Instant::now();
    let quiet = min_interval.max(MAX_CRAWL_DELAY);
    hosts.retain(|_, host| {
        if Arc::strong_count(host) > 1 {
            return true;
        }
        let Ok(gate) = host.gate.try_lock() else { return true };
        let busy = gate.last_done.is_some_and(|t| now.duration_since(t) < quiet);
        let held = gate.hold_until.is_some_and(|t| t > now);
        busy || held
    });
}

/// Reads a response: a redirect's target, or the checked body (robots.txt: its rules for
/// `agent`, parsed as it arrives).
async fn read(url: &Url, mut resp: Response, want: Want, max_body: u64, agent: &str) -> Result<Got, FetchError> {
    let status = resp.status();
    if status.is_redirection()
        && let Some(location) = resp.headers().get(LOCATION)
    {
        let location = String::from_utf8_lossy(location.as_bytes());
        let shown = redact_userinfo(location.trim()).into_owned();
        let next = url
            .join(location.trim())
            .map_err(|e| FetchError::InvalidUrl { reason: format!("it redirects to {shown:?}: {e}") })?;
        if let Err(why) = check_url(&next) {
            let next = redact_userinfo(next.as_str()).chars().take(200).collect::<String>();
            return Err(FetchError::InvalidUrl { reason: format!("it redirects to {next}: {why}") });
        }
        return Ok(Got::Redirect(next));
    }
    if !status.is_success() {
        return Err(FetchError::Http { status: status.as_u16(), note: String::new() });
    }
    if want == Want::Robots {
        let mut parser = RobotsParser::new(agent);
        let mut room = usize::try_from(ROBOTS_MAX_BYTES).unwrap_or(usize::MAX);
        while let Some(chunk) = resp.chunk().await.map_err(|e| body_error(&e))? {
            if chunk.len() > room {
                parser.feed(&chunk[..room]);
                return Ok(Got::Robots(parser.finish(true)));
            }
            parser.feed(&chunk);
            room -= chunk.len();
        }
        return Ok(Got::Robots(parser.finish(false)));
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
    let body = read_body(resp, max_body).await?;
    Ok(Got::Page(Page {
        url: redact_userinfo(url.as_str()).into_owned(),
        status: status.as_u16(),
        content_type,
        body,
        fetched_at: rfc3339(SystemTime::now()),
    }))
}

/// Streams the body, stopping at `limit` bytes: a `Content-Length` over it fails before any
/// byte is read, and the count runs on the bytes as decompressed, so a gzip bomb stops at the
/// cap.
async fn read_body(mut resp: Response, limit: u64) -> Result<Vec<u8>, FetchError> {
    // reqwest drops Content-Length when it decompresses, so this is the size on the wire of an
    // uncompressed body.
    let declared = resp.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    if let Some(n) = declared
        && n > limit
    {
        return Err(FetchError::TooLarge { limit, declared: Some(n) });
    }
    let capacity = declared.unwrap_or(64 * 1024).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = resp.chunk().await.map_err(|e| body_error(&e))? {
        let room = usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(body.len());
        if chunk.len() > room {
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
    if let Some(blocked) = sources(e).find_map(|s| s.downcast_ref::<Blocked>()) {
        return AttemptError::Fatal(FetchError::Blocked(blocked.clone()));
    }
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

/// Classifies a failure while reading the body. reqwest calls every such failure a decode
/// error, also when the connection broke under the decompressor; only an error the
/// decompressor itself raised (invalid data, or its stream ending early) is `decode`.
fn body_error(e: &reqwest::Error) -> FetchError {
    let transport = sources(e).any(is_transport_error);
    if !transport && sources(e).any(is_decompressor_error) {
        return FetchError::Decode(root_cause(e));
    }
    FetchError::Io(format!("the transfer broke: {}", root_cause(e)))
}

/// An error of the connection or of HTTP framing (hyper's "error reading a body from
/// connection", a reset, an early close, a bad chunk).
fn is_transport_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let text = e.to_string();
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        use std::io::ErrorKind as K;
        if matches!(io.kind(), K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::NotConnected) {
            return true;
        }
    }
    ["error reading a body from connection", "end of file before message length reached", "incomplete", "chunk"]
        .iter()
        .any(|m| text.contains(m))
}

/// An error raised by a decompressor (gzip, deflate, brotli, zstd): its input is not valid.
fn is_decompressor_error(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<std::io::Error>().is_some_and(|io| {
        use std::io::ErrorKind as K;
        matches!(io.kind(), K::InvalidData | K::InvalidInput | K::UnexpectedEof | K::Other) && io.get_ref().is_none()
            || io.get_ref().is_some_and(|inner| !inner.is::<reqwest::Error>() && !is_transport_error(inner))
    })
}

/// An error and its sources, looking inside `io::Error`s too (whose own `source` skips the
/// error they wrap).
fn sources<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |e| match e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
        Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
        None => e.source(),
    })
}

/// The innermost message of an error chain: "Connection refused (os error 111)".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    sources(e).last().map_or_else(|| e.to_string(), ToString::to_string)
}

/// A rustls error anywhere in the chain (also inside an `io::Error`).
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    sources(e).any(|s| s.downcast_ref::<rustls::Error>().is_some())
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
}
