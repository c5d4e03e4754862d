//! Cleaning: taking boilerplate out of the one parsed DOM, recording why.
//!
//! Every removal goes through [`Cleaner::remove`], which detaches the subtree and, with
//! `--explain`, records `{kind, rule, text}` in page order. Site rules (from `config.toml`)
//! run first; the universal heuristics here are code, with their word lists named below.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use crate::article::{Removal, RemovalKind};
use crate::dom::{self, DomNode, NodeMap, TextLens, Visit, Walk};
use crate::matching::Tokens;
use crate::parse::attributes::ReadAttr;

/// Collects removals and detaches nodes, and keeps the text length of every element.
#[derive(Debug)]
pub struct Cleaner {
    explain: bool,
    /// Pre-order index of every element, for page-order reporting.
    order: NodeMap<usize>,
    removed: Vec<(usize, Removal)>,
    /// `dom::text_len` of every element, kept exact across removals.
    lens: TextLens,
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
        Cleaner { explain, order, removed: Vec::new(), lens: TextLens::new(doc.tree.root()) }
    }

    /// Text lengths (`dom::text_len`) of the document as it is now.
    pub fn lens(&self) -> &TextLens {
        &self.lens
    }

    /// Whether removals are being recorded.
    pub fn explaining(&self) -> bool {
        self.explain
    }

    /// Records a removal of `node` without detaching it (text already used elsewhere).
    pub fn record(&mut self, doc: &Html, node: NodeId, kind: RemovalKind, rule: &str) {
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

    /// Records and detaches `node`. Returns false if it was already gone.
    pub fn remove(&mut self, doc: &mut Html, node: NodeId, kind: RemovalKind, rule: &str) -> bool {
        if !dom::is_attached(doc, node) {
            return false;
        }
        self.record(doc, node, kind, rule);
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

    /// The removals, in page order.
    pub fn into_removed(mut self) -> Vec<Removal> {
        self.removed.sort_by_key(|(pos, _)| *pos);
        self.removed.into_iter().map(|(_, r)| r).collect()
    }
}

/// Tags that never hold article text a reader sees.
pub const NON_CONTENT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "link", "meta",
    "button", "input", "select", "textarea", "option", "datalist", "audio", "video", "source", "track", "map",
    "dialog",
];

/// Whether a tag is one of [`NON_CONTENT_TAGS`] (a `match`: a switch on the length, then one
/// comparison).
fn is_non_content_tag(name: &str) -> bool {
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
            | "link"
            | "meta"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "datalist"
            | "audio"
            | "video"
            | "source"
            | "track"
            | "map"
            | "dialog"
    );
    debug_assert_eq!(listed, NON_CONTENT_TAGS.contains(&name), "{name}");
    listed
}

/// ARIA roles of boilerplate landmarks, with the kind they are reported as.
const ROLE_KINDS: &[(&str, RemovalKind)] = &[
    ("dialog", RemovalKind::Modal),
    ("alertdialog", RemovalKind::Modal),
    ("navigation", RemovalKind::Navigation),
    ("banner", RemovalKind::Header),
    ("contentinfo", RemovalKind::Footer),
    ("complementary", RemovalKind::Sidebar),
    ("search", RemovalKind::Navigation),
];

/// Hosts and paths of share links (`href` substrings): a short block whose links all point
/// here is a share bar, whatever its class names.
pub const SHARE_HREFS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "linkedin.com/share",
    "linkedin.com/sharing",
    "linkedin.com/cws/share",
    "reddit.com/submit",
    "pinterest.com/pin/create",
    "wa.me/",
    "api.whatsapp.com/send",
    "t.me/share",
    "telegram.me/share",
    "mailto:?",
    "addthis.com/bookmark",
    "news.ycombinator.com/submitlink",
    "getpocket.com/save",
    "bsky.app/intent",
    "threads.net/intent",
    "xing.com/spi/shares",
    "tumblr.com/share",
    "vk.com/share",
    "javascript:window.print",
    "plus.google.com/share",
    "?share=",
    "&share=",
];

