//! Dates of the last resort, read only on a page that states no date anywhere the other
//! rules look (metadata, JSON-LD, the byline, `<time>`, microdata, the text by the headline,
//! the URL):
//!
//! - a date a cue word marks, in a short text anywhere outside noise: "Veröffentlicht am
//!   16.08.2019" under a podcast episode, "Aktualisiert am 17.01.2021." at the end of a press
//!   release (`text:cued`, published or updated by its cue);
//! - a publication date in the page's data scripts, where client-rendered pages keep their
//!   data (`{"published_at":"2019-03-02T06:22:28+01:00"}` in a `<script type="application/json">`,
//!   `__NEXT_DATA__`): the keys of [`SCRIPT_DATE_KEYS`], publication keys before creation keys.
//!   Only scripts the parser's pre-filter keeps are there to read (a `json` type or a
//!   character reference in the tag); plain JavaScript never reaches the tree.
//!
//! Both are cheap only because they run on the few pages that need them.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};

use super::machine_date::{self, StatedDate};
use super::visible_date::{self, DateRole, NumericOrder};
use crate::dom::{self, NodeSet, Visit, Walk};
use crate::parse::attributes::ReadAttr;

/// The longest text searched for a cued date (characters): a dateline, not a paragraph.
const CUED_TEXT_MAX_CHARS: usize = 200;

/// How many ancestors of a dated text are searched for its cue: the parent and the grandparent.
const CUE_ANCESTORS: usize = 2;

/// JSON keys that hold a page's publication date in its scripts, in order of trust, with their
/// source names. The creation keys come last: a CMS's `createdAt` is the story's when the page
/// states nothing else, but also a comment's or an account's.
const SCRIPT_DATE_KEYS: &[(&str, &str)] = &[
    ("datePublished", "script:datePublished"),
    ("publishedAt", "script:publishedAt"),
    ("published_at", "script:published_at"),
    ("publishedDate", "script:publishedDate"),
    ("published_date", "script:published_date"),
    ("publishDate", "script:publishDate"),
    ("publish_date", "script:publish_date"),
    ("publicationDate", "script:publicationDate"),
    ("publication_date", "script:publication_date"),
    ("firstPublishedAt", "script:firstPublishedAt"),
    ("first_published_at", "script:first_published_at"),
    ("dateCreated", "script:dateCreated"),
    ("createdAt", "script:createdAt"),
    ("created_at", "script:created_at"),
];

/// `"key": "value"` for the keys of [`SCRIPT_DATE_KEYS`], also escaped inside a JSON string
/// (`\"key\":\"value\"`); the value starts with a digit.
static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let keys: Vec<&str> = SCRIPT_DATE_KEYS.iter().map(|(k, _)| *k).collect();
    Regex::new(&format!(r#"\\?"({})\\?"\s*:\s*\\?"(\d[0-9T:.+\-/ Z]{{7,34}})\\?""#, keys.join("|")))
        .expect("static regex")
});

/// A date found here: its source name, publication or update, the date.
#[derive(Debug)]
pub(crate) struct DateFind {
    pub source: &'static str,
    pub role: DateRole,
    pub date: StatedDate,
}

/// The last-resort date finds of a page (see the module docs): the first cued publication date,
/// the first cued update, then the scripts' publication date.
pub(crate) fn finds(doc: &Html, noise: &NodeSet, order: NumericOrder) -> Vec<DateFind> {
    let mut out = cued_dates(doc, noise, order);
    out.extend(script_date(doc, order));
    out
}

/// The first date a publication cue marks and the first an update cue marks, in short texts
/// outside noise, in page order: a text node, else its parent's or grandparent's text (a cue in
/// `<b>` or a `<label>` before the date). Without a cued publication date outside noise, the
/// one a box marked as noise states ([`lone_cued_date_in_noise`]).
fn cued_dates(doc: &Html, noise: &NodeSet, order: NumericOrder) -> Vec<DateFind> {
    let (mut published, mut updated) = (None, None);
    let mut last_parent = None;
    dom::walk(doc.tree.root(), |n| match n.value() {
        Node::Element(e) if dom::is_non_text_tag(e.name()) || noise.contains(&n.id()) => Walk::Skip,
        Node::Text(t) => {
            for d in cued_at(n, t, order, &mut last_parent) {
                let slot = if d.role == DateRole::Updated { &mut updated } else { &mut published };
                if slot.is_none() {
                    *slot = Some(d);
                }
            }
            if published.is_some() && updated.is_some() { Walk::Stop } else { Walk::Skip }
        }
        _ => Walk::Descend,
    });
    if published.is_none() {
        published = lone_cued_date_in_noise(doc, noise, order);
    }
    let find = |d: visible_date::VisibleDate, role| DateFind {
        source: "text:cued",
        role,
        date: StatedDate { day: d.date, iso: d.iso(), utc: false },
    };
    published
        .map(|d| find(d, DateRole::Published))
        .into_iter()
        .chain(updated.map(|d| find(d, DateRole::Updated)))
        .collect()
}

