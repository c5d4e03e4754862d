//! Iterative walks over `scraper`'s tree (never recursion: pages nest 100,000 deep), and
//! where a node is.

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

/// A node of the parsed page.
pub type DomNode<'a> = NodeRef<'a, Node>;

/// What a walk does after entering an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Visit the children, then call `leave`.
    Descend,
    /// Skip the children (and `leave`).
    Skip,
    /// End the walk now (no more `enter` or `leave`).
    Stop,
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
        let answer = visit(Visit::Enter(node));
        if answer == Walk::Stop {
            return;
        }
        let descend = answer == Walk::Descend;
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        if descend && visit(Visit::Leave(node)) == Walk::Stop {
            return;
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
                    if visit(Visit::Leave(node)) == Walk::Stop {
                        return;
                    }
                }
                None => return,
            }
        }
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

/// The element right after `node` among its siblings, when only white space lies between
/// them (comments aside); `None` when text a reader sees comes first or no element follows.
/// How "the caption under this picture" is found.
pub fn next_element_past_blank_text(node: DomNode<'_>) -> Option<DomNode<'_>> {
    let mut sib = node.next_sibling();
    while let Some(s) = sib {
        if s.value().is_element() {
            return Some(s);
        }
        if s.value().as_text().is_some_and(|t| !t.trim().is_empty()) {
            return None;
        }
        sib = s.next_sibling();
    }
    None
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

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
}
