//! `title` and `description`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::parse::attributes::MetaKey;
use crate::text;

/// `title`: the headline the content stage found, else `og:title`, else JSON-LD's headline,
/// else `<title>` without its site-name suffix.
pub(crate) fn title(headline: Option<&str>, meta: &PageMeta, site_name: Option<&str>) -> Option<Sourced<String>> {
    Chain::new()
        .or("headline", || headline.map(str::to_string))
        .or("og:title", || meta.get(MetaKey::OgTitle).map(str::to_string))
        .or("json-ld headline", || meta.jsonld.as_ref().and_then(|j| j.headline.clone()))
        .or("title element", || meta.title.as_deref().map(|t| text::strip_title_suffix(t, site_name)))
        .first()
}

/// `description`: the `description` meta, else `og:description`, else
/// `twitter:description`, else JSON-LD's description.
pub(crate) fn description(meta: &PageMeta) -> Option<Sourced<String>> {
    Chain::new()
        .or("description", || meta.get(MetaKey::Description).map(str::to_string))
        .or("og:description", || meta.get(MetaKey::OgDescription).map(str::to_string))
        .or("twitter:description", || meta.get(MetaKey::TwitterDescription).map(str::to_string))
        .or("json-ld description", || meta.jsonld.as_ref().and_then(|j| j.description.clone()))
        .first()
}
