//! The Web Content Extraction Benchmark's (Bevendorff et al., SIGIR 2023) token Levenshtein
//! ratio, exactly, and its aggregates.
//!
//! Texts are split into whitespace tokens ([`tokenize_ws`]: Python's `str.strip()` then
//! `re.split(r'\s+')`, so tokens keep punctuation and case). A page scores
//! `Levenshtein.ratio(gold_tokens, pred_tokens)`: the normalised InDel similarity
//! `1 - (|a| + |b| - 2·LCS(a, b)) / (|a| + |b|)`, 1.0 when both are empty ([`ratio`]). The set
//! scores are the mean and median over pages (micro), the mean of per-dataset means and the
//! median of per-dataset medians (macro), and each dataset's mean and median, with
//! `statistics.fmean` and `statistics.median` semantics.
//!
//! The LCS is bit-parallel (Allison–Dix, Hyyrö): one machine word covers 64 tokens of the longer
//! text, so a page pair costs `|b| · ⌈|a| / 64⌉` word steps; the whole 1,427-page set scores in
//! well under a second.

use std::collections::HashMap;

use serde::Serialize;

use super::exact;
use super::pytext::{is_space, strip};

/// `tokenize_ws(text)`: `[]` for a blank text, else the text stripped and split on runs of
/// Python whitespace.
pub fn tokenize_ws(text: &str) -> Vec<&str> {
    strip(text).split(is_space).filter(|t| !t.is_empty()).collect()
}

/// The length of a longest common subsequence of two token lists.
pub fn lcs_len(a: &[&str], b: &[&str]) -> usize {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0;
    }
    // One bit mask per distinct token of the longer list: bit i set where long[i] is that token.
    let words = long.len().div_ceil(64);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut masks: Vec<u64> = Vec::new();
    for (i, tok) in long.iter().enumerate() {
        let next = ids.len();
        let id = *ids.entry(tok).or_insert(next);
        if id == masks.len() / words {
            masks.resize(masks.len() + words, 0);
        }
        masks[id * words + i / 64] |= 1 << (i % 64);
    }
    // V starts all ones; each token of the shorter list turns at most one more bit to zero per
    // run of matches (V = (V + U) | (V - U), U = V & match mask, the addition carrying across
    // words). The zeros in the end count the LCS. Bits past `long.len()` stay one: their mask
    // bits are zero, and a carry that clears one is ORed back by `V - U`.
    let mut v = vec![u64::MAX; words];
    for tok in short {
        let Some(&id) = ids.get(tok) else { continue };
        let mask = &masks[id * words..(id + 1) * words];
        let mut carry = false;
        for (vw, &m) in v.iter_mut().zip(mask) {
            let u = *vw & m;
            let (sum, c1) = vw.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vw = sum | (*vw - u);
        }
    }
    v.iter().map(|w| w.count_zeros() as usize).sum()
}

/// `Levenshtein.ratio(a, b)` on token lists: `1 - (|a| + |b| - 2·LCS) / (|a| + |b|)`, computed
/// in that order as the reference does; 1.0 when both are empty.
pub fn ratio(a: &[&str], b: &[&str]) -> f64 {
    let lensum = a.len() + b.len();
    if lensum == 0 {
        return 1.0;
    }
    let dist = lensum - 2 * lcs_len(a, b);
    1.0 - dist as f64 / lensum as f64
}

/// One page's score: the ratio of the gold's and the prediction's whitespace tokens.
pub fn score_doc(gold: &str, pred: &str) -> f64 {
    ratio(&tokenize_ws(gold), &tokenize_ws(pred))
}

pub use super::exact::median;

/// One dataset's scores (the gold's `dataset` field).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScores {
    /// The dataset's name.
    #[serde(skip)]
    pub name: String,
    /// Pages in it.
    pub n_docs: usize,
    /// Mean ratio (`statistics.fmean`).
    pub lev_mean: f64,
    /// Median ratio.
    pub lev_median: f64,
}

/// Corpus scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Mean ratio over all pages (micro; the benchmark's headline aggregate).
    pub lev_mean: f64,
    /// Median ratio over all pages.
    pub lev_median: f64,
    /// Mean of the per-dataset means (macro).
    pub lev_macro_mean: f64,
    /// Median of the per-dataset medians.
    pub lev_macro_median: f64,
    /// Pages scored.
    pub n_docs: usize,
    /// Per dataset, in order of first appearance in the gold.
    #[serde(skip)]
    pub datasets: Vec<GroupScores>,
}

