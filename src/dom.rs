//! DOM helpers over `scraper`'s tree: iterative walks (never recursion: pages nest 100,000
//! deep), whitespace-collapsed text, visibility.

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};
use unicode_normalization::UnicodeNormalization;

/// A node of the parsed page.
pub type DomNode<'a> = NodeRef<'a, Node>;

/// What a walk does after entering an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Visit the children, then call `leave`.
    Descend,
    /// Skip the children (and `leave`).
    Skip,
}

/// One step of [`walk_events`].
#[derive(Debug, Clone, Copy)]
pub enum Visit<'a> {
    /// Entering a node; the visitor's answer says whether to descend.
    Enter(DomNode<'a>),
    /// Leaving a node that was descended into, after its children.
    Leave(DomNode<'a>),
}

/// Pre-order walk of `root`'s subtree without recursion or an explicit stack: `enter` is
/// called for every node (root included) and says whether to visit its children.
pub fn walk<'a>(root: DomNode<'a>, mut enter: impl FnMut(DomNode<'a>) -> Walk) {
    walk_events(root, |v| match v {
        Visit::Enter(n) => enter(n),
        Visit::Leave(_) => Walk::Skip,
    });
}

/// Like [`walk`], and also reports leaving every node that was descended into.
pub fn walk_events<'a>(root: DomNode<'a>, mut visit: impl FnMut(Visit<'a>) -> Walk) {
    let mut node = root;
    loop {
        let descend = visit(Visit::Enter(node)) == Walk::Descend;
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        if descend {
            visit(Visit::Leave(node));
        }
        // Climb until a node has a next sibling, leaving each finished ancestor.
        loop {
            if node.id() == root.id() {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    visit(Visit::Leave(node));
                }
                None => return,
            }
        }
    }
}

/// Elements whose content is never text a reader sees.
pub const NON_TEXT_TAGS: &[&str] =
    &["script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "head", "title"];

/// The local name of an element node.
pub fn tag<'a>(node: &DomNode<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Raw text of a subtree (skipping non-text elements), not normalised.
pub fn raw_text(node: DomNode<'_>) -> String {
    let mut out = String::new();
    walk(node, |n| match n.value() {
        Node::Text(t) => {
            out.push_str(t);
            Walk::Skip
        }
        Node::Element(e) if NON_TEXT_TAGS.contains(&e.name()) => Walk::Skip,
        Node::Element(e) if e.name() == "br" => {
            out.push(' ');
            Walk::Skip
        }
        Node::Element(_) | Node::Document | Node::Fragment => Walk::Descend,
        _ => Walk::Skip,
    });
    out
}

/// Whitespace-collapsed, trimmed, NFC text of a subtree.
pub fn text(node: DomNode<'_>) -> String {
    normalize_space(&raw_text(node))
}

/// Number of non-whitespace characters in a subtree's text: a cheap size measure.
pub fn text_len(node: DomNode<'_>) -> usize {
    let mut n = 0;
    walk(node, |x| match x.value() {
        Node::Text(t) => {
            n += t.chars().filter(|c| !c.is_whitespace()).count();
            Walk::Skip
        }
        Node::Element(e) if NON_TEXT_TAGS.contains(&e.name()) => Walk::Skip,
        Node::Element(_) | Node::Document | Node::Fragment => Walk::Descend,
        _ => Walk::Skip,
    });
    n
}

/// Collapses whitespace runs to one space, trims, and puts the text in NFC.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    if out.is_ascii() { out } else { out.nfc().collect() }
}

/// Whether the element itself has a non-whitespace text child.
pub fn has_direct_text(node: DomNode<'_>) -> bool {
    node.children().any(|c| matches!(c.value(), Node::Text(t) if !t.trim().is_empty()))
}

/// Whether `ancestor` is `node` or one of its ancestors.
pub fn is_inclusive_ancestor(ancestor: NodeId, node: DomNode<'_>) -> bool {
    node.id() == ancestor || node.ancestors().any(|a| a.id() == ancestor)
}

/// Whether a node is still attached to the document (not detached by cleaning).
pub fn is_attached(doc: &Html, node: NodeId) -> bool {
    let root = doc.tree.root().id();
    match doc.tree.get(node) {
        Some(n) => n.id() == root || n.ancestors().any(|a| a.id() == root),
        None => false,
    }
}

/// Class tokens that hide an element on every common CSS framework.
pub const HIDDEN_CLASS_TOKENS: &[&str] =
    &["hidden", "hide", "d-none", "is-hidden", "hide-me", "invisible", "display-none"];
/// Class fragments of text kept for screen readers only ("Share on X" inside an icon link).
pub const SCREEN_READER_CLASS_PARTS: &[&str] =
    &["visually-hidden", "visuallyhidden", "sr-only", "screen-reader", "screenreader", "a11y-hidden"];

/// Whether an element is hidden from readers by its own attributes.
pub fn is_hidden(el: &ElementRef<'_>) -> bool {
    let e = el.value();
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    e.classes().any(|c| {
        HIDDEN_CLASS_TOKENS.iter().any(|t| c.eq_ignore_ascii_case(t))
            || SCREEN_READER_CLASS_PARTS.iter().any(|p| c.to_ascii_lowercase().contains(p))
    })
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

/// All element ids of a subtree in document order (root included).
pub fn elements_in_order(root: DomNode<'_>) -> Vec<NodeId> {
    let mut out = Vec::new();
    walk(root, |n| {
        if n.value().is_element() || n.value().is_document() {
            if n.value().is_element() {
                out.push(n.id());
            }
            Walk::Descend
        } else {
            Walk::Skip
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_and_composes() {
        assert_eq!(normalize_space("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(normalize_space("cafe\u{301}"), "café");
    }

    #[test]
    fn walk_visits_in_order_and_leaves() {
        let doc = Html::parse_document("<div><p>a<b>b</b></p><p>c</p></div>");
        let mut log = Vec::new();
        let mut leaves = Vec::new();
        walk_events(doc.tree.root(), |v| {
            match v {
                Visit::Enter(n) => {
                    if let Some(e) = n.value().as_element() {
                        log.push(e.name().to_string());
                    }
                }
                Visit::Leave(n) => {
                    if let Some(e) = n.value().as_element() {
                        leaves.push(e.name().to_string());
                    }
                }
            }
            Walk::Descend
        });
        assert_eq!(log, ["html", "head", "body", "div", "p", "b", "p"]);
        assert_eq!(leaves, ["head", "b", "p", "p", "div", "body", "html"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough that a recursive walk would overflow the test thread's stack; the
        // 100,000-deep case (slow to parse in debug builds) is in the robustness suite.
        let depth = 30_000;
        let html = "<div>".repeat(depth) + "deep" + &"</div>".repeat(depth);
        let doc = Html::parse_document(&html);
        assert_eq!(text(doc.tree.root()), "deep");
    }

    #[test]
    fn text_skips_scripts() {
        let doc = Html::parse_document("<p>a<script>var x=1</script> b<style>p{}</style></p>");
        assert_eq!(text(doc.tree.root()), "a b");
    }
}
