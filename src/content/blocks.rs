//! The body builder: an article subtree (already cleaned) to contract blocks and links.
//!
//! One iterative walk. Paragraph-like elements, headings, lists, quotes, data tables and
//! `pre` become blocks; inline text outside them (text directly in a `div`) becomes
//! paragraphs at block boundaries. Layout tables and lists of sections are walked through.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::Node;
use url::Url;

use crate::article::{Block, Link};
use crate::dom::{self, DomNode, NodeMap, NodeSet, Visit, Walk, heading_level, normalize_space};
use crate::parse::attributes::ReadAttr;

/// A block with the node it came from and its links.
#[derive(Debug, Clone)]
pub struct BodyBlock {
    /// The block.
    pub block: Block,
    /// The element it came from (for `--explain` and de-duplication).
    pub node: NodeId,
    /// Links inside it.
    pub links: Vec<Link>,
    /// Tag level for headings (relative levels are assigned at the end).
    tag_level: u8,
}

/// Elements handled as one paragraph each.
const PARAGRAPH_TAGS: &[&str] = &["p", "dt", "dd", "figcaption", "caption", "summary", "address"];

/// Whether any element below `node` is a block element.
fn has_block_descendant(node: DomNode<'_>) -> bool {
    let mut found = false;
    dom::walk(node, |n| {
        if found {
            return Walk::Skip;
        }
        match n.value() {
            Node::Element(e) if n.id() != node.id() && dom::is_block_tag(&e.name.local) => {
                found = true;
                Walk::Skip
            }
            Node::Element(e) if dom::is_non_text_tag(e.name()) => Walk::Skip,
            Node::Element(_) => Walk::Descend,
            _ => Walk::Skip,
        }
    });
    found
}

/// [`has_block_descendant`] with memory: once the answer for an element is yes (and the body
/// walk will descend into it, asking again for each child), the answers for its whole subtree
/// are worked out bottom-up in one walk. Asking along a chain of inline elements around
/// blocks is then linear instead of quadratic.
#[derive(Default)]
struct BlockBelow(NodeMap<bool>);

impl BlockBelow {
    fn get(&mut self, node: DomNode<'_>) -> bool {
        if let Some(&known) = self.0.get(&node.id()) {
            return known;
        }
        if !has_block_descendant(node) {
            return false;
        }
        let answers = &mut self.0;
        // Per open element: whether a block was found below it so far.
        let mut stack: Vec<bool> = Vec::new();
        dom::walk_events(node, |v| match v {
            Visit::Enter(n) => match n.value() {
                Node::Element(e) if n.id() != node.id() && dom::is_non_text_tag(e.name()) => {
                    // Never looked into: no block below it, and it counts above only if it
                    // is a block itself.
                    answers.insert(n.id(), false);
                    if let Some(parent) = stack.last_mut() {
                        *parent |= dom::is_block_tag(&e.name.local);
                    }
                    Walk::Skip
                }
                Node::Element(_) => {
                    stack.push(false);
                    Walk::Descend
                }
                _ => Walk::Skip,
            },
            Visit::Leave(n) => {
                let below = stack.pop().unwrap_or(false);
                answers.insert(n.id(), below);
                if let (Some(parent), Some(e)) = (stack.last_mut(), n.value().as_element()) {
                    *parent |= dom::is_block_tag(&e.name.local) || below;
                }
                Walk::Skip
            }
        });
        true
    }
}

/// Whether a build collects the links of its blocks (resolved against the page URL) or only
/// their text (the fallback chain's trial builds, which only count characters).
#[derive(Clone, Copy)]
enum Links<'u> {
    Collect(Option<&'u Url>),
    Skip,
}

