//! Benchmark evaluation: the benchmarks' own metrics, ported exactly, and a runner that scores
//! pith — or a file of another tool's outputs — on a data set.
//!
//! A data set is a directory with `gold.jsonl` (one `{"id", "url", "text" | "with"/"without"}`
//! object per line) and `html/<id>.html`. Its metric follows from its gold:
//!
//! - full-text gold (`text` a string on every line) with a `dataset` name on every line: the Web
//!   Content Extraction Benchmark's token Levenshtein ratio, [`wceb`];
//! - other full-text gold: the Scrapinghub AEB metric, [`aeb`];
//! - `with`/`without` snippet lists: the trafilatura evaluation metric, [`snippets`].
//!
//! Each reproduces its reference Python scorer bit for bit: the tokenizers and whitespace are
//! Python's ([`pytext`]) and the means are rounded as `statistics.mean` and `statistics.fmean`
//! round them. The metadata fields of a data set whose gold has them are scored by [`meta`].
//!
//! ```no_run
//! use pith::eval::{Dataset, evaluate_extractor};
//!
//! let data = Dataset::load("benchmarks/scrapinghub-aeb".as_ref()).unwrap();
//! let report = evaluate_extractor(&data, &pith::Extractor::default());
//! let (name, value) = report.headline();
//! println!("{name} {value:.4}");
//! ```

#[doc(hidden)]
pub mod aeb;
mod command;
mod exact;
pub mod meta;
#[doc(hidden)]
pub mod pytext;
#[doc(hidden)]
pub mod snippets;
pub mod timing;
pub mod wceb;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use serde_json::{Map, Value, json};
use thiserror::Error;

use crate::{ExtractOptions, Extractor, Record};
pub use command::{EvalCommand, EvalOutcome, run};
use timing::Timing;

/// Why a data set, a predictions file or a floors file cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line or value is not what the format says.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when it concerns the whole file).
        line: usize,
        /// Why.
        message: String,
    },
}

fn read_to_string(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

fn format_err(path: &Path, line: usize, message: impl Into<String>) -> EvalError {
    EvalError::Format { path: path.to_path_buf(), line, message: message.into() }
}

/// The metric of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Scrapinghub AEB: token 4-gram shingles, macro P/R over documents.
    Aeb,
    /// trafilatura evaluation: with/without snippet substrings, micro counts.
    Snippets,
    /// Web Content Extraction Benchmark: whitespace-token Levenshtein ratio, mean over pages.
    Wceb,
}

impl Metric {
    /// Its short name, as the reference scorer names it: `aeb`, `snippets` or `wceb-lev`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Aeb => "aeb",
            Metric::Snippets => "snippets",
            Metric::Wceb => "wceb-lev",
        }
    }

    /// The corpus figure that floors gate, by its key in the JSON output and the floors file.
    pub fn headline_key(self) -> &'static str {
        match self {
            Metric::Aeb | Metric::Snippets => "f1",
            Metric::Wceb => "lev_mean",
        }
    }
}

/// What a document's extraction is scored against.
#[derive(Debug, Clone, PartialEq)]
pub enum Gold {
    /// The whole expected text.
    FullText(String),
    /// Chunks that must appear (`with`) and must not (`without`).
    Snippets {
        /// Must appear.
        with: Vec<String>,
        /// Must not appear.
        without: Vec<String>,
    },
}

/// One document of a data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Its id: the page is `html/<id>.html`.
    pub id: String,
    /// The page URL, if the gold has one.
    pub url: Option<String>,
    /// The collection the page comes from (the gold's `dataset`; WCEB sets report per dataset).
    pub group: Option<String>,
    /// Its gold.
    pub gold: Gold,
}

impl Doc {
    /// Whether the gold expects some text: a full text that is not blank, or a `with` chunk.
    pub fn gold_has_text(&self) -> bool {
        match &self.gold {
            Gold::FullText(text) => !pytext::strip(text).is_empty(),
            Gold::Snippets { with, .. } => !with.is_empty(),
        }
    }
}

