//! Whole-text patterns (one kind of boilerplate line each) matched in one pass.

use super::regex_analysis::{has_bounded_repeat, hir, loosen_repeats, max_chars};

/// Whole-text patterns matched in one pass: each pattern with its bounded repeats loosened
/// ([`loosen_repeats`], so the regex engine's lazy DFA runs the set) and, where it had
/// such repeats, a cap on the text's length in characters: the longest text the exact pattern
/// can match, counting an unbounded repeat as `regex_analysis::UNBOUNDED_REPEAT_CHARS` (block texts are
/// whitespace-collapsed, so `\s*` is one character at most). A text the exact pattern matches
/// is matched here; the converse holds up to where a pattern's budget is spent (`.{0,60}` and
/// `.{0,40}` in one pattern share a budget of 100).
pub struct LineSet {
    /// The patterns in two sets: those without a Unicode word boundary, which the lazy DFA
    /// runs on any text, and those with one (`\b`), on which the DFA gives up at the first
    /// non-ASCII byte: they all start with a literal, so their (anchored) search ends early.
    parts: [LineSetPart; 2],
    /// The longest text any pattern can match (unbounded repeats counted as above): longer
    /// texts (most prose paragraphs) are not searched at all.
    longest: usize,
}

/// Some of a [`LineSet`]'s patterns, with the length cap of each.
struct LineSetPart {
    set: regex::RegexSet,
    max_chars: Vec<Option<usize>>,
    /// The longest text one of these patterns can match.
    longest: usize,
}

impl LineSetPart {
    fn new(patterns: &[&str]) -> LineSetPart {
        let loose: Vec<String> = patterns.iter().map(|p| format!("(?i)^(?:{})$", loosen_repeats(p))).collect();
        let set = regex::RegexSet::new(&loose).expect("static line patterns");
        let hirs: Vec<regex_syntax::hir::Hir> = patterns.iter().map(|p| hir(p)).collect();
        let caps = hirs.iter().map(|h| has_bounded_repeat(h).then(|| max_chars(h))).collect();
        let longest = hirs.iter().map(max_chars).max().unwrap_or(0);
        LineSetPart { set, max_chars: caps, longest }
    }

    /// Whether one of the patterns matches the whole of `t`, `n` characters long.
    fn is_match(&self, t: &str, n: usize) -> bool {
        if !self.set.is_match(t) {
            return false;
        }
        // Which patterns matched (a second search, on the few texts that match at all).
        let matches = self.set.matches(t);
        matches.iter().any(|i| self.max_chars[i].is_none_or(|max| n <= max))
    }
}

impl LineSet {
    /// Compiles `patterns` (static, known good: a bad one is a bug, hence the panic).
    pub fn new(patterns: &[&str]) -> LineSet {
        let (word_bounded, plain): (Vec<&str>, Vec<&str>) = patterns.iter().partition(|p| p.contains(r"\b"));
        let parts = [LineSetPart::new(&plain), LineSetPart::new(&word_bounded)];
        let longest = parts.iter().map(|p| p.longest).max().unwrap_or(0);
        LineSet { parts, longest }
    }

    /// Whether one of the patterns matches the whole of `t`.
    pub fn is_match(&self, t: &str) -> bool {
        let n = t.chars().count();
        n <= self.longest && self.parts.iter().any(|part| part.is_match(t, n))
    }
}
