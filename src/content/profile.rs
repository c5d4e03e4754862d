//! Site-profile extraction: the rules of one `[[profile]]` of `config.toml` applied to a page.
//!
//! Each field is found by the profile's selectors first and, when the class names no longer
//! match (a redesign), by structure and text: the headline (found for both content paths, in
//! `content::headline`) is the page's `h1`, the byline the short line after it with author
//! links or a date, the category line the links to topic pages before it, the author box the
//! box of an "About the Author" heading, and so on.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::article::{Author, Block, Contributor, Image, RemovalKind};
use crate::config::{Profile, Scope};
use crate::content::blocks::{self, BodyBlock};
use crate::content::clean::{self, Cleaner, ContentPath, Protect};
use crate::content::images;
use crate::content::links;
use crate::content::paragraphs::{is_prose_paragraph, link_chars, long_paragraphs, paragraph_chars};
use crate::dom::{self, DomNode, TextLens, Walk};
use crate::parse::attributes::ReadAttr;
use crate::text;

/// What a profile found on a page.
#[derive(Debug, Default)]
pub struct ProfileOutput {
    /// Headline text.
    pub title: Option<String>,
    /// Deck.
    pub subtitle: Option<String>,
    /// Authors from byline and author box.
    pub authors: Vec<Author>,
    /// Credit-line people.
    pub contributors: Vec<Contributor>,
    /// Visible byline date (ISO date).
    pub visible_date: Option<String>,
    /// Machine-readable date near the byline (`<time datetime>`).
    pub machine_date: Option<String>,
    /// Category line.
    pub categories: Vec<String>,
    /// Editor's notes.
    pub notes: Vec<String>,
    /// Lead image.
    pub image: Option<Image>,
    /// Body blocks.
    pub blocks: Vec<BodyBlock>,
}

/// Longest text of a box found by its heading ("About the Author", a sidebar block).
const HEADING_BOX_MAX_CHARS: usize = 6000;
/// Longest deck.
const DECK_MAX_CHARS: usize = 400;
/// Longest caption recognised by structure alone.
const CAPTION_MAX_CHARS: usize = 300;

/// Caption wording (structure fallback when class names changed).
const CAPTION_PREFIXES: &[&str] = &[
    "Photo:",
    "Image:",
    "Source:",
    "Credit:",
    "Pictured:",
    "Photo credit:",
    "(Image:",
    "(Photo:",
    "(Source:",
    "Illustration:",
];

/// Credit wording inside captions: "(Photo: …)", "(Image: Shutterstock)".
const CAPTION_CREDITS: &[&str] =
    &["(Photo:", "(Image:", "(Source:", "(Photo credit:", "(Illustration:", "(Credit:", "Photo by ", "Image: "];

/// Shortest paragraph that counts as body text when a candidate column is measured.
const BODY_PARAGRAPH_MIN_CHARS: usize = 60;
/// Body text a root selector's match must hold to be the article column.
const ROOT_MATCH_MIN_CHARS: usize = 200;
/// Body text a headline's ancestor must hold to be the article column, …
const ROOT_ANCESTOR_MIN_CHARS: usize = 400;
/// … or this many long paragraphs …
const ROOT_ANCESTOR_MIN_LONG_PARAGRAPHS: usize = 3;
/// … of at least this many characters.
const ROOT_LONG_PARAGRAPH_CHARS: usize = 80;

/// The article column: the first root selector match that holds the headline and the body;
/// else the headline's closest ancestor that holds enough paragraph text, unless a selector
/// match after the headline holds most of that ancestor's body (a full-bleed hero placed
/// before `<main>`: the column is the match, not the whole page around both).
pub fn find_root(doc: &Html, selectors: &[Selector], headline: Option<NodeId>, lens: &TextLens) -> Option<NodeId> {
    let head = headline.and_then(|h| doc.tree.get(h));
    for sel in selectors {
        for el in doc.select(sel) {
            let holds_headline = head.is_none_or(|h| dom::is_inclusive_ancestor(el.id(), h));
            if holds_headline && paragraph_chars(*el, lens, BODY_PARAGRAPH_MIN_CHARS) >= ROOT_MATCH_MIN_CHARS {
                return Some(el.id());
            }
        }
    }
    let h = head?;
    let ancestor = h.ancestors().filter(|a| a.value().is_element()).find(|a| {
        paragraph_chars(*a, lens, BODY_PARAGRAPH_MIN_CHARS) >= ROOT_ANCESTOR_MIN_CHARS
            || long_paragraphs(*a, lens, ROOT_LONG_PARAGRAPH_CHARS) >= ROOT_ANCESTOR_MIN_LONG_PARAGRAPHS
    })?;
    let ancestor_chars = paragraph_chars(ancestor, lens, BODY_PARAGRAPH_MIN_CHARS);
    let column_after_hero = selectors.iter().find_map(|sel| {
        doc.select(sel)
            .filter(|el| dom::is_inclusive_ancestor(ancestor.id(), **el) && comes_after(h, **el))
            .find(|el| {
                let chars = paragraph_chars(**el, lens, BODY_PARAGRAPH_MIN_CHARS);
                chars >= ROOT_MATCH_MIN_CHARS && chars * 2 > ancestor_chars
            })
            .map(|el| el.id())
    });
    Some(column_after_hero.unwrap_or(ancestor.id()))
}

