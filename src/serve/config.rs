//! The settings of the service: built-in defaults, then the `[serve]` table of the config
//! file ([`ServeSpec`]), then the command line (the binary sets the fields it has flags for).

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use crate::fetch::FetchOptions;
use crate::{Limits, ServeSpec};

/// How request logs are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per line (for log collectors).
    Json,
}

impl LogFormat {
    /// `text` or `json`.
    pub fn parse(s: &str) -> Option<LogFormat> {
        match s {
            "text" => Some(LogFormat::Text),
            "json" => Some(LogFormat::Json),
            _ => None,
        }
    }
}

/// Settings of the service. `ServeOptions::default()` holds the built-in defaults; fields are
/// public: start from a default (or [`ServeOptions::from_spec`]) and change what you need.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeOptions {
    /// Where to listen. Default `127.0.0.1:8080`: the machine only.
    pub listen: SocketAddr,
    /// Extractions at once, each on a blocking thread. Default: the cores.
    pub max_in_flight: usize,
    /// Requests that may wait for an extraction slot; past it, 503 with `Retry-After`.
    /// Default: `max_in_flight` (a short queue: a client is better told to come back than
    /// left waiting behind a long line).
    pub queue: Option<usize>,
    /// The largest request body (and the largest line of a batch). Default 10 MiB.
    pub max_request_body: u64,
    /// Longest time for a request's headers, and for its body (a whole page body; between
    /// two chunks of a batch). Default 30 s.
    pub read_timeout: Duration,
    /// Longest a response write may stall (a client that stops reading). Default 30 s.
    pub write_timeout: Duration,
    /// On SIGTERM/SIGINT: how long in-flight requests may still take. Default 5 s.
    pub grace_period: Duration,
    /// The bearer token every request but `/healthz` and `/readyz` must carry, if set.
    pub token: Option<String>,
    /// Origins allowed by CORS (`*` for any); none (the default) sends no CORS headers.
    pub cors: Vec<String>,
    /// Request log format.
    pub log_format: LogFormat,
    /// The fetcher's settings for `GET /v1/extract?url=` (its address policy included).
    pub fetch: FetchOptions,
    /// Test hook: called with each page's bytes on its blocking thread, inside the panic
    /// guard, before extraction (the tests make pages slow or panic with it). Only settable
    /// through the library: no flag or config key reaches it.
    #[doc(hidden)]
    pub test_hook: Option<TestHook>,
}

/// See [`ServeOptions::test_hook`].
#[doc(hidden)]
#[derive(Clone)]
pub struct TestHook(pub std::sync::Arc<HookFn>);

/// The function of a [`TestHook`].
#[doc(hidden)]
pub type HookFn = dyn Fn(&[u8]) + Send + Sync;

impl std::fmt::Debug for TestHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TestHook")
    }
}

/// 10 MiB.
pub const DEFAULT_MAX_BODY: u64 = 10 * 1024 * 1024;

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_in_flight: crate::batch::default_jobs(),
            queue: None,
            max_request_body: DEFAULT_MAX_BODY,
            read_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            grace_period: Duration::from_secs(5),
            token: None,
            cors: Vec::new(),
            log_format: LogFormat::Text,
            fetch: FetchOptions::default(),
            test_hook: None,
        }
    }
}

