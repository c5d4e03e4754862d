//! What an extractor gave for each document: pith's own run, or a predictions file of
//! another tool.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::error::{EvalError, format_err, read_to_string};
use super::jsonl;

/// One document's output, from an extractor or a predictions file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prediction {
    /// The extracted text; `None` (no output, a `null`, a missing line) is scored as `""`.
    pub text: Option<String>,
    /// Extraction time, ms.
    pub ms: Option<f64>,
    /// Why there is no output (scored as `""`).
    pub error: Option<String>,
    /// The extractor said the page has no article (pith's `no_article`): the text is `""`,
    /// scored like any empty output, and not counted as an extraction error.
    pub no_article: bool,
}

impl Prediction {
    /// A prediction of `text`.
    pub fn text(text: impl Into<String>) -> Prediction {
        Prediction { text: Some(text.into()), ..Default::default() }
    }
}

/// A predictions file: `{"id", "text"}` per line, optional `"ms"` and `"error"`.
#[derive(Debug, Clone, Default)]
pub struct PredictionFile {
    /// By id; of duplicate lines the last one wins.
    pub preds: HashMap<String, Prediction>,
    /// Lines whose id came again later.
    pub duplicate_lines: usize,
}

impl PredictionFile {
    /// Reads a predictions file. `"text": null` or a missing `text` is no output.
    pub fn load(path: &Path) -> Result<PredictionFile, EvalError> {
        let content = read_to_string(path)?;
        let mut out = PredictionFile::default();
        for value in jsonl::values(path, &content) {
            let (line, v) = value?;
            let id = v.get("id").and_then(Value::as_str).ok_or_else(|| format_err(path, line, "no string \"id\""))?;
            let pred = Prediction {
                text: v.get("text").and_then(Value::as_str).map(str::to_string),
                ms: v.get("ms").and_then(Value::as_f64),
                error: v.get("error").filter(|e| !e.is_null() && *e != false).map(|e| match e.as_str() {
                    Some(s) => s.to_string(),
                    None => e.to_string(),
                }),
                no_article: v.get("no_article").and_then(Value::as_bool).unwrap_or(false),
            };
            if out.preds.insert(id.to_string(), pred).is_some() {
                out.duplicate_lines += 1;
            }
        }
        Ok(out)
    }

    /// The prediction for an id (no output when the file has no line for it).
    pub fn get(&self, id: &str) -> Option<&Prediction> {
        self.preds.get(id)
    }
}
