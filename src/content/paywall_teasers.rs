//! The lines a paywall puts under the free part of an article. The cleaner takes them out of
//! the body as boilerplate and notes the first it saw; the `paywalled` warning reads them
//! there and in the body's last blocks.

use std::sync::LazyLock;

use crate::matching::Tokens;

/// The lines a paywall puts under the free part of an article, lower case, matched as
/// substrings of a short line. Each is said by a paywall only: a
/// newsletter box asks to "subscribe to our newsletter", never to "continue reading".
const PAYWALL_TEASERS: &[&str] = &[
    // Subscribe to go on.
    "subscribe to continue reading",
    "subscribe to keep reading",
    "subscribe to read the full",
    "subscribe to read the rest",
    "subscribe now to continue",
    "to continue reading, subscribe",
    "continue reading with a subscription",
    "start your free trial to continue",
    // Subscribers only.
    "this article is for subscribers",
    "this article is only available to subscribers",
    "this content is only available to subscribers",
    "this story is available exclusively to subscribers",
    "exclusive content for subscribers",
    "for subscribers only",
    "subscriber-only content",
    "already a subscriber? sign in",
    "already a subscriber? log in",
    "already a subscriber? login",
    // Sign in, or a member's limit.
    "sign in to continue reading",
    "log in to continue reading",
    "register to continue reading",
    "become a member to continue reading",
    "become a member to read",
    "you have reached your limit of free articles",
    "you've reached your limit of free articles",
    "you have read all of your free articles",
    "unlock this article",
];

/// Words one of which every teaser holds: a line without any holds no teaser.
const TEASER_KEYS: &[&str] = &["subscri", "continu", "member", "free", "unlock"];

/// A longer block is body text that mentions a paywall, not a teaser.
pub(crate) const MAX_TEASER_CHARS: usize = 400;

/// The teaser phrase `text` holds, if it is short enough to be a teaser line.
pub(crate) fn paywall_teaser_in(text: &str) -> Option<&'static str> {
    if text.len() > MAX_TEASER_CHARS {
        return None;
    }
    // One pass says whether a teaser may be there (most lines hold none of the key words; the
    // automaton folds ASCII case, so ASCII text needs no lower-case copy); the list order then
    // says which.
    static KEYS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(TEASER_KEYS));
    if text.is_ascii() && !KEYS.in_str(text) {
        return None;
    }
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    if !KEYS.in_str(&lower) {
        return None;
    }
    PAYWALL_TEASERS.iter().copied().find(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The search without the one-pass pre-test.
    fn plain(text: &str) -> Option<&'static str> {
        if text.len() > MAX_TEASER_CHARS {
            return None;
        }
        let lower = text.to_lowercase().replace('\u{2019}', "'");
        PAYWALL_TEASERS.iter().copied().find(|p| lower.contains(p))
    }

    #[test]
    fn every_teaser_holds_a_key_word() {
        for t in PAYWALL_TEASERS {
            assert!(TEASER_KEYS.iter().any(|k| t.contains(k)), "{t}");
        }
    }

    #[test]
    fn every_teaser_is_found_in_any_case() {
        for &t in PAYWALL_TEASERS {
            for text in [t.to_string(), t.to_uppercase(), format!("Résumé: {}!", t.replace('\'', "\u{2019}"))] {
                assert_eq!(paywall_teaser_in(&text), Some(t), "{text:?}");
            }
        }
        // Unicode lower-casing can make ASCII of what is not: the Kelvin sign is a `k`.
        assert_eq!(paywall_teaser_in("Unloc\u{212a} this article"), Some("unlock this article"));
        assert_eq!(paywall_teaser_in("Subscribe to our newsletter"), None);
    }

    proptest! {
        #[test]
        fn the_pre_test_changes_no_answer(
            parts in proptest::collection::vec(
                prop_oneof![
                    (0..PAYWALL_TEASERS.len()).prop_map(|i| PAYWALL_TEASERS[i].to_uppercase()),
                    (0..PAYWALL_TEASERS.len()).prop_map(|i| PAYWALL_TEASERS[i][..PAYWALL_TEASERS[i].len() / 2].to_string()),
                    "[a-zA-Z ?'\u{2019}\u{212a}é]{0,20}",
                ],
                0..6,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(paywall_teaser_in(&text), plain(&text));
        }
    }
}