/// Whether `later` starts after `earlier` in document order and does not contain it.
fn comes_after(earlier: DomNode<'_>, later: DomNode<'_>) -> bool {
    if dom::is_inclusive_ancestor(later.id(), earlier) {
        return false;
    }
    // The child of the closest common ancestor that holds `later`, and the one that holds
    // `earlier`: `later` follows when its branch is a next sibling of `earlier`'s.
    let Some(branch) = std::iter::once(later)
        .chain(later.ancestors())
        .find(|b| b.parent().is_some_and(|p| dom::is_inclusive_ancestor(p.id(), earlier)))
    else {
        return false;
    };
    branch.prev_siblings().any(|s| dom::is_inclusive_ancestor(s.id(), earlier))
}

/// Where the article's head (topics, byline, deck, head matter) is searched: the article
/// column when it holds the headline, else the closest element holding both (a hero outside
/// the column).
fn head_scope(doc: &Html, root: NodeId, headline: Option<NodeId>) -> NodeId {
    let Some(h) = headline.and_then(|h| doc.tree.get(h)) else { return root };
    h.ancestors()
        .find(|a| dom::is_inclusive_ancestor(a.id(), doc.tree.get(root).unwrap_or(*a)))
        .map_or(root, |a| a.id())
}

/// Runs the profile on a page. `None` when it finds no article column.
pub fn extract(
    doc: &mut Html,
    profile: &Profile,
    headline: Option<NodeId>,
    base: Option<&Url>,
    cleaner: &mut Cleaner,
) -> Option<ProfileOutput> {
    let root = find_root(doc, &profile.root, headline, cleaner.lens())?;
    let head = head_scope(doc, root, headline);
    let protect = Protect { headline, root: Some(root) };
    let mut out = ProfileOutput::default();
    let rule = |name: &str| format!("{}.{}", profile.name, name);

    // 1. Author boxes, anywhere: their names, job lines and bios go to `authors`.
    let boxes = find_author_boxes(doc, profile, protect, cleaner.lens());
    let mut box_authors = Vec::new();
    for b in &boxes {
        box_authors.extend(parse_author_box(doc, *b, base));
    }
    for b in boxes {
        cleaner.remove(doc, b, RemovalKind::AuthorBox, &rule("author-box"));
    }

    // 2. The article head: category line and everything before the headline.
    if let Some(h) = headline {
        out.categories = find_categories(doc, profile, head, h);
        for id in before_headline(doc, head, h) {
            cleaner.remove(doc, id, RemovalKind::Metadata, &rule("before-headline"));
        }
    }
    // Category lines found by selector after the headline (a topic list under the body): all
    // matches of the first selector that has any, unless the head had a category line.
    for sel in &profile.categories {
        let ids: Vec<NodeId> = select_in(doc, root, sel);
        if out.categories.is_empty() {
            let lines = ids.iter().filter_map(|id| doc.tree.get(*id).and_then(ElementRef::wrap));
            out.categories = category_items(lines, &profile.category_separator);
        }
        for id in ids {
            cleaner.remove(doc, id, RemovalKind::Metadata, &rule("category-line"));
        }
    }

    // 3. Headline, byline, deck, and the short head matter between them and the body.
    if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
        out.title = Some(dom::text(h)).filter(|t| !t.is_empty());
    }
    let byline = find_byline(doc, profile, head, headline, cleaner.lens());
    let deck = find_deck(doc, profile, head, headline, byline, cleaner.lens());
    if let Some(d) = deck.and_then(|d| doc.tree.get(d)) {
        out.subtitle = Some(dom::text(d)).filter(|t| !t.is_empty());
    }
    if let Some(b) = byline {
        let (authors, visible, machine) = parse_byline(doc, profile, b, base);
        out.authors = authors;
        out.visible_date = visible;
        out.machine_date = machine;
    }
    if out.visible_date.is_none() && out.machine_date.is_none() {
        // A date element outside the byline (`<time>` on its own line).
        for sel in &profile.date {
            if let Some(id) = select_in(doc, root, sel).into_iter().next()
                && let Some(n) = doc.tree.get(id)
            {
                out.visible_date = text::find_visible_date(&dom::text(n));
                out.machine_date =
                    n.value().as_element().and_then(|e| dom::attr(e, ReadAttr::Datetime)).and_then(text::iso_datetime);
                cleaner.remove(doc, id, RemovalKind::Metadata, &rule("date"));
                break;
            }
        }
    }
    merge_box_authors(&mut out.authors, box_authors);
    // Editor's notes between the headline and the body, wherever the chrome puts them (in
    // the head matter, or outside the article column when the headline is outside it).
    if let Some(h) = headline {
        for (id, line) in notes_before_body(doc, profile, h, root, cleaner.lens()) {
            out.notes.push(line);
            cleaner.remove(doc, id, RemovalKind::Metadata, &rule("editor-note"));
        }
    }
    let head_matter = headline.map(|h| head_matter(doc, head, h, cleaner.lens())).unwrap_or_default();

    // 4. Lead image (before its figure goes with the head matter), then removals.
    out.image = find_lead_image(doc, profile, root, base, cleaner.lens());
    if let Some(h) = headline {
        cleaner.remove(doc, h, RemovalKind::Metadata, &rule("headline"));
    }
    if let Some(d) = deck {
        cleaner.remove(doc, d, RemovalKind::Metadata, &rule("deck"));
    }
    if let Some(b) = byline {
        cleaner.remove(doc, b, RemovalKind::Metadata, &rule("byline"));
    }
    for id in head_matter {
        cleaner.remove(doc, id, RemovalKind::Metadata, &rule("head-matter"));
    }
    remove_captions(doc, root, cleaner, &rule("caption"));

    // 5. Credit lines and editor's notes.
    extract_credits_and_notes(doc, profile, root, &mut out, cleaner);

    // 6. The profile's removal rules, then the general ones.
    apply_remove_rules(doc, profile, protect, cleaner);
    clean::after_rules(doc, cleaner, protect, ContentPath::Profile { root });

    // 7. The body.
    let root_node = doc.tree.get(root)?;
    let mut body = blocks::build_blocks(root_node, base, cleaner.captions());
    drop_duplicates(doc, &mut body, &out, cleaner);
    if cleaner.explaining() {
        record_outside_root(doc, root, cleaner);
    }
    out.blocks = body;
    Some(out)
}