/// A loaded data set.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The directory's name (`scrapinghub-aeb`, `trafilatura-eval`): the key of the floors.
    pub name: String,
    /// The directory.
    pub dir: PathBuf,
    /// The metric its gold calls for.
    pub metric: Metric,
    /// The documents in `gold.jsonl` order.
    pub docs: Vec<Doc>,
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    v?.as_array()?.iter().map(|x| x.as_str().map(str::to_string)).collect()
}

impl Dataset {
    /// Reads `DIR/gold.jsonl` and picks the metric: full-text gold on every line gives
    /// [`Metric::Wceb`] when every line also names its `dataset`, else [`Metric::Aeb`];
    /// `with`/`without` lists on every line give [`Metric::Snippets`].
    pub fn load(dir: &Path) -> Result<Dataset, EvalError> {
        let path = dir.join("gold.jsonl");
        let content = read_to_string(&path)?;
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value =
                serde_json::from_str(line).map_err(|e| format_err(&path, i + 1, format!("bad JSON: {e}")))?;
            let id = v.get("id").and_then(Value::as_str).ok_or_else(|| format_err(&path, i + 1, "no string \"id\""))?;
            if !seen.insert(id.to_string()) {
                return Err(format_err(&path, i + 1, format!("duplicate id {id:?}")));
            }
            rows.push((i + 1, v));
        }
        if rows.is_empty() {
            return Err(format_err(&path, 0, "no documents"));
        }
        let full_text = rows.iter().all(|(_, v)| v.get("text").is_some_and(Value::is_string));
        let snippet = |v: &Value| string_list(v.get("with")).zip(string_list(v.get("without")));
        let group = |v: &Value| v.get("dataset").and_then(Value::as_str).map(str::to_string);
        let metric = if full_text && rows.iter().all(|(_, v)| group(v).is_some()) {
            Metric::Wceb
        } else if full_text {
            if let Some((line, _)) = rows.iter().find(|(_, v)| v.get("dataset").is_some()) {
                return Err(format_err(
                    &path,
                    *line,
                    "\"dataset\" on some lines only (WCEB gold names the dataset of every page)",
                ));
            }
            Metric::Aeb
        } else if rows.iter().all(|(_, v)| snippet(v).is_some()) {
            Metric::Snippets
        } else {
            let (line, _) = rows
                .iter()
                .find(|(_, v)| !v.get("text").is_some_and(Value::is_string) && snippet(v).is_none())
                .expect("a line has neither");
            return Err(format_err(
                &path,
                *line,
                "neither full-text gold (\"text\" a string on every line) nor snippet gold (\"with\" and \"without\" string lists on every line)",
            ));
        };
        let docs = rows
            .into_iter()
            .map(|(_, v)| {
                let gold = match metric {
                    Metric::Aeb | Metric::Wceb => Gold::FullText(v["text"].as_str().unwrap_or_default().to_string()),
                    Metric::Snippets => {
                        let (with, without) = snippet(&v).unwrap_or_default();
                        Gold::Snippets { with, without }
                    }
                };
                Doc {
                    id: v["id"].as_str().unwrap_or_default().to_string(),
                    url: v.get("url").and_then(Value::as_str).map(str::to_string),
                    group: group(&v),
                    gold,
                }
            })
            .collect();
        let name = std::fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        Ok(Dataset { name, dir: dir.to_path_buf(), metric, docs })
    }

    /// The page of a document: `DIR/html/<id>.html`.
    pub fn html_path(&self, doc: &Doc) -> PathBuf {
        self.dir.join("html").join(format!("{}.html", doc.id))
    }
}

