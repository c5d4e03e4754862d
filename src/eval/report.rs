//! Scoring a data set: each document's prediction against its gold with the data set's
//! metric, the corpus scores, and the report (JSON or a table).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::dataset::{Dataset, Doc, Gold, Metric};
use super::predictions::{Prediction, PredictionFile};
use super::timing::{self, Timing};
use super::{aeb, pytext, snippets, wceb};
use crate::{ErrorKind, ExtractOptions, Extractor, Record};

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
    /// The extractor said the page has no article (scored as `""`, not an error).
    pub no_article: bool,
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
            no_article: pred.no_article,
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
        Record::Article(article) => Prediction { text: Some(article.text), ms: Some(ms), ..Default::default() },
        // No article is an answer: the page has no text to score, as an empty output.
        Record::Error(e) if e.error.kind == ErrorKind::NoArticle => {
            Prediction { text: Some(String::new()), ms: Some(ms), no_article: true, ..Default::default() }
        }
        Record::Error(e) => Prediction { text: None, ms: Some(ms), error: Some(e.error.message), ..Default::default() },
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

    /// Documents the extractor said have no article (`no_article`, scored as empty).
    pub fn no_article(&self) -> usize {
        self.docs.iter().filter(|d| d.no_article).count()
    }

    /// Of those, the documents whose gold expects text: pages wrongly said to have none.
    pub fn no_article_with_gold(&self) -> usize {
        self.docs.iter().filter(|d| d.no_article && d.gold_has_text).count()
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
        m.insert("no_article".into(), json!(self.no_article()));
        m.insert("no_article_with_gold".into(), json!(self.no_article_with_gold()));
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
            "{} ({what}): {} docs, {} extraction errors, {} empty ({} where the gold has text), {} missing, \
             {} no_article ({} where the gold has text)",
            self.dataset,
            self.docs.len(),
            self.errors(),
            self.empty(),
            self.empty_with_gold(),
            self.missing(),
            self.no_article(),
            self.no_article_with_gold()
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
                } else if d.no_article {
                    let _ = write!(s, "  [no_article]");
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
    if d.no_article {
        m.insert("no_article".into(), json!(true));
    }
    if let Some(ms) = d.ms {
        m.insert("ms".into(), json!(ms));
    }
    if let Some(e) = &d.error {
        m.insert("error".into(), json!(e));
    }
    Value::Object(m)
}