/// Headings of boxes that are never article body, with the kind they are reported as
/// (used by the general extractor; site profiles carry their own in `config.toml`).
pub const BOILERPLATE_HEADINGS: &[(&str, RemovalKind)] = &[
    // English, then German, French, Spanish, Portuguese, Italian, Polish, Dutch.
    (
        r"(?i)^(related|related (posts|articles|stories|content|reading|links|topics)|you (may|might) also like|more (stories|articles|news|on this( topic)?)|more (from|in) .{1,40}|empfohlen für dich|für dich empfohlen|recommended( for you| reading| stories)?|read (more|next)|popular( posts| stories)?|most (read|popular|viewed)|recent posts|latest (news|stories|articles)|trending( now)?|around the web|further reading|das könnte (dich|sie) auch interessieren|(das|dies) (könnte|dürfte) sie auch interessieren|mehr (zum thema|themen|dazu|aus .{1,40})|weitere (beiträge|artikel|themen|nachrichten|news)( .{1,40})?|beiträge zum thema|ähnliche (artikel|beiträge|themen|nachrichten|news|meldungen)|top[- ]themen( der redaktion)?|meist[- ]?(diskutiert|kommentiert)|热门推荐|相关(新闻|文章|阅读)|aktuelle (news|nachrichten|artikel|beiträge)|neueste (artikel|beiträge)|auch interessant|lesen sie (auch|mehr)|zum thema|verwandte (artikel|themen|beiträge)|empfehlungen|meistgelesen(e artikel)?|top-?artikel|à lire aussi|a lire aussi|sur le même sujet|articles similaires|dans la même rubrique|les plus lus|noticias relacionadas|te puede interesar|más noticias|lo más leído|notícias relacionadas|leia também|veja também|articoli correlati|potrebbe interessarti|leggi anche|ultime notizie|zobacz (też|także)|czytaj (też|także)|powiązane( artykuły)?|najnowsze|najczęściej czytane|gerelateerde artikelen|lees ook|meest gelezen)\s*[.:…!]*$",
        RemovalKind::Related,
    ),
    (
        r"(?i)^(share( this( article| story| post| page)?)?|like this|spread the word|teilen|artikel teilen|diesen artikel teilen|partager|compartir|condividi|udostępnij)\s*:?$",
        RemovalKind::Share,
    ),
    (
        r"(?i)^(\d+\s+)?(comments?|responses?|replies|thoughts on .{1,80}|leave a (reply|comment)|join the (discussion|conversation)|discussion|kommentare?|kommentieren|kommentar (schreiben|verfassen)|schreibe einen kommentar|leserkommentare|diskussion|commentaires?|laisser un commentaire|comentarios?|deja un comentario|commenti|lascia un commento|komentarze?|dodaj komentarz|reacties|reageer)( \(\d+\))?\s*:?$",
        RemovalKind::Comments,
    ),
    (
        r"(?i)^(subscribe( now| to .{1,40})?|newsletter( abonnieren| bestellen)?|sign up( for .{1,40})?|get (our|the) newsletter|stay (informed|up to date)|jetzt abonnieren|abonnez-vous|suscríbete)\s*:?$",
        RemovalKind::Newsletter,
    ),
    (
        r"(?i)^(about the authors?|about .{1,40} author|author bio|über (den|die) autor(in)?|zum autor|zur autorin|l'auteur|sobre el autor)\s*:?$",
        RemovalKind::AuthorBox,
    ),
];

/// [`BOILERPLATE_HEADINGS`] searched at once (most headings match none).
static BOILERPLATE_HEADING_SET: std::sync::LazyLock<regex::RegexSet> = std::sync::LazyLock::new(|| {
    regex::RegexSet::new(BOILERPLATE_HEADINGS.iter().map(|(p, _)| p)).expect("static regexes")
});

/// The kind of the first of [`BOILERPLATE_HEADINGS`] that matches `text`.
fn boilerplate_heading_kind(text: &str) -> Option<RemovalKind> {
    let set = &*BOILERPLATE_HEADING_SET;
    if !set.is_match(text) {
        return None;
    }
    set.matches(text).iter().next().map(|i| BOILERPLATE_HEADINGS[i].1)
}

/// Longest text of a box found by a boilerplate heading.
const HEADING_BOX_MAX_CHARS: usize = 3000;

/// Takes out boxes introduced by the boilerplate headings above ("Related", "Share this:",
/// "3 Comments", …). Headings are `h1`–`h6` or short lines.
/// Shortest paragraph that is prose (see [`is_prose_paragraph`]).
const PROSE_PARAGRAPH_MIN_CHARS: usize = 80;

/// Whether `n` is a paragraph of prose: a `p` of prose length, mostly not link text (a
/// related box lists links; the article after it has sentences).
fn is_prose_paragraph(n: DomNode<'_>, lens: &TextLens) -> bool {
    if dom::tag(&n) != Some("p") {
        return false;
    }
    let len = lens.get(n);
    if len < PROSE_PARAGRAPH_MIN_CHARS {
        return false;
    }
    link_chars(n, lens) * 2 < len
}

