//! The class/id words of every element, found in one pass after parsing and shared by the walks
//! that test every element's `id` and `class` against their word lists (the visible fields,
//! hidden elements, cookie banners, caption classes, unlikely boxes, recipe parts): each of those walks
//! would otherwise run its own automaton over the same values.
//!
//! The walks' lists are one [`TokenLists`] automaton, each walk's lists at its [`ClassSlot`];
//! [`ClassWords`] keeps, per element, the bits the automaton finds in its `id` and in its
//! `class`. An element's attributes never change after parsing, so the bits stay true across
//! removals. A walk searches with its own automaton only for an element the table does not
//! hold (none, in unit tests; [`ClassWords::in_id_class`]).

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::attrs::{hidden_by_attributes, id_and_class};
use super::node_map::DenseNodeMap;
use crate::matching::TokenLists;

/// Where a walk's lists sit in the shared automaton: `lists` lists from bit `first`, in the
/// order of the walk's own automaton (so a slot's bits are what that automaton answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClassSlot {
    first: u32,
    lists: u32,
}

impl ClassSlot {
    /// The visible-fields walk's twelve class lists (`fields::visible`).
    pub(crate) const VISIBLE: ClassSlot = ClassSlot { first: 0, lists: 12 };
    /// The general extractor's comment, unlikely and maybe-content lists.
    pub(crate) const UNLIKELY: ClassSlot = ClassSlot { first: 12, lists: 3 };
    /// Cookie-banner tokens (cleaning's chrome pass).
    pub(crate) const COOKIE: ClassSlot = ClassSlot { first: 15, lists: 1 };
    /// Caption class parts (cleaning's caption pass).
    pub(crate) const CAPTION: ClassSlot = ClassSlot { first: 16, lists: 1 };
    /// Hidden-class tokens and screen-reader parts (`dom::is_hidden`; read in `class` only).
    pub(crate) const HIDDEN: ClassSlot = ClassSlot { first: 17, lists: 2 };
    /// Recipe-part tokens (`content::clean::touches_recipe_part`).
    pub(crate) const RECIPE: ClassSlot = ClassSlot { first: 19, lists: 1 };

    /// This slot's bits of the shared automaton's answer.
    fn of(self, all: u32) -> u32 {
        (all >> self.first) & ((1 << self.lists) - 1)
    }
}

/// The found bits of every element: `id`'s in the low half, `class`'s in the high half.
#[derive(Debug)]
pub(crate) struct ClassWords {
    bits: DenseNodeMap<u64>,
}

impl Default for ClassWords {
    fn default() -> Self {
        ClassWords::none()
    }
}

/// Bits no element can hold (the shared automaton has fewer than 32 lists): unset entries.
const UNSET: u64 = u64::MAX;

impl ClassWords {
    /// A table that holds no element: every walk searches itself.
    pub(crate) fn none() -> ClassWords {
        ClassWords { bits: DenseNodeMap::new(UNSET) }
    }

    /// The shared automaton of the walks' lists, each slot with its lists in order (checked:
    /// the slots must tile the automaton's bits as [`ClassSlot`] says).
    pub(crate) fn automaton(slots: &[(ClassSlot, &[&[&str]])]) -> TokenLists {
        let mut lists: Vec<&[&str]> = Vec::new();
        for (slot, slot_lists) in slots {
            assert_eq!(slot.first as usize, lists.len(), "class slots out of order");
            assert_eq!(slot.lists as usize, slot_lists.len(), "class slot of the wrong width");
            lists.extend_from_slice(slot_lists);
        }
        assert!(lists.len() < 32, "the unset marker needs a free bit");
        TokenLists::new(&lists)
    }

