//! Sign-up boxes: the largest short box around a form or an e-mail field; and recipe parts,
//! which look like forms and lists but are a recipe page's body.

use std::sync::LazyLock;

use scraper::{Html, Node};

use super::cleaner::{Cleaner, Protect};
use crate::article::RemovalKind;
use crate::content::paragraphs::{holds_most_prose, is_quote_beyond, prose_chars};
use crate::dom::{self, ClassSlot, ClassWords, DomNode, Walk};
use crate::matching::Tokens;
use crate::parse::attributes::ReadAttr;

/// Longest text of a box around a sign-up form (newsletter, registration).
pub(crate) const FORM_BOX_MAX_CHARS: usize = 400;

/// Class/id tokens of a recipe's parts (ingredient lists, often inside a servings form, and
/// their tables): the body of a recipe page, however list-like or form-like they look.
pub const RECIPE_PART_TOKENS: &[&str] = &["ingredient", "zutaten"];
static RECIPE_PART: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(RECIPE_PART_TOKENS));

/// Whether `n` is, holds or sits in a recipe part (see [`RECIPE_PART_TOKENS`]).
pub fn touches_recipe_part(n: DomNode<'_>, words: &ClassWords) -> bool {
    let is_part = |x: DomNode<'_>| {
        x.value().as_element().is_some_and(|e| {
            words.in_id_class(x.id(), ClassSlot::RECIPE).map_or_else(|| RECIPE_PART.in_id_class(e), |b| b != 0)
        })
    };
    if n.ancestors().any(is_part) {
        return true;
    }
    let mut found = false;
    dom::walk(n, |x| {
        if found || x.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name())) {
            return Walk::Skip;
        }
        found = is_part(x);
        Walk::Descend
    });
    found
}

/// Takes out sign-up boxes: the largest short box around a form or an e-mail field, below a
/// quote that holds text besides it (a sign-up box placed after a quoted paragraph leaves the
/// quote). Lists are climbed: a search form in a menu item takes the menu, as it should.
pub fn remove_form_boxes(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut forms = Vec::new();
    dom::walk(doc.tree.root(), |n| match n.value() {
        Node::Element(e)
            if e.name() == "form"
                || (e.name() == "input"
                    && dom::attr(e, ReadAttr::Type).is_some_and(|t| t.eq_ignore_ascii_case("email"))) =>
        {
            forms.push(n.id());
            Walk::Skip
        }
        Node::Element(e) if e.name() == "head" => Walk::Skip,
        Node::Element(_) | Node::Document => Walk::Descend,
        _ => Walk::Skip,
    });
    if forms.is_empty() {
        return;
    }
    let page_prose = prose_chars(doc.tree.root(), cleaner.lens());
    for f in forms {
        let Some(mut cur) = doc.tree.get(f) else { continue };
        // A form holding much text is a page wrapper (ASP.NET), not a sign-up box.
        if cleaner.lens().get(cur) > FORM_BOX_MAX_CHARS {
            continue;
        }
        while let Some(p) = cur.parent() {
            if !p.value().is_element() || matches!(dom::tag(&p), Some("body" | "html")) || protect.forbids(doc, p.id())
            {
                break;
            }
            if cleaner.lens().get(p) > FORM_BOX_MAX_CHARS || is_quote_beyond(p, cur, cleaner.lens()) {
                break;
            }
            cur = p;
        }
        let id = cur.id();
        if !protect.forbids(doc, id)
            && !touches_recipe_part(cur, cleaner.class_words())
            && !holds_most_prose(cur, page_prose, cleaner.lens())
        {
            cleaner.remove(doc, id, RemovalKind::Newsletter, "form-box");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_up_box_in_a_quote_leaves_the_quote() {
        let html = "<html><body><blockquote><p>After installing this update, some add-ins may fail to load.</p><div><h3>Get the Weekend Edition</h3><form><input type=email name=email><button>Subscribe</button></form></div></blockquote></body></html>";
        let text = crate::content::clean::test_support::text_after(remove_form_boxes, html);
        assert!(text.contains("After installing") && !text.contains("Weekend Edition"), "{text}");
    }
}
