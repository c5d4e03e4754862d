//! What a page shows of its fields, read from the tree before cleaning, on pages no site
//! profile covers: the headline (by consensus with the metadata titles, `titles`), bylines,
//! dates by the byline and in microdata, the deck, category and tag links, breadcrumbs.
//!
//! One walk over the page collects the candidate elements (by tag, `itemprop`, `rel`, link
//! paths and class/id words) and the "noise" boxes (comments, sidebars, related lists, menus,
//! navigation) whose candidates never count. Text is then read only for candidates, nearest
//! first, and searches for dates in visible text stay in the article's scope (the headline's
//! `article`/`main` ancestor) or just after the headline: no regex runs over the whole page.
//!
//! The vocabularies are the named lists at the top; the field functions (`dates`, `authors`,
//! `topics`, `title`) decide among what is found here and the page's metadata.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use url::Url;

use super::date_sources;
use super::last_resort_dates;
use super::machine_date::{self, StatedDate};
use super::norm::{Distinct, norm, same};
use super::page_meta::PageMeta;
use super::person_names::{self, Byline};
use super::titles::{self, Chosen, Heading, HeadingKind};
use super::urls;
use super::visible_date::{self, DateRole, NumericOrder};
use crate::article::RemovalKind;
use crate::content::{BodyBlock, Cleaner, resolve_link};
use crate::dom::{self, ClassSlot, ClassWords, DomNode, NodeSet, ShortKeyMap, TextLens, Visit, Walk};
use crate::matching::TokenLists;
use crate::parse::attributes::{MetaKey, ReadAttr};

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/// Class/id words of boxes that are not the article: their bylines, dates and headings are
/// another story's, a comment's, a widget's. Matched as whole parts of a class or id token
/// (`comment-list`, `site_footer`), not inside words (`navigation` yes, `canvas` no).
const NOISE_CLASS_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "sidebar",
    "footer",
    "related",
    "widget",
    "widgets",
    "teaser",
    "teasers",
    "recommended",
    "recommendations",
    "popular",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "respond",
    "replies",
    "breadcrumb",
    "breadcrumbs",
    "calendar",
    "archive",
    "archives",
    "newsletter",
    "share",
    "social",
    // Embedded posts of social networks: their dates and names are the post's
    "instagram-media",
    "twitter-tweet",
    "tiktok-embed",
];

/// Class/id words of boxes whose category and tag links are the site's, not the article's:
/// tag clouds, menus, sidebars, the page footer (not an article's `entry-footer`, which
/// holds its categories and tags). Whole parts, as [`NOISE_CLASS_WORDS`].
const LINK_LIST_NOISE_CLASS_WORDS: &[&str] = &[
    "sidebar",
    "widget",
    "widgets",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "tagcloud",
    "tag-cloud",
    "related",
    "popular",
    "comment",
    "comments",
    "site-footer",
    "page-footer",
    "footer-widget",
    "footer-widgets",
];

/// Class/id words of bylines, at the start of a part of a token (`author-name`,
/// `byline__text`, `entry-author`, `authorbox`).
const BYLINE_CLASS_WORDS: &[&str] = &[
    "byline",
    "byl",
    "author",
    "autor",
    "auteur",
    "writer",
    "posted-by",
    "submitted",
    "reporter",
    "journalist",
    "verfasser",
    "contributor",
];

/// The source name of each byline class word.
const BYLINE_CLASS_SOURCES: &[(&str, &str)] = &[
    ("byline", "byline:.byline"),
    ("byl", "byline:.byline"),
    ("author", "byline:.author"),
    ("autor", "byline:.autor"),
    ("auteur", "byline:.auteur"),
    ("writer", "byline:.writer"),
    ("posted-by", "byline:.posted-by"),
    ("submitted", "byline:.submitted"),
    ("reporter", "byline:.reporter"),
    ("journalist", "byline:.journalist"),
    ("verfasser", "byline:.verfasser"),
    ("contributor", "byline:.contributor"),
];

/// Class/id words of elements that hold the article's date (a byline, a dateline, a meta
/// line), anywhere in a token (`entry-date`, `post-meta`, `dateline`, `article-info`).
const DATE_CLASS_WORDS: &[&str] = &[
    "date",
    "datum",
    "time",
    "zeit",
    "byline",
    "posted",
    "published",
    "publish",
    "meta",
    "dateline",
    "fecha",
    "data",
    "info",
    "submitted",
    "created",
    "author",
    "autor",
];

/// Class/id words of a deck (standfirst, summary) under the headline, whole parts.
const DECK_CLASS_WORDS: &[&str] = &[
    "deck",
    "dek",
    "standfirst",
    "subtitle",
    "subheadline",
    "sub-headline",
    "subhead",
    "sub-head",
    "summary",
    "lede",
    "lead",
    "teaser-text",
    "intro",
    "article-intro",
    "excerpt",
    "description",
    "strapline",
    "abstract",
    "chapo",
    "chapeau",
    "sapo",
    "bajada",
    "entradilla",
    "vorspann",
    "einleitung",
];

/// Class/id words of the boxes around a post's meta line and footer, where its category links
/// are, anywhere in a token.
const POST_META_CLASS_WORDS: &[&str] = &[
    "entry-meta",
    "post-meta",
    "postmeta",
    "entry-footer",
    "cat-links",
    "post-categor",
    "entry-categor",
    "byline",
    "meta",
    "article-header",
    "entry-header",
    "post-info",
];

/// Class/id words of the boxes that hold a post's tag links, anywhere in a token.
const TAG_BOX_CLASS_WORDS: &[&str] = &["tag", "meta", "topic", "schlagw", "keyword", "label", "themen"];

/// Class/id words of breadcrumb trails.
const BREADCRUMB_CLASS_WORDS: &[&str] = &["breadcrumb"];

/// Class/id words of a site's logo or name in the masthead: an `h1` with one of these on it
/// or on one of its three nearest ancestors is no headline.
const LOGO_CLASS_WORDS: &[&str] = &[
    "logo",
    "brand",
    "site-title",
    "sitetitle",
    "site-name",
    "sitename",
    "blog-title",
    "blogtitle",
    "masthead",
    "header-title",
];

/// Class/id words of a kicker (overline, topic label) inside an `h1` beside the headline.
const KICKER_CLASS_WORDS: &[&str] = &[
    "kicker",
    "overline",
    "dachzeile",
    "topline",
    "roofline",
    "eyebrow",
    "supertitle",
    "pretitle",
    "overhead",
    "spitzmarke",
    "rubric",
    "flag",
    "label",
    "topic",
    "category",
    "catchline",
];

/// Class/id words of the headline part of an `h1` that also holds a kicker.
const HEADLINE_PART_CLASS_WORDS: &[&str] = &["headline", "title", "heading"];

/// Class words of headings that are a post's title (`h2.entry-title` under a blog's logo `h1`).
const TITLE_CLASS_WORDS: &[&str] = &["entry-title", "post-title", "article-title", "headline"];

/// Path words of links to an author's page (`/author/jane-doe`, `/autoren/…`, `/people/…`).
const AUTHOR_PATH_WORDS: &[&str] = &[
    "author",
    "authors",
    "autor",
    "autoren",
    "auteur",
    "auteurs",
    "by",
    "people",
    "profile",
    "profiles",
    "staff",
    "journalist",
    "journalists",
    "redakteur",
    "redakteure",
    "newsteam",
    "team",
    "mitarbeiter",
];

/// Path words of links to a category page.
const CATEGORY_PATH_WORDS: &[&str] = &["category", "categories", "kategorie", "rubrik", "ressort"];

/// Path words of links to a tag page.
const TAG_PATH_WORDS: &[&str] = &[
    "tag",
    "tags",
    "schlagwort",
    "schlagworte",
    "stichwort",
    "stichworte",
    "thema",
    "themen",
    "topic",
    "topics",
    "label",
    "labels",
    "keyword",
];

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// Longest byline text read for names (characters).
const BYLINE_MAX_CHARS: usize = 150;
/// Most byline lines an article has (one under the headline, one in an author box at its end).
const MAX_BYLINE_LINES: usize = 2;
/// Longest text of an element searched for the byline date.
const DATELINE_MAX_CHARS: usize = 200;
/// Longest line taken as a byline by its lead word ("By Jane Doe").
const LEAD_LINE_MAX_CHARS: usize = 100;
/// How many elements after the headline are looked at for a lead line.
const LEAD_LINE_MAX_ELEMENTS: usize = 400;
/// How many text nodes after the headline, and how many characters, are searched for a date.
const NEAR_HEADLINE_MAX_TEXTS: usize = 40;
const NEAR_HEADLINE_MAX_CHARS: usize = 3000;
/// How far into its text a date after the headline may start (characters): a dateline states
/// its date first ("03.11.2021", "Hamburg, 2. November 2021", "Pressemitteilung vom …"); a
/// date deeper in a sentence is one the story tells of ("… Laut der am 28.01.2022 in Kraft
/// getretenen Verordnung").
const NEAR_HEADLINE_DATE_MAX_OFFSET: usize = 60;
/// How many text nodes before the headline, and how many characters, are searched for a date
/// above it (a dateline over the headline, Blogger's date header).
const BEFORE_HEADLINE_MAX_TEXTS: usize = 6;
const BEFORE_HEADLINE_MAX_CHARS: usize = 300;
/// Longest deck.
const DECK_MAX_CHARS: usize = 400;
/// How many elements after the headline may be its deck.
const DECK_MAX_DISTANCE: usize = 3;
/// Longest category or tag link text.
const LINK_ITEM_MAX_CHARS: usize = 60;
/// Most authors one visible source gives.
const MAX_AUTHORS: usize = 6;
/// How many levels above the headline the article scope is, without an `article` or `main`.
const SCOPE_LEVELS: usize = 3;
/// `h2`s read as headline candidates (a teaser list has hundreds).
const MAX_H2S: usize = 60;
/// `h3`–`h6`s read as the element of a metadata title (see [`stated_headline`]).
const MAX_MINOR_HEADINGS: usize = 120;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// A byline source's finding: the people (and organisations) it names.
#[derive(Debug, Clone)]
pub(crate) struct BylineFind {
    /// Source name (`byline:a[rel=author]`, `text:byline`, …).
    pub source: &'static str,
    /// What it names.
    pub byline: Byline,
    /// The author page, when the byline links one person to it.
    pub url: Option<String>,
}

