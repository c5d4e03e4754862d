//! A record out: the library's record as a Python dict, or rendered in a format by the
//! library's `render` functions (on the worker thread, without the GIL).

use pith::{Record, render};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The `format` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// The record as a dict (the contract's JSON, as Python objects).
    Dict,
    /// Pretty JSON, as `pith extract` prints one page.
    Json,
    /// One compact JSON line (no newline), as `pith batch` writes each page.
    Jsonl,
    /// Markdown, as `pith extract --format markdown`.
    Markdown,
    /// Plain text: the title, a blank line, the body.
    Text,
    /// A standalone, sanitised HTML document.
    Html,
}

impl Format {
    pub(crate) fn parse(name: &str) -> PyResult<Format> {
        Ok(match name {
            "dict" => Format::Dict,
            "json" => Format::Json,
            "jsonl" => Format::Jsonl,
            "markdown" => Format::Markdown,
            "text" => Format::Text,
            "html" => Format::Html,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown format {other:?}: use \"dict\", \"json\", \"jsonl\", \"markdown\", \"text\" or \"html\""
                )));
            }
        })
    }

    /// The record in this format. An error record stays a record (a dict) in the document
    /// formats, which have no way to say why there is no article.
    pub(crate) fn render(self, record: Record) -> Outcome {
        match (self, &record) {
            (Format::Dict, _) => Outcome::Record(record),
            (Format::Json, r) => Outcome::Text(render::json_pretty(r)),
            (Format::Jsonl, r) => Outcome::Text(render::json_line(r)),
            (_, Record::Error(_)) => Outcome::Record(record),
            (Format::Markdown, Record::Article(a)) => Outcome::Text(render::markdown(a)),
            (Format::Text, Record::Article(a)) => Outcome::Text(render::text(a)),
            (Format::Html, Record::Article(a)) => Outcome::Text(render::html(a)),
        }
    }
}

/// A page's result, ready for Python.
pub(crate) enum Outcome {
    Record(Record),
    Text(String),
}

impl Outcome {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self {
            Outcome::Record(record) => to_python(py, &record),
            Outcome::Text(text) => Ok(text.into_pyobject(py)?.into_any().unbind()),
        }
    }
}

/// A serde value as Python objects (dicts, lists, str, int, float, bool, None).
pub(crate) fn to_python<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot convert a record to Python: {e}")))
}
