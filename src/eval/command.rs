//! The `pith eval` command: what to score, and everything it prints, so that the binary only
//! maps its arguments and writes the result.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::dataset::Dataset;
use super::error::EvalError;
use super::floors::{floor, metadata_floors};
use super::meta::{self, MetaGold, MetaPredictions};
use super::predictions::PredictionFile;
use super::report::{evaluate_extractor_with, evaluate_file};
use crate::Extractor;

/// What `pith eval` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct EvalCommand {
    /// The data set's directory.
    pub data: PathBuf,
    /// Score this predictions file instead of running pith.
    pub pred: Option<PathBuf>,
    /// Write pith's predictions here (text, or metadata records with `metadata`).
    pub save_pred: Option<PathBuf>,
    /// Only the first N documents of the gold.
    pub limit: Option<usize>,
    /// Every document's scores too (text metrics).
    pub per_doc: bool,
    /// One JSON object instead of a table.
    pub json: bool,
    /// Extraction times too (text metrics).
    pub timing: bool,
    /// Gate the scores on the floors in this file.
    pub check_floors: Option<PathBuf>,
    /// Score the metadata fields instead of the text.
    pub metadata: bool,
}

/// What the command printed and found.
#[derive(Debug, Clone, Default)]
pub struct EvalOutcome {
    /// The report, for standard output.
    pub stdout: String,
    /// One line per floor checked (or missing), for standard error.
    pub notes: Vec<String>,
    /// A score is below its floor.
    pub below_floor: bool,
}

fn write_file(path: &Path, content: &str) -> Result<(), EvalError> {
    std::fs::write(path, content).map_err(|source| EvalError::Write { path: path.to_path_buf(), source })
}

/// Runs the command.
pub fn run(cmd: &EvalCommand) -> Result<EvalOutcome, EvalError> {
    if cmd.metadata { run_metadata(cmd) } else { run_text(cmd) }
}

fn run_text(cmd: &EvalCommand) -> Result<EvalOutcome, EvalError> {
    let mut dataset = Dataset::load(&cmd.data)?;
    if let Some(n) = cmd.limit {
        dataset.docs.truncate(n);
    }
    let report = match &cmd.pred {
        Some(path) => evaluate_file(&dataset, &PredictionFile::load(path)?),
        None => {
            let mut saved = String::new();
            let report = evaluate_extractor_with(&dataset, &Extractor::default(), |doc, pred| {
                if cmd.save_pred.is_some() {
                    saved.push_str(
                        &if pred.no_article {
                            json!({ "id": doc.id, "text": pred.text, "no_article": true })
                        } else {
                            json!({ "id": doc.id, "text": pred.text })
                        }
                        .to_string(),
                    );
                    saved.push('\n');
                }
            });
            if let Some(path) = &cmd.save_pred {
                write_file(path, &saved)?;
            }
            report
        }
    };
    let stdout = if cmd.json {
        report.to_json(cmd.per_doc, cmd.timing).to_string() + "\n"
    } else {
        report.to_text(cmd.per_doc, cmd.timing)
    };
    let mut out = EvalOutcome { stdout, ..Default::default() };
    let Some(floors) = &cmd.check_floors else { return Ok(out) };
    let (key, value) = report.headline();
    match floor(floors, &report.dataset, key)? {
        Some(f) if value < f => {
            out.notes.push(format!(
                "{}: {key} {value:.6} is below the floor {f} in {}",
                report.dataset,
                floors.display()
            ));
            out.below_floor = true;
        }
        Some(f) => out.notes.push(format!("{}: {key} {value:.6} meets the floor {f}", report.dataset)),
        None => out.notes.push(format!("{}: no floor in {}", report.dataset, floors.display())),
    }
    Ok(out)
}

fn run_metadata(cmd: &EvalCommand) -> Result<EvalOutcome, EvalError> {
    let mut gold = MetaGold::load(&cmd.data)?;
    if let Some(n) = cmd.limit {
        gold.pages.truncate(n);
    }
    let preds = match &cmd.pred {
        Some(path) => MetaPredictions::load(path)?,
        None => {
            let records = meta::predict_with(&gold, &Extractor::default());
            if let Some(path) = &cmd.save_pred {
                let lines: String = records.iter().map(|r| Value::Object(r.clone()).to_string() + "\n").collect();
                write_file(path, &lines)?;
            }
            MetaPredictions::from_records("pith", records)
        }
    };
    let report = meta::score(&gold, &preds);
    let stdout = if cmd.json { report.to_json().to_string() + "\n" } else { report.to_text() };
    let mut out = EvalOutcome { stdout, ..Default::default() };
    let Some(floors) = &cmd.check_floors else { return Ok(out) };
    let Some(field_floors) = metadata_floors(floors, &report.dataset)? else {
        out.notes.push(format!("{}: no metadata floors in {}", report.dataset, floors.display()));
        return Ok(out);
    };
    for (field, f) in field_floors {
        let accuracy = report.field(&field).and_then(|c| c.accuracy());
        match accuracy {
            Some(a) if a >= f => {
                out.notes.push(format!("{} metadata: {field} accuracy {a:.6} meets the floor {f}", report.dataset));
            }
            Some(a) => {
                out.notes.push(format!(
                    "{} metadata: {field} accuracy {a:.6} is below the floor {f} in {}",
                    report.dataset,
                    floors.display()
                ));
                out.below_floor = true;
            }
            None => {
                out.notes.push(format!(
                    "{} metadata: {field} has a floor in {} but no score (no gold, or not attempted)",
                    report.dataset,
                    floors.display()
                ));
                out.below_floor = true;
            }
        }
    }
    Ok(out)
}
