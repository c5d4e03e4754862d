//! A quick test that a text is in NFC, by a table of the characters that always are.

use std::sync::LazyLock;

use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Whether a text is made only of characters that are NFC whatever surrounds them (quick
/// check Yes, combining class 0: the quick check then answers Yes for the text): ASCII, and
/// the Basic Multilingual Plane characters of [`NFC_STARTERS`]. `false` means "look closer".
pub(crate) fn surely_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let table = &*NFC_STARTERS;
    s.chars().all(|c| {
        let c = c as u32;
        c < 0x80 || (c < 0x1_0000 && table[(c >> 6) as usize] & (1 << (c & 63)) != 0)
    })
}

/// One bit per Basic Multilingual Plane character: set when its NFC quick check is Yes and its
/// canonical combining class 0. Computed once from `unicode-normalization`'s own tables.
static NFC_STARTERS: LazyLock<Box<[u64; 1024]>> = LazyLock::new(|| {
    use unicode_normalization::char::canonical_combining_class;
    let mut t = Box::new([0u64; 1024]);
    for c in (0..0x1_0000u32).filter_map(char::from_u32) {
        if canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
            t[(c as u32 >> 6) as usize] |= 1 << (c as u32 & 63);
        }
    }
    t
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surely_nfc_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            if surely_nfc(&s) {
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{:x}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "{:x}", c as u32);
            }
        }
        assert!(surely_nfc("caf\u{e9} \u{201c}quoted\u{201d} \u{2014} \u{2022} \u{20ac} \u{4e2d}\u{6587} \u{436}"));
        assert!(!surely_nfc("cafe\u{301}"));
        assert!(!surely_nfc("\u{2000}"));
    }
}