impl ServeOptions {
    /// The defaults with a `[serve]` table layered over them, and `fetch` as the fetcher's
    /// settings (`allow_private` of the table opens its address policy). Fails when the token
    /// file cannot be read or is empty.
    pub fn from_spec(spec: &ServeSpec, fetch: FetchOptions) -> Result<ServeOptions, String> {
        let mut o = ServeOptions { fetch, ..ServeOptions::default() };
        let secs = |v: Option<f64>, d: Duration| v.map_or(d, Duration::from_secs_f64);
        if let Some(listen) = &spec.listen {
            o.listen = listen.parse().map_err(|_| format!("serve.listen: {listen:?} is not an address and port"))?;
        }
        o.max_in_flight = spec.max_in_flight.unwrap_or(o.max_in_flight);
        o.queue = spec.queue.or(o.queue);
        o.max_request_body = spec.max_request_body.unwrap_or(o.max_request_body);
        o.read_timeout = secs(spec.read_timeout, o.read_timeout);
        o.write_timeout = secs(spec.write_timeout, o.write_timeout);
        o.grace_period = secs(spec.grace_period, o.grace_period);
        if let Some(path) = &spec.token_file {
            o.token = Some(read_token_file(Path::new(path))?);
        }
        o.cors = spec.cors.clone().unwrap_or_default();
        if spec.allow_private == Some(true) {
            o.fetch.allow_private = true;
        }
        if let Some(f) = &spec.log_format {
            o.log_format = LogFormat::parse(f).ok_or_else(|| format!("serve.log_format: {f:?} is not text or json"))?;
        }
        Ok(o)
    }

    /// The queue's length: `queue`, else `max_in_flight`.
    pub(crate) fn queue_len(&self) -> usize {
        self.queue.unwrap_or(self.max_in_flight)
    }
}

/// The per-page limits of a `[serve]` table over `base` (the table's `max_bytes`, `max_nodes`,
/// `max_depth`, `time_budget_ms`; 0 ms for no budget).
pub fn limits_from_spec(spec: &ServeSpec, base: Limits) -> Limits {
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let mut limits = base;
    if let Some(n) = spec.max_bytes {
        limits = limits.with_max_input_bytes(size(n));
    }
    if let Some(n) = spec.max_nodes {
        limits = limits.with_max_nodes(size(n));
    }
    if let Some(n) = spec.max_depth {
        limits = limits.with_max_depth(size(n));
    }
    if let Some(ms) = spec.time_budget_ms {
        limits = limits.with_time_budget((ms > 0).then(|| Duration::from_millis(ms)));
    }
    limits
}

/// The token in a file: its content without surrounding whitespace, which must be non-empty
/// printable ASCII (it travels in a header).
pub fn read_token_file(path: &Path) -> Result<String, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
    let token = text.trim();
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!("the token file {} must hold one non-empty word of printable ASCII", path.display()));
    }
    Ok(token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_layers_over_the_defaults() {
        let config = crate::Config::default_with_overrides(
            "[serve]\nlisten = \"0.0.0.0:9000\"\nmax_in_flight = 3\ngrace_period = 0.5\nallow_private = true\nlog_format = \"json\"\ntime_budget_ms = 0\n",
        )
        .unwrap();
        let o = ServeOptions::from_spec(config.serve(), FetchOptions::default()).unwrap();
        assert_eq!(o.listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!((o.max_in_flight, o.queue_len()), (3, 3));
        assert_eq!(o.grace_period, Duration::from_millis(500));
        assert!(o.fetch.allow_private);
        assert_eq!(o.log_format, LogFormat::Json);
        assert_eq!(o.max_request_body, DEFAULT_MAX_BODY, "untouched keys keep the default");
        assert_eq!(limits_from_spec(config.serve(), Limits::default()).time_budget, None);
        let d = ServeOptions::default();
        assert_eq!(d.listen, SocketAddr::from(([127, 0, 0, 1], 8080)));
        assert!(!d.fetch.allow_private && d.token.is_none() && d.cors.is_empty());
    }

    #[test]
    fn token_files_must_hold_a_word() {
        let dir = tempdir();
        let good = dir.join("good");
        std::fs::write(&good, "s3cret-token\n").unwrap();
        assert_eq!(read_token_file(&good).unwrap(), "s3cret-token");
        let empty = dir.join("empty");
        std::fs::write(&empty, " \n").unwrap();
        assert!(read_token_file(&empty).unwrap_err().contains("non-empty"));
        assert!(read_token_file(&dir.join("missing")).unwrap_err().contains("cannot read"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("pith-serve-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
