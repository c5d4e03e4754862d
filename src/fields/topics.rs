//! `categories` and `tags`.

use super::norm::{Distinct, same};
use super::page_meta::PageMeta;
use super::sourced::Sourced;
use super::visible::Visible;
use crate::dom;
use crate::parse::attributes::MetaKey;

/// `categories`, from the first source that has some:
///
/// 1. what the content stage found (a site profile's category line);
/// 2. the article's category links (`rel~=category`, WordPress's `rel="category tag"`), else
///    links to category pages in its meta line or footer (`visible`);
/// 3. the breadcrumb trail after its first (home) link;
/// 4. every `article:section` meta;
/// 5. JSON-LD `articleSection`;
/// 6. a JSON-LD `BreadcrumbList` after its first item, without the page's own (its title).
pub(crate) fn categories(
    found: &[String],
    meta: &PageMeta,
    visible: &Visible,
    title: Option<&str>,
) -> Sourced<Vec<String>> {
    if !found.is_empty() {
        return Sourced::new(found.to_vec(), "profile:categories");
    }
    if let Some(list) = &visible.categories {
        return Sourced::new(list.items.clone(), list.source);
    }
    if !visible.breadcrumbs.is_empty() {
        return Sourced::new(visible.breadcrumbs.clone(), "breadcrumb");
    }
    let sections = items(meta.get_all(MetaKey::ArticleSection), false);
    if !sections.is_empty() {
        return Sourced::new(sections, "meta:article:section");
    }
    if let Some(j) = &meta.jsonld
        && !j.sections.is_empty()
    {
        return Sourced::new(j.sections.clone(), "json-ld:articleSection");
    }
    let crumbs = &meta.json_ld.breadcrumbs;
    if crumbs.len() >= 2 {
        let mut trail: Vec<String> = crumbs[1..].to_vec();
        if trail.last().is_some_and(|l| title.is_some_and(|t| same(l, t))) {
            trail.pop();
        }
        if !trail.is_empty() {
            return Sourced::new(trail, "json-ld:BreadcrumbList");
        }
    }
    Sourced::new(Vec::new(), "")
}

/// `tags`, from the first source that has some:
///
/// 1. the article's tag links (`rel=tag`), else links to tag pages in a tag or meta box
///    (`visible`);
/// 2. every `article:tag` meta (each also split at commas);
/// 3. JSON-LD `keywords`;
/// 4. the `news_keywords` meta, then (on pages no site profile covers: a profile's site
///    writes the same `keywords` on every page) the `keywords` meta, split at commas and
///    semicolons.
pub(crate) fn tags(meta: &PageMeta, visible: &Visible, profile: bool) -> Sourced<Vec<String>> {
    if let Some(list) = &visible.tags {
        return Sourced::new(list.items.clone(), list.source);
    }
    let article_tags = items(meta.get_all(MetaKey::ArticleTag), true);
    if !article_tags.is_empty() {
        return Sourced::new(article_tags, "meta:article:tag");
    }
    if let Some(j) = &meta.jsonld
        && !j.keywords.is_empty()
    {
        return Sourced::new(j.keywords.clone(), "json-ld:keywords");
    }
    let keys: &[(MetaKey, &str)] = if profile {
        &[(MetaKey::NewsKeywords, "meta:news_keywords")]
    } else {
        &[(MetaKey::NewsKeywords, "meta:news_keywords"), (MetaKey::Keywords, "meta:keywords")]
    };
    for &(key, source) in keys {
        let found = items(meta.get(key).into_iter(), true);
        if !found.is_empty() {
            return Sourced::new(found, source);
        }
    }
    Sourced::new(Vec::new(), "")
}

/// The values, each split at commas and semicolons when `split`, without empty ones and
/// duplicates.
fn items<'a>(values: impl Iterator<Item = &'a str>, split: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut distinct = Distinct::default();
    for v in values {
        let parts: Vec<&str> = if split { v.split([',', ';']).collect() } else { vec![v] };
        for p in parts {
            let p = dom::normalize_space(p);
            if !p.is_empty() && distinct.first_time(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_split_and_deduplicated() {
        assert_eq!(items(["a, b; c", "B", " "].into_iter(), true), ["a", "b", "c"]);
        assert_eq!(items(["Politics, Local"].into_iter(), false), ["Politics, Local"]);
    }
}
