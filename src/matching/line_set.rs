//! Whole-text patterns (one kind of boilerplate line each) matched in one pass.

use super::regex_analysis::{first_chars, has_bounded_repeat, hir, loosen_repeats, max_chars};

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
    /// The characters a match can start with (ranges), if that is known.
    first: Option<Vec<(char, char)>>,
}

/// A pattern, its syntax tree (parsed once: `(?i)` over Unicode classes makes parsing cost
/// as much as compiling), and the longest text any pattern of its list can match.
struct Parsed<'a> {
    pattern: &'a str,
    hir: regex_syntax::hir::Hir,
    list_longest: usize,
}

/// Some of a [`LineSet`]'s patterns, with the length cap of each.
struct LineSetPart {
    set: regex::RegexSet,
    /// The length cap of each pattern.
    max_chars: Vec<usize>,
    /// The longest text one of these patterns can match.
    longest: usize,
}

impl LineSetPart {
    fn new(patterns: &[&Parsed<'_>]) -> LineSetPart {
        let loose: Vec<String> = patterns.iter().map(|p| format!("(?i)^(?:{})$", loosen_repeats(p.pattern))).collect();
        let set = regex::RegexSet::new(&loose).expect("static line patterns");
        // A pattern without bounded repeats keeps its list's cap: one list alone turns longer
        // texts away before searching (`LineSet::is_match`).
        let caps = patterns
            .iter()
            .map(|p| if has_bounded_repeat(&p.hir) { max_chars(&p.hir) } else { p.list_longest })
            .collect();
        let longest = patterns.iter().map(|p| max_chars(&p.hir)).max().unwrap_or(0);
        LineSetPart { set, max_chars: caps, longest }
    }

    /// Whether one of the patterns matches the whole of `t`, `n` characters long.
    fn is_match(&self, t: &str, n: usize) -> bool {
        if !self.set.is_match(t) {
            return false;
        }
        // Which patterns matched (a second search, on the few texts that match at all).
        let matches = self.set.matches(t);
        matches.iter().any(|i| n <= self.max_chars[i])
    }
}

impl LineSet {
    /// Compiles `patterns` (static, known good: a bad one is a bug, hence the panic).
    pub fn new(patterns: &[&str]) -> LineSet {
        LineSet::any_of(&[patterns])
    }

    /// Several lists in one set: a text matches when it matches `LineSet::new(list)` of one of
    /// them (each pattern keeps its own list's length cap), for one search where a walk would
    /// make one per list.
    pub fn any_of(lists: &[&[&str]]) -> LineSet {
        let mut parsed = Vec::new();
        for list in lists {
            let hirs: Vec<regex_syntax::hir::Hir> = list.iter().map(|p| hir(p)).collect();
            let list_longest = hirs.iter().map(max_chars).max().unwrap_or(0);
            parsed.extend(list.iter().zip(hirs).map(|(pattern, hir)| Parsed { pattern, hir, list_longest }));
        }
        let (word_bounded, plain): (Vec<&Parsed<'_>>, Vec<&Parsed<'_>>) =
            parsed.iter().partition(|p| p.pattern.contains(r"\b"));
        let parts = [LineSetPart::new(&plain), LineSetPart::new(&word_bounded)];
        let longest = parts.iter().map(|p| p.longest).max().unwrap_or(0);
        let first = parsed.iter().try_fold(Vec::new(), |mut all, p| {
            all.extend(first_chars(&p.hir)?);
            Some(all)
        });
        LineSet { parts, longest, first }
    }

    /// Whether a text starting with `c` may match: `false` when no pattern can start with it
    /// (a caller that knows a text's first character can then skip building the text).
    pub fn may_start_with(&self, c: char) -> bool {
        self.first.as_ref().is_none_or(|ranges| ranges.iter().any(|&(a, b)| a <= c && c <= b))
    }

    /// Whether one of the patterns matches the whole of `t`.
    pub fn is_match(&self, t: &str) -> bool {
        let n = t.chars().count();
        n <= self.longest && self.parts.iter().any(|part| part.is_match(t, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set of several lists answers as the lists' own sets together: each pattern keeps
    /// the length cap of its list, not the longest of all lists.
    #[test]
    fn any_of_answers_as_its_lists() {
        let short: &[&str] = &[r"(photo|image) \d+ (of|/) \d+", r"see all( \d+)? photos"];
        let long: &[&str] =
            &[r"this (article|story) is for subscribers( only)?\.?", r"start (your|a) free trial.{0,20}"];
        let word: &[&str] = &[r"open\b.{0,10} app"];
        let lists = [short, long, word];
        let union = LineSet::any_of(&lists);
        let singles: Vec<LineSet> = lists.iter().map(|l| LineSet::new(l)).collect();
        let digits = "1234567890".repeat(4);
        let texts = [
            "Photo 3 of 15".to_string(),
            "image 12/40".to_string(),
            format!("photo 1 of {digits}"),
            format!("photo {} of 2", &digits[..20]),
            "See all 12 photos".to_string(),
            "This article is for subscribers only.".to_string(),
            "Start your free trial today, it only takes a minute".to_string(),
            "Start a free trial".to_string(),
            "open the app".to_string(),
            "Open in app".to_string(),
            "The photo 3 of 15 shows the harbour".to_string(),
            String::new(),
        ];
        let mut matched = 0;
        for t in &texts {
            let expected = singles.iter().any(|s| s.is_match(t));
            assert_eq!(union.is_match(t), expected, "{t:?}");
            matched += usize::from(expected);
        }
        for t in &texts {
            if let Some(c) = t.chars().next()
                && union.is_match(t)
            {
                assert!(union.may_start_with(c), "{t:?}");
            }
        }
        assert!(!union.may_start_with('x') && union.may_start_with('P') && union.may_start_with('\u{17f}'));
        // Both answers occur; a gallery line longer than its list's cap (though shorter than
        // the other lists' longest match) is turned away.
        assert!(matched >= 5 && matched < texts.len());
        assert!(!union.is_match(&format!("photo {} of 2", &digits[..20])));
    }
}
