//! `blocks`, `text`, `links` and `word_count`: the body the content stage built.

use crate::article::{Block, Link, Warning, WarningCode};
use crate::content::{BodyBlock, merge_quotes};
use crate::text;

/// Fewer body words than this gives a `short_body` warning.
const SHORT_BODY_WORDS: u64 = 50;

/// The body fields.
#[derive(Debug)]
pub(crate) struct Body {
    /// The blocks.
    pub(crate) blocks: Vec<Block>,
    /// Their plain text, blocks apart by a blank line.
    pub(crate) text: String,
    /// Their links, in order.
    pub(crate) links: Vec<Link>,
    /// Words in `text`.
    pub(crate) word_count: u64,
}

/// The body fields of the content stage's blocks, and a `short_body` warning when it is short.
pub(crate) fn body(blocks: Vec<BodyBlock>) -> (Body, Option<Warning>) {
    let links = blocks.iter().flat_map(|b| b.links.iter().cloned()).collect();
    let blocks: Vec<Block> = merge_quotes(blocks).into_iter().map(|b| b.block).collect();
    let text = blocks.iter().filter(|b| b.is_text()).map(Block::plain_text).collect::<Vec<_>>().join("\n\n");
    let word_count = text::count_words(&text) as u64;
    let warning = (word_count < SHORT_BODY_WORDS)
        .then(|| Warning { code: WarningCode::ShortBody, message: format!("the body has only {word_count} words") });
    (Body { blocks, text, links, word_count }, warning)
}
