//! Whether a page has prose: the one test that tells a page with something to read from a
//! page that has none.
//!
//! A page *has no article* (error kind `no_article`) when everything it shows is link text,
//! navigation or boilerplate: a home page of headline links, a page of menus and a footer, a
//! frameset with no body. A page with any non-link prose always has one, and its extraction
//! must never come out empty. Both sides use [`page_has_prose`], so that "no article" and
//! "never empty" cannot drift apart.
//!
//! The test is deliberately narrow (it errs towards "has prose"): it reads the parsed page
//! before any cleaning, and only skips what is navigation or chrome by its markup (`nav`,
//! `header`, `footer`, landmark roles, form controls, hidden elements), never by a guess.

use html5ever::{LocalName, local_name};
use scraper::{ElementRef, Html, Node};

use crate::dom::{self, DomNode, Visit, Walk};
use crate::parse::attributes::ReadAttr;
use crate::text::count_words;

/// A block of non-link text is prose from this many words (UAX #29 words with a letter or
/// digit): enough for a sentence, more than a label ("Latest news"), a byline ("By Jane
/// Doe") or a date ("December 7, 2026") beside a headline link.
pub(crate) const MIN_PROSE_WORDS: usize = 4;

/// A heading's text is a title or a label up to this many words; from it on, it is prose set
/// in a heading (old pages set whole paragraphs in `h4` or `h6`).
pub(crate) const MIN_HEADING_PROSE_WORDS: usize = 20;

/// A block of up to this many words holding a [boilerplate phrase](BOILERPLATE_PHRASES) is
/// page chrome; a longer one is prose whatever it mentions (an article about copyright law).
const MAX_BOILERPLATE_WORDS: usize = 25;

/// Lines every kind of site carries outside its articles that read like sentences: copyright
/// lines, skip links, script and cookie notices, "powered by" credits. Lower case; matched
/// as substrings of a short block's lower-cased text.
const BOILERPLATE_PHRASES: &[&str] = &[
    // Copyright lines.
    "©",
    "(c) 19",
    "(c) 20",
    "copyright",
    "all rights reserved",
    // Skip links and screen-reader chrome.
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "jump to navigation",
    // Script and browser notices.
    "enable javascript",
    "javascript is disabled",
    "javascript is required",
    "javascript must be enabled",
    "your browser does not support",
    "browser does not support frames",
    // Cookie notices.
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    // Platform credits.
    "powered by",
];

/// Whether the page shows any prose outside links, navigation and boilerplate: a block
/// (paragraph, list item, table cell, …) whose own non-link text is [`is_prose`].
///
/// Not counted: the text of links (`a[href]`), headings of fewer than
/// [`MIN_HEADING_PROSE_WORDS`] words (titles and labels, not prose), dates (`time`), `nav`, `header`, `footer`, `menu` and elements with a navigation, banner,
/// page-footer, search or menu `role` (unless they wrap the page's `article` or `main`: a
/// header left open holds the whole page), form controls (`button`, `label`,
/// `select`, `option`, `textarea`), hidden elements, and what is never shown (`script`,
/// `style`, `noscript`, `template`, `noframes`, `head`, …). Stops at the first prose block,
/// so on a page with an article it reads little more than the chrome above the body.
pub(crate) fn page_has_prose(doc: &Html) -> bool {
    let mut found = false;
    let mut block = Block::default();
    // Headings being read: their text is prose only from MIN_HEADING_PROSE_WORDS words.
    let mut headings = 0usize;
    dom::walk_events(doc.tree.root(), |visit| match visit {
        Visit::Enter(node) => match node.value() {
            Node::Text(t) => {
                block.text.push_str(t);
                Walk::Skip
            }
            Node::Element(e) => {
                if is_link(node, &e.name.local) {
                    block.link_chars += link_chars(node);
                }
                if is_not_prose_container(node, &e.name.local) {
                    // Its text is no prose, but it still ends the words before it.
                    block.text.push(' ');
                    return Walk::Skip;
                }
                if dom::is_block_tag(&e.name.local) && block.flush(headings) {
                    found = true;
                    return Walk::Stop;
                }
                if is_title_heading(node, &e.name.local) {
                    headings += 1;
                }
                Walk::Descend
            }
            Node::Document | Node::Fragment => Walk::Descend,
            _ => Walk::Skip,
        },
        Visit::Leave(node) => {
            let Some(e) = node.value().as_element() else { return Walk::Descend };
            if dom::is_block_tag(&e.name.local) && block.flush(headings) {
                found = true;
                return Walk::Stop;
            }
            if is_title_heading(node, &e.name.local) {
                headings -= 1;
            }
            Walk::Descend
        }
    });
    found || block.flush(headings)
}

