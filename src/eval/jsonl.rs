//! Reading the JSON Lines files of an evaluation: a data set's `gold.jsonl`, which the body
//! eval ([`Dataset`](super::Dataset)) and the metadata eval ([`MetaGold`](super::meta::MetaGold))
//! both read, and predictions files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::{EvalError, format_err, read_to_string};

/// The JSON values of a JSON Lines text read from `path`, each with its 1-based line number;
/// blank lines are skipped. A line that is not JSON is an error naming the file and the line;
/// lazy, so that the first bad line of a file is the one reported, whatever its kind.
pub(super) fn values<'a>(
    path: &'a Path,
    content: &'a str,
) -> impl Iterator<Item = Result<(usize, Value), EvalError>> + 'a {
    content.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()).map(move |(i, line)| {
        let v = serde_json::from_str(line).map_err(|e| format_err(path, i + 1, format!("bad JSON: {e}")))?;
        Ok((i + 1, v))
    })
}

/// One line of a data set's gold: an object with a string `id` that no other line has.
#[derive(Debug)]
pub(super) struct GoldLine {
    /// Its 1-based line number, for errors.
    pub line: usize,
    /// The page's id: the page is `html/<id>.html`.
    pub id: String,
    /// The whole object.
    pub record: Map<String, Value>,
}

/// A data set's `gold.jsonl`, read line by line and checked only for what every gold has (an
/// object per line, distinct string ids); what the lines must hold besides is each eval's
/// business.
#[derive(Debug)]
pub(super) struct GoldFile {
    /// `DIR/gold.jsonl`, for errors.
    pub path: PathBuf,
    /// The lines in file order.
    pub lines: Vec<GoldLine>,
}

impl GoldFile {
    /// Reads `DIR/gold.jsonl`.
    pub(super) fn read(dir: &Path) -> Result<GoldFile, EvalError> {
        let path = dir.join("gold.jsonl");
        let content = read_to_string(&path)?;
        let mut lines = Vec::new();
        let mut seen = HashSet::new();
        for value in values(&path, &content) {
            let (line, v) = value?;
            let Value::Object(record) = v else { return Err(format_err(&path, line, "not an object")) };
            let id = record
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| format_err(&path, line, "no string \"id\""))?
                .to_string();
            if !seen.insert(id.clone()) {
                return Err(format_err(&path, line, format!("duplicate id {id:?}")));
            }
            lines.push(GoldLine { line, id, record });
        }
        Ok(GoldFile { path, lines })
    }
}

/// A data set's name: its directory's own name (`scrapinghub-aeb`), the key of its floors,
/// also when `dir` is `.` or ends in `..`.
pub(super) fn dataset_name(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// The page of a gold line: `DIR/html/<id>.html`.
pub(super) fn page_path(dir: &Path, id: &str) -> PathBuf {
    dir.join("html").join(format!("{id}.html"))
}
