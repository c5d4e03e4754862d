//! The text length of every element, computed once and kept exact across removals.

use scraper::Node;

use super::node_map::DenseNodeMap;
use super::space::nonspace_chars;
use super::tags::is_non_text_tag;
use super::text::text_len;
use super::walk::{DomNode, Visit, Walk, walk_events};

/// [`text_len`] of every element of a document, computed bottom-up in one walk and kept
/// exact across removals ([`TextLens::detaching`]): a lookup instead of a subtree walk.
#[derive(Debug)]
pub struct TextLens {
    lens: DenseNodeMap<usize>,
}

impl Default for TextLens {
    fn default() -> Self {
        TextLens { lens: DenseNodeMap::new(usize::MAX) }
    }
}

impl TextLens {
    /// The lengths of every element of `root`'s subtree (root included).
    pub fn new(root: DomNode<'_>) -> TextLens {
        let mut lens = DenseNodeMap::new(usize::MAX);
        let mut stack: Vec<usize> = Vec::new();
        walk_events(root, |v| match v {
            Visit::Enter(n) => match n.value() {
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        *top += nonspace_chars(t);
                    }
                    Walk::Skip
                }
                Node::Element(e) if is_non_text_tag(e.name()) => {
                    lens.insert(n.id(), 0);
                    Walk::Skip
                }
                Node::Element(_) | Node::Document | Node::Fragment => {
                    stack.push(0);
                    Walk::Descend
                }
                _ => Walk::Skip,
            },
            Visit::Leave(n) => {
                let len = stack.pop().unwrap_or(0);
                lens.insert(n.id(), len);
                if let Some(top) = stack.last_mut() {
                    *top += len;
                }
                Walk::Skip
            }
        });
        TextLens { lens }
    }

    /// [`text_len`] of `node`: looked up, or counted for nodes the walk did not record
    /// (text nodes, nodes inside non-text elements).
    pub fn get(&self, node: DomNode<'_>) -> usize {
        match self.lens.get(node.id()) {
            Some(l) => l,
            None => text_len(node),
        }
    }

    /// To call right before `node` is detached: its ancestors lose its text, up to the
    /// first non-text element (whose text, and its ancestors', never counted it).
    pub fn detaching(&mut self, node: DomNode<'_>) {
        let len = self.get(node);
        if len == 0 {
            return;
        }
        for a in node.ancestors() {
            if a.value().as_element().is_some_and(|e| is_non_text_tag(e.name())) {
                break;
            }
            if let Some(l) = self.lens.get_mut(a.id()) {
                debug_assert!(*l >= len, "text lengths out of step");
                *l = l.saturating_sub(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ego_tree::NodeId;
    use scraper::Html;

    use super::*;
    use crate::dom::text::text_len_upto;

    #[test]
    fn text_lens_match_text_len_and_follow_removals() {
        let mut doc = Html::parse_document(
            "<div id=a><p>one two</p><script>x()</script><div id=b>three <b>four</b><svg><text>s</text></svg></div>\u{a0}five</div>",
        );
        let mut lens = TextLens::new(doc.tree.root());
        let ids: Vec<NodeId> = doc.tree.nodes().map(|n| n.id()).collect();
        for id in &ids {
            let n = doc.tree.get(*id).unwrap();
            assert_eq!(lens.get(n), text_len(n));
            assert_eq!(text_len_upto(n, 3).min(4), text_len(n).min(4));
        }
        // Inside a non-text element: nothing above it changes.
        let s = doc.select(&scraper::Selector::parse("svg text").unwrap()).next().unwrap().id();
        lens.detaching(doc.tree.get(s).unwrap());
        doc.tree.get_mut(s).unwrap().detach();
        for id in &ids {
            let n = doc.tree.get(*id).unwrap();
            assert_eq!(lens.get(n), text_len(n));
        }
        let b = doc.select(&scraper::Selector::parse("#b").unwrap()).next().unwrap().id();
        lens.detaching(doc.tree.get(b).unwrap());
        doc.tree.get_mut(b).unwrap().detach();
        for id in &ids {
            let n = doc.tree.get(*id).unwrap();
            assert_eq!(lens.get(n), text_len(n));
        }
    }
}