/// Whether an element is a heading set as a title: `h1`–`h6` without blocks inside (old
/// pages wrap lists and paragraphs in headings for their font; those are read as blocks).
fn is_title_heading(node: DomNode<'_>, name: &LocalName) -> bool {
    dom::heading_level(name).is_some()
        && !node.descendants().skip(1).any(|d| d.value().as_element().is_some_and(|e| dom::is_block_tag(&e.name.local)))
}

/// The block being read: its own non-link text, and how many characters its links hold.
#[derive(Default)]
struct Block {
    text: String,
    link_chars: usize,
}

impl Block {
    /// Whether the block read so far is prose: [`is_prose`] text that outweighs its links (a
    /// headline link with a byline and a date beside it is a link with captions, a sentence
    /// with a link in it is prose). Starts the next block.
    fn flush(&mut self, headings: usize) -> bool {
        let min_words = if headings > 0 { MIN_HEADING_PROSE_WORDS } else { MIN_PROSE_WORDS };
        let prose = count_words(&self.text) >= min_words
            && is_prose(&self.text)
            && dom::nonspace_chars(&self.text) >= self.link_chars;
        self.text.clear();
        self.link_chars = 0;
        prose
    }
}

/// Whether an element is a link: `a` with an `href` (`a name` is an anchor, not a link).
fn is_link(node: DomNode<'_>, name: &LocalName) -> bool {
    *name == local_name!("a") && node.value().as_element().is_some_and(|e| dom::attr(e, ReadAttr::Href).is_some())
}

/// The characters of a link's text, white space aside.
fn link_chars(link: DomNode<'_>) -> usize {
    link.descendants().filter_map(|n| n.value().as_text()).map(|t| dom::nonspace_chars(t)).sum()
}

/// Whether one block's non-link text is prose: at least [`MIN_PROSE_WORDS`] words, and not a
/// short line of [boilerplate](BOILERPLATE_PHRASES).
pub(crate) fn is_prose(text: &str) -> bool {
    let words = count_words(text);
    if words < MIN_PROSE_WORDS {
        return false;
    }
    if words > MAX_BOILERPLATE_WORDS {
        return true;
    }
    let lower = text.to_lowercase();
    !BOILERPLATE_PHRASES.iter().any(|p| lower.contains(p))
}

/// Whether an element's text is never prose of the page: links, headings, navigation and
/// page chrome by their markup, form controls, hidden and never-shown elements.
fn is_not_prose_container(node: DomNode<'_>, name: &LocalName) -> bool {
    let Some(el) = ElementRef::wrap(node) else { return false };
    let chrome = match *name {
        local_name!("nav") | local_name!("header") | local_name!("footer") | local_name!("menu") => true,
        _ => dom::attr(el.value(), ReadAttr::Role).is_some_and(is_chrome_role),
    };
    if chrome {
        // A header left open (or a banner wrapper) can hold the whole page: chrome holds no
        // article.
        return !wraps_content(node);
    }
    let by_tag = match *name {
        local_name!("a") => is_link(node, name),
        local_name!("time")
        | local_name!("button")
        | local_name!("label")
        | local_name!("select")
        | local_name!("option")
        | local_name!("textarea")
        | local_name!("noframes")
        | local_name!("frameset") => true,
        _ => dom::is_non_text_tag(name),
    };
    by_tag || dom::is_hidden(&el)
}

/// Whether an element holds the page's content: an `article` or `main` element, or one with
/// the `main` or `article` role.
fn wraps_content(node: DomNode<'_>) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value().as_element().is_some_and(|e| {
            matches!(e.name.local, local_name!("article") | local_name!("main"))
                || dom::attr(e, ReadAttr::Role).is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("main") || r.eq_ignore_ascii_case("article"))
                })
        })
    })
}

