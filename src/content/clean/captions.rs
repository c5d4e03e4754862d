//! Captions and picture credits: they describe pictures, they are not body. Each goes to the
//! image block of the picture it describes (`Cleaner::remove_caption`).
//!
//! - `figcaption`;
//! - the rest of the text of a `figure` that holds a picture (a credit in a `cite`, a
//!   `span`, …);
//! - an element classed as a caption or credit ([`CAPTION_CLASS_PARTS`]) in a wrapper that
//!   holds a picture and little else;
//! - a short line right after a picture that ends in a credit ("… (credit: NASA)");
//! - a line worded as a picture credit ("Image credit: Getty", "Photo: Jane Doe").

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node};

use super::cleaner::Cleaner;
use crate::dom::{self, ClassSlot, DomNode, TextLens, Walk};
use crate::matching::{FirstChars, Tokens};

/// Longest caption or credit taken out by these rules (a longer text is body).
const CAPTION_MAX_CHARS: usize = 300;

/// Longest credit line taken out by its words alone.
const CREDIT_LINE_MAX_CHARS: usize = 150;

/// Text a picture's wrapper may hold besides its caption and still be a figure in all but
/// name.
const WRAPPER_EXTRA_CHARS: usize = 40;

/// Class/id parts of captions and credits.
pub const CAPTION_CLASS_PARTS: &[&str] =
    &["caption", "credit", "image-source", "img-source", "photo-source", "media-source", "photographer"];

static CAPTION_CLASS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(CAPTION_CLASS_PARTS));

/// A line that credits a picture by its first words: "Image credit: …", "Main image credit:
/// …", "Photo: …", "Photo by …", "Image source: …", "Foto: …", "Bild: …".
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:(?:main|featured|top|header|lead|cover|hero)\s+)?(?:image|photo|picture|pic|foto|bild|illustration|photograph)s?\s*(?:(?:credit|source|courtesy)s?\s*:|:|by\s)",
    )
    .expect("static regex")
});

/// What a [`CREDIT_LINE`] can start with.
static CREDIT_LINE_FIRST: LazyLock<FirstChars> = LazyLock::new(|| FirstChars::of(CREDIT_LINE.as_str()));

/// A caption that ends with a credit in brackets: "… (credit: NASA/Jude Guidry)", "…
/// (Photo: AP)".
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\(\s*(?:photo|image|picture|illustration|credit|source|foto|bild)s?(?:\s+credit)?\s*:[^()]{1,120}\)\s*$",
    )
    .expect("static regex")
});

