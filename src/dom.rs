//! DOM helpers over `scraper`'s tree: iterative walks (never recursion: pages nest 100,000
//! deep), whitespace-collapsed text, visibility.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::Anchored;
use aho_corasick::automaton::Automaton;
use ego_tree::{NodeId, NodeRef};
use html5ever::{LocalName, local_name, ns};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

/// Elements whose content is never text a reader sees.
pub const NON_TEXT_TAGS: &[&str] =
    &["script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "head", "title"];

/// Whether an element ends a paragraph: its content is laid out as blocks, and its start and
/// end separate words. A `match` on the interned name, integer comparisons (the tree sink
/// asks for every node it appends, the walks for every element).
pub fn is_block_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("caption")
    )
}

/// Whether an element's start and end separate words in every text pith reads from the
/// tree: the block elements, `br`, and the document's `html`, `head` and `body`. White
/// space next to them carries no meaning, so the parse leaves it out
/// (`limits::LimitedSink`), and the text readers put a space there instead
/// ([`raw_text`], `blocks`).
pub fn breaks_words(name: &LocalName) -> bool {
    is_block_tag(name)
        || matches!(*name, local_name!("br") | local_name!("html") | local_name!("head") | local_name!("body"))
}

/// Whether an element breaks words (see [`breaks_words`]).
pub fn breaks_words_at(n: DomNode<'_>) -> bool {
    n.value().as_element().is_some_and(|e| breaks_words(&e.name.local))
}

/// Whether the parse may have left out white space next to `n` (see [`breaks_words`]): it
/// breaks words and no text is beside it. A reader that skips `n`, or a removal that takes
/// it out, puts a space in its place so that its neighbours' words stay apart.
pub fn space_left_out_beside(n: DomNode<'_>) -> bool {
    let text = |s: Option<DomNode<'_>>| s.is_some_and(|s| s.value().is_text());
    breaks_words_at(n) && !text(n.prev_sibling()) && !text(n.next_sibling())
}

/// The local name of an element node.
pub fn tag<'a>(node: &DomNode<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Raw text of a subtree (skipping non-text elements), not normalised: a space for each
/// `br`, and around each element below `node` that [`breaks_words`] (the parse drops the
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

/// Whether a tag is one of [`NON_TEXT_TAGS`]: a `match`, which compiles to a switch on the
/// length and one comparison, instead of comparing with each name of the list in turn (this
/// runs for every element of most walks).
pub fn is_non_text_tag(name: &str) -> bool {
    let listed = matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "head"
            | "title"
    );
    debug_assert_eq!(listed, NON_TEXT_TAGS.contains(&name), "{name}");
    listed
}