/// ARIA landmark and widget roles of page chrome: navigation, the site banner and footer,
/// search, menus.
fn is_chrome_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        ["navigation", "banner", "contentinfo", "search", "menu", "menubar", "menuitem"]
            .iter()
            .any(|c| r.eq_ignore_ascii_case(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_prose(html: &str) -> bool {
        page_has_prose(&Html::parse_document(html))
    }

    /// A home page: headline links, section labels, bylines and dates beside them, a footer.
    const HOME_PAGE: &str = r#"<html><head><title>Daily Harbour</title></head><body>
        <header><a href="/"><img src="/logo.png" alt="Daily Harbour"></a><p>The town's paper since 1901, every morning</p></header>
        <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <main><h2>Latest news</h2><ul>
        <li><a href="/a">Harbour wall to be rebuilt before the winter storms</a> <span>By Jane Doe</span> <time>2 hours ago</time></li>
        <li><a href="/b">Ferry timetable changes from November as passenger numbers fall</a> <span>Dec 7, 2026</span></li>
        <li><div class=card><a href="/c"><h3>Council votes on new budget</h3><p>The council met on Tuesday to discuss the budget for next year.</p></a></div></li>
        </ul><h2>Sport</h2><div><a href="/d">Rovers win the cup</a> | <a href="/e">Rain stops play again</a></div></main>
        <footer><p>© 2026 Daily Harbour Ltd. All rights reserved. Registered in England.</p></footer>
        </body></html>"#;

    #[test]
    fn a_home_page_of_headline_links_has_no_prose() {
        assert!(!has_prose(HOME_PAGE));
    }

    #[test]
    fn one_sentence_outside_the_links_is_prose() {
        let page = HOME_PAGE.replace("<h2>Sport</h2>", "<p>The harbour board met on Tuesday.</p>");
        assert!(has_prose(&page));
        // In a table cell, or as bare text in the body of an old page.
        assert!(has_prose(
            "<table><tr><td><a href=/>Home</a></td><td>We are closed for the holidays until January.</td></tr></table>"
        ));
        assert!(has_prose("<body>Welcome to my page<br>I write about trains and old railways here."));
        // Text around a link counts without the link's words.
        assert!(has_prose("<p>Read <a href=/x>the report</a> for the full figures of the year.</p>"));
        assert!(!has_prose("<p>Read <a href=/x>the full report of the year</a> here.</p>"));
    }

    #[test]
    fn navigation_and_chrome_are_not_prose() {
        let page = r#"<body><div role="navigation"><span>Browse all of our sections and topics here</span></div>
            <nav><p>Find the stories you love in every one of our sections</p></nav>
            <form><label>Search the whole archive of the site</label><button>Search the archive now</button></form>
            <div hidden>A hidden paragraph of text that nobody sees on the page.</div>
            <noscript>Please enable JavaScript to use every part of this website.</noscript>
            <p>Skip to main content of the page</p><p>Powered by WordPress and a lot of coffee</p>
            <a name="top">An anchor without an address holds text like any span</a></body>"#;
        // The last line: `a` without `href` is no link.
        assert!(has_prose(page));
        assert!(!has_prose(
            &page.replace(r#"<a name="top">An anchor without an address holds text like any span</a>"#, "")
        ));
    }

    #[test]
    fn chrome_that_wraps_the_article_is_read() {
        let prose = "<p>The council voted on Tuesday to rebuild the harbour wall this winter.</p>";
        assert!(has_prose(&format!(r#"<header role="banner"><a href="/">Logo</a><div><article>{prose}</article>"#)));
        assert!(has_prose(&format!(r#"<header><nav><a href="/">Home</a></nav><main>{prose}</main></header>"#)));
        assert!(!has_prose(&format!(r#"<header>{prose}</header><nav>{prose}</nav>"#)));
    }

    #[test]
    fn a_frameset_without_a_body_has_no_prose() {
        let page = r#"<html><head><title>Frames</title></head><frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html">
            <noframes>Your browser does not support frames. Please use a newer browser to see this site.</noframes></frameset></html>"#;
        assert!(!has_prose(page));
        assert!(!has_prose("<p>hi</p>"));
        assert!(!has_prose(""));
    }

    #[test]
    fn headings_are_titles_not_prose() {
        assert!(!has_prose("<h1>The harbour wall will be rebuilt before the storms</h1>"));
        assert!(has_prose("<h1>Harbour wall</h1><p>The harbour wall will be rebuilt before the storms.</p>"));
        // Old pages set their text in headings for the font: lists and paragraphs in them,
        // or a heading as long as a paragraph, are prose.
        assert!(has_prose("<h4><ul><li>Place the tree in a bucket of water at once.</li></ul></h4>"));
        let long = "We are happy to see you all and we try to be the best shop in town for every one \
                    of our customers, every day of the year.";
        assert!(has_prose(&format!("<h6><font><b>{long}</b></font></h6>")));
    }

    #[test]
    fn boilerplate_is_short_lines_only() {
        assert!(!is_prose("Copyright 2026 Example Media Group, all rights reserved"));
        assert!(is_prose(
            "The court said the copyright of the photographs belonged to the agency that commissioned them, \
             not to the photographer, and that the newspaper owed the agency a licence fee for every print run."
        ));
        assert!(!is_prose("Latest news"));
        assert!(is_prose("The storm closed the port."));
    }

    #[test]
    fn words_of_neighbouring_blocks_do_not_add_up() {
        // Three short list items are three short blocks, not one sentence.
        assert!(!has_prose("<ul><li>Home</li><li>About us</li><li>Contact the team</li></ul>"));
        // Nor do the words of a block and of the blocks inside it.
        assert!(!has_prose("<div>Our sections<p>News and sport</p>for you</div>"));
    }
}