/// One document's output, from an extractor or a predictions file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prediction {
    /// The extracted text; `None` (no output, a `null`, a missing line) is scored as `""`.
    pub text: Option<String>,
    /// Extraction time, ms.
    pub ms: Option<f64>,
    /// Why there is no output (scored as `""`).
    pub error: Option<String>,
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
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line).map_err(|e| format_err(path, i + 1, format!("bad JSON: {e}")))?;
            let id = v.get("id").and_then(Value::as_str).ok_or_else(|| format_err(path, i + 1, "no string \"id\""))?;
            let pred = Prediction {
                text: v.get("text").and_then(Value::as_str).map(str::to_string),
                ms: v.get("ms").and_then(Value::as_f64),
                error: v.get("error").filter(|e| !e.is_null() && *e != false).map(|e| match e.as_str() {
                    Some(s) => s.to_string(),
                    None => e.to_string(),
                }),
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

/// A document's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocScore {
    /// AEB shingle scores.
    Aeb(aeb::DocScore),
    /// Snippet counts.
    Snippets(snippets::Counts),
    /// WCEB token Levenshtein ratio.
    Wceb(f64),
}

/// One document's result.
#[derive(Debug, Clone, PartialEq)]
pub struct DocResult {
    /// Document id.
    pub id: String,
    /// Its collection (the gold's `dataset`), if named.
    pub group: Option<String>,
    /// Its score.
    pub score: DocScore,
    /// The prediction had no output (missing line, `null`); scored as `""`.
    pub missing: bool,
    /// The prediction was empty or whitespace (Python `strip`), including `missing`.
    pub empty: bool,
    /// The gold expects some text ([`Doc::gold_has_text`]).
    pub gold_has_text: bool,
    /// Extraction time, ms.
    pub ms: Option<f64>,
    /// Why the extraction failed.
    pub error: Option<String>,
}

/// Corpus scores.
#[derive(Debug, Clone, PartialEq)]
pub enum Scores {
    /// AEB.
    Aeb(aeb::Scores),
    /// Snippets.
    Snippets(snippets::Scores),
    /// WCEB.
    Wceb(wceb::Scores),
}

/// The result of scoring a data set.
#[derive(Debug, Clone)]
pub struct Report {
    /// Data-set name (directory name).
    pub dataset: String,
    /// Data-set directory.
    pub dir: PathBuf,
    /// Metric.
    pub metric: Metric,
    /// Corpus scores.
    pub scores: Scores,
    /// Per-document results, in gold order.
    pub docs: Vec<DocResult>,
    /// Extraction times, when the predictions had them.
    pub timing: Option<Timing>,
}

/// Scores the output `predict` gives for every document of `dataset` (in gold order).
pub fn evaluate(dataset: &Dataset, mut predict: impl FnMut(&Doc) -> Prediction) -> Report {
    let mut docs = Vec::with_capacity(dataset.docs.len());
    for doc in &dataset.docs {
        let pred = predict(doc);
        let text = pred.text.as_deref().unwrap_or("");
        let score = match (&doc.gold, dataset.metric) {
            (Gold::FullText(gold), Metric::Wceb) => DocScore::Wceb(wceb::score_doc(gold, text)),
            (Gold::FullText(gold), _) => DocScore::Aeb(aeb::score_doc(gold, text)),
            (Gold::Snippets { with, without }, _) => DocScore::Snippets(snippets::count(with, without, text)),
        };
        docs.push(DocResult {
            id: doc.id.clone(),
            group: doc.group.clone(),
            score,
            missing: pred.text.is_none(),
            empty: pytext::strip(text).is_empty(),
            gold_has_text: doc.gold_has_text(),
            ms: pred.ms,
            error: pred.error,
        });
    }
    let scores = match dataset.metric {
        Metric::Aeb => {
            let d: Vec<aeb::DocScore> = docs
                .iter()
                .filter_map(|r| match r.score {
                    DocScore::Aeb(s) => Some(s),
                    _ => None,
                })
                .collect();
            Scores::Aeb(aeb::aggregate(&d))
        }
        Metric::Snippets => {
            let mut total = snippets::Counts::default();
            for r in &docs {
                if let DocScore::Snippets(c) = r.score {
                    total.add(c);
                }
            }
            Scores::Snippets(snippets::aggregate(total, docs.len()))
        }
        Metric::Wceb => {
            // The reference scorer names a page without a dataset "-".
            let pages: Vec<(&str, f64)> = docs
                .iter()
                .filter_map(|r| match r.score {
                    DocScore::Wceb(x) => Some((r.group.as_deref().unwrap_or("-"), x)),
                    _ => None,
                })
                .collect();
            Scores::Wceb(wceb::aggregate(&pages))
        }
    };
    let ms: Vec<f64> = docs.iter().filter_map(|d| d.ms).collect();
    Report {
        dataset: dataset.name.clone(),
        dir: dataset.dir.clone(),
        metric: dataset.metric,
        scores,
        timing: timing::summarize(&ms),
        docs,
    }
}