/// A date found on the page (not in head metadata).
#[derive(Debug, Clone)]
pub(crate) struct DateFind {
    /// Source name.
    pub source: &'static str,
    /// The date.
    pub date: StatedDate,
    /// Publication or update.
    pub role: DateRole,
}

/// A list of links' texts (categories, tags) and their source.
#[derive(Debug, Clone)]
pub(crate) struct LinkList {
    /// Source name.
    pub source: &'static str,
    /// The texts.
    pub items: Vec<String>,
}

/// What the page shows of its fields.
#[derive(Debug, Default)]
pub(crate) struct Visible {
    /// The title by consensus, and the headline element.
    pub title: Option<Chosen>,
    /// Byline finds, best source first (people or organisations each).
    pub bylines: Vec<BylineFind>,
    /// Date finds, in the order of [`DATE_SOURCES`].
    pub dates: Vec<DateFind>,
    /// The deck and its source.
    pub deck: Option<(String, &'static str)>,
    /// Category links (best source).
    pub categories: Option<LinkList>,
    /// The breadcrumb trail after its first (home) link.
    pub breadcrumbs: Vec<String>,
    /// Tag links (best source).
    pub tags: Option<LinkList>,
    /// The text of the page's link to its `article:author` URL.
    pub author_link_name: Option<String>,
    /// Elements that are fields, not body: the bylines (their blocks leave the chosen body).
    pub not_body: Vec<(NodeId, RemovalKind, &'static str)>,
}

/// What the page's other fields tell the search.
pub(crate) struct Context<'a> {
    /// The page's metadata.
    pub meta: &'a PageMeta,
    /// The page URL.
    pub page_url: Option<&'a Url>,
    /// The site's name.
    pub site_name: Option<&'a str>,
    /// The headline element the content stage found (the consensus may choose another).
    pub headline: Option<NodeId>,
    /// How the page's language writes numeric dates.
    pub order: NumericOrder,
    /// Every element's class/id words (the walk's lists at `ClassSlot::VISIBLE`).
    pub class_words: &'a ClassWords,
    /// Every element's text length (`dom::text_len`).
    pub lens: &'a TextLens,
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

const NOISE: u32 = 1;
const LINK_NOISE: u32 = 1 << 1;
const BYLINE: u32 = 1 << 2;
const DATE: u32 = 1 << 3;
const DECK: u32 = 1 << 4;
const POST_META: u32 = 1 << 5;
const TAG_BOX: u32 = 1 << 6;
const BREADCRUMB: u32 = 1 << 7;
const LOGO: u32 = 1 << 8;
const KICKER: u32 = 1 << 9;
const HEADLINE_PART: u32 = 1 << 10;
const TITLE_CLASS: u32 = 1 << 11;

/// Every class/id vocabulary in one automaton (bits as above, substring matches; the whole-
/// part lists are then checked exactly).
static CLASS_WORDS: LazyLock<TokenLists> = LazyLock::new(|| TokenLists::new(&CLASS_WORD_LISTS));

/// The lists of [`CLASS_WORDS`], in bit order (also searched once for every element:
/// `ClassSlot::VISIBLE`).
pub(crate) const CLASS_WORD_LISTS: [&[&str]; 12] = [
    NOISE_CLASS_WORDS,
    LINK_LIST_NOISE_CLASS_WORDS,
    BYLINE_CLASS_WORDS,
    DATE_CLASS_WORDS,
    DECK_CLASS_WORDS,
    POST_META_CLASS_WORDS,
    TAG_BOX_CLASS_WORDS,
    BREADCRUMB_CLASS_WORDS,
    LOGO_CLASS_WORDS,
    KICKER_CLASS_WORDS,
    HEADLINE_PART_CLASS_WORDS,
    TITLE_CLASS_WORDS,
];

/// Link paths to author, category and tag pages: a path segment that is one of the words,
/// with more path after it.
static AUTHOR_PATH: LazyLock<Regex> = LazyLock::new(|| path_words(AUTHOR_PATH_WORDS));
static CATEGORY_PATH: LazyLock<Regex> = LazyLock::new(|| path_words(CATEGORY_PATH_WORDS));
static TAG_PATH: LazyLock<Regex> = LazyLock::new(|| path_words(TAG_PATH_WORDS));

fn path_words(words: &[&str]) -> Regex {
    Regex::new(&format!(r"(?i)/(?:{})/[^/?#\s]", words.join("|"))).expect("static regex")
}

/// A link to one author's page: the path word, then one segment with a letter in it, last
/// (`/author/jane-doe/`, `/autor/jane-doe-21589`). Not a section's article
/// (`/people/real-life/story-62276.html`), not a licence (`/licenses/by/4.0/`).
static AUTHOR_PAGE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)/(?:{})/[^/?#\s]*[A-Za-z][^/?#\s]*/?(?:[?#]|$)", AUTHOR_PATH_WORDS.join("|")))
        .expect("static regex")
});

/// Whether a class or id value holds one of `words` as whole parts of a token (parts are
/// separated by `-` and `_`; a word may span parts: `tag-cloud`). With `whole` false a word
/// need only start a part (`author` in `entry-authorname`).
///
/// Runs on the classes of every element the word automaton flags: each word is compared only
/// where a part starts, in place (ASCII case and `_` folded byte by byte, nothing allocated).
fn has_part_word(value: &str, words: &[&str], whole: bool) -> bool {
    value.split_ascii_whitespace().any(|token| {
        let token = token.as_bytes();
        (0..token.len()).filter(|&i| i == 0 || part_byte(token[i - 1]) == b'-').any(|i| {
            // Only the words that start with the part's first byte (most lists have none).
            let first = part_byte(token[i]);
            words.iter().any(|w| {
                w.as_bytes().first().is_none_or(|&f| f == first) && part_word_at(token, i, w.as_bytes(), whole)
            })
        })
    })
}

/// A class byte as the part-word match reads it: ASCII lower case, `_` as `-`.
fn part_byte(b: u8) -> u8 {
    if b == b'_' { b'-' } else { b.to_ascii_lowercase() }
}

/// Whether `word` stands in `token` at part start `at` (and, with `whole`, ends a part).
fn part_word_at(token: &[u8], at: usize, word: &[u8], whole: bool) -> bool {
    let end = at + word.len();
    end <= token.len()
        && token[at..end].iter().zip(word).all(|(&t, &w)| part_byte(t) == w)
        && (!whole || end == token.len() || part_byte(token[end]) == b'-')
}

/// Whether an element's class or id has one of `words` as whole parts.
fn element_has_part_word(e: &scraper::node::Element, words: &[&str], whole: bool) -> bool {
    [ReadAttr::Class, ReadAttr::Id].into_iter().any(|a| dom::attr(e, a).is_some_and(|v| has_part_word(v, words, whole)))
}

/// Class prefixes that say nothing of a box's role, so no noise word is read in them:
/// - the classes a CMS derives from a post's terms (WordPress's `post_class`:
///   `category-popular`, `tag-football`): the rest is the editors' slug (a post filed under
///   "Popular" is no popular-posts widget);
/// - the footer of the post itself (`post-footer`, Blogger's `post-footer-line-1`,
///   `entry-footer`, `article-footer`), which holds its byline, date, categories and tags —
///   unlike the page's footer.
const NOT_NOISE_CLASS_PREFIXES: &[&str] =
    &["category-", "tag-", "post-footer", "entry-footer", "article-footer", "story-footer"];

/// Whether an element's class or id has one of the noise `words` as whole parts, in a token
/// that is one of them or does not start with one of [`NOT_NOISE_CLASS_PREFIXES`].
fn element_has_noise_word(e: &scraper::node::Element, words: &[&str]) -> bool {
    let exempt = |t: &str| {
        NOT_NOISE_CLASS_PREFIXES.iter().any(|p| {
            t.len() >= p.len() && t.as_bytes()[..p.len()].iter().zip(p.as_bytes()).all(|(&a, &b)| part_byte(a) == b)
        })
    };
    // A token that is a vocabulary word itself (`tag-cloud`) is never exempt.
    let is_word =
        |t: &str| words.iter().any(|w| t.len() == w.len() && t.bytes().zip(w.bytes()).all(|(a, b)| part_byte(a) == b));
    [ReadAttr::Class, ReadAttr::Id].into_iter().any(|a| {
        dom::attr(e, a).is_some_and(|v| {
            v.split_ascii_whitespace().any(|t| is_word(t) || (!exempt(t) && has_part_word(t, words, true)))
        })
    })
}

