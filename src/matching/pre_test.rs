//! Cheap, exact pre-tests in front of slow regexes: a text without any of a pattern's
//! required words cannot match it.

use std::sync::LazyLock;

use super::tokens::Tokens;

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