/// Scores a predictions file on a data set (gold ids without a line are scored as `""`; lines
/// for other ids are ignored).
pub fn evaluate_file(dataset: &Dataset, preds: &PredictionFile) -> Report {
    evaluate(dataset, |doc| preds.get(&doc.id).cloned().unwrap_or_default())
}

/// Runs `extractor` on one document's page and times it: only the in-process extraction of the
/// bytes is timed, not the file read. A failure (unreadable file, extraction error, panic) is a
/// prediction with an error and no text.
pub fn extract_doc(extractor: &Extractor, dataset: &Dataset, doc: &Doc) -> Prediction {
    let path = dataset.html_path(doc);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            return Prediction { error: Some(format!("cannot read {}: {e}", path.display())), ..Default::default() };
        }
    };
    let opts = ExtractOptions::new(doc.id.clone()).with_url(doc.url.clone());
    let start = Instant::now();
    // `record`, not `extract`: a panic is an error record, not an unwind out of the run.
    let record = extractor.record(&bytes, &opts);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match record {
        Record::Article(article) => Prediction { text: Some(article.text), ms: Some(ms), error: None },
        Record::Error(e) => Prediction { text: None, ms: Some(ms), error: Some(e.error.message) },
    }
}

/// Runs `extractor` over every document of `dataset`, one thread, and scores its `text`.
pub fn evaluate_extractor(dataset: &Dataset, extractor: &Extractor) -> Report {
    evaluate_extractor_with(dataset, extractor, |_, _| {})
}

/// As [`evaluate_extractor`], showing each document's prediction to `seen` (to save them).
pub fn evaluate_extractor_with(
    dataset: &Dataset,
    extractor: &Extractor,
    mut seen: impl FnMut(&Doc, &Prediction),
) -> Report {
    // As the peer runners do: the first page once, untimed, so that one-time costs (compiling
    // the patterns) are not in its time.
    if let Some(first) = dataset.docs.first() {
        let _ = extract_doc(extractor, dataset, first);
    }
    evaluate(dataset, |doc| {
        let pred = extract_doc(extractor, dataset, doc);
        seen(doc, &pred);
        pred
    })
}

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

/// Reads a data set's floor for `key` (the metric's [`Metric::headline_key`]) from a floors
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

impl Report {
    /// The figure floors gate: `("f1", F1)` for AEB and snippet sets, `("lev_mean", mean
    /// ratio)` for WCEB sets.
    pub fn headline(&self) -> (&'static str, f64) {
        let value = match &self.scores {
            Scores::Aeb(s) => s.f1,
            Scores::Snippets(s) => s.f1,
            Scores::Wceb(s) => s.lev_mean,
        };
        (self.metric.headline_key(), value)
    }

    /// Documents whose prediction had no output.
    pub fn missing(&self) -> usize {
        self.docs.iter().filter(|d| d.missing && d.error.is_none()).count()
    }

    /// Documents whose extraction failed.
    pub fn errors(&self) -> usize {
        self.docs.iter().filter(|d| d.error.is_some()).count()
    }

    /// Documents with an empty prediction (failures included).
    pub fn empty(&self) -> usize {
        self.docs.iter().filter(|d| d.empty).count()
    }

    /// Documents with an empty prediction where the gold expects text: pages lost outright.
    pub fn empty_with_gold(&self) -> usize {
        self.docs.iter().filter(|d| d.empty && d.gold_has_text).count()
    }

