//! The parsed page as a tree: helpers over `scraper`'s tree, one concern a file.
//!
//! - `walk`: iterative walks (never recursion: pages nest 100,000 deep), where a node is;
//! - `tags`: what a tag says (blocks, word breaks, never-text elements, heading levels);
//! - `text`: the text of a subtree, raw or white-space collapsed, and its length;
//! - `attrs`: reading attributes (only those the pre-filter keeps), hidden elements;
//! - `class_words`: every element's class/id words, found once for the walks that test them;
//! - `text_lens`: every element's text length, kept exact across removals;
//! - `space`: white-space counting and collapsing, eight bytes at a time;
//! - `nfc`: a quick NFC test; `node_map`: tables keyed by node.

mod attrs;
mod class_words;
mod nfc;
mod node_map;
mod space;
mod tags;
mod text;
mod text_lens;
mod walk;

pub(crate) use attrs::{HIDDEN_CLASS_TOKENS, SCREEN_READER_CLASS_PARTS, attr, has_id_class, is_hidden};
pub(crate) use class_words::{ClassSlot, ClassWords};
pub(crate) use node_map::{NodeMap, NodeSet, ShortKeyMap};
pub(crate) use space::{nonspace_chars, normalize_space};
pub(crate) use tags::{
    breaks_words, breaks_words_at, heading_level, is_block_tag, is_non_text_tag, space_left_out_beside, tag,
};
pub(crate) use text::{
    direct_text_chars, first_ascii_char, has_direct_text, raw_text, raw_text_as_written, short_text, text,
    text_len_upto,
};
pub(crate) use text_lens::TextLens;
pub(crate) use walk::{
    DomNode, Visit, Walk, elements_in_order, is_attached, is_inclusive_ancestor, next_element_past_blank_text, walk,
    walk_events,
};
