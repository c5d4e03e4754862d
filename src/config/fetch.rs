//! The `[fetch]` table as data: its keys, their layering and their validation. Every build reads
//! and checks it (a typo in it is an error even where there is no HTTP client); the fetch layer
//! turns it into settings (`pith::fetch::FetchOptions::from_spec`).

use serde::Deserialize;

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
    pub max_body: Option<u64>,
    pub concurrency: Option<usize>,
    pub rate: Option<f64>,
    pub robots: Option<bool>,
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
    use crate::Config;

    #[test]
    fn the_table_is_checked_in_every_build() {
        for (toml, key) in [
            ("[fetch]\nrate = 0\n", "fetch.rate"),
            ("[fetch]\ntimeout = -2\n", "fetch.timeout"),
            ("[fetch]\nconcurrency = 0\n", "fetch.concurrency"),
            ("[fetch]\nmax_body = 0\n", "fetch.max_body"),
            ("[fetch]\nmax_retry_after = -1\n", "fetch.max_retry_after"),
            ("[fetch]\nuser_agent = \"a\\u0007b\"\n", "fetch.user_agent"),
            ("[fetch]\nuser_agent = \"  \"\n", "fetch.user_agent"),
        ] {
            let err = Config::default_with_overrides(toml).unwrap_err().to_string();
            assert!(err.starts_with(key), "{toml}: {err}");
        }
        let err = Config::default_with_overrides("[fetch]\ntimeuot = 3\n").unwrap_err().to_string();
        assert!(err.starts_with("fetch.timeuot: unknown field `timeuot`"), "{err}");
        let err = Config::default_with_overrides("[fetch]\nrate = \"fast\"\n").unwrap_err().to_string();
        assert!(err.starts_with("fetch.rate: "), "{err}");
    }

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