/// Text length inside links under `n`.
pub fn link_chars(n: DomNode<'_>, lens: &TextLens) -> usize {
    let mut link = 0;
    dom::walk(n, |x| {
        if dom::tag(&x) == Some("a") {
            link += lens.get(x);
            return Walk::Skip;
        }
        Walk::Descend
    });
    link
}

/// Text in prose paragraphs (see [`is_prose_paragraph`]) under `n`, and how many there are.
fn prose_chars(n: DomNode<'_>, lens: &TextLens) -> (usize, usize) {
    let (mut chars, mut count) = (0, 0);
    dom::walk(n, |x| {
        if dom::tag(&x) == Some("p") {
            if is_prose_paragraph(x, lens) {
                chars += lens.get(x);
                count += 1;
            }
            return Walk::Skip;
        }
        if x.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name())) {
            return Walk::Skip;
        }
        Walk::Descend
    });
    (chars, count)
}

/// Fewest prose paragraphs that can make a box the article (see [`holds_most_prose`]).
const ARTICLE_MIN_PARAGRAPHS: usize = 3;

/// Whether `n` holds most of the page's prose (`page`, from [`prose_chars`]) in a few
/// paragraphs: then it is the article, whatever its tag or class says (a page built inside
/// a `form` or a "cookie-consent" wrapper).
fn holds_most_prose(n: DomNode<'_>, page: (usize, usize), lens: &TextLens) -> bool {
    if page.1 < ARTICLE_MIN_PARAGRAPHS {
        return false;
    }
    let (chars, count) = prose_chars(n, lens);
    count >= ARTICLE_MIN_PARAGRAPHS && chars * 2 > page.0
}

/// Whether `n` holds a `p` of `min_chars` or more.
fn holds_paragraph_of(n: DomNode<'_>, lens: &TextLens, min_chars: usize) -> bool {
    let mut found = false;
    dom::walk(n, |x| {
        if found {
            return Walk::Skip;
        }
        if dom::tag(&x) == Some("p") {
            found = lens.get(x) >= min_chars;
            return Walk::Skip;
        }
        Walk::Descend
    });
    found
}

pub fn remove_boilerplate_heading_boxes(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut hits: Vec<(NodeId, RemovalKind)> = Vec::new();
    let lens = cleaner.lens();
    dom::walk(doc.tree.root(), |n| {
        let Some(t) = dom::tag(&n) else { return if n.value().is_document() { Walk::Descend } else { Walk::Skip } };
        if t == "head" || dom::is_non_text_tag(t) {
            return Walk::Skip;
        }
        let is_heading = dom::heading_level(t).is_some() || matches!(t, "strong" | "b" | "span" | "div" | "p" | "em");
        if !is_heading || !text_bearing(n) {
            return Walk::Descend;
        }
        let len = lens.get(n);
        if len == 0 || len > 60 {
            return Walk::Descend;
        }
        let text = dom::text(n);
        if let Some(kind) = boilerplate_heading_kind(&text) {
            // The heading may sit inside `<h3><em>Related</em></h3>`: take the outer heading.
            let id = n
                .parent()
                .filter(|p| dom::tag(p).and_then(dom::heading_level).is_some() && lens.get(*p) == len)
                .map_or(n.id(), |p| p.id());
            hits.push((id, kind));
            return Walk::Skip;
        }
        Walk::Descend
    });
    for (h, kind) in hits {
        let mut boxes = heading_box(doc, h, protect, HEADING_BOX_MAX_CHARS, cleaner.lens());
        // A share bar holds links and words, never prose: a box that does has climbed into
        // the article ("Share article" above the body); the heading goes alone.
        if kind == RemovalKind::Share
            && boxes.iter().any(|b| {
                doc.tree.get(*b).is_some_and(|n| holds_paragraph_of(n, cleaner.lens(), PROSE_PARAGRAPH_MIN_CHARS))
            })
        {
            boxes = vec![h];
        }
        // A "Related" heading in flat markup gathers its siblings: the links it introduces,
        // not the prose after them (the article may go on below a related link).
        if kind == RemovalKind::Related
            && boxes.first() == Some(&h)
            && let Some(cut) =
                boxes.iter().position(|b| doc.tree.get(*b).is_some_and(|n| is_prose_paragraph(n, cleaner.lens())))
        {
            boxes.truncate(cut);
        }
        for id in boxes {
            if !protect.forbids(doc, id) {
                cleaner.remove(doc, id, kind, "boilerplate-heading");
            }
        }
    }
}

/// Words of share and article-tool bars ("Print | Email | Share | Comments (2)").
pub const SHARE_WORDS: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "reddit",
    "whatsapp",
    "pinterest",
    "telegram",
    "pocket",
    "flipboard",
    "copy link",
    "copy",
    "link",
    "save",
    "like",
    "like this",
    "comments",
    "comment",
    "share via email",
    "share on x",
    "share on facebook",
    "share on linkedin",
    "share on twitter",
    "bluesky",
    "threads",
    "mastodon",
    "xing",
    "more",
];

