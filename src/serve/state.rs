//! What every request shares: the extractor, the fetcher (its robots.txt cache, host gates and
//! global limit shared across requests), admission, metrics and the settings.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::admission::Admission;
use super::config::ServeOptions;
use super::metrics::{Gauges, Metrics};
use crate::Extractor;
use crate::fetch::Fetcher;

/// The service's shared state (behind an `Arc` in the router).
#[derive(Debug)]
pub(crate) struct State {
    pub extractor: Extractor,
    pub fetcher: Fetcher,
    pub admission: Admission,
    pub metrics: Metrics,
    pub opts: ServeOptions,
    /// Set when shutdown starts: `/readyz` then answers 503.
    pub shutting_down: AtomicBool,
    /// The start of every request id this process makes (its start time, in hex seconds).
    pub id_prefix: String,
}

pub(crate) type Shared = Arc<State>;

impl State {
    pub(crate) fn new(extractor: Extractor, fetcher: Fetcher, opts: ServeOptions) -> State {
        State {
            admission: Admission::new(opts.max_in_flight, opts.queue_len()),
            extractor,
            fetcher,
            metrics: Metrics::default(),
            opts,
            shutting_down: AtomicBool::new(false),
            id_prefix: format!(
                "{:x}",
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
            ),
        }
    }

    pub(crate) fn gauges(&self) -> Gauges {
        Gauges { in_flight: self.admission.running(), queued: self.admission.waiting() }
    }
}
