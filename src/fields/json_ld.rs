//! JSON-LD: the objects of every `application/ld+json` script of a page, the one that is the
//! article (by type), its authors with `@id` references resolved, the site's name and the
//! breadcrumb trail.
//!
//! Pages write JSON-LD in many shapes: one object, a top-level array, a `@graph`, the article
//! nested under a `WebPage`'s `mainEntity`, authors as references to `Person` nodes elsewhere
//! in the graph (`"author": {"@id": "…#/schema/person/…"}`), scripts wrapped in CDATA or HTML
//! comments in any combination, raw control characters inside strings. All are read here;
//! the field functions choose among the values.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::entities::decode_again;
use crate::dom::normalize_space;

/// Article types, all equally good: the node that is the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "satiricalarticle",
    "advertisercontentarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "medicalscholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "discussionforumposting",
    "posting",
];

/// Types that describe a page's main work when no article type is there.
const CREATIVE_WORK_TYPES: &[&str] = &["recipe", "howto", "review", "creativework", "qapage", "question"];

/// Page types: the page itself, a last resort for the article's dates and description.
const PAGE_TYPES: &[&str] =
    &["webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "medicalwebpage", "faqpage"];

/// Types that never stand for the article, even beside an article type: an embedded video's
/// `uploadDate`, an organisation's founding date, a review's date are not the article's.
const NEVER_ARTICLE_TYPES: &[&str] = &[
    "videoobject",
    "imageobject",
    "audioobject",
    "mediaobject",
    "breadcrumblist",
    "listitem",
    "organization",
    "newsmediaorganization",
    "person",
    "website",
    "product",
    "offer",
    "event",
    "comment",
    "place",
    "rating",
    "aggregaterating",
];

/// Author types that are organisations, not people.
const ORGANISATION_TYPES: &[&str] =
    &["organization", "newsmediaorganization", "corporation", "educationalorganization", "governmentorganization"];

/// Keys whose objects are nodes of the page's graph too (walked into).
const NESTING_KEYS: &[&str] = &["@graph", "mainEntity", "mainEntityOfPage", "hasPart", "subjectOf"];

/// The most nodes read from one page (a bound on hostile input).
const MAX_NODES: usize = 2000;

/// Wrappings pages put around a JSON-LD script's text, in any combination: HTML comments and
/// CDATA sections, bare or behind JavaScript comments.
const WRAPPER_STARTS: &[&str] = &["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA[", "//", "/*", "*/"];
const WRAPPER_ENDS: &[&str] = &["-->", "//]]>", "/*]]>*/", "]]>", "*/", "//", ";"];

/// An author named by JSON-LD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonLdAuthor {
    /// The name (`name`, else `givenName familyName`).
    pub name: String,
    /// The author page (`url`).
    pub url: Option<String>,
    /// An organisation type (`Organization`, …): no person.
    pub organisation: bool,
}

/// The article node of a page's JSON-LD, the fields pith uses.
#[derive(Debug, Default, Clone)]
pub(crate) struct JsonLdArticle {
    /// `headline`, else (an article or creative-work type) `name`.
    pub headline: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `datePublished` (of the page node when the article has none).
    pub date_published: Option<String>,
    /// `dateCreated`.
    pub date_created: Option<String>,
    /// `dateModified` (of the page node when the article has none).
    pub date_modified: Option<String>,
    /// `author` (else `creator`), references resolved.
    pub authors: Vec<JsonLdAuthor>,
    /// `publisher`'s name.
    pub publisher: Option<String>,
    /// `image`.
    pub image: Option<String>,
    /// `url` / `mainEntityOfPage`.
    pub url: Option<String>,
    /// `keywords` (a list, or a string split at commas).
    pub keywords: Vec<String>,
    /// `articleSection`.
    pub sections: Vec<String>,
    /// `inLanguage`.
    pub language: Option<String>,
}

