//! The trafilatura evaluation metric (`tests/eval_common.py` @e90b0ef5), exactly.
//!
//! The output and every gold chunk are normalised with `re.sub(r"\s+", " ", s).strip()` (Python
//! whitespace, [`normalize_space`]); a `with` chunk found in the output is a TP, one not found a
//! FN; a `without` chunk found is a FP, one not found a TN. Counts are summed over the corpus.

use serde::Serialize;

use super::pytext::normalize_space;

/// Confusion counts, of one document or summed over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// `with` chunks found.
    pub tp: u64,
    /// `without` chunks found.
    pub fp: u64,
    /// `with` chunks missed.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// `without` chunks absent.
    pub tn: u64,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }

    /// `fn + fp`: how wrong a document is.
    pub fn errors(&self) -> u64 {
        self.fn_ + self.fp
    }
}

/// `count_item`: the counts of one document for an output text.
pub fn count(with: &[String], without: &[String], output: &str) -> Counts {
    let res = normalize_space(output);
    let tp = with.iter().filter(|c| res.contains(normalize_space(c).as_str())).count() as u64;
    let fp = without.iter().filter(|c| res.contains(normalize_space(c).as_str())).count() as u64;
    Counts { tp, fp, fn_: with.len() as u64 - tp, tn: without.len() as u64 - fp }
}

/// Corpus scores (micro).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// `2TP / (2TP + FP + FN)`.
    pub f1: f64,
    /// `TP / (TP + FP)`.
    pub precision: f64,
    /// `TP / (TP + FN)`.
    pub recall: f64,
    /// `(TP + TN) / all`.
    pub accuracy: f64,
    /// Summed counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Documents scored.
    pub n_docs: usize,
}

/// Integer ratio as Python's `a / b` (correctly rounded), 0 when `b` is 0.
fn ratio(a: u64, b: u64) -> f64 {
    // Both are exact in f64 (far below 2^53), so one IEEE division rounds like Python's.
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The corpus scores of summed counts over `n_docs` documents.
pub fn aggregate(c: Counts, n_docs: usize) -> Scores {
    Scores {
        f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn_),
        precision: ratio(c.tp, c.tp + c.fp),
        recall: ratio(c.tp, c.tp + c.fn_),
        accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.fn_ + c.tn),
        counts: c,
        n_docs,
    }
}
