//! The service's counters in the Prometheus text format (version 0.0.4), every name prefixed
//! `pith_`. Written by hand: a few counters, one histogram and two gauges do not need a
//! metrics library.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use crate::Record;

/// Upper bounds (seconds) of the extraction-time histogram's buckets.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Every counter of the service.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    inner: Mutex<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    /// (route, status) → requests answered.
    requests: BTreeMap<(String, u16), u64>,
    /// (status, error kind, profile) → records made.
    records: BTreeMap<(&'static str, String, String), u64>,
    /// outcome (`ok` or an error kind) → fetches.
    fetches: BTreeMap<String, u64>,
    /// Extraction times: a count per bucket (not cumulative), the sum, the count.
    extraction_buckets: [u64; BUCKETS.len()],
    extraction_sum: f64,
    extraction_count: u64,
}

/// The gauges, read when `/metrics` is asked for.
pub(crate) struct Gauges {
    pub in_flight: usize,
    pub queued: usize,
}

impl Metrics {
    fn counters(&self) -> std::sync::MutexGuard<'_, Counters> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn request(&self, route: &str, status: u16) {
        *self.counters().requests.entry((route.to_string(), status)).or_default() += 1;
    }

    /// One record made, and the time its extraction took.
    pub(crate) fn record(&self, record: &Record, took: Duration) {
        let key = match record {
            Record::Article(a) => ("ok", String::new(), a.profile.clone()),
            Record::Error(e) => ("error", kind_name(&e.error.kind), String::new()),
        };
        let mut c = self.counters();
        *c.records.entry(key).or_default() += 1;
        let secs = took.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|&b| secs <= b) {
            c.extraction_buckets[i] += 1;
        }
        c.extraction_sum += secs;
        c.extraction_count += 1;
    }

    /// One fetch: `ok`, or the error kind of its failure.
    pub(crate) fn fetch(&self, outcome: &str) {
        *self.counters().fetches.entry(outcome.to_string()).or_default() += 1;
    }

    /// The exposition text.
    pub(crate) fn render(&self, gauges: &Gauges) -> String {
        let c = self.counters();
        let mut out = String::new();
        header(&mut out, "pith_http_requests_total", "counter", "HTTP requests answered, by route and status.");
        for ((route, status), n) in &c.requests {
            let _ = writeln!(out, "pith_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", label(route));
        }
        header(&mut out, "pith_records_total", "counter", "Records made, by status, error kind and site profile.");
        for ((status, kind, profile), n) in &c.records {
            let _ = writeln!(
                out,
                "pith_records_total{{status=\"{status}\",kind=\"{}\",profile=\"{}\"}} {n}",
                label(kind),
                label(profile)
            );
        }
        header(&mut out, "pith_fetches_total", "counter", "Fetches of GET /v1/extract, by outcome (ok or error kind).");
        for (outcome, n) in &c.fetches {
            let _ = writeln!(out, "pith_fetches_total{{outcome=\"{}\"}} {n}", label(outcome));
        }
        header(&mut out, "pith_extraction_seconds", "histogram", "Time to extract one page (on its blocking thread).");
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(c.extraction_buckets) {
            cumulative += n;
            let _ = writeln!(out, "pith_extraction_seconds_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "pith_extraction_seconds_bucket{{le=\"+Inf\"}} {}", c.extraction_count);
        let _ = writeln!(out, "pith_extraction_seconds_sum {}", c.extraction_sum);
        let _ = writeln!(out, "pith_extraction_seconds_count {}", c.extraction_count);
        header(&mut out, "pith_extractions_in_flight", "gauge", "Extractions running now.");
        let _ = writeln!(out, "pith_extractions_in_flight {}", gauges.in_flight);
        header(&mut out, "pith_queue_length", "gauge", "Requests waiting for an extraction slot now.");
        let _ = writeln!(out, "pith_queue_length {}", gauges.queued);
        out
    }
}

/// The contract's name of an error kind (`too_large`).
pub(crate) fn kind_name(kind: &crate::ErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "unknown".to_string(),
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value with `\`, `"` and line feeds escaped, as the format wants.
fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, ErrorRecord};

    #[test]
    fn exposition_text() {
        let m = Metrics::default();
        m.request("/v1/extract", 200);
        m.request("/v1/extract", 200);
        m.request("/v1/batch", 503);
        let e = Record::Error(ErrorRecord::new("-", None, ErrorKind::TooLarge, "big"));
        m.record(&e, Duration::from_millis(3));
        m.record(&e, Duration::from_secs(20));
        m.fetch("ok");
        m.fetch("a\"b\\c\nd");
        let text = m.render(&Gauges { in_flight: 2, queued: 1 });
        for line in [
            "# TYPE pith_http_requests_total counter",
            "pith_http_requests_total{route=\"/v1/extract\",status=\"200\"} 2",
            "pith_http_requests_total{route=\"/v1/batch\",status=\"503\"} 1",
            "pith_records_total{status=\"error\",kind=\"too_large\",profile=\"\"} 2",
            "pith_fetches_total{outcome=\"ok\"} 1",
            "pith_fetches_total{outcome=\"a\\\"b\\\\c\\nd\"} 1",
            "pith_extraction_seconds_bucket{le=\"0.0025\"} 0",
            "pith_extraction_seconds_bucket{le=\"0.005\"} 1",
            "pith_extraction_seconds_bucket{le=\"10\"} 1",
            "pith_extraction_seconds_bucket{le=\"+Inf\"} 2",
            "pith_extraction_seconds_count 2",
            "pith_extractions_in_flight 2",
            "pith_queue_length 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing from\n{text}");
        }
        for l in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(l.starts_with("pith_"), "{l}");
        }
    }
}