/// The corpus scores of `(dataset, ratio)` per page. All zero for no page (Python would raise).
pub fn aggregate(pages: &[(&str, f64)]) -> Scores {
    let mut groups: Vec<(&str, Vec<f64>)> = Vec::new();
    for &(name, r) in pages {
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(r),
            None => groups.push((name, vec![r])),
        }
    }
    let datasets: Vec<GroupScores> = groups
        .iter()
        .map(|(name, v)| GroupScores {
            name: name.to_string(),
            n_docs: v.len(),
            lev_mean: exact::fmean(v).unwrap_or(0.0),
            lev_median: median(v).unwrap_or(0.0),
        })
        .collect();
    let all: Vec<f64> = pages.iter().map(|&(_, r)| r).collect();
    let means: Vec<f64> = datasets.iter().map(|d| d.lev_mean).collect();
    let medians: Vec<f64> = datasets.iter().map(|d| d.lev_median).collect();
    Scores {
        lev_mean: exact::fmean(&all).unwrap_or(0.0),
        lev_median: median(&all).unwrap_or(0.0),
        lev_macro_mean: exact::fmean(&means).unwrap_or(0.0),
        lev_macro_median: median(&medians).unwrap_or(0.0),
        n_docs: pages.len(),
        datasets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook dynamic programme, to check the bit-parallel LCS against.
    fn lcs_dp(a: &[&str], b: &[&str]) -> usize {
        let mut prev = vec![0usize; b.len() + 1];
        for x in a {
            let mut cur = vec![0usize; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn ratio_vectors_of_the_metric_definition() {
        assert_eq!(ratio(&[], &[]), 1.0);
        assert_eq!(ratio(&["a"], &[]), 0.0);
        assert_eq!(ratio(&["a", "b", "c"], &["a", "c"]), 0.8);
        assert_eq!(ratio(&["a", "b"], &["b", "a"]), 0.5);
    }

    #[test]
    fn tokens_are_python_whitespace_split() {
        assert_eq!(tokenize_ws("  Hello,\u{a0}world!\u{1c}x\n"), ["Hello,", "world!", "x"]);
        assert_eq!(tokenize_ws("zero\u{200b}width"), ["zero\u{200b}width"]);
        assert!(tokenize_ws(" \t\u{3000}").is_empty());
        // Case and punctuation make different tokens: only "world" is common.
        assert_eq!(score_doc("Hello, world", "hello world"), 0.5);
    }

    #[test]
    fn bit_parallel_lcs_equals_the_dynamic_programme() {
        // A small linear congruential generator: repeatable lists over small vocabularies, long
        // enough to span several 64-bit words.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let vocab = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
        for round in 0..300 {
            let k = 1 + next(vocab.len() as u64) as usize;
            let max_len = if round % 3 == 0 { 300 } else { 80 };
            let la = next(max_len) as usize;
            let lb = next(max_len) as usize;
            let a: Vec<&str> = (0..la).map(|_| vocab[next(k as u64) as usize]).collect();
            let b: Vec<&str> = (0..lb).map(|_| vocab[next(k as u64) as usize]).collect();
            assert_eq!(lcs_len(&a, &b), lcs_dp(&a, &b), "{a:?} / {b:?}");
            assert_eq!(lcs_len(&b, &a), lcs_dp(&a, &b));
        }
        // Exactly 64 and 128 tokens: the carry out of the last word is dropped.
        let a: Vec<&str> = (0..128).map(|i| vocab[i % 3]).collect();
        assert_eq!(lcs_len(&a, &a), 128);
        assert_eq!(lcs_len(&a[..64], &a[..64]), 64);
    }

    #[test]
    fn aggregates_are_fmean_and_median_micro_and_macro() {
        let pages = [("x", 0.1), ("y", 0.2), ("x", 0.3), ("y", 1.0), ("x", 0.5)];
        let s = aggregate(&pages);
        assert_eq!(s.lev_mean, 0.42000000000000004); // fsum 2.1, / 5
        assert_eq!(s.lev_median, 0.3);
        assert_eq!(s.datasets.len(), 2);
        assert_eq!((s.datasets[0].name.as_str(), s.datasets[0].n_docs), ("x", 3));
        assert_eq!(s.datasets[0].lev_mean, 0.3);
        assert_eq!(s.datasets[0].lev_median, 0.3);
        assert_eq!(s.datasets[1].lev_mean, 0.6);
        assert_eq!(s.datasets[1].lev_median, 0.6);
        assert_eq!(s.lev_macro_mean, 0.44999999999999996); // fmean([0.3, 0.6])
        assert_eq!(s.lev_macro_median, 0.44999999999999996);
    }
}
