//! `site.name`.

use super::norm::same;
use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use super::urls;
use crate::config::Profile;
use crate::parse::attributes::MetaKey;
use crate::text;

/// Separators between a `<title>`'s headline and the site's name, at either end.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Words a company's blog adds to the company's name in its title ("Example Tech Blog",
/// "Example Engineering"), lower case: when the title's site part is the host's label and
/// only these words, the site is the company ("Example").
const COMPANY_BLOG_WORDS: &[&str] = &["blog", "tech", "technology", "engineering", "developer", "developers", "dev"];

/// `site.name`: the profile's brand for the host, else `og:site_name`, JSON-LD's publisher of
/// the article, JSON-LD's `WebSite` (or `Organization`) name, `application-name`,
/// `apple-mobile-web-app-title`, the site part of `<title>` (the part beside the headline the
/// metadata states, else the suffix after its last separator; a company blog's name gives the
/// company's), and last the host's registrable label ("example" for `www.example.com`, the
/// blog's for `janedoe.wordpress.com`). Never a URL, a host name or a handle ("@example"). A
/// bare registrable domain ("harbournews.org") is a name: sites that brand themselves by their
/// domain state it so.
pub(crate) fn site_name(profile: Option<&Profile>, host: Option<&str>, meta: &PageMeta) -> Option<Sourced<String>> {
    let name = |v: Option<&str>| v.map(str::trim).filter(|v| is_name(v)).map(str::to_string);
    let label = host.and_then(urls::host_label);
    Chain::new()
        .or("profile:sites", || host.and_then(|h| profile.and_then(|p| p.site_name(h))).map(str::to_string))
        .or("meta:og:site_name", || name(meta.get(MetaKey::OgSiteName)))
        .or("json-ld:publisher", || name(meta.jsonld.as_ref().and_then(|j| j.publisher.as_deref())))
        .or("json-ld:WebSite", || name(meta.json_ld.site_name.as_deref()))
        .or("meta:application-name", || name(meta.get(MetaKey::ApplicationName)))
        .or("meta:apple-mobile-web-app-title", || name(meta.get(MetaKey::AppleMobileWebAppTitle)))
        .or("title", || {
            name(title_site_part(meta).as_deref()).map(|n| company_of_blog(&n, label.as_deref()).unwrap_or(n))
        })
        .or("host", || label.clone())
        .first()
}

/// The site part of `<title>`: the end beside a headline the metadata states (`og:title`,
/// `twitter:title`, JSON-LD's headline) — "Site | Headline" or "Headline | Site" — else the
/// suffix after its last separator.
fn title_site_part(meta: &PageMeta) -> Option<String> {
    let title = meta.title.as_deref()?;
    let headlines = [
        meta.get(MetaKey::OgTitle),
        meta.get(MetaKey::TwitterTitle),
        meta.jsonld.as_ref().and_then(|j| j.headline.as_deref()),
    ];
    let is_headline = |part: &str| headlines.iter().flatten().any(|h| same(h, part));
    for sep in TITLE_SEPARATORS {
        if let Some((site, headline)) = title.split_once(sep)
            && is_headline(headline)
        {
            return Some(site.trim().to_string()).filter(|s| !s.is_empty());
        }
        if let Some((headline, site)) = title.rsplit_once(sep)
            && is_headline(headline)
        {
            return Some(site.trim().to_string()).filter(|s| !s.is_empty());
        }
    }
    text::title_suffix(title)
}

/// The company of a company blog's name: "Example" for "Example Tech Blog" on a host labelled
/// "example" (the name's first word is the host's label, the rest [`COMPANY_BLOG_WORDS`]).
fn company_of_blog(name: &str, host_label: Option<&str>) -> Option<String> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let rest: Vec<String> = words.map(str::to_lowercase).collect();
    (!rest.is_empty()
        && rest.iter().all(|w| COMPANY_BLOG_WORDS.contains(&w.as_str()))
        && host_label.is_some_and(|l| first.eq_ignore_ascii_case(l)))
    .then(|| first.to_string())
}

/// Whether a value can be a site's name: not a URL, a host name of three labels or more
/// ("news.example.com", "www.example.org") or a handle ("@example"); a domain of two labels
/// ("harbournews.org") is a brand.
fn is_name(v: &str) -> bool {
    let looks_like_host = !v.contains(' ')
        && v.matches('.').count() >= 2
        && v.rsplit('.')
            .next()
            .is_some_and(|tld| (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic()));
    !v.is_empty() && !v.starts_with('@') && !v.contains("://") && !v.starts_with("www.") && !looks_like_host
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    #[test]
    fn the_title_s_site_part_is_the_end_beside_the_stated_headline() {
        let m = meta(
            r#"<title>Harbour Notes | Ferry timetable changes</title><meta property="og:title" content="Ferry timetable changes">"#,
        );
        let found = site_name(None, Some("www.harbournotes.example"), &m);
        assert_eq!(found, Some(Sourced::new("Harbour Notes".to_string(), "title")));
        // Without a stated headline: the suffix.
        let m = meta("<title>Ferry timetable changes | Harbour Notes</title>");
        assert_eq!(site_name(None, None, &m).map(|s| s.value).as_deref(), Some("Harbour Notes"));
    }

    #[test]
    fn a_company_blog_s_site_is_the_company() {
        let m = meta(
            r#"<title>Example Tech Blog | Ferry timetable changes</title><meta property="og:title" content="Ferry timetable changes">"#,
        );
        assert_eq!(site_name(None, Some("www.example.com"), &m).map(|s| s.value).as_deref(), Some("Example"));
        // Another host: the blog's own name stands.
        let other = site_name(None, Some("www.harbour.example"), &m).map(|s| s.value);
        assert_eq!(other.as_deref(), Some("Example Tech Blog"));
        assert_eq!(company_of_blog("Example News", Some("example")), None);
    }

    #[test]
    fn the_host_s_label_is_the_last_resort() {
        let m = meta("<title>Ferry timetable changes</title>");
        assert_eq!(site_name(None, Some("janedoe.example"), &m), Some(Sourced::new("janedoe".to_string(), "host")));
        assert_eq!(site_name(None, Some("janedoe.wordpress.com"), &m).map(|s| s.value).as_deref(), Some("janedoe"));
        assert_eq!(site_name(None, None, &m), None);
    }

    #[test]
    fn urls_hosts_and_handles_are_no_site_names() {
        for v in ["https://news.example", "@examplenews", "www.news.example", "news.example.com"] {
            assert!(!is_name(v), "{v}");
        }
        for v in ["Example News", "Heise online", "T3n", "Mr. Example's Blog", "harbournews.org"] {
            assert!(is_name(v), "{v}");
        }
    }
}