/// The class/id bits of an element, the whole-part lists checked exactly.
#[cfg(test)]
fn class_bits(e: &scraper::node::Element) -> u32 {
    checked_class_bits(e, CLASS_WORDS.in_id_class(e))
}

/// The bits whose lists are whole-part words, checked by [`checked_class_bits`].
const PART_WORD_BITS: u32 = NOISE | LINK_NOISE | BYLINE | DECK;

/// [`class_bits`] for the walk over every element: the whole-part checks of each distinct
/// `id`/`class` pair are made once (they cost far more than the automaton pass, and menus and
/// lists repeat one class element after element). The answer depends on those two values only.
fn class_bits_memo<'a>(
    e: &'a scraper::node::Element,
    found: u32,
    memo: &mut ShortKeyMap<(Option<&'a str>, Option<&'a str>), u32>,
) -> u32 {
    if found & PART_WORD_BITS == 0 {
        return found;
    }
    *memo
        .entry((dom::attr(e, ReadAttr::Id), dom::attr(e, ReadAttr::Class)))
        .or_insert_with(|| checked_class_bits(e, found))
}

/// The automaton's bits `found` for an element, the whole-part lists checked exactly (on its
/// `id` and `class` only).
fn checked_class_bits(e: &scraper::node::Element, found: u32) -> u32 {
    let mut bits = found;
    if bits & NOISE != 0 && !element_has_noise_word(e, NOISE_CLASS_WORDS) {
        bits &= !NOISE;
    }
    if bits & LINK_NOISE != 0 && !element_has_noise_word(e, LINK_LIST_NOISE_CLASS_WORDS) && !has_token(e, &["footer"]) {
        bits &= !LINK_NOISE;
    }
    if bits & BYLINE != 0 && !element_has_part_word(e, BYLINE_CLASS_WORDS, false) {
        bits &= !BYLINE;
    }
    if bits & DECK != 0 && !element_has_part_word(e, DECK_CLASS_WORDS, true) {
        bits &= !DECK;
    }
    bits
}

/// Whether an element's class or id has a token that is one of `tokens`.
fn has_token(e: &scraper::node::Element, tokens: &[&str]) -> bool {
    [ReadAttr::Class, ReadAttr::Id].into_iter().any(|a| {
        dom::attr(e, a)
            .is_some_and(|v| v.split_ascii_whitespace().any(|t| tokens.iter().any(|w| t.eq_ignore_ascii_case(w))))
    })
}

/// Whether an attribute's space-separated tokens hold `word` (ASCII case ignored).
fn tokens_hold(value: Option<&str>, word: &str) -> bool {
    value.is_some_and(|v| v.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case(word)))
}

/// Candidates the walk finds, in page order.
#[derive(Debug, Default)]
struct Candidates {
    h1s: Vec<NodeId>,
    h2s: Vec<NodeId>,
    /// `h3`–`h6`s: only ever the headline when their text is the page's title.
    minor_headings: Vec<NodeId>,
    title_classed: Vec<NodeId>,
    microdata_authors: Vec<NodeId>,
    microdata_dates: Vec<(NodeId, DateRole)>,
    rel_authors: Vec<NodeId>,
    author_links: Vec<NodeId>,
    byline_classed: Vec<(NodeId, &'static str)>,
    /// Date-classed elements and `<time>` elements.
    dated: Vec<NodeId>,
    times: Vec<NodeId>,
    /// hAtom's dates: `abbr.published`, `span.updated`, … with a `title`.
    abbrs: Vec<NodeId>,
    rel_categories: Vec<NodeId>,
    rel_tags: Vec<NodeId>,
    category_links: Vec<NodeId>,
    tag_links: Vec<NodeId>,
    breadcrumb_links: Vec<NodeId>,
    author_link_name: Option<String>,
    /// Elements that are noise themselves (their subtrees are noise).
    noise: NodeSet,
    /// Elements whose category and tag links are the site's.
    link_noise: NodeSet,
    /// Elements with a logo class.
    logos: NodeSet,
}

/// The byline class word's source name of an element.
fn byline_source(e: &scraper::node::Element) -> &'static str {
    BYLINE_CLASS_SOURCES
        .iter()
        .find(|(w, _)| element_has_part_word(e, &[w], false))
        .map_or("byline:.byline", |(_, s)| s)
}

fn collect(doc: &Html, article_author_url: Option<&str>, class_words: &ClassWords) -> Candidates {
    let mut c = Candidates::default();
    // Per open element: (in post-meta box, in tag box, in breadcrumb, is `article`).
    let mut stack: Vec<u32> = Vec::new();
    let (mut post_meta, mut tag_box, mut crumbs, mut articles) = (0usize, 0usize, 0usize, 0usize);
    let mut memo = ShortKeyMap::default();
    const IS_ARTICLE: u32 = 1 << 31;
    dom::walk_events(doc.tree.root(), |v| match v {
        Visit::Enter(n) => {
            let e = match n.value() {
                Node::Element(e) => e,
                Node::Document => return Walk::Descend,
                _ => return Walk::Skip,
            };
            let name = e.name();
            if dom::is_non_text_tag(name) || name == "head" {
                return Walk::Skip;
            }
            let id = n.id();
            // The page's own classes (`body.has-sidebar`) say nothing of its boxes.
            let bits = if matches!(name, "html" | "body") {
                0
            } else {
                let found =
                    class_words.in_id_class(id, ClassSlot::VISIBLE).unwrap_or_else(|| CLASS_WORDS.in_id_class(e));
                class_bits_memo(e, found, &mut memo)
            };
            let footer_outside = name == "footer" && articles == 0;
            if bits & NOISE != 0 || matches!(name, "nav" | "aside") || footer_outside {
                c.noise.insert(id);
            }
            if bits & LINK_NOISE != 0 || matches!(name, "nav" | "aside") || footer_outside {
                c.link_noise.insert(id);
            }
            if bits & LOGO != 0 {
                c.logos.insert(id);
            }
            let itemprop = dom::attr(e, ReadAttr::Itemprop);
            match name {
                "h1" => c.h1s.push(id),
                "h2" if c.h2s.len() < MAX_H2S => c.h2s.push(id),
                "h3" | "h4" | "h5" | "h6" if c.minor_headings.len() < MAX_MINOR_HEADINGS => c.minor_headings.push(id),
                "time" => c.times.push(id),
                "abbr" | "span"
                    if dom::attr(e, ReadAttr::Title).is_some()
                        && element_has_part_word(e, HATOM_DATE_CLASSES, true) =>
                {
                    c.abbrs.push(id)
                }
                "a" => {
                    let rel = dom::attr(e, ReadAttr::Rel);
                    let href = dom::attr(e, ReadAttr::Href).unwrap_or("");
                    if tokens_hold(rel, "author") {
                        c.rel_authors.push(id);
                    } else if AUTHOR_PATH.is_match(href) && AUTHOR_PAGE_PATH.is_match(href.trim()) {
                        c.author_links.push(id);
                    }
                    if tokens_hold(rel, "category") {
                        c.rel_categories.push(id);
                    } else if tokens_hold(rel, "tag") {
                        c.rel_tags.push(id);
                    }
                    if post_meta > 0 && CATEGORY_PATH.is_match(href) {
                        c.category_links.push(id);
                    }
                    if tag_box > 0 && TAG_PATH.is_match(href) {
                        c.tag_links.push(id);
                    }
                    if crumbs > 0 {
                        c.breadcrumb_links.push(id);
                    }
                    if let Some(u) = article_author_url
                        && c.author_link_name.is_none()
                        && !href.is_empty()
                        && (href.trim() == u || u.ends_with(href.trim()) && href.starts_with('/'))
                    {
                        c.author_link_name = Some(dom::text(n)).filter(|t| !t.is_empty());
                    }
                }
                _ => {}
            }
            if matches!(name, "h1" | "h2" | "h3") && (bits & TITLE_CLASS != 0 || tokens_hold(itemprop, "headline")) {
                c.title_classed.push(id);
            }
            if name != "meta" && itemprop.is_some() {
                if tokens_hold(itemprop, "author") || tokens_hold(itemprop, "creator") {
                    c.microdata_authors.push(id);
                }
                if tokens_hold(itemprop, "datePublished") || tokens_hold(itemprop, "dateCreated") {
                    c.microdata_dates.push((id, DateRole::Published));
                } else if tokens_hold(itemprop, "dateModified") {
                    c.microdata_dates.push((id, DateRole::Updated));
                }
            }
            if (bits & BYLINE != 0 && !matches!(name, "html" | "body" | "article" | "main" | "meta" | "link"))
                || name == "byline"
            {
                c.byline_classed.push((id, byline_source(e)));
            }
            if (bits & DATE != 0 || name == "time") && !matches!(name, "html" | "body" | "a" | "meta" | "link") {
                c.dated.push(id);
            }
            let mut flags = 0;
            if bits & POST_META != 0 {
                flags |= POST_META;
                post_meta += 1;
            }
            if bits & TAG_BOX != 0 {
                flags |= TAG_BOX;
                tag_box += 1;
            }
            if bits & BREADCRUMB != 0 {
                flags |= BREADCRUMB;
                crumbs += 1;
            }
            if name == "article" {
                flags |= IS_ARTICLE;
                articles += 1;
            }
            stack.push(flags);
            Walk::Descend
        }
        Visit::Leave(n) => {
            if n.value().is_element()
                && let Some(flags) = stack.pop()
            {
                post_meta -= usize::from(flags & POST_META != 0);
                tag_box -= usize::from(flags & TAG_BOX != 0);
                crumbs -= usize::from(flags & BREADCRUMB != 0);
                articles -= usize::from(flags & IS_ARTICLE != 0);
            }
            Walk::Skip
        }
    });
    c
}

