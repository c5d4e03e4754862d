//! The page's URLs: `url` (the page URL) and `canonical_url`.

use url::Url;

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::parse::attributes::MetaKey;

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