/// Text and links of an inline subtree.
fn inline_content(node: DomNode<'_>, links_of: Links<'_>) -> (String, Vec<Link>) {
    let mut raw = String::new();
    let mut open: Vec<(NodeId, usize, String)> = Vec::new();
    let mut links = Vec::new();
    dom::walk_events(node, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                raw.push_str(t);
                Walk::Skip
            }
            Node::Element(e) => {
                let name = e.name();
                if dom::is_non_text_tag(name) {
                    return Walk::Skip;
                }
                if name == "br" {
                    raw.push(' ');
                    return Walk::Skip;
                }
                if name == "a"
                    && matches!(links_of, Links::Collect(_))
                    && let Some(href) = dom::attr(e, ReadAttr::Href)
                {
                    open.push((n.id(), raw.len(), href.to_string()));
                }
                // Block-level children still separate words.
                if n.id() != node.id() && dom::is_block_tag(&e.name.local) {
                    raw.push(' ');
                }
                Walk::Descend
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if open.last().is_some_and(|(id, _, _)| *id == n.id())
                && let Some((_, start, href)) = open.pop()
            {
                let text = normalize_space(&raw[start..]);
                if let Links::Collect(base) = links_of
                    && let Some(url) = resolve_link(&href, base)
                    && !text.is_empty()
                {
                    links.push(Link { text, url });
                }
            }
            if let Some(e) = n.value().as_element()
                && n.id() != node.id()
                && dom::is_block_tag(&e.name.local)
            {
                raw.push(' ');
            }
            Walk::Skip
        }
    });
    (normalize_space(&raw), links)
}

/// The links of a subtree whose text a block takes otherwise (a table's rows, a quote's
/// paragraphs); none when the build skips links.
fn links_only(node: DomNode<'_>, links_of: Links<'_>) -> Vec<Link> {
    match links_of {
        Links::Skip => Vec::new(),
        collect => inline_content(node, collect).1,
    }
}

/// Resolves an `href` against the page URL; `None` for scripts and same-page anchors.
pub fn resolve_link(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("data:") {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => match base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Some(href.to_string()),
        },
    }
}

/// A table is data (one `table` block) unless its cells hold blocks (layout tables).
fn is_data_table(table: DomNode<'_>) -> bool {
    let mut layout = false;
    dom::walk(table, |n| {
        if layout {
            return Walk::Skip;
        }
        match n.value() {
            Node::Element(e) if n.id() != table.id() => {
                if matches!(
                    e.name(),
                    "table"
                        | "p"
                        | "div"
                        | "ul"
                        | "ol"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "form"
                        | "section"
                        | "article"
                        | "nav"
                        | "aside"
                ) {
                    layout = true;
                    Walk::Skip
                } else {
                    Walk::Descend
                }
            }
            Node::Element(_) => Walk::Descend,
            _ => Walk::Skip,
        }
    });
    !layout
}

fn table_rows(table: DomNode<'_>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    dom::walk(table, |n| match dom::tag(&n) {
        Some("tr") => {
            let cells: Vec<String> =
                n.children().filter(|c| matches!(dom::tag(c), Some("td" | "th"))).map(dom::text).collect();
            if cells.iter().any(|c| !c.is_empty()) {
                rows.push(cells);
            }
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        Some(_) => Walk::Descend,
        None => Walk::Skip,
    });
    rows
}

/// A list is a list of items unless its items hold sections (headings, paragraphs).
fn is_item_list(list: DomNode<'_>) -> bool {
    let mut sections = false;
    dom::walk(list, |n| {
        if sections {
            return Walk::Skip;
        }
        match dom::tag(&n) {
            Some("p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "blockquote" | "pre") => {
                sections = true;
                Walk::Skip
            }
            Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
            Some(_) => Walk::Descend,
            None => Walk::Skip,
        }
    });
    !sections
}

