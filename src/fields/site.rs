//! `site.name`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::config::Profile;
use crate::parse::attributes::MetaKey;
use crate::text;

/// `site.name`: the profile's brand for the host, else `og:site_name`, else JSON-LD's
/// publisher, else the suffix of `<title>` after its last separator.
pub(crate) fn site_name(profile: Option<&Profile>, host: Option<&str>, meta: &PageMeta) -> Option<Sourced<String>> {
    Chain::new()
        .or("profile site", || host.and_then(|h| profile.and_then(|p| p.site_name(h))).map(str::to_string))
        .or("og:site_name", || meta.get(MetaKey::OgSiteName).map(str::to_string))
        .or("json-ld publisher", || meta.jsonld.as_ref().and_then(|j| j.publisher.clone()))
        .or("title suffix", || meta.title.as_deref().and_then(text::title_suffix))
        .first()
}