/// The elements below `el` (not `el` itself), in document order: what `el.select` looks at.
fn descendant_elements<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.descendants().skip(1).filter_map(ElementRef::wrap)
}

/// The links below `el` (`a` elements with an `href`) with their `href`, in document order:
/// what `el.select("a[href]")` finds.
fn links<'a>(el: ElementRef<'a>) -> impl Iterator<Item = (ElementRef<'a>, &'a str)> {
    descendant_elements(el)
        .filter(|a| a.value().name() == "a")
        .filter_map(|a| Some((a, dom::attr(a.value(), ReadAttr::Href)?)))
}

/// Element ids matching `sel` inside `root`, in document order.
fn select_in(doc: &Html, root: NodeId, sel: &Selector) -> Vec<NodeId> {
    let Some(r) = doc.tree.get(root).and_then(ElementRef::wrap) else { return Vec::new() };
    let mut v: Vec<NodeId> = r.select(sel).map(|e| e.id()).collect();
    if sel.matches(&r) {
        v.retain(|id| *id != root);
    }
    v
}

/// Everything inside `root` that comes before the headline: at each level from the headline
/// up to the root, the earlier siblings.
fn before_headline(doc: &Html, root: NodeId, headline: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let Some(mut cur) = doc.tree.get(headline) else { return out };
    while cur.id() != root {
        let mut sib = cur.prev_sibling();
        while let Some(s) = sib {
            if s.value().is_element() || s.value().as_text().is_some_and(|t| !t.trim().is_empty()) {
                out.push(s.id());
            }
            sib = s.prev_sibling();
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => break,
        }
    }
    out.reverse();
    out
}

fn split_categories(line: &str, sep: &str) -> Vec<String> {
    line.split(sep).map(dom::normalize_space).filter(|s| !s.is_empty()).collect()
}

