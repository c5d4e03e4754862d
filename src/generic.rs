//! The general extractor, for pages no site profile matches and for profile pages whose
//! markup no longer fits their rules.
//!
//! This is the plain first pass: strip what is never content (scripts, styles, hidden
//! elements, dialogs) and site chrome (`nav`, `header`, `footer`, `aside`, `form`, landmark
//! roles, cookie banners), then take the element holding the most paragraph text. The
//! scoring extractor of issue 3 replaces [`extract`] behind the same signature.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::Html;
use url::Url;

use crate::article::RemovalKind;
use crate::blocks::{self, BodyBlock};
use crate::clean::{self, Cleaner, Protect};
use crate::dom::{self, Walk};

/// Shortest paragraph that counts as content when scoring containers.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// What the general extractor found.
#[derive(Debug, Default)]
pub struct GenericOutput {
    /// The headline text, if the page has one.
    pub title: Option<String>,
    /// Body blocks.
    pub blocks: Vec<BodyBlock>,
}

/// Extracts the main content of a page.
pub fn extract(doc: &mut Html, headline: Option<NodeId>, base: Option<&Url>, cleaner: &mut Cleaner) -> GenericOutput {
    let protect = Protect { headline, root: None };
    clean::remove_boilerplate_heading_boxes(doc, cleaner, protect);
    clean::remove_form_boxes(doc, cleaner, protect);
    let page = doc.tree.root().id();
    clean::remove_share_bars(doc, page, cleaner, protect);
    clean::remove_chrome(doc, cleaner, protect);
    remove_figcaptions(doc, cleaner);
    let root = best_container(doc).unwrap_or(page);
    let mut out = GenericOutput::default();
    if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
        out.title = Some(dom::text(h)).filter(|t| !t.is_empty());
        if doc.tree.get(root).is_some_and(|r| dom::is_inclusive_ancestor(r.id(), h)) {
            cleaner.remove(doc, h.id(), RemovalKind::Metadata, "generic.headline");
        }
    }
    if let Some(r) = doc.tree.get(root) {
        out.blocks = blocks::build_blocks(r, base);
    }
    out
}

/// Captions describe images; they are not body.
fn remove_figcaptions(doc: &mut Html, cleaner: &mut Cleaner) {
    let mut hits = Vec::new();
    dom::walk(doc.tree.root(), |n| match dom::tag(&n) {
        Some("figcaption") => {
            hits.push(n.id());
            Walk::Skip
        }
        Some(t) if dom::NON_TEXT_TAGS.contains(&t) => Walk::Skip,
        _ => Walk::Descend,
    });
    for id in hits {
        cleaner.remove(doc, id, RemovalKind::Caption, "figcaption");
    }
}

/// The element whose paragraphs hold the most text (a paragraph counts fully for its parent
/// and half for its grandparent, so a wrapper of several sections can win).
fn best_container(doc: &Html) -> Option<NodeId> {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    dom::walk(doc.tree.root(), |n| match dom::tag(&n) {
        Some("p" | "pre" | "blockquote" | "li" | "td") => {
            let len = dom::text_len(n);
            if len >= MIN_PARAGRAPH_CHARS
                && let Some(parent) = n.parent()
            {
                *score.entry(parent.id()).or_default() += len;
                if let Some(gp) = parent.parent() {
                    *score.entry(gp.id()).or_default() += len / 2;
                }
            }
            Walk::Skip
        }
        Some("div" | "section" | "article" | "main") if dom::has_direct_text(n) => {
            let own: usize = n
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.chars().filter(|c| !c.is_whitespace()).count()))
                .sum();
            if own >= MIN_PARAGRAPH_CHARS {
                *score.entry(n.id()).or_default() += own;
            }
            Walk::Descend
        }
        Some(t) if dom::NON_TEXT_TAGS.contains(&t) => Walk::Skip,
        Some(_) => Walk::Descend,
        None => {
            if n.value().is_document() {
                Walk::Descend
            } else {
                Walk::Skip
            }
        }
    });
    score.into_iter().max_by_key(|(id, s)| (*s, std::cmp::Reverse(*id))).map(|(id, _)| id)
}