/// The items of a list, nested lists flattened after their parent item (one walk, no
/// recursion).
fn list_items(list: DomNode<'_>, links_of: Links<'_>, links: &mut Vec<Link>) -> Vec<String> {
    struct Open {
        li: NodeId,
        raw: String,
        /// Index in `items` once the text before a nested list was emitted.
        emitted: Option<usize>,
    }
    let mut items: Vec<String> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: Vec<(NodeId, usize, String)> = Vec::new();
    let emit = |o: &mut Open, items: &mut Vec<String>| {
        let t = normalize_space(&o.raw);
        o.raw.clear();
        if t.is_empty() {
            return;
        }
        match o.emitted {
            Some(i) => {
                items[i].push(' ');
                items[i].push_str(&t);
            }
            None => {
                items.push(t);
                o.emitted = Some(items.len() - 1);
            }
        }
    };
    dom::walk_events(list, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                if let Some(o) = open.last_mut() {
                    o.raw.push_str(t);
                }
                Walk::Skip
            }
            Node::Element(e) => {
                let name = e.name();
                if dom::is_non_text_tag(name) {
                    return Walk::Skip;
                }
                match name {
                    "li" => open.push(Open { li: n.id(), raw: String::new(), emitted: None }),
                    "ul" | "ol" | "menu" | "dir" => {
                        if let Some(o) = open.last_mut() {
                            emit(o, &mut items);
                        }
                    }
                    "br" => {
                        if let Some(o) = open.last_mut() {
                            o.raw.push(' ');
                        }
                    }
                    "a" => {
                        if let Links::Collect(_) = links_of
                            && let (Some(href), Some(o)) = (dom::attr(e, ReadAttr::Href), open.last())
                        {
                            anchors.push((n.id(), o.raw.len(), href.to_string()));
                        }
                    }
                    _ if dom::is_block_tag(&e.name.local) => {
                        if let Some(o) = open.last_mut() {
                            o.raw.push(' ');
                        }
                    }
                    _ => {}
                }
                Walk::Descend
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if anchors.last().is_some_and(|(id, _, _)| *id == n.id())
                && let Some((_, start, href)) = anchors.pop()
                && let Some(o) = open.last()
            {
                let text = normalize_space(o.raw.get(start..).unwrap_or(""));
                if let Links::Collect(base) = links_of
                    && let Some(url) = resolve_link(&href, base)
                    && !text.is_empty()
                {
                    links.push(Link { text, url });
                }
            }
            if open.last().is_some_and(|o| o.li == n.id())
                && let Some(mut o) = open.pop()
            {
                emit(&mut o, &mut items);
            } else if n.value().as_element().is_some_and(|e| dom::is_block_tag(&e.name.local))
                && let Some(o) = open.last_mut()
            {
                // A block's end separates words as its start does.
                o.raw.push(' ');
            }
            Walk::Skip
        }
    });
    items
}

struct Builder<'u> {
    /// The subtree's root: the node of text that has no element of its own.
    root: NodeId,
    links: Links<'u>,
    blocks: Vec<BodyBlock>,
    buf: String,
    buf_links: Vec<Link>,
    buf_node: Option<NodeId>,
    last_br: bool,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let text = normalize_space(&self.buf);
        if !text.is_empty() {
            let node = self.buf_node.unwrap_or(self.root);
            self.blocks.push(BodyBlock {
                block: Block::Paragraph { text },
                node,
                links: std::mem::take(&mut self.buf_links),
                tag_level: 0,
            });
        }
        self.buf.clear();
        self.buf_links.clear();
        self.buf_node = None;
        self.last_br = false;
    }

    fn push(&mut self, block: Block, node: NodeId, links: Vec<Link>, tag_level: u8) {
        self.blocks.push(BodyBlock { block, node, links, tag_level });
    }
}

/// Builds the body blocks of `root`'s subtree.
pub fn build_blocks(root: DomNode<'_>, base: Option<&Url>) -> Vec<BodyBlock> {
    build(root, Links::Collect(base), &NodeSet::default())
}

/// The blocks [`build_blocks`] would give with the subtrees in `excluded` left out (soft
/// removals that a fallback may still undo), without their links: for the fallback chain,
/// which only measures a trial's text.
pub fn build_blocks_excluding(root: DomNode<'_>, excluded: &NodeSet) -> Vec<BodyBlock> {
    build(root, Links::Skip, excluded)
}

