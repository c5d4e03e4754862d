//! The `paywalled` warning: the publisher marks the content as not free (JSON-LD
//! `isAccessibleForFree: false`), or the body ends in a paywall's teaser line ("Subscribe to
//! continue reading"): the body is likely the free part of a longer article.

use super::page_meta::PageMeta;
use crate::article::{Block, Warning, WarningCode};

/// The lines a paywall puts under the free part of an article, lower case, matched as
/// substrings of one of the body's last two text blocks. Each is said by a paywall only: a
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

/// The body blocks whose text is checked for a teaser: the last ones.
const TEASER_BLOCKS: usize = 2;

/// A longer block is body text that mentions a paywall, not a teaser.
const MAX_TEASER_CHARS: usize = 400;

/// The `paywalled` warning, when the JSON-LD marks the content as not free or the body ends
/// in a paywall teaser.
pub(crate) fn paywall_warning(meta: &PageMeta, blocks: &[Block]) -> Option<Warning> {
    let message = if meta.json_ld.not_free {
        "the page's JSON-LD says isAccessibleForFree: false: the body may be the free part only".to_string()
    } else {
        let teaser = ends_in_teaser(blocks)?;
        format!("the body ends in a paywall teaser ({teaser:?}): it may be the free part only")
    };
    Some(Warning { code: WarningCode::Paywalled, message })
}

/// The teaser phrase one of the body's last [`TEASER_BLOCKS`] text blocks holds.
fn ends_in_teaser(blocks: &[Block]) -> Option<&'static str> {
    blocks.iter().rev().filter(|b| b.is_text()).take(TEASER_BLOCKS).find_map(|b| {
        let text = b.plain_text();
        if text.len() > MAX_TEASER_CHARS {
            return None;
        }
        let lower = text.to_lowercase().replace('\u{2019}', "'");
        PAYWALL_TEASERS.iter().copied().find(|p| lower.contains(p))
    })
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    fn body(paragraphs: &[&str]) -> Vec<Block> {
        paragraphs.iter().map(|p| Block::paragraph(*p)).collect()
    }

    const FIRST: &str = "The council voted on Tuesday to rebuild the harbour wall before the winter storms.";

    #[test]
    fn json_ld_not_free_is_paywalled() {
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
            "isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".paywall"}}</script>"#;
        let w = paywall_warning(&meta(head), &body(&[FIRST])).unwrap();
        assert_eq!(w.code, WarningCode::Paywalled);
        assert!(w.message.contains("isAccessibleForFree"));
        let free = r#"<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":true}</script>"#;
        assert!(paywall_warning(&meta(free), &body(&[FIRST])).is_none());
    }

    #[test]
    fn a_body_ending_in_a_teaser_is_paywalled() {
        for teaser in [
            "Subscribe to continue reading.",
            "This article is for subscribers only. Already a subscriber? Sign in",
            "You\u{2019}ve reached your limit of free articles.",
        ] {
            let w = paywall_warning(&meta(""), &body(&[FIRST, teaser])).unwrap();
            assert!(w.message.contains("teaser"), "{teaser}");
        }
        // The teaser before a last short line (a "Log in" link's paragraph) still counts.
        assert!(paywall_warning(&meta(""), &body(&[FIRST, "Subscribe to keep reading", "Log in"])).is_some());
    }

    #[test]
    fn newsletters_and_articles_about_paywalls_are_not() {
        assert!(
            paywall_warning(&meta(""), &body(&[FIRST, "Subscribe to our newsletter for daily updates."])).is_none()
        );
        assert!(paywall_warning(&meta(""), &body(&["Subscribe to continue reading.", FIRST, FIRST])).is_none());
        let long =
            format!("{} Readers who see \"subscribe to continue reading\" leave. {}", FIRST.repeat(3), FIRST.repeat(2));
        assert!(paywall_warning(&meta(""), &body(&[FIRST, &long])).is_none());
    }
}
