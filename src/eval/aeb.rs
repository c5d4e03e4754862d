//! The Scrapinghub Article Extraction Benchmark metric (`evaluate.py` @4a3bc979), exactly.
//!
//! Python `\w+` tokens ([`word_tokens`]), token 4-gram shingles as a multiset, per-document
//! TP/FP/FN normalised to sum to 1, macro means of precision (documents with `tp + fp > 0`) and
//! recall (documents with `tp + fn > 0`) computed as `statistics.mean` does, F1 as the harmonic
//! mean of the two means, and accuracy as exact equality of the token sequences.

use std::collections::HashMap;

use serde::Serialize;

use super::exact;
use super::pytext::word_tokens;

/// The shingle size of the benchmark.
pub const NGRAM_N: usize = 4;

/// `_ngrams(text, n)` on tokens: `tokens[i:i+n]` for `i in range(max(1, len - n + 1))`, empty
/// shingles dropped. One to `n - 1` tokens give one shingle of all of them; none give none.
pub fn ngrams<'a, 'b>(tokens: &'b [&'a str], n: usize) -> Vec<&'b [&'a str]> {
    assert!(n > 0, "ngram size must be positive");
    if tokens.is_empty() {
        Vec::new()
    } else if tokens.len() < n {
        vec![tokens]
    } else {
        tokens.windows(n).collect()
    }
}

/// One document's shingle match, normalised so that `tp + fp + fn == 1` (all zero when both
/// texts have no shingle).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Counts {
    /// Shingles in both (normalised).
    pub tp: f64,
    /// Predicted shingles not in the gold (normalised).
    pub fp: f64,
    /// Gold shingles not predicted (normalised).
    #[serde(rename = "fn")]
    pub fn_: f64,
}

/// `_shingle_matching(true, pred, ngram_n=n)`.
pub fn shingle_matching(gold: &str, pred: &str, n: usize) -> Counts {
    let gold_tokens = word_tokens(gold);
    let pred_tokens = word_tokens(pred);
    shingle_matching_tokens(&gold_tokens, &pred_tokens, n)
}

fn shingle_matching_tokens(gold: &[&str], pred: &[&str], n: usize) -> Counts {
    let mut counts: HashMap<&[&str], (u64, u64)> = HashMap::new();
    for s in ngrams(gold, n) {
        counts.entry(s).or_default().0 += 1;
    }
    for s in ngrams(pred, n) {
        counts.entry(s).or_default().1 += 1;
    }
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for &(t, p) in counts.values() {
        tp += t.min(p);
        fp += p.saturating_sub(t);
        fn_ += t.saturating_sub(p);
    }
    // Python adds integers into floats; below 2^53 that is exact, so integer sums are the same.
    let (tp, fp, fn_) = (tp as f64, fp as f64, fn_ as f64);
    let s = tp + fp + fn_;
    if s > 0.0 { Counts { tp: tp / s, fp: fp / s, fn_: fn_ / s } } else { Counts { tp, fp, fn_ } }
}

/// `_precision(tp, fp, fn)`.
pub fn precision(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fp == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fp)
    }
}

/// `_recall(tp, fp, fn)`.
pub fn recall(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fn_ == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fn_)
    }
}

/// The harmonic mean `2PR / (P + R)`, 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

/// One document's AEB score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DocScore {
    /// Normalised shingle counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// [`precision`] of the counts.
    pub precision: f64,
    /// [`recall`] of the counts.
    pub recall: f64,
    /// [`f1`] of the two (not part of the benchmark; for ranking documents).
    pub f1: f64,
    /// The token sequences are equal (the benchmark's "accuracy").
    pub exact: bool,
}

/// Scores one document with the benchmark's `n` = 4.
pub fn score_doc(gold: &str, pred: &str) -> DocScore {
    let gold_tokens = word_tokens(gold);
    let pred_tokens = word_tokens(pred);
    let counts = shingle_matching_tokens(&gold_tokens, &pred_tokens, NGRAM_N);
    let (p, r) = (precision(counts), recall(counts));
    DocScore { counts, precision: p, recall: r, f1: f1(p, r), exact: gold_tokens == pred_tokens }
}

/// Corpus scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// `2PR / (P + R)` of the macro means.
    pub f1: f64,
    /// Mean precision over the documents with `tp + fp > 0` (a document with an empty
    /// prediction is left out). 0 when there is none (Python would raise).
    pub precision: f64,
    /// Mean recall over the documents with `tp + fn > 0`. 0 when there is none.
    pub recall: f64,
    /// Share of documents whose token sequences are equal.
    pub accuracy: f64,
    /// Documents scored.
    pub n_docs: usize,
}

/// `_metrics_from_tp_fp_fns` plus accuracy, over per-document scores.
pub fn aggregate(docs: &[DocScore]) -> Scores {
    let ps: Vec<f64> = docs.iter().filter(|d| d.counts.tp + d.counts.fp > 0.0).map(|d| d.precision).collect();
    let rs: Vec<f64> = docs.iter().filter(|d| d.counts.tp + d.counts.fn_ > 0.0).map(|d| d.recall).collect();
    let accs: Vec<f64> = docs.iter().map(|d| if d.exact { 1.0 } else { 0.0 }).collect();
    let precision = exact::mean(&ps).unwrap_or(0.0);
    let recall = exact::mean(&rs).unwrap_or(0.0);
    Scores {
        f1: f1(precision, recall),
        precision,
        recall,
        accuracy: exact::mean(&accs).unwrap_or(0.0),
        n_docs: docs.len(),
    }
}
