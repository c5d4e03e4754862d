//! The floors file (`eval/floors.toml`): the lowest score each data set may reach.

use std::path::Path;

use super::error::{EvalError, format_err, read_to_string};

fn floors_table(path: &Path) -> Result<toml::Table, EvalError> {
    let text = read_to_string(path)?;
    text.parse().map_err(|e: toml::de::Error| format_err(path, 0, e.message().to_string()))
}

fn toml_number(path: &Path, what: &str, v: &toml::Value) -> Result<f64, EvalError> {
    match v {
        toml::Value::Float(x) => Ok(*x),
        toml::Value::Integer(x) => Ok(*x as f64),
        _ => Err(format_err(path, 0, format!("{what} is not a number"))),
    }
}

/// Reads a data set's floor for `key` (the metric's [`Metric::headline_key`](super::Metric::headline_key)) from a floors
/// file: `[<data-set name>] <key> = <number>`. `Ok(None)` when the file has no table for the
/// data set; an error when the table lacks the key.
pub fn floor(path: &Path, dataset: &str, key: &str) -> Result<Option<f64>, EvalError> {
    let table = floors_table(path)?;
    let Some(section) = table.get(dataset) else { return Ok(None) };
    let v = section.get(key).ok_or_else(|| format_err(path, 0, format!("[{dataset}] has no {key}")))?;
    toml_number(path, &format!("[{dataset}] {key}"), v).map(Some)
}

/// Reads a data set's metadata floors, `[<data-set name>.metadata] <field> = <accuracy>`, by
/// field name. `Ok(None)` when the file has no such table.
pub fn metadata_floors(path: &Path, dataset: &str) -> Result<Option<Vec<(String, f64)>>, EvalError> {
    let table = floors_table(path)?;
    let Some(section) = table.get(dataset).and_then(|s| s.get("metadata")) else { return Ok(None) };
    let what = format!("[{dataset}.metadata]");
    let section = section.as_table().ok_or_else(|| format_err(path, 0, format!("{what} is not a table")))?;
    section
        .iter()
        .map(|(field, v)| Ok((field.clone(), toml_number(path, &format!("{what} {field}"), v)?)))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
