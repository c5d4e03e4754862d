//! `Extractor.extract_many`: pages from a Python iterable, extracted on Rust threads with the
//! GIL released, records back in input order.
//!
//! The generator reads pages only while fewer than a window of them (a few per thread) are
//! in flight, so memory follows the window, not the input; each `__next__` first tops the
//! window up (reading pages needs the GIL), then hands out the next record if it is in, else
//! waits for one with the GIL released. The workers need no GIL at all. Dropping the
//! generator closes both channels, and each worker ends after its current page.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use pith::{ErrorKind, ErrorRecord, ExtractOptions, Extractor, Record};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyIterator;

use crate::args::{ManyPage, Settings, many_page};
use crate::output::Outcome;

/// Pages in flight per worker thread: enough that no worker waits while the generator reads
/// the next pages or a slow page holds the line.
const WINDOW_PER_THREAD: usize = 4;

/// A page to extract, numbered in input order.
struct Job {
    index: usize,
    page: ManyPage,
}

/// The generator `extract_many` returns.
#[pyclass(module = "pith", frozen)]
pub(crate) struct ExtractMany {
    state: Mutex<State>,
}

struct State {
    /// The pages; `None` once they are all read.
    pages: Option<Py<PyIterator>>,
    /// To the workers; dropped once the pages are all read, which ends them.
    jobs: Option<Sender<Job>>,
    /// From the workers (taken out while waiting with the GIL released).
    results: Option<Receiver<(usize, Outcome)>>,
    /// Results in, waiting for an earlier one.
    waiting: BTreeMap<usize, Outcome>,
    /// Pages read, and records handed out.
    read: usize,
    handed_out: usize,
    window: usize,
}

impl ExtractMany {
    pub(crate) fn start(
        extractor: Extractor,
        pages: &Bound<'_, PyAny>,
        threads: usize,
        settings: Settings,
    ) -> PyResult<ExtractMany> {
        let pages = pages.try_iter().map_err(|_| {
            PyValueError::new_err(format!(
                "pages must be an iterable of pages, not {}",
                pages.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string())
            ))
        })?;
        let (job_tx, job_rx) = channel::<Job>();
        let (result_tx, result_rx) = channel();
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let (jobs, results, extractor) = (job_rx.clone(), result_tx.clone(), extractor.clone());
            std::thread::Builder::new()
                .name("pith-extract".into())
                .spawn(move || work(&extractor, &jobs, &results, settings))
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;
        }
        Ok(ExtractMany {
            state: Mutex::new(State {
                pages: Some(pages.unbind()),
                jobs: Some(job_tx),
                results: Some(result_rx),
                waiting: BTreeMap::new(),
                read: 0,
                handed_out: 0,
                window: threads * WINDOW_PER_THREAD,
            }),
        })
    }
}

/// A worker: the next page until there is none or nobody wants the results.
fn work(extractor: &Extractor, jobs: &Mutex<Receiver<Job>>, results: &Sender<(usize, Outcome)>, settings: Settings) {
    loop {
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok(Job { index, page }) = job else { return };
        let (input, url) = (page.input.clone(), page.url.clone());
        // `record` turns a panic of the pipeline into an error record; this catches one in
        // rendering, so that no page is ever lost (its generator would wait for it forever).
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let opts = ExtractOptions::new(page.input).with_url(page.url).with_explain(settings.explain);
            settings.format.render(extractor.record(&page.bytes, &opts))
        }))
        .unwrap_or_else(|_| {
            let message = "pith panicked while rendering this page (a bug; please report it)";
            Outcome::Record(Record::Error(ErrorRecord::new(input, url, ErrorKind::Internal, message)))
        });
        if results.send((index, outcome)).is_err() {
            return;
        }
    }
}

#[pymethods]
impl ExtractMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Ok(mut state) = self.state.try_lock() else {
            return Err(PyValueError::new_err("generator already executing"));
        };
        let state = &mut *state;
        loop {
            state.top_up(py)?;
            if let Some(outcome) = state.waiting.remove(&state.handed_out) {
                state.handed_out += 1;
                return outcome.into_py(py).map(Some);
            }
            if state.pages.is_none() && state.handed_out == state.read {
                state.results = None;
                return Ok(None);
            }
            let Some(results) = state.results.take() else { return Ok(None) };
            let (results, got) = py.detach(move || {
                let got = results.recv();
                (results, got)
            });
            state.results = Some(results);
            match got {
                Ok((index, outcome)) => {
                    state.waiting.insert(index, outcome);
                }
                Err(_) => return Err(PyRuntimeError::new_err("the worker threads ended early (a bug)")),
            }
        }
    }
}

impl State {
    /// Reads pages until the window is full or the pages run out. A bad page item raises
    /// `ValueError` (it is an argument, not a page); an exception of the iterable goes up as is.
    fn top_up(&mut self, py: Python<'_>) -> PyResult<()> {
        while self.read - self.handed_out < self.window {
            let Some(pages) = &self.pages else { return Ok(()) };
            let mut pages = pages.bind(py).clone();
            match pages.next() {
                None => {
                    self.pages = None;
                    self.jobs = None;
                }
                Some(Err(e)) => {
                    self.close();
                    return Err(e);
                }
                Some(Ok(item)) => {
                    let page = match many_page(&item, self.read) {
                        Ok(page) => page,
                        Err(e) => {
                            self.close();
                            return Err(e);
                        }
                    };
                    let sent = self.jobs.as_ref().is_some_and(|jobs| jobs.send(Job { index: self.read, page }).is_ok());
                    if !sent {
                        return Err(PyRuntimeError::new_err("the worker threads ended early (a bug)"));
                    }
                    self.read += 1;
                }
            }
        }
        Ok(())
    }

    /// Ends the run after an exception: no more pages, no more records.
    fn close(&mut self) {
        self.pages = None;
        self.jobs = None;
        self.results = None;
        self.waiting.clear();
        self.handed_out = self.read;
    }
}