/// Whether an ASCII byte is white space as `char::is_whitespace` has it (the tree builder's
/// set plus U+000B).
#[inline(always)]
fn is_ascii_white_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The character starting at byte `i` of a valid UTF-8 text: its length in bytes, and
/// whether it is white space (`char::is_whitespace`). Reads bytes: ASCII directly, and only
/// the lead bytes of the few non-ASCII white-space characters (U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) further.
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> (usize, bool) {
    let c = b[i];
    match c {
        0..=0x7f => (1, is_ascii_white_space(c)),
        0xc0..=0xdf => (2, c == 0xc2 && matches!(b[i + 1], 0x85 | 0xa0)),
        0xe0..=0xef => (
            3,
            match (c, b[i + 1], b[i + 2]) {
                (0xe1, 0x9a, 0x80) | (0xe3, 0x80, 0x80) => true,
                (0xe2, 0x80, x) => matches!(x, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
                (0xe2, 0x81, 0x9f) => true,
                _ => false,
            },
        ),
        _ => (4, false),
    }
}

/// Number of characters of `t` that are not whitespace (`char::is_whitespace`).
pub fn nonspace_chars(t: &str) -> usize {
    let b = t.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time (most of a page's text), by their white-space count.
        if let Some(word) = eight_bytes(b, i)
            && word & HIGH_BITS == 0
        {
            n += 8 - ascii_white_space_in(word);
            i += 8;
            continue;
        }
        let c = b[i];
        if c < 0x80 {
            n += usize::from(!is_ascii_white_space(c));
            i += 1;
            continue;
        }
        let (len, space) = char_at(b, i);
        n += usize::from(!space);
        i += len;
    }
    n
}

/// Eight bytes read as one little-endian word, if there are eight from `i`.
#[inline(always)]
fn eight_bytes(b: &[u8], i: usize) -> Option<u64> {
    let chunk = b.get(i..i.checked_add(8)?)?;
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

/// High bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The white space among eight ASCII bytes (each below 0x80), by word arithmetic: the high
/// bit of each space byte, and of each other white-space byte ([`is_ascii_white_space`]:
/// 0x09 to 0x0d). No byte carries into the next: each is below 0x80, and each addition
/// keeps it below 0x100.
#[inline(always)]
fn ascii_white_space_masks(word: u64) -> (u64, u64) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // High bit set where the byte is 0x20: its XOR with 0x20 is zero.
    let x = word ^ each(b' ');
    let spaces = !((x & LOW7).wrapping_add(LOW7) | x) & HIGH_BITS;
    // High bit set where the byte is at least 0x09, and where it is at least 0x0e.
    let from_tab = word.wrapping_add(each(0x80 - 0x09)) & HIGH_BITS;
    let from_so = word.wrapping_add(each(0x80 - 0x0e)) & HIGH_BITS;
    (spaces, from_tab & !from_so)
}

/// How many of eight ASCII bytes are white space.
fn ascii_white_space_in(word: u64) -> usize {
    let (spaces, others) = ascii_white_space_masks(word);
    (spaces | others).count_ones() as usize
}

/// A hasher for [`NodeId`] keys: a node id is a small integer, spread by one multiplication
/// (the default SipHash is many times slower and its DoS resistance buys nothing here).
#[derive(Debug, Default, Clone, Copy)]
pub struct NodeIdHasher(u64);

impl Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by node.
pub type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeIdHasher>>;
/// A set of nodes.
pub type NodeSet = HashSet<NodeId, BuildHasherDefault<NodeIdHasher>>;

/// The index of a node in its tree's arena: small, dense (`1..=` the number of nodes) and
/// the same for the node's lifetime. `ego_tree` keeps it private; its derived `Hash` writes
/// it, so a hasher that keeps the written number reads it out (a test pins this).
pub fn node_index(id: NodeId) -> usize {
    #[derive(Default)]
    struct Keep(u64);
    impl Hasher for Keep {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 << 8) | u64::from(b);
            }
        }
        fn write_usize(&mut self, n: usize) {
            self.0 = n as u64;
        }
    }
    let mut k = Keep::default();
    std::hash::Hash::hash(&id, &mut k);
    k.0 as usize
}

/// A value per node in a vector indexed by [`node_index`]: a lookup is an index, where a
/// [`NodeMap`] hashes and probes (these tables are read for almost every node, by many walks).
#[derive(Debug, Clone)]
pub struct DenseNodeMap<V: Copy> {
    values: Vec<V>,
    missing: V,
}

impl<V: Copy + PartialEq> DenseNodeMap<V> {
    /// An empty table; `missing` is what unset nodes hold (and must not be stored).
    pub fn new(missing: V) -> Self {
        DenseNodeMap { values: Vec::new(), missing }
    }

    pub fn insert(&mut self, id: NodeId, value: V) {
        let i = node_index(id);
        if i >= self.values.len() {
            self.values.resize(i + 1, self.missing);
        }
        self.values[i] = value;
    }

    pub fn get(&self, id: NodeId) -> Option<V> {
        self.values.get(node_index(id)).copied().filter(|v| *v != self.missing)
    }

    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut V> {
        let missing = self.missing;
        self.values.get_mut(node_index(id)).filter(|v| **v != missing)
    }
}

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

/// Collapses whitespace runs to one space, trims, and puts the text in NFC.
pub fn normalize_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let (len, space) = char_at(b, i);
        if space {
            i += len;
            continue;
        }
        // Words joined by single spaces, as they are in most text: copied as one run.
        let start = i;
        i += len;
        loop {
            // Eight bytes at a time while they are ASCII words joined by single spaces (a
            // space is never last of the eight, nor next to another; the byte before the
            // eight is a word's).
            while let Some(word) = eight_bytes(b, i) {
                let (spaces, others) = ascii_white_space_masks(word);
                if word & HIGH_BITS != 0 || others != 0 || spaces & (spaces >> 8) != 0 || spaces >> 56 != 0 {
                    break;
                }
                i += 8;
            }
            // The rest of a word: up to the next white space or the end.
            while i < b.len() {
                let c = b[i];
                if c < 0x80 {
                    if is_ascii_white_space(c) {
                        break;
                    }
                    i += 1;
                    continue;
                }
                let (len, space) = char_at(b, i);
                if space {
                    break;
                }
                i += len;
            }
            // One space, then another word: the run goes on.
            if b.get(i) == Some(&b' ') && i + 1 < b.len() && !char_at(b, i + 1).1 {
                i += 1;
                continue;
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
    if surely_nfc(&out) || is_nfc_quick(out.chars()) == IsNormalized::Yes { out } else { out.nfc().collect() }
}

/// Whether a text is made only of characters that are NFC whatever surrounds them (quick
/// check Yes, combining class 0: the quick check then answers Yes for the text): ASCII, and
/// the Basic Multilingual Plane characters of [`NFC_STARTERS`]. `false` means "look closer".
fn surely_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let table = &*NFC_STARTERS;
    s.chars().all(|c| {
        let c = c as u32;
        c < 0x80 || (c < 0x1_0000 && table[(c >> 6) as usize] & (1 << (c & 63)) != 0)
    })
}

