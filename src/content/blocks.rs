//! The body builder: an article subtree (already cleaned) to contract blocks and links.
//!
//! One iterative walk. Paragraph-like elements, headings, lists, quotes, data tables and
//! `pre` become blocks; inline text outside them (text directly in a `div`) becomes
//! paragraphs at block boundaries. Layout tables and lists of sections are walked through.
//! Pictures become image blocks where they stand (after the paragraph they sit in). The
//! inline structure of each text (links, emphasis, code, line breaks) is read in the same
//! walk as the text (`inline`).

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::Node;
use url::Url;

use super::images::{self, Captions};
use super::inline::{self, Marked};
use super::links::resolve_link;
use crate::article::{Block, Link, ListEntry, Span, SpanKind};
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
    /// The `blockquote` a quote paragraph is part of: its paragraphs are one quote block in
    /// the end ([`merge_quotes`]), after the content rules judged each on its own.
    pub quote: Option<NodeId>,
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

/// Whether a build collects the links, spans and pictures of its blocks (links resolved
/// against the page URL) or only their text (the fallback chain's trial builds, which only
/// count characters).
#[derive(Clone, Copy)]
enum Links<'u> {
    Collect(Option<&'u Url>),
    Skip,
}

/// What an inline subtree holds.
struct Inline<'a> {
    /// Its text, white space collapsed.
    text: String,
    /// The inline structure of `text`.
    spans: Vec<Span>,
    /// Its links.
    links: Vec<Link>,
    /// Its `img` elements.
    images: Vec<DomNode<'a>>,
}

/// An element open in [`inline_content`] that makes a link or a span: the element, the link
/// (raw start, URL), the mark.
type OpenInline = (NodeId, Option<(usize, String)>, Option<usize>);

/// Text, spans, links and pictures of an inline subtree.
fn inline_content<'a>(node: DomNode<'a>, links_of: Links<'_>) -> Inline<'a> {
    let mut m = Marked::default();
    // Open elements that make a link or a span: (element, link (raw start, URL), mark).
    let mut open: Vec<OpenInline> = Vec::new();
    let mut links = Vec::new();
    let mut images = Vec::new();
    let collect = matches!(links_of, Links::Collect(_));
    dom::walk_events(node, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                m.raw.push_str(t);
                Walk::Skip
            }
            Node::Element(e) => {
                let name = e.name();
                if dom::is_non_text_tag(name) {
                    return Walk::Skip;
                }
                if name == "br" {
                    if collect {
                        m.line_break()
                    } else {
                        m.raw.push(' ')
                    }
                    return Walk::Skip;
                }
                if let Links::Collect(base) = links_of {
                    if name == "img" {
                        images.push(n);
                        return Walk::Skip;
                    }
                    if let Some(kind) = inline::span_kind(name) {
                        let link = match kind {
                            SpanKind::Link => dom::attr(e, ReadAttr::Href).and_then(|href| resolve_link(href, base)),
                            _ => None,
                        };
                        let mark = match (&link, kind) {
                            (None, SpanKind::Link) => None,
                            _ => Some(m.open(kind, link.clone())),
                        };
                        open.push((n.id(), link.map(|url| (m.raw.len(), url)), mark));
                    }
                }
                // Block-level children still separate words.
                if n.id() != node.id() && dom::is_block_tag(&e.name.local) {
                    m.raw.push(' ');
                }
                Walk::Descend
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if open.last().is_some_and(|(id, _, _)| *id == n.id())
                && let Some((_, link, mark)) = open.pop()
            {
                if let Some((start, url)) = link {
                    let text = normalize_space(&m.raw[start..]);
                    if !text.is_empty() {
                        links.push(Link { text, url });
                    }
                }
                if let Some(mark) = mark {
                    m.close(mark);
                }
            }
            if let Some(e) = n.value().as_element()
                && n.id() != node.id()
                && dom::is_block_tag(&e.name.local)
            {
                m.raw.push(' ');
            }
            Walk::Skip
        }
    });
    let (text, spans) = m.finish();
    Inline { text, spans, links, images }
}