impl Candidates {
    /// The boxes that hold the headline are the article's, whatever their class says: a
    /// layout wrapper named for what sits beside it (`content-block right-sidebar`,
    /// `with-navigation`, `sticky-sidebar-parent`) is no sidebar or menu. Their bylines, dates
    /// and links count again.
    ///
    /// So is the element right after the headline beside it, its byline, dateline or deck,
    /// classed after the component it belongs to (`teaser-small__metadata`,
    /// `l-detail-page__teaser-text`): a related story's teaser or a sidebar never sits right
    /// under the headline. `nav`, `aside` and an embedded post (`blockquote`) stay noise.
    fn unmark_boxes_around(&mut self, headline: DomNode<'_>) {
        if self.noise.is_empty() && self.link_noise.is_empty() {
            return;
        }
        let after = headline
            .next_siblings()
            .filter(|s| s.value().is_element())
            .take(1)
            .filter(|s| !matches!(dom::tag(s), Some("nav" | "aside" | "blockquote")));
        for a in std::iter::once(headline).chain(headline.ancestors()).chain(after) {
            self.noise.remove(&a.id());
            self.link_noise.remove(&a.id());
        }
    }
}

/// Whether a node is inside (or is) one of `roots`, below `body`.
fn inside(n: DomNode<'_>, roots: &NodeSet) -> bool {
    !roots.is_empty() && (roots.contains(&n.id()) || n.ancestors().any(|a| roots.contains(&a.id())))
}

/// A heading's text without ruby annotations (`<rt>`, `<rp>`: readings, not the headline).
fn heading_text(n: DomNode<'_>) -> String {
    let mut out = String::new();
    dom::walk(n, |x| match x.value() {
        Node::Text(t) => {
            out.push_str(t);
            Walk::Skip
        }
        Node::Element(e) if matches!(e.name(), "rt" | "rp") || dom::is_non_text_tag(e.name()) => Walk::Skip,
        Node::Element(e) => {
            if dom::breaks_words(&e.name.local) {
                out.push(' ');
            }
            Walk::Descend
        }
        _ => Walk::Skip,
    });
    dom::normalize_space(&out)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

impl Visible {
    /// Reads what the page shows of its fields.
    pub(crate) fn read(doc: &Html, cx: &Context<'_>) -> Visible {
        let article_author_url = cx.meta.get(MetaKey::ArticleAuthor).filter(|a| a.starts_with("http"));
        let mut c = collect(doc, article_author_url, cx.class_words);
        let mut out = Visible { author_link_name: c.author_link_name.clone(), ..Visible::default() };
        let host_label = cx.page_url.and_then(Url::host_str).and_then(urls::host_label);

        // The headline by consensus.
        if let Some(h) = cx.headline.and_then(|h| doc.tree.get(h)) {
            c.unmark_boxes_around(h);
        }
        let headings = headings(doc, &c, cx, host_label.as_deref());
        out.title = titles::choose(&headings, cx.meta, cx.site_name, host_label.as_deref());
        let headline = out
            .title
            .as_ref()
            .and_then(|t| t.element)
            .or(cx.headline)
            .or_else(|| out.title.as_ref().and_then(|t| stated_headline(doc, &c, &t.text)));
        if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
            c.unmark_boxes_around(h);
        }
        let scope = headline.and_then(|h| doc.tree.get(h)).map(article_scope);

        out.bylines = bylines(doc, &c, cx.page_url, scope, &mut out.not_body);
        if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
            if let Some(find) = lead_line(h, &c, cx.lens, &mut out.not_body) {
                out.bylines.push(find);
            }
            out.deck = deck(h, cx.meta, cx.class_words);
        }
        out.dates = dates(doc, &c, scope, headline, cx.order);
        let dated =
            out.dates.iter().any(|d| d.role != DateRole::Updated && visible_date::is_plausible(d.date.day, None));
        if !dated && !states_a_date(cx) {
            let finds = last_resort_dates::finds(doc, &c.noise, cx.order);
            out.dates.extend(finds.into_iter().map(|f| DateFind { source: f.source, role: f.role, date: f.date }));
        }
        out.categories = link_list(doc, &c.rel_categories, &c.link_noise, "byline:a[rel~=category]")
            .or_else(|| link_list(doc, &c.category_links, &c.link_noise, "byline:a[href*=/category/]"));
        let crumbs = link_texts(doc, &c.breadcrumb_links, &NodeSet::default());
        if crumbs.len() >= 2 {
            out.breadcrumbs = crumbs[1..].to_vec();
        }
        out.tags = link_list(doc, &c.rel_tags, &c.link_noise, "byline:a[rel=tag]")
            .or_else(|| link_list(doc, &c.tag_links, &c.link_noise, "byline:a[href*=/tag/]"));
        // The headline element is never taken out with a byline or deck.
        if let Some(h) = headline.and_then(|h| doc.tree.get(h)) {
            out.not_body.retain(|(id, _, _)| !dom::is_inclusive_ancestor(*id, h));
        }
        out
    }
}

/// Whether the page's metadata or URL states a publication date (so the last-resort search
/// of `last_resort_dates` cannot change the answer).
fn states_a_date(cx: &Context<'_>) -> bool {
    cx.meta.jsonld.as_ref().is_some_and(|j| j.date_published.is_some() || j.date_created.is_some())
        || date_sources::PUBLISHED_META_KEYS.iter().any(|&(key, _)| cx.meta.get(key).is_some())
        || cx.page_url.is_some_and(|u| date_sources::url_date(u, cx.order).is_some())
}

impl Visible {
    /// Takes the byline's blocks out of the body, recording each byline taken: after the body
    /// was chosen, so that where a byline sits never changes which container is the article.
    pub(crate) fn take_bylines_out(&self, doc: &Html, body: &mut Vec<BodyBlock>, cleaner: &mut Cleaner) {
        for &(line, kind, rule) in &self.not_body {
            let before = body.len();
            body.retain(|b| !doc.tree.get(b.node).is_some_and(|n| dom::is_inclusive_ancestor(line, n)));
            if body.len() < before {
                cleaner.record(doc, line, kind, rule);
            }
        }
    }
}

/// The headline candidates, logos left out: `h1`s (the headline part of one with a kicker),
/// title-classed headings, `h2`s; none in noise.
fn headings(doc: &Html, c: &Candidates, cx: &Context<'_>, host_label: Option<&str>) -> Vec<Heading> {
    let mut out = Vec::new();
    for &id in &c.h1s {
        let Some(n) = doc.tree.get(id) else { continue };
        if is_logo(n, c, cx, host_label) || inside(n, &c.noise) {
            continue;
        }
        let text = heading_text(n);
        if !is_headline_text(&text) || ElementRef::wrap(n).is_some_and(|e| dom::is_hidden(&e)) {
            continue;
        }
        match headline_part(n, cx.class_words) {
            Some(part) => out.push(Heading { id, kind: HeadingKind::H1HeadlinePart, text: part }),
            None => out.push(Heading { id, kind: HeadingKind::H1, text }),
        }
    }
    for (ids, title_classed) in [(&c.title_classed, true), (&c.h2s, false)] {
        for &id in ids {
            let Some(n) = doc.tree.get(id) else { continue };
            if inside(n, &c.noise) {
                continue;
            }
            let kind = match n.value().as_element() {
                Some(e) if title_classed => HeadingKind::TitleClassed(title_class_source(e)),
                _ => HeadingKind::H2,
            };
            let text = heading_text(n);
            if is_headline_text(&text) {
                out.push(Heading { id, kind, text });
            }
        }
    }
    out
}

/// The element that states a title chosen from the metadata word for word, when no headline
/// candidate did: an `h3`–`h6` (the headline of a page whose `h1` is the logo and whose `h2`s are
/// section names), else a title-classed heading or `h2` inside a box marked as noise (a blog's
/// posts inside a `widget` box). The first in page order; hidden and logo elements never.
fn stated_headline(doc: &Html, c: &Candidates, title: &str) -> Option<NodeId> {
    let title = norm(title);
    if title.chars().count() < STATED_HEADLINE_MIN_CHARS {
        return None;
    }
    let in_noise =
        c.title_classed.iter().chain(&c.h2s).filter(|&&id| doc.tree.get(id).is_some_and(|n| inside(n, &c.noise)));
    c.minor_headings.iter().chain(in_noise).copied().find(|&id| {
        doc.tree.get(id).is_some_and(|n| {
            !inside(n, &c.logos)
                && !ElementRef::wrap(n).is_some_and(|e| dom::is_hidden(&e))
                && norm(&heading_text(n)) == title
        })
    })
}

/// Shortest title (characters, normalised) whose element [`stated_headline`] looks for: a
/// section name ("News") is not a headline.
const STATED_HEADLINE_MIN_CHARS: usize = 12;

/// Whether a heading's text can be a headline: two characters at least, a letter or digit
/// among them ("Hi" can, a menu icon "≡" cannot).
fn is_headline_text(text: &str) -> bool {
    text.chars().nth(1).is_some() && text.chars().any(char::is_alphanumeric)
}

