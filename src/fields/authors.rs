//! `authors` (and the contributors a byline credits).

use url::Url;

use super::page_meta::PageMeta;
use super::person_names::{self, Byline};
use super::sourced::Sourced;
use super::visible::{BylineFind, Visible};
use crate::article::{Author, Contributor};
use crate::content::resolve_link;
use crate::parse::attributes::MetaKey;

/// `<meta>` keys that name the authors, in order of trust.
pub(crate) const AUTHOR_META_KEYS: &[MetaKey] = &[
    MetaKey::Author,
    MetaKey::ArticleAuthor,
    MetaKey::Byl,
    MetaKey::DcDotCreator,
    MetaKey::DcColonCreator,
    MetaKey::DctermsCreator,
    MetaKey::ParselyAuthor,
    MetaKey::SailthruAuthor,
    MetaKey::CitationAuthor,
    MetaKey::ShareaholicAuthorName,
    MetaKey::Authors,
    MetaKey::Creator,
];

/// Twitter card label/value pairs: the value of a pair whose label is one of
/// [`WRITTEN_BY_LABELS`] names the authors.
const TWITTER_LABEL_PAIRS: &[(MetaKey, MetaKey, &str)] = &[
    (MetaKey::TwitterLabel1, MetaKey::TwitterData1, "meta:twitter:data1"),
    (MetaKey::TwitterLabel2, MetaKey::TwitterData2, "meta:twitter:data2"),
    (MetaKey::TwitterLabel3, MetaKey::TwitterData3, "meta:twitter:data3"),
    (MetaKey::TwitterLabel4, MetaKey::TwitterData4, "meta:twitter:data4"),
];

/// Twitter card labels that say "written by", lower case, by language.
const WRITTEN_BY_LABELS: &[&str] = &[
    "written by",
    "author",
    "authors",
    "verfasst von",
    "geschrieben von",
    "autor",
    "autorin",
    "écrit par",
    "auteur",
    "escrito por",
    "scritto da",
    "autore",
    "geschreven door",
    "door",
    "skrivet av",
    "skrevet af",
    "napisane przez",
    "автор",
];

