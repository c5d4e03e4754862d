//! Widgets found by a line only a widget says: "This article is for subscribers", "Open in
//! app", "Photo 3 of 15", "See all 12 photos" (not "Enlarge": it sits beside captions that are
//! the article's), "Register now". Once class names are renamed or stripped, such
//! a line is the one hook left on a paywall offer, an app banner or a photo gallery; the line
//! alone is dropped later by the body's line patterns, but the rest of its box (the offer's
//! bullet points, the app's rating, the gallery's captions) reads like prose. So the box
//! around the line goes: its largest ancestor that stays small and holds no prose paragraph.

use ego_tree::NodeId;
use scraper::Html;

use super::cleaner::{Cleaner, Protect};
use super::heading_boxes::text_bearing;
use crate::article::RemovalKind;
use crate::content::paragraphs::{
    PROSE_PARAGRAPH_MIN_CHARS, holds_paragraph_of, is_item_block_beyond, is_prose_paragraph,
};
use crate::dom::{self, DomNode, TextLens, Walk};
use crate::matching::LineSet;

/// Lines that only a widget says, by kind (whole text, case-insensitive). Seen on news and
/// magazine sites of several countries: metered paywalls, smart app banners, photo galleries.
const PAYWALL_ANCHORS: &[&str] = &[
    r"(this (article|story) is (for|available to|reserved for|exclusive to) (paying )?subscribers( only)?|the rest of this (story|article) is (available|reserved) (to|for) subscribers( only)?)\.?",
    r"start (your|a) free trial( now| today)?\.?",
];
const APP_ANCHORS: &[&str] = &[r"open in (the )?app", r"(get|download) (the|our) (free )?app\.?"];
const GALLERY_ANCHORS: &[&str] =
    &[r"(photo|image|picture|slide) \d+ (of|/) \d+", r"(see|view) all( \d+)? (photos|images|pictures)"];
/// Event and webinar promos: their call to sign up, as a link or line of its own.
const EVENT_ANCHORS: &[&str] = &[
    r"register (now|today|here|for free)\s*[»›>→]?",
    r"(save|reserve) (your|a|my) (seat|spot)( now| today)?\s*[»›>→]?",
];

/// Longest text of an anchored widget's box: an offer, a banner, a gallery strip.
const WIDGET_BOX_MAX_CHARS: usize = 600;

/// The kind the widgets of every anchor list are reported as.
const ANCHOR_KIND: RemovalKind = RemovalKind::Promo;

/// The anchor lists in one set (one search per short line of the page, not one per list).
static ANCHORS: std::sync::LazyLock<LineSet> =
    std::sync::LazyLock::new(|| LineSet::any_of(&[PAYWALL_ANCHORS, APP_ANCHORS, GALLERY_ANCHORS, EVENT_ANCHORS]));

/// The kind of widget a line anchors, if it is one of the anchor lines.
fn anchor_kind(text: &str) -> Option<RemovalKind> {
    ANCHORS.is_match(text).then_some(ANCHOR_KIND)
}

/// The box of an anchor line: its largest ancestor that holds at most
/// [`WIDGET_BOX_MAX_CHARS`], no prose paragraph, no list or quote with other text (a
/// widget's own list lies beside its anchor line, not around it, so it goes with the box),
/// nothing protected, and no heading.
fn widget_box(doc: &Html, anchor: DomNode<'_>, protect: Protect, lens: &TextLens) -> NodeId {
    let mut top = anchor;
    for a in anchor.ancestors() {
        if !a.value().is_element()
            || matches!(dom::tag(&a), Some("body" | "html" | "main" | "article"))
            // A heading is a title of its own, never a widget's box (a widget dropped into
            // a teaser's headline would take the headline's words with it).
            || dom::tag(&a).and_then(dom::heading_level).is_some()
            || lens.get(a) > WIDGET_BOX_MAX_CHARS
            || protect.forbids(doc, a.id())
            || is_item_block_beyond(a, top, lens)
            || holds_paragraph_of(a, lens, PROSE_PARAGRAPH_MIN_CHARS)
        {
            break;
        }
        top = a;
    }
    top.id()
}

