//! The page's URLs: `url` (the page URL) and `canonical_url`.

use url::Url;

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::parse::attributes::MetaKey;

/// Domains under which each subdomain is a site of its own (blog and page hosts): the site's
/// label is the subdomain (`janedoe.wordpress.com` → "janedoe").
const SHARED_HOSTING_DOMAINS: &[&str] = &[
    "wordpress.com",
    "blogspot.com",
    "blogger.com",
    "tumblr.com",
    "substack.com",
    "medium.com",
    "github.io",
    "gitlab.io",
    "netlify.app",
    "hypotheses.org",
    "over-blog.com",
    "jimdofree.com",
    "wixsite.com",
];

/// Second-level labels under a country code that are no site's name (`example.co.uk`).
const GENERIC_SECOND_LEVEL_LABELS: &[&str] = &["co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"];

/// A host's registrable label, its site's name in the host: "example" for
/// `www.example.co.uk`, "janedoe" for `janedoe.wordpress.com` ([`SHARED_HOSTING_DOMAINS`]).
pub(crate) fn host_label(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let parts: Vec<&str> = host.split('.').filter(|p| !matches!(*p, "www" | "m" | "amp")).collect();
    let n = parts.len();
    let shared = SHARED_HOSTING_DOMAINS.iter().find(|d| host.strip_suffix(*d).is_some_and(|h| h.ends_with('.')));
    let label = match (n, shared) {
        (0, _) => return None,
        (1, _) => parts[0],
        (_, Some(d)) => parts[n.checked_sub(d.split('.').count() + 1)?],
        _ if n >= 3 && parts[n - 1].len() == 2 && GENERIC_SECOND_LEVEL_LABELS.contains(&parts[n - 2]) => parts[n - 3],
        _ => parts[n - 2],
    };
    (!label.is_empty() && !label.chars().all(|c| c.is_ascii_digit())).then(|| label.to_string())
}

/// The URLs a page has: the one given (`--url`, the final URL of a fetch) and its own
/// (canonical link, else `og:url`, resolved against the given one). Read right after the
/// metadata: the page URL's host may select the site profile.
#[derive(Debug)]
pub(crate) struct PageUrls {
    own: Option<Sourced<Url>>,
    page: Option<Sourced<Url>>,
    host: Option<String>,
}

impl PageUrls {
    /// The URLs of a page given `given` (unparsable: none) with metadata `meta`.
    pub(crate) fn read(given: Option<&str>, meta: &PageMeta) -> PageUrls {
        let given = given.and_then(|u| Url::parse(u.trim()).ok());
        // The first of the page's own URLs it states, resolved (no fallback past one that
        // does not resolve).
        let own = Chain::new()
            .or("canonical link", || meta.canonical.clone())
            .or("og:url", || meta.get(MetaKey::OgUrl).map(str::to_string))
            .first()
            .and_then(|u| u.and_then(|u| Url::parse(&u).ok().or_else(|| given.as_ref().and_then(|b| b.join(&u).ok()))));
        let page = Chain::new()
            .or("given url", || given.clone())
            .or("page's own url", || own.clone().map(|o| o.value))
            .first();
        let host = page.as_ref().and_then(|u| u.value.host_str().map(str::to_string));
        PageUrls { own, page, host }
    }

    /// The page URL: the given one, else the page's own. Links resolve against it.
    pub(crate) fn page(&self) -> Option<&Url> {
        self.page.as_ref().map(|p| &p.value)
    }

    /// The page URL's host.
    pub(crate) fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }
}

/// `url`: the page URL.
pub(crate) fn url(urls: &PageUrls) -> Option<Sourced<String>> {
    urls.page.clone().map(|u| u.map(|u| u.to_string()))
}

/// `canonical_url`: the page's own URL, else JSON-LD's `url`, else the page URL.
pub(crate) fn canonical_url(urls: &PageUrls, meta: &PageMeta) -> Option<Sourced<String>> {
    Chain::new()
        .or("page's own url", || urls.own.as_ref().map(|o| o.value.to_string()))
        .or("json-ld url", || {
            meta.jsonld.as_ref().and_then(|j| j.url.as_deref()).and_then(|u| Url::parse(u).ok()).map(|u| u.to_string())
        })
        .or("page url", || urls.page().map(Url::to_string))
        .first()
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn the_host_label_is_the_registrable_name() {
        assert_eq!(host_label("www.news.example").as_deref(), Some("news"));
        assert_eq!(host_label("www.example.co.uk").as_deref(), Some("example"));
        assert_eq!(host_label("blog.example.org").as_deref(), Some("example"));
        // On a blog host each subdomain is a site.
        assert_eq!(host_label("janedoe.wordpress.com").as_deref(), Some("janedoe"));
        assert_eq!(host_label("www.janedoe.blogspot.com").as_deref(), Some("janedoe"));
        assert_eq!(host_label("wordpress.com").as_deref(), Some("wordpress"));
        assert_eq!(host_label("127.0.0.1"), None);
    }

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    #[test]
    fn the_given_url_wins_and_the_page_s_own_resolves_against_it() {
        let m = meta(r#"<link rel=canonical href="/a/b"><meta property="og:url" content="https://x.org/og">"#);
        let urls = PageUrls::read(Some(" https://x.org/given "), &m);
        assert_eq!(url(&urls).map(|u| u.value).as_deref(), Some("https://x.org/given"));
        assert_eq!(canonical_url(&urls, &m).map(|u| u.value).as_deref(), Some("https://x.org/a/b"));
        assert_eq!(urls.host(), Some("x.org"));
        // Without a given URL a relative canonical link resolves against nothing: no URL, and
        // `og:url` is not tried (the canonical link was stated).
        let urls = PageUrls::read(None, &m);
        assert_eq!(urls.page(), None);
        let m = meta(r#"<meta property="og:url" content="https://x.org/og">"#);
        let urls = PageUrls::read(None, &m);
        assert_eq!(urls.page().map(Url::as_str), Some("https://x.org/og"));
    }
}