    /// Reads the `id` and `class` of every element of `doc` with `automaton` (made by
    /// [`ClassWords::automaton`]).
    pub(crate) fn read(doc: &Html, automaton: &TokenLists) -> ClassWords {
        let mut bits = DenseNodeMap::new(UNSET);
        for n in doc.tree.nodes() {
            if let Node::Element(e) = n.value() {
                let (id, class) = id_and_class(e);
                let id = id.map_or(0, |v| automaton.in_str(v));
                let class = class.map_or(0, |v| automaton.in_str(v));
                bits.insert(n.id(), u64::from(id) | (u64::from(class) << 32));
            }
        }
        ClassWords { bits }
    }

    /// The bits of `slot`'s lists found in the `id` or `class` of the element at `node` (what
    /// the slot's own automaton's `in_id_class` answers), if the table holds it. Callers fall
    /// back to their own automaton, built only then: `unwrap_or_else(|| OWN.in_id_class(e))`.
    #[inline]
    pub(crate) fn in_id_class(&self, node: NodeId, slot: ClassSlot) -> Option<u32> {
        self.bits.get(node).map(|b| slot.of((b | (b >> 32)) as u32))
    }

    /// `dom::is_hidden(el)`, with the element's hidden-class words looked up.
    pub(crate) fn is_hidden(&self, el: &ElementRef<'_>) -> bool {
        hidden_by_attributes(el, self.in_class(el.id(), ClassSlot::HIDDEN))
    }

    /// The bits of `slot`'s lists found in the `class` of the element at `node`, if the table
    /// holds it.
    #[inline]
    fn in_class(&self, node: NodeId, slot: ClassSlot) -> Option<u32> {
        self.bits.get(node).map(|b| slot.of((b >> 32) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::attrs::attr;
    use crate::matching::Tokens;
    use crate::parse::attributes::ReadAttr;

    #[test]
    fn the_table_answers_as_each_slots_own_automaton() {
        let a: &[&str] = &["share", "ad"];
        let b: &[&str] = &["cookie"];
        let c: &[&str] = &["hidden", "sr-only"];
        let slots: [(ClassSlot, &[&[&str]]); 3] = [
            (ClassSlot { first: 0, lists: 2 }, &[a, b]),
            (ClassSlot { first: 2, lists: 1 }, &[b]),
            (ClassSlot { first: 3, lists: 2 }, &[c, a]),
        ];
        let automaton = ClassWords::automaton(&slots);
        let doc = Html::parse_document(
            "<div id=Share-bar class='x COOKIE-notice' id=second class=again><p class='sr-only hidden'>a</p><span>b</span>\
             <i id=adx>c</i><b class=' '>d</b></div>",
        );
        let words = ClassWords::read(&doc, &automaton);
        let none = ClassWords::none();
        let mut elements = 0;
        for n in doc.tree.nodes() {
            let Node::Element(e) = n.value() else { continue };
            elements += 1;
            assert_eq!(id_and_class(e), (attr(e, ReadAttr::Id), attr(e, ReadAttr::Class)));
            for (slot, lists) in slots {
                let own = TokenLists::new(lists);
                assert_eq!(words.in_id_class(n.id(), slot), Some(own.in_id_class(e)), "{e:?}");
                assert_eq!(none.in_id_class(n.id(), slot), None);
                let class_only = attr(e, ReadAttr::Class).map_or(0, |v| own.in_str(v));
                assert_eq!(words.in_class(n.id(), slot), Some(class_only), "{e:?}");
                assert_eq!(none.in_class(n.id(), slot), None);
            }
            let single = Tokens::new(b);
            assert_eq!(
                words.in_id_class(n.id(), ClassSlot { first: 2, lists: 1 }).map(|b| b != 0),
                Some(single.in_id_class(e))
            );
        }
        assert!(elements >= 7);
    }

    #[test]
    #[should_panic(expected = "class slots out of order")]
    fn slots_must_tile_the_bits() {
        let a: &[&str] = &["a"];
        ClassWords::automaton(&[(ClassSlot { first: 1, lists: 1 }, &[a])]);
    }
}
