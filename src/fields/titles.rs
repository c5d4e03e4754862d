//! Which text is the article's title: the page's metadata titles (`og:title`,
//! `twitter:title`, JSON-LD `headline`, `<title>`) and its headline elements (`h1`s, headings
//! with a title class, `h2`s) by consensus, and the site-name affixes of metadata titles.
//!
//! A headline element is trusted when a metadata title agrees with it: pages put their logo,
//! a section name or a teaser in an `h1`, and their SEO title in `og:title`. When none agrees,
//! the one visible `h1` still beats `og:title` (the metadata title is then more often an SEO
//! variant of the headline than the headline itself); logo, site-name and section `h1`s are
//! left out before (`visible`), so they never win.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;

use super::norm::norm;
use super::page_meta::PageMeta;
use crate::parse::attributes::MetaKey;

/// A headline element's kind, best first (its source name in `sources`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingKind {
    /// An `h1`.
    H1,
    /// The headline child of an `h1` that also holds a kicker.
    H1HeadlinePart,
    /// An `h1`–`h3` with a title class (`entry-title`, `post-title`, …) or `itemprop=headline`:
    /// its source name (`h2.entry-title`).
    TitleClassed(&'static str),
    /// An `h2`.
    H2,
}

impl HeadingKind {
    /// The source name.
    pub(crate) fn source(self) -> &'static str {
        match self {
            HeadingKind::H1 => "h1",
            HeadingKind::H1HeadlinePart => "h1 headline part",
            HeadingKind::TitleClassed(source) => source,
            HeadingKind::H2 => "h2",
        }
    }

    fn is_h1(self) -> bool {
        matches!(self, HeadingKind::H1 | HeadingKind::H1HeadlinePart)
    }
}

/// A headline element of the page (logos left out).
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// The element.
    pub id: NodeId,
    /// Its kind.
    pub kind: HeadingKind,
    /// Its text (ruby annotations left out).
    pub text: String,
}

/// The title chosen, its source and the headline element it is, if one.
#[derive(Debug, Clone)]
pub(crate) struct Chosen {
    /// The title.
    pub text: String,
    /// Its source.
    pub source: &'static str,
    /// The headline element that states it.
    pub element: Option<NodeId>,
}

/// Shortest metadata title (characters, normalised) a headline element may end or start with
/// when the rest of it is a kicker.
const KICKER_MATCH_MIN_CHARS: usize = 11;
/// Shortest headline element text taken alone when nothing agrees.
const LONE_HEADLINE_MIN_CHARS: usize = 4;

/// The title by consensus of `headings` (in page order: `h1`s, title-classed headings,
/// `h2`s) and the metadata titles; `site_name` and `host_label` tell a title's site affix.
///
/// 1. a headline element that is a metadata title (or one without its site affix);
/// 2. an element that ends (a kicker before it) or starts with a metadata title of more than
///    ten characters: the metadata title;
/// 3. a metadata title one of whose separator parts is a headline element: the element;
/// 4. none agrees: the one `h1` text of the page (all `h1`s the same), else the one
///    title-classed heading;
/// 5. `og:title`, JSON-LD `headline`, `twitter:title`, `<title>`, without their site affix
///    (a `<title>` without affix on a page of one headline element: the element);
/// 6. the first headline element.
pub(crate) fn choose(
    headings: &[Heading],
    meta: &PageMeta,
    site_name: Option<&str>,
    host_label: Option<&str>,
) -> Option<Chosen> {
    let metas: Vec<(&'static str, &str)> = [
        ("og:title", meta.get(MetaKey::OgTitle)),
        ("json-ld:headline", meta.jsonld.as_ref().and_then(|j| j.headline.as_deref())),
        ("twitter:title", meta.get(MetaKey::TwitterTitle)),
        ("title", meta.title.as_deref()),
    ]
    .into_iter()
    .filter_map(|(s, t)| Some((s, t?)))
    .collect();
    let stripped: Vec<String> = metas.iter().map(|(_, t)| strip_site_affix(t, site_name, host_label)).collect();
    let agreeing: Vec<String> =
        metas.iter().map(|(_, t)| norm(t)).chain(stripped.iter().map(|t| norm(t))).filter(|t| !t.is_empty()).collect();
    let from = |h: &Heading| Chosen { text: h.text.clone(), source: h.kind.source(), element: Some(h.id) };
    let normed: Vec<String> = headings.iter().map(|h| norm(&h.text)).collect();

    // 1.
    if let Some(i) = normed.iter().position(|n| !n.is_empty() && agreeing.contains(n)) {
        return Some(from(&headings[i]));
    }
    // 2. (Each metadata title normalised once, not once per heading: pages have dozens.)
    let stripped_normed: Vec<String> = stripped.iter().map(|m| norm(m)).collect();
    for (h, n) in headings.iter().zip(&normed) {
        for (m, nm) in stripped.iter().zip(&stripped_normed) {
            if nm.chars().count() >= KICKER_MATCH_MIN_CHARS && n != nm && (n.ends_with(nm) || n.starts_with(nm)) {
                return Some(Chosen { text: m.clone(), source: h.kind.source(), element: Some(h.id) });
            }
        }
    }
    // 3. (Each title's length and normalised parts computed once, as in 2.)
    let metas_parts: Vec<(usize, Vec<String>)> = metas
        .iter()
        .map(|(_, m)| (norm(m).chars().count(), split_parts(m).iter().map(|p| norm(p)).collect()))
        .collect();
    for (h, n) in headings.iter().zip(&normed) {
        if n.chars().count() < LONE_HEADLINE_MIN_CHARS {
            continue;
        }
        for (whole, parts) in &metas_parts {
            if parts.contains(n) && n.chars().count() * 10 >= whole * 3 {
                return Some(from(h));
            }
        }
    }
    // 4.
    let h1s: Vec<usize> = (0..headings.len()).filter(|&i| headings[i].kind.is_h1()).collect();
    let pool = if h1s.is_empty() {
        (0..headings.len()).filter(|&i| matches!(headings[i].kind, HeadingKind::TitleClassed(_))).collect()
    } else {
        h1s
    };
    if let Some(&first) = pool.first()
        && pool.iter().all(|&i| normed[i] == normed[first])
        && normed[first].chars().count() >= LONE_HEADLINE_MIN_CHARS
    {
        return Some(from(&headings[first]));
    }
    // 5.
    let headline_elements: Vec<&Heading> = headings.iter().filter(|h| h.kind != HeadingKind::H2).collect();
    for source in ["og:title", "json-ld:headline", "twitter:title", "title"] {
        let Some(i) = metas.iter().position(|(s, _)| *s == source) else { continue };
        if source == "title"
            && stripped[i] == metas[i].1
            && let [only] = headline_elements.as_slice()
        {
            return Some(from(only));
        }
        return Some(Chosen { text: stripped[i].clone(), source, element: None });
    }
    // 6.
    headline_elements.first().map(|h| from(h))
}

