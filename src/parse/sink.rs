//! The parse: html5ever's tree builder, fed by `tokenizer` (html5ever's tokens, read faster),
//! building scraper's tree through a tree sink that enforces the node, depth and time limits
//! (`crate::limits`), gives the pre-filter's short attribute names back, and leaves out white
//! space no reader of the tree needs.
//!
//! Why depth is watched while parsing: html5ever's tree builder scans its stack of open
//! elements for many tags (scope checks, end-tag matching), so parsing costs O(tags × depth).
//! A page of 100,000 nested `<div>`s is half a megabyte and takes seconds to parse; the sink
//! counts that work and stops the parse, so every parse stays linear in the input.

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, QualName, local_name};
use scraper::{Html, HtmlTreeSink, Node};
use std::cell::{Cell, Ref};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use super::attributes;
use super::prefilter::{Filtered, is_blank};
use super::tokenizer::{self, Chunks};
use crate::dom;
use crate::error::ExtractError;
use crate::limits::{Deadline, Limits};

/// How much of the page html5ever is given at a time; the time budget is checked in between.
const PARSE_CHUNK_BYTES: usize = 16 * 1024;
/// The parse checks the clock every this many tree-sink calls.
const CLOCK_EVERY: u32 = 256;

/// Why the tree sink stopped the parse. Carried by `resume_unwind`, which does not run the
/// panic hook (nothing is printed), and caught in [`parse_document`].
#[derive(Debug)]
enum Stop {
    Nodes,
    Depth,
    Time,
}

fn stop(why: Stop) -> ! {
    resume_unwind(Box::new(why))
}

/// Parse work allowed per input byte (see [`LimitedSink`]). Real pages need under one: the
/// 1,187 benchmark pages 0.15 on average, 0.55 at most.
const WORK_PER_BYTE: u64 = 16;

/// Parses a document as `scraper::Html::parse_document` does (same options, same tree), within
/// the node, depth and time limits.
pub(crate) fn parse_document(page: &Filtered<'_>, limits: &Limits, deadline: &Deadline) -> Result<Html, ExtractError> {
    let doc = build_tree(page, limits, deadline)?;
    if deeper_than(&doc, limits.max_depth) {
        return Err(ExtractError::TooDeep { limit: limits.max_depth });
    }
    Ok(doc)
}

/// The parse itself, stopped by the node limit, the parse-work limit (`TooDeep`) or the
/// deadline; the depth of the finished tree is [`parse_document`]'s check.
fn build_tree(page: &Filtered<'_>, limits: &Limits, deadline: &Deadline) -> Result<Html, ExtractError> {
    let text: &str = &page.text;
    let depth = u64::try_from(limits.max_depth).unwrap_or(u64::MAX);
    let sink = LimitedSink {
        inner: HtmlTreeSink::new(document_for(text, limits.max_nodes)),
        max_nodes: limits.max_nodes,
        max_work: (text.len() as u64)
            .saturating_mul(WORK_PER_BYTE)
            .saturating_add(depth.saturating_mul(depth).saturating_mul(2)),
        deadline: *deadline,
        nodes: Cell::new(0),
        work: Cell::new(0),
        calls: Cell::new(0),
        drop_space: Cell::new(true),
        short_names: page.short_names,
    };
    let tree_builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let chunks = Chunks::new(text, PARSE_CHUNK_BYTES);
    let outcome =
        catch_unwind(AssertUnwindSafe(|| tokenizer::tokenize(&tree_builder, &chunks, &mut || deadline.check("parse"))));
    let outcome = outcome.map(|done| done.map(|()| tree_builder.sink.finish()));
    match outcome {
        Ok(result) => result,
        Err(payload) => Err(match payload.downcast::<Stop>() {
            Ok(why) => match *why {
                Stop::Nodes => ExtractError::TooManyNodes { limit: limits.max_nodes },
                Stop::Depth => ExtractError::TooDeep { limit: limits.max_depth },
                Stop::Time => deadline.exceeded("parse"),
            },
            // A real panic: let the caller's panic handling see it.
            Err(other) => resume_unwind(other),
        }),
    }
}

