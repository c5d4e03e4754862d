//! The `paywalled` warning: the publisher marks the content as not free (JSON-LD
//! `isAccessibleForFree: false`), or the body ends in a paywall's teaser line ("Subscribe to
//! continue reading"): the body is likely the free part of a longer article.

use super::page_meta::PageMeta;
use crate::article::{Block, Warning, WarningCode};
use crate::content::{Cleaner, paywall_teaser_in};

/// The body blocks whose text is checked for a teaser: the last ones.
const TEASER_BLOCKS: usize = 2;

/// The `paywalled` warning, when the JSON-LD marks the content as not free, the body ends in
/// a paywall teaser, or cleaning took such a teaser out (it is boilerplate, not body).
pub(crate) fn paywall_warning(meta: &PageMeta, blocks: &[Block], cleaner: &Cleaner) -> Option<Warning> {
    let message = if meta.json_ld.not_free {
        "the page's JSON-LD says isAccessibleForFree: false: the body may be the free part only".to_string()
    } else {
        let teaser = ends_in_teaser(blocks).or_else(|| cleaner.paywall_teaser())?;
        format!("the body ends in a paywall teaser ({teaser:?}): it may be the free part only")
    };
    Some(Warning { code: WarningCode::Paywalled, message })
}

/// The teaser phrase one of the body's last [`TEASER_BLOCKS`] text blocks holds.
fn ends_in_teaser(blocks: &[Block]) -> Option<&'static str> {
    blocks.iter().rev().filter(|b| b.is_text()).take(TEASER_BLOCKS).find_map(|b| paywall_teaser_in(&b.plain_text()))
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;
    use crate::article::RemovalKind;

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    /// A cleaner that took nothing out.
    fn nothing_removed() -> Cleaner {
        Cleaner::new(&Html::parse_document(""), false)
    }

    fn body(paragraphs: &[&str]) -> Vec<Block> {
        paragraphs.iter().map(|p| Block::paragraph(*p)).collect()
    }

    const FIRST: &str = "The council voted on Tuesday to rebuild the harbour wall before the winter storms.";

    #[test]
    fn json_ld_not_free_is_paywalled() {
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
            "isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".paywall"}}</script>"#;
        let w = paywall_warning(&meta(head), &body(&[FIRST]), &nothing_removed()).unwrap();
        assert_eq!(w.code, WarningCode::Paywalled);
        assert!(w.message.contains("isAccessibleForFree"));
        let free = r#"<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":true}</script>"#;
        assert!(paywall_warning(&meta(free), &body(&[FIRST]), &nothing_removed()).is_none());
    }

    #[test]
    fn a_body_ending_in_a_teaser_is_paywalled() {
        for teaser in [
            "Subscribe to continue reading.",
            "This article is for subscribers only. Already a subscriber? Sign in",
            "You\u{2019}ve reached your limit of free articles.",
        ] {
            let w = paywall_warning(&meta(""), &body(&[FIRST, teaser]), &nothing_removed()).unwrap();
            assert!(w.message.contains("teaser"), "{teaser}");
        }
        // The teaser before a last short line (a "Log in" link's paragraph) still counts.
        assert!(
            paywall_warning(&meta(""), &body(&[FIRST, "Subscribe to keep reading", "Log in"]), &nothing_removed())
                .is_some()
        );
    }

    #[test]
    fn a_teaser_cleaning_took_out_warns_unless_it_was_hidden() {
        for (kind, warns) in [(RemovalKind::Newsletter, true), (RemovalKind::Other, true), (RemovalKind::Hidden, false)]
        {
            let mut doc =
                Html::parse_document("<body><p>Kept.</p><div id=t>Subscribe to continue reading.</div></body>");
            let teaser = doc.select(&scraper::Selector::parse("#t").unwrap()).next().unwrap().id();
            let mut cleaner = Cleaner::new(&doc, false);
            assert!(cleaner.remove(&mut doc, teaser, kind, "test"));
            assert_eq!(paywall_warning(&meta(""), &body(&[FIRST]), &cleaner).is_some(), warns, "{kind:?}");
        }
    }

    #[test]
    fn newsletters_and_articles_about_paywalls_are_not() {
        assert!(
            paywall_warning(
                &meta(""),
                &body(&[FIRST, "Subscribe to our newsletter for daily updates."]),
                &nothing_removed()
            )
            .is_none()
        );
        assert!(
            paywall_warning(&meta(""), &body(&["Subscribe to continue reading.", FIRST, FIRST]), &nothing_removed())
                .is_none()
        );
        let long =
            format!("{} Readers who see \"subscribe to continue reading\" leave. {}", FIRST.repeat(3), FIRST.repeat(2));
        assert!(paywall_warning(&meta(""), &body(&[FIRST, &long]), &nothing_removed()).is_none());
    }
}