    /// Per-document results, worst first: lowest F1 (then recall, precision) for AEB; most
    /// `fn + fp` (then `fn`) for snippets; ties by id.
    pub fn worst_first(&self) -> Vec<&DocResult> {
        let mut docs: Vec<&DocResult> = self.docs.iter().collect();
        docs.sort_by(|a, b| {
            let by_score = match (a.score, b.score) {
                (DocScore::Aeb(x), DocScore::Aeb(y)) => {
                    x.f1.total_cmp(&y.f1).then(x.recall.total_cmp(&y.recall)).then(x.precision.total_cmp(&y.precision))
                }
                (DocScore::Snippets(x), DocScore::Snippets(y)) => y.errors().cmp(&x.errors()).then(y.fn_.cmp(&x.fn_)),
                (DocScore::Wceb(x), DocScore::Wceb(y)) => x.total_cmp(&y),
                _ => std::cmp::Ordering::Equal,
            };
            by_score.then_with(|| a.id.cmp(&b.id))
        });
        docs
    }

    /// One JSON object: the data set, metric, scores and counts; `timing` when asked for (and
    /// known); `docs` (worst first) when asked for.
    pub fn to_json(&self, per_doc: bool, with_timing: bool) -> Value {
        let mut m = Map::new();
        m.insert("dataset".into(), json!(self.dataset));
        m.insert("data".into(), json!(self.dir.display().to_string()));
        m.insert("metric".into(), json!(self.metric.name()));
        let scores = match &self.scores {
            Scores::Aeb(s) => serde_json::to_value(s),
            Scores::Snippets(s) => serde_json::to_value(s),
            Scores::Wceb(s) => serde_json::to_value(s),
        };
        if let Ok(Value::Object(s)) = scores {
            m.extend(s);
        }
        if let Scores::Wceb(s) = &self.scores {
            let per: Map<String, Value> =
                s.datasets.iter().map(|d| (d.name.clone(), serde_json::to_value(d).unwrap_or(Value::Null))).collect();
            m.insert("datasets".into(), Value::Object(per));
        }
        m.insert("errors".into(), json!(self.errors()));
        m.insert("empty".into(), json!(self.empty()));
        m.insert("empty_with_gold".into(), json!(self.empty_with_gold()));
        m.insert("missing".into(), json!(self.missing()));
        if with_timing {
            m.insert("timing".into(), serde_json::to_value(self.timing).unwrap_or(Value::Null));
        }
        if per_doc {
            let docs = self.worst_first().into_iter().map(doc_json).collect();
            m.insert("docs".into(), Value::Array(docs));
        }
        Value::Object(m)
    }