/// An empty document whose node arena is sized for `text` up front, instead of doubling (and
/// copying every node) a dozen times while the page is parsed: one node per `<` (each tag
/// opens or closes an element, and text runs sit between tags), within the node limit.
fn document_for(text: &str, max_nodes: usize) -> Html {
    // Plus a little room for the spaces removals put where white space was left out
    // (`content::clean::Cleaner::remove`): growing the arena copies every node.
    let tags = memchr::memchr_iter(b'<', text.as_bytes()).count() + 64;
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, tags.saturating_add(2).min(max_nodes));
    doc
}

/// Whether some node of the tree (template contents included) sits deeper than `limit`
/// below the document. One iterative pass.
fn deeper_than(doc: &Html, limit: usize) -> bool {
    let mut depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                depth += 1;
                // The document itself is depth 0: its children are at 1.
                if depth - 1 > limit {
                    return true;
                }
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    false
}

/// scraper's tree sink, counting the nodes it builds and the tree builder's work, checking
/// the clock.
///
/// The work: html5ever scans its stack of open elements for many tags (scope checks, end tag
/// matching, the adoption agency), calling `elem_name` or `same_node` on each element it
/// looks at. On real pages that is under one call per byte; nesting makes it grow with the
/// depth of the stack, so `<div>`×100,000 costs billions. The work allowed is
/// `WORK_PER_BYTE` per input byte plus 2·depth² for the depth limit (what a page nested to
/// the limit costs); past it the page is too deep to parse (`TooDeep`). The depth of the
/// finished tree is then checked exactly.
struct LimitedSink {
    inner: HtmlTreeSink,
    max_nodes: usize,
    max_work: u64,
    deadline: Deadline,
    nodes: Cell<usize>,
    work: Cell<u64>,
    calls: Cell<u32>,
    /// Whether white space that [`LimitedSink::skip_meaningless_space`] finds may be left out:
    /// until the first element whose white space is content (`pre`, `listing`).
    drop_space: Cell<bool>,
    /// Whether the page carries short attribute names to give back ([`Filtered::short_names`]).
    short_names: bool,
}

impl LimitedSink {
    /// Gives the attributes the pre-filter wrote with short names their names back.
    fn restore_names(&self, attrs: &mut [Attribute]) {
        if self.short_names {
            attributes::restore_names(attrs);
        }
    }

    fn tick(&self) {
        let calls = self.calls.get().wrapping_add(1);
        self.calls.set(calls);
        if calls.is_multiple_of(CLOCK_EVERY) && self.deadline.expired() {
            stop(Stop::Time);
        }
    }

    fn count_node(&self) {
        let n = self.nodes.get().saturating_add(1);
        self.nodes.set(n);
        if n > self.max_nodes {
            stop(Stop::Nodes);
        }
        self.tick();
    }

    /// One element looked at by a scan of the tree builder.
    fn count_work(&self) {
        let w = self.work.get() + 1;
        self.work.set(w);
        if w > self.max_work {
            stop(Stop::Depth);
        }
        if w.is_multiple_of(u64::from(CLOCK_EVERY) * 64) {
            self.tick();
        }
    }

