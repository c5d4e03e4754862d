//! White space in text: counting the characters that are not white space, and collapsing
//! runs of it, eight ASCII bytes at a time (SWAR: word arithmetic on `u64`s) where the text
//! allows.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::nfc::surely_nfc;

/// Whether an ASCII byte is white space as `char::is_whitespace` has it (the tree builder's
/// set plus U+000B).
#[inline(always)]
fn is_ascii_white_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The character starting at byte `i` of a valid UTF-8 text: its length in bytes, and
/// whether it is white space (`char::is_whitespace`). Reads bytes: ASCII directly, and only
/// the lead bytes of the few non-ASCII white-space characters (U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) further.
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> (usize, bool) {
    let c = b[i];
    match c {
        0..=0x7f => (1, is_ascii_white_space(c)),
        0xc0..=0xdf => (2, c == 0xc2 && matches!(b[i + 1], 0x85 | 0xa0)),
        0xe0..=0xef => (
            3,
            match (c, b[i + 1], b[i + 2]) {
                (0xe1, 0x9a, 0x80) | (0xe3, 0x80, 0x80) => true,
                (0xe2, 0x80, x) => matches!(x, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
                (0xe2, 0x81, 0x9f) => true,
                _ => false,
            },
        ),
        _ => (4, false),
    }
}

/// Number of characters of `t` that are not whitespace (`char::is_whitespace`).
pub fn nonspace_chars(t: &str) -> usize {
    let b = t.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time (most of a page's text), by their white-space count.
        if let Some(word) = eight_bytes(b, i)
            && word & HIGH_BITS == 0
        {
            n += 8 - ascii_white_space_in(word);
            i += 8;
            continue;
        }
        let c = b[i];
        if c < 0x80 {
            n += usize::from(!is_ascii_white_space(c));
            i += 1;
            continue;
        }
        let (len, space) = char_at(b, i);
        n += usize::from(!space);
        i += len;
    }
    n
}

/// Eight bytes read as one little-endian word, if there are eight from `i`.
#[inline(always)]
fn eight_bytes(b: &[u8], i: usize) -> Option<u64> {
    let chunk = b.get(i..i.checked_add(8)?)?;
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

/// High bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The white space among eight ASCII bytes (each below 0x80), by word arithmetic: the high
/// bit of each space byte, and of each other white-space byte ([`is_ascii_white_space`]:
/// 0x09 to 0x0d). No byte carries into the next: each is below 0x80, and each addition
/// keeps it below 0x100.
#[inline(always)]
fn ascii_white_space_masks(word: u64) -> (u64, u64) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // High bit set where the byte is 0x20: its XOR with 0x20 is zero.
    let x = word ^ each(b' ');
    let spaces = !((x & LOW7).wrapping_add(LOW7) | x) & HIGH_BITS;
    // High bit set where the byte is at least 0x09, and where it is at least 0x0e.
    let from_tab = word.wrapping_add(each(0x80 - 0x09)) & HIGH_BITS;
    let from_so = word.wrapping_add(each(0x80 - 0x0e)) & HIGH_BITS;
    (spaces, from_tab & !from_so)
}

/// How many of eight ASCII bytes are white space.
fn ascii_white_space_in(word: u64) -> usize {
    let (spaces, others) = ascii_white_space_masks(word);
    (spaces | others).count_ones() as usize
}

/// Collapses whitespace runs to one space, trims, and puts the text in NFC.
pub fn normalize_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let (len, space) = char_at(b, i);
        if space {
            i += len;
            continue;
        }
        // Words joined by single spaces, as they are in most text: copied as one run.
        let start = i;
        i += len;
        loop {
            // Eight bytes at a time while they are ASCII words joined by single spaces (a
            // space is never last of the eight, nor next to another; the byte before the
            // eight is a word's).
            while let Some(word) = eight_bytes(b, i) {
                let (spaces, others) = ascii_white_space_masks(word);
                if word & HIGH_BITS != 0 || others != 0 || spaces & (spaces >> 8) != 0 || spaces >> 56 != 0 {
                    break;
                }
                i += 8;
            }
            // The rest of a word: up to the next white space or the end.
            while i < b.len() {
                let c = b[i];
                if c < 0x80 {
                    if is_ascii_white_space(c) {
                        break;
                    }
                    i += 1;
                    continue;
                }
                let (len, space) = char_at(b, i);
                if space {
                    break;
                }
                i += len;
            }
            // One space, then another word: the run goes on.
            if b.get(i) == Some(&b' ') && i + 1 < b.len() && !char_at(b, i + 1).1 {
                i += 1;
                continue;
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
    if surely_nfc(&out) || is_nfc_quick(out.chars()) == IsNormalized::Yes { out } else { out.nfc().collect() }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    proptest::proptest! {
        #[test]
        fn normalize_space_is_split_whitespace_joined(s in "[ a\\t\\n\\r\\x0b\\x0c\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}\\u{1c}éx€😀\\u{301}]{0,40}") {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize_space(&s), joined.nfc().collect::<String>());
            proptest::prop_assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count());
        }

        /// Mostly ASCII words and single spaces: the eight-bytes-at-a-time paths.
        #[test]
        fn normalize_space_is_split_whitespace_joined_on_prose(s in "([a-c.]{1,9}[ ]?|[ \t\n\x0b\x0c\r]{1,3}|é|\u{a0})*") {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize_space(&s), joined.nfc().collect::<String>());
            proptest::prop_assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count());
        }
    }

    #[test]
    fn normalize_collapses_and_composes() {
        assert_eq!(normalize_space("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(normalize_space("cafe\u{301}"), "café");
        assert_eq!(normalize_space("cafe\u{301} \u{2000}x"), "caf\u{e9} x");
    }

    #[test]
    fn nonspace_chars_counts_like_char_is_whitespace() {
        let all: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        assert_eq!(nonspace_chars(&all), all.chars().filter(|c| !c.is_whitespace()).count());
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count(), "{:x}", c as u32);
        }
    }

    #[test]
    fn ascii_white_space_in_counts_each_byte() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[at] = b;
                assert_eq!(
                    ascii_white_space_in(u64::from_le_bytes(bytes)),
                    usize::from(is_ascii_white_space(b)),
                    "{b:#x} at {at}"
                );
            }
            let same = u64::from_le_bytes([b; 8]);
            assert_eq!(ascii_white_space_in(same), 8 * usize::from(is_ascii_white_space(b)), "{b:#x}");
        }
    }
}
