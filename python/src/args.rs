//! Arguments from Python: the config, the limits, the thread count and the pages, each
//! checked with a `ValueError` that says what is wrong (the `pith` command line's message
//! where it has one).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::output::Format;

/// What every page of a call gets: the output format and `explain`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub format: Format,
    pub explain: bool,
}

/// The extractor of a `config` (TOML text) or `config_path` (a file), layered over the
/// built-in configuration. The messages are the command line's (`--config`).
pub(crate) fn load_extractor(config: Option<&str>, config_path: Option<&str>) -> PyResult<pith::Extractor> {
    let config = match (config, config_path) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err("give config (TOML text) or config_path (a file), not both"));
        }
        (Some(text), None) => {
            pith::Config::default_with_overrides(text).map_err(|e| PyValueError::new_err(format!("bad config: {e}")))?
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| PyValueError::new_err(format!("cannot read config {path}: {e}")))?;
            pith::Config::default_with_overrides(&text)
                .map_err(|e| PyValueError::new_err(format!("bad config {path}: {e}")))?
        }
        (None, None) => pith::Config::default(),
    };
    Ok(pith::Extractor::new(config))
}

/// The per-page limits: the defaults, with those given. Sizes and counts are at least 1;
/// a time budget of 0 means none.
pub(crate) fn limits(
    max_bytes: Option<i64>,
    max_nodes: Option<i64>,
    max_depth: Option<i64>,
    time_budget_ms: Option<i64>,
) -> PyResult<pith::Limits> {
    let positive = |name: &str, v: i64| {
        usize::try_from(v)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| PyValueError::new_err(format!("{name} must be at least 1, got {v}")))
    };
    let mut limits = pith::Limits::default();
    if let Some(v) = max_bytes {
        limits = limits.with_max_input_bytes(positive("max_bytes", v)?);
    }
    if let Some(v) = max_nodes {
        limits = limits.with_max_nodes(positive("max_nodes", v)?);
    }
    if let Some(v) = max_depth {
        limits = limits.with_max_depth(positive("max_depth", v)?);
    }
    if let Some(ms) = time_budget_ms {
        let ms = u64::try_from(ms)
            .map_err(|_| PyValueError::new_err(format!("time_budget_ms must be 0 (none) or more, got {ms}")))?;
        limits = limits.with_time_budget((ms > 0).then(|| std::time::Duration::from_millis(ms)));
    }
    Ok(limits)
}

/// The worker threads of `extract_many`: as given (at least 1), else one per core.
pub(crate) fn threads(threads: Option<i64>) -> PyResult<usize> {
    match threads {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|&n| (1..=1024).contains(&n))
            .ok_or_else(|| PyValueError::new_err(format!("threads must be between 1 and 1024, got {n}"))),
    }
}

/// A page's URL must be an absolute http(s) URL ([`pith::check_page_url`], as the command
/// line's `--url`).
pub(crate) fn check_page_url(value: &str) -> PyResult<()> {
    pith::check_page_url(value).map_err(|why| {
        PyValueError::new_err(format!(
            "url {value:?} is not an absolute http(s) URL ({why}); give the page's address, e.g. \
             https://example.com/news/story"
        ))
    })
}

/// A page's HTML as given: bytes are read where they are; text is encoded as UTF-8 behind a
/// byte order mark, so that the decoder reads it as the Unicode it already is, whatever
/// `<meta charset>` the page declared when it was bytes (as `pith filter` does with JSON
/// text).
pub(crate) enum PageArg<'py> {
    Bytes(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
}

impl<'py> PageArg<'py> {
    /// `bytes`, `bytearray` or `str`; anything else is a `ValueError`.
    pub(crate) fn from_html(html: &Bound<'py, PyAny>) -> PyResult<PageArg<'py>> {
        if let Ok(b) = html.cast::<PyBytes>() {
            return Ok(PageArg::Bytes(b.clone()));
        }
        if let Ok(s) = html.cast::<PyString>() {
            return Ok(PageArg::Owned(utf8_with_bom(&s.to_string_lossy())));
        }
        if let Ok(b) = html.cast::<PyByteArray>() {
            return Ok(PageArg::Owned(b.to_vec()));
        }
        Err(PyValueError::new_err(format!(
            "html must be bytes or str, not {}",
            html.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string())
        )))
    }

    /// Runs `f` on the page's bytes.
    pub(crate) fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            PageArg::Bytes(b) => f(b.as_bytes()),
            PageArg::Owned(v) => f(v),
        }
    }

    /// The bytes, owned (to send to a worker thread).
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        match self {
            PageArg::Bytes(b) => b.as_bytes().to_vec(),
            PageArg::Owned(v) => v,
        }
    }
}

/// Text as UTF-8 bytes behind a byte order mark (blank text stays blank: an `empty` page).
fn utf8_with_bom(text: &str) -> Vec<u8> {
    if text.trim().is_empty() {
        return text.as_bytes().to_vec();
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice(b"\xef\xbb\xbf");
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// One page of `extract_many`: its bytes, `input` and URL.
pub(crate) struct ManyPage {
    pub bytes: Vec<u8>,
    pub input: String,
    pub url: Option<String>,
}

/// An item of `extract_many`'s pages: an `(html, url)` pair, a dict with `html` and optional
/// `url` and `id`, or bare `html`. `index` (from 0) names the item in messages.
pub(crate) fn many_page(item: &Bound<'_, PyAny>, index: usize) -> PyResult<ManyPage> {
    let bad = |why: String| PyValueError::new_err(format!("page {index}: {why}"));
    let optional_str = |v: Option<Bound<'_, PyAny>>, key: &str| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(v) if v.is_none() => Ok(None),
            Some(v) => match v.cast::<PyString>() {
                Ok(s) => Ok(Some(s.to_string_lossy().into_owned())),
                Err(_) => Err(bad(format!("{key} must be a str or None"))),
            },
        }
    };
    let (html, url, id) = if let Ok(d) = item.cast::<PyDict>() {
        let html = d.get_item("html")?.ok_or_else(|| bad("a page dict needs an \"html\" key".into()))?;
        let url = optional_str(d.get_item("url")?, "url")?;
        let id = match d.get_item("id")? {
            None => None,
            Some(v) if v.is_none() => None,
            Some(v) if v.cast::<PyString>().is_ok() || v.is_instance_of::<pyo3::types::PyInt>() => {
                Some(v.str()?.to_string_lossy().into_owned())
            }
            Some(_) => return Err(bad("id must be a str, an int or None".into())),
        };
        (html, url, id)
    } else if item.cast::<PyTuple>().is_ok() || item.cast::<PyList>().is_ok() {
        if item.len()? != 2 {
            return Err(bad(format!("a page pair is (html, url), but it has {} items", item.len()?)));
        }
        (item.get_item(0)?, optional_str(Some(item.get_item(1)?), "url")?, None)
    } else {
        (item.clone(), None, None)
    };
    let bytes = PageArg::from_html(&html).map_err(|e| bad(e.value(item.py()).to_string()))?.into_bytes();
    let input = id.or_else(|| url.clone()).unwrap_or_else(|| "-".into());
    Ok(ManyPage { bytes, input, url })
}
