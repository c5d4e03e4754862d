//! `site.name`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::config::Profile;
use crate::parse::attributes::MetaKey;
use crate::text;

/// `site.name`: the profile's brand for the host, else `og:site_name`, JSON-LD's publisher of
/// the article, JSON-LD's `WebSite` (or `Organization`) name, `application-name`,
/// `apple-mobile-web-app-title`, the suffix of `<title>` after its last separator; never a
/// URL, a host name or a handle ("@example"). A bare registrable domain ("harbournews.org")
/// is a name: sites that brand themselves by their domain state it so.
pub(crate) fn site_name(profile: Option<&Profile>, host: Option<&str>, meta: &PageMeta) -> Option<Sourced<String>> {
    let name = |v: Option<&str>| v.map(str::trim).filter(|v| is_name(v)).map(str::to_string);
    Chain::new()
        .or("profile site", || host.and_then(|h| profile.and_then(|p| p.site_name(h))).map(str::to_string))
        .or("meta:og:site_name", || name(meta.get(MetaKey::OgSiteName)))
        .or("json-ld:publisher", || name(meta.jsonld.as_ref().and_then(|j| j.publisher.as_deref())))
        .or("json-ld:WebSite", || name(meta.json_ld.site_name.as_deref()))
        .or("meta:application-name", || name(meta.get(MetaKey::ApplicationName)))
        .or("meta:apple-mobile-web-app-title", || name(meta.get(MetaKey::AppleMobileWebAppTitle)))
        .or("title", || name(meta.title.as_deref().and_then(text::title_suffix).as_deref()))
        .first()
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
    use super::*;

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