fn build<'u>(root: DomNode<'_>, links: Links<'u>, excluded: &NodeSet) -> Vec<BodyBlock> {
    let mut b = Builder {
        root: root.id(),
        links,
        blocks: Vec::new(),
        buf: String::new(),
        buf_links: Vec::new(),
        buf_node: None,
        last_br: false,
    };
    let mut block_below = BlockBelow::default();
    dom::walk_events(root, |v| match v {
        Visit::Enter(n) if excluded.contains(&n.id()) => {
            if dom::space_left_out_beside(n) {
                b.buf.push(' ');
            }
            Walk::Skip
        }
        Visit::Enter(n) => {
            match n.value() {
                Node::Text(t) => {
                    if !t.trim().is_empty() {
                        if b.buf_node.is_none() {
                            b.buf_node = Some(n.parent().map(|p| p.id()).unwrap_or(n.id()));
                        }
                        b.last_br = false;
                    }
                    b.buf.push_str(t);
                    Walk::Skip
                }
                Node::Element(e) => {
                    let name = e.name();
                    if dom::is_non_text_tag(name) {
                        return Walk::Skip;
                    }
                    if name == "br" {
                        if b.last_br {
                            b.flush();
                        } else {
                            b.buf.push(' ');
                            b.last_br = true;
                        }
                        return Walk::Skip;
                    }
                    if name == "hr" {
                        b.flush();
                        return Walk::Skip;
                    }
                    if let Some(level) = heading_level(name) {
                        b.flush();
                        let (text, links) = inline_content(n, b.links);
                        if !text.is_empty() {
                            b.push(Block::Heading { level, text }, n.id(), links, level);
                        }
                        return Walk::Skip;
                    }
                    if PARAGRAPH_TAGS.contains(&name) || (name == "li" && !in_list(n)) {
                        b.flush();
                        let (text, links) = inline_content(n, b.links);
                        if !text.is_empty() {
                            b.push(Block::Paragraph { text }, n.id(), links, 0);
                        }
                        return Walk::Skip;
                    }
                    match name {
                        "ul" | "ol" | "menu" | "dir" if is_item_list(n) => {
                            b.flush();
                            let mut links = Vec::new();
                            let items = list_items(n, b.links, &mut links);
                            if !items.is_empty() {
                                b.push(Block::List { ordered: name == "ol", items }, n.id(), links, 0);
                            }
                            Walk::Skip
                        }
                        "blockquote" => {
                            b.flush();
                            let paras: Vec<_> = n.children().filter(|c| matches!(dom::tag(c), Some("p"))).collect();
                            if paras.is_empty() {
                                let (text, links) = inline_content(n, b.links);
                                if !text.is_empty() {
                                    b.push(Block::Quote { text }, n.id(), links, 0);
                                }
                            } else {
                                let mut links = Some(links_only(n, b.links));
                                for p in paras {
                                    let (t, _) = inline_content(p, Links::Skip);
                                    if !t.is_empty() {
                                        b.push(Block::Quote { text: t }, p.id(), links.take().unwrap_or_default(), 0);
                                    }
                                }
                            }
                            Walk::Skip
                        }
                        "pre" => {
                            b.flush();
                            let raw = dom::raw_text_as_written(n);
                            let text = raw.trim_matches(|c| c == '\n' || c == '\r').trim_end().to_string();
                            if !text.trim().is_empty() {
                                b.push(Block::Code { text }, n.id(), Vec::new(), 0);
                            }
                            Walk::Skip
                        }
                        "table" if is_data_table(n) => {
                            b.flush();
                            let rows = table_rows(n);
                            if !rows.is_empty() {
                                b.push(Block::Table { rows }, n.id(), links_only(n, b.links), 0);
                            }
                            Walk::Skip
                        }
                        _ if dom::is_block_tag(&e.name.local) => {
                            b.flush();
                            Walk::Descend
                        }
                        _ => {
                            // Inline element: take it whole unless it wraps blocks.
                            if block_below.get(n) {
                                return Walk::Descend;
                            }
                            let (text, mut links) = inline_content(n, b.links);
                            if !text.is_empty() {
                                if b.buf_node.is_none() {
                                    b.buf_node = Some(n.parent().map(|p| p.id()).unwrap_or(n.id()));
                                }
                                // Keep word boundaries with neighbouring text.
                                let raw = dom::raw_text(n);
                                if raw.starts_with(char::is_whitespace) {
                                    b.buf.push(' ');
                                }
                                b.buf.push_str(&text);
                                if raw.ends_with(char::is_whitespace) {
                                    b.buf.push(' ');
                                }
                                b.buf_links.append(&mut links);
                                b.last_br = false;
                            }
                            Walk::Skip
                        }
                    }
                }
                Node::Document | Node::Fragment => Walk::Descend,
                _ => Walk::Skip,
            }
        }
        Visit::Leave(n) => {
            if let Some(e) = n.value().as_element()
                && dom::is_block_tag(&e.name.local)
            {
                b.flush();
            }
            Walk::Skip
        }
    });
    b.flush();
    assign_heading_levels(&mut b.blocks);
    b.blocks
}