/// Structural chrome elements, with their kind.
const CHROME_TAGS: &[(&str, RemovalKind)] = &[
    ("nav", RemovalKind::Navigation),
    ("header", RemovalKind::Header),
    ("footer", RemovalKind::Footer),
    ("aside", RemovalKind::Sidebar),
    ("form", RemovalKind::Other),
];

/// Class/id tokens of cookie and consent banners of the common platforms.
pub const COOKIE_TOKENS: &[&str] =
    &["cookie", "consent", "gdpr", "onetrust", "cookiebot", "cc-banner", "cc-window", "truste", "didomi", "cmp-"];

static COOKIE: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(COOKIE_TOKENS));
static SHARE_LINK: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(SHARE_HREFS));

/// Takes out what is never content, anywhere on the page: scripts and other non-text
/// elements, hidden elements, dialogs. Protected nodes stay.
/// Class tokens of inline hover cards: boxes inside a paragraph that the page shows only on
/// hover (a person's photo and latest stories beside their name).
pub const HOVER_CARD_TOKENS: &[&str] = &["tooltip", "popover", "hovercard", "hover-card", "rollover"];
static HOVER_CARD: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(HOVER_CARD_TOKENS));

/// Whether `n` is a hover card inside a paragraph: a `span`/`div` with a hover-card class
/// that is not the trigger itself (a wrapper whose first child is the link hovered over).
fn is_hover_card(n: DomNode<'_>) -> bool {
    let Some(e) = n.value().as_element() else { return false };
    // The structural tests first: they are cheaper than the class search.
    if !matches!(e.name(), "span" | "div") || !n.ancestors().take(4).any(|a| dom::tag(&a) == Some("p")) {
        return false;
    }
    let starts_with_trigger = n.children().find(|c| c.value().is_element()).is_some_and(|c| dom::tag(&c) == Some("a"));
    !starts_with_trigger && HOVER_CARD.in_id_class(e)
}

pub fn remove_never_content(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut hits: Vec<(NodeId, RemovalKind, &'static str)> = Vec::new();
    let lens = cleaner.lens();
    dom::walk(doc.tree.root(), |n| {
        let Node::Element(e) = n.value() else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        let name = e.name();
        if name == "head" {
            return Walk::Skip;
        }
        if MEDIA_TAGS.contains(&name) {
            hits.push((media_box(n, lens).id(), RemovalKind::Other, "media-player"));
            return Walk::Skip;
        }
        if is_non_content_tag(name) {
            hits.push((
                n.id(),
                if name == "dialog" { RemovalKind::Modal } else { RemovalKind::Other },
                "non-content-element",
            ));
            return Walk::Skip;
        }
        if let Some(el) = ElementRef::wrap(n) {
            if dom::is_hidden(&el) {
                hits.push((n.id(), RemovalKind::Hidden, "hidden"));
                return Walk::Skip;
            }
            if is_hover_card(n) {
                hits.push((n.id(), RemovalKind::Hidden, "hover-card"));
                return Walk::Skip;
            }
            if dom::attr(e, ReadAttr::AriaModal) == Some("true")
                || dom::attr(e, ReadAttr::Role)
                    .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
            {
                hits.push((n.id(), RemovalKind::Modal, "dialog-role"));
                return Walk::Skip;
            }
        }
        Walk::Descend
    });
    for (id, kind, rule) in hits {
        if !protect.forbids(doc, id) {
            cleaner.remove(doc, id, kind, rule);
        }
    }
}

/// The largest wrapper of a media element that holds only a little text (player controls,
/// running time, download link), never a paragraph.
fn media_box<'a>(media: DomNode<'a>, lens: &TextLens) -> DomNode<'a> {
    let mut cur = media;
    while let Some(p) = cur.parent() {
        if !matches!(dom::tag(&p), Some("div" | "figure" | "span" | "section")) || lens.get(p) > MEDIA_BOX_MAX_CHARS {
            break;
        }
        if p.children().any(|c| matches!(dom::tag(&c), Some("h1" | "h2" | "article" | "main"))) {
            break;
        }
        cur = p;
    }
    cur
}

/// Takes out structural chrome (`nav`, `header`, `footer`, `aside`, `form`, ARIA landmarks,
/// cookie banners by class/id) outside the protected nodes. Inside the article column only
/// `nav`, `aside` and `form` go: an article's own `header`/`footer` may hold its text.
/// Shortest paragraph that makes a `header` an article's header (a teaser), not chrome.
const HEADER_TEASER_MIN_CHARS: usize = 50;