/// The topics of category lines (the elements a category selector matched), in order, each
/// once. A line that is a list gives one topic per list item (`<ul><li>Politics</li>…`); a
/// line that is nothing but two or more links with no separator between them, one per link
/// (`<a>Politics</a><a>Schools</a>`); any other line is split on the separator (topic names
/// may hold commas, so the built-in profile's separator is `" , "`).
fn category_items<'a>(lines: impl Iterator<Item = ElementRef<'a>>, sep: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let items: Vec<ElementRef<'a>> = line
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "li" && !descendant_elements(*e).any(|d| d.value().name() == "li"))
            .collect();
        let topics = if !items.is_empty() {
            items.iter().flat_map(|li| split_categories(&dom::text(**li), sep)).collect()
        } else {
            let text = dom::text(*line);
            let link_texts: Vec<String> = links(line).map(|(a, _)| dom::text(*a)).filter(|t| !t.is_empty()).collect();
            let only_links = link_texts.concat().split_whitespace().eq(text.split_whitespace())
                || link_texts.join(" ").split_whitespace().eq(text.split_whitespace());
            if link_texts.len() >= 2 && !text.contains(sep) && only_links {
                link_texts
            } else {
                split_categories(&text, sep)
            }
        };
        for t in topics {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// The category line: a profile selector, or before the headline the smallest element that
/// holds all the links to topic pages.
fn find_categories(doc: &Html, profile: &Profile, root: NodeId, headline: NodeId) -> Vec<String> {
    let before = before_headline(doc, root, headline);
    for sel in &profile.categories {
        let mut lines = Vec::new();
        for id in &before {
            if let Some(el) = doc.tree.get(*id).and_then(ElementRef::wrap) {
                if sel.matches(&el) {
                    lines.push(el);
                } else {
                    lines.extend(el.select(sel));
                }
            }
        }
        if !lines.is_empty() {
            return category_items(lines.into_iter(), &profile.category_separator);
        }
    }
    let Some(href_re) = &profile.category_link_href else { return Vec::new() };
    for id in &before {
        let Some(el) = doc.tree.get(*id).and_then(ElementRef::wrap) else { continue };
        let topic_links: Vec<ElementRef<'_>> =
            links(el).filter(|(_, href)| href_re.is_match(href)).map(|(a, _)| a).collect();
        if topic_links.is_empty() {
            continue;
        }
        // The smallest ancestor of the first topic link holding all of them.
        let mut line = *topic_links[0];
        while !topic_links.iter().all(|a| dom::is_inclusive_ancestor(line.id(), **a)) {
            match line.parent() {
                Some(p) => line = p,
                None => break,
            }
        }
        let line_text = dom::text(line);
        let link_texts: Vec<String> = topic_links.iter().map(|a| dom::text(**a)).collect();
        // The line's text is the topics joined by the separator; if it holds more than
        // that (a column label beside it), use the link texts.
        let from_line = split_categories(&line_text, &profile.category_separator);
        return if from_line == link_texts || link_texts.len() <= 1 && from_line.len() == 1 {
            from_line
        } else {
            link_texts
        };
    }
    Vec::new()
}

/// The byline: a selector match inside the root, else the first short element after the
/// headline holding an author link or a visible date, widened to its whole line.
fn find_byline(
    doc: &Html,
    profile: &Profile,
    root: NodeId,
    headline: Option<NodeId>,
    lens: &TextLens,
) -> Option<NodeId> {
    for sel in &profile.byline {
        if let Some(id) = select_in(doc, root, sel).into_iter().next() {
            return Some(widen_line(doc, id, root, headline, profile.byline_max_chars, lens));
        }
    }
    let r = doc.tree.get(root)?;
    let after_headline = |id: NodeId| -> bool {
        match headline {
            Some(h) => !doc.tree.get(h).is_some_and(|hn| dom::is_inclusive_ancestor(id, hn)),
            None => true,
        }
    };
    let mut seen_headline = headline.is_none();
    let mut found = None;
    let mut budget = 60; // elements after the headline to look at
    dom::walk(r, |n| {
        if found.is_some() || budget == 0 {
            return Walk::Skip;
        }
        let Some(el) = ElementRef::wrap(n) else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        if Some(n.id()) == headline {
            seen_headline = true;
            return Walk::Skip;
        }
        if !seen_headline {
            return Walk::Descend;
        }
        budget -= 1;
        let len = lens.get(n);
        if len == 0 || len > profile.byline_max_chars {
            return Walk::Descend;
        }
        let has_author = profile.author_links.as_ref().is_some_and(|s| s.matches(&el) || el.select(s).next().is_some());
        let t = dom::text(n);
        // An editor's note dated after the story ("updated on March 18") is not the byline.
        if profile.notes.iter().any(|re| re.is_match(&t)) {
            return Walk::Skip;
        }
        if (has_author || text::has_visible_date(&t) || el.value().name() == "time") && after_headline(n.id()) {
            found = Some(n.id());
            return Walk::Skip;
        }
        Walk::Descend
    });
    found.map(|id| widen_line(doc, id, root, headline, profile.byline_max_chars, lens))
}

/// Widens a byline element to the largest ancestor that is still a short line (not the
/// root, not holding the headline or a paragraph of body).
fn widen_line(
    doc: &Html,
    id: NodeId,
    root: NodeId,
    headline: Option<NodeId>,
    max_chars: usize,
    lens: &TextLens,
) -> NodeId {
    let Some(mut cur) = doc.tree.get(id) else { return id };
    while let Some(p) = cur.parent() {
        if p.id() == root || !p.value().is_element() || lens.get(p) > max_chars {
            break;
        }
        if headline.and_then(|h| doc.tree.get(h)).is_some_and(|h| dom::is_inclusive_ancestor(p.id(), h)) {
            break;
        }
        if p.children().any(|c| dom::tag(&c) == Some("p") && c.id() != cur.id() && lens.get(c) > 0) {
            break;
        }
        cur = p;
    }
    cur.id()
}

/// Authors (names without handles, author-page URLs) and dates from a byline.
fn parse_byline(
    doc: &Html,
    profile: &Profile,
    byline: NodeId,
    base: Option<&Url>,
) -> (Vec<Author>, Option<String>, Option<String>) {
    let Some(el) = doc.tree.get(byline).and_then(ElementRef::wrap) else { return (Vec::new(), None, None) };
    let line = dom::text(*el);
    let mut authors: Vec<Author> = Vec::new();
    if let Some(sel) = &profile.author_links {
        for a in el.select(sel) {
            let name = text::clean_person_name(&dom::text(*a));
            if name.is_empty() || authors.iter().any(|x| x.name == name) {
                continue;
            }
            let url = dom::attr(a.value(), ReadAttr::Href).and_then(|h| links::resolve_link(h, base));
            authors.push(Author { name, url, ..Author::default() });
        }
    }
    if authors.is_empty() {
        // "By Jane Doe and John Roe • September 14, 2020": the part before the date.
        let names_part = line.split(['•', '|', '·']).next().unwrap_or("");
        let names_part = match text::find_visible_date(names_part) {
            Some(_) => "",
            None => names_part,
        };
        authors = text::split_names(names_part)
            .into_iter()
            .filter(|n| n.split_whitespace().count() <= 5 && !n.chars().any(|c| c.is_ascii_digit()))
            .map(|name| Author { name, ..Author::default() })
            .collect();
    }
    let mut machine = None;
    // The first `time[datetime]` below the byline, else the byline itself if it is one.
    let time_datetime =
        |e: &ElementRef<'_>| e.value().name() == "time" && dom::attr(e.value(), ReadAttr::Datetime).is_some();
    if let Some(t) = descendant_elements(el).find(time_datetime).or_else(|| time_datetime(&el).then_some(el)) {
        machine = dom::attr(t.value(), ReadAttr::Datetime).and_then(text::iso_datetime);
    }
    let mut visible = None;
    for sel in &profile.date {
        if let Some(d) = el.select(sel).next() {
            visible = text::find_visible_date(&dom::text(*d));
            if visible.is_some() {
                break;
            }
        }
    }
    if visible.is_none() {
        visible = text::find_visible_date(&line);
    }
    (authors, visible, machine)
}

/// The deck: a selector match, else the first element after the headline when it is a
/// short line that is neither byline nor date.
fn find_deck(
    doc: &Html,
    profile: &Profile,
    root: NodeId,
    headline: Option<NodeId>,
    byline: Option<NodeId>,
    lens: &TextLens,
) -> Option<NodeId> {
    for sel in &profile.subtitle {
        if let Some(id) = select_in(doc, root, sel).into_iter().next() {
            return Some(id);
        }
    }
    let h = doc.tree.get(headline?)?;
    let mut next = next_line(h, root, lens)?;
    let byline_node = byline.and_then(|b| doc.tree.get(b));
    let in_byline = |n: DomNode<'_>| {
        byline_node.is_some_and(|b| dom::is_inclusive_ancestor(n.id(), b) || dom::is_inclusive_ancestor(b.id(), n))
    };
    // A deck after the byline (heroes that put "By A and B · date" under the headline): the
    // line after the byline, when it reads like a headline (no closing sentence punctuation,
    // no links: a tools line "Print | Email | Share" is not a deck).
    let mut after_byline = false;
    if in_byline(next)
        && let Some(b) = byline_node
    {
        let outer = if dom::is_inclusive_ancestor(b.id(), next) { next } else { b };
        next = next_line(outer, root, lens)?;
        after_byline = true;
    }
    if after_byline
        && (dom::text(next).trim_end().ends_with(['.', '!', '?', ':', '”', '"']) || link_chars(next, lens) > 0)
    {
        return None;
    }
    let tag = dom::tag(&next)?;
    if !matches!(tag, "h2" | "h3" | "h4" | "p" | "div" | "span" | "strong" | "em") {
        return None;
    }
    if in_byline(next) {
        return None;
    }
    let t = dom::text(next);
    let el = ElementRef::wrap(next)?;
    let has_author = profile.author_links.as_ref().is_some_and(|s| el.select(s).next().is_some());
    let is_note = profile.notes.iter().any(|r| r.is_match(&t));
    let is_promo = profile.remove.iter().any(|r| r.text.as_ref().is_some_and(|re| re.is_match(&t)));
    let headline_text = dom::text(h);
    if t.chars().count() > DECK_MAX_CHARS
        || t.is_empty()
        || has_author
        || text::has_visible_date(&t)
        || is_note
        || is_promo
        || t == headline_text
        || next.children().any(|c| matches!(dom::tag(&c), Some("img" | "picture" | "figure")))
    {
        return None;
    }
    // A paragraph deck must look like a deck: no final sentence punctuation run-on, short.
    if tag == "p" && (t.chars().count() > 250 || t.matches(". ").count() >= 2) {
        return None;
    }
    Some(next.id())
}

