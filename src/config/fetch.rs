//! The `[fetch]` table as data: its keys, their layering and their validation. Every build reads
//! and checks it (a typo in it is an error even where there is no HTTP client); the fetch layer
//! turns it into settings (`pith::fetch::FetchOptions::from_spec`).

use serde::Deserialize;

use super::host_pattern::HostPattern;
use crate::error::ConfigError;

/// The `[fetch]` table of a config file: HTTP settings of the fetch layer. Every key is
/// optional; durations are seconds. Unknown keys are an error naming the key.
///
/// ```toml
/// [fetch]
/// timeout = 30          # one request, connect to last byte
/// rate = 1.0            # requests per second per host
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct FetchSpec {
    pub user_agent: Option<String>,
    pub connect_timeout: Option<f64>,
    pub timeout: Option<f64>,
    pub max_redirects: Option<usize>,
    pub retries: Option<u32>,
    pub backoff: Option<f64>,
    pub max_backoff: Option<f64>,
    pub max_retry_after: Option<f64>,
    /// Bytes: a number, or a string with a unit (`"10MB"`, `"512KiB"`).
    #[serde(default, deserialize_with = "super::byte_size::optional_byte_size")]
    pub max_body: Option<u64>,
    pub concurrency: Option<usize>,
    pub rate: Option<f64>,
    pub robots: Option<bool>,
    pub allow_private: Option<bool>,
    pub allow_hosts: Option<Vec<String>>,
    pub deny_hosts: Option<Vec<String>>,
    pub proxy: Option<bool>,
}

impl FetchSpec {
    /// `self` with every key that `over` sets replaced.
    pub(crate) fn overlaid_with(&self, over: &FetchSpec) -> FetchSpec {
        FetchSpec {
            user_agent: over.user_agent.clone().or_else(|| self.user_agent.clone()),
            connect_timeout: over.connect_timeout.or(self.connect_timeout),
            timeout: over.timeout.or(self.timeout),
            max_redirects: over.max_redirects.or(self.max_redirects),
            retries: over.retries.or(self.retries),
            backoff: over.backoff.or(self.backoff),
            max_backoff: over.max_backoff.or(self.max_backoff),
            max_retry_after: over.max_retry_after.or(self.max_retry_after),
            max_body: over.max_body.or(self.max_body),
            concurrency: over.concurrency.or(self.concurrency),
            rate: over.rate.or(self.rate),
            robots: over.robots.or(self.robots),
            allow_private: over.allow_private.or(self.allow_private),
            allow_hosts: over.allow_hosts.clone().or_else(|| self.allow_hosts.clone()),
            deny_hosts: over.deny_hosts.clone().or_else(|| self.deny_hosts.clone()),
            proxy: over.proxy.or(self.proxy),
        }
    }

    /// Checks every value; the error names the key (`fetch.rate`) and why.
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        let bad =
            |key: &str, message: &str| ConfigError::Invalid { key: format!("fetch.{key}"), message: message.into() };
        let positive = [
            ("connect_timeout", self.connect_timeout),
            ("timeout", self.timeout),
            ("max_backoff", self.max_backoff),
            ("rate", self.rate),
        ];
        for (key, v) in positive {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0 && v < 1e9)
            {
                return Err(bad(key, "must be a positive number"));
            }
        }
        for (key, v) in [("backoff", self.backoff), ("max_retry_after", self.max_retry_after)] {
            if let Some(v) = v
                && !(v.is_finite() && (0.0..1e9).contains(&v))
            {
                return Err(bad(key, "must be a number of seconds, 0 or more"));
            }
        }
        if self.concurrency == Some(0) {
            return Err(bad("concurrency", "must be 1 or more"));
        }
        if self.max_body == Some(0) {
            return Err(bad("max_body", "must be 1 or more bytes"));
        }
        if let Some(ua) = &self.user_agent
            && (ua.trim().is_empty() || !ua.bytes().all(is_header_value_byte))
        {
            return Err(bad("user_agent", "must be a non-empty single-line ASCII header value"));
        }
        for (key, list) in [("allow_hosts", &self.allow_hosts), ("deny_hosts", &self.deny_hosts)] {
            for entry in list.iter().flatten().flat_map(|e| e.split(',')).filter(|e| !e.trim().is_empty()) {
                HostPattern::parse(entry).map_err(|why| bad(key, &why))?;
            }
        }
        Ok(())
    }
}

/// A byte an HTTP header value may hold: visible characters, space and tab (no control
/// characters, so no line breaks); the rule of the `http` crate's `HeaderValue::from_str`.
fn is_header_value_byte(b: u8) -> bool {
    b >= 32 && b != 127 || b == b'\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_value_bytes_follow_the_http_rule() {
        assert!(b"pith/1.0 (+https://example.com; ops@example.com)\t".iter().all(|&b| is_header_value_byte(b)));
        assert!("pith/ü".bytes().all(is_header_value_byte));
        for b in [b'\n', b'\r', 0, 0x7f] {
            assert!(!is_header_value_byte(b), "{b}");
        }
    }

    #[test]
    fn user_keys_override_key_by_key() {
        let base = FetchSpec { rate: Some(1.0), retries: Some(3), ..FetchSpec::default() };
        let user = FetchSpec { rate: Some(4.0), ..FetchSpec::default() };
        let both = base.overlaid_with(&user);
        assert_eq!((both.rate, both.retries), (Some(4.0), Some(3)));
    }
}
