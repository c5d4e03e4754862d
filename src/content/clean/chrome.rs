//! Structural chrome: `nav`, `header`, `footer`, `aside`, `form`, ARIA landmarks, cookie
//! banners.

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::cleaner::{Cleaner, Protect};
use super::forms::FORM_BOX_MAX_CHARS;
use crate::article::RemovalKind;
use crate::content::paragraphs::{holds_most_prose, holds_paragraph_of, is_prose_paragraph, prose_chars};
use crate::dom::{self, ClassSlot, DomNode, TextLens, Walk};
use crate::matching::Tokens;
use crate::parse::attributes::ReadAttr;

/// ARIA roles of boilerplate landmarks, with the kind they are reported as.
const ROLE_KINDS: &[(&str, RemovalKind)] = &[
    ("dialog", RemovalKind::Modal),
    ("alertdialog", RemovalKind::Modal),
    ("navigation", RemovalKind::Navigation),
    ("banner", RemovalKind::Header),
    ("contentinfo", RemovalKind::Footer),
    ("complementary", RemovalKind::Sidebar),
    ("search", RemovalKind::Navigation),
    // A bar of controls (share, print, listen, text size): never article text.
    ("toolbar", RemovalKind::Share),
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

/// Words of custom-element names (web components: `<ad-slot>`, `<podcast-player>`,
/// `<slide-deck>`, `<amp-ad>`, `<related-stories>`) that make the element a widget, never
/// the article, with the kind it is reported as. A name is split at its hyphens and each
/// part compared whole, so `<article-body>` or `<story-text>` never matches.
const CUSTOM_WIDGET_WORDS: &[(&str, RemovalKind)] = &[
    ("ad", RemovalKind::Ad),
    ("ads", RemovalKind::Ad),
    ("advert", RemovalKind::Ad),
    ("advertisement", RemovalKind::Ad),
    ("sponsored", RemovalKind::Ad),
    ("promo", RemovalKind::Promo),
    ("player", RemovalKind::Promo),
    ("podcast", RemovalKind::Promo),
    ("deck", RemovalKind::Promo),
    ("slideshow", RemovalKind::Promo),
    ("viewer", RemovalKind::Promo),
    ("newsletter", RemovalKind::Newsletter),
    ("signup", RemovalKind::Newsletter),
    ("paywall", RemovalKind::Promo),
    ("consent", RemovalKind::CookieNotice),
    ("cookie", RemovalKind::CookieNotice),
    ("related", RemovalKind::Related),
    ("recirc", RemovalKind::Related),
    ("recommendations", RemovalKind::Related),
    ("trending", RemovalKind::Related),
    ("share", RemovalKind::Share),
    ("social", RemovalKind::Share),
    ("follow", RemovalKind::Share),
    ("comments", RemovalKind::Comments),
    ("breadcrumbs", RemovalKind::Navigation),
    ("breadcrumb", RemovalKind::Navigation),
    ("pagination", RemovalKind::Navigation),
];

/// Custom-element names of author cards: a word for the person and a word for the box among
/// the name's parts (`<author-card>`, `<x-writer-bio>`, `<contributor-profile>`). Either
/// alone is not enough: `<author-name>` sits in the byline, `<story-card>` is a teaser.
const AUTHOR_CARD_PERSON_WORDS: &[&str] = &["author", "writer", "contributor", "columnist", "journalist"];
const AUTHOR_CARD_BOX_WORDS: &[&str] = &["card", "box", "bio", "profile", "about"];

/// Longest text of a figure that frames an embedded widget (its name bar, page counter,
/// credit and download link).
const EMBED_FIGURE_MAX_CHARS: usize = 400;

/// The `figure` a widget is embedded in (a document viewer with its name bar and credit
/// caption), when it is close above and holds little text: the frame goes with the widget.
fn embedding_figure(n: DomNode<'_>, lens: &TextLens) -> Option<NodeId> {
    n.ancestors()
        .take(3)
        .find(|a| dom::tag(a) == Some("figure"))
        .filter(|f| lens.get(*f) <= EMBED_FIGURE_MAX_CHARS)
        .map(|f| f.id())
}

/// The kind of a custom element named after a widget ([`CUSTOM_WIDGET_WORDS`]).
fn custom_widget_kind(name: &str) -> Option<RemovalKind> {
    if !name.contains('-') {
        return None;
    }
    let named = name.split('-').find_map(|part| CUSTOM_WIDGET_WORDS.iter().find(|(w, _)| *w == part).map(|(_, k)| *k));
    let has = |words: &[&str]| name.split('-').any(|part| words.contains(&part));
    named.or_else(|| (has(AUTHOR_CARD_PERSON_WORDS) && has(AUTHOR_CARD_BOX_WORDS)).then_some(RemovalKind::AuthorBox))
}
/// Takes out structural chrome (`nav`, `header`, `footer`, `aside`, `form`, ARIA landmarks,
/// cookie banners by class/id) outside the protected nodes. Inside the article column only
/// `nav`, `aside` and `form` go: an article's own `header`/`footer` may hold its text.
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
        if let Some(kind) = custom_widget_kind(name) {
            hits.push((embedding_figure(n, cleaner.lens()).unwrap_or(n.id()), kind, "custom-element-widget"));
            return Walk::Skip;
        }
        // A consent library writes its state into `<body>`'s or `<html>`'s class
        // (`cookies-not-set`): that names the page, not a banner.
        if !matches!(name, "body" | "html")
            && cleaner
                .class_words()
                .in_id_class(n.id(), ClassSlot::COOKIE)
                .map_or_else(|| COOKIE.in_id_class(e), |b| b != 0)
        {
            hits.push((n.id(), RemovalKind::CookieNotice, "cookie-banner-class"));
            return Walk::Skip;
        }
        Walk::Descend
    });
    if hits.is_empty() {
        return;
    }
    let page_prose = prose_chars(doc.tree.root(), cleaner.lens());
    for (id, kind, rule) in hits {
        if protect.forbids(doc, id) {
            continue;
        }
        let inside = protect.inside_root(doc, id);
        let tag = doc.tree.get(id).and_then(|n| dom::tag(&n).map(str::to_string)).unwrap_or_default();
        // A pull-quote set in an `aside` between the article's paragraphs is the article's
        // (the body's pull-quote pass drops it when it repeats the text).
        if tag == "aside" && doc.tree.get(id).is_some_and(|n| is_pull_quote_aside(n, cleaner.lens())) {
            continue;
        }
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

/// Longest pull-quote `aside` (see [`is_pull_quote_aside`]).
const PULL_QUOTE_ASIDE_MAX_CHARS: usize = 400;

/// Marks that open a quotation, in the languages' usual styles.
const OPENING_QUOTES: &[char] = &['“', '"', '«', '„', '‘', '‹', '»', '「'];

/// Whether an `aside` is a pull-quote between the article's paragraphs: its whole text one
/// short quotation without links, and the nearest siblings with text before and after it
/// prose paragraphs. Magazine and blog themes set a quoted line apart in an `aside` inside
/// the story; a sidebar never sits between two paragraphs of it.
fn is_pull_quote_aside(n: DomNode<'_>, lens: &TextLens) -> bool {
    let Some(text) = dom::short_text(n, PULL_QUOTE_ASIDE_MAX_CHARS) else {
        return false;
    };
    if !text.starts_with(OPENING_QUOTES) || n.descendants().any(|d| dom::tag(&d) == Some("a")) {
        return false;
    }
    let with_text = |s: &DomNode<'_>| s.value().is_element() && lens.get(*s) > 0;
    let before = n.prev_siblings().find(with_text);
    let after = n.next_siblings().find(with_text);
    before.is_some_and(|b| is_prose_paragraph(b, lens)) && after.is_some_and(|a| is_prose_paragraph(a, lens))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_elements_named_after_widgets() {
        for (name, kind) in [
            ("ad-slot", RemovalKind::Ad),
            ("amp-ad", RemovalKind::Ad),
            ("podcast-player", RemovalKind::Promo),
            ("slide-deck", RemovalKind::Promo),
            ("x-related-stories", RemovalKind::Related),
            ("consent-banner", RemovalKind::CookieNotice),
            ("author-card", RemovalKind::AuthorBox),
            ("x-writer-bio", RemovalKind::AuthorBox),
        ] {
            assert_eq!(custom_widget_kind(name), Some(kind), "{name}");
        }
        for name in [
            "article-body",
            "story-text",
            "ad",
            "header-adjacent",
            "x-video-heading",
            "loaded-content",
            "author-name",
            "story-card",
        ] {
            assert_eq!(custom_widget_kind(name), None, "{name}");
        }
    }

    #[test]
    fn a_consent_state_class_on_body_is_not_a_banner() {
        use crate::content::clean::test_support::text_after;
        let html = "<html class=\"gdpr-pending\"><body class=\"page page-id-12 cookies-not-set\">\
            <nav>Home Courses Contact</nav>\
            <table><tr><td>Module</td><td>Engine management, diesel injection systems</td></tr></table>\
            <div class=\"cookie-notice\">We use cookies to improve this site. Accept</div></body></html>";
        let text = text_after(remove_chrome, html);
        assert!(text.contains("diesel injection systems"), "{text}");
        assert!(!text.contains("We use cookies") && !text.contains("Home Courses"), "{text}");
    }

    #[test]
    fn a_pull_quote_aside_between_paragraphs_stays() {
        use crate::content::clean::test_support::{PROSE, text_after};
        let quote = "<aside><span>“Nobody expected the crossing to be this busy in winter”</span></aside>";
        let text = text_after(
            remove_chrome,
            &format!("<html><body><div>{PROSE}{quote}<div class=ad></div>{PROSE}</div></body></html>"),
        );
        assert!(text.contains("Nobody expected"), "{text}");
        // Not between two paragraphs, or with a link: a sidebar.
        for html in [
            format!("<html><body><div>{PROSE}{PROSE}</div>{quote}</body></html>"),
            format!(
                "<html><body><div>{PROSE}<aside>“Read <a href=/x>the ferry report</a>”</aside>{PROSE}</div></body></html>"
            ),
            format!("<html><body><div>{PROSE}<aside>Most read: ferry timetable</aside>{PROSE}</div></body></html>"),
        ] {
            let text = text_after(remove_chrome, &html);
            assert!(
                !text.contains("Nobody expected") && !text.contains("ferry report") && !text.contains("Most read"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_custom_widget_goes_but_not_a_custom_article_wrapper() {
        use crate::content::clean::test_support::{PROSE, text_after};
        let html = format!(
            "<html><body><story-body>{PROSE}{PROSE}{PROSE}<podcast-player><span>Folge 341</span><span>24 Min.</span></podcast-player></story-body></body></html>"
        );
        let text = text_after(remove_chrome, &html);
        assert!(text.contains("harbour board") && !text.contains("Folge 341"), "{text}");
    }
}
