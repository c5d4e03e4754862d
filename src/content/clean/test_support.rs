//! What the passes' unit tests share: a paragraph of article prose, and one pass run on a
//! page with the text that is left.

use scraper::Html;

use super::cleaner::{Cleaner, Protect};
use crate::dom;

/// A paragraph of the host article (a widget test checks it stays).
pub(crate) const PROSE: &str =
    "<p>The harbour board approved the new ferry timetable on Monday after a long debate about winter crossings.</p>";

/// The page's text, white space collapsed, after `pass` ran on it with nothing protected.
pub(crate) fn text_after(pass: fn(&mut Html, &mut Cleaner, Protect), html: &str) -> String {
    let mut doc = Html::parse_document(html);
    let mut cleaner = Cleaner::new(&doc, false);
    pass(&mut doc, &mut cleaner, Protect::default());
    dom::normalize_space(&doc.root_element().text().collect::<String>())
}