/// What a page's JSON-LD says.
#[derive(Debug, Default, Clone)]
pub(crate) struct JsonLd {
    /// The article node.
    pub article: Option<JsonLdArticle>,
    /// The name of a `WebSite` node, else of an `Organization`.
    pub site_name: Option<String>,
    /// The names of a `BreadcrumbList`'s items, in order.
    pub breadcrumbs: Vec<String>,
    /// The types of the article node (else the page node), lower case, without a prefix.
    pub main_types: Vec<String>,
    /// Every type of every node, lower case (a `VideoObject` beside the page, …).
    pub all_types: Vec<String>,
    /// Some node says `isAccessibleForFree: false` (the page, its article, or a part of it):
    /// the publisher marks the content as paywalled.
    pub not_free: bool,
}

/// Collects the scripts of a page, then reads them ([`JsonLdReader::finish`]).
#[derive(Debug, Default)]
pub(crate) struct JsonLdReader {
    values: Vec<Value>,
}

impl JsonLdReader {
    /// Parses one script's text (every JSON value in it; what does not parse is skipped).
    pub(crate) fn add_script(&mut self, raw: &str) {
        let text = unwrap(raw);
        if !self.parse(text) && text.bytes().any(|b| b < 0x20) {
            // Raw control characters in strings (invalid JSON, common in the wild): as spaces.
            let cleaned: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            self.parse(&cleaned);
        }
    }

    /// Parses the values of `text` until the first error; whether one was read.
    fn parse(&mut self, text: &str) -> bool {
        let before = self.values.len();
        for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
            match value {
                Ok(v) => self.values.push(v),
                Err(_) => break,
            }
        }
        self.values.len() > before
    }

    /// What the scripts say.
    pub(crate) fn finish(self) -> JsonLd {
        read(&self.values)
    }
}

/// The object a value stands for: a reference (`{"@id": …}` alone, or with its `@type`) to a
/// node of the page's graph is that node.
fn resolve<'a>(ids: &HashMap<&'a str, &'a Map<String, Value>>, v: &'a Value) -> Option<&'a Map<String, Value>> {
    let o = v.as_object()?;
    match o.get("@id") {
        Some(Value::String(id)) if o.len() <= 2 => ids.get(id.as_str()).copied().or(Some(o)),
        _ => Some(o),
    }
}

/// What a page's JSON-LD values say.
fn read(values: &[Value]) -> JsonLd {
    let nodes = nodes(values);
    if nodes.is_empty() {
        return JsonLd::default();
    }
    let mut ids: HashMap<&str, &Map<String, Value>> = HashMap::new();
    for n in &nodes {
        if let Some(Value::String(id)) = n.get("@id")
            && n.len() > 1
        {
            ids.entry(id.as_str()).or_insert(n);
        }
    }
    let resolve = |v| resolve(&ids, v);
    let ranked = |rank: usize| nodes.iter().copied().find(|n| article_rank(n) == Some(rank));
    let article = ranked(0).or_else(|| ranked(1));
    let page = ranked(2);
    let main = article.or(page);
    let site_name = nodes
        .iter()
        .find(|n| has_type(n, &["website"]))
        .or_else(|| nodes.iter().find(|n| has_type(n, &["organization", "newsmediaorganization"])))
        .and_then(|n| string_of(n.get("name")));
    let breadcrumbs = nodes.iter().find(|n| has_type(n, &["breadcrumblist"])).map(|n| breadcrumb_names(n, &resolve));
    let mut all_types: Vec<String> = nodes.iter().flat_map(|n| types(n)).collect();
    all_types.sort_unstable();
    all_types.dedup();
    JsonLd {
        article: main.map(|m| article_of(m, article.is_some(), page, &resolve)),
        site_name,
        breadcrumbs: breadcrumbs.unwrap_or_default(),
        main_types: main.map(|m| types(m).collect()).unwrap_or_default(),
        all_types,
        not_free: nodes.iter().any(|n| n.get("isAccessibleForFree").is_some_and(is_false)),
    }
}