/// The cued dates of a text node: in its own text, else (a calendar icon before it) its first
/// date, else in its parent's or grandparent's short text; `last_parent` keeps an ancestor's
/// text from being read once per child.
fn cued_at(
    n: dom::DomNode<'_>,
    t: &str,
    order: NumericOrder,
    last_parent: &mut Option<ego_tree::NodeId>,
) -> Vec<visible_date::VisibleDate> {
    if !has_date_digits(t) {
        return Vec::new();
    }
    let mut found = cued_in(t.trim(), order);
    if found.is_empty() && after_calendar_icon(n) {
        found = icon_cued(t.trim(), order);
    }
    // The cue in the parent (`<b>Posted:</b> 3 March 2024`), else in the grandparent
    // (`<label>Letzte Änderung:</label><div>14.01.2022</div>`).
    for p in n.ancestors().take(CUE_ANCESTORS) {
        if !found.is_empty() || !p.value().is_element() || Some(p.id()) == *last_parent {
            break;
        }
        let Some(text) = dom::short_text(p, CUED_TEXT_MAX_CHARS) else { break };
        *last_parent = Some(p.id());
        found = cued_in(&text, order);
    }
    found
}

/// The publication date cued inside boxes marked as noise, when they state one day only: the
/// article's own meta box can sit in a footer ("Erschienen am: 01.11.2023" under a review) or a
/// side column ("Mise en ligne · 23 mai 2019" beside a podcast), while a list of other stories
/// states several days. A comment box's dates are never read (they date the comments).
fn lone_cued_date_in_noise(doc: &Html, noise: &NodeSet, order: NumericOrder) -> Option<visible_date::VisibleDate> {
    let mut lone: Option<visible_date::VisibleDate> = None;
    let mut last_parent = None;
    let mut several_days = false;
    let mut in_noise = 0usize;
    dom::walk_events(doc.tree.root(), |v| match v {
        Visit::Enter(n) => match n.value() {
            Node::Element(e) if dom::is_non_text_tag(e.name()) || is_comment_box(e) => Walk::Skip,
            Node::Element(_) => {
                if noise.contains(&n.id()) {
                    in_noise += 1;
                }
                Walk::Descend
            }
            Node::Text(t) if in_noise > 0 => {
                for d in cued_at(n, t, order, &mut last_parent) {
                    if d.role != DateRole::Published {
                        continue;
                    }
                    match &lone {
                        Some(l) if l.date != d.date => several_days = true,
                        Some(_) => {}
                        None => lone = Some(d),
                    }
                }
                if several_days { Walk::Stop } else { Walk::Skip }
            }
            Node::Document => Walk::Descend,
            _ => Walk::Skip,
        },
        Visit::Leave(n) => {
            if noise.contains(&n.id()) {
                in_noise -= 1;
            }
            Walk::Skip
        }
    });
    lone.filter(|_| !several_days)
}

/// Class/id words of comment boxes, whose dates are the comments': parts of a class or id token.
const COMMENT_BOX_WORDS: &[&str] = &["comment", "comments", "commentlist", "respond", "replies"];

/// Whether an element is a comment box ([`COMMENT_BOX_WORDS`]).
fn is_comment_box(e: &scraper::node::Element) -> bool {
    [ReadAttr::Class, ReadAttr::Id].into_iter().any(|a| {
        dom::attr(e, a).is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|token| token.to_ascii_lowercase().split(['-', '_']).any(|part| COMMENT_BOX_WORDS.contains(&part)))
        })
    })
}

/// Whether a text can hold a numeric or written date: at least four ASCII digits (a year).
fn has_date_digits(t: &str) -> bool {
    t.len() >= 4 && t.bytes().filter(u8::is_ascii_digit).nth(3).is_some()
}

/// The dates a cue word marks in a short text.
fn cued_in(text: &str, order: NumericOrder) -> Vec<visible_date::VisibleDate> {
    short_text_dates(text, order).into_iter().filter(|d| d.role != DateRole::Unknown).collect()
}