/// The next element with text after `node`, climbing out of wrappers (not past `scope`).
fn next_line<'a>(node: DomNode<'a>, scope: NodeId, lens: &TextLens) -> Option<DomNode<'a>> {
    let mut cur = node;
    loop {
        let mut sib = cur.next_sibling();
        while let Some(s) = sib {
            if s.value().is_element() && lens.get(s) > 0 {
                return Some(s);
            }
            sib = s.next_sibling();
        }
        let p = cur.parent()?;
        if p.id() == scope {
            return None;
        }
        cur = p;
    }
}

/// Shortest text of the first body paragraph.
const BODY_START_CHARS: usize = 80;
/// Longest text of one piece of head matter (badges, tool bars, presenter strips).
const HEAD_MATTER_MAX_CHARS: usize = 300;

/// Short non-paragraph elements between the headline and the first body paragraph: badges,
/// tool and share bars, presenter strips, image wrappers. Paragraphs and headings are left
/// to their own rules (deck, notes, captions).
fn head_matter(doc: &Html, root: NodeId, headline: NodeId, lens: &TextLens) -> Vec<NodeId> {
    let Some(r) = doc.tree.get(root) else { return Vec::new() };
    let Some(h) = doc.tree.get(headline) else { return Vec::new() };
    // The first body paragraph after the headline.
    let mut seen_h = false;
    let mut first = None;
    dom::walk(r, |n| {
        if first.is_some() {
            return Walk::Skip;
        }
        if n.id() == headline {
            seen_h = true;
            return Walk::Skip;
        }
        let Some(t) = dom::tag(&n) else { return Walk::Skip };
        if dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let body_like = t == "p" || (matches!(t, "div" | "section" | "td") && dom::has_direct_text(n));
        if seen_h && body_like && lens.get(n) >= BODY_START_CHARS {
            first = Some(n.id());
            return Walk::Skip;
        }
        Walk::Descend
    });
    let Some(first) = first.and_then(|f| doc.tree.get(f)) else { return Vec::new() };
    let h_anc: std::collections::HashSet<NodeId> = h.ancestors().map(|a| a.id()).collect();
    let f_anc: std::collections::HashSet<NodeId> = first.ancestors().map(|a| a.id()).collect();
    let mut out = Vec::new();
    let mut seen_h = false;
    let mut done = false;
    dom::walk(r, |n| {
        if done {
            return Walk::Skip;
        }
        if n.id() == headline {
            seen_h = true;
            return Walk::Skip;
        }
        if n.id() == first.id() {
            done = true;
            return Walk::Skip;
        }
        if h_anc.contains(&n.id()) || f_anc.contains(&n.id()) {
            return Walk::Descend;
        }
        if seen_h
            && let Some(t) = dom::tag(&n)
            && !matches!(
                t,
                "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "ul" | "ol" | "table" | "pre"
            )
            && (1..=HEAD_MATTER_MAX_CHARS).contains(&lens.get(n))
        {
            out.push(n.id());
        }
        Walk::Skip
    });
    out
}

/// Author boxes: profile selectors, or the box of an "About the Author" heading.
fn find_author_boxes(doc: &Html, profile: &Profile, protect: Protect, lens: &TextLens) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = Vec::new();
    for sel in &profile.author_box {
        for el in doc.select(sel) {
            if !protect.forbids(doc, el.id())
                && !out.iter().any(|o| doc.tree.get(*o).is_some_and(|on| dom::is_inclusive_ancestor(on.id(), *el)))
            {
                out.push(el.id());
            }
        }
    }
    if let Some(re) = &profile.author_box_heading {
        for h in heading_matches(doc, re, lens) {
            if out.iter().any(|o| doc.tree.get(h).is_some_and(|hn| dom::is_inclusive_ancestor(*o, hn))) {
                continue;
            }
            let bx = clean::heading_box(doc, h, protect, HEADING_BOX_MAX_CHARS, lens);
            out.extend(bx);
        }
    }
    out
}