/// The source name of a title-classed heading: its tag and class word (`h2.entry-title`), or
/// `[itemprop=headline]`.
fn title_class_source(e: &scraper::node::Element) -> &'static str {
    let word = TITLE_CLASS_WORDS.iter().position(|w| {
        [ReadAttr::Class, ReadAttr::Id]
            .into_iter()
            .any(|a| dom::attr(e, a).is_some_and(|v| v.to_ascii_lowercase().contains(w)))
    });
    let level = match e.name() {
        "h1" => 0,
        "h2" => 1,
        _ => 2,
    };
    match word {
        Some(w) => TITLE_CLASS_SOURCES[level][w],
        None => ["h1[itemprop=headline]", "h2[itemprop=headline]", "h3[itemprop=headline]"][level],
    }
}

/// Source names of the title-classed headings, by level and [`TITLE_CLASS_WORDS`].
const TITLE_CLASS_SOURCES: [[&str; 4]; 3] = [
    ["h1.entry-title", "h1.post-title", "h1.article-title", "h1.headline"],
    ["h2.entry-title", "h2.post-title", "h2.article-title", "h2.headline"],
    ["h3.entry-title", "h3.post-title", "h3.article-title", "h3.headline"],
];

/// Whether an `h1` is the site's logo or name: it links to the home page (or a home link holds
/// it), it or one of its three nearest ancestors has a logo class, or its text is the site's
/// name or the host's label.
fn is_logo(h: DomNode<'_>, c: &Candidates, cx: &Context<'_>, host_label: Option<&str>) -> bool {
    let links_home = |a: DomNode<'_>| {
        a.value()
            .as_element()
            .and_then(|e| dom::attr(e, ReadAttr::Href))
            .is_some_and(|href| is_home_link(href, cx.page_url))
    };
    let mut home = false;
    dom::walk(h, |x| match x.value() {
        Node::Element(e) if e.name() == "a" => {
            home |= links_home(x);
            Walk::Skip
        }
        Node::Element(_) => Walk::Descend,
        _ => Walk::Skip,
    });
    if home || h.parent().is_some_and(|p| dom::tag(&p) == Some("a") && links_home(p)) {
        return true;
    }
    if std::iter::once(h).chain(h.ancestors().take(3)).any(|a| c.logos.contains(&a.id())) {
        return true;
    }
    let text = norm(&heading_text(h));
    cx.site_name.is_some_and(|s| norm(s) == text)
        || host_label.is_some_and(|l| text.replace([' ', '-'], "") == l.replace('-', ""))
}

/// Whether a link goes to the site's home page (`/`, `./`, `index.html`, the page host's root).
fn is_home_link(href: &str, page_url: Option<&Url>) -> bool {
    let href = href.trim();
    if matches!(href, "/" | "./" | "index.html" | "index.php" | "/index.html" | "/index.php") {
        return true;
    }
    let Ok(u) = Url::parse(href) else { return false };
    matches!(u.scheme(), "http" | "https")
        && matches!(u.path(), "" | "/")
        && u.query().is_none()
        && page_url.is_none_or(|p| {
            p.host_str().map(|h| h.trim_start_matches("www.")) == u.host_str().map(|h| h.trim_start_matches("www."))
        })
}

/// The headline part of an `h1` that holds a kicker child beside it.
fn headline_part(h: DomNode<'_>, class_words: &ClassWords) -> Option<String> {
    let kids: Vec<DomNode<'_>> =
        h.children().filter(|k| k.value().is_element() && !heading_text(*k).is_empty()).collect();
    if kids.len() < 2 {
        return None;
    }
    let bits = |k: &DomNode<'_>| {
        k.value().as_element().map_or(0, |e| {
            class_words
                .in_id_class(k.id(), ClassSlot::VISIBLE)
                .unwrap_or_else(|| if dom::has_id_class(e) { CLASS_WORDS.in_id_class(e) } else { 0 })
        })
    };
    let has_kicker = kids.iter().any(|k| bits(k) & KICKER != 0);
    let part = kids.iter().find(|k| bits(k) & KICKER == 0 && bits(k) & HEADLINE_PART != 0)?;
    has_kicker.then(|| heading_text(*part))
}

/// The article's scope around its headline: the nearest `article`, `main`,
/// `[itemprop=articleBody]` or `.hentry` ancestor, else [`SCOPE_LEVELS`] levels up.
fn article_scope(h: DomNode<'_>) -> NodeId {
    let marked = h.ancestors().find(|a| {
        a.value().as_element().is_some_and(|e| {
            matches!(e.name(), "article" | "main")
                || tokens_hold(dom::attr(e, ReadAttr::Itemprop), "articleBody")
                || tokens_hold(dom::attr(e, ReadAttr::Class), "hentry")
        })
    });
    if let Some(m) = marked {
        return m.id();
    }
    let mut scope = h;
    for _ in 0..SCOPE_LEVELS {
        match scope.parent() {
            Some(p) if !matches!(dom::tag(&p), Some("body" | "html") | None) => scope = p,
            _ => break,
        }
    }
    scope.id()
}

// ---------------------------------------------------------------------------------------------
// Bylines
// ---------------------------------------------------------------------------------------------