/// Takes out the boxes of anchor lines (the line alone when its box is the line).
pub fn remove_anchored_widgets(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut hits: Vec<(NodeId, RemovalKind)> = Vec::new();
    let lens = cleaner.lens();
    dom::walk(doc.tree.root(), |n| {
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if t == "head" || dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let len = lens.get(n);
        if len == 0 {
            return Walk::Skip;
        }
        if len > 160 || !(text_bearing(n) || t == "a") {
            return Walk::Descend;
        }
        // Most lines (menu links above all) start with a letter no anchor line starts with:
        // their text is not built.
        if dom::first_ascii_char(n).is_some_and(|c| !ANCHORS.may_start_with(c)) {
            return Walk::Descend;
        }
        // A link inside a sentence ("… or download the app to listen") is not a widget's line.
        // The anchor is matched first: the prose test walks the whole paragraph, and doing it
        // for every short element made a paragraph of many links quadratic.
        if let Some(kind) = anchor_kind(&dom::text(n))
            && !n.ancestors().take(3).any(|a| is_prose_paragraph(a, lens))
        {
            hits.push((widget_box(doc, n, protect, lens), kind));
            return Walk::Skip;
        }
        Walk::Descend
    });
    for (id, kind) in hits {
        if !protect.forbids(doc, id) {
            cleaner.remove(doc, id, kind, "anchored-widget");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::content::clean::test_support::{PROSE, text_after};

    fn clean(html: &str) -> String {
        text_after(remove_anchored_widgets, html)
    }

    #[test]
    fn anchor_lines() {
        for line in [
            "This article is for subscribers",
            "Open in app",
            "Photo 3 of 15",
            "See all 12 photos",
            "Register now »",
            "Save your seat",
        ] {
            assert!(anchor_kind(line).is_some(), "{line}");
        }
        for line in [
            "Subscribers said the trial was free",
            "Open the app settings",
            "3 of 15 photos were blurred",
            "Enlarge",
            "Register now to vote in the May election, officials urged.",
        ] {
            assert!(anchor_kind(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_paywall_offer_goes_with_its_line_but_not_the_article() {
        let html = format!(
            "<html><body><div>{PROSE}<div><div><p>This article is for subscribers</p><ul><li>Unlimited digital access</li><li>The daily e-paper and puzzles</li></ul><a href=/trial>Start your free trial</a></div></div>{PROSE}</div></body></html>"
        );
        let text = clean(&html);
        assert!(!text.contains("Unlimited digital access") && !text.contains("e-paper"), "{text}");
        assert_eq!(text.matches("harbour board").count(), 2, "{text}");
    }

    #[test]
    fn an_event_promo_goes_with_its_call_to_register() {
        // A webinar promo in a table, its classes stripped, between two paragraphs.
        let html = format!(
            "<html><body><div>{PROSE}<table><tr><td><b>FREE WEBINAR</b><br><a href=/w>Protecting Small Businesses From \
             Invoice Fraud</a><br>Tuesday, October 21, 2014 @ 2:00 pm EDT<br><a href=/w#r>Register now &raquo;</a>\
             </td></tr></table>{PROSE}</div></body></html>"
        );
        let text = clean(&html);
        assert!(!text.contains("FREE WEBINAR") && !text.contains("Invoice Fraud"), "{text}");
        assert_eq!(text.matches("harbour board").count(), 2, "{text}");
    }

    #[test]
    fn a_widget_inside_a_heading_leaves_the_heading() {
        let html = format!(
            "<html><body><div>{PROSE}<h2><a href=/other>Ferries will run all winter, the council says</a>\
             <table><tr><td><b>FREE WEBINAR</b><br><a href=/w#r>Register now</a></td></tr></table></h2>{PROSE}</div></body></html>"
        );
        let text = clean(&html);
        assert!(text.contains("Ferries will run all winter") && !text.contains("FREE WEBINAR"), "{text}");
    }

    #[test]
    fn a_box_with_prose_keeps_its_prose() {
        let html = format!("<html><body><div>{PROSE}<p><a href=/photos>See all 12 photos</a></p></div></body></html>");
        let text = clean(&html);
        assert!(text.contains("harbour board") && !text.contains("See all"), "{text}");
    }

    #[test]
    fn a_widget_between_list_items_leaves_the_list() {
        let html = "<html><body><div><h2>What changes</h2><ul><li>Ferries leave every forty minutes in winter.</li><div><p>Photo 3 of 15</p><p>The new ferry at the pier.</p></div><li>Night crossings end at eleven.</li></ul></div></body></html>";
        let text = clean(html);
        assert!(!text.contains("Photo 3 of 15") && !text.contains("new ferry at the pier"), "{text}");
        assert!(text.contains("every forty minutes") && text.contains("Night crossings"), "{text}");
        let html = "<html><body><ol><li>Ferries leave every forty minutes in winter.</li><li><a href=/app>Open in app</a> <span>4.8 stars</span></li><li>Night crossings end at eleven.</li></ol></body></html>";
        let text = clean(html);
        assert!(
            !text.contains("4.8 stars") && text.contains("forty minutes") && text.contains("Night crossings"),
            "{text}"
        );
    }

    #[test]
    fn a_link_inside_a_sentence_stays() {
        let html = "<html><body><p>The audio edition is free for members this month: open the website or <a href=/app>download the app</a> to listen.</p></body></html>";
        let text = clean(html);
        assert!(text.contains("download the app"), "{text}");
    }
}