/// `false`, or a string saying so (`"False"`, `"false"`, as publishers write it).
fn is_false(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::String(s) => s.trim().eq_ignore_ascii_case("false"),
        _ => false,
    }
}

/// The text of a script without the wrappings of [`WRAPPER_STARTS`] and [`WRAPPER_ENDS`].
fn unwrap(raw: &str) -> &str {
    let mut t = raw.trim();
    loop {
        let before = t.len();
        for w in WRAPPER_STARTS {
            if let Some(rest) = t.strip_prefix(w) {
                t = rest.trim_start();
            }
        }
        for w in WRAPPER_ENDS {
            if let Some(rest) = t.strip_suffix(w) {
                t = rest.trim_end();
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// Every object of the values: top-level arrays, `@graph` and the nesting keys, breadth
/// first, at most [`MAX_NODES`].
fn nodes(values: &[Value]) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut queue: std::collections::VecDeque<&Value> = values.iter().collect();
    let mut seen = 0;
    while let Some(v) = queue.pop_front() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        match v {
            Value::Array(items) => queue.extend(items),
            Value::Object(map) => {
                out.push(map);
                for k in NESTING_KEYS {
                    if let Some(inner @ (Value::Object(_) | Value::Array(_))) = map.get(*k) {
                        queue.push_back(inner);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A node's types, lower case, without a schema.org prefix.
fn types(n: &Map<String, Value>) -> impl Iterator<Item = String> + '_ {
    let one = |v: &Value| v.as_str().map(|s| s.rsplit(['/', ':']).next().unwrap_or(s).trim().to_ascii_lowercase());
    let list: Vec<String> = match n.get("@type") {
        Some(Value::Array(a)) => a.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => Vec::new(),
    };
    list.into_iter()
}

fn has_type(n: &Map<String, Value>, wanted: &[&str]) -> bool {
    types(n).any(|t| wanted.contains(&t.as_str()))
}

/// 0 for an article type, 1 for another creative work, 2 for a page; none for the rest and
/// for any node that is also of a type that never stands for the article.
fn article_rank(n: &Map<String, Value>) -> Option<usize> {
    let types: Vec<String> = types(n).collect();
    if types.iter().any(|t| NEVER_ARTICLE_TYPES.contains(&t.as_str())) {
        return None;
    }
    [ARTICLE_TYPES, CREATIVE_WORK_TYPES, PAGE_TYPES]
        .iter()
        .position(|list| types.iter().any(|t| list.contains(&t.as_str())))
}

/// A string value: a string, a number, the first of a list, an object's `name` or `@value`.
pub(crate) fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(normalize_space(&decode_again(s))).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        Value::Object(o) => string_of(o.get("name")).or_else(|| string_of(o.get("@value"))),
        _ => None,
    }
}

fn url_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| url_of(Some(x))),
        Value::Object(o) => url_of(o.get("url")).or_else(|| url_of(o.get("@id")).filter(|u| u.starts_with("http"))),
        _ => None,
    }
}

/// A list: an array of strings (or named objects), or a string split at commas.
fn list_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s.split([',', ';']).map(normalize_space).filter(|s| !s.is_empty()).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|x| string_of(Some(x))).collect(),
        _ => Vec::new(),
    }
}

