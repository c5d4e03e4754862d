//! Comparing the texts fields are chosen by: a headline and a metadata title, a deck and the
//! description, a name and the site's name agree when they are the same words, whatever the
//! case, typographic quotes and dashes, white space and punctuation at either end.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// `text` made comparable: NFKC, typographic quotes and dashes as ASCII, white space
/// collapsed, lower case, punctuation cut at both ends.
pub(crate) fn norm(text: &str) -> String {
    if text.is_ascii() {
        return norm_ascii(text);
    }
    let folded = fold(text.nfkc());
    let collapsed = folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    collapsed.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// [`norm`] of ASCII text, byte by byte (the titles and names compared are mostly ASCII,
/// and every heading of a page is compared): ASCII is its own NFKC, its only typographic quote
/// is the backtick, and its white space and letters fold to ASCII.
fn norm_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_ascii_whitespace() || c == '\x0b').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.bytes().map(|b| if b == b'`' { '\'' } else { char::from(b.to_ascii_lowercase()) }));
    }
    out.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string()
}

/// Typographic quotes and dashes as ASCII, white space as spaces, lower case.
fn fold(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '´' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two texts are the same by [`norm`], neither empty.
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Texts kept once each by [`same`], for lists deduplicated as they are built (tags, link
/// texts, names): each text is normalised once, not again at every comparison with the ones
/// before it (a page's keywords can run to hundreds).
#[derive(Debug, Default)]
pub(crate) struct Distinct {
    /// The non-empty [`norm`]s of the texts kept.
    seen: HashSet<String>,
}

impl Distinct {
    /// Whether `text` is the [`same`] as no text seen before; it counts as seen from now on.
    /// A text whose [`norm`] is empty is the same as none (`same` needs a non-empty norm).
    pub(crate) fn first_time(&mut self, text: &str) -> bool {
        let n = norm(text);
        n.is_empty() || self.seen.insert(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keeps_what_a_search_with_same_keeps() {
        let texts = ["Harbour", "harbour!", "", " ", "...", "Wall", "\u{201c}Wall\u{201d}", "harbor", "WALL", "..."];
        let mut kept_by_same: Vec<&str> = Vec::new();
        for t in texts {
            if !kept_by_same.iter().any(|k| same(k, t)) {
                kept_by_same.push(t);
            }
        }
        let mut distinct = Distinct::default();
        let kept: Vec<&str> = texts.into_iter().filter(|t| distinct.first_time(t)).collect();
        assert_eq!(kept, kept_by_same);
    }

    #[test]
    fn case_quotes_dashes_space_and_edge_punctuation_do_not_count() {
        assert_eq!(norm("  \u{201c}The  Wall\u{2019}s\u{00a0}End\u{201d} \u{2013} Now! "), "the wall's end\" - now");
        assert!(same("Harbour wall: what next?", "harbour WALL: what next"));
        assert!(!same("", "") && !same("Harbour", "Harbor"));
    }

    /// [`norm`] by its general path ([`fold`] on NFKC), for the ASCII fast path's test.
    fn norm_by_fold(text: &str) -> String {
        let folded = fold(text.nfkc());
        let collapsed = folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        collapsed.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_is_the_general_one(s in "[ -~\t\n\x0b\x0c\r\x1c\x1f\x00]{0,30}") {
            proptest::prop_assert_eq!(norm_ascii(&s), norm_by_fold(&s));
        }
    }

    #[test]
    fn ascii_is_its_own_nfkc() {
        // The premise of the fast path in `norm`.
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(c.to_string().nfkc().collect::<String>(), c.to_string(), "{b:#x}");
        }
        assert_eq!(norm(" The\tWall`s  END. "), "the wall's end");
    }
}