/// Whether a `header` is the article's own: inside the `article` or `main` element that holds
/// the headline (when there is one), with a teaser paragraph.
fn is_article_header(doc: &Html, header: DomNode<'_>, protect: Protect, lens: &TextLens) -> bool {
    let Some(container) = header.ancestors().find(|a| matches!(dom::tag(a), Some("article" | "main"))) else {
        return false;
    };
    let headline = protect.headline.and_then(|h| doc.tree.get(h));
    if headline.is_some_and(|h| !dom::is_inclusive_ancestor(container.id(), h)) {
        return false;
    }
    holds_paragraph_of(header, lens, HEADER_TEASER_MIN_CHARS)
}

pub fn remove_chrome(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut hits: Vec<(NodeId, RemovalKind, &'static str)> = Vec::new();
    dom::walk(doc.tree.root(), |n| {
        let Node::Element(e) = n.value() else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        let name = e.name();
        if name == "head" {
            return Walk::Skip;
        }
        if let Some((_, kind)) = CHROME_TAGS.iter().find(|(t, _)| *t == name) {
            hits.push((n.id(), *kind, "chrome-element"));
            return Walk::Descend;
        }
        if let Some(role) = dom::attr(e, ReadAttr::Role)
            && let Some((_, kind)) = ROLE_KINDS.iter().find(|(r, _)| role.eq_ignore_ascii_case(r))
        {
            hits.push((n.id(), *kind, "landmark-role"));
            return Walk::Descend;
        }
        if COOKIE.in_id_class(e) {
            hits.push((n.id(), RemovalKind::CookieNotice, "cookie-banner-class"));
            return Walk::Skip;
        }
        Walk::Descend
    });
    let page_prose = prose_chars(doc.tree.root(), cleaner.lens());
    for (id, kind, rule) in hits {
        if protect.forbids(doc, id) {
            continue;
        }
        let inside = protect.inside_root(doc, id);
        let tag = doc.tree.get(id).and_then(|n| dom::tag(&n).map(str::to_string)).unwrap_or_default();
        // An `aside` full of prose is still an aside (a deals column beside a short story).
        if tag != "aside" && doc.tree.get(id).is_some_and(|n| holds_most_prose(n, page_prose, cleaner.lens())) {
            continue;
        }
        if inside && matches!(tag.as_str(), "header" | "footer") {
            continue;
        }
        if tag == "header" && doc.tree.get(id).is_some_and(|n| is_article_header(doc, n, protect, cleaner.lens())) {
            continue;
        }
        let kind = if inside && tag == "aside" { RemovalKind::Promo } else { kind };
        // A page-wrapping form (ASP.NET) holds the whole page: only small forms go.
        if tag == "form" && doc.tree.get(id).is_some_and(|n| cleaner.lens().get(n) > FORM_BOX_MAX_CHARS) {
            continue;
        }
        cleaner.remove(doc, id, kind, rule);
    }
}

/// Whether a short element is a share or article-tools bar, given the number of links (`a`
/// with `href`) and of share links in its subtree and what its text's characters can be: all
/// its links are share links, or its whole text is share words and separators.
fn share_bar_by_counts(n: DomNode<'_>, lens: &TextLens, links: usize, share_links: usize, words: ShareChars) -> bool {
    let len = lens.get(n);
    if len > 200 {
        return false;
    }
    if share_links >= 2 && share_links * 2 >= links {
        return true;
    }
    if len == 0 || !words.may_be_share_words() {
        return false;
    }
    // Text made only of share words, counts and separators.
    let text = dom::text(n).to_lowercase();
    let words: Vec<&str> = text.split(is_share_splitter).map(str::trim).filter(|w| !w.is_empty()).collect();
    words.len() >= 2 && words.iter().all(|w| SHARE_WORDS.contains(w))
}

/// What the characters of an element's text (outside non-text elements) can be in share
/// words: a cheap test that must pass for the word test of [`share_bar_by_counts`] to pass,
/// without building the text. Summed bottom-up over a walk.
#[derive(Clone, Copy)]
struct ShareChars {
    /// Every character can be in share words (see [`share_char`]).
    possible: bool,
    /// One splits words (two words are needed).
    split: bool,
}

impl ShareChars {
    const EMPTY: ShareChars = ShareChars { possible: true, split: false };

    fn may_be_share_words(self) -> bool {
        self.possible && self.split
    }

    /// Adds a text's characters (reading no further than the first that cannot be). ASCII
    /// bytes are looked up in [`ASCII_SHARE_CHARS`]; other characters go to [`share_char`].
    fn add_text(&mut self, t: &str) {
        if !self.possible {
            return;
        }
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                match ASCII_SHARE_CHARS[usize::from(c)] {
                    ShareClass::Word => {}
                    ShareClass::Split => self.split = true,
                    ShareClass::Never => {
                        self.possible = false;
                        return;
                    }
                }
                i += 1;
                continue;
            }
            let Some(ch) = t[i..].chars().next() else { return };
            match share_char(ch) {
                Some(s) => self.split |= s,
                None => {
                    self.possible = false;
                    return;
                }
            }
            i += ch.len_utf8();
        }
    }

    fn add(&mut self, child: ShareChars) {
        self.possible &= child.possible;
        self.split |= child.split;
    }
}