fn in_list(li: DomNode<'_>) -> bool {
    li.ancestors().any(|a| matches!(dom::tag(&a), Some("ul" | "ol" | "menu" | "dir")))
}

/// The body's top sub-headings become level 2 whatever tag the page used; deeper ones 3, …
fn assign_heading_levels(blocks: &mut [BodyBlock]) {
    let min =
        blocks.iter().filter(|b| matches!(b.block, Block::Heading { .. })).map(|b| b.tag_level).min().unwrap_or(2);
    for b in blocks.iter_mut() {
        let tag_level = b.tag_level;
        if let Block::Heading { level, .. } = &mut b.block {
            *level = (2 + tag_level.saturating_sub(min)).min(6);
        }
    }
}

static SPEAKER_TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<speaker>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}):\s+(?P<text>\S.*)$")
        .expect("static regex")
});

/// After a heading matching `heading`, paragraphs "Speaker: text" become transcript turns;
/// paragraphs without a speaker continue the previous turn.
pub fn apply_transcript(blocks: &mut Vec<BodyBlock>, heading: &Regex) -> bool {
    let Some(start) =
        blocks.iter().position(|b| matches!(&b.block, Block::Heading { text, .. } if heading.is_match(text)))
    else {
        return false;
    };
    let mut out: Vec<BodyBlock> = blocks.drain(start + 1..).collect();
    let mut merged: Vec<BodyBlock> = Vec::with_capacity(out.len());
    let mut in_turns = false;
    for b in out.drain(..) {
        if let Block::Paragraph { text } = &b.block {
            if let Some(c) = SPEAKER_TURN.captures(text) {
                let speaker = c["speaker"].to_string();
                let t = c["text"].to_string();
                merged.push(BodyBlock { block: Block::Transcript { speaker, text: t }, ..b });
                in_turns = true;
                continue;
            }
            if in_turns
                && let Some(BodyBlock { block: Block::Transcript { text: prev, .. }, links, .. }) = merged.last_mut()
            {
                prev.push(' ');
                prev.push_str(text);
                links.extend(b.links);
                continue;
            }
        }
        if matches!(b.block, Block::Heading { .. }) {
            in_turns = false;
        }
        merged.push(b);
    }
    blocks.extend(merged);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn block_below_answers_as_has_block_descendant() {
        let doc = Html::parse_document(
            "<body><span id=a><em>x<b><div>d</div></b></em><i>y</i><svg><p>in svg</p></svg></span>\
             <font><noscript><p>n</p></noscript><a><u><section>s</section></u><table><tr><td>t</td></tr></table></a></font>\
             <span><span><span><p>deep</p></span></span></span></body>",
        );
        let elements: Vec<_> = doc.tree.root().descendants().filter(|n| n.value().is_element()).collect();
        // Asked top-down (as the body walk asks), and bottom-up.
        for order in [elements.clone(), elements.iter().rev().copied().collect()] {
            let mut memo = BlockBelow::default();
            for n in &order {
                if dom::is_non_text_tag(dom::tag(n).unwrap()) {
                    continue;
                }
                assert_eq!(memo.get(*n), has_block_descendant(*n), "{:?}", n.value());
            }
            for n in &order {
                if let Some(&known) = memo.0.get(&n.id()) {
                    assert_eq!(known, has_block_descendant(*n), "{:?}", n.value());
                }
            }
        }
    }

    fn blocks(html: &str) -> Vec<Block> {
        let doc = Html::parse_document(html);
        let base = Url::parse("https://example.com/a/b").ok();
        build_blocks(doc.tree.root(), base.as_ref()).into_iter().map(|b| b.block).collect()
    }

    #[test]
    fn paragraphs_headings_lists() {
        let b = blocks(
            "<div><h3>Sub</h3><p>One <b>two</b>\n three.</p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><h4>Deeper</h4></div>",
        );
        assert_eq!(
            b,
            vec![
                Block::Heading { level: 2, text: "Sub".into() },
                Block::Paragraph { text: "One two three.".into() },
                Block::List { ordered: false, items: vec!["a".into(), "b".into(), "c".into()] },
                Block::Heading { level: 3, text: "Deeper".into() },
            ]
        );
    }

    #[test]
    fn div_text_and_double_br_make_paragraphs() {
        let b = blocks("<div>first line<br>same para<br><br>second <i>para</i></div>");
        assert_eq!(
            b,
            vec![
                Block::Paragraph { text: "first line same para".into() },
                Block::Paragraph { text: "second para".into() }
            ]
        );
    }

    #[test]
    fn data_and_layout_tables() {
        let b = blocks(
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><table><tr><td><p>Body in a layout table.</p></td></tr></table>",
        );
        assert_eq!(
            b,
            vec![
                Block::Table { rows: vec![vec!["A".into(), "B".into()], vec!["1".into(), "2".into()]] },
                Block::Paragraph { text: "Body in a layout table.".into() }
            ]
        );
    }

    #[test]
    fn links_are_resolved_and_ordered() {
        let doc = Html::parse_document("<p>See <a href='/x'>this</a> and <a href='https://o.org/y'>that</a>.</p>");
        let base = Url::parse("https://example.com/a/b").ok();
        let bl = build_blocks(doc.tree.root(), base.as_ref());
        assert_eq!(bl[0].links[0], Link { text: "this".into(), url: "https://example.com/x".into() });
        assert_eq!(bl[0].links[1].url, "https://o.org/y");
    }

    #[test]
    fn code_keeps_whitespace() {
        let b = blocks("<pre>\nfn main() {\n    x();\n}\n</pre>");
        assert_eq!(b, vec![Block::Code { text: "fn main() {\n    x();\n}".into() }]);
    }

    #[test]
    fn transcript_turns() {
        let doc =
            Html::parse_document("<h2>Transcript</h2><p>Anna Delaney: Hello all.</p><p>And more.</p><p>Field: Hi.</p>");
        let mut bl = build_blocks(doc.tree.root(), None);
        assert!(apply_transcript(&mut bl, &Regex::new("^Transcript$").unwrap()));
        let kinds: Vec<_> = bl.into_iter().map(|b| b.block).collect();
        assert_eq!(kinds[1], Block::Transcript { speaker: "Anna Delaney".into(), text: "Hello all. And more.".into() });
        assert_eq!(kinds[2], Block::Transcript { speaker: "Field".into(), text: "Hi.".into() });
    }
}