/// Elements whose whole text matches `re` and that look like headings (short, text-bearing).
fn heading_matches(doc: &Html, re: &regex::Regex, lens: &TextLens) -> Vec<NodeId> {
    let mut out = Vec::new();
    dom::walk(doc.tree.root(), |n| {
        let Some(t) = dom::tag(&n) else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        if dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let len = lens.get(n);
        if len == 0 {
            return Walk::Skip;
        }
        if len <= 80 && clean::text_bearing(n) && re.is_match(&dom::text(n)) {
            out.push(n.id());
            return Walk::Skip;
        }
        Walk::Descend
    });
    out
}

/// Reads one author box: for each author link, its card (name, job line, bio); without
/// links, the box's lines (name, job line, bio).
fn parse_author_box(doc: &Html, bx: NodeId, base: Option<&Url>) -> Vec<Author> {
    let Some(el) = doc.tree.get(bx).and_then(ElementRef::wrap) else { return Vec::new() };
    let lines = box_lines(*el);
    let mut anchors: Vec<(String, String)> = Vec::new();
    // Links to author pages.
    for (a, href) in links(el).filter(|(_, href)| href.contains("/authors/") || href.contains("/author/")) {
        let name = text::clean_person_name(&dom::text(*a));
        let href = links::resolve_link(href, base).unwrap_or_default();
        if !name.is_empty() && !anchors.iter().any(|(n, _)| *n == name) {
            anchors.push((name, href));
        }
    }
    let mut authors = Vec::new();
    if anchors.is_empty() {
        let mut it = lines.iter().filter(|l| !is_box_heading(l));
        if let Some(name) = it.next() {
            let rest: Vec<&String> = it.filter(|l| *l != name).collect();
            authors.push(author_from_lines(name.clone(), None, &rest));
        }
        return authors;
    }
    // Lines after each author's name, up to the next author's name.
    for (i, (name, url)) in anchors.iter().enumerate() {
        let start = lines.iter().position(|l| text::clean_person_name(l) == *name);
        let next_name = anchors.get(i + 1).map(|(n, _)| n);
        let rest: Vec<&String> = match start {
            Some(s) => lines[s + 1..]
                .iter()
                .take_while(|l| next_name.is_none_or(|n| text::clean_person_name(l) != *n))
                .filter(|l| text::clean_person_name(l) != *name && !is_box_heading(l))
                .collect(),
            None => Vec::new(),
        };
        authors.push(author_from_lines(name.clone(), Some(url.clone()).filter(|u| !u.is_empty()), &rest));
    }
    authors
}

fn is_box_heading(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    l.starts_with("about the author") || l == "authors" || l == "author" || l == "written by"
}

/// Social-link and follow wording in author boxes, never a role or bio.
const AUTHOR_BOX_NOISE: &[&str] =
    &["Follow", "Twitter", "LinkedIn", "Email", "Website", "View all", "More from", "X (Twitter)"];

fn author_from_lines(name: String, url: Option<String>, rest: &[&String]) -> Author {
    let useful: Vec<&String> =
        rest.iter().copied().filter(|l| !AUTHOR_BOX_NOISE.iter().any(|n| l.starts_with(n) && l.len() < 60)).collect();
    let role = useful.iter().find(|l| l.chars().count() <= 120 && !l.ends_with('.')).map(|s| s.to_string());
    let bio = useful
        .iter()
        .filter(|l| Some(l.as_str()) != role.as_deref())
        .find(|l| l.chars().count() > 40)
        .map(|s| s.to_string());
    Author { name, role, bio, url }
}

/// The visible lines of a box: text of its leaf blocks, in order, consecutive duplicates
/// dropped.
fn box_lines(n: DomNode<'_>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks::build_blocks_excluding(n, &Default::default()) {
        for line in b.block.plain_text().lines() {
            let l = dom::normalize_space(line);
            if !l.is_empty() && lines.last() != Some(&l) {
                lines.push(l);
            }
        }
    }
    lines
}

/// Byline authors get the box's role, bio and URL (matched by name or author-page URL);
/// without a byline, the box's authors are the authors.
fn merge_box_authors(authors: &mut Vec<Author>, from_box: Vec<Author>) {
    let byline_empty = authors.is_empty();
    for b in from_box {
        let pos = authors.iter().position(|a| a.name == b.name || (a.url.is_some() && a.url == b.url));
        match pos {
            Some(i) => {
                let a = &mut authors[i];
                a.role = a.role.take().or(b.role);
                a.bio = a.bio.take().or(b.bio);
                a.url = a.url.take().or(b.url);
            }
            None if byline_empty => authors.push(b),
            None => {}
        }
    }
}

/// The first sizeable image of the article column, with its caption.
fn find_lead_image(doc: &Html, profile: &Profile, root: NodeId, base: Option<&Url>, lens: &TextLens) -> Option<Image> {
    let r = doc.tree.get(root).and_then(ElementRef::wrap)?;
    for sel in &profile.image {
        for img in r.select(sel) {
            let e = img.value();
            let tiny = [ReadAttr::Width, ReadAttr::Height].into_iter().any(|k| {
                dom::attr(e, k).and_then(|v| v.trim_end_matches("px").parse::<u32>().ok()).is_some_and(|v| v < 60)
            });
            if tiny {
                continue;
            }
            let Some(url) = images::img_url(img.value(), base) else { continue };
            let alt = dom::attr(e, ReadAttr::Alt).map(dom::normalize_space).filter(|a| !a.is_empty());
            let caption = img
                .ancestors()
                .find(|a| dom::tag(a) == Some("figure"))
                .and_then(|f| f.children().find(|c| dom::tag(c) == Some("figcaption")))
                .map(dom::text)
                .or_else(|| caption_after(img_holder(*img, lens)).map(dom::text))
                .filter(|c| !c.is_empty());
            return Some(Image { url, alt, caption });
        }
    }
    None
}