/// What an ASCII character can be in a share bar's text ([`share_char`] as a table).
#[derive(Clone, Copy, PartialEq, Debug)]
enum ShareClass {
    Word,
    Split,
    Never,
}

/// [`share_char`] of each ASCII character.
static ASCII_SHARE_CHARS: LazyLock<[ShareClass; 128]> = LazyLock::new(|| {
    std::array::from_fn(|c| match share_char(char::from(c as u8)) {
        Some(false) => ShareClass::Word,
        Some(true) => ShareClass::Split,
        None => ShareClass::Never,
    })
});

/// What splits a share bar's text into words: separators and digits (counts).
fn is_share_splitter(c: char) -> bool {
    matches!(c, '|' | '•' | '·' | ',' | '/' | ':' | '(' | ')') || c.is_ascii_digit()
}

/// What a character of a page's raw text can be in a share bar's words: `None` when its
/// NFC lower-case form has a character outside share words, splitters and white space (the
/// text is then no share bar), else whether it splits words (U+0387 GREEK ANO TELEIA is
/// U+00B7 in NFC, U+212A KELVIN SIGN lower-cases to `k`).
fn share_char(c: char) -> Option<bool> {
    match c {
        'a'..='z' | 'A'..='Z' | '-' | '\u{212a}' => Some(false),
        '\u{387}' => Some(true),
        c if is_share_splitter(c) => Some(true),
        c if c.is_whitespace() => Some(false),
        _ => None,
    }
}

/// Takes out share bars and article-tool lines anywhere (by their links or words).
///
/// One walk: the link counts and characters of [`share_bar_by_counts`] are summed bottom-up (each `href` is tested
/// once, not once per short ancestor), and an element is decided when the walk leaves it.
/// The hits are the outermost elements that pass, in page order, as a walk that stops at
/// each hit finds them.
pub fn remove_share_bars(doc: &mut Html, root: NodeId, cleaner: &mut Cleaner, protect: Protect) {
    /// An open element: its links and share links so far, the number of hits when it was
    /// entered, and whether it may be a share bar at all.
    struct Open {
        links: usize,
        share_links: usize,
        hits_before: usize,
        candidate: bool,
        chars: ShareChars,
    }
    let Some(r) = doc.tree.get(root) else { return };
    let mut hits: Vec<NodeId> = Vec::new();
    let lens = cleaner.lens();
    let mut stack: Vec<Open> = Vec::new();
    // Depth of the non-text (or `head`) element the walk is in, when it is in one: nothing
    // inside is a candidate (a walk stopping there would not look), but links still count.
    let mut skipped_at: Option<usize> = None;
    dom::walk_events(r, |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Element(e) => {
                let t = e.name();
                if skipped_at.is_none() && (dom::is_non_text_tag(t) || t == "head") {
                    skipped_at = Some(stack.len());
                }
                let (mut links, mut share_links) = (0, 0);
                if t == "a"
                    && let Some(h) = dom::attr(e, ReadAttr::Href)
                {
                    links = 1;
                    share_links = usize::from(SHARE_LINK.in_str(h));
                }
                let candidate = skipped_at.is_none() && n.id() != root && !matches!(t, "a" | "p");
                stack.push(Open { links, share_links, hits_before: hits.len(), candidate, chars: ShareChars::EMPTY });
                Walk::Descend
            }
            Node::Document => Walk::Descend,
            Node::Text(t) => {
                if skipped_at.is_none()
                    && let Some(top) = stack.last_mut()
                {
                    top.chars.add_text(t);
                }
                Walk::Skip
            }
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if n.value().is_element()
                && let Some(o) = stack.pop()
            {
                if skipped_at == Some(stack.len()) {
                    skipped_at = None;
                }
                if let Some(parent) = stack.last_mut() {
                    parent.links += o.links;
                    parent.share_links += o.share_links;
                    // A non-text element's text never counted (nothing inside was added).
                    parent.chars.add(o.chars);
                }
                if o.candidate && share_bar_by_counts(n, lens, o.links, o.share_links, o.chars) {
                    hits.truncate(o.hits_before);
                    hits.push(n.id());
                }
            }
            Walk::Skip
        }
    });
    for id in hits {
        if !protect.forbids(doc, id) {
            cleaner.remove(doc, id, RemovalKind::Share, "share-bar");
        }
    }
}

