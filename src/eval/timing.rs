//! Extraction-time statistics over documents.

use serde::Serialize;

/// Per-document extraction times, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    /// Documents timed.
    pub n: usize,
    /// Median, ms (the mean of the two middle values for an even count).
    pub median_ms: f64,
    /// Mean, ms.
    pub mean_ms: f64,
    /// 95th percentile, ms (linear interpolation between closest ranks, numpy's default).
    pub p95_ms: f64,
    /// Slowest document, ms.
    pub max_ms: f64,
    /// Sum of the times, seconds.
    pub total_s: f64,
    /// Documents per second of extraction time (one thread).
    pub pages_per_s: f64,
}

/// `q`-quantile of sorted values by linear interpolation (numpy's default).
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = (sorted.len() - 1) as f64 * q;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Summarises per-document times in milliseconds; `None` when there are none.
pub fn summarize(ms: &[f64]) -> Option<Timing> {
    if ms.is_empty() {
        return None;
    }
    let mut s = ms.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let total_ms: f64 = s.iter().sum();
    Some(Timing {
        n,
        median_ms: super::exact::median(&s)?,
        mean_ms: total_ms / n as f64,
        p95_ms: percentile(&s, 0.95),
        max_ms: s[n - 1],
        total_s: total_ms / 1000.0,
        pages_per_s: if total_ms > 0.0 { n as f64 / (total_ms / 1000.0) } else { f64::INFINITY },
    })
}
