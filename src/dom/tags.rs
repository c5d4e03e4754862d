//! What an element's tag says: blocks, word breaks, never-text elements, heading levels.

use html5ever::{LocalName, local_name};

use super::walk::DomNode;

/// Whether an element ends a paragraph: its content is laid out as blocks, and its start and
/// end separate words. A `match` on the interned name, integer comparisons (the tree sink
/// asks for every node it appends, the walks for every element).
pub fn is_block_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("caption")
    )
}

/// Whether an element's start and end separate words in every text pith reads from the
/// tree: the block elements, `br`, and the document's `html`, `head` and `body`. White
/// space next to them carries no meaning, so the parse leaves it out
/// (`parse::sink`), and the text readers put a space there instead
/// ([`raw_text`](super::text::raw_text), `content::blocks`).
pub fn breaks_words(name: &LocalName) -> bool {
    is_block_tag(name)
        || matches!(*name, local_name!("br") | local_name!("html") | local_name!("head") | local_name!("body"))
}

/// Whether an element breaks words (see [`breaks_words`]).
pub fn breaks_words_at(n: DomNode<'_>) -> bool {
    n.value().as_element().is_some_and(|e| breaks_words(&e.name.local))
}

/// Whether the parse may have left out white space next to `n` (see [`breaks_words`]): it
/// breaks words and no text is beside it. A reader that skips `n`, or a removal that takes
/// it out, puts a space in its place so that its neighbours' words stay apart.
pub fn space_left_out_beside(n: DomNode<'_>) -> bool {
    let text = |s: Option<DomNode<'_>>| s.is_some_and(|s| s.value().is_text());
    breaks_words_at(n) && !text(n.prev_sibling()) && !text(n.next_sibling())
}

/// The local name of an element node.
pub fn tag<'a>(node: &DomNode<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Whether an element's content is never text a reader sees: `script`, `style`, `noscript`,
/// `template`, `svg`, `math`, `canvas`, `iframe`, `object`, `embed`, `head`, `title`. Every
/// text reader skips them, whatever cleaning left in the tree; cleaning's first pass removes
/// these from the body and more besides (form controls, media: elements with text that is not
/// article text). A `match`, which compiles to a switch on the length and one comparison (this
/// runs for every element of most walks).
pub fn is_non_text_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "head"
            | "title"
    )
}

/// Heading level of an `h1`..`h6` tag.
pub fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_names_are_the_block_tags() {
        for t in ["div", "p", "li", "ul", "table", "td", "h1", "h6", "blockquote", "section", "caption", "pre"] {
            assert!(is_block_tag(&LocalName::from(t)), "{t}");
            assert!(breaks_words(&LocalName::from(t)), "{t}");
        }
        for t in ["span", "a", "b", "img", "DIV", "divs", "", "title", "script", "body", "br"] {
            assert!(!is_block_tag(&LocalName::from(t)), "{t}");
        }
        for t in ["br", "html", "head", "body"] {
            assert!(breaks_words(&LocalName::from(t)), "{t}");
        }
        for t in ["span", "a", "img", "title", "script", "meta"] {
            assert!(!breaks_words(&LocalName::from(t)), "{t}");
        }
    }

    #[test]
    fn non_text_tags() {
        for t in ["script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed"] {
            assert!(is_non_text_tag(t), "{t}");
        }
        for t in ["head", "title"] {
            assert!(is_non_text_tag(t), "{t}");
        }
        for t in ["div", "p", "a", "span", "li", "SCRIPT", "scripts", "foreignObject", "", "h1", "link", "meta"] {
            assert!(!is_non_text_tag(t), "{t}");
        }
    }
}
