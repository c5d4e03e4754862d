//! Measures of a subtree's paragraphs, shared by the cleaning passes and both content paths:
//! how much prose it holds, and in how many paragraphs.

use crate::dom::{self, DomNode, TextLens, Walk};

/// Shortest paragraph that is prose (see [`is_prose_paragraph`]).
pub(crate) const PROSE_PARAGRAPH_MIN_CHARS: usize = 80;

/// Whether `n` is a paragraph of prose: a `p` of prose length, mostly not link text (a
/// related box lists links; the article after it has sentences).
pub(crate) fn is_prose_paragraph(n: DomNode<'_>, lens: &TextLens) -> bool {
    if dom::tag(&n) != Some("p") {
        return false;
    }
    let len = lens.get(n);
    if len < PROSE_PARAGRAPH_MIN_CHARS {
        return false;
    }
    link_chars(n, lens) * 2 < len
}

/// Text length inside links under `n`.
pub(crate) fn link_chars(n: DomNode<'_>, lens: &TextLens) -> usize {
    let mut link = 0;
    dom::walk(n, |x| {
        if dom::tag(&x) == Some("a") {
            link += lens.get(x);
            return Walk::Skip;
        }
        Walk::Descend
    });
    link
}

/// Text in prose paragraphs (see [`is_prose_paragraph`]) under `n`, and how many there are.
pub(crate) fn prose_chars(n: DomNode<'_>, lens: &TextLens) -> (usize, usize) {
    let (mut chars, mut count) = (0, 0);
    dom::walk(n, |x| {
        if dom::tag(&x) == Some("p") {
            if is_prose_paragraph(x, lens) {
                chars += lens.get(x);
                count += 1;
            }
            return Walk::Skip;
        }
        if x.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name())) {
            return Walk::Skip;
        }
        Walk::Descend
    });
    (chars, count)
}

/// Fewest prose paragraphs that can make a box the article (see [`holds_most_prose`]).
const ARTICLE_MIN_PARAGRAPHS: usize = 3;

/// Whether `n` holds most of the page's prose (`page`, from [`prose_chars`]) in a few
/// paragraphs: then it is the article, whatever its tag or class says (a page built inside
/// a `form` or a "cookie-consent" wrapper).
pub(crate) fn holds_most_prose(n: DomNode<'_>, page: (usize, usize), lens: &TextLens) -> bool {
    if page.1 < ARTICLE_MIN_PARAGRAPHS {
        return false;
    }
    let (chars, count) = prose_chars(n, lens);
    count >= ARTICLE_MIN_PARAGRAPHS && chars * 2 > page.0
}

/// Whether `n` holds a `p` of `min_chars` or more.
pub(crate) fn holds_paragraph_of(n: DomNode<'_>, lens: &TextLens, min_chars: usize) -> bool {
    let mut found = false;
    dom::walk(n, |x| {
        if found {
            return Walk::Skip;
        }
        if dom::tag(&x) == Some("p") {
            found = lens.get(x) >= min_chars;
            return Walk::Skip;
        }
        Walk::Descend
    });
    found
}

/// How many paragraphs (`p`, outside never-text elements) of at least `min_chars`
/// characters `n` holds.
pub(crate) fn long_paragraphs(n: DomNode<'_>, lens: &TextLens, min_chars: usize) -> usize {
    let mut count = 0;
    for_each_paragraph(n, lens, |len| count += usize::from(len >= min_chars));
    count
}

/// The characters of the paragraphs (`p`, outside never-text elements) of at least
/// `min_chars` characters below `n`.
pub(crate) fn paragraph_chars(n: DomNode<'_>, lens: &TextLens, min_chars: usize) -> usize {
    let mut chars = 0;
    for_each_paragraph(n, lens, |len| {
        if len >= min_chars {
            chars += len;
        }
    });
    chars
}

/// Calls `f` with the text length of each paragraph below `n` (not inside never-text
/// elements), in page order.
fn for_each_paragraph(n: DomNode<'_>, lens: &TextLens, mut f: impl FnMut(usize)) {
    dom::walk(n, |x| match dom::tag(&x) {
        Some("p") => {
            f(lens.get(x));
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        _ => Walk::Descend,
    });
}

/// Body blocks made of items: lists and quotes. A widget inside one (placed between two list
/// items, or in a quote after its paragraph) is a part of it; the block with text besides
/// the widget is the page's own body, which a widget's box never takes, however short its
/// items are (a list item is no prose paragraph).
const ITEM_BLOCKS: &[&str] = &["ul", "ol", "dl", "menu", "blockquote"];

/// Whether `outer`, an ancestor met while climbing from a widget's box `inner`, is a list or
/// quote that holds text besides the box (see [`ITEM_BLOCKS`]): the climb stops below it.
pub(crate) fn is_item_block_beyond(outer: DomNode<'_>, inner: DomNode<'_>, lens: &TextLens) -> bool {
    dom::tag(&outer).is_some_and(|t| ITEM_BLOCKS.contains(&t)) && lens.get(outer) > lens.get(inner)
}

/// Whether `outer`, an ancestor met while climbing from a box `inner`, is a quote that holds
/// text besides the box: the quoted words are the page's, whatever sits in the quote with them.
pub(crate) fn is_quote_beyond(outer: DomNode<'_>, inner: DomNode<'_>, lens: &TextLens) -> bool {
    dom::tag(&outer) == Some("blockquote") && lens.get(outer) > lens.get(inner)
}