fn article_of<'a>(
    m: &'a Map<String, Value>,
    is_article: bool,
    page: Option<&'a Map<String, Value>>,
    resolve: &dyn Fn(&'a Value) -> Option<&'a Map<String, Value>>,
) -> JsonLdArticle {
    let from_page = |key: &str| string_of(m.get(key)).or_else(|| page.and_then(|p| string_of(p.get(key))));
    let authors_value = m.get("author").or_else(|| m.get("creator"));
    let authors = match authors_value {
        Some(Value::Array(a)) => a.iter().filter_map(|x| author_of(x, resolve)).collect(),
        Some(v) => author_of(v, resolve).into_iter().collect(),
        None => Vec::new(),
    };
    let headline = string_of(m.get("headline")).or_else(|| is_article.then(|| string_of(m.get("name"))).flatten());
    JsonLdArticle {
        headline,
        description: string_of(m.get("description")),
        date_published: from_page("datePublished"),
        date_created: string_of(m.get("dateCreated")),
        date_modified: from_page("dateModified"),
        authors,
        publisher: m.get("publisher").and_then(|p| resolve(p).and_then(|o| string_of(o.get("name")))),
        image: url_of(m.get("image")).or_else(|| url_of(m.get("thumbnailUrl"))),
        url: url_of(m.get("url")).or_else(|| url_of(m.get("mainEntityOfPage"))),
        keywords: list_of(m.get("keywords")),
        sections: list_of(m.get("articleSection")),
        language: string_of(m.get("inLanguage")),
    }
}

fn author_of<'a>(v: &'a Value, resolve: &dyn Fn(&'a Value) -> Option<&'a Map<String, Value>>) -> Option<JsonLdAuthor> {
    match v {
        Value::String(s) => {
            Some(JsonLdAuthor { name: normalize_space(&decode_again(s)), url: None, organisation: false })
                .filter(|a| !a.name.is_empty())
        }
        Value::Object(_) => {
            let o = resolve(v)?;
            let name = string_of(o.get("name")).or_else(|| {
                let parts: Vec<String> =
                    ["givenName", "familyName"].iter().filter_map(|k| string_of(o.get(*k))).collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })?;
            Some(JsonLdAuthor { name, url: url_of(o.get("url")), organisation: has_type(o, ORGANISATION_TYPES) })
        }
        _ => None,
    }
}

