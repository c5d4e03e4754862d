//! Python 3 `str` regex character classes, exactly: `\w` and `\s`.
//!
//! Rust's `regex` `\w` and `char::is_alphanumeric` include combining marks and connector
//! punctuation, and `char::is_whitespace` leaves out U+001C–U+001F; the benchmarks' reference
//! scorers are Python, so their tokens and whitespace are Python's.
//!
//! `\w` is `_` plus the general categories L\* (Lu Ll Lt Lm Lo) and N\* (Nd Nl No); the table
//! is `unicode-general-category` (Unicode [`UNICODE_VERSION`]). Python's own `\w` follows its
//! `unicodedata` version (Python 3.11: Unicode 14.0, 3.13: 15.1, 3.14: 16.0); the two differ
//! only on characters assigned after the older version.

use unicode_general_category::{GeneralCategory as Gc, get_general_category};

/// The Unicode version of the general-category table used by [`is_word_char`].
pub const UNICODE_VERSION: (u64, u64, u64) = unicode_general_category::UNICODE_VERSION;

/// Python's `\w` for `str`: `_`, or a letter (L\*) or number (N\*). Combining marks (Mn, Mc)
/// are not word characters.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        get_general_category(c),
        Gc::UppercaseLetter
            | Gc::LowercaseLetter
            | Gc::TitlecaseLetter
            | Gc::ModifierLetter
            | Gc::OtherLetter
            | Gc::DecimalNumber
            | Gc::LetterNumber
            | Gc::OtherNumber
    )
}

/// Python's `\s` for `str` (also what `str.isspace` and `str.strip()` use): `\t\n\v\f\r`,
/// U+001C–U+001F, space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000. U+200B (zero-width space) is not whitespace.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `re.findall(r'\w+', text)`: the maximal runs of word characters, in order.
pub fn word_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// `text.strip()` with no argument: Python whitespace removed from both ends.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `re.sub(r"\s+", " ", text).strip()`: every run of Python whitespace becomes one space, and
/// the ends are stripped.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split(is_space).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_follow_python() {
        assert_eq!(word_tokens("cafe\u{301}"), ["cafe"]);
        assert_eq!(word_tokens("डिब्बा"), ["ड", "ब", "ब"]);
        assert_eq!(word_tokens("a_b ‿c"), ["a_b", "c"]); // U+203F is Pc: not \w in Python
        assert_eq!(word_tokens("½ Ⅻ ٣"), ["½", "Ⅻ", "٣"]);
        assert!(word_tokens("").is_empty());
    }

    #[test]
    fn space_follows_python() {
        assert_eq!(normalize_space("\u{1c}a\u{a0}\u{a0}b\u{200b}c \u{3000}"), "a b\u{200b}c");
        assert_eq!(strip("\u{85} x \u{1f}"), "x");
        assert_eq!(normalize_space(" \t\n"), "");
    }
}