/// The image's outermost wrapper that holds nothing but it (figure, link, picture, div).
fn img_holder<'a>(img: DomNode<'a>, lens: &TextLens) -> DomNode<'a> {
    let mut cur = img;
    while let Some(p) = cur.parent() {
        if !p.value().is_element() || lens.get(p) > 0 || matches!(dom::tag(&p), Some("article" | "main" | "body")) {
            break;
        }
        cur = p;
    }
    cur
}

/// A caption right after an image: short, and worded or styled like one.
fn caption_after(holder: DomNode<'_>) -> Option<DomNode<'_>> {
    let s = dom::next_element_past_blank_text(holder)?;
    let t = dom::text(s);
    let n = t.chars().count();
    if n == 0 || n > CAPTION_MAX_CHARS {
        return None;
    }
    let worded = CAPTION_PREFIXES.iter().any(|p| t.starts_with(p)) || CAPTION_CREDITS.iter().any(|c| t.contains(c));
    // A wrapper holding just the image and this line is a figure in all but name.
    let figure_like = holder.parent().is_some_and(|p| {
        p.children().filter(|c| c.value().is_element()).count() == 2
            && !p.children().any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()))
            && !matches!(dom::tag(&p), Some("article" | "main" | "body" | "section"))
    });
    let styled = matches!(dom::tag(&s), Some("figcaption" | "small" | "em" | "i" | "span" | "div" | "cite"))
        || s.children()
            .filter(|c| c.value().is_element() || c.value().as_text().is_some_and(|t| !t.trim().is_empty()))
            .count()
            == 1
            && s.children().any(|c| matches!(dom::tag(&c), Some("em" | "i" | "small")));
    let alt_echo = holder_alt(holder).is_some_and(|a| a == t);
    (worded || styled || alt_echo || figure_like).then_some(s)
}

fn holder_alt(holder: DomNode<'_>) -> Option<String> {
    let mut alt = None;
    dom::walk(holder, |n| {
        if alt.is_none() && dom::tag(&n) == Some("img") {
            alt = n
                .value()
                .as_element()
                .and_then(|e| dom::attr(e, ReadAttr::Alt).or_else(|| dom::attr(e, ReadAttr::Title)))
                .map(dom::normalize_space);
        }
        Walk::Descend
    });
    alt
}

/// Captions: `figcaption`, and a caption line right after an image.
fn remove_captions(doc: &mut Html, root: NodeId, cleaner: &mut Cleaner, rule: &str) {
    let Some(r) = doc.tree.get(root) else { return };
    let mut hits = Vec::new();
    let lens = cleaner.lens();
    dom::walk(r, |n| match dom::tag(&n) {
        Some("figcaption") => {
            hits.push((n.id(), n.parent().map_or(n.id(), |p| p.id())));
            Walk::Skip
        }
        Some("img" | "picture") => {
            let holder = img_holder(n, lens);
            if let Some(c) = caption_after(holder) {
                hits.push((c.id(), holder.id()));
            }
            Walk::Skip
        }
        Some(t) if dom::is_non_text_tag(t) => Walk::Skip,
        Some(_) => Walk::Descend,
        None => Walk::Skip,
    });
    for (id, owner) in hits {
        cleaner.remove_caption(doc, id, owner, rule);
    }
}

/// Longest editor's note.
const NOTE_MAX_CHARS: usize = 600;

/// Editor's notes after the headline and before the body's first prose paragraph (inside the
/// article column or outside it), in page order.
fn notes_before_body(
    doc: &Html,
    profile: &Profile,
    headline: NodeId,
    root: NodeId,
    lens: &TextLens,
) -> Vec<(NodeId, String)> {
    let mut notes = Vec::new();
    if profile.notes.is_empty() {
        return notes;
    }
    let (mut after_headline, mut done) = (false, false);
    dom::walk(doc.tree.root(), |n| {
        if done {
            return Walk::Skip;
        }
        if n.id() == headline {
            after_headline = true;
            return Walk::Skip;
        }
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if t == "head" || dom::is_non_text_tag(t) || !after_headline || !clean::text_bearing(n) {
            return Walk::Descend;
        }
        let len = lens.get(n);
        if len == 0 || len > NOTE_MAX_CHARS {
            return Walk::Descend;
        }
        let line = dom::text(n);
        if profile.notes.iter().any(|re| re.is_match(&line)) {
            notes.push((n.id(), line));
            return Walk::Skip;
        }
        // The body has begun: its first prose paragraph inside the article column.
        if is_prose_paragraph(n, lens) && doc.tree.get(root).is_some_and(|r| dom::is_inclusive_ancestor(r.id(), n)) {
            done = true;
            return Walk::Skip;
        }
        Walk::Descend
    });
    notes
}