/// The authors, from the first source that names a person:
///
/// 1. what the content stage found (a site profile's byline and author boxes);
/// 2. JSON-LD `author` of the article (people; `@id` references resolved), unless every
///    name is shaped like a user name ("jane.doe") — the byline then has the display name;
/// 3. visible bylines (`visible`): microdata, `rel=author` links, links to author pages,
///    byline-classed elements, a lead line after the headline ("By Jane Doe");
/// 4. the author `<meta>` keys ([`AUTHOR_META_KEYS`]; `article:author` as a URL: the text of
///    the page's link to it), and Twitter's "Written by" label pair;
/// 5. user names: JSON-LD's, else a visible byline's ("by marc");
/// 6. organisations (a wire service, a newsroom), only when no person is named anywhere.
///
/// Names are cleaned by `person_names` (leads, handles, credentials, roles, organisations,
/// names in capitals); a name equal to the site's name is an organisation.
pub(crate) fn authors(
    found: &[Author],
    meta: &PageMeta,
    visible: &Visible,
    site_name: Option<&str>,
    base: Option<&Url>,
) -> (Sourced<Vec<Author>>, Vec<Contributor>) {
    if !found.is_empty() {
        return (Sourced::new(found.to_vec(), "profile:byline"), Vec::new());
    }
    let is_site = |name: &str| {
        site_name.is_some_and(|s| super::norm::same(s, name))
            || meta.jsonld.as_ref().and_then(|j| j.publisher.as_deref()).is_some_and(|p| super::norm::same(p, name))
    };
    let mut organisations: Vec<(String, &'static str)> = Vec::new();

    // 2. JSON-LD.
    let mut user_names = Vec::new();
    if let Some(j) = &meta.jsonld {
        let mut people = Vec::new();
        for a in &j.authors {
            if a.organisation || is_site(&a.name) {
                organisations.push((a.name.clone(), "json-ld:author"));
                continue;
            }
            let url = a.url.as_deref().and_then(|u| resolve_link(u, base));
            if is_user_name(&a.name) {
                user_names.push(Author { name: a.name.clone(), url, ..Author::default() });
                continue;
            }
            let byline = person_names::parse_byline(&a.name);
            organisations.extend(byline.organisations.iter().map(|o| (o.clone(), "json-ld:author")));
            let one = byline.people.len() == 1;
            people.extend(byline.people.into_iter().map(|p| author(p, one.then(|| url.clone()).flatten())));
        }
        if !people.is_empty() {
            return (Sourced::new(dedup(people), "json-ld:author"), Vec::new());
        }
    }

    // 3. Visible bylines.
    let mut shown_user_names: Option<Sourced<Vec<Author>>> = None;
    for BylineFind { source, byline, url } in &visible.bylines {
        let Byline { people, organisations: orgs, contributors, user_names: users } = byline.clone();
        if shown_user_names.is_none() && !users.is_empty() {
            let one = users.len() == 1;
            let users = users
                .into_iter()
                .map(|name| Author { name, url: one.then(|| url.clone()).flatten(), ..Author::default() })
                .collect();
            shown_user_names = Some(Sourced::new(users, source));
        }
        let (people, more_orgs): (Vec<_>, Vec<_>) = people.into_iter().partition(|p| !is_site(&p.name));
        organisations.extend(orgs.into_iter().chain(more_orgs.into_iter().map(|p| p.name)).map(|o| (o, *source)));
        if !people.is_empty() {
            let one = people.len() == 1;
            let authors = people.into_iter().map(|p| author(p, one.then(|| url.clone()).flatten())).collect();
            let contributors = contributors.into_iter().map(|p| Contributor { name: p.name, role: p.role }).collect();
            return (Sourced::new(dedup(authors), source), contributors);
        }
    }

    // 4. Meta keys.
    for &key in AUTHOR_META_KEYS {
        let Some(value) = meta.get(key) else { continue };
        let value = if value.starts_with("http") {
            match (key, &visible.author_link_name) {
                (MetaKey::ArticleAuthor, Some(name)) => name.as_str(),
                _ => continue,
            }
        } else {
            value
        };
        let source = meta_source(key);
        if let Some(found) = people_of(value, source, &is_site, &mut organisations) {
            return (found, Vec::new());
        }
    }
    for &(label, data, source) in TWITTER_LABEL_PAIRS {
        let written_by = meta.get(label).is_some_and(|l| WRITTEN_BY_LABELS.contains(&l.trim().to_lowercase().as_str()));
        if written_by
            && let Some(value) = meta.get(data)
            && let Some(found) = people_of(value, source, &is_site, &mut organisations)
        {
            return (found, Vec::new());
        }
    }

    // 5., 6.
    if !user_names.is_empty() {
        return (Sourced::new(user_names, "json-ld:author"), Vec::new());
    }
    if let Some(users) = shown_user_names {
        return (users, Vec::new());
    }
    match organisations.into_iter().next() {
        Some((name, source)) => (Sourced::new(vec![Author { name, ..Author::default() }], source), Vec::new()),
        None => (Sourced::new(Vec::new(), ""), Vec::new()),
    }
}

/// The people of a meta value (organisations noted), when it names any.
fn people_of(
    value: &str,
    source: &'static str,
    is_site: &dyn Fn(&str) -> bool,
    organisations: &mut Vec<(String, &'static str)>,
) -> Option<Sourced<Vec<Author>>> {
    let byline = person_names::parse_byline(value);
    let (people, site): (Vec<_>, Vec<_>) = byline.people.into_iter().partition(|p| !is_site(&p.name));
    organisations.extend(byline.organisations.into_iter().chain(site.into_iter().map(|p| p.name)).map(|o| (o, source)));
    (!people.is_empty()).then(|| Sourced::new(dedup(people.into_iter().map(|p| author(p, None)).collect()), source))
}

/// The source name of an author meta key.
fn meta_source(key: MetaKey) -> &'static str {
    match key {
        MetaKey::Author => "meta:author",
        MetaKey::ArticleAuthor => "meta:article:author",
        MetaKey::Byl => "meta:byl",
        MetaKey::DcDotCreator => "meta:dc.creator",
        MetaKey::DcColonCreator => "meta:dc:creator",
        MetaKey::DctermsCreator => "meta:dcterms.creator",
        MetaKey::ParselyAuthor => "meta:parsely-author",
        MetaKey::SailthruAuthor => "meta:sailthru.author",
        MetaKey::CitationAuthor => "meta:citation_author",
        MetaKey::ShareaholicAuthorName => "meta:shareaholic:article_author_name",
        MetaKey::Authors => "meta:authors",
        _ => "meta:creator",
    }
}

fn author(p: person_names::Person, url: Option<String>) -> Author {
    Author { name: p.name, role: p.role, bio: None, url }
}

fn dedup(authors: Vec<Author>) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    let mut distinct = super::norm::Distinct::default();
    for a in authors {
        if distinct.first_time(&a.name) {
            out.push(a);
        }
    }
    out
}

/// Whether a name is shaped like a user name: one token with a dot or underscore, or all
/// lower case ("jane.doe", "jdoe_news", "janedoe").
fn is_user_name(name: &str) -> bool {
    let name = name.trim();
    !name.contains(' ') && (name.contains(['.', '_']) || !name.chars().any(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        for n in ["jane.doe", "jdoe_news", "janedoe"] {
            assert!(is_user_name(n), "{n}");
        }
        for n in ["Jane Doe", "Madonna"] {
            assert!(!is_user_name(n), "{n}");
        }
    }
}
