//! `categories` and `tags`.

use super::page_meta::PageMeta;
use super::sourced::Sourced;
use crate::dom;
use crate::parse::attributes::MetaKey;

/// `categories`: those the content stage found (a profile's category line), else JSON-LD's
/// `articleSection`.
pub(crate) fn categories(found: &[String], meta: &PageMeta) -> Sourced<Vec<String>> {
    if found.is_empty() {
        Sourced::new(meta.jsonld.as_ref().map(|j| j.sections.clone()).unwrap_or_default(), "json-ld articleSection")
    } else {
        Sourced::new(found.to_vec(), "category line")
    }
}

/// `tags`: JSON-LD's `keywords`, else the `news_keywords` (or `article:tag`) meta split on
/// commas. Plain `keywords` meta is usually site-wide SEO text, not the article's tags.
pub(crate) fn tags(meta: &PageMeta) -> Sourced<Vec<String>> {
    if let Some(j) = &meta.jsonld
        && !j.keywords.is_empty()
    {
        return Sourced::new(j.keywords.clone(), "json-ld keywords");
    }
    let raw = meta.get(MetaKey::NewsKeywords).or(meta.get(MetaKey::ArticleTag));
    let tags = raw.map(|k| k.split(',').map(dom::normalize_space).filter(|s| !s.is_empty()).collect());
    Sourced::new(tags.unwrap_or_default(), "keywords meta")
}