/// Longest text of a box around a sign-up form (newsletter, registration).
const FORM_BOX_MAX_CHARS: usize = 400;

/// Takes out sign-up boxes: the largest short box around a form or an e-mail field.
/// Class/id tokens of a recipe's parts (ingredient lists, often inside a servings form, and
/// their tables): the body of a recipe page, however list-like or form-like they look.
pub const RECIPE_PART_TOKENS: &[&str] = &["ingredient", "zutaten"];
static RECIPE_PART: LazyLock<Tokens> = LazyLock::new(|| Tokens::new(RECIPE_PART_TOKENS));

/// Whether `n` is, holds or sits in a recipe part (see [`RECIPE_PART_TOKENS`]).
pub fn touches_recipe_part(n: DomNode<'_>) -> bool {
    let is_part = |x: DomNode<'_>| x.value().as_element().is_some_and(|e| RECIPE_PART.in_id_class(e));
    if n.ancestors().any(is_part) {
        return true;
    }
    let mut found = false;
    dom::walk(n, |x| {
        if found || x.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name())) {
            return Walk::Skip;
        }
        found = is_part(x);
        Walk::Descend
    });
    found
}

pub fn remove_form_boxes(doc: &mut Html, cleaner: &mut Cleaner, protect: Protect) {
    let mut forms = Vec::new();
    dom::walk(doc.tree.root(), |n| match n.value() {
        Node::Element(e)
            if e.name() == "form"
                || (e.name() == "input"
                    && dom::attr(e, ReadAttr::Type).is_some_and(|t| t.eq_ignore_ascii_case("email"))) =>
        {
            forms.push(n.id());
            Walk::Skip
        }
        Node::Element(e) if e.name() == "head" => Walk::Skip,
        Node::Element(_) | Node::Document => Walk::Descend,
        _ => Walk::Skip,
    });
    let page_prose = prose_chars(doc.tree.root(), cleaner.lens());
    for f in forms {
        let Some(mut cur) = doc.tree.get(f) else { continue };
        // A form holding much text is a page wrapper (ASP.NET), not a sign-up box.
        if cleaner.lens().get(cur) > FORM_BOX_MAX_CHARS {
            continue;
        }
        while let Some(p) = cur.parent() {
            if !p.value().is_element() || matches!(dom::tag(&p), Some("body" | "html")) || protect.forbids(doc, p.id())
            {
                break;
            }
            if cleaner.lens().get(p) > FORM_BOX_MAX_CHARS {
                break;
            }
            cur = p;
        }
        let id = cur.id();
        if !protect.forbids(doc, id) && !touches_recipe_part(cur) && !holds_most_prose(cur, page_prose, cleaner.lens())
        {
            cleaner.remove(doc, id, RemovalKind::Newsletter, "form-box");
        }
    }
}

/// Media players (audio, video, embeds) and the short wrappers around them ("Running time
/// 12:47 • Download this interview").
const MEDIA_TAGS: &[&str] = &["audio", "video", "iframe", "object", "embed"];
/// Longest text of a media player's wrapper.
const MEDIA_BOX_MAX_CHARS: usize = 150;

/// Elements worth testing against a text pattern: paragraph-like elements and elements with
/// their own text (wrappers without text are skipped: their children are tested instead).
pub fn text_bearing(n: DomNode<'_>) -> bool {
    match n.value() {
        Node::Element(e) => {
            matches!(
                e.name(),
                "p" | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "td"
                    | "dt"
                    | "dd"
                    | "figcaption"
                    | "blockquote"
                    | "section"
                    | "aside"
            ) || dom::has_direct_text(n)
        }
        _ => false,
    }
}

/// Text a heading's box may hold besides what it has gathered so far, when climbing.
const BOX_OTHER_TEXT_CHARS: usize = 500;

