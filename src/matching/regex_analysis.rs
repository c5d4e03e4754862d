//! What a static regex pattern's syntax says: its bounded repeats loosened (a cheap exact
//! pre-test), whether it has any, and the longest text it can match.

/// A regex pattern whose language holds the pattern's: every bounded repeat `{m,n}` becomes
/// `{m,}` (so `.{0,300}` becomes `.*`). The loosened pattern is a cheap exact pre-test for a
/// pattern with long bounded repeats of `.`, which the regex engine's lazy DFA cannot cache
/// (it gives up and runs the far slower PikeVM): a text the loosened pattern does not match,
/// the pattern does not match either. Escapes and character classes are copied as they are.
pub fn loosen_repeats(pattern: &str) -> String {
    let c: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let (mut i, mut class_depth) = (0, 0usize);
    while i < c.len() {
        match c[i] {
            '\\' => {
                out.push('\\');
                if let Some(&next) = c.get(i + 1) {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            '[' => {
                class_depth += 1;
                out.push('[');
                i += 1;
                // A `]` first in a class (after an optional `^`) is a literal.
                if c.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if c.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            ']' if class_depth > 0 => class_depth -= 1,
            '{' if class_depth == 0 => {
                // `{m,n}`: digits, a comma, digits, `}`.
                let digits = |from: usize| c[from..].iter().take_while(|d| d.is_ascii_digit()).count();
                let m = digits(i + 1);
                let comma = i + 1 + m;
                if m > 0 && c.get(comma) == Some(&',') {
                    let n = digits(comma + 1);
                    if n > 0 && c.get(comma + 1 + n) == Some(&'}') {
                        out.extend(&c[i..=comma]);
                        out.push('}');
                        i = comma + 1 + n + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

/// A static line pattern's syntax tree, case-insensitive.
pub(crate) fn hir(pattern: &str) -> regex_syntax::hir::Hir {
    regex_syntax::parse(&format!("(?i){pattern}")).expect("static line pattern")
}

/// What an unbounded repeat (`\s*`, `\d+`) may add to a pattern's length cap.
pub(crate) const UNBOUNDED_REPEAT_CHARS: usize = 10;

/// Whether a pattern has a bounded repeat (`{m,n}`) anywhere.
pub(crate) fn has_bounded_repeat(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Repetition(r) => r.max.is_some_and(|m| m > 1) || has_bounded_repeat(&r.sub),
        HirKind::Capture(c) => has_bounded_repeat(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_bounded_repeat),
        _ => false,
    }
}

/// The most characters a pattern can match, an unbounded repeat counted as
/// [`UNBOUNDED_REPEAT_CHARS`]. Recursive over a static pattern's few levels.
pub(crate) fn max_chars(hir: &regex_syntax::hir::Hir) -> usize {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(l) => String::from_utf8_lossy(&l.0).chars().count(),
        HirKind::Class(_) => 1,
        HirKind::Repetition(r) => match r.max {
            Some(m) => (m as usize).saturating_mul(max_chars(&r.sub)),
            None => UNBOUNDED_REPEAT_CHARS.max(max_chars(&r.sub)),
        },
        HirKind::Capture(c) => max_chars(&c.sub),
        HirKind::Concat(v) => v.iter().map(max_chars).sum(),
        HirKind::Alternation(v) => v.iter().map(max_chars).max().unwrap_or(0),
    }
}

/// The characters a match of a pattern can start with, as ranges, or `None` when that is not
/// known to be a few characters (the pattern can match empty text, or starts with a byte
/// class). Under `(?i)` the syntax tree already holds every case variant (`s` as `[Ssſ]`).
pub(crate) fn first_chars(hir: &regex_syntax::hir::Hir) -> Option<Vec<(char, char)>> {
    let mut ranges = Vec::new();
    if first_chars_into(hir, &mut ranges)? {
        return None;
    }
    Some(ranges)
}

/// Adds the first characters of `hir`'s matches to `ranges`; `Some(true)` when it can also
/// match empty text (so what follows it can start the match), `None` when unknown.
fn first_chars_into(hir: &regex_syntax::hir::Hir, ranges: &mut Vec<(char, char)>) -> Option<bool> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(true),
        HirKind::Literal(l) => {
            let c = std::str::from_utf8(&l.0).ok()?.chars().next()?;
            ranges.push((c, c));
            Some(false)
        }
        HirKind::Class(Class::Unicode(class)) => {
            ranges.extend(class.ranges().iter().map(|r| (r.start(), r.end())));
            Some(false)
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) => Some(first_chars_into(&r.sub, ranges)? || r.min == 0),
        HirKind::Capture(c) => first_chars_into(&c.sub, ranges),
        HirKind::Concat(v) => {
            for h in v {
                if !first_chars_into(h, ranges)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        HirKind::Alternation(v) => {
            let mut empty = false;
            for h in v {
                empty |= first_chars_into(h, ranges)?;
            }
            Some(empty)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loosened_repeats_hold_the_pattern() {
        assert_eq!(
            loosen_repeats(r"^a.{0,300}b{2}c{1,4}?[x{1,2}]\{3,4}(d|e{10,20})$"),
            r"^a.{0,}b{2}c{1,}?[x{1,2}]\{3,4}(d|e{10,})$"
        );
        assert_eq!(loosen_repeats(r"[]{0,2}]x{0,2}[^]]y{1,3}"), r"[]{0,2}]x{0,}[^]]y{1,}");
        let strict =
            regex::Regex::new(r"(?i)^(.{0,10}copyright\s*(19|20)\d\d.{0,20}|tags?\s*:\s.{0,5}|[^.]{0,3}x|a{2,3})$")
                .unwrap();
        let loose = regex::Regex::new(&loosen_repeats(strict.as_str())).unwrap();
        let texts = [
            "copyright 2020",
            "(c) Copyright 2019 by someone",
            "a much longer prefix copyright 2019",
            "copyright 2019 and a much longer tail than twenty",
            "tags: a",
            "tags: abcdefgh",
            "ab.x",
            "abcx",
            "aa",
            "aaaa",
            "",
        ];
        for t in texts {
            assert!(!strict.is_match(t) || loose.is_match(t), "{t:?}");
        }
        assert!(loose.is_match("tags: abcdefgh") && !strict.is_match("tags: abcdefgh"));
    }

    #[test]
    fn first_characters() {
        let first = |p: &str| first_chars(&hir(p));
        let has = |ranges: &[(char, char)], c: char| ranges.iter().any(|&(a, b)| a <= c && c <= b);
        let r = first("(open|get) app").unwrap();
        for c in ['o', 'O', 'g', 'G'] {
            assert!(has(&r, c), "{c}");
        }
        assert!(!has(&r, 'a') && !has(&r, 'p'));
        // Optional parts let what follows start the match; `s` folds to the long s.
        let r = first(r"(\d+ )?(x|y)?see\b").unwrap();
        for c in ['0', '9', 'x', 'Y', 's', 'S', '\u{17f}'] {
            assert!(has(&r, c), "{c}");
        }
        assert!(!has(&r, 'e') && !has(&r, ' '));
        assert!(first("a*").is_none() && first(r"\b").is_none() && first("(a|)").is_none());
    }
}
