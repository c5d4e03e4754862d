//! The Python module `pith._pith`: the library's [`pith::Extractor`], records and renderings,
//! and its URL fetcher, for Python. Everything here is argument handling and conversion; the
//! extraction, the rendering and the fetching are the library's.
//!
//! - [`extract`] and [`PyExtractor`] (`pith.Extractor`): one page, bytes or text;
//! - [`many::ExtractMany`]: many pages on Rust threads, the GIL released, in input order;
//! - [`fetch::FetchRecords`] (`pith.fetch`): the hardened fetcher's records, in input order;
//! - [`output`]: a record as a Python dict or as the text of a format;
//! - [`args`]: the arguments (config, limits, pages) and their `ValueError` messages.

mod args;
mod fetch;
mod many;
mod output;

use std::sync::OnceLock;

use pyo3::prelude::*;

use args::{PageArg, Settings};
use output::{Format, Outcome};

// The allocator of the `pith` binary: the parser makes many small allocations, and the
// extension should run at the binary's speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The extractor of `pith.extract` without a config: compiled once per process.
fn default_extractor() -> &'static pith::Extractor {
    static DEFAULT: OnceLock<pith::Extractor> = OnceLock::new();
    DEFAULT.get_or_init(pith::Extractor::default)
}

/// Extracts the article of one page.
///
/// `html` is the page as bytes (any encoding: BOM, `<meta charset>`, detection) or as text;
/// `url` its address (site profile, absolute links, ids). Returns the record as a dict
/// (`format="dict"`), or the text of `format` (`"json"`, `"jsonl"`, `"markdown"`, `"text"`,
/// `"html"`). A page without an article gives an error record (`status == "error"`), never
/// an exception (as a dict when `format` is a document format). `config` is TOML text and
/// `config_path` a file, layered over the built-in site profiles; to reuse one, create a
/// `pith.Extractor`. Bad arguments or a bad config raise `ValueError`.
#[pyfunction]
#[pyo3(signature = (html, url=None, *, format="dict", explain=false, config=None, config_path=None))]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    format: &str,
    explain: bool,
    config: Option<&str>,
    config_path: Option<&str>,
) -> PyResult<Py<PyAny>> {
    let format = Format::parse(format)?;
    if let Some(url) = &url {
        args::check_page_url(url)?;
    }
    let page = PageArg::from_html(html)?;
    let extractor = match (config, config_path) {
        (None, None) => default_extractor().clone(),
        _ => args::load_extractor(config, config_path)?,
    };
    let settings = Settings { format, explain };
    let input = url.clone().unwrap_or_else(|| "-".into());
    let outcome = page.with_bytes(|bytes| py.detach(|| settings.run(&extractor, bytes, input, url)));
    outcome.into_py(py)
}

/// The JSON Schema of a record (article or error record), as a dict.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let value: serde_json::Value = serde_json::from_str(&pith::render::json_schema())
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("the schema is not JSON: {e}")))?;
    output::to_python(py, &value)
}

/// An extractor: the compiled config (built-in site profiles, with `config` TOML text or the
/// `config_path` file layered over them) and the per-page limits. Create one and reuse it;
/// it is safe to share between threads.
///
/// Limits (``None``: the default): `max_bytes` (largest page, 50 MiB), `max_nodes` (DOM nodes,
/// 2,000,000), `max_depth` (element nesting, 5,000), `time_budget_ms` (per page, 10,000; 0 for
/// none). A page past a limit gives a `too_large` or `budget_exceeded` error record.
#[pyclass(name = "Extractor", module = "pith", frozen)]
struct PyExtractor {
    inner: pith::Extractor,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (config=None, config_path=None, *, max_bytes=None, max_nodes=None, max_depth=None, time_budget_ms=None))]
    fn new(
        config: Option<&str>,
        config_path: Option<&str>,
        max_bytes: Option<i64>,
        max_nodes: Option<i64>,
        max_depth: Option<i64>,
        time_budget_ms: Option<i64>,
    ) -> PyResult<Self> {
        let limits = args::limits(max_bytes, max_nodes, max_depth, time_budget_ms)?;
        let extractor = match (config, config_path) {
            (None, None) => default_extractor().clone(),
            _ => args::load_extractor(config, config_path)?,
        };
        Ok(PyExtractor { inner: extractor.with_limits(limits) })
    }

    /// Extracts the article of one page: as `pith.extract`, with this extractor's config and
    /// limits.
    #[pyo3(signature = (html, url=None, *, format="dict", explain=false))]
    fn extract(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        url: Option<String>,
        format: &str,
        explain: bool,
    ) -> PyResult<Py<PyAny>> {
        let format = Format::parse(format)?;
        if let Some(url) = &url {
            args::check_page_url(url)?;
        }
        let page = PageArg::from_html(html)?;
        let settings = Settings { format, explain };
        let input = url.clone().unwrap_or_else(|| "-".into());
        let outcome = page.with_bytes(|bytes| py.detach(|| settings.run(&self.inner, bytes, input, url)));
        outcome.into_py(py)
    }

    /// Extracts many pages on `threads` Rust threads (default: one per core) with the GIL
    /// released, and yields their records in input order. `pages` is any iterable (read
    /// lazily, a few pages per thread ahead): `(html, url)` pairs (`url` may be None), dicts
    /// with `html` and optional `url` and `id` (the record's `input`), or bare `html`.
    #[pyo3(signature = (pages, threads=None, *, format="dict", explain=false))]
    fn extract_many(
        &self,
        pages: &Bound<'_, PyAny>,
        threads: Option<i64>,
        format: &str,
        explain: bool,
    ) -> PyResult<many::ExtractMany> {
        let settings = Settings { format: Format::parse(format)?, explain };
        let threads = args::threads(threads)?;
        many::ExtractMany::start(self.inner.clone(), pages, threads, settings)
    }

    fn __repr__(&self) -> String {
        let l = self.inner.limits();
        let budget = l.time_budget.map_or(0, |b| b.as_millis());
        format!(
            "pith.Extractor(profiles={}, max_bytes={}, max_nodes={}, max_depth={}, time_budget_ms={budget})",
            self.inner.config().profile_names().count(),
            l.max_input_bytes,
            l.max_nodes,
            l.max_depth
        )
    }
}

impl Settings {
    /// One page to its outcome (no GIL needed).
    fn run(&self, extractor: &pith::Extractor, bytes: &[u8], input: String, url: Option<String>) -> Outcome {
        let opts = pith::ExtractOptions::new(input).with_url(url).with_explain(self.explain);
        self.format.render(extractor.record(bytes, &opts))
    }
}

/// The module.
#[pymodule]
fn _pith(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(fetch::fetch, m)?)?;
    m.add_class::<PyExtractor>()?;
    m.add_class::<many::ExtractMany>()?;
    m.add_class::<fetch::FetchRecords>()?;
    Ok(())
}