    /// Keeps out of the tree the white space that means nothing to any reader of it: a
    /// white-space-only text next to the start or end of an element that separates words
    /// ([`dom::breaks_words`]; the readers put a space there), or in `head`, or between
    /// `head` and `body`. Called before `child` is appended to `parent`: `true` when `child`
    /// is such text (it is not appended). Also takes out what an earlier call could not yet
    /// judge: white space last in `parent`'s last child when that element breaks words (it
    /// is closed, since `parent` gets a new child), and white space last in `parent` when
    /// `child` is an element that breaks words. Nothing can join such text afterwards.
    ///
    /// Most of a pretty-printed page's indentation never stays in the tree, so no walk after
    /// the parse steps over it. Until the first `pre` or `listing` (whose white space is
    /// content).
    fn skip_meaningless_space(&self, parent: NodeId, child: &NodeOrText<NodeId>) -> bool {
        if !self.drop_space.get() {
            return false;
        }
        let mut html = self.inner.0.borrow_mut();
        let tree = &html.tree;
        let Some(p) = tree.get(parent) else { return false };
        let Some(parent_element) = p.value().as_element() else { return false };
        let breaks = dom::breaks_words_at;
        let blank = |n: ego_tree::NodeRef<'_, Node>| n.value().as_text().is_some_and(|t| is_blank(t.as_bytes()));
        let last = p.last_child();
        let last_breaks = last.is_some_and(breaks);
        // White space closing a word-breaking element (the last child, now closed).
        let closing = last.filter(|_| last_breaks).and_then(|l| l.last_child()).filter(|&t| blank(t)).map(|t| t.id());
        let (skip, before) = match child {
            NodeOrText::AppendText(text) => {
                let local = &parent_element.name.local;
                let skip = is_blank(text.as_bytes())
                    && (matches!(*local, local_name!("head") | local_name!("html"))
                        || if last.is_some() { last_breaks } else { dom::breaks_words(local) });
                (skip, None)
            }
            // White space before a word-breaking element.
            NodeOrText::AppendNode(node) => {
                let before = tree.get(*node).filter(|&n| breaks(n)).and(last).filter(|&l| blank(l)).map(|l| l.id());
                (false, before)
            }
        };
        for id in [closing, before].into_iter().flatten() {
            if let Some(mut node) = html.tree.get_mut(id) {
                node.detach();
            }
        }
        skip
    }
}

/// Text without the control characters no reader wants in an extracted string: C0 controls
/// other than tab, line feed and carriage return, DEL, and C1 controls. Vertical tab, form
/// feed and NEL, which separate words, become spaces; the others go. (A page's text seldom
/// holds any: one pass over the bytes says so.)
fn without_controls(child: NodeOrText<NodeId>) -> NodeOrText<NodeId> {
    match child {
        NodeOrText::AppendText(text) if has_controls(text.as_bytes()) => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '\u{b}' | '\u{c}' | '\u{85}' => out.push(' '),
                    '\t' | '\n' | '\r' => out.push(c),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
            NodeOrText::AppendText(StrTendril::from(out))
        }
        child => child,
    }
}