/// The links of a subtree whose text a block takes otherwise (a table's rows, a quote's
/// paragraphs); none when the build skips links.
fn links_only(node: DomNode<'_>, links_of: Links<'_>) -> Vec<Link> {
    match links_of {
        Links::Skip => Vec::new(),
        collect => inline_content(node, collect).links,
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

/// The rows of a data table, and in a collecting build the spans of each cell.
fn table_rows(table: DomNode<'_>, links_of: Links<'_>) -> (Vec<Vec<String>>, Vec<Vec<Vec<Span>>>) {
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    dom::walk(table, |n| match dom::tag(&n) {
        Some("tr") => {
            let cells: Vec<DomNode<'_>> = n.children().filter(|c| matches!(dom::tag(c), Some("td" | "th"))).collect();
            let texts: Vec<String> = cells.iter().map(|c| dom::text(*c)).collect();
            if texts.iter().any(|c| !is_blank(c)) {
                if let Links::Collect(_) = links_of {
                    let row_spans = cells
                        .iter()
                        .zip(&texts)
                        .map(|(c, t)| {
                            let inline = inline_content(*c, links_of);
                            // The same text by construction; spans only where it is.
                            if inline.text == *t { inline.spans } else { Vec::new() }
                        })
                        .collect();
                    spans.push(row_spans);
                }
                rows.push(texts);
            }
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        Some(_) => Walk::Descend,
        None => Walk::Skip,
    });
    (rows, spans)
}

/// Characters that take no room: a block of nothing but these (and white space) is empty.
const INVISIBLE_CHARS: &[char] = &[
    '\u{ad}', '\u{34f}', '\u{61c}', '\u{180e}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{2060}',
    '\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}', '\u{feff}',
];

/// Whether a text shows nothing: empty, or only invisible characters (zero-width spaces,
/// byte-order marks, soft hyphens, …) and white space.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || INVISIBLE_CHARS.contains(&c))
}

/// Whether a list holds prose of its own, outside any item (see [`LOOSE_LIST_TEXT_MIN_CHARS`]):
/// it is read as paragraphs, and the general extractor scores that text like a `div`'s.
pub(crate) fn holds_loose_text(list: DomNode<'_>) -> bool {
    dom::direct_text_chars(list) >= LOOSE_LIST_TEXT_MIN_CHARS
}

/// A list is a list of items unless its items hold sections (headings, paragraphs).
fn is_item_list(list: DomNode<'_>) -> bool {
    // Prose written straight into the list (old pages indent speeches and chapters with a bare
    // `ul`): read as paragraphs, or it would be lost with the items it does not have.
    if holds_loose_text(list) {
        return false;
    }
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

/// Characters of text outside any item from which a list is read as paragraphs: more than
/// the separators ("|", "·") a menu list puts between its links.
const LOOSE_LIST_TEXT_MIN_CHARS: usize = 25;

/// Deepest nesting of list entries kept: deeper items become children of the entry at this
/// depth (pages nest lists thousands deep; the output stays readable by any JSON reader).
const MAX_LIST_DEPTH: usize = 16;

/// The items of a list (nested lists flattened after their parent item), and the same items
/// as entries with their spans and nesting (one walk, no recursion).
fn list_items(list: DomNode<'_>, links_of: Links<'_>, links: &mut Vec<Link>) -> (Vec<String>, Vec<ListEntry>) {
    struct Open {
        li: NodeId,
        m: Marked,
        /// Index in `items` (and `nodes`) once the text before a nested list was emitted.
        emitted: Option<usize>,
    }
    /// An entry while the walk builds the tree: children by index in `nodes`.
    struct Pending {
        text: String,
        spans: Vec<Span>,
        children: Vec<usize>,
        depth: usize,
        /// The first list nested in this item: numbered, and its start.
        nested: Option<(bool, Option<i64>)>,
    }
    let collect = matches!(links_of, Links::Collect(_));
    let mut items: Vec<String> = Vec::new();
    let mut nodes: Vec<Pending> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: Vec<(NodeId, usize, String)> = Vec::new();
    // Marks of span elements: (element, the item whose text holds the mark, mark handle).
    let mut marks: Vec<(NodeId, NodeId, usize)> = Vec::new();
    // Emits the text of `o` so far; `outer` are the items it is nested in.
    let emit =
        |o: &mut Open, outer: &[Open], items: &mut Vec<String>, nodes: &mut Vec<Pending>, roots: &mut Vec<usize>| {
            let (t, spans) = o.m.split_off();
            if t.is_empty() {
                return;
            }
            match o.emitted {
                Some(i) => {
                    let node = &mut nodes[i];
                    let by = node.text.chars().count() + 1;
                    node.spans.extend(inline::shifted(&spans, by));
                    node.text.push(' ');
                    node.text.push_str(&t);
                    items[i].push(' ');
                    items[i].push_str(&t);
                }
                None => {
                    let index = items.len();
                    items.push(t.clone());
                    let mut parent = outer.iter().rev().find_map(|p| p.emitted);
                    while let Some(p) = parent
                        && nodes[p].depth + 1 >= MAX_LIST_DEPTH
                    {
                        parent = nodes.iter().position(|n| n.children.contains(&p));
                    }
                    let depth = parent.map_or(0, |p| nodes[p].depth + 1);
                    match parent {
                        Some(p) => nodes[p].children.push(index),
                        None => roots.push(index),
                    }
                    nodes.push(Pending { text: t, spans, children: Vec::new(), depth, nested: None });
                    o.emitted = Some(index);
                }
            }
        };
    dom::walk_events(list, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Text(t) => {
                if let Some(o) = open.last_mut() {
                    o.m.raw.push_str(t);
                }
                Walk::Skip
            }
            Node::Element(e) => {
                let name = e.name();
                if dom::is_non_text_tag(name) {
                    return Walk::Skip;
                }
                match name {
                    "li" => open.push(Open { li: n.id(), m: Marked::default(), emitted: None }),
                    "ul" | "ol" | "menu" | "dir" => {
                        if let Some((o, outer)) = open.split_last_mut() {
                            emit(o, outer, &mut items, &mut nodes, &mut roots);
                            // Its items become this item's children: say what list they are.
                            if let Some(node) = o.emitted.and_then(|i| nodes.get_mut(i))
                                && node.nested.is_none()
                            {
                                node.nested = Some((name == "ol", list_start(n)));
                            }
                        }
                    }
                    "br" => {
                        if let Some(o) = open.last_mut() {
                            if collect { o.m.line_break() } else { o.m.raw.push(' ') }
                        }
                    }
                    _ if dom::is_block_tag(&e.name.local) => {
                        if let Some(o) = open.last_mut() {
                            o.m.raw.push(' ');
                        }
                    }
                    _ => {}
                }
                if let Links::Collect(base) = links_of
                    && let Some(kind) = inline::span_kind(name)
                    && let Some(o) = open.last_mut()
                {
                    let href = (kind == SpanKind::Link).then(|| dom::attr(e, ReadAttr::Href)).flatten();
                    if let Some(href) = href {
                        anchors.push((n.id(), o.m.raw.len(), href.to_string()));
                    }
                    let url = href.and_then(|h| resolve_link(h, base));
                    if kind != SpanKind::Link || url.is_some() {
                        marks.push((n.id(), o.li, o.m.open(kind, url)));
                    }
                }
                Walk::Descend
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if marks.last().is_some_and(|(id, _, _)| *id == n.id())
                && let Some((_, li, mark)) = marks.pop()
                && let Some(o) = open.last_mut()
                && o.li == li
            {
                o.m.close(mark);
            }
            if anchors.last().is_some_and(|(id, _, _)| *id == n.id())
                && let Some((_, start, href)) = anchors.pop()
                && let Some(o) = open.last()
            {
                let text = normalize_space(o.m.raw.get(start..).unwrap_or(""));
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
                emit(&mut o, &open, &mut items, &mut nodes, &mut roots);
            } else if n.value().as_element().is_some_and(|e| dom::is_block_tag(&e.name.local))
                && let Some(o) = open.last_mut()
            {
                // A block's end separates words as its start does.
                o.m.raw.push(' ');
            }
            Walk::Skip
        }
    });
    if !collect {
        return (items, Vec::new());
    }
    // The tree, built bottom-up: an entry's children come after it.
    let mut built: Vec<Option<ListEntry>> = Vec::with_capacity(nodes.len());
    built.resize_with(nodes.len(), || None);
    for (i, node) in nodes.into_iter().enumerate().rev() {
        let children: Vec<ListEntry> =
            node.children.iter().filter_map(|c| built.get_mut(*c).and_then(Option::take)).collect();
        // The kind of the nested list, for an item that has children (an item at the depth
        // limit may hold those of deeper lists: its first nested list says).
        let nested = node.nested.filter(|_| !children.is_empty());
        built[i] = Some(ListEntry {
            text: node.text,
            spans: node.spans,
            children,
            children_ordered: nested.map(|(ordered, _)| ordered),
            children_start: nested.and_then(|(_, start)| start),
        });
    }
    let entries = roots.iter().filter_map(|r| built.get_mut(*r).and_then(Option::take)).collect();
    (items, entries)
}

/// The number of an ordered list's first item (`start`, else 1); `None` for other lists.
fn list_start(list: DomNode<'_>) -> Option<i64> {
    let e = list.value().as_element()?;
    (e.name() == "ol").then(|| dom::attr(e, ReadAttr::Start).and_then(|s| s.trim().parse().ok()).unwrap_or(1))
}

struct Builder<'a, 'u, 'c> {
    /// The subtree's root: the node of text that has no element of its own.
    root: NodeId,
    links: Links<'u>,
    /// Captions and credits cleaning took out, for the image blocks.
    captions: &'c Captions,
    /// The captions given to a picture already.
    captions_used: NodeSet,
    blocks: Vec<BodyBlock>,
    buf: Marked,
    buf_links: Vec<Link>,
    buf_node: Option<NodeId>,
    /// Pictures met in the text of `buf`: image blocks after its paragraph.
    buf_images: Vec<DomNode<'a>>,
    last_br: bool,
}

impl<'a> Builder<'a, '_, '_> {
    fn flush(&mut self) {
        let (text, spans) = self.buf.finish();
        let node = self.buf_node.unwrap_or(self.root);
        let with = (!is_blank(&text)).then_some(node);
        if with.is_some() {
            self.blocks.push(BodyBlock {
                block: Block::Paragraph { text, spans },
                node,
                links: std::mem::take(&mut self.buf_links),
                tag_level: 0,
                quote: None,
            });
        }
        let images = std::mem::take(&mut self.buf_images);
        self.push_images(images, with);
        self.buf.clear();
        self.buf_links.clear();
        self.buf_node = None;
        self.last_br = false;
    }

    fn push(&mut self, block: Block, node: NodeId, links: Vec<Link>, tag_level: u8) {
        self.blocks.push(BodyBlock { block, node, links, tag_level, quote: None });
    }

    /// Image blocks for the pictures `images` (`img` elements) that are no decoration;
    /// `with` is the element of the text block they came with (a removal of that block takes
    /// them too), else each is its own.
    fn push_images(&mut self, images: Vec<DomNode<'a>>, with: Option<NodeId>) {
        let Links::Collect(base) = self.links else { return };
        for img in images {
            if let Some(block) = images::image_block(img, base, self.captions, &mut self.captions_used) {
                self.push(block, with.unwrap_or(img.id()), Vec::new(), 0);
            }
        }
    }

    /// A paragraph-like block (paragraph, heading) of an inline subtree, then its pictures.
    fn push_inline(&mut self, inline: Inline<'a>, node: NodeId, heading: Option<u8>) {
        let Inline { text, spans, links, images } = inline;
        let with = (!is_blank(&text)).then_some(node);
        if with.is_some() {
            let block = match heading {
                Some(level) => Block::Heading { level, text, spans },
                None => Block::Paragraph { text, spans },
            };
            self.push(block, node, links, heading.unwrap_or(0));
        }
        self.push_images(images, with);
    }

    /// A `blockquote`: one quote block per paragraph (merged into one block at the end, see
    /// [`merge_quotes`]), or one for the whole quote when it has no paragraphs or text beside
    /// them ([`has_text_beside_paragraphs`]).
    fn push_quote(&mut self, quote: DomNode<'a>) {
        let paras: Vec<_> = quote.children().filter(|c| matches!(dom::tag(c), Some("p"))).collect();
        if paras.is_empty() || has_text_beside_paragraphs(quote) {
            let Inline { text, spans, links, .. } = inline_content(quote, self.links);
            if !is_blank(&text) {
                let paragraphs = vec![text.clone()];
                let block = Block::Quote { text, spans, paragraphs, cite: self.quote_cite(quote, false) };
                self.blocks.push(BodyBlock { block, node: quote.id(), links, tag_level: 0, quote: Some(quote.id()) });
            }
            return;
        }
        let mut links = Some(links_only(quote, self.links));
        let mut cite = self.quote_cite(quote, true);
        for p in paras {
            let Inline { text, spans, .. } = inline_content(p, self.links);
            if !is_blank(&text) {
                let paragraphs = vec![text.clone()];
                let block = Block::Quote { text, spans, paragraphs, cite: cite.take() };
                let links = links.take().unwrap_or_default();
                self.blocks.push(BodyBlock { block, node: p.id(), links, tag_level: 0, quote: Some(quote.id()) });
            }
        }
    }

    /// Who a quotation is by, where the page says so apart from its text: a `cite` or
    /// `footer` beside its paragraphs (with `paragraphs`; their text is not in the body), or
    /// the caption of the `figure` around it.
    fn quote_cite(&self, quote: DomNode<'_>, paragraphs: bool) -> Option<String> {
        let Links::Collect(_) = self.links else { return None };
        let beside = paragraphs
            .then(|| quote.children().find(|c| matches!(dom::tag(c), Some("cite" | "footer"))))
            .flatten()
            .map(dom::text);
        let caption = || {
            let figure = quote.parent().filter(|f| dom::tag(f) == Some("figure"))?;
            let said = self.captions.of(figure.id())?;
            said.caption.clone().or_else(|| said.credit.clone())
        };
        beside
            .map(|c| c.trim_start_matches(['—', '–', '-', '―']).trim().to_string())
            .filter(|c| !c.is_empty())
            .or_else(caption)
    }
}

/// Builds the body blocks of `root`'s subtree; `captions` are those cleaning took out.
pub fn build_blocks(root: DomNode<'_>, base: Option<&Url>, captions: &Captions) -> Vec<BodyBlock> {
    build(root, Links::Collect(base), &NodeSet::default(), captions)
}

/// The blocks [`build_blocks`] would give with the subtrees in `excluded` left out (soft
/// removals that a fallback may still undo), without their links, spans and pictures: for the
/// fallback chain, which only measures a trial's text.
pub fn build_blocks_excluding(root: DomNode<'_>, excluded: &NodeSet) -> Vec<BodyBlock> {
    static NO_CAPTIONS: LazyLock<Captions> = LazyLock::new(Captions::default);
    build(root, Links::Skip, excluded, &NO_CAPTIONS)
}

fn build<'a>(root: DomNode<'a>, links: Links<'_>, excluded: &NodeSet, captions: &Captions) -> Vec<BodyBlock> {
    let mut b = Builder {
        root: root.id(),
        links,
        captions,
        captions_used: NodeSet::default(),
        blocks: Vec::new(),
        buf: Marked::default(),
        buf_links: Vec::new(),
        buf_node: None,
        buf_images: Vec::new(),
        last_br: false,
    };
    let collect = matches!(links, Links::Collect(_));
    let mut block_below = BlockBelow::default();
    dom::walk_events(root, |v| match v {
        Visit::Enter(n) if excluded.contains(&n.id()) => {
            if dom::space_left_out_beside(n) {
                b.buf.raw.push(' ');
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
                    b.buf.raw.push_str(t);
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
                            if collect {
                                b.buf.line_break()
                            } else {
                                b.buf.raw.push(' ')
                            }
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
                        let inline = inline_content(n, b.links);
                        b.push_inline(inline, n.id(), Some(level));
                        return Walk::Skip;
                    }
                    if PARAGRAPH_TAGS.contains(&name) || (name == "li" && !in_list(n)) {
                        b.flush();
                        let inline = inline_content(n, b.links);
                        b.push_inline(inline, n.id(), None);
                        return Walk::Skip;
                    }
                    match name {
                        "ul" | "ol" | "menu" | "dir" if is_item_list(n) => {
                            b.flush();
                            let mut links = Vec::new();
                            let (mut items, mut entries) = list_items(n, b.links, &mut links);
                            if items.iter().any(|i| is_blank(i)) {
                                items.retain(|i| !is_blank(i));
                                drop_blank_entries(&mut entries);
                            }
                            if !items.is_empty() {
                                let start = list_start(n);
                                let block = Block::List { ordered: name == "ol", items, start, entries };
                                b.push(block, n.id(), links, 0);
                            }
                            Walk::Skip
                        }
                        "blockquote" if !is_block_container_quote(n) => {
                            b.flush();
                            b.push_quote(n);
                            Walk::Skip
                        }
                        "pre" => {
                            b.flush();
                            let raw = dom::raw_text_as_written(n);
                            let text = raw.trim_matches(|c| c == '\n' || c == '\r').trim_end().to_string();
                            if !is_blank(&text) {
                                let language = if collect { code_language(n) } else { None };
                                b.push(Block::Code { text, language }, n.id(), Vec::new(), 0);
                            }
                            Walk::Skip
                        }
                        "table" if is_data_table(n) => {
                            b.flush();
                            let (rows, cell_spans) = table_rows(n, b.links);
                            if !rows.is_empty() {
                                b.push(Block::Table { rows, cell_spans }, n.id(), links_only(n, b.links), 0);
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
                            let Inline { text, spans, mut links, mut images } = inline_content(n, b.links);
                            b.buf_images.append(&mut images);
                            if !text.is_empty() {
                                if b.buf_node.is_none() {
                                    b.buf_node = Some(n.parent().map(|p| p.id()).unwrap_or(n.id()));
                                }
                                // Keep word boundaries with neighbouring text.
                                let raw = dom::raw_text(n);
                                if raw.starts_with(char::is_whitespace) {
                                    b.buf.raw.push(' ');
                                }
                                b.buf.push_spanned(&text, &spans);
                                if raw.ends_with(char::is_whitespace) {
                                    b.buf.raw.push(' ');
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

/// Entries of nothing but invisible characters left out (their nested entries move up).
fn drop_blank_entries(entries: &mut Vec<ListEntry>) {
    let mut stack: Vec<&mut Vec<ListEntry>> = vec![entries];
    while let Some(list) = stack.pop() {
        // Entries still to look at, the next one last.
        let mut todo: Vec<ListEntry> = list.drain(..).rev().collect();
        while let Some(mut e) = todo.pop() {
            if is_blank(&e.text) {
                todo.extend(e.children.drain(..).rev());
            } else {
                list.push(e);
            }
        }
        stack.extend(list.iter_mut().map(|e| &mut e.children));
    }
    // An entry whose nested items were all blank has no nested list left to describe.
    let mut stack: Vec<&mut Vec<ListEntry>> = vec![entries];
    while let Some(list) = stack.pop() {
        for e in list.iter_mut() {
            if e.children.is_empty() {
                e.children_ordered = None;
                e.children_start = None;
            }
        }
        stack.extend(list.iter_mut().map(|e| &mut e.children));
    }
}

/// Class prefixes that name a code block's language (`language-rust`, `lang-js`,
/// `highlight-source-python`), and the SyntaxHighlighter form `brush: js`.
const LANGUAGE_CLASS_PREFIXES: &[&str] = &["language-", "lang-", "highlight-source-", "brush:"];

/// Longest language name.
const LANGUAGE_MAX_CHARS: usize = 30;

/// The language a `pre` says its code is in: `data-lang`/`data-language`, or a class
/// ([`LANGUAGE_CLASS_PREFIXES`]) on the `pre`, the `code` inside it, or the wrapper around it.
fn code_language(pre: DomNode<'_>) -> Option<String> {
    let inner = pre.children().find(|c| dom::tag(c) == Some("code"));
    let outer = pre.parent();
    for n in [Some(pre), inner, outer].into_iter().flatten() {
        let Some(e) = n.value().as_element() else { continue };
        for attr in [ReadAttr::DataLang, ReadAttr::DataLanguage] {
            if let Some(l) = dom::attr(e, attr).and_then(language_name) {
                return Some(l);
            }
        }
        let Some(class) = dom::attr(e, ReadAttr::Class) else { continue };
        let class = class.replace("brush: ", "brush:");
        for token in class.split(|c: char| c.is_ascii_whitespace() || c == ';') {
            let lower = token.to_ascii_lowercase();
            if let Some(l) = LANGUAGE_CLASS_PREFIXES.iter().find_map(|p| lower.strip_prefix(p)).and_then(language_name)
            {
                return Some(l);
            }
        }
    }
    None
}

/// A language name as pages write it, lower case; none for "none" and names that are no
/// names.
fn language_name(name: &str) -> Option<String> {
    let l = name.trim().to_ascii_lowercase();
    let plausible = !l.is_empty()
        && l.len() <= LANGUAGE_MAX_CHARS
        && l.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_' | '.'));
    (plausible && l != "none").then_some(l)
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
/// paragraphs without a speaker continue the previous turn (pictures between them stay
/// where they are).
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
        if let Block::Paragraph { text, spans } = &b.block {
            if let Some(c) = SPEAKER_TURN.captures(text) {
                let speaker = c["speaker"].to_string();
                let said = c.name("text").map_or(0..0, |m| m.range());
                let from = text[..said.start].chars().count();
                let spans = inline::spans_from(spans, from);
                let block = Block::Transcript { speaker, text: text[said].to_string(), spans };
                merged.push(BodyBlock { block, ..b });
                in_turns = true;
                continue;
            }
            if in_turns
                && let Some(BodyBlock { block: Block::Transcript { text: prev, spans: prev_spans, .. }, links, .. }) =
                    merged.iter_mut().rev().find(|m| m.block.is_text())
            {
                let by = prev.chars().count() + 1;
                prev_spans.extend(inline::shifted(spans, by));
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

/// Whether a `blockquote` holds other blocks with text than its paragraphs (and its `cite`
/// or `footer`): headings, lists, tables, boxes. Old pages indent whole sections with it
/// (a page's headline, lists and text inside one `blockquote`), and a quote may wrap its
/// paragraphs in a styled `div`; read as a quote by its direct paragraphs, their text was
/// lost. Such a `blockquote` is read as the blocks it holds.
fn is_block_container_quote(quote: DomNode<'_>) -> bool {
    quote.children().any(|c| {
        c.value().as_element().is_some_and(|e| {
            !matches!(e.name(), "p" | "cite" | "footer") && dom::is_block_tag(&e.name.local) && !is_blank(&dom::text(c))
        })
    })
}

/// Whether a `blockquote` has text beside its paragraphs, outside any block: a quote's
/// first lines before its first `<p>`, an embedded post's author and date after its
/// paragraph ("— Jane Doe (@jane) November 2, 2012", part of what the post shows). Read by
/// its paragraphs, that text was lost.
fn has_text_beside_paragraphs(quote: DomNode<'_>) -> bool {
    quote.children().any(|c| match c.value() {
        Node::Text(t) => !is_blank(t),
        Node::Element(e) => !matches!(e.name(), "p" | "cite" | "footer") && !is_blank(&dom::text(c)),
        _ => false,
    })
}

/// The paragraphs of one `blockquote` (quote blocks the content rules judged one by one) as
/// one quote block: its text their texts joined by a blank line, as `text` joins blocks, so
/// the article's text stays the same.
pub(crate) fn merge_quotes(blocks: Vec<BodyBlock>) -> Vec<BodyBlock> {
    let mut out: Vec<BodyBlock> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let same_quote = |prev: &BodyBlock| prev.quote.is_some() && prev.quote == b.quote;
        if let Some(prev) = out.last_mut().filter(|p| same_quote(p))
            && let Block::Quote { text, spans, paragraphs, cite } = &mut prev.block
            && let Block::Quote { text: more, spans: more_spans, paragraphs: more_paragraphs, cite: more_cite } =
                b.block
        {
            let by = text.chars().count() + 2;
            spans.extend(inline::shifted(&more_spans, by));
            text.push_str("\n\n");
            text.push_str(&more);
            paragraphs.extend(more_paragraphs);
            if cite.is_none() {
                *cite = more_cite;
            }
            prev.links.extend(b.links);
            continue;
        }
        out.push(b);
    }
    out
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
        build_blocks(doc.tree.root(), base.as_ref(), &Captions::default()).into_iter().map(|b| b.block).collect()
    }

    #[test]
    fn paragraphs_headings_lists() {
        let b = blocks(
            "<div><h3>Sub</h3><p>One <b>two</b>\n three.</p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><h4>Deeper</h4></div>",
        );
        assert_eq!(
            b,
            vec![
                Block::Heading { level: 2, text: "Sub".into(), spans: vec![] },
                Block::Paragraph { text: "One two three.".into(), spans: vec![span(4, 7, SpanKind::Strong)] },
                Block::List {
                    ordered: false,
                    items: vec!["a".into(), "b".into(), "c".into()],
                    start: None,
                    entries: vec![
                        entry("a", vec![]),
                        ListEntry { children_ordered: Some(false), ..entry("b", vec![entry("c", vec![])]) },
                    ],
                },
                Block::Heading { level: 3, text: "Deeper".into(), spans: vec![] },
            ]
        );
    }

    #[test]
    fn div_text_and_double_br_make_paragraphs() {
        let b = blocks("<div>first line<br>same para<br><br>second <i>para</i></div>");
        assert_eq!(
            b,
            vec![
                Block::Paragraph { text: "first line same para".into(), spans: vec![span(10, 11, SpanKind::Br)] },
                Block::Paragraph { text: "second para".into(), spans: vec![span(7, 11, SpanKind::Em)] }
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
                Block::Table {
                    rows: vec![vec!["A".into(), "B".into()], vec!["1".into(), "2".into()]],
                    cell_spans: vec![vec![vec![], vec![]], vec![vec![], vec![]]]
                },
                Block::paragraph("Body in a layout table.")
            ]
        );
    }

    #[test]
    fn links_are_resolved_and_ordered() {
        let doc = Html::parse_document("<p>See <a href='/x'>this</a> and <a href='https://o.org/y'>that</a>.</p>");
        let base = Url::parse("https://example.com/a/b").ok();
        let bl = build_blocks(doc.tree.root(), base.as_ref(), &Captions::default());
        assert_eq!(bl[0].links[0], Link { text: "this".into(), url: "https://example.com/x".into() });
        assert_eq!(bl[0].links[1].url, "https://o.org/y");
    }

    #[test]
    fn code_keeps_whitespace() {
        let b = blocks("<pre>\nfn main() {\n    x();\n}\n</pre>");
        assert_eq!(b, vec![Block::Code { text: "fn main() {\n    x();\n}".into(), language: None }]);
        let b = blocks(
            "<div class=highlight-source-rust><pre>fn x() {}</pre></div><pre><code class='hljs language-Python'>x = 1</code></pre><pre data-lang=js>y</pre>",
        );
        let langs: Vec<_> = b
            .iter()
            .map(|b| match b {
                Block::Code { language, .. } => language.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(langs, [Some("rust".into()), Some("python".into()), Some("js".into())]);
    }

    #[test]
    fn transcript_turns() {
        let doc =
            Html::parse_document("<h2>Transcript</h2><p>Anna Delaney: Hello all.</p><p>And more.</p><p>Field: Hi.</p>");
        let mut bl = build_blocks(doc.tree.root(), None, &Captions::default());
        assert!(apply_transcript(&mut bl, &Regex::new("^Transcript$").unwrap()));
        let kinds: Vec<_> = bl.into_iter().map(|b| b.block).collect();
        assert_eq!(
            kinds[1],
            Block::Transcript { speaker: "Anna Delaney".into(), text: "Hello all. And more.".into(), spans: vec![] }
        );
        assert_eq!(kinds[2], Block::Transcript { speaker: "Field".into(), text: "Hi.".into(), spans: vec![] });
    }

    #[test]
    fn transcript_turns_keep_their_spans() {
        let doc = Html::parse_document(
            "<h2>Transcript</h2><p>Anna Delaney: Hello <b>all</b>.</p><p>And <a href='https://x.org/'>more</a>.</p>",
        );
        let mut bl = build_blocks(doc.tree.root(), None, &Captions::default());
        assert!(apply_transcript(&mut bl, &Regex::new("^Transcript$").unwrap()));
        let Block::Transcript { text, spans, .. } = &bl[1].block else { panic!("{:?}", bl[1].block) };
        assert_eq!(text, "Hello all. And more.");
        assert_eq!(spans[0], span(6, 9, SpanKind::Strong));
        assert_eq!(spans[1], Span { start: 15, end: 19, kind: SpanKind::Link, url: Some("https://x.org/".into()) });
    }

    fn span(start: usize, end: usize, kind: SpanKind) -> Span {
        Span { start, end, kind, url: None }
    }

    fn entry(text: &str, children: Vec<ListEntry>) -> ListEntry {
        ListEntry { children, ..ListEntry::plain(text) }
    }

    fn link(start: usize, end: usize, url: &str) -> Span {
        Span { start, end, kind: SpanKind::Link, url: Some(url.into()) }
    }

    #[test]
    fn spans_of_paragraphs_headings_and_inline_runs() {
        let b = blocks(
            "<h2>The <code>x()</code> call</h2><p>A <a href='/r'><strong>bold</strong> link</a>, H<sub>2</sub>O and x<sup>2</sup>.<br>Next <i>line</i></p>\
             <div>Text in a div, <em>emphasised</em> and <kbd>Ctrl</kbd>.</div>",
        );
        assert_eq!(
            b[0],
            Block::Heading { level: 2, text: "The x() call".into(), spans: vec![span(4, 7, SpanKind::Code)] }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: "A bold link, H2O and x2. Next line".into(),
                spans: vec![
                    link(2, 11, "https://example.com/r"),
                    span(2, 6, SpanKind::Strong),
                    span(14, 15, SpanKind::Sub),
                    span(22, 23, SpanKind::Sup),
                    span(24, 25, SpanKind::Br),
                    span(30, 34, SpanKind::Em),
                ],
            }
        );
        assert_eq!(
            b[2],
            Block::Paragraph {
                text: "Text in a div, emphasised and Ctrl.".into(),
                spans: vec![span(15, 25, SpanKind::Em), span(30, 34, SpanKind::Code)],
            }
        );
    }

    #[test]
    fn nested_list_entries_and_start() {
        let b = blocks(
            "<ol start=3><li>One <a href='https://x.org/'>link</a><ul><li>a</li><li><b>b</b><ol><li>deep</li></ol></li></ul> after</li><li>Two</li><li>\u{200b}</li><li>Three<ol><li>\u{200b}</li></ol></li></ol>",
        );
        let Block::List { ordered, items, start, entries } = &b[0] else { panic!("{b:?}") };
        assert!(*ordered);
        assert_eq!(*start, Some(3));
        assert_eq!(items, &["One link after", "a", "b", "deep", "Two", "Three"]);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].text, "One link after");
        assert_eq!(entries[0].spans, vec![link(4, 8, "https://x.org/")]);
        assert_eq!(entries[0].children[1].text, "b");
        assert_eq!(entries[0].children[1].spans, vec![span(0, 1, SpanKind::Strong)]);
        assert_eq!(entries[0].children[1].children[0].text, "deep");
        // Each entry with children says what list they form: `<ul>` under the `<ol>`, then
        // an `<ol>` (from 1) under that `<ul>`'s item; childless entries say nothing.
        assert_eq!((entries[0].children_ordered, entries[0].children_start), (Some(false), None));
        assert_eq!(
            (entries[0].children[1].children_ordered, entries[0].children[1].children_start),
            (Some(true), Some(1))
        );
        assert_eq!((entries[1].children_ordered, entries[0].children[0].children_ordered), (None, None));
        assert_eq!((entries[2].children.len(), entries[2].children_ordered), (0, None), "its only child was blank");
        // The items are the entries' texts in pre-order.
        let mut flat = Vec::new();
        let mut stack: Vec<&ListEntry> = entries.iter().rev().collect();
        while let Some(e) = stack.pop() {
            flat.push(e.text.clone());
            stack.extend(e.children.iter().rev());
        }
        assert_eq!(&flat, items);
    }

    #[test]
    fn lists_nested_thousands_deep_keep_sixteen_levels() {
        let depth = 2000;
        let html = "<ul><li>x".repeat(depth) + &"</li></ul>".repeat(depth);
        let b = blocks(&html);
        let Block::List { items, entries, .. } = &b[0] else { panic!() };
        assert_eq!(items.len(), depth);
        let mut level = entries;
        let mut levels = 0;
        while let Some(e) = level.first() {
            levels += 1;
            level = &e.children;
        }
        assert_eq!(levels, MAX_LIST_DEPTH);
    }

    #[test]
    fn a_blockquote_is_one_quote_with_paragraphs_and_cite() {
        let doc = Html::parse_document(
            "<blockquote><p>First <em>part</em>.</p><p>Second part.</p><footer>— <cite>Jane Doe</cite></footer></blockquote>",
        );
        let bl = merge_quotes(build_blocks(doc.tree.root(), None, &Captions::default()));
        assert_eq!(bl.len(), 1);
        assert_eq!(
            bl[0].block,
            Block::Quote {
                text: "First part.\n\nSecond part.".into(),
                spans: vec![span(6, 10, SpanKind::Em)],
                paragraphs: vec!["First part.".into(), "Second part.".into()],
                cite: Some("Jane Doe".into()),
            }
        );
    }

    #[test]
    fn a_blockquote_holding_other_blocks_is_read_as_its_blocks() {
        // A styled box inside the quote holds the paragraphs; a stray `</p>` leaves an empty
        // `p` as the quote's only paragraph of its own.
        let b = blocks(
            "<blockquote><div style='padding:5px'><p>For three decades the term was used.</p>\
             <p>The shirt has traveled far.</p></div></p></blockquote>",
        );
        assert_eq!(
            b,
            [Block::paragraph("For three decades the term was used."), Block::paragraph("The shirt has traveled far.")]
        );
        // An old page indented in a `blockquote`: its heading, list and text all stay.
        let b = blocks(
            "<blockquote><h1>Critical Reading</h1><ul><li>One point</li><li>Another</li></ul>Closing words.</blockquote>",
        );
        let texts: Vec<String> = b.iter().map(|b| b.plain_text()).collect();
        assert_eq!(texts, ["Critical Reading", "One point\nAnother", "Closing words."]);
        // Text before the quote's first paragraph stays, in one quote block.
        let b = blocks("<blockquote>The first lines.<p>[...]</p><p>The last lines.</p></blockquote>");
        assert!(
            matches!(&b[..], [Block::Quote { text, .. }] if text.contains("The first lines.") && text.contains("The last lines.")),
            "{b:?}"
        );
        // An embedded post's author and date after its paragraph stay with it.
        let b = blocks(
            "<blockquote><p>Big win tonight.</p>— Jane Doe (@jane) <a href='/s/1'>November 2, 2012</a></blockquote>",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].plain_text(), "Big win tonight. — Jane Doe (@jane) November 2, 2012");
        // A quote of paragraphs with its cite stays one quote.
        let b = blocks("<blockquote><p>Quoted.</p><footer>Jane</footer></blockquote>");
        assert!(matches!(&b[..], [Block::Quote { .. }]), "{b:?}");
    }

    #[test]
    fn pictures_are_image_blocks_in_place_without_text() {
        let b = blocks(
            "<p>Before.</p><figure><img src='/a.jpg' alt='A wall'></figure><p>Text <img src='/icon.png' width=16> here.</p>\
             <div><a href='/x'><img data-src='/lazy.jpg'></a></div><p>After.</p><img src='data:image/gif;base64,R0l'><img class=emoji src='/e.png'>",
        );
        let kinds: Vec<String> = b.iter().map(|b| b.plain_text()).collect();
        assert_eq!(kinds, ["Before.", "", "Text here.", "", "After."]);
        assert_eq!(
            b[1],
            Block::Image {
                url: "https://example.com/a.jpg".into(),
                alt: Some("A wall".into()),
                caption: None,
                credit: None
            }
        );
        assert!(matches!(&b[3], Block::Image { url, .. } if url == "https://example.com/lazy.jpg"));
    }

    #[test]
    fn links_are_absolute_or_left_out() {
        let doc = Html::parse_document(
            "<p><a href='/rel'>one</a> <a href='https://o.org/'>two</a> <a href='javascript:x()'>three</a></p>",
        );
        let bl = build_blocks(doc.tree.root(), None, &Captions::default());
        assert_eq!(bl[0].links, vec![Link { text: "two".into(), url: "https://o.org/".into() }]);
        let Block::Paragraph { spans, .. } = &bl[0].block else { panic!() };
        assert_eq!(spans, &vec![link(4, 7, "https://o.org/")]);
    }

    #[test]
    fn blocks_of_invisible_characters_are_no_blocks() {
        let b = blocks(
            "<p>\u{200b}</p><p>\u{feff} \u{200b}</p><h2>\u{ad}</h2><p>Text\u{200b}</p><table><tr><td>\u{200b}</td></tr></table>",
        );
        assert_eq!(b, vec![Block::paragraph("Text\u{200b}")]);
    }
}