/// One bit per Basic Multilingual Plane character: set when its NFC quick check is Yes and its
/// canonical combining class 0. Computed once from `unicode-normalization`'s own tables.
static NFC_STARTERS: LazyLock<Box<[u64; 1024]>> = LazyLock::new(|| {
    use unicode_normalization::char::canonical_combining_class;
    let mut t = Box::new([0u64; 1024]);
    for c in (0..0x1_0000u32).filter_map(char::from_u32) {
        if canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
            t[(c as u32 >> 6) as usize] |= 1 << (c as u32 & 63);
        }
    }
    t
});

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
    // One pass over the attributes (this runs for every element of the page).
    let mut class = None;
    for (name, value) in plain_attrs(el.value()) {
        match *name {
            local_name!("hidden") => return true,
            local_name!("aria-hidden") if value == "true" => return true,
            local_name!("style") if style_hides(value) => return true,
            local_name!("class") if class.is_none() => class = Some(value),
            _ => {}
        }
    }
    // The screen-reader parts hold no white space: a match in the attribute is a match in one
    // of its classes. Most classes hold neither kind of word anywhere: one pass says so.
    class.is_some_and(|c| {
        HIDDEN_CLASS_HINTS.in_str(c)
            && (c.split_ascii_whitespace().any(|c| HIDDEN_CLASS_TOKENS.iter().any(|t| c.eq_ignore_ascii_case(t)))
                || SCREEN_READER_PARTS.in_str(c))
    })
}

static SCREEN_READER_PARTS: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(SCREEN_READER_CLASS_PARTS));
/// The hidden-class tokens and screen-reader parts as substrings: a class value holding none
/// of them has neither.
static HIDDEN_CLASS_HINTS: LazyLock<Tokens> = LazyLock::new(|| {
    let words: Vec<&str> = HIDDEN_CLASS_TOKENS.iter().chain(SCREEN_READER_CLASS_PARTS).copied().collect();
    Tokens::new(&words)
});

/// The attributes [`attr`] looks among (no prefix, no namespace) as (name, value).
fn plain_attrs(e: &Element) -> impl Iterator<Item = (&LocalName, &str)> {
    e.attrs.iter().filter(|(q, _)| q.prefix.is_none() && q.ns == ns!()).map(|(q, v)| (&q.local, &**v))
}

/// An attribute of an element, as `Element::attr` finds it (no prefix, no namespace). The
/// name is an interned atom (`&local_name!("href")`): comparing two is comparing two
/// integers, where comparing strings reads each attribute's name (this runs for most
/// elements of the page, in many walks).
pub fn attr<'a>(e: &'a Element, name: &LocalName) -> Option<&'a str> {
    plain_attrs(e).find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// Whether an inline style says `display:none` or `visibility:hidden` (white space anywhere