    /// A short table for people; with `per_doc`, every document worst first; with
    /// `with_timing`, the extraction times.
    pub fn to_text(&self, per_doc: bool, with_timing: bool) -> String {
        let mut s = String::new();
        let what = match self.metric {
            Metric::Aeb => "AEB metric: token 4-gram shingles, macro P/R",
            Metric::Snippets => "snippet metric: with/without substrings, micro counts",
            Metric::Wceb => "WCEB metric: whitespace-token Levenshtein ratio, mean over pages",
        };
        let _ = writeln!(
            s,
            "{} ({what}): {} docs, {} extraction errors, {} empty ({} where the gold has text), {} missing",
            self.dataset,
            self.docs.len(),
            self.errors(),
            self.empty(),
            self.empty_with_gold(),
            self.missing()
        );
        match &self.scores {
            Scores::Aeb(a) => {
                let _ = writeln!(s, "  {:<9} {:<9} {:<9} accuracy", "F1", "P", "R");
                let _ = writeln!(s, "  {:<9.6} {:<9.6} {:<9.6} {:.6}", a.f1, a.precision, a.recall, a.accuracy);
            }
            Scores::Snippets(x) => {
                let c = x.counts;
                let _ = writeln!(
                    s,
                    "  {:<9} {:<9} {:<9} {:<9} {:>6} {:>6} {:>6} {:>6}",
                    "F1", "P", "R", "accuracy", "TP", "FP", "FN", "TN"
                );
                let _ = writeln!(
                    s,
                    "  {:<9.6} {:<9.6} {:<9.6} {:<9.6} {:>6} {:>6} {:>6} {:>6}",
                    x.f1, x.precision, x.recall, x.accuracy, c.tp, c.fp, c.fn_, c.tn
                );
            }
            Scores::Wceb(w) => {
                let _ = writeln!(s, "  {:<18} {:>5} {:<9} {:<9}", "", "pages", "mean", "median");
                let _ =
                    writeln!(s, "  {:<18} {:>5} {:<9.6} {:<9.6}", "all (micro)", w.n_docs, w.lev_mean, w.lev_median);
                let _ = writeln!(
                    s,
                    "  {:<18} {:>5} {:<9.6} {:<9.6}",
                    "datasets (macro)",
                    w.datasets.len(),
                    w.lev_macro_mean,
                    w.lev_macro_median
                );
                for d in &w.datasets {
                    let _ = writeln!(s, "  {:<18} {:>5} {:<9.6} {:<9.6}", d.name, d.n_docs, d.lev_mean, d.lev_median);
                }
            }
        }
        if with_timing {
            match self.timing {
                Some(t) => {
                    let _ = writeln!(
                        s,
                        "timing (extraction only, one thread): {} docs, median {:.2} ms, p95 {:.2} ms, max {:.1} ms, mean {:.2} ms, total {:.2} s, {:.1} pages/s",
                        t.n, t.median_ms, t.p95_ms, t.max_ms, t.mean_ms, t.total_s, t.pages_per_s
                    );
                }
                None => {
                    let _ = writeln!(s, "timing: none (the predictions carry no \"ms\")");
                }
            }
        }
        if per_doc {
            let _ = writeln!(s, "per document, worst first:");
            match self.metric {
                Metric::Aeb => {
                    let _ = writeln!(s, "  {:<8} {:<8} {:<8} id", "F1", "P", "R");
                }
                Metric::Snippets => {
                    let _ = writeln!(s, "  {:>5} {:>3} {:>3} {:>3} {:>3} id", "FN+FP", "TP", "FP", "FN", "TN");
                }
                Metric::Wceb => {
                    let _ = writeln!(s, "  {:<8} {:<10} id", "ratio", "dataset");
                }
            }
            for d in self.worst_first() {
                match d.score {
                    DocScore::Aeb(a) => {
                        let _ = write!(s, "  {:<8.4} {:<8.4} {:<8.4} {}", a.f1, a.precision, a.recall, d.id);
                    }
                    DocScore::Snippets(c) => {
                        let _ =
                            write!(s, "  {:>5} {:>3} {:>3} {:>3} {:>3} {}", c.errors(), c.tp, c.fp, c.fn_, c.tn, d.id);
                    }
                    DocScore::Wceb(x) => {
                        let _ = write!(s, "  {:<8.4} {:<10} {}", x, d.group.as_deref().unwrap_or("-"), d.id);
                    }
                }
                if let Some(e) = &d.error {
                    let _ = write!(s, "  [error: {e}]");
                } else if d.empty {
                    let _ = write!(s, "  [empty]");
                }
                s.push('\n');
            }
        }
        s
    }
}

fn doc_json(d: &DocResult) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(d.id));
    let score = match d.score {
        DocScore::Aeb(a) => serde_json::to_value(a),
        DocScore::Snippets(c) => serde_json::to_value(c),
        DocScore::Wceb(x) => Ok(json!({ "lev": x })),
    };
    if let Ok(Value::Object(s)) = score {
        m.extend(s);
    }
    if let Some(g) = &d.group {
        m.insert("dataset".into(), json!(g));
    }
    m.insert("empty".into(), json!(d.empty));
    if let Some(ms) = d.ms {
        m.insert("ms".into(), json!(ms));
    }
    if let Some(e) = &d.error {
        m.insert("error".into(), json!(e));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests;
