//! `authors`.

use url::Url;

use super::page_meta::PageMeta;
use super::sourced::Sourced;
use crate::article::Author;
use crate::content::resolve_link;
use crate::parse::attributes::MetaKey;
use crate::text;

/// `authors`: those the content stage found (a profile's byline and author boxes), else
/// JSON-LD's authors, else the `author` (or `article:author`) meta split into names; none
/// when that meta is a URL.
pub(crate) fn authors(found: &[Author], meta: &PageMeta, base: Option<&Url>) -> Sourced<Vec<Author>> {
    if !found.is_empty() {
        return Sourced::new(found.to_vec(), "byline");
    }
    if let Some(j) = &meta.jsonld
        && !j.authors.is_empty()
    {
        let authors = j
            .authors
            .iter()
            .map(|(n, u)| Author {
                name: text::clean_person_name(n),
                url: u.as_deref().and_then(|u| resolve_link(u, base)),
                ..Author::default()
            })
            .filter(|a| !a.name.is_empty())
            .collect();
        return Sourced::new(authors, "json-ld author");
    }
    let names = meta
        .get(MetaKey::Author)
        .or(meta.get(MetaKey::ArticleAuthor))
        .filter(|a| !a.starts_with("http"))
        .map(|a| text::split_names(a).into_iter().map(|name| Author { name, ..Author::default() }).collect())
        .unwrap_or_default();
    Sourced::new(names, "author meta")
}