/// The dates of a short text ([`CUED_TEXT_MAX_CHARS`] at most), none for a longer one.
fn short_text_dates(text: &str, order: NumericOrder) -> Vec<visible_date::VisibleDate> {
    if text.is_empty() || text.chars().count() > CUED_TEXT_MAX_CHARS {
        return Vec::new();
    }
    visible_date::find_dates(text, order)
}

/// Class words of the icons that stand for a date's cue word in post meta lines: Font
/// Awesome's `fa-calendar`, Bootstrap's `glyphicon-calendar`, `icon-calendar`, WordPress's
/// `dashicons-calendar`; matched as a part of a class name.
const CALENDAR_ICON_CLASS_WORD: &str = "calendar";

/// Whether the text node comes right after an empty element with a calendar icon's class
/// (`<i class="fa fa-calendar"></i> 16.10.2021`), whitespace apart.
fn after_calendar_icon(text: dom::DomNode<'_>) -> bool {
    let Some(icon) = text.prev_siblings().find(|s| !s.value().as_text().is_some_and(|t| t.trim().is_empty())) else {
        return false;
    };
    let Some(e) = icon.value().as_element() else { return false };
    dom::attr(e, ReadAttr::Class).is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|token| token.to_ascii_lowercase().split(['-', '_']).any(|part| part == CALENDAR_ICON_CLASS_WORD))
    }) && dom::text(icon).trim().is_empty()
}

/// The first date in a short text a calendar icon marks: a publication date.
fn icon_cued(text: &str, order: NumericOrder) -> Vec<visible_date::VisibleDate> {
    short_text_dates(text, order)
        .into_iter()
        .take(1)
        .map(|mut d| {
            d.role = DateRole::Published;
            d
        })
        .collect()
}