/// Separators between a title and its site affix: `|`, a spaced dash, bullet, guillemet or
/// slash, `::`, `--`, an underscore. A colon never separates ("Interview: Jane Doe").
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-–—·•»/]\s+|\s*\|\s*|\s+::\s+|\s+--\s+|\s*_\s*|\s+-(?:\s+|$)").expect("static regex")
});

/// A title's parts between separators (a dash right after CJK text separates too).
fn split_parts(title: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = SEPARATOR.find_iter(title).map(|m| (m.start(), m.end())).collect();
    for (i, c) in title.char_indices() {
        if matches!(c, '-' | '－')
            && title[..i].chars().next_back().is_some_and(is_cjk)
            && !cuts.iter().any(|&(s, e)| s <= i && i < e)
        {
            cuts.push((i, i + c.len_utf8()));
        }
    }
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut at = 0;
    for (s, e) in cuts {
        if s >= at {
            parts.push(&title[at..s]);
            at = e;
        }
    }
    parts.push(&title[at..]);
    parts
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '！' | '？')
}

/// Whether a title part is the site's name: its name (`site_name`), or the host's label
/// ("heise" for "www.heise.de": "heise online", "Heise.de").
pub(crate) fn is_site_part(part: &str, site_name: Option<&str>, host_label: Option<&str>) -> bool {
    let n = norm(part);
    if n.is_empty() {
        return true;
    }
    let squeezed: String = n.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect();
    if let Some(site) = site_name.map(norm).filter(|s| !s.is_empty())
        && (n == site || squeezed == site.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect::<String>())
    {
        return true;
    }
    let Some(label) = host_label.map(|l| l.to_lowercase().replace('-', "")).filter(|l| l.len() >= 3) else {
        return false;
    };
    squeezed == label || (squeezed.starts_with(&label) && squeezed.chars().count() <= label.chars().count() + 8)
}

/// Longest site affix (words) cut from a two-part title without knowing the site's name.
const SHORT_AFFIX_MAX_WORDS: usize = 4;