/// The visible byline sources, best first: microdata authors, `rel=author` links, links to
/// author pages, byline-classed elements (and `<byline>` elements). Each names the people of
/// all its elements outside noise; of those in the article's scope only, when the scope holds
/// any (the other ones are related stories' bylines).
fn bylines(
    doc: &Html,
    c: &Candidates,
    base: Option<&Url>,
    scope: Option<NodeId>,
    not_body: &mut Vec<(NodeId, RemovalKind, &'static str)>,
) -> Vec<BylineFind> {
    let mut out = Vec::new();
    let microdata: Vec<(NodeId, &'static str)> = c
        .microdata_authors
        .iter()
        .filter_map(|&id| {
            let n = doc.tree.get(id)?;
            // The name inside the author item, else the item's text.
            let mut name = None;
            dom::walk(n, |x| {
                if name.is_some() {
                    return Walk::Stop;
                }
                match x.value().as_element() {
                    Some(e) if x.id() != id && tokens_hold(dom::attr(e, ReadAttr::Itemprop), "name") => {
                        name = Some(x.id());
                        Walk::Stop
                    }
                    Some(_) => Walk::Descend,
                    None => Walk::Skip,
                }
            });
            Some((name.unwrap_or(id), "byline:[itemprop=author]"))
        })
        .collect();
    let rel: Vec<(NodeId, &'static str)> = c.rel_authors.iter().map(|&id| (id, "byline:a[rel=author]")).collect();
    let links: Vec<(NodeId, &'static str)> =
        c.author_links.iter().map(|&id| (id, "byline:a[href*=/author/]")).collect();
    let in_scope = |id: NodeId| {
        scope
            .is_some_and(|s| doc.tree.get(id).is_some_and(|n| dom::is_inclusive_ancestor(s, n) && !inside(n, &c.noise)))
    };
    for mut group in [microdata, rel, links, c.byline_classed.clone()] {
        let Some(&(_, source)) = group.first() else { continue };
        if group.iter().any(|&(id, _)| in_scope(id)) {
            group.retain(|&(id, _)| in_scope(id));
        }
        let mut byline = Byline::default();
        let mut urls = Vec::new();
        let mut taken = Vec::new();
        for (id, _) in group {
            let Some(n) = doc.tree.get(id) else { continue };
            if inside(n, &c.noise) {
                continue;
            }
            let Some(text) = dom::short_text(n, BYLINE_MAX_CHARS) else { continue };
            let found = person_names::parse_byline(&text);
            if found.people.is_empty() && found.organisations.is_empty() && found.user_names.is_empty() {
                continue;
            }
            if dom::tag(&n) == Some("a")
                && let Some(u) = n.value().as_element().and_then(|e| dom::attr(e, ReadAttr::Href))
                && found.people.len() == 1
            {
                urls.push((found.people[0].name.clone(), resolve_link(u, base)));
            }
            merge(&mut byline, found);
            taken.push(id);
        }
        byline.people.truncate(MAX_AUTHORS);
        byline.user_names.truncate(MAX_AUTHORS);
        if byline.people.is_empty() && byline.organisations.is_empty() && byline.user_names.is_empty() {
            continue;
        }
        let url = match byline.people.as_slice() {
            [one] => urls.iter().find(|(n, _)| *n == one.name).and_then(|(_, u)| u.clone()),
            _ => None,
        };
        if out.is_empty() && !byline.people.is_empty() {
            let mut lines: Vec<NodeId> = Vec::new();
            for line in taken.into_iter().filter_map(|id| doc.tree.get(id).map(|n| byline_line(n))) {
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
            // More byline lines than an article has are a list of teasers, each with its own
            // byline: they stay where they are.
            if lines.len() <= MAX_BYLINE_LINES {
                not_body.extend(lines.into_iter().map(|line| (line, RemovalKind::Metadata, "byline")));
            }
        }
        out.push(BylineFind { source, byline, url });
    }
    out
}

/// People, organisations and contributors of `more` added to `into`, without duplicates.
fn merge(into: &mut Byline, more: Byline) {
    for p in more.people {
        if !into.people.iter().any(|q| same(&q.name, &p.name)) {
            into.people.push(p);
        }
    }
    for o in more.organisations {
        if !into.organisations.iter().any(|q| same(q, &o)) {
            into.organisations.push(o);
        }
    }
    for p in more.contributors {
        if !into.contributors.iter().any(|q| same(&q.name, &p.name)) {
            into.contributors.push(p);
        }
    }
    for u in more.user_names {
        if !into.user_names.iter().any(|q| same(q, &u)) {
            into.user_names.push(u);
        }
    }
}

/// The line a byline element stands in: the element when it is a block, else its nearest block
/// ancestor whose text is still a byline's length ("By <a>Jane Doe</a> on March 3").
fn byline_line(n: DomNode<'_>) -> NodeId {
    if n.value().as_element().is_some_and(|e| dom::is_block_tag(&e.name.local)) {
        return n.id();
    }
    let mut line = n;
    for a in n.ancestors() {
        let Some(e) = a.value().as_element() else { break };
        if matches!(e.name(), "body" | "html" | "article" | "main" | "header" | "section")
            || dom::text_len_upto(a, BYLINE_MAX_CHARS) > BYLINE_MAX_CHARS
        {
            break;
        }
        line = a;
        if dom::is_block_tag(&e.name.local) {
            break;
        }
    }
    line.id()
}

/// A line after the headline that starts with an author lead ("von Daniela Example", "By
/// Jane Doe"): a byline written as text.
fn lead_line(
    h: DomNode<'_>,
    c: &Candidates,
    lens: &TextLens,
    not_body: &mut Vec<(NodeId, RemovalKind, &'static str)>,
) -> Option<BylineFind> {
    let mut seen = 0;
    let mut at = next_after(h)?;
    loop {
        if let Some(e) = at.value().as_element()
            && matches!(
                e.name(),
                "p" | "div" | "span" | "em" | "i" | "strong" | "b" | "small" | "address" | "li" | "td"
            )
            && let len = lens.get(at)
            && len > 0
        {
            seen += 1;
            if seen > LEAD_LINE_MAX_ELEMENTS {
                return None;
            }
            if len <= LEAD_LINE_MAX_CHARS
                && let t = dom::text(at)
                && !t.is_empty()
                && t.chars().count() <= LEAD_LINE_MAX_CHARS
                && person_names::starts_with_author_lead(&t)
                && !inside(at, &c.noise)
            {
                let byline = person_names::parse_byline(&t);
                if !byline.people.is_empty() {
                    not_body.push((at.id(), RemovalKind::Metadata, "byline"));
                    return Some(BylineFind { source: "text:byline", byline, url: None });
                }
            }
        }
        at = next_in_order(at, false)?;
    }
}

/// The node after `n`'s subtree in document order.
fn next_after(n: DomNode<'_>) -> Option<DomNode<'_>> {
    next_in_order(n, true)
}

/// The next node in document order (into `n`'s children unless `skip_children`).
fn next_in_order(n: DomNode<'_>, skip_children: bool) -> Option<DomNode<'_>> {
    if !skip_children
        && !n.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name()))
        && let Some(c) = n.first_child()
    {
        return Some(c);
    }
    let mut x = n;
    loop {
        if let Some(s) = x.next_sibling() {
            return Some(s);
        }
        x = x.parent()?;
    }
}

// ---------------------------------------------------------------------------------------------
// Deck
// ---------------------------------------------------------------------------------------------

/// The deck: among the first [`DECK_MAX_DISTANCE`] elements after the headline (or after the
/// header box it heads), one with a deck class, or an `h2` or `p` that repeats the page's
/// description; at most [`DECK_MAX_CHARS`] characters. It stays in the body as well: on pages
/// no profile covers the standfirst is often the article's first paragraph, or all a paywalled
/// page shows.
fn deck(h: DomNode<'_>, meta: &PageMeta, class_words: &ClassWords) -> Option<(String, &'static str)> {
    let description = meta.get(MetaKey::Description).or(meta.get(MetaKey::OgDescription));
    let mut starts = vec![h];
    // A headline alone in its header box: the deck may follow the box.
    if let Some(p) = h.parent()
        && matches!(dom::tag(&p), Some("header" | "hgroup" | "div"))
        && p.children().filter(|k| k.value().is_element()).count() <= 2
    {
        starts.push(p);
    }
    for start in starts {
        let siblings = start.next_siblings().filter(|s| s.value().is_element()).take(DECK_MAX_DISTANCE);
        for s in siblings {
            let Some(e) = s.value().as_element() else { continue };
            let Some(text) = dom::short_text(s, DECK_MAX_CHARS) else { continue };
            if is_date_only(&text) || mostly_links(s, &text) {
                continue;
            }
            let found = class_words
                .in_id_class(s.id(), ClassSlot::VISIBLE)
                .unwrap_or_else(|| if dom::has_id_class(e) { CLASS_WORDS.in_id_class(e) } else { 0 });
            let classed = found & DECK != 0 && checked_class_bits(e, found) & DECK != 0;
            if classed {
                return Some((text, deck_source(e)));
            }
            if matches!(e.name(), "h2" | "p") && description.is_some_and(|d| same(d, &text)) {
                return Some((text, "deck:description"));
            }
        }
    }
    None
}

/// Most letters a dateline holds besides its dates ("PM", "Uhr", a separator's word): a text
/// with no more is a date stamp, never a deck (a blog's `post-header` box: "Tuesday, October
/// 30, 2012 | 12:00 PM").
const DATE_ONLY_MAX_OTHER_LETTERS: usize = 4;

/// Whether a short text is only a date stamp: a date, its weekday and time, and at most
/// [`DATE_ONLY_MAX_OTHER_LETTERS`] other letters.
fn is_date_only(text: &str) -> bool {
    let dates = visible_date::find_dates(text, NumericOrder::Unknown);
    if dates.is_empty() {
        return false;
    }
    let mut at = 0;
    let mut letters = 0;
    for d in &dates {
        letters += text[at..d.span.start].chars().filter(|c| c.is_alphabetic()).count();
        at = d.span.end;
    }
    letters += text[at..].chars().filter(|c| c.is_alphabetic()).count();
    letters <= DATE_ONLY_MAX_OTHER_LETTERS
}

/// Whether half of a text's letters and digits or more are its links' (a tag line, "Labels:
/// a, b, c"): no deck.
fn mostly_links(n: DomNode<'_>, text: &str) -> bool {
    let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
    let mut linked = 0;
    dom::walk(n, |x| match x.value() {
        Node::Element(e) if e.name() == "a" => {
            linked += letters(&dom::text(x));
            Walk::Skip
        }
        Node::Element(_) => Walk::Descend,
        _ => Walk::Skip,
    });
    linked * 2 >= letters(text)
}

/// The source name of a deck element: `deck:.<class word>`.
fn deck_source(e: &scraper::node::Element) -> &'static str {
    DECK_CLASS_WORDS
        .iter()
        .position(|w| element_has_part_word(e, &[w], true))
        .and_then(|i| DECK_SOURCES.get(i))
        .copied()
        .unwrap_or("deck:.deck")
}

/// Source names of [`DECK_CLASS_WORDS`], in the same order.
const DECK_SOURCES: &[&str] = &[
    "deck:.deck",
    "deck:.dek",
    "deck:.standfirst",
    "deck:.subtitle",
    "deck:.subheadline",
    "deck:.sub-headline",
    "deck:.subhead",
    "deck:.sub-head",
    "deck:.summary",
    "deck:.lede",
    "deck:.lead",
    "deck:.teaser-text",
    "deck:.intro",
    "deck:.article-intro",
    "deck:.excerpt",
    "deck:.description",
    "deck:.strapline",
    "deck:.abstract",
    "deck:.chapo",
    "deck:.chapeau",
    "deck:.sapo",
    "deck:.bajada",
    "deck:.entradilla",
    "deck:.vorspann",
    "deck:.einleitung",
];

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// Class words of a `<time>` that is the publication time.
const PUBLISHED_TIME_CLASS_WORDS: &[&str] = &["published", "entry-date", "post-date", "publish", "pubdate"];
/// Class words of a `<time>` that is the update time.
const UPDATED_TIME_CLASS_WORDS: &[&str] = &["updated", "modified"];
/// hAtom's date classes, whole class names: an `abbr` or `span` so classed states its date in
/// `title` (`<span class="updated" title="2013-04-04T18:52:11+00:00">`).
const HATOM_DATE_CLASSES: &[&str] = &["published", "updated"];

/// A dated element's text (up to [`DATELINE_MAX_CHARS`]) without the update-marked elements
/// inside it: the rest of the line states the publication.
fn dateline_text(n: DomNode<'_>) -> Option<String> {
    if dom::text_len_upto(n, DATELINE_MAX_CHARS) > DATELINE_MAX_CHARS {
        return None;
    }
    let mut out = String::new();
    dom::walk(n, |x| match x.value() {
        Node::Text(t) => {
            out.push_str(t);
            Walk::Skip
        }
        Node::Element(e) if dom::is_non_text_tag(e.name()) || (x.id() != n.id() && is_update_marked(e)) => Walk::Skip,
        Node::Element(e) => {
            if dom::breaks_words(&e.name.local) {
                out.push(' ');
            }
            Walk::Descend
        }
        _ => Walk::Skip,
    });
    Some(dom::normalize_space(&out)).filter(|t| !t.is_empty())
}

/// Whether an element states the update, not the publication: an update class without a
/// published one (WordPress marks its one time `entry-date published updated`), or
/// `itemprop=dateModified`.
fn is_update_marked(e: &scraper::node::Element) -> bool {
    tokens_hold(dom::attr(e, ReadAttr::Itemprop), "dateModified")
        || (element_has_part_word(e, UPDATED_TIME_CLASS_WORDS, false)
            && !element_has_part_word(e, PUBLISHED_TIME_CLASS_WORDS, false))
}

fn dates(
    doc: &Html,
    c: &Candidates,
    scope: Option<NodeId>,
    headline: Option<NodeId>,
    order: NumericOrder,
) -> Vec<DateFind> {
    let mut out = Vec::new();
    let in_scope = |n: DomNode<'_>| scope.is_none_or(|s| dom::is_inclusive_ancestor(s, n));
    let headline_node = headline.and_then(|h| doc.tree.get(h));
    // The byline: the first dated element (or `<time>`) in scope, outside noise, whose text has
    // a date; an update date there too. A box that holds the headline is no dateline (a date
    // in the headline is the story's subject); an element marked as the update
    // (`span.updated`, `[itemprop=dateModified]`) states only the update.
    let (mut published, mut updated) = (None, None);
    for &id in &c.dated {
        let Some(n) = doc.tree.get(id) else { continue };
        if !in_scope(n) || inside(n, &c.noise) || headline_node.is_some_and(|h| dom::is_inclusive_ancestor(id, h)) {
            continue;
        }
        let Some(text) = dateline_text(n) else { continue };
        let mut found = visible_date::find_dates_in_dateline(&text, order);
        if n.value().as_element().is_some_and(is_update_marked) {
            for d in &mut found {
                d.role = DateRole::Updated;
            }
        }
        if updated.is_none()
            && let Some(u) = found.iter().find(|d| d.role == DateRole::Updated)
        {
            updated = Some(u.clone());
        }
        if let Some(p) = found.into_iter().find(|d| d.role != DateRole::Updated) {
            published = Some(p);
            break;
        }
    }
    let visible = |d: visible_date::VisibleDate| StatedDate { day: d.date, iso: d.iso(), utc: false };
    if let Some(p) = published {
        out.push(DateFind { source: "text:byline", role: DateRole::Published, date: visible(p) });
    }
    if let Some(u) = updated {
        out.push(DateFind { source: "text:byline", role: DateRole::Updated, date: visible(u) });
    }
    // Microdata outside `<meta>`: `datetime`, else `content`, else the text.
    for &(id, role) in &c.microdata_dates {
        let Some(n) = doc.tree.get(id) else { continue };
        let Some(e) = n.value().as_element() else { continue };
        let value = dom::attr(e, ReadAttr::Datetime)
            .or_else(|| dom::attr(e, ReadAttr::Content))
            .map(str::to_string)
            .or_else(|| dom::short_text(n, DATELINE_MAX_CHARS));
        if let Some(date) = value.and_then(|v| machine_date::parse(&v, order)) {
            let source = if e.name() == "time" {
                "microdata:time[itemprop=datePublished]"
            } else {
                "microdata:[itemprop=datePublished]"
            };
            out.push(DateFind { source, role, date });
        }
    }
    // `<time>` elements outside noise: `pubdate`, a published or updated class, else any. A
    // comment's, a teaser's or a sidebar's time is marked the same way (`time[pubdate]` on
    // every comment of a blog) but dates another text.
    for &id in &c.times {
        let Some(n) = doc.tree.get(id) else { continue };
        let Some(e) = n.value().as_element() else { continue };
        if inside(n, &c.noise) {
            continue;
        }
        let published_class = element_has_part_word(e, PUBLISHED_TIME_CLASS_WORDS, false);
        let updated_class = element_has_part_word(e, UPDATED_TIME_CLASS_WORDS, false);
        let value =
            dom::attr(e, ReadAttr::Datetime).map(str::to_string).or_else(|| dom::short_text(n, DATELINE_MAX_CHARS));
        let Some(date) = value.and_then(|v| machine_date::parse(&v, order)) else { continue };
        let (source, role) = if dom::attr(e, ReadAttr::Pubdate).is_some() {
            ("byline:time[pubdate]", DateRole::Published)
        } else if published_class {
            ("byline:time.published", DateRole::Published)
        } else if updated_class {
            ("byline:time.updated", DateRole::Updated)
        } else {
            ("time[datetime]", DateRole::Unknown)
        };
        out.push(DateFind { source, role, date });
    }
    // hAtom: `abbr.published`, `span.updated`, … with the machine date in `title`.
    for &id in &c.abbrs {
        let Some(e) = doc.tree.get(id).and_then(|n| n.value().as_element()) else { continue };
        let published = element_has_part_word(e, &["published"], true);
        let (source, role) = match (e.name(), published) {
            ("abbr", true) => ("byline:abbr.published[title]", DateRole::Published),
            (_, true) => ("byline:span.published[title]", DateRole::Published),
            ("abbr", false) => ("byline:abbr.updated[title]", DateRole::Updated),
            (_, false) => ("byline:span.updated[title]", DateRole::Updated),
        };
        if let Some(date) = dom::attr(e, ReadAttr::Title).and_then(|v| machine_date::parse(v, order)) {
            out.push(DateFind { source, role, date });
        }
    }
    // Text right after the headline.
    if let Some(h) = headline.and_then(|h| doc.tree.get(h))
        && let Some(date) = near_headline(h, &c.noise, order)
    {
        out.push(DateFind { source: "text:near-headline", role: DateRole::Unknown, date });
    }
    // Text right before it.
    if let Some(h) = headline.and_then(|h| doc.tree.get(h))
        && let Some(date) = before_headline(h, &c.noise, order)
    {
        out.push(DateFind { source: "text:before-headline", role: DateRole::Unknown, date });
    }
    out
}

/// The nearest date in the text right before the headline: the last
/// [`BEFORE_HEADLINE_MAX_TEXTS`] text nodes, at most [`BEFORE_HEADLINE_MAX_CHARS`] characters,
/// outside noise — a dateline above the headline ("Samstag, 5. Oktober 2013" over a blog
/// post's title, "02.02.2022 | Sport" over a news headline).
fn before_headline(h: DomNode<'_>, noise: &NodeSet, order: NumericOrder) -> Option<StatedDate> {
    let (mut texts, mut chars) = (0, 0);
    let mut at = prev_in_order(h)?;
    loop {
        match at.value() {
            Node::Text(t) if !t.trim().is_empty() => {
                texts += 1;
                chars += t.len();
                if texts > BEFORE_HEADLINE_MAX_TEXTS || chars > BEFORE_HEADLINE_MAX_CHARS {
                    return None;
                }
                if !at.parent().is_some_and(|p| inside(p, noise))
                    && let Some(d) = visible_date::find_dates(&dom::normalize_space(t), order).into_iter().last()
                {
                    return Some(StatedDate { day: d.date, iso: d.iso(), utc: false });
                }
            }
            Node::Element(e) if matches!(e.name(), "body" | "html") => return None,
            _ => {}
        }
        at = prev_in_order(at)?;
    }
}

/// The node before `n` in document order: the last node of its previous sibling's subtree
/// (script and style contents left out), else its parent.
fn prev_in_order(n: DomNode<'_>) -> Option<DomNode<'_>> {
    let Some(mut x) = n.prev_sibling() else { return n.parent() };
    while !x.value().as_element().is_some_and(|e| dom::is_non_text_tag(e.name()))
        && let Some(last) = x.last_child()
    {
        x = last;
    }
    Some(x)
}

/// The first date in the text right after the headline: the first
/// [`NEAR_HEADLINE_MAX_TEXTS`] text nodes, at most [`NEAR_HEADLINE_MAX_CHARS`] characters,
/// outside noise, a date at most [`NEAR_HEADLINE_DATE_MAX_OFFSET`] characters into its text.
fn near_headline(h: DomNode<'_>, noise: &NodeSet, order: NumericOrder) -> Option<StatedDate> {
    let (mut texts, mut chars) = (0, 0);
    let mut at = next_after(h)?;
    loop {
        if let Node::Text(t) = at.value()
            && !t.trim().is_empty()
        {
            texts += 1;
            chars += t.len();
            if texts > NEAR_HEADLINE_MAX_TEXTS || chars > NEAR_HEADLINE_MAX_CHARS {
                return None;
            }
            let text = dom::normalize_space(t);
            if !at.parent().is_some_and(|p| inside(p, noise))
                && let Some(d) = visible_date::find_dates(&text, order)
                    .into_iter()
                    .next()
                    .filter(|d| text[..d.span.start].chars().count() <= NEAR_HEADLINE_DATE_MAX_OFFSET)
            {
                return Some(StatedDate { day: d.date, iso: d.iso(), utc: false });
            }
        }
        at = next_in_order(at, false)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Categories and tags
// ---------------------------------------------------------------------------------------------

/// The texts of links, outside `noise`, short, without duplicates.
fn link_texts(doc: &Html, ids: &[NodeId], noise: &NodeSet) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut distinct = Distinct::default();
    for &id in ids {
        let Some(n) = doc.tree.get(id) else { continue };
        if inside(n, noise) {
            continue;
        }
        let Some(t) = dom::short_text(n, LINK_ITEM_MAX_CHARS) else { continue };
        if distinct.first_time(&t) {
            out.push(t);
        }
    }
    out
}

fn link_list(doc: &Html, ids: &[NodeId], noise: &NodeSet, source: &'static str) -> Option<LinkList> {
    let items = link_texts(doc, ids, noise);
    (!items.is_empty()).then_some(LinkList { source, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_match_whole_parts_where_they_must() {
        assert!(has_part_word("site-footer x", &["footer"], true));
        assert!(has_part_word("comment_list", &["comment"], true));
        assert!(!has_part_word("canvas navigationx", &["nav", "navigation"], true));
        assert!(has_part_word("tag-cloud", &["tag-cloud"], true));
        // Byline words need only their start at a part's start.
        assert!(has_part_word("entry-authorname", &["author"], false));
        assert!(!has_part_word("coauthor", &["author"], false));
        assert!(has_part_word("Site_Footer", &["footer"], true));
        assert!(!has_part_word("footers", &["footer"], true));
        assert!(has_part_word("x-by-line By_Line", &["by-line"], true));
    }

    /// The part-word test as a search of every occurrence of each word (lower-cased, `_` as
    /// `-`): what `has_part_word` answers.
    fn has_part_word_by_search(value: &str, words: &[&str], whole: bool) -> bool {
        value.split_ascii_whitespace().any(|token| {
            let token = token.to_ascii_lowercase().replace('_', "-");
            words.iter().any(|w| {
                token.match_indices(w).any(|(i, _)| {
                    let before_ok = i == 0 || token.as_bytes()[i - 1] == b'-';
                    let after = i + w.len();
                    let after_ok = !whole || after == token.len() || token.as_bytes()[after] == b'-';
                    before_ok && after_ok
                })
            })
        })
    }

    #[test]
    fn part_words_are_found_as_a_search_finds_them() {
        let lists: [&[&str]; 8] = [
            NOISE_CLASS_WORDS,
            LINK_LIST_NOISE_CLASS_WORDS,
            BYLINE_CLASS_WORDS,
            DECK_CLASS_WORDS,
            PUBLISHED_TIME_CLASS_WORDS,
            UPDATED_TIME_CLASS_WORDS,
            &["published"],
            &["tag-cloud", "x"],
        ];
        // A search finds occurrences that do not overlap: a word that overlaps itself across a
        // `-` could hide a later match at a part start. None of the vocabularies does.
        for list in lists {
            for w in list {
                let b = w.as_bytes();
                let overlaps = (1..b.len()).any(|k| b[k - 1] == b'-' && b[k..] == b[..b.len() - k]);
                assert!(!overlaps, "{w}");
            }
        }
        let values = [
            "",
            "post-author entry-date",
            "ByLine_Author",
            "coauthor comments",
            "site-footer widget_area",
            "entry-meta--published",
            "nav-menu navigation main-nav",
            "deck-sub standfirst x_deck",
            "-author- _updated_ -",
            "a-a-a x-a-a",
            "AUTHOR-NAME über-date",
            "sidebar-widgets related-posts",
            "pubdate modified-date postdate",
        ];
        for list in lists {
            for value in values {
                for whole in [false, true] {
                    assert_eq!(
                        has_part_word(value, list, whole),
                        has_part_word_by_search(value, list, whole),
                        "{value:?} {list:?} {whole}"
                    );
                }
            }
        }
    }

    /// The class/id bits of the first element of `html`'s body.
    fn bits_of(html: &str) -> u32 {
        let doc = Html::parse_fragment(html);
        let e = doc.root_element().first_child().and_then(|n| n.value().as_element().cloned()).unwrap();
        class_bits(&e)
    }

    #[test]
    fn term_classes_and_a_post_s_own_footer_are_no_noise() {
        // WordPress's term classes carry the editors' slugs.
        assert_eq!(bits_of(r#"<div class="post hentry category-popular tag-sidebar">x</div>"#) & NOISE, 0);
        assert_ne!(bits_of(r#"<div class="popular-posts">x</div>"#) & NOISE, 0);
        // A tag cloud stays link noise although it starts like a term class.
        assert_ne!(bits_of(r#"<div class="tag-cloud">x</div>"#) & LINK_NOISE, 0);
        // A post's footer holds its byline; the page's footer does not.
        assert_eq!(bits_of(r#"<div class="post-footer-line post-footer-line-1">x</div>"#) & NOISE, 0);
        assert_eq!(bits_of(r#"<footer class="entry-footer">x</footer>"#) & NOISE, 0);
        assert_ne!(bits_of(r#"<div class="site-footer">x</div>"#) & NOISE, 0);
        // Embedded social posts are noise.
        assert_ne!(bits_of(r#"<blockquote class="instagram-media">x</blockquote>"#) & NOISE, 0);
    }

    #[test]
    fn update_marked_elements() {
        let marked = |html: &str| {
            let doc = Html::parse_fragment(html);
            let e = doc.root_element().first_child().and_then(|n| n.value().as_element().cloned()).unwrap();
            is_update_marked(&e)
        };
        assert!(marked(r#"<span class="updated">x</span>"#));
        assert!(marked(r#"<time itemprop="dateModified">x</time>"#));
        assert!(!marked(r#"<time class="entry-date published updated">x</time>"#));
        assert!(!marked(r#"<span class="date">x</span>"#));
    }

    #[test]
    fn link_paths_to_author_category_and_tag_pages() {
        // An author page: one segment with a letter after the path word, last.
        for href in ["https://news.example/author/jane-doe/", "/autor/jane-doe-21589", "/by/jane?ref=1"] {
            assert!(AUTHOR_PAGE_PATH.is_match(href), "{href}");
        }
        for href in ["/people/real-life/story-62276.html", "https://licences.example/licenses/by/4.0/", "/author/"] {
            assert!(!AUTHOR_PAGE_PATH.is_match(href), "{href}");
        }
        assert!(AUTHOR_PATH.is_match("https://news.example/author/jane-doe/"));
        assert!(AUTHOR_PATH.is_match("/autoren/jane"));
        assert!(!AUTHOR_PATH.is_match("/authority/report"));
        assert!(!AUTHOR_PATH.is_match("/author/"));
        assert!(CATEGORY_PATH.is_match("/category/politics/"));
        assert!(TAG_PATH.is_match("/tag/harbour"));
        assert!(!TAG_PATH.is_match("/tagesschau/x"));
    }

    #[test]
    fn a_tag_line_is_no_deck() {
        let doc = Html::parse_fragment(
            "<p class=\"subhead\">Labels: <a rel=\"tag\" href=\"/l/a\">Harbour</a>, <a rel=\"tag\" href=\"/l/b\">Ferries</a></p>",
        );
        let p = doc.tree.nodes().find(|n| dom::tag(n) == Some("p")).unwrap();
        assert!(mostly_links(p, &dom::text(p)));
        let doc = Html::parse_fragment("<p class=\"subhead\">Labels: <a rel=\"tag\" href=\"/l/a\">harbour</a></p>");
        let p = doc.tree.nodes().find(|n| dom::tag(n) == Some("p")).unwrap();
        assert!(mostly_links(p, &dom::text(p)));
        let doc = Html::parse_fragment(
            "<p class=\"subhead\">The council voted to rebuild the <a href=\"/w\">harbour wall</a>.</p>",
        );
        let p = doc.tree.nodes().find(|n| dom::tag(n) == Some("p")).unwrap();
        assert!(!mostly_links(p, &dom::text(p)));
    }

    #[test]
    fn a_date_stamp_is_no_deck() {
        assert!(is_date_only("Tuesday, October 30, 2012 | 12:00 PM"));
        assert!(is_date_only("30.10.2012, 12:00 Uhr"));
        assert!(!is_date_only("The council voted on October 30, 2012 to rebuild the harbour wall"));
        assert!(!is_date_only("The council voted to rebuild the harbour wall"));
    }

    #[test]
    fn home_links() {
        let page = Url::parse("https://www.news.example/2024/a").ok();
        for h in ["/", "./", "index.html", "https://www.news.example/", "https://news.example"] {
            assert!(is_home_link(h, page.as_ref()), "{h}");
        }
        for h in ["/news", "https://other.example/", "https://www.news.example/?p=1"] {
            assert!(!is_home_link(h, page.as_ref()), "{h}");
        }
    }

    #[test]
    fn the_byline_leaves_the_body_but_teasers_keep_theirs() {
        // One or two byline lines leave the body; three are teasers, each with its own byline.
        let teaser = |who: &str| {
            format!(
                "<div><p class=\"byline\">By {who}</p><p>The ferry timetable changes next month, when the winter season starts on the islands and the days get short.</p></div>"
            )
        };
        let not_body = |page: &str| {
            let doc = Html::parse_document(page);
            let meta = PageMeta::read(&doc);
            let cx = Context {
                meta: &meta,
                page_url: None,
                site_name: None,
                headline: None,
                order: NumericOrder::Unknown,
                class_words: &ClassWords::none(),
                lens: &TextLens::new(doc.tree.root()),
            };
            let ids: std::collections::HashSet<NodeId> =
                Visible::read(&doc, &cx).not_body.iter().map(|&(id, _, _)| id).collect();
            ids.len()
        };
        let one = format!("<html><body><h1>Harbour news</h1>{}</body></html>", teaser("Jane Doe"));
        assert_eq!(not_body(&one), 1);
        let two =
            format!("<html><body><h1>Harbour news</h1>{}{}</body></html>", teaser("Jane Doe"), teaser("John Roe"));
        assert_eq!(not_body(&two), 2);
        let three = format!(
            "<html><body><h1>Harbour news</h1>{}{}{}</body></html>",
            teaser("Jane Doe"),
            teaser("John Roe"),
            teaser("Ann Lee")
        );
        // Only the line right under the headline leaves, as a lead line.
        assert_eq!(not_body(&three), 1);
    }
}