/// The box of a heading: the largest ancestor that starts with the heading and holds
/// neither the article (nor the body) nor too much text. When the heading has no box of its own (flat
/// markup), the heading and its following siblings up to the next heading.
pub fn heading_box(doc: &Html, heading: NodeId, protect: Protect, max_chars: usize, lens: &TextLens) -> Vec<NodeId> {
    let Some(h) = doc.tree.get(heading) else { return Vec::new() };
    let mut cur = h;
    while let Some(parent) = cur.parent() {
        let pid = parent.id();
        let is_top = matches!(dom::tag(&parent), Some("body" | "html") | None);
        if is_top || protect.forbids(doc, pid) || protect.root == Some(pid) {
            break;
        }
        if lens.get(parent) > max_chars {
            break;
        }
        // A box starts with its heading: once text comes before it, the parent is a
        // container of other things (the article, a column), not the heading's box.
        let first_with_text = parent.children().find(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => lens.get(*c) > 0,
            _ => false,
        });
        if first_with_text.map(|c| c.id()) != Some(cur.id()) {
            break;
        }
        // Nor does a box hold much more than what it has gathered so far: a parent with a
        // lot of other text is the article or a column that happens to start with the box.
        let own = lens.get(cur);
        if lens.get(parent).saturating_sub(own) > (3 * own).max(BOX_OTHER_TEXT_CHARS) {
            break;
        }
        cur = parent;
    }
    if cur.id() != heading {
        return vec![cur.id()];
    }
    // Flat markup: the heading and its siblings until the next heading, within the budget.
    let mut out = vec![heading];
    let mut used = lens.get(h);
    let mut sib = h.next_sibling();
    while let Some(s) = sib {
        if let Some(t) = dom::tag(&s) {
            used += lens.get(s);
            if dom::heading_level(t).is_some() || protect.forbids(doc, s.id()) || used > max_chars {
                break;
            }
            out.push(s.id());
        }
        sib = s.next_sibling();
    }
    out
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    #[test]
    fn share_chars_read_bytes_as_share_char_reads_characters() {
        for t in [
            "",
            "Share",
            "Tweet | Share",
            "Facebook 12",
            "Share this.",
            "Teilen · Twittern",
            "a\u{212a}b",
            "Ça va",
            "x\u{387}y",
            "é",
            "one-two\n three",
        ] {
            let mut fast = ShareChars::EMPTY;
            fast.add_text(t);
            let mut slow = ShareChars::EMPTY;
            for c in t.chars() {
                match share_char(c) {
                    Some(split) => slow.split |= split,
                    None => {
                        slow.possible = false;
                        break;
                    }
                }
            }
            assert_eq!((fast.possible, fast.split), (slow.possible, slow.split), "{t:?}");
        }
    }

    #[test]
    fn is_non_content_tag_is_the_list() {
        for t in NON_CONTENT_TAGS {
            assert!(is_non_content_tag(t), "{t}");
        }
        for t in ["div", "p", "a", "span", "li", "SCRIPT", "metas", "", "h1", "nav"] {
            assert_eq!(is_non_content_tag(t), NON_CONTENT_TAGS.contains(&t), "{t}");
        }
    }

    #[test]
    fn share_char_says_what_the_word_test_sees() {
        let in_words = |x: char| x.is_ascii_lowercase() || x == ' ' || x == '-';
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let seen: String = c.to_string().nfc().collect::<String>().to_lowercase();
            let foreign = seen.chars().any(|x| !(in_words(x) || is_share_splitter(x) || x.is_whitespace()));
            let splits = seen.chars().any(is_share_splitter);
            match share_char(c) {
                None => assert!(foreign, "{:x}", c as u32),
                Some(false) => assert!(!foreign && !splits, "{:x}", c as u32),
                Some(true) => assert!(!foreign && splits, "{:x}", c as u32),
            }
        }
    }

    #[test]
    fn share_bars_by_words_and_links() {
        // Each case beside a paragraph of prose (the page itself is no bar); whether the walk
        // takes the case out.
        let bar = |case: &str| {
            let prose = "The council voted to rebuild the harbour wall before the storms. ".repeat(4);
            let mut doc = Html::parse_document(&format!("<p>{prose}</p>{case}"));
            let sel = scraper::Selector::parse("#x").unwrap();
            let x = doc.select(&sel).next().unwrap().id();
            let mut cleaner = Cleaner::new(&doc, false);
            let root = doc.tree.root().id();
            remove_share_bars(&mut doc, root, &mut cleaner, Protect { headline: None, root: None });
            !dom::is_attached(&doc, x)
        };
        assert!(bar("<div id=x>Share | Tweet | Email (3)</div>"));
        assert!(!bar("<div id=x>Share this</div>"));
        assert!(!bar("<div id=x>Print, E-mail, More.</div>"));
        assert!(bar(
            "<div id=x><a href='https://twitter.com/intent/tweet?u=1'></a><a href='https://www.FACEBOOK.com/sharer/x'></a></div>"
        ));
    }
}