/// A metadata title without its site affix: the leading and trailing parts that are the
/// site's name ([`is_site_part`]); a title of two parts loses a short tail (at most
/// [`SHORT_AFFIX_MAX_WORDS`] words, at most half as long as the headline before it), or, after
/// a `»`, a short head. What is left is never empty.
pub(crate) fn strip_site_affix(title: &str, site_name: Option<&str>, host_label: Option<&str>) -> String {
    let parts = split_parts(title);
    if parts.len() < 2 {
        return title.trim().to_string();
    }
    let whole = |from: &str, to: &str| -> String {
        // The text from the start of `from` to the end of `to` (both slices of `title`).
        let start = from.as_ptr() as usize - title.as_ptr() as usize;
        let end = to.as_ptr() as usize - title.as_ptr() as usize + to.len();
        title[start..end].trim().to_string()
    };
    if let [head, tail] = parts.as_slice() {
        let words = |s: &str| s.split_whitespace().count();
        if words(tail) <= SHORT_AFFIX_MAX_WORDS && head.trim().len() >= 2 * tail.trim().len() && words(head) >= 2 {
            return head.trim().to_string();
        }
        let separator = &title[head.len()..title.len() - tail.len()];
        if separator.contains('»') && words(head) <= SHORT_AFFIX_MAX_WORDS && tail.trim().len() >= 2 * head.trim().len()
        {
            return tail.trim().to_string();
        }
    }
    let (mut first, mut last) = (0, parts.len() - 1);
    while last > first && is_site_part(parts[last], site_name, host_label) {
        last -= 1;
    }
    while first < last && is_site_part(parts[first], site_name, host_label) {
        first += 1;
    }
    whole(parts[first], parts[last])
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    fn heading(kind: HeadingKind, text: &str) -> Heading {
        // Node ids are not compared here: any id of a throwaway tree.
        let doc = Html::parse_document("<p>");
        Heading { id: doc.tree.root().id(), kind, text: text.into() }
    }

    #[test]
    fn site_affixes_are_cut_at_either_end_and_only_there() {
        let site = Some("Example News");
        assert_eq!(
            strip_site_affix("Harbour wall to be rebuilt | Example News", site, None),
            "Harbour wall to be rebuilt"
        );
        assert_eq!(
            strip_site_affix("Example News - Harbour wall to be rebuilt", site, None),
            "Harbour wall to be rebuilt"
        );
        assert_eq!(
            strip_site_affix("Harbour wall - Politics - news.example", None, Some("news")),
            "Harbour wall - Politics"
        );
        assert_eq!(strip_site_affix("Interview: Jane Doe on harbours", site, None), "Interview: Jane Doe on harbours");
        // Without the site's name a short tail after a long headline is still an affix.
        assert_eq!(
            strip_site_affix("Council votes to rebuild the harbour wall - Herald", None, None),
            "Council votes to rebuild the harbour wall"
        );
        assert_eq!(strip_site_affix("港の壁を再建-ニュース例", Some("ニュース例"), None), "港の壁を再建");
        assert_eq!(strip_site_affix("Example News", site, None), "Example News");
    }

    #[test]
    fn a_headline_that_agrees_with_a_metadata_title_wins() {
        let m = meta(
            r#"<title>Harbour wall to be rebuilt | Example News</title><meta property="og:title" content="Rebuild: the harbour wall">"#,
        );
        let hs = [heading(HeadingKind::H1, "Politics"), heading(HeadingKind::H2, "Harbour wall to be rebuilt")];
        let c = choose(&hs, &m, Some("Example News"), None).unwrap();
        assert_eq!((c.text.as_str(), c.source), ("Harbour wall to be rebuilt", "h2"));
    }

    #[test]
    fn a_kicker_before_the_headline_is_cut_by_the_metadata_title() {
        let m = meta(r#"<meta property="og:title" content="Data stolen from arms maker">"#);
        let hs = [heading(HeadingKind::H1, "Leak Data stolen from arms maker")];
        let c = choose(&hs, &m, None, None).unwrap();
        assert_eq!((c.text.as_str(), c.source), ("Data stolen from arms maker", "h1"));
    }

    #[test]
    fn with_no_agreement_the_one_h1_beats_og_title_but_two_different_h1s_do_not() {
        let m = meta(r#"<meta property="og:title" content="Harbour wall: council decides (video)">"#);
        let one = [heading(HeadingKind::H1, "Council votes to rebuild the harbour wall")];
        assert_eq!(choose(&one, &m, None, None).unwrap().source, "h1");
        let two = [heading(HeadingKind::H1, "Council votes"), heading(HeadingKind::H1, "Weather")];
        let c = choose(&two, &m, None, None).unwrap();
        assert_eq!((c.text.as_str(), c.source), ("Harbour wall: council decides (video)", "og:title"));
    }

    #[test]
    fn a_title_part_that_is_a_headline_element_wins() {
        let m = meta("<title>Home - Harbour wall to be rebuilt - Example News</title>");
        let hs = [heading(HeadingKind::H1, "Harbour wall to be rebuilt"), heading(HeadingKind::H2, "More news")];
        assert_eq!(choose(&hs, &m, None, None).unwrap().text, "Harbour wall to be rebuilt");
    }

    #[test]
    fn metadata_titles_in_order_without_headline_elements() {
        let m = meta(r#"<title>T | Site</title><meta name="twitter:title" content="Harbour wall to be rebuilt">"#);
        let c = choose(&[], &m, Some("Site"), None).unwrap();
        assert_eq!((c.text.as_str(), c.source), ("Harbour wall to be rebuilt", "twitter:title"));
        assert!(choose(&[], &PageMeta::default(), None, None).is_none());
    }
}
