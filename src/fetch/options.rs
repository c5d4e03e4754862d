//! Fetch settings: the built-in defaults and the `[fetch]` table of `config.toml` (layered key by
//! key: built-in file, then `--config`, then command-line flags; read and checked by the core's
//! config as [`FetchSpec`]).

use std::time::Duration;

use super::policy::PolicySpec;
use crate::FetchSpec;

/// Largest body accepted by default, after decompression: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;

/// HTTP settings of a [`Fetcher`](super::Fetcher).
///
/// `FetchOptions::default()` holds the built-in defaults (the same values as the `[fetch]`
/// table of the embedded `config.toml`, a test keeps them in sync). Fields are public: start
/// from a default and change what you need.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FetchOptions {
    /// The `User-Agent` header. Its product token (the part before `/`) is the name looked up
    /// in robots.txt.
    pub user_agent: String,
    /// Longest wait for a TCP + TLS connection.
    pub connect_timeout: Duration,
    /// Longest time for one HTTP request, from connecting to the last body byte.
    pub timeout: Duration,
    /// Redirects followed before `too_many_redirects`.
    pub max_redirects: usize,
    /// Retries after a connect error or an HTTP 429, 502, 503 or 504.
    pub retries: u32,
    /// The first retry's delay; each further retry doubles it (with jitter).
    pub backoff: Duration,
    /// The longest backoff delay.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a server asking for more gets no retry.
    pub max_retry_after: Duration,
    /// The body limit in bytes, on the wire and after decompression.
    pub max_body_bytes: u64,
    /// Requests in flight across all hosts.
    pub concurrency: usize,
    /// Requests per second to one host (one at a time; robots.txt counts).
    pub rate: f64,
    /// Read and honour robots.txt (rules and Crawl-delay).
    pub robots: bool,
    /// Connect to every address class, not only public addresses (intranet use).
    pub allow_private: bool,
    /// Hosts exempt from the address policy: a name, `*.domain`, an address or a CIDR block.
    pub allow_hosts: Vec<String>,
    /// Hosts always refused, in the same forms (even public ones; wins over `allow_hosts`).
    pub deny_hosts: Vec<String>,
    /// `HOST:ADDR` answers given instead of DNS, as curl's `--resolve` (HOST may be
    /// `*.domain`); the answers pass the address policy like any other.
    pub resolve: Vec<String>,
    /// Use the proxy the environment sets (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`).
    pub proxy: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            retries: 3,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            concurrency: 16,
            rate: 1.0,
            robots: true,
            allow_private: false,
            allow_hosts: Vec::new(),
            deny_hosts: Vec::new(),
            resolve: Vec::new(),
            proxy: true,
        }
    }
}

/// `pith/<version>`.
pub fn default_user_agent() -> String {
    format!("pith/{}", env!("CARGO_PKG_VERSION"))
}

impl FetchOptions {
    /// The defaults with a `[fetch]` table layered over them.
    pub fn from_spec(spec: &FetchSpec) -> FetchOptions {
        let mut o = FetchOptions::default();
        let secs = |v: Option<f64>, d: Duration| v.map_or(d, Duration::from_secs_f64);
        if let Some(ua) = &spec.user_agent {
            o.user_agent.clone_from(ua);
        }
        o.connect_timeout = secs(spec.connect_timeout, o.connect_timeout);
        o.timeout = secs(spec.timeout, o.timeout);
        o.max_redirects = spec.max_redirects.unwrap_or(o.max_redirects);
        o.retries = spec.retries.unwrap_or(o.retries);
        o.backoff = secs(spec.backoff, o.backoff);
        o.max_backoff = secs(spec.max_backoff, o.max_backoff);
        o.max_retry_after = secs(spec.max_retry_after, o.max_retry_after);
        o.max_body_bytes = spec.max_body.unwrap_or(o.max_body_bytes);
        o.concurrency = spec.concurrency.unwrap_or(o.concurrency);
        o.rate = spec.rate.unwrap_or(o.rate);
        o.robots = spec.robots.unwrap_or(o.robots);
        o.allow_private = spec.allow_private.unwrap_or(o.allow_private);
        o.allow_hosts = spec.allow_hosts.clone().unwrap_or_default();
        o.deny_hosts = spec.deny_hosts.clone().unwrap_or_default();
        o.proxy = spec.proxy.unwrap_or(o.proxy);
        o
    }

