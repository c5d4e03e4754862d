//! The headline element, for both content paths: a site profile's headline selectors first,
//! else the page's `h1` that its own titles name. Found before cleaning, so that no removal
//! takes it (`Protect`).

use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use crate::config::Profile;
use crate::dom;
use crate::parse::attributes::ReadAttr;

/// The general headline selector.
static H1: LazyLock<Vec<Selector>> = LazyLock::new(|| vec![Selector::parse("h1").expect("static selector")]);

/// The page's headline element: with a profile that has headline selectors, the first of
/// their matches ([`find_headline`]); else the `h1` the page's titles (`og:title`, `<title>`,
/// best first) name ([`find_headline_matching`]).
pub(crate) fn find(doc: &Html, profile: Option<&Profile>, page_titles: &[&str]) -> Option<NodeId> {
    profile
        .filter(|p| !p.title.is_empty())
        .and_then(|p| find_headline(doc, &p.title))
        .or_else(|| find_headline_matching(doc, &H1, page_titles))
}

/// Finds the headline element: the first selector match with text that is not in
/// navigation, a sidebar, a footer or a dialog.
fn find_headline(doc: &Html, selectors: &[Selector]) -> Option<NodeId> {
    for sel in selectors {
        for el in doc.select(sel) {
            if headline_candidate(&el, false) {
                return Some(el.id());
            }
        }
    }
    None
}

/// Like [`find_headline`], preferring the first candidate whose text the page's own titles
/// (`og:title`, `<title>`) hold or start with: a site-name `h1` in the masthead comes before
/// the article's `h1` on many pages. Without such a match, the first candidate.
fn find_headline_matching(doc: &Html, selectors: &[Selector], titles: &[&str]) -> Option<NodeId> {
    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let titles: Vec<String> = titles.iter().map(|t| norm(t)).filter(|t| !t.is_empty()).collect();
    let (mut first, mut in_aside) = (None, None);
    for sel in selectors {
        for el in doc.select(sel) {
            let strict = headline_candidate(&el, false);
            if !strict && (in_aside.is_some() || !headline_candidate(&el, true)) {
                continue;
            }
            let text = norm(&dom::text(*el));
            // A short text (a site name) matches too easily: only a real headline counts.
            let named = text.chars().count() >= MATCHING_HEADLINE_MIN_CHARS && titles.iter().any(|t| t.contains(&text));
            match (strict, named) {
                (true, true) => return Some(el.id()),
                (true, false) => _ = first.get_or_insert(el.id()),
                // Themes that wrap the post in an `<aside>`: an `h1` there counts only when
                // the page's titles name it.
                (false, true) => in_aside = Some(el.id()),
                (false, false) => {}
            }
        }
    }
    in_aside.or(first)
}

/// Shortest headline text that [`find_headline_matching`] compares with the page's titles.
const MATCHING_HEADLINE_MIN_CHARS: usize = 15;

/// Whether an element can be the headline: text with a letter or digit, not hidden, not in
/// navigation, a footer, a dialog, the head or a form, nor in an `aside` unless
/// `aside_allowed`.
fn headline_candidate(el: &ElementRef<'_>, aside_allowed: bool) -> bool {
    // Two characters at least, one of them a letter or digit: "Hi" is a headline, "≡" or
    // "X" (a menu or close icon in an `h1`) is not.
    let text = dom::text(**el);
    if text.chars().count() < 2 || !text.chars().any(char::is_alphanumeric) || dom::is_hidden(el) {
        return false;
    }
    !el.ancestors().any(|a| match a.value() {
        Node::Element(e) => {
            matches!(e.name(), "nav" | "footer" | "dialog" | "head" | "form")
                || (e.name() == "aside" && !aside_allowed)
                || dom::attr(e, ReadAttr::Role)
                    .is_some_and(|r| matches!(r, "navigation" | "dialog" | "complementary" | "contentinfo"))
                || dom::attr(e, ReadAttr::AriaModal) == Some("true")
                || ElementRef::wrap(a).is_some_and(|ar| dom::is_hidden(&ar))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline_text(html: &str, titles: &[&str]) -> Option<String> {
        let doc = Html::parse_document(html);
        find(&doc, None, titles).and_then(|id| doc.tree.get(id)).map(dom::text)
    }

    #[test]
    fn an_h1_in_an_aside_is_the_headline_only_when_the_titles_name_it() {
        let page = "<body><header><h1>The Gazette</h1></header>\
            <aside class=blogPost><h1>Council votes to rebuild the harbour wall</h1><p>Text.</p></aside>\
            <aside><h1>Most read this week</h1></aside></body>";
        let title = "Council votes to rebuild the harbour wall « The Gazette";
        assert_eq!(headline_text(page, &[title]).as_deref(), Some("Council votes to rebuild the harbour wall"));
        // Titles that name neither: the first `h1` outside asides, as before.
        assert_eq!(headline_text(page, &["The Gazette"]).as_deref(), Some("The Gazette"));
        // An aside's h1 the titles do not name is never the headline.
        assert_eq!(headline_text("<body><aside><h1>Most read this week</h1></aside></body>", &["Other"]), None);
    }
}