/// Credit lines become contributors and editor's notes become notes; both leave the body.
fn extract_credits_and_notes(
    doc: &mut Html,
    profile: &Profile,
    root: NodeId,
    out: &mut ProfileOutput,
    cleaner: &mut Cleaner,
) {
    let Some(r) = doc.tree.get(root) else { return };
    let mut credits = Vec::new();
    let mut notes = Vec::new();
    let lens = cleaner.lens();
    dom::walk(r, |n| {
        let Some(t) = dom::tag(&n) else { return Walk::Skip };
        if dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        if n.id() == root || !clean::text_bearing(n) {
            return Walk::Descend;
        }
        let len = lens.get(n);
        if len == 0 || len > 600 {
            return Walk::Descend;
        }
        let line = dom::text(n);
        if let Some(re) = &profile.credit_line
            && let Some(c) = re.captures(&line)
            && let Some(who) = c.name("who")
        {
            credits.push((n.id(), who.as_str().to_string()));
            return Walk::Skip;
        }
        if profile.notes.iter().any(|re| re.is_match(&line)) {
            notes.push((n.id(), line));
            return Walk::Skip;
        }
        Walk::Descend
    });
    for (id, who) in credits {
        for part in split_credit_people(&who) {
            let (name, role) = text::split_role_name(&part, &profile.role_words);
            if !name.is_empty() {
                out.contributors.push(Contributor { name, role });
            }
        }
        cleaner.remove(doc, id, RemovalKind::Metadata, &format!("{}.credit-line", profile.name));
    }
    for (id, line) in notes {
        out.notes.push(line);
        cleaner.remove(doc, id, RemovalKind::Metadata, &format!("{}.editor-note", profile.name));
    }
}

/// "Senior Editor A and Managing Editor B" → ["Senior Editor A", "Managing Editor B"].
fn split_credit_people(who: &str) -> Vec<String> {
    let who = who.trim().trim_start_matches("and ").to_string();
    who.split(", ")
        .flat_map(|p| p.split(" and "))
        .map(|s| s.trim().trim_start_matches("and ").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Applies the profile's removal rules in order.
fn apply_remove_rules(doc: &mut Html, profile: &Profile, protect: Protect, cleaner: &mut Cleaner) {
    for rule in &profile.remove {
        let mut hits: Vec<NodeId> = Vec::new();
        for sel in &rule.selectors {
            hits.extend(doc.select(sel).map(|e| e.id()));
        }
        if rule.text.is_some() || rule.heading.is_some() {
            let lens = cleaner.lens();
            dom::walk(doc.tree.root(), |n| {
                let Some(t) = dom::tag(&n) else {
                    return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
                };
                if t == "head" || dom::is_non_text_tag(t) {
                    return Walk::Skip;
                }
                if !clean::text_bearing(n) {
                    return Walk::Descend;
                }
                let len = lens.get(n);
                if len == 0 {
                    return Walk::Skip;
                }
                if let Some(re) = &rule.heading
                    && len <= 80
                    && re.is_match(&dom::text(n))
                {
                    hits.extend(clean::heading_box(doc, n.id(), protect, rule.box_max_chars, lens));
                    return Walk::Skip;
                }
                if let Some(re) = &rule.text
                    && len <= rule.max_chars
                    && re.is_match(&dom::text(n))
                {
                    hits.push(n.id());
                    return Walk::Skip;
                }
                Walk::Descend
            });
        }
        for id in hits {
            if protect.forbids(doc, id) {
                continue;
            }
            let inside = protect.inside_root(doc, id);
            let allowed = match rule.scope {
                Scope::Any => true,
                Scope::Article => inside,
                Scope::Outside => !inside,
            };
            if allowed {
                cleaner.remove(doc, id, rule.kind, &rule.id);
            }
        }
    }
}

/// Body blocks that repeat the headline, the deck, or another block (pull-quotes repeat a
/// body sentence) are dropped.
fn drop_duplicates(doc: &Html, body: &mut Vec<BodyBlock>, out: &ProfileOutput, cleaner: &mut Cleaner) {
    let paragraphs: Vec<String> = body
        .iter()
        .filter_map(|b| match &b.block {
            Block::Paragraph { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let mut keep = Vec::with_capacity(body.len());
    for b in body.drain(..) {
        if !b.block.is_text() {
            keep.push(b);
            continue;
        }
        let t = b.block.plain_text();
        let echo_of_head = out.title.as_deref() == Some(t.as_str()) || out.subtitle.as_deref() == Some(t.as_str());
        let pull_quote = matches!(b.block, Block::Quote { .. } | Block::Paragraph { .. })
            && t.chars().count() >= 20
            && paragraphs
                .iter()
                .filter(|p| p.contains(t.trim_matches(|c: char| c == '"' || c == '“' || c == '”')))
                .count()
                >= if matches!(b.block, Block::Paragraph { .. }) { 2 } else { 1 };
        let repeated = matches!(b.block, Block::Paragraph { .. }) && seen.contains(&t);
        if echo_of_head || pull_quote || repeated {
            cleaner.record(doc, b.node, RemovalKind::Duplicate, "duplicate-block");
            continue;
        }
        seen.push(t);
        keep.push(b);
    }
    *body = keep;
}

/// With `--explain`: what was left outside the article column, at each level from the
/// column up to `body`, is reported once per subtree.
fn record_outside_root(doc: &Html, root: NodeId, cleaner: &mut Cleaner) {
    let Some(mut cur) = doc.tree.get(root) else { return };
    let mut ids = Vec::new();
    while let Some(p) = cur.parent() {
        for s in p.children() {
            if s.id() != cur.id() && s.value().is_element() {
                ids.push(s.id());
            }
        }
        if matches!(dom::tag(&p), Some("body" | "html")) {
            break;
        }
        cur = p;
    }
    for id in ids {
        cleaner.record(doc, id, RemovalKind::Other, "outside-article");
    }
}