/// Whether UTF-8 text may hold a control character [`without_controls`] takes out: a byte
/// below 0x20 other than tab, line feed and carriage return, DEL, or the lead byte 0xC2 of
/// U+0080–U+00BF followed by a byte of U+0080–U+009F.
fn has_controls(b: &[u8]) -> bool {
    let suspect = b
        .iter()
        .fold(false, |any, &x| any | ((x < 0x20 && x != b'\t' && x != b'\n' && x != b'\r') || x == 0x7f || x == 0xc2));
    suspect
        && b.iter().enumerate().any(|(i, &x)| {
            (x < 0x20 && x != b'\t' && x != b'\n' && x != b'\r')
                || x == 0x7f
                || (x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
        })
}

impl TreeSink for LimitedSink {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: std::borrow::Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.count_work();
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, mut attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.count_node();
        if name.local == local_name!("pre") || name.local == local_name!("listing") {
            self.drop_space.set(false);
        }
        self.restore_names(&mut attrs);
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.count_node();
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.count_node();
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.tick();
        let child = without_controls(child);
        if self.skip_meaningless_space(*parent, &child) {
            return;
        }
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        self.tick();
        self.inner.append_based_on_parent_node(element, prev_element, without_controls(child));
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.count_node();
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.count_work();
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.tick();
        self.inner.append_before_sibling(sibling, without_controls(new_node));
    }

    fn add_attrs_if_missing(&self, target: &NodeId, mut attrs: Vec<Attribute>) {
        self.tick();
        self.restore_names(&mut attrs);
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(&self, target: &NodeId, form: &NodeId, nodes: (&NodeId, Option<&NodeId>)) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.tick();
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(&self, location: &NodeId, template: &NodeId, attrs: &[Attribute]) -> bool {
        self.inner.attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner.maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::parse::prefilter;

    /// Parses without a deadline: these tests check structural limits (nodes, depth), which
    /// must not depend on how fast a loaded machine runs a debug build.
    fn parse(html: &str, limits: &Limits) -> Result<Html, ExtractError> {
        let page = Filtered { text: html.into(), short_names: false };
        parse_document(&page, limits, &Deadline::after(None))
    }

    /// Attributes the pre-filter writes with short names come back with their names, also
    /// those a second `<body>` tag adds to the body and those of re-created formatting elements.
    #[test]
    fn gives_short_attribute_names_back() {
        let html = r#"<html lang=en><body class=page><p class=a title="T"><b class=x>bold<p>more</b>
            <a href="/u" rel=nofollow role=link>l</a><body style="color:red" class=ignored hidden><svg class=i></svg>"#;
        let page = prefilter::filter(html, true, &|_| false, true);
        assert!(page.short_names && page.text.contains(" c=a"), "{page:?}");
        let ours = parse_document(&page, &Limits::default(), &Deadline::after(None)).unwrap();
        assert_eq!(without_blank_text(&ours), without_blank_text(&Html::parse_document(html)));
    }

    #[test]
    fn same_tree_as_scraper() {
        let html = "<!doctype html><html><head><title>t</title></head><body>\r\n<p>a<b>b<i>c</p>d\r\n<table><td>x</table>\
                    <template><p>in</p></template><!-- c --><svg><title>s</title></svg></body></html>";
        // Also across chunk boundaries, including inside a CRLF and a multi-byte character.
        let long = format!("{}{html}{}", "é".repeat(PARSE_CHUNK_BYTES / 2 - 3), "\r\n<p>é</p>".repeat(5000));
        for page in [html.to_string(), long] {
            let ours = parse(&page, &Limits::default()).unwrap();
            assert_eq!(without_blank_text(&ours), without_blank_text(&Html::parse_document(&page)));
        }
    }

    #[test]
    fn control_characters_are_not_text() {
        let page = Filtered {
            text: "<p>a\u{1}b\u{7f}c\u{9b}d\u{c}e\u{85}f \u{a0}é</p><pre>x\u{b}y\u{8}</pre>".into(),
            short_names: false,
        };
        let doc = parse_document(&page, &Limits::default(), &Deadline::after(None)).unwrap();
        let texts: Vec<String> =
            doc.tree.root().descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
        assert_eq!(texts, ["abcd e f \u{a0}é", "x y"]);
        assert!(!has_controls("tab\tline\nfeed é « »".as_bytes()));
    }

    /// The tree as text, white-space-only text nodes left out (the sink drops some).
    fn without_blank_text(doc: &Html) -> String {
        let mut out = String::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => match n.value() {
                    Node::Text(t) if is_blank(t.as_bytes()) => {}
                    Node::Text(t) => out.push_str(&format!("{:?}", &**t)),
                    Node::Element(e) => out.push_str(&format!("<{} {:?}>", e.name(), e.attrs().collect::<Vec<_>>())),
                    other => out.push_str(&format!("{other:?}")),
                },
                ego_tree::iter::Edge::Close(n) if n.value().is_element() => out.push_str("</>"),
                ego_tree::iter::Edge::Close(_) => {}
            }
        }
        out
    }

    /// The white-space-only texts a parse keeps, in page order.
    fn blank_texts(html: &str) -> Vec<String> {
        let doc = parse(html, &Limits::default()).unwrap();
        doc.tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_text().filter(|t| is_blank(t.as_bytes())).map(|t| t.to_string()))
            .collect()
    }

    #[test]
    fn white_space_next_to_word_breaks_is_left_out() {
        // First and last in a block, between blocks, around `br`, in `head`: gone.
        assert!(blank_texts("<head>\n<title>t</title>\n<meta charset=utf-8>\n</head>\n<body>\n<div>\n<p>a</p>\n<p>b<br>\nc</p>\n</div>\n</body>").is_empty());
        assert!(
            blank_texts("<ul>\n <li><a href=x>a</a>\n </li>\n <li><span>b</span> <div>c</div></li>\n</ul>").is_empty()
        );
        // Between inline elements it is a word break of its own: kept.
        assert_eq!(blank_texts("<div><span>a</span>\n<span>b</span></div>"), ["\n"]);
        assert_eq!(blank_texts("<p><a href=x>a</a> <b>b</b></p>"), [" "]);
        // Joined to text, or from the first `pre` on: kept as it is.
        assert_eq!(blank_texts("<pre>\n\n<b>x</b>\n<div>y</div>\n</pre><div>\n</div>"), ["\n", "\n", "\n", "\n"]);
        let doc = parse("<p>a&amp; <b>b</b></p>", &Limits::default()).unwrap();
        assert_eq!(doc.root_element().text().collect::<String>(), "a& b");
        // The readers' words are the page's words.
        let doc = parse("<div>\n<div>one</div>\n<span>two</span>\n<p>three</p>\n</div>", &Limits::default()).unwrap();
        assert_eq!(crate::dom::text(doc.tree.root()), "one two three");
    }

    #[test]
    fn node_and_depth_limits_stop_the_parse() {
        let many = "<i>x</i>".repeat(1000);
        assert!(parse(&many, &Limits::default().with_max_nodes(2000)).is_ok());
        assert!(matches!(
            parse(&many, &Limits::default().with_max_nodes(500)),
            Err(ExtractError::TooManyNodes { limit: 500 })
        ));
        let deep = "<div>".repeat(300);
        assert!(parse(&deep, &Limits::default().with_max_depth(400)).is_ok());
        assert!(matches!(parse(&deep, &Limits::default().with_max_depth(200)), Err(ExtractError::TooDeep { .. })));
        // A chain of divs as deep as the default limit allows parses.
        let limit = Limits::default().max_depth;
        assert!(parse(&"<div>".repeat(limit - 10), &Limits::default()).is_ok());
        assert!(matches!(parse(&"<div>".repeat(limit + 10), &Limits::default()), Err(ExtractError::TooDeep { .. })));
        // Depth goes on inside template contents.
        let templates = "<template>".repeat(300);
        assert!(matches!(parse(&templates, &Limits::default().with_max_depth(200)), Err(ExtractError::TooDeep { .. })));
    }

    #[test]
    fn formatting_reconstruction_is_counted() {
        // Each <p> re-opens every formatting element still active: nodes grow as k × m.
        let k = 300;
        let page = format!(
            "<div>{}</div>{}",
            (0..k).map(|i| format!("<b id=b{i}>")).collect::<String>(),
            "<p>x</p>".repeat(300)
        );
        assert!(matches!(
            parse(&page, &Limits::default().with_max_nodes(10_000)),
            Err(ExtractError::TooManyNodes { .. })
        ));
    }

    #[test]
    fn adoption_agency_nesting_is_stopped() {
        // Each repetition leaves <i><u> open and the adoption agency moves the rest: the tree
        // and html5ever's stack of open elements grow by two levels a repetition, so the tree
        // builder's scans grow with the square of the page. The parse-work count stops it while
        // parsing: `build_tree` does not check the depth of the finished tree, so without the
        // count this parse would end with a tree.
        let nested = Filtered { text: "<b><i><u><div><p>x</b></p></div>".repeat(2_000).into(), short_names: false };
        let limits = Limits::default().with_max_depth(100).with_time_budget(None);
        let no_deadline = Deadline::after(None);
        assert!(matches!(build_tree(&nested, &limits, &no_deadline), Err(ExtractError::TooDeep { limit: 100 })));
        // The same tags closed each time: as many adoption-agency runs on a shallow stack, well
        // within the work allowed.
        let closed =
            Filtered { text: "<b><i><u><div><p>x</b></p></div></u></i>".repeat(2_000).into(), short_names: false };
        assert!(build_tree(&closed, &limits, &no_deadline).is_ok());
    }

    #[test]
    fn spent_budget_stops_the_parse() {
        let page = "<p>x</p>".repeat(10_000);
        let limits = Limits::default().with_time_budget(Some(Duration::ZERO));
        let filtered = Filtered { text: page.into(), short_names: false };
        let spent = Deadline::after(limits.time_budget);
        assert!(matches!(
            parse_document(&filtered, &limits, &spent),
            Err(ExtractError::BudgetExceeded { stage: "parse", .. })
        ));
    }
}
