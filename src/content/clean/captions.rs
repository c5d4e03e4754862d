//! Figure captions: they describe images, they are not body.

use scraper::Html;

use super::cleaner::Cleaner;
use crate::article::RemovalKind;
use crate::dom::{self, Walk};

/// Captions describe images; they are not body.
pub(crate) fn remove_figcaptions(doc: &mut Html, cleaner: &mut Cleaner) {
    let mut hits = Vec::new();
    dom::walk(doc.tree.root(), |n| match dom::tag(&n) {
        Some("figcaption") => {
            hits.push(n.id());
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        _ => Walk::Descend,
    });
    for id in hits {
        cleaner.remove(doc, id, RemovalKind::Caption, "figcaption");
    }
}
