//! The cleaner: every removal goes through [`Cleaner::remove`], which detaches the subtree
//! and, with `--explain`, records `{kind, rule, text}` in page order; [`Protect`] names what
//! no removal may take.

use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::article::{Removal, RemovalKind};
use crate::content::images::Captions;
use crate::content::paywall_teasers::{MAX_TEASER_CHARS, paywall_teaser_in};
use crate::dom::{self, ClassWords, NodeMap, TextLens};

/// Collects removals and detaches nodes, and keeps the text length of every element.
#[derive(Debug)]
pub struct Cleaner {
    explain: bool,
    /// Pre-order index of every element, for page-order reporting.
    order: NodeMap<usize>,
    removed: Vec<(usize, Removal)>,
    /// The text length (`dom::text::text_len`) of every element, kept exact across removals.
    lens: TextLens,
    /// What the captions and credits taken out said, for the image blocks.
    captions: Captions,
    /// The first paywall teaser line a removal took out ("Subscribe to continue reading"): the
    /// `paywalled` warning needs it, and cleaning takes such lines out before fields are chosen.
    paywall_teaser: Option<&'static str>,
    /// The elements taken out as hidden (`hidden` rule), in page order: a page whose prose is
    /// all hidden (slides a script shows one at a time) falls back to them.
    hidden: Vec<NodeId>,
    /// Every element's class/id words, for the walks over every element (none unless given:
    /// each walk then searches itself).
    class_words: ClassWords,
}

/// Nodes a removal must never take out: the headline and the article column (and so any
/// ancestor of them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Protect {
    /// The headline element.
    pub headline: Option<NodeId>,
    /// The article column.
    pub root: Option<NodeId>,
}

impl Protect {
    /// Whether removing `node` would take a protected node with it.
    pub fn forbids(&self, doc: &Html, node: NodeId) -> bool {
        [self.headline, self.root].into_iter().flatten().any(|p| match doc.tree.get(p) {
            Some(pn) => dom::is_inclusive_ancestor(node, pn),
            None => false,
        })
    }

    /// Whether `node` is inside the article column (or is it).
    pub fn inside_root(&self, doc: &Html, node: NodeId) -> bool {
        match (self.root, doc.tree.get(node)) {
            (Some(r), Some(n)) => dom::is_inclusive_ancestor(r, n),
            _ => false,
        }
    }
}

/// Text kept per removal in `removed`.
const REMOVAL_TEXT_CHARS: usize = 200;

impl Cleaner {
    /// A cleaner for `doc`; page order is only computed with `explain`.
    pub fn new(doc: &Html, explain: bool) -> Cleaner {
        let order = if explain {
            dom::elements_in_order(doc.tree.root()).into_iter().enumerate().map(|(i, id)| (id, i)).collect()
        } else {
            NodeMap::default()
        };
        Cleaner {
            explain,
            order,
            removed: Vec::new(),
            lens: TextLens::new(doc.tree.root()),
            captions: Captions::default(),
            paywall_teaser: None,
            hidden: Vec::new(),
            class_words: ClassWords::none(),
        }
    }

    /// The cleaner with every element's class/id words found once (`ClassWords::read` of the
    /// same document).
    pub fn with_class_words(self, class_words: ClassWords) -> Cleaner {
        Cleaner { class_words, ..self }
    }

    /// Every element's class/id words, as far as known.
    pub fn class_words(&self) -> &ClassWords {
        &self.class_words
    }

    /// Text lengths (`dom::text::text_len`) of the document as it is now.
    pub fn lens(&self) -> &TextLens {
        &self.lens
    }

    /// The captions and credits taken out so far, by the element they describe.
    pub fn captions(&self) -> &Captions {
        &self.captions
    }

    /// Removes a caption or credit `node` (kind `caption`), keeping what it says of `owner`
    /// (the `figure` or picture it describes) for the image block there.
    pub fn remove_caption(&mut self, doc: &mut Html, node: NodeId, owner: NodeId, rule: &str) -> bool {
        if let Some(n) = doc.tree.get(node)
            && dom::is_attached(doc, node)
        {
            self.captions.keep(owner, n);
        }
        self.remove(doc, node, RemovalKind::Caption, rule)
    }

    /// Whether removals are being recorded.
    pub fn explaining(&self) -> bool {
        self.explain
    }

    /// Records a removal of `node` without detaching it (text already used elsewhere).
    pub fn record(&mut self, doc: &Html, node: NodeId, kind: RemovalKind, rule: &str) {
        self.note_paywall_teaser(doc, node, kind);
        if !self.explain {
            return;
        }
        if let Some(n) = doc.tree.get(node) {
            let text = dom::text(n);
            if text.is_empty() {
                return;
            }
            let text: String = text.chars().take(REMOVAL_TEXT_CHARS).collect();
            let pos = self.order.get(&node).copied().unwrap_or(usize::MAX);
            self.removed.push((pos, Removal { kind, rule: rule.to_string(), text }));
        }
    }

    /// Notes the paywall teaser a removed node says. Hidden elements and modals are left out:
    /// sites with a metered paywall ship its dialog in every page, read or not.
    fn note_paywall_teaser(&mut self, doc: &Html, node: NodeId, kind: RemovalKind) {
        if self.paywall_teaser.is_some() || matches!(kind, RemovalKind::Hidden | RemovalKind::Modal) {
            return;
        }
        let Some(n) = doc.tree.get(node) else { return };
        let len = self.lens.get(n);
        if len == 0 || len > MAX_TEASER_CHARS {
            return;
        }
        self.paywall_teaser = paywall_teaser_in(&dom::text(n));
    }

    /// The paywall teaser line cleaning took out, if any.
    pub fn paywall_teaser(&self) -> Option<&'static str> {
        self.paywall_teaser
    }

    /// Records and detaches `node`. Returns false if it was already gone.
    pub fn remove(&mut self, doc: &mut Html, node: NodeId, kind: RemovalKind, rule: &str) -> bool {
        if !dom::is_attached(doc, node) {
            return false;
        }
        self.record(doc, node, kind, rule);
        if kind == RemovalKind::Hidden && rule == "hidden" {
            self.hidden.push(node);
        }
        let mut separates = false;
        if let Some(n) = doc.tree.get(node) {
            self.lens.detaching(n);
            separates = dom::space_left_out_beside(n);
        }
        if let Some(mut n) = doc.tree.get_mut(node) {
            // A space where the parse left out white space keeps the neighbours' words apart.
            if separates {
                n.insert_before(Node::Text(scraper::node::Text { text: " ".into() }));
            }
            n.detach();
        }
        true
    }

    /// The elements taken out as hidden, in the order they went (page order); detached,
    /// their subtrees can still be read.
    pub fn hidden(&self) -> &[NodeId] {
        &self.hidden
    }

    /// The removals, in page order.
    pub fn into_removed(mut self) -> Vec<Removal> {
        self.removed.sort_by_key(|(pos, _)| *pos);
        self.removed.into_iter().map(|(_, r)| r).collect()
    }
}
