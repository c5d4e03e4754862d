//! Cheap, exact pre-tests in front of slow regexes: a text without any of a pattern's
//! required words cannot match it.

use std::sync::LazyLock;

use super::regex_analysis::{first_chars, hir};
use super::tokens::Tokens;

/// The characters a pattern anchored at the start (`^…`, ASCII case ignored or not) can match
/// first: a text whose first character is not one of them cannot match, so a caller that
/// knows a text's first character (`dom::first_ascii_char`) need not build the text.
pub(crate) struct FirstChars(Option<Vec<(char, char)>>);

impl FirstChars {
    /// The first characters of `pattern`; any character when the pattern is not anchored at
    /// the start or they are not known.
    pub(crate) fn of(pattern: &str) -> FirstChars {
        let tree = hir(pattern);
        let anchored = tree.properties().look_set_prefix().contains(regex_syntax::hir::Look::Start);
        FirstChars(if anchored { first_chars(&tree) } else { None })
    }

    /// Whether a text starting with `c` may match.
    pub(crate) fn may_start_with(&self, c: char) -> bool {
        self.0.as_ref().is_none_or(|ranges| ranges.iter().any(|&(a, b)| a <= c && c <= b))
    }
}

/// Whether `t` may match a case-insensitive pattern that needs one of `words`: a cheap,
/// exact pre-test for patterns whose unanchored search is slow (Unicode `\b` and long
/// bounded repeats keep the regex engine off its DFA on non-ASCII text). Under `(?i)` an
/// ASCII letter also matches U+212A KELVIN SIGN (k) and U+017F LONG S (s): text holding
/// them is always handed to the pattern.
pub(crate) fn may_hold(t: &str, words: &Tokens) -> bool {
    words.in_str(t) || has_case_folding_letter(t)
}

/// Whether `t` holds U+212A KELVIN SIGN or U+017F LONG S, searched as bytes (most texts are
/// long and hold neither: a character-by-character search is slow there).
pub(crate) fn has_case_folding_letter(t: &str) -> bool {
    static KELVIN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\u{212a}".as_bytes()));
    static LONG_S: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\u{17f}".as_bytes()));
    !t.is_ascii() && (KELVIN.find(t.as_bytes()).is_some() || LONG_S.find(t.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

    #[test]
    fn first_chars_of_anchored_patterns_only() {
        let credit = FirstChars::of(r"(?i)^\(?\s*(?:main\s+)?(?:image|photo)s?\s*:");
        for c in ['(', 'm', 'M', 'i', 'P'] {
            assert!(credit.may_start_with(c), "{c}");
        }
        for c in ['a', 'x', '1', '-'] {
            assert!(!credit.may_start_with(c), "{c}");
        }
        // Not anchored: any character may start a match.
        let loose = FirstChars::of(r"(?i)(?:image|photo):");
        assert!(loose.may_start_with('x') && loose.may_start_with('-'));
        let multiline = FirstChars::of(r"(?im)^photo:");
        assert!(multiline.may_start_with('x'));
    }

    #[test]
    fn case_folding_letters_are_found_as_contains_finds_them() {
        for t in ["", "plain", "caf\u{e9}", "\u{212a}elvin", "me\u{17f}\u{17f}age", "\u{e9}\u{17f}", "x\u{212b}"] {
            assert_eq!(has_case_folding_letter(t), t.contains(['\u{212a}', '\u{17f}']), "{t:?}");
        }
    }

    #[test]
    fn only_kelvin_and_long_s_fold_to_ascii_letters() {
        // The premise of `may_hold`: under `(?i)` no other non-ASCII character matches an
        // ASCII letter.
        for letter in 'a'..='z' {
            let re = Regex::new(&format!("(?i)^{letter}$")).unwrap();
            let others: Vec<char> =
                (0x80..=0x10ffff).filter_map(char::from_u32).filter(|c| re.is_match(&c.to_string())).collect();
            let expected: &[char] = match letter {
                'k' => &['\u{212a}'],
                's' => &['\u{17f}'],
                _ => &[],
            };
            assert_eq!(others, expected, "{letter}");
        }
    }
}