    /// The address-policy part of the options.
    pub fn policy_spec(&self) -> PolicySpec {
        PolicySpec {
            allow_private: self.allow_private,
            allow_hosts: self.allow_hosts.clone(),
            deny_hosts: self.deny_hosts.clone(),
            resolve: self.resolve.clone(),
        }
    }

    /// The options of a configuration's `[fetch]` table.
    pub fn from_config(config: &crate::Config) -> FetchOptions {
        FetchOptions::from_spec(config.fetch())
    }

    /// The product token robots.txt groups are matched against: `pith` for `pith/0.1.0`.
    pub fn robots_agent(&self) -> String {
        let token = self.user_agent.split(['/', ' ']).next().unwrap_or("").trim();
        if token.is_empty() { "pith".to_string() } else { token.to_string() }
    }

    /// The shortest interval between two requests to one host, from `rate`.
    pub(crate) fn min_interval(&self) -> Duration {
        Duration::try_from_secs_f64(1.0 / self.rate).unwrap_or(Duration::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_config_fetch_table_is_the_defaults() {
        let config = crate::Config::default();
        assert_eq!(FetchOptions::from_config(&config), FetchOptions::default());
        // And the table states each default explicitly (so the file documents them).
        let f = config.fetch();
        assert!(f.connect_timeout.is_some() && f.timeout.is_some() && f.max_redirects.is_some());
        assert!(f.retries.is_some() && f.backoff.is_some() && f.max_backoff.is_some());
        assert!(f.max_retry_after.is_some() && f.max_body.is_some() && f.concurrency.is_some());
        assert!(f.rate.is_some() && f.robots.is_some() && f.allow_private.is_some() && f.proxy.is_some());
    }

    #[test]
    fn documented_defaults() {
        let o = FetchOptions::default();
        assert_eq!(o.max_body_bytes, 10 * 1024 * 1024);
        assert_eq!(o.max_redirects, 10);
        assert_eq!(o.concurrency, 16);
        assert_eq!(o.rate, 1.0);
        assert!(o.robots);
        assert_eq!(o.user_agent, format!("pith/{}", env!("CARGO_PKG_VERSION")));
        assert_eq!(o.robots_agent(), "pith");
    }

    #[test]
    fn user_table_layers_key_by_key() {
        let c = crate::Config::default_with_overrides("[fetch]\nrate = 4\ntimeout = 2.5\n").unwrap();
        let o = FetchOptions::from_config(&c);
        assert_eq!(o.rate, 4.0);
        assert_eq!(o.timeout, Duration::from_millis(2500));
        assert_eq!(o.retries, 3, "untouched keys keep the built-in value");
        assert_eq!(o.min_interval(), Duration::from_millis(250));
    }

    #[test]
    fn bad_values_name_the_key() {
        for (toml, key) in [
            ("[fetch]\nrate = 0\n", "fetch.rate"),
            ("[fetch]\nconcurrency = 0\n", "fetch.concurrency"),
            ("[fetch]\nbackoff = -1\n", "fetch.backoff"),
            ("[fetch]\nuser_agent = \"a\\nb\"\n", "fetch.user_agent"),
            ("[fetch]\nallow_hosts = [\"10.0.0.0/40\"]\n", "fetch.allow_hosts"),
            ("[fetch]\ndeny_hosts = [\"a b\"]\n", "fetch.deny_hosts"),
        ] {
            let err = crate::Config::default_with_overrides(toml).unwrap_err().to_string();
            assert!(err.starts_with(key), "{toml}: {err}");
        }
        let err = crate::Config::default_with_overrides("[fetch]\nspeed = 3\n").unwrap_err().to_string();
        assert!(err.contains("fetch") && err.contains("speed"), "{err}");
    }
}
