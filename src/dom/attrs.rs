//! Reading an element's attributes: [`attr`] (by [`ReadAttr`] only), hidden elements, and the
//! token matchers' tests on `id` and `class` (the matchers themselves, in `matching`, know
//! nothing of the tree).

use std::sync::LazyLock;

use html5ever::{LocalName, ns};
use scraper::ElementRef;
use scraper::node::Element;

use crate::matching::{TokenLists, Tokens};
use crate::parse::attributes::ReadAttr;

/// Class tokens that hide an element on every common CSS framework.
pub const HIDDEN_CLASS_TOKENS: &[&str] =
    &["hidden", "hide", "d-none", "is-hidden", "hide-me", "invisible", "display-none"];
/// Class fragments of text kept for screen readers only ("Share on X" inside an icon link).
pub const SCREEN_READER_CLASS_PARTS: &[&str] =
    &["visually-hidden", "visuallyhidden", "sr-only", "screen-reader", "screenreader", "a11y-hidden"];

/// Whether an element is hidden from readers by its own attributes.
pub fn is_hidden(el: &ElementRef<'_>) -> bool {
    hidden_by_attributes(el, None)
}

/// Bits of the hidden-class lists (`ClassSlot::HIDDEN`: [`HIDDEN_CLASS_TOKENS`], then
/// [`SCREEN_READER_CLASS_PARTS`], as substrings).
const HIDDEN_TOKEN_BIT: u32 = 1;
const SCREEN_READER_BIT: u32 = 2;

/// [`is_hidden`]; `class_bits`: the bits of the hidden-class lists found in the element's class,
/// when known (`ClassWords::is_hidden`).
pub(super) fn hidden_by_attributes(el: &ElementRef<'_>, class_bits: Option<u32>) -> bool {
    // One pass over the attributes (this runs for every element of the page).
    let mut class = None;
    for (name, value) in plain_attrs(el.value()) {
        if *name == ReadAttr::Hidden.local_name()
            || (*name == ReadAttr::AriaHidden.local_name() && value == "true")
            || (*name == ReadAttr::Style.local_name() && style_hides(value))
        {
            return true;
        }
        if *name == ReadAttr::Class.local_name() && class.is_none() {
            class = Some(value);
        }
    }
    // The screen-reader parts hold no white space: a match in the attribute is a match in one
    // of its classes. Most classes hold neither kind of word anywhere: one pass says so.
    class.is_some_and(|c| {
        class_bits.map_or_else(|| HIDDEN_CLASS_HINTS.in_str(c), |b| b & (HIDDEN_TOKEN_BIT | SCREEN_READER_BIT) != 0)
            && (c.split_ascii_whitespace().any(|c| HIDDEN_CLASS_TOKENS.iter().any(|t| c.eq_ignore_ascii_case(t)))
                || class_bits.map_or_else(|| SCREEN_READER_PARTS.in_str(c), |b| b & SCREEN_READER_BIT != 0))
    })
}

static SCREEN_READER_PARTS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(SCREEN_READER_CLASS_PARTS));
/// The hidden-class tokens and screen-reader parts as substrings: a class value holding none
/// of them has neither.
static HIDDEN_CLASS_HINTS: LazyLock<Tokens> = LazyLock::new(|| {
    let words: Vec<&str> = HIDDEN_CLASS_TOKENS.iter().chain(SCREEN_READER_CLASS_PARTS).copied().collect();
    Tokens::new(&words)
});

/// The attributes [`attr`] looks among (no prefix, no namespace) as (name, value).
fn plain_attrs(e: &Element) -> impl Iterator<Item = (&LocalName, &str)> {
    e.attrs.iter().filter(|(q, _)| q.prefix.is_none() && q.ns == ns!()).map(|(q, v)| (&q.local, &**v))
}

/// An attribute of an element, as `Element::attr` finds it (no prefix, no namespace): the
/// only way pith reads one, so that only the attributes the pre-filter keeps can be read. The
/// name is an interned atom: comparing two is comparing two integers, where comparing strings
/// reads each attribute's name (this runs for most elements of the page, in many walks).
#[inline]
pub fn attr(e: &Element, name: ReadAttr) -> Option<&str> {
    let name = name.local_name();
    plain_attrs(e).find(|(n, _)| **n == name).map(|(_, v)| v)
}

/// `(attr(e, Id), attr(e, Class))` in one pass over the attributes.
pub(super) fn id_and_class(e: &Element) -> (Option<&str>, Option<&str>) {
    let (id_name, class_name) = (ReadAttr::Id.local_name(), ReadAttr::Class.local_name());
    let (mut id, mut class) = (None, None);
    for (name, value) in plain_attrs(e) {
        if *name == id_name {
            id = id.or(Some(value));
        } else if *name == class_name {
            class = class.or(Some(value));
        }
    }
    (id, class)
}

/// Whether an inline style says `display:none` or `visibility:hidden` (white space anywhere
/// ignored, ASCII case-insensitive).
fn style_hides(style: &str) -> bool {
    // Cheap test first: both need an `n` or `N` (in "none" / "hidden").
    if !style.bytes().any(|b| b == b'n' || b == b'N') {
        return false;
    }
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Whether an element has an `id` or `class` with something other than white space.
pub fn has_id_class(e: &Element) -> bool {
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    !(blank(attr(e, ReadAttr::Id)) && blank(attr(e, ReadAttr::Class)))
}

impl Tokens {
    /// Whether an element's `id` or `class` holds one of the tokens: what
    /// `format!("{id} {class}").to_ascii_lowercase().contains(token)` says for tokens
    /// without spaces (none can match across the joining space).
    pub fn in_id_class(&self, e: &Element) -> bool {
        attr(e, ReadAttr::Id).is_some_and(|v| self.in_str(v))
            || attr(e, ReadAttr::Class).is_some_and(|v| self.in_str(v))
    }
}

impl TokenLists {
    /// The bits of the lists with a word in an element's `id` or `class` (as
    /// [`Tokens::in_id_class`] for each list).
    pub fn in_id_class(&self, e: &Element) -> u32 {
        attr(e, ReadAttr::Id).map_or(0, |v| self.in_str(v)) | attr(e, ReadAttr::Class).map_or(0, |v| self.in_str(v))
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn style_and_classes_hide() {
        let doc = Html::parse_document(
            "<p style='DISPLAY : None'>a</p><p style='color:red'>b</p><p class='x SR-Only-Focusable'>c</p><p class=shown>d</p>",
        );
        let hidden: Vec<bool> = doc.select(&scraper::Selector::parse("p").unwrap()).map(|e| is_hidden(&e)).collect();
        assert_eq!(hidden, [true, false, true, false]);
    }
}
