//! The `[serve]` table as data: the settings of `pith serve`, each also a flag of the command.
//! Every build reads and checks it (a typo is an error even where there is no service); the
//! service layer turns it into settings (`pith::serve::ServeOptions::from_spec`).

use serde::Deserialize;

use crate::error::ConfigError;

/// The `[serve]` table of a config file: settings of the HTTP service. Every key is optional;
/// durations are seconds. Unknown keys are an error naming the key.
///
/// ```toml
/// [serve]
/// listen = "127.0.0.1:8080"
/// max_in_flight = 4      # extractions at once; more wait in a short queue, then 503
/// token_file = "/etc/pith/token"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct ServeSpec {
    pub listen: Option<String>,
    pub max_in_flight: Option<usize>,
    pub queue: Option<usize>,
    pub max_request_body: Option<u64>,
    pub read_timeout: Option<f64>,
    pub write_timeout: Option<f64>,
    pub grace_period: Option<f64>,
    pub token_file: Option<String>,
    pub cors: Option<Vec<String>>,
    pub allow_private: Option<bool>,
    pub log_format: Option<String>,
    pub max_bytes: Option<u64>,
    pub max_nodes: Option<u64>,
    pub max_depth: Option<u64>,
    pub time_budget_ms: Option<u64>,
}

impl ServeSpec {
    /// `self` with every key that `over` sets replaced.
    pub(crate) fn overlaid_with(&self, over: &ServeSpec) -> ServeSpec {
        ServeSpec {
            listen: over.listen.clone().or_else(|| self.listen.clone()),
            max_in_flight: over.max_in_flight.or(self.max_in_flight),
            queue: over.queue.or(self.queue),
            max_request_body: over.max_request_body.or(self.max_request_body),
            read_timeout: over.read_timeout.or(self.read_timeout),
            write_timeout: over.write_timeout.or(self.write_timeout),
            grace_period: over.grace_period.or(self.grace_period),
            token_file: over.token_file.clone().or_else(|| self.token_file.clone()),
            cors: over.cors.clone().or_else(|| self.cors.clone()),
            allow_private: over.allow_private.or(self.allow_private),
            log_format: over.log_format.clone().or_else(|| self.log_format.clone()),
            max_bytes: over.max_bytes.or(self.max_bytes),
            max_nodes: over.max_nodes.or(self.max_nodes),
            max_depth: over.max_depth.or(self.max_depth),
            time_budget_ms: over.time_budget_ms.or(self.time_budget_ms),
        }
    }

    /// Checks every value; the error names the key (`serve.listen`) and why.
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        let bad =
            |key: &str, message: &str| ConfigError::Invalid { key: format!("serve.{key}"), message: message.into() };
        if let Some(listen) = &self.listen
            && listen.parse::<std::net::SocketAddr>().is_err()
        {
            return Err(bad("listen", "must be an address and port, e.g. 127.0.0.1:8080 or [::1]:8080"));
        }
        for (key, v) in [
            ("max_in_flight", self.max_in_flight.map(|n| n as u64)),
            ("max_request_body", self.max_request_body),
            ("max_bytes", self.max_bytes),
            ("max_nodes", self.max_nodes),
            ("max_depth", self.max_depth),
        ] {
            if v == Some(0) {
                return Err(bad(key, "must be 1 or more"));
            }
        }
        for (key, v) in [("read_timeout", self.read_timeout), ("write_timeout", self.write_timeout)] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0 && v < 1e9)
            {
                return Err(bad(key, "must be a positive number of seconds"));
            }
        }
        if let Some(v) = self.grace_period
            && !(v.is_finite() && (0.0..1e9).contains(&v))
        {
            return Err(bad("grace_period", "must be a number of seconds, 0 or more"));
        }
        if let Some(f) = &self.log_format
            && !matches!(f.as_str(), "text" | "json")
        {
            return Err(bad("log_format", "must be \"text\" or \"json\""));
        }
        for origin in self.cors.iter().flatten() {
            check_origin(origin).map_err(|why| bad("cors", &why))?;
        }
        Ok(())
    }
}

/// `Ok` for `*` or an origin as browsers send it: `http(s)://host[:port]`, nothing after.
pub(crate) fn check_origin(origin: &str) -> Result<(), String> {
    if origin == "*" {
        return Ok(());
    }
    let ok = url::Url::parse(origin).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str().is_some()
            && u.path() == "/"
            && !origin.ends_with('/')
            && u.query().is_none()
            && u.username().is_empty()
    });
    if ok { Ok(()) } else { Err(format!("{origin:?} is not an origin such as https://app.example.com or *")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_keys_override_key_by_key() {
        let base = ServeSpec { max_in_flight: Some(2), queue: Some(8), ..ServeSpec::default() };
        let user = ServeSpec { queue: Some(1), ..ServeSpec::default() };
        let both = base.overlaid_with(&user);
        assert_eq!((both.max_in_flight, both.queue), (Some(2), Some(1)));
    }

    #[test]
    fn bad_values_name_the_key() {
        for (spec, key) in [
            (ServeSpec { listen: Some("localhost".into()), ..ServeSpec::default() }, "serve.listen"),
            (ServeSpec { max_in_flight: Some(0), ..ServeSpec::default() }, "serve.max_in_flight"),
            (ServeSpec { read_timeout: Some(-1.0), ..ServeSpec::default() }, "serve.read_timeout"),
            (ServeSpec { log_format: Some("xml".into()), ..ServeSpec::default() }, "serve.log_format"),
            (ServeSpec { cors: Some(vec!["https://a.example/path".into()]), ..ServeSpec::default() }, "serve.cors"),
        ] {
            let err = spec.validate().unwrap_err().to_string();
            assert!(err.starts_with(key), "{err}");
        }
        for origin in ["*", "https://app.example.com", "http://127.0.0.1:3000"] {
            assert_eq!(check_origin(origin), Ok(()), "{origin}");
        }
        for origin in ["app.example.com", "https://a.example/", "ftp://a.example", "https://u@a.example"] {
            assert!(check_origin(origin).is_err(), "{origin}");
        }
    }
}