/// Takes out the captions and picture credits of the page.
pub(crate) fn remove_captions(doc: &mut Html, cleaner: &mut Cleaner) {
    // (caption, the element it describes, rule)
    let mut hits: Vec<(NodeId, NodeId, &'static str)> = Vec::new();
    let mut figures = Vec::new();
    let lens = cleaner.lens();
    let words = cleaner.class_words();
    dom::walk(doc.tree.root(), |n| match n.value() {
        Node::Element(e) if dom::is_non_text_tag(e.name()) => Walk::Skip,
        Node::Element(e) => match e.name() {
            "figcaption" => {
                hits.push((n.id(), n.parent().map_or(n.id(), |p| p.id()), "figcaption"));
                Walk::Skip
            }
            "figure" => {
                figures.push(n.id());
                Walk::Descend
            }
            "img" | "picture" => {
                if let Some((line, owner)) = credit_after(n) {
                    hits.push((line, owner, "caption-after-picture"));
                }
                Walk::Skip
            }
            _ if words
                .in_id_class(n.id(), ClassSlot::CAPTION)
                .map_or_else(|| CAPTION_CLASS.in_id_class(e), |b| b != 0)
                && !holds_picture(n) =>
            {
                if let Some(owner) = picture_wrapper(n) {
                    hits.push((n.id(), owner, "caption-class"));
                    Walk::Skip
                } else if is_credit_line(n, lens) {
                    hits.push((n.id(), n.id(), "credit-line"));
                    Walk::Skip
                } else {
                    Walk::Descend
                }
            }
            "p" | "div" | "span" | "small" | "em" | "i" | "cite" if is_credit_line(n, lens) && !holds_picture(n) => {
                hits.push((n.id(), picture_wrapper(n).unwrap_or(n.id()), "credit-line"));
                Walk::Skip
            }
            _ => Walk::Descend,
        },
        Node::Document => Walk::Descend,
        _ => Walk::Skip,
    });
    for (id, owner, rule) in hits {
        cleaner.remove_caption(doc, id, owner, rule);
    }
    // What a picture's figure says besides its caption (a credit), once the captions are out.
    for figure in figures {
        for id in figure_credits(doc, figure) {
            cleaner.remove_caption(doc, id, figure, "figure-credit");
        }
    }
}

/// Whether `n` holds a picture.
fn holds_picture(n: DomNode<'_>) -> bool {
    let mut found = false;
    dom::walk(n, |x| {
        if found {
            return Walk::Stop;
        }
        match dom::tag(&x) {
            Some("img" | "picture" | "video") => {
                found = true;
                Walk::Stop
            }
            Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
            Some(_) => Walk::Descend,
            None => Walk::Skip,
        }
    });
    found
}

/// The wrapper (parent or grandparent of `caption`) that holds a picture and little text
/// besides the caption: the element the caption describes.
fn picture_wrapper(caption: DomNode<'_>) -> Option<NodeId> {
    let own = dom::text(caption).chars().count();
    if own == 0 || own > CAPTION_MAX_CHARS {
        return None;
    }
    caption
        .ancestors()
        .take(2)
        .take_while(|a| !matches!(dom::tag(a), Some("body" | "html" | "article" | "main")))
        .find(|a| holds_picture(*a))
        .filter(|a| dom::text(*a).chars().count() <= own + WRAPPER_EXTRA_CHARS)
        .map(|a| a.id())
}

/// A short line worded as a picture credit. (The length looked up first: elements nest
/// thousands deep, and the text of each would be its whole subtree.)
fn is_credit_line(n: DomNode<'_>, lens: &TextLens) -> bool {
    // No text (icons, spacers): nothing to read either.
    let len = lens.get(n);
    if len == 0 || len > CREDIT_LINE_MAX_CHARS {
        return false;
    }
    // Most short lines start with a letter no credit line starts with: not built then.
    if dom::first_ascii_char(n).is_some_and(|c| !CREDIT_LINE_FIRST.may_start_with(c)) {
        return false;
    }
    let t = dom::text(n);
    let chars = t.chars().count();
    chars > 0 && chars <= CREDIT_LINE_MAX_CHARS && CREDIT_LINE.is_match(&t)
}

/// The line right after a picture (or the wrapper holding only it) when it ends with a
/// credit in brackets, with the element it describes.
fn credit_after(picture: DomNode<'_>) -> Option<(NodeId, NodeId)> {
    // The picture's outermost wrapper without text of its own.
    let mut holder = picture;
    while let Some(p) = holder.parent() {
        // Whether it has text: the first character that is not white space says so, where
        // building the text read the whole article for a picture inside it.
        if !p.value().is_element() || dom::text_len_upto(p, 0) > 0 {
            break;
        }
        holder = p;
    }
    let line = dom::next_element_past_blank_text(holder)?;
    let t = dom::text(line);
    let n = t.chars().count();
    (n > 0 && n <= CAPTION_MAX_CHARS && TRAILING_CREDIT.is_match(&t) && !holds_picture(line))
        .then(|| (line.id(), holder.id()))
}

/// The text-bearing parts of a figure that holds a picture, other than the picture's own
/// wrappers: credits (the caption is out already). None when the figure holds more text
/// than a caption or holds a quotation, a table or code.
fn figure_credits(doc: &Html, figure: NodeId) -> Vec<NodeId> {
    let Some(f) = doc.tree.get(figure) else { return Vec::new() };
    if !dom::is_attached(doc, figure) || !holds_picture(f) {
        return Vec::new();
    }
    let text = dom::text(f);
    if text.is_empty() || text.chars().count() > CAPTION_MAX_CHARS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut other = false;
    dom::walk(f, |n| match n.value() {
        _ if n.id() == figure => Walk::Descend,
        Node::Element(e) if dom::is_non_text_tag(e.name()) => Walk::Skip,
        Node::Element(e) => {
            if matches!(e.name(), "blockquote" | "table" | "pre" | "ul" | "ol") {
                other = true;
                return Walk::Stop;
            }
            if holds_picture(n) {
                Walk::Descend
            } else {
                if !dom::text(n).is_empty() {
                    out.push(n.id());
                }
                Walk::Skip
            }
        }
        Node::Text(t) if !t.trim().is_empty() => {
            // Bare text beside the picture: not a part that can be taken out alone.
            other = true;
            Walk::Stop
        }
        _ => Walk::Skip,
    });
    if other { Vec::new() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> (String, Vec<String>) {
        let mut doc = Html::parse_document(html);
        let mut cleaner = Cleaner::new(&doc, true);
        remove_captions(&mut doc, &mut cleaner);
        let rules = cleaner.into_removed().into_iter().map(|r| format!("{}: {}", r.rule, r.text)).collect();
        (dom::text(doc.tree.root()), rules)
    }

    #[test]
    fn captions_and_credits_leave_the_text() {
        let (text, rules) = cleaned(
            "<p>Body one.</p>\
             <figure><span><picture><img src=a.jpg></picture></span><span><figcaption>Smog in Delhi.</figcaption><cite>Sanjeev Verma/Hindustan Times/Getty Images</cite></span></figure>\
             <p>Body two.</p>\
             <table><tr><td><img src=b.jpg><div>The core stage at Michoud. (credit: NASA/Jude Guidry)</div></td></tr></table>\
             <p><span class=image><img src=c.jpg><span class=caption-source><span class=caption>A logo.</span><span class=source>Reuters</span></span></span></p>\
             <p>Body three.</p><p><em>Main image credit: Getty</em></p>\
             <div class=featured-image-source><span class=img-caption>Image Source: Neil Godwin / Future Publishing/Shutterstock</span></div>",
        );
        assert_eq!(text, "Body one. Body two. Body three.");
        assert_eq!(rules.len(), 6, "{rules:?}");
    }

    #[test]
    fn body_text_near_pictures_stays() {
        let body = "<div class=credits><img src=a.jpg><p>The council voted on Tuesday to rebuild the harbour wall before the storms arrive.</p><p>Reporting by Jane Doe; editing by John Roe.</p></div>\
                    <p>Source: Bureau of Labor Statistics.</p><figure><blockquote>To be.</blockquote><figcaption>Hamlet</figcaption></figure>";
        let (text, _) = cleaned(body);
        assert!(
            text.contains("Reporting by Jane Doe") && text.contains("Source: Bureau") && text.contains("To be."),
            "{text}"
        );
    }
}
