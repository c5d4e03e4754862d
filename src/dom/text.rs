//! The text of a subtree: raw, white-space collapsed, and its length.

use scraper::Node;

use super::space::{nonspace_chars, normalize_space};
use super::tags::{breaks_words_at, is_non_text_tag};
use super::walk::{DomNode, Visit, Walk, walk, walk_events};

/// Raw text of a subtree (skipping non-text elements), not normalised: a space for each
/// `br`, and around each element below `node` that [`breaks_words`](super::tags::breaks_words) (the parse drops the
/// white space there).
pub fn raw_text(node: DomNode<'_>) -> String {
    raw_text_with(node, true)
}

/// The text of a subtree exactly as the page has it (skipping non-text elements), a space for
/// each `br`: for `pre`, whose white space the parse keeps (and from which on it keeps all).
pub fn raw_text_as_written(node: DomNode<'_>) -> String {
    raw_text_with(node, false)
}

fn raw_text_with(node: DomNode<'_>, separate_blocks: bool) -> String {
    let mut out = String::new();
    let separates = |n: DomNode<'_>| separate_blocks && n.id() != node.id() && breaks_words_at(n);
    walk_events(node, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                out.push_str(t);
                Walk::Skip
            }
            Node::Element(e) if is_non_text_tag(e.name()) => Walk::Skip,
            Node::Element(e) if e.name() == "br" => {
                out.push(' ');
                Walk::Skip
            }
            Node::Element(_) => {
                if separates(n) {
                    out.push(' ');
                }
                Walk::Descend
            }
            Node::Document | Node::Fragment => Walk::Descend,
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if separates(n) {
                out.push(' ');
            }
            Walk::Skip
        }
    });
    out
}

/// Whitespace-collapsed, trimmed, NFC text of a subtree.
pub fn text(node: DomNode<'_>) -> String {
    normalize_space(&raw_text(node))
}

/// The first character of a subtree's [`text`] when it is surely an ASCII character, found
/// without building the text: the first character of the raw text that is not white space,
/// when it and the character after it (in the same text node) are ASCII. `None` otherwise:
/// NFC may join a first character with a combining mark after it.
pub fn first_ascii_char(node: DomNode<'_>) -> Option<char> {
    let mut first = None;
    walk(node, |n| match n.value() {
        Node::Text(t) => match t.trim_start().as_bytes() {
            [] => Walk::Skip,
            [c, next, ..] if c.is_ascii() && next.is_ascii() => {
                first = Some(char::from(*c));
                Walk::Stop
            }
            _ => Walk::Stop,
        },
        Node::Element(e) if is_non_text_tag(e.name()) => Walk::Skip,
        Node::Element(_) | Node::Document | Node::Fragment => Walk::Descend,
        _ => Walk::Skip,
    });
    first
}

/// Number of non-whitespace characters in a subtree's text: a cheap size measure.
pub fn text_len(node: DomNode<'_>) -> usize {
    text_len_upto(node, usize::MAX)
}

/// [`text_len`], but the walk stops as soon as the count passes `limit`: the result is exact
/// when it is at most `limit`, and some number above `limit` otherwise. For comparisons with
/// a threshold (`text_len_upto(n, 400) > 400`) without walking a whole large subtree.
pub fn text_len_upto(node: DomNode<'_>, limit: usize) -> usize {
    let mut n = 0;
    walk(node, |x| match x.value() {
        Node::Text(t) => {
            n += nonspace_chars(t);
            if n > limit { Walk::Stop } else { Walk::Skip }
        }
        Node::Element(e) if is_non_text_tag(e.name()) => Walk::Skip,
        Node::Element(_) | Node::Document | Node::Fragment => Walk::Descend,
        _ => Walk::Skip,
    });
    n
}

/// A node's [`text`] when it is short: `None` when it is empty or longer than `limit`
/// characters (a large subtree is not read then).
pub fn short_text(n: DomNode<'_>, limit: usize) -> Option<String> {
    (text_len_upto(n, limit) <= limit).then(|| text(n)).filter(|t| !t.is_empty() && t.chars().count() <= limit)
}

/// Characters other than white space in the element's own text children (its child
/// elements' text left out).
pub fn direct_text_chars(node: DomNode<'_>) -> usize {
    node.children().filter_map(|c| c.value().as_text().map(|t| nonspace_chars(t))).sum()
}

/// Whether the element itself has a non-whitespace text child.
pub fn has_direct_text(node: DomNode<'_>) -> bool {
    node.children().any(|c| matches!(c.value(), Node::Text(t) if !t.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

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
    fn first_ascii_chars_are_the_texts_first() {
        for (html, first) in [
            ("<p> \n <b> </b><script>x</script><a>Open</a> in app</p>", Some('O')),
            ("<p><br>\u{a0}\u{2003}see all</p>", Some('s')),
            ("<p>o\u{308}ffnen</p>", None),
            ("<p>\u{e9}t\u{e9}</p>", None),
            ("<p>x</p>", None),
            ("<p>  </p>", None),
        ] {
            let doc = Html::parse_document(html);
            let p = doc.select(&scraper::Selector::parse("p").unwrap()).next().unwrap();
            let n = doc.tree.get(p.id()).unwrap();
            assert_eq!(first_ascii_char(n), first, "{html}");
            if let Some(c) = first {
                assert_eq!(text(n).chars().next(), Some(c), "{html}");
            }
        }
    }

    #[test]
    fn text_skips_scripts() {
        let doc = Html::parse_document("<p>a<script>var x=1</script> b<style>p{}</style></p>");
        assert_eq!(text(doc.tree.root()), "a b");
    }
}