/// ignored, ASCII case-insensitive).
fn style_hides(style: &str) -> bool {
    // Cheap test first: both need an `n` or `N` (in "none" / "hidden").
    if !style.bytes().any(|b| b == b'n' || b == b'N') {
        return false;
    }
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// A word list searched for in one pass, ASCII case-insensitively: `Tokens::new(list).in_str(s)`
/// is `list.iter().any(|t| s.to_ascii_lowercase().contains(t))` for lower-case ASCII tokens.
///
/// The search steps the Aho-Corasick DFA by hand: the haystacks are short (class and id
/// values, `href`s), where the general search's set-up costs more than the scan, and only
/// whether some token occurs is wanted.
#[derive(Debug)]
pub struct Tokens(TokenLists);

impl Tokens {
    /// Compiles a list of lower-case ASCII tokens.
    pub fn new(tokens: &[&str]) -> Tokens {
        Tokens(TokenLists::new(&[tokens]))
    }

    /// Whether `hay` holds one of the tokens, ASCII case-insensitively.
    pub fn in_str(&self, hay: &str) -> bool {
        self.0.in_str(hay) != 0
    }

    /// Whether an element's `id` or `class` holds one of the tokens: what
    /// `format!("{id} {class}").to_ascii_lowercase().contains(token)` says for tokens
    /// without spaces (none can match across the joining space).
    pub fn in_id_class(&self, e: &Element) -> bool {
        attr(e, &local_name!("id")).is_some_and(|v| self.in_str(v))
            || attr(e, &local_name!("class")).is_some_and(|v| self.in_str(v))
    }
}

/// Several word lists searched for at once (each ASCII case-insensitively, as [`Tokens`]):
/// one pass over a value says which lists have a word in it, where a walk that tests an
/// element against three lists would otherwise read its `id` and `class` three times.
#[derive(Debug)]
pub struct TokenLists {
    dfa: aho_corasick::dfa::DFA,
    /// The bit of each pattern's list, by pattern id.
    list_bit: Vec<u32>,
    /// Every list's bit: the search ends when all are found.
    all: u32,
}

impl TokenLists {
    /// Compiles up to 32 lists of lower-case ASCII tokens; list `k` answers as bit `1 << k`.
    pub fn new(lists: &[&[&str]]) -> TokenLists {
        assert!(lists.len() <= 32, "at most 32 lists");
        let mut patterns = Vec::new();
        let mut list_bit = Vec::new();
        for (k, list) in lists.iter().enumerate() {
            for t in *list {
                debug_assert!(!t.is_empty() && t.is_ascii() && *t == t.to_ascii_lowercase());
                patterns.push(*t);
                list_bit.push(1u32 << k);
            }
        }
        // Standard semantics: every state lists all the patterns that end where it is reached
        // (the matches of its failure states included), so no occurrence is missed.
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&patterns)
            .expect("static token lists");
        let all = list_bit.iter().fold(0, |all, bit| all | bit);
        TokenLists { dfa, list_bit, all }
    }

    /// The bits of the lists with a word in `hay`.
    pub fn in_str(&self, hay: &str) -> u32 {
        let dfa = &self.dfa;
        let Ok(mut state) = dfa.start_state(Anchored::No) else { return 0 };
        let mut found = 0;
        for &byte in hay.as_bytes() {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) && dfa.is_match(state) {
                for i in 0..dfa.match_len(state) {
                    found |= self.list_bit[dfa.match_pattern(state, i).as_usize()];
                }
                if found == self.all {
                    break;
                }
            }
        }
        found
    }

    /// The bits of the lists with a word in an element's `id` or `class` (as
    /// [`Tokens::in_id_class`] for each list).
    pub fn in_id_class(&self, e: &Element) -> u32 {
        attr(e, &local_name!("id")).map_or(0, |v| self.in_str(v))
            | attr(e, &local_name!("class")).map_or(0, |v| self.in_str(v))
    }
}