/// The publication date the page's scripts (JSON-LD aside, read with the metadata) state under
/// the most trusted key of [`SCRIPT_DATE_KEYS`], the first in page order; a value that is no
/// date is passed over.
fn script_date(doc: &Html, order: NumericOrder) -> Option<DateFind> {
    let mut best: Option<(usize, DateFind)> = None;
    dom::walk(doc.tree.root(), |n| {
        let Node::Element(e) = n.value() else {
            return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
        };
        if e.name() != "script" {
            return Walk::Descend;
        }
        if dom::attr(e, ReadAttr::Type).is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
            return Walk::Skip;
        }
        for child in n.children() {
            let Some(t) = child.value().as_text() else { continue };
            for c in SCRIPT_DATE.captures_iter(t) {
                let (Some(key), Some(value)) = (c.get(1), c.get(2)) else { continue };
                let Some(rank) = SCRIPT_DATE_KEYS.iter().position(|(k, _)| *k == key.as_str()) else { continue };
                if best.as_ref().is_some_and(|(r, _)| *r <= rank) {
                    continue;
                }
                if let Some(date) = machine_date::parse(value.as_str(), order) {
                    let source = SCRIPT_DATE_KEYS[rank].1;
                    best = Some((rank, DateFind { source, role: DateRole::Published, date }));
                }
            }
        }
        Walk::Skip
    });
    best.map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds_of(html: &str) -> Vec<(&'static str, DateRole, String)> {
        let doc = Html::parse_document(html);
        finds(&doc, &NodeSet::default(), NumericOrder::DayFirst)
            .into_iter()
            .map(|f| (f.source, f.role, f.date.iso))
            .collect()
    }

    #[test]
    fn a_cued_date_anywhere_in_short_text() {
        let got = finds_of(
            "<body><h2>Episode 158</h2><p>Lange Einleitung ohne Datum.</p>\
             <p>Veröffentlicht am 16.08.2019<br> Dauer: 1:02:11</p>\
             <p><b>Aktualisiert am </b>17.01.2021.</p></body>",
        );
        assert_eq!(
            got,
            vec![
                ("text:cued", DateRole::Published, "2019-08-16".to_string()),
                ("text:cued", DateRole::Updated, "2021-01-17".to_string()),
            ]
        );
    }

    #[test]
    fn a_calendar_icon_is_a_cue() {
        let got = finds_of(
            "<body><p>Text.</p><ul class=\"meta\"><li><i class=\"fa fa-calendar\"></i>  16.10.2021<br>\
             <a href=\"/k\">Botschaft</a></li></ul></body>",
        );
        assert_eq!(got, vec![("text:cued", DateRole::Published, "2021-10-16".to_string())]);
        let got = finds_of(
            "<body><small><span class=\"glyphicon glyphicon-calendar\"></span>&nbsp; 02.02.2022</small></body>",
        );
        assert_eq!(got, vec![("text:cued", DateRole::Published, "2022-02-02".to_string())]);
        // Another icon, or a calendar "icon" with text, cues nothing.
        assert!(finds_of("<body><i class=\"fa fa-user\"></i> 16.10.2021</body>").is_empty());
        assert!(finds_of("<body><span class=\"calendar\">Termine</span> 16.10.2021</body>").is_empty());
    }

    #[test]
    fn a_cue_in_a_label_beside_the_date() {
        let got = finds_of(
            "<body><p>Text.</p><div class=\"field\"><label>Letzte Änderung:</label>\
             <div class=\"value\"> 14.01.2022 um 09:25 </div></div></body>",
        );
        assert_eq!(got, vec![("text:cued", DateRole::Updated, "2022-01-14T09:25:00".to_string())]);
    }

    #[test]
    fn a_date_without_a_cue_or_in_a_long_text_is_no_find() {
        assert!(finds_of("<body><p>Am 16.08.2019 wurde die Anlage eröffnet.</p></body>").is_empty());
        let long = format!("<body><p>{} Veröffentlicht am 16.08.2019</p></body>", "Wort ".repeat(60));
        assert!(finds_of(&long).is_empty());
    }

    /// The finds of a page whose `aside`s are noise.
    fn finds_with_noisy_asides(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let noise: NodeSet = doc.tree.nodes().filter(|n| dom::tag(n) == Some("aside")).map(|n| n.id()).collect();
        finds(&doc, &noise, NumericOrder::DayFirst).into_iter().map(|f| f.date.iso).collect()
    }

    #[test]
    fn noise_states_a_date_only_as_the_one_day_it_cues() {
        // A date outside noise first; else the one day cued in noise; several days there are
        // a list of other stories; a comment box's dates are the comments'.
        assert_eq!(
            finds_with_noisy_asides(
                "<body><aside><p>Veröffentlicht am 16.08.2019</p></aside><p>Veröffentlicht am 18.08.2019</p></body>"
            ),
            ["2019-08-18"]
        );
        assert_eq!(
            finds_with_noisy_asides("<body><p>Text.</p><aside><p>Veröffentlicht am 16.08.2019</p></aside></body>"),
            ["2019-08-16"]
        );
        assert_eq!(
            finds_with_noisy_asides(
                "<body><aside><p>Veröffentlicht am 16.08.2019</p><p>Veröffentlicht am 16.08.2019</p></aside></body>"
            ),
            ["2019-08-16"]
        );
        assert!(
            finds_with_noisy_asides(
                "<body><aside><p>Veröffentlicht am 16.08.2019</p></aside><aside><p>Veröffentlicht am 02.07.2019</p></aside></body>"
            )
            .is_empty()
        );
        assert!(
            finds_with_noisy_asides(
                "<body><aside><div class=\"comment-list\"><p>Veröffentlicht am 16.08.2019</p></div></aside></body>"
            )
            .is_empty()
        );
        // Scripts are never read for cues.
        assert!(
            finds_with_noisy_asides("<body><aside><script>Veröffentlicht am 16.08.2019</script></aside></body>")
                .is_empty()
        );
    }

    #[test]
    fn script_keys_publication_before_creation() {
        let got = finds_of(
            r#"<body><script type="application/json">{"createdAt":"2019-03-01T06:27:24+01:00","x":1,
               "published_at":"2019-03-02T06:22:28+01:00"}</script></body>"#,
        );
        assert_eq!(got, vec![("script:published_at", DateRole::Published, "2019-03-02T06:22:28+01:00".to_string())]);
        // Escaped inside a JSON string; a value that is no date is passed over.
        let got = finds_of(
            r#"<body><script type="application/json">{"state":"{\"publishedAt\":\"soon\",\"createdAt\":\"2022-01-31T15:58:43+01:00\"}"}</script></body>"#,
        );
        assert_eq!(got, vec![("script:createdAt", DateRole::Published, "2022-01-31T15:58:43+01:00".to_string())]);
        // JSON-LD is the metadata's, not read here.
        let got = finds_of(r#"<script type="application/ld+json">{"datePublished":"2019-03-02"}</script>"#);
        assert!(got.is_empty());
    }
}
