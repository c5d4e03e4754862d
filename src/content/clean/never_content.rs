//! The first pass, before either content path: what is never content, anywhere on the page.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::cleaner::{Cleaner, Protect};
use crate::article::RemovalKind;
use crate::dom::{self, DomNode, TextLens, Walk};
use crate::matching::Tokens;
use crate::parse::attributes::ReadAttr;

/// Whether an element never holds article text, so the first pass takes it out whole: the
/// never-text elements of [`dom::is_non_text_tag`] but `head` and `title`, and the elements
/// whose content is not article text though a text reader would read it: `link`, `meta`, form
/// controls (`button`, `input`, `select`, `textarea`, `option`, `datalist`), media (`audio`,
/// `video`, `source`, `track`), `map` and `dialog`. The walk skips `head` whole, and a stray
/// `title` in the body is never read as text, so neither needs a removal of its own.
fn is_non_content_tag(name: &str) -> bool {
    match name {
        "head" | "title" => false,
        "link" | "meta" | "button" | "input" | "select" | "textarea" | "option" | "datalist" | "audio" | "video"
        | "source" | "track" | "map" | "dialog" => true,
        _ => dom::is_non_text_tag(name),
    }
}

/// Class tokens of inline hover cards: boxes inside a paragraph that the page shows only on
/// hover (a person's photo and latest stories beside their name).
pub const HOVER_CARD_TOKENS: &[&str] = &["tooltip", "popover", "hovercard", "hover-card", "rollover"];
static HOVER_CARD: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(HOVER_CARD_TOKENS));

/// Whether `n` is a hover card inside a paragraph: a `span`/`div` with a hover-card class
/// that is not the trigger itself (a wrapper whose first child is the link hovered over).
fn is_hover_card(n: DomNode<'_>) -> bool {
    let Some(e) = n.value().as_element() else { return false };
    // The structural tests first: they are cheaper than the class search.
    if !matches!(e.name(), "span" | "div") || !n.ancestors().take(4).any(|a| dom::tag(&a) == Some("p")) {
        return false;
    }
    let starts_with_trigger = n.children().find(|c| c.value().is_element()).is_some_and(|c| dom::tag(&c) == Some("a"));
    !starts_with_trigger && HOVER_CARD.in_id_class(e)
}

/// Takes out what is never content, anywhere on the page: scripts and other non-text
/// elements, hidden elements, dialogs. Protected nodes stay.
pub fn remove_never_content(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut hits: Vec<(NodeId, RemovalKind, &'static str)> = Vec::new();
    let lens = cleaner.lens();
    let words = cleaner.class_words();
    dom::walk(doc.tree.root(), |n| {
        let Node::Element(e) = n.value() else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        let name = e.name();
        if name == "head" {
            return Walk::Skip;
        }
        if MEDIA_TAGS.contains(&name) {
            hits.push((media_box(n, lens).id(), RemovalKind::Other, "media-player"));
            return Walk::Skip;
        }
        if is_non_content_tag(name) {
            hits.push((
                n.id(),
                if name == "dialog" { RemovalKind::Modal } else { RemovalKind::Other },
                "non-content-element",
            ));
            return Walk::Skip;
        }
        if let Some(el) = ElementRef::wrap(n) {
            if words.is_hidden(&el) {
                hits.push((n.id(), RemovalKind::Hidden, "hidden"));
                return Walk::Skip;
            }
            if is_hover_card(n) {
                hits.push((n.id(), RemovalKind::Hidden, "hover-card"));
                return Walk::Skip;
            }
            if dom::attr(e, ReadAttr::AriaModal) == Some("true")
                || dom::attr(e, ReadAttr::Role)
                    .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
            {
                hits.push((n.id(), RemovalKind::Modal, "dialog-role"));
                return Walk::Skip;
            }
        }
        Walk::Descend
    });
    for (id, kind, rule) in hits {
        if !protect.forbids(doc, id) {
            cleaner.remove(doc, id, kind, rule);
        }
    }
}

/// The largest wrapper of a media element that holds only a little text (player controls,
/// running time, download link), never a paragraph.
fn media_box<'a>(media: DomNode<'a>, lens: &TextLens) -> DomNode<'a> {
    let mut cur = media;
    while let Some(p) = cur.parent() {
        if !matches!(dom::tag(&p), Some("div" | "figure" | "span" | "section")) || lens.get(p) > MEDIA_BOX_MAX_CHARS {
            break;
        }
        if p.children().any(|c| matches!(dom::tag(&c), Some("h1" | "h2" | "article" | "main"))) {
            break;
        }
        // Never the post or story around the player (a video post: its title, its line
        // about the clip and the player, in a box of little text).
        if p.value().as_element().is_some_and(|e| POST_BOX.in_id_class(e)) {
            break;
        }
        cur = p;
    }
    cur
}

/// Class/id tokens of a post's or story's own box, which a player's wrapper never is.
pub const POST_BOX_TOKENS: &[&str] = &["post", "entry", "article", "story"];
static POST_BOX: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(POST_BOX_TOKENS));

/// Media players (audio, video, embeds) and the short wrappers around them ("Running time
/// 12:47 • Download this interview").
const MEDIA_TAGS: &[&str] = &["audio", "video", "iframe", "object", "embed"];
/// Longest text of a media player's wrapper.
const MEDIA_BOX_MAX_CHARS: usize = 150;

#[cfg(test)]
mod tests {
    use super::*;

    fn text_after_never_content(html: &str) -> String {
        let mut doc = Html::parse_document(html);
        let mut cleaner = Cleaner::new(&doc, false);
        remove_never_content(&mut doc, &mut cleaner, Protect::default());
        dom::text(doc.tree.root())
    }

    #[test]
    fn a_player_takes_its_wrapper_but_not_the_post_around_it() {
        // A player's wrapper with its running time goes with it.
        let text = text_after_never_content(
            "<div class=story><p>The council met on Monday to talk about the bridge.</p>\
             <div><div><iframe src=/v/1></iframe></div><span>Running time 12:47</span></div></div>",
        );
        assert!(text.contains("the bridge") && !text.contains("Running time"), "{text}");
        // A short video post (its title and its line about the clip) around a player stays.
        let text = text_after_never_content(
            "<div class=post><h3><a href=/p/1>La Muerte</a></h3><div class=storycontent><iframe src=/v/2></iframe>\
             <p>Wonderful animated video! Created by Jose Arboleda</p></div></div>",
        );
        assert!(text.contains("La Muerte") && text.contains("Wonderful animated video"), "{text}");
    }

    #[test]
    fn non_content_tags() {
        for t in ["script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed"] {
            assert!(is_non_content_tag(t) && dom::is_non_text_tag(t), "{t}");
        }
        for t in ["head", "title"] {
            assert!(!is_non_content_tag(t) && dom::is_non_text_tag(t), "{t}");
        }
        for t in ["link", "meta", "button", "input", "select", "textarea", "option", "datalist", "audio", "video"] {
            assert!(is_non_content_tag(t), "{t}");
        }
        for t in ["source", "track", "map", "dialog"] {
            assert!(is_non_content_tag(t), "{t}");
        }
        for t in ["div", "p", "a", "span", "li", "SCRIPT", "metas", "", "h1", "nav"] {
            assert!(!is_non_content_tag(t), "{t}");
        }
    }
}
