//! `pith.fetch`: the library's URL runner (`pith::batch::fetch_urls_blocking`: the hardened,
//! polite fetcher, then extraction) on a thread of its own, its records handed to Python in
//! input order as they come.
//!
//! The runner sends each record through a small bounded channel, so it works ahead of the
//! Python loop by no more than its own window plus the channel. Dropping the generator closes
//! the channel; the runner's next send fails and the run stops.

use std::io;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use pith::batch::{UrlOptions, fetch_urls_blocking};
use pith::fetch::FetchOptions;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::args::{self, Settings};
use crate::output::{Format, Outcome};

/// Records ready and not yet taken by Python, beyond the runner's own window.
const CHANNEL_RECORDS: usize = 16;

/// Fetches each URL (robots.txt, rate limit per host, redirects, retries, size caps, public
/// addresses only unless `allow_private`) and extracts it; yields one record per URL, in
/// input order, as `pith fetch` writes them. A URL that cannot be fetched gives an error
/// record (`kind` `http_status`, `timeout`, `blocked`, `robots_denied`, …), never an exception.
///
/// `config`/`config_path` also give the `[fetch]` table; the keyword arguments override it:
/// `robots` (honour robots.txt), `rate` (requests per second per host), `concurrency`
/// (requests in flight), `timeout` (seconds per request), `user_agent`.
#[pyfunction]
#[pyo3(signature = (urls, *, format="dict", explain=false, config=None, config_path=None, allow_private=false, robots=None, rate=None, concurrency=None, timeout=None, user_agent=None))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments
pub(crate) fn fetch(
    urls: &Bound<'_, PyAny>,
    format: &str,
    explain: bool,
    config: Option<&str>,
    config_path: Option<&str>,
    allow_private: bool,
    robots: Option<bool>,
    rate: Option<f64>,
    concurrency: Option<i64>,
    timeout: Option<f64>,
    user_agent: Option<String>,
) -> PyResult<FetchRecords> {
    let settings = Settings { format: Format::parse(format)?, explain };
    let urls = url_list(urls)?;
    let extractor = args::load_extractor(config, config_path)?;
    let mut opts = FetchOptions::from_config(extractor.config());
    opts.allow_private |= allow_private;
    if let Some(robots) = robots {
        opts.robots = robots;
    }
    if let Some(rate) = rate {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(PyValueError::new_err(format!(
                "rate must be a number of requests per second above 0, got {rate}"
            )));
        }
        opts.rate = rate;
    }
    if let Some(n) = concurrency {
        opts.concurrency = usize::try_from(n)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| PyValueError::new_err(format!("concurrency must be at least 1, got {n}")))?;
    }
    if let Some(secs) = timeout {
        opts.timeout = Duration::try_from_secs_f64(secs)
            .ok()
            .filter(|d| !d.is_zero())
            .ok_or_else(|| PyValueError::new_err(format!("timeout must be a number of seconds above 0, got {secs}")))?;
    }
    if let Some(agent) = user_agent {
        opts.user_agent = agent;
    }
    opts.policy_spec().validate().map_err(PyValueError::new_err)?;

    let mut url_opts = UrlOptions::default();
    url_opts.explain = settings.explain;
    let (tx, rx) = sync_channel::<Outcome>(CHANNEL_RECORDS);
    let runner = std::thread::Builder::new()
        .name("pith-fetch".into())
        .spawn(move || {
            fetch_urls_blocking(opts, &extractor, &urls, &url_opts, |_, record| {
                let outcome = settings.format.render(record);
                tx.send(outcome).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the generator was closed"))
            })
            .map(|_| ())
        })
        .map_err(|e| PyOSError::new_err(format!("cannot start the fetch thread: {e}")))?;
    Ok(FetchRecords { state: Mutex::new(Runner { records: Some(rx), runner: Some(runner) }) })
}

/// The URLs: a list (any iterable) of str, or one str.
fn url_list(urls: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(url) = urls.cast::<PyString>() {
        return Ok(vec![url.to_string_lossy().into_owned()]);
    }
    let not_urls = || PyValueError::new_err("urls must be a str or an iterable of str");
    let mut list = Vec::new();
    for url in urls.try_iter().map_err(|_| not_urls())? {
        let url = url?;
        list.push(url.cast::<PyString>().map_err(|_| not_urls())?.to_string_lossy().into_owned());
    }
    Ok(list)
}

/// The generator `pith.fetch` returns.
#[pyclass(module = "pith", frozen)]
pub(crate) struct FetchRecords {
    state: Mutex<Runner>,
}

struct Runner {
    /// The records (taken out while waiting with the GIL released; `None` when done).
    records: Option<Receiver<Outcome>>,
    runner: Option<JoinHandle<io::Result<()>>>,
}

#[pymethods]
impl FetchRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Ok(mut state) = self.state.try_lock() else {
            return Err(PyValueError::new_err("generator already executing"));
        };
        let Some(records) = state.records.take() else { return Ok(None) };
        let (records, got) = py.detach(move || {
            let got = records.recv();
            (records, got)
        });
        if let Ok(outcome) = got {
            state.records = Some(records);
            return outcome.into_py(py).map(Some);
        }
        // The runner is done: every record is out, or it failed.
        let result = match state.runner.take() {
            Some(runner) => py.detach(|| runner.join()),
            None => Ok(Ok(())),
        };
        match result {
            Ok(Ok(())) => Ok(None),
            Ok(Err(e)) => Err(PyOSError::new_err(format!("the fetch run failed: {e}"))),
            Err(_) => Err(PyOSError::new_err("the fetch run panicked (a bug; please report it)")),
        }
    }
}