/// Whether an element has an `id` or `class` with something other than white space.
pub fn has_id_class(e: &Element) -> bool {
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    !(blank(attr(e, &local_name!("id"))) && blank(attr(e, &local_name!("class"))))
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
    fn block_names_are_the_block_tags() {
        for t in ["div", "p", "li", "ul", "table", "td", "h1", "h6", "blockquote", "section", "caption", "pre"] {
            assert!(is_block_tag(&LocalName::from(t)), "{t}");
            assert!(breaks_words(&LocalName::from(t)), "{t}");
        }
        for t in ["span", "a", "b", "img", "DIV", "divs", "", "title", "script", "body", "br"] {
            assert!(!is_block_tag(&LocalName::from(t)), "{t}");
        }
        for t in ["br", "html", "head", "body"] {
            assert!(breaks_words(&LocalName::from(t)), "{t}");
        }
        for t in ["span", "a", "img", "title", "script", "meta"] {
            assert!(!breaks_words(&LocalName::from(t)), "{t}");
        }
    }

    #[test]
    fn tokens_find_what_contains_finds() {
        let list = ["ad", "advert", "share", "-ad-", "sr-only", "aab"];
        let tokens = Tokens::new(&list);
        for hay in [
            "",
            "a",
            "Ad",
            "header",
            "x-AD-y",
            "sidebar",
            "ShareBar",
            "aaab",
            "aa b",
            "advertorial",
            "s h a r e",
            "visually sr-only",
            "SR-ONLY",
            "sr_only",
            "é-ad-é",
            "bread",
        ] {
            let lower = hay.to_ascii_lowercase();
            assert_eq!(tokens.in_str(hay), list.iter().any(|t| lower.contains(t)), "{hay:?}");
        }
    }

    #[test]
    fn is_non_text_tag_is_the_list() {
        for t in NON_TEXT_TAGS {
            assert!(is_non_text_tag(t), "{t}");
        }
        for t in ["div", "p", "a", "span", "li", "SCRIPT", "scripts", "foreignObject", "", "h1", "link", "meta"] {
            assert_eq!(is_non_text_tag(t), NON_TEXT_TAGS.contains(&t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn normalize_space_is_split_whitespace_joined(s in "[ a\\t\\n\\r\\x0b\\x0c\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}\\u{1c}éx€😀\\u{301}]{0,40}") {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize_space(&s), joined.nfc().collect::<String>());
            proptest::prop_assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count());
        }

        /// Mostly ASCII words and single spaces: the eight-bytes-at-a-time paths.
        #[test]
        fn normalize_space_is_split_whitespace_joined_on_prose(s in "([a-c.]{1,9}[ ]?|[ \t\n\x0b\x0c\r]{1,3}|é|\u{a0})*") {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize_space(&s), joined.nfc().collect::<String>());
            proptest::prop_assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count());
        }
    }

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
    fn nonspace_chars_counts_like_char_is_whitespace() {
        let all: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        assert_eq!(nonspace_chars(&all), all.chars().filter(|c| !c.is_whitespace()).count());
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(nonspace_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count(), "{:x}", c as u32);
        }
    }

    #[test]
    fn token_lists_find_what_each_list_finds() {
        let lists: [&[&str]; 4] = [&["comment", "men"], &["ad", "advert", "-ad-"], &["share", "hare"], &["zzz"]];
        let tokens = TokenLists::new(&lists);
        let singles: Vec<Tokens> = lists.iter().map(|l| Tokens::new(l)).collect();
        for hay in [
            "",
            "a",
            "Comments",
            "xMEN",
            "advertiser",
            "x-AD-y",
            "shareBar",
            "hare",
            "no",
            "zz z",
            "commentshare-ad-zzz",
        ] {
            let expected = singles.iter().enumerate().fold(0, |bits, (k, t)| bits | (u32::from(t.in_str(hay)) << k));
            assert_eq!(tokens.in_str(hay), expected, "{hay:?}");
        }
    }

    #[test]
    fn ascii_white_space_in_counts_each_byte() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[at] = b;
                assert_eq!(
                    ascii_white_space_in(u64::from_le_bytes(bytes)),
                    usize::from(is_ascii_white_space(b)),
                    "{b:#x} at {at}"
                );
            }
            let same = u64::from_le_bytes([b; 8]);
            assert_eq!(ascii_white_space_in(same), 8 * usize::from(is_ascii_white_space(b)), "{b:#x}");
        }
    }

    #[test]
    fn node_index_is_dense_and_distinct() {
        let doc = Html::parse_document("<div id=a><p>one <b>two</b></p><!-- c --><ul><li>x</li></ul></div>");
        let mut seen: Vec<usize> = doc.tree.nodes().map(|n| node_index(n.id())).collect();
        let count = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), count, "distinct");
        assert!(seen.iter().all(|&i| (1..=count).contains(&i)), "{seen:?}");
    }

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

    #[test]
    fn style_and_classes_hide() {
        let doc = Html::parse_document(
            "<p style='DISPLAY : None'>a</p><p style='color:red'>b</p><p class='x SR-Only-Focusable'>c</p><p class=shown>d</p>",
        );
        let hidden: Vec<bool> = doc.select(&scraper::Selector::parse("p").unwrap()).map(|e| is_hidden(&e)).collect();
        assert_eq!(hidden, [true, false, true, false]);
    }

    #[test]
    fn surely_nfc_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            if surely_nfc(&s) {
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{:x}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "{:x}", c as u32);
            }
        }
        assert!(surely_nfc("caf\u{e9} \u{201c}quoted\u{201d} \u{2014} \u{2022} \u{20ac} \u{4e2d}\u{6587} \u{436}"));
        assert!(!surely_nfc("cafe\u{301}"));
        assert!(!surely_nfc("\u{2000}"));
        assert_eq!(normalize_space("cafe\u{301} \u{2000}x"), "caf\u{e9} x");
    }

    #[test]
    fn text_skips_scripts() {
        let doc = Html::parse_document("<p>a<script>var x=1</script> b<style>p{}</style></p>");
        assert_eq!(text(doc.tree.root()), "a b");
    }
}