/// The names of a breadcrumb list's items, by `position` (else as listed).
fn breadcrumb_names<'a>(
    n: &'a Map<String, Value>,
    resolve: &dyn Fn(&'a Value) -> Option<&'a Map<String, Value>>,
) -> Vec<String> {
    let Some(Value::Array(items)) = n.get("itemListElement") else { return Vec::new() };
    let mut named: Vec<(f64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let o = item.as_object()?;
            let name = string_of(o.get("name"))
                .or_else(|| o.get("item").and_then(resolve).and_then(|x| string_of(x.get("name"))))?;
            let position = o.get("position").and_then(|p| p.as_f64().or_else(|| p.as_str()?.trim().parse().ok()));
            Some((position.unwrap_or(i as f64), name))
        })
        .collect();
    named.sort_by(|a, b| a.0.total_cmp(&b.0));
    named.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(scripts: &[&str]) -> JsonLd {
        let mut r = JsonLdReader::default();
        for s in scripts {
            r.add_script(s);
        }
        r.finish()
    }

    #[test]
    fn types_and_paywall_marks() {
        let ld = read(&[r#"{"@graph":[{"@type":"WebPage","name":"P"},{"@type":["BlogPosting"],"headline":"H",
            "isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paid"}},
            {"@type":"VideoObject","name":"V"}]}"#]);
        assert_eq!(ld.main_types, ["blogposting"]);
        assert_eq!(ld.all_types, ["blogposting", "videoobject", "webpage", "webpageelement"]);
        assert!(ld.not_free);
        let free = read(&[r#"{"@type":"NewsArticle","headline":"H","isAccessibleForFree":true}"#]);
        assert!(!free.not_free);
        assert!(!read(&[r#"{"@type":"NewsArticle","headline":"H","isAccessibleForFree":"True"}"#]).not_free);
    }

    #[test]
    fn every_wrapping_of_a_script_is_read() {
        for raw in [
            r#"{"@type":"NewsArticle","headline":"H"}"#,
            r#"<!-- {"@type":"NewsArticle","headline":"H"} -->"#,
            r#"<![CDATA[ {"@type":"NewsArticle","headline":"H"} ]]>"#,
            r#"//<![CDATA[
            {"@type":"NewsArticle","headline":"H"}
            //]]>"#,
            r#"/*<![CDATA[*/ {"@type":"NewsArticle","headline":"H"} /*]]>*/"#,
            "{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"description\":\"a\tb\nc\"}",
            r#"{"@type":"NewsArticle","headline":"H"};"#,
        ] {
            assert_eq!(read(&[raw]).article.and_then(|a| a.headline).as_deref(), Some("H"), "{raw}");
        }
        assert!(read(&[r#"{"@type": "NewsArticle", "#]).article.is_none());
    }

    #[test]
    fn the_article_is_chosen_by_type_and_never_a_video_or_an_organisation() {
        let j = read(&[
            r#"{"@type":"VideoObject","name":"V","uploadDate":"2020-01-01"}"#,
            r#"[{"@type":"Organization","name":"Org","foundingDate":"1990-01-01"},
               {"@type":"WebPage","name":"Page - Site","datePublished":"2021-05-05",
                "mainEntity":{"@type":"BlogPosting","headline":"Post"}}]"#,
        ]);
        let a = j.article.unwrap();
        assert_eq!(a.headline.as_deref(), Some("Post"));
        // The page node's date stands in for the article's.
        assert_eq!(a.date_published.as_deref(), Some("2021-05-05"));
        assert_eq!(j.site_name.as_deref(), Some("Org"));
        // A video alone is no article.
        assert!(read(&[r#"{"@type":"VideoObject","name":"V","uploadDate":"2020-01-01"}"#]).article.is_none());
    }

    #[test]
    fn author_references_resolve_to_person_nodes() {
        let j = read(&[r##"{"@context":"https://schema.org","@graph":[
            {"@type":"Article","@id":"https://x.example/a#article","headline":"H",
             "author":{"@id":"https://x.example/#/schema/person/1"},
             "publisher":{"@id":"https://x.example/#org"}},
            {"@type":"Organization","@id":"https://x.example/#org","name":"X News"},
            {"@type":"WebSite","name":"X News Site"},
            {"@type":["Person"],"@id":"https://x.example/#/schema/person/1","name":"Jane Doe","url":"https://x.example/author/jane"}]}"##]);
        let a = j.article.unwrap();
        assert_eq!(
            a.authors,
            [JsonLdAuthor {
                name: "Jane Doe".into(),
                url: Some("https://x.example/author/jane".into()),
                organisation: false
            }]
        );
        assert_eq!(a.publisher.as_deref(), Some("X News"));
        assert_eq!(j.site_name.as_deref(), Some("X News Site"));
    }

    #[test]
    fn authors_in_every_shape() {
        let j = read(&[r#"{"@type":"NewsArticle","author":[{"@type":"Person","givenName":"Jane","familyName":"Doe"},
            "John Smith",{"@type":"NewsMediaOrganization","name":"Reuters"}]}"#]);
        let names: Vec<(String, bool)> =
            j.article.unwrap().authors.into_iter().map(|a| (a.name, a.organisation)).collect();
        assert_eq!(names, [("Jane Doe".into(), false), ("John Smith".into(), false), ("Reuters".into(), true)]);
    }

    #[test]
    fn breadcrumbs_in_position_order() {
        let j = read(&[r#"{"@type":"BreadcrumbList","itemListElement":[
            {"@type":"ListItem","position":2,"item":{"@id":"https://x.example/politics","name":"Politics"}},
            {"@type":"ListItem","position":1,"name":"Home","item":"https://x.example/"},
            {"@type":"ListItem","position":"3","name":"Harbour wall"}]}"#]);
        assert_eq!(j.breadcrumbs, ["Home", "Politics", "Harbour wall"]);
    }

    #[test]
    fn keywords_as_a_string_or_a_list() {
        let a = read(&[
            r#"{"@type":"Article","keywords":"harbour, council; storms","articleSection":["Local","Politics"]}"#,
        ])
        .article
        .unwrap();
        assert_eq!(a.keywords, ["harbour", "council", "storms"]);
        assert_eq!(a.sections, ["Local", "Politics"]);
    }
}
