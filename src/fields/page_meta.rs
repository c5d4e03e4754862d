//! The page's own metadata: `<title>`, `<meta>` (name, property, http-equiv, itemprop),
//! canonical link, `<html lang>`, and JSON-LD articles (with `@graph`). Read once, before
//! cleaning; the field functions choose among its values.

use std::collections::HashMap;

use scraper::{Html, Node};
use serde_json::Value;

use crate::dom::{self, Walk, normalize_space};
use crate::parse::attributes::{META_KEY_ATTRIBUTES, MetaKey, ReadAttr};

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
    "BackgroundNewsArticle",
    "SocialMediaPosting",
    "WebPage",
    "VideoObject",
];

/// A JSON-LD article, the fields pith uses.
#[derive(Debug, Default, Clone)]
pub struct JsonLdArticle {
    /// `@type`.
    pub kind: String,
    /// `headline` / `name`.
    pub headline: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `datePublished`.
    pub date_published: Option<String>,
    /// `dateModified`.
    pub date_modified: Option<String>,
    /// `author`: names and URLs.
    pub authors: Vec<(String, Option<String>)>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `image`.
    pub image: Option<String>,
    /// `url` / `mainEntityOfPage`.
    pub url: Option<String>,
    /// `keywords`.
    pub keywords: Vec<String>,
    /// `articleSection`.
    pub sections: Vec<String>,
    /// `inLanguage`.
    pub language: Option<String>,
}

/// Metadata of a page.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// `<title>` text.
    pub title: Option<String>,
    /// First value of each `<meta property|name|http-equiv|itemprop>`, keys lower-cased
    /// (read through [`PageMeta::get`], by the keys pith reads).
    meta: HashMap<String, String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// The best JSON-LD article (an `Article` type over `WebPage`).
    pub jsonld: Option<JsonLdArticle>,
}

impl PageMeta {
    /// A `<meta>` value by key (`og:title`, `description`, …), non-empty.
    pub fn get(&self, key: MetaKey) -> Option<&str> {
        self.meta.get(key.key()).map(String::as_str).filter(|v| !v.trim().is_empty())
    }

    /// The page's own titles, best first: `og:title`, `<title>`.
    pub fn titles(&self) -> Vec<&str> {
        [self.get(MetaKey::OgTitle), self.title.as_deref()].into_iter().flatten().collect()
    }

    /// Reads the page's metadata.
    pub fn read(doc: &Html) -> PageMeta {
        let mut pm = PageMeta::default();
        let mut jsonld: Vec<JsonLdArticle> = Vec::new();
        dom::walk(doc.tree.root(), |n| {
            let Node::Element(e) = n.value() else {
                return if n.value().is_document() { Walk::Descend } else { Walk::Skip };
            };
            match e.name() {
                "html" => {
                    if let Some(l) = dom::attr(e, ReadAttr::Lang).or_else(|| dom::attr(e, ReadAttr::XmlLang)) {
                        pm.html_lang = Some(l.to_string());
                    }
                    Walk::Descend
                }
                "title" => {
                    if pm.title.is_none() && !n.ancestors().any(|a| dom::tag(&a) == Some("svg")) {
                        let t = normalize_space(
                            &n.children()
                                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                                .collect::<String>(),
                        );
                        if !t.is_empty() {
                            pm.title = Some(t);
                        }
                    }
                    Walk::Skip
                }
                "meta" => {
                    let key = META_KEY_ATTRIBUTES.into_iter().find_map(|k| dom::attr(e, k));
                    if let (Some(k), Some(v)) = (key, dom::attr(e, ReadAttr::Content)) {
                        pm.meta.entry(k.trim().to_ascii_lowercase()).or_insert_with(|| normalize_space(v));
                    }
                    Walk::Skip
                }
                "link" => {
                    let is_canonical = dom::attr(e, ReadAttr::Rel)
                        .is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")));
                    if is_canonical
                        && pm.canonical.is_none()
                        && let Some(h) = dom::attr(e, ReadAttr::Href)
                        && !h.trim().is_empty()
                    {
                        pm.canonical = Some(h.trim().to_string());
                    }
                    Walk::Skip
                }
                "script" => {
                    if dom::attr(e, ReadAttr::Type)
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    {
                        let raw: String =
                            n.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                        read_jsonld(&raw, &mut jsonld);
                    }
                    Walk::Skip
                }
                "style" | "svg" | "template" | "noscript" => Walk::Skip,
                _ => Walk::Descend,
            }
        });
        // Prefer a real article type over WebPage/VideoObject.
        jsonld.sort_by_key(|a| usize::from(matches!(a.kind.as_str(), "WebPage" | "VideoObject")));
        pm.jsonld = jsonld.into_iter().next();
        pm
    }
}

/// Parses one JSON-LD script and collects its article objects. Invalid JSON is ignored.
fn read_jsonld(raw: &str, out: &mut Vec<JsonLdArticle>) {
    // Some pages wrap JSON-LD in CDATA or HTML comments.
    let cleaned = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    let cleaned = cleaned.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
    let Ok(value) = serde_json::from_str::<Value>(cleaned) else { return };
    // Breadth-first over top-level arrays and @graph (bounded: no recursion into bodies).
    let mut queue: Vec<&Value> = vec![&value];
    let mut seen = 0;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 1000 {
            break;
        }
        match v {
            Value::Array(items) => queue.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    queue.push(graph);
                }
                let types = type_names(map.get("@type"));
                if let Some(kind) = types.iter().find(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                    out.push(article_from(kind, map));
                }
            }
            _ => {}
        }
    }
}

fn type_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.rsplit('/').next().unwrap_or(s).to_string()],
        Some(Value::Array(a)) => {
            a.iter().filter_map(|x| x.as_str()).map(|s| s.rsplit('/').next().unwrap_or(s).to_string()).collect()
        }
        _ => Vec::new(),
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(normalize_space(s)).filter(|s| !s.is_empty()),
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

fn list_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s.split(',').map(normalize_space).filter(|s| !s.is_empty()).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|x| string_of(Some(x))).collect(),
        _ => Vec::new(),
    }
}

fn article_from(kind: &str, map: &serde_json::Map<String, Value>) -> JsonLdArticle {
    let authors = match map.get("author") {
        Some(Value::Array(a)) => a.iter().filter_map(person).collect(),
        Some(v) => person(v).into_iter().collect(),
        None => Vec::new(),
    };
    JsonLdArticle {
        kind: kind.to_string(),
        headline: string_of(map.get("headline")).or_else(|| string_of(map.get("name"))),
        description: string_of(map.get("description")),
        date_published: string_of(map.get("datePublished")).or_else(|| string_of(map.get("uploadDate"))),
        date_modified: string_of(map.get("dateModified")),
        authors,
        publisher: map.get("publisher").and_then(|p| string_of(Some(p))),
        image: url_of(map.get("image")).or_else(|| url_of(map.get("thumbnailUrl"))),
        url: url_of(map.get("url")).or_else(|| url_of(map.get("mainEntityOfPage"))),
        keywords: list_of(map.get("keywords")),
        sections: list_of(map.get("articleSection")),
        language: string_of(map.get("inLanguage")),
    }
}

fn person(v: &Value) -> Option<(String, Option<String>)> {
    match v {
        Value::String(s) => Some((normalize_space(s), None)).filter(|(n, _)| !n.is_empty()),
        Value::Object(o) => {
            let name = string_of(o.get("name"))?;
            Some((name, url_of(o.get("url"))))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_head_and_jsonld_graph() {
        let doc = Html::parse_document(
            r#"<html lang="en-us"><head><title>A - Site</title>
            <meta property="og:title" content=" Headline ">
            <link rel="canonical" href="https://x.org/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"W"},
              {"@type":["NewsArticle"],"headline":"H","datePublished":"2021-01-02T03:04:05Z",
               "author":[{"@type":"Person","name":"Ann Lee","url":"https://x.org/ann"},"Bo Li"],"publisher":{"name":"Site"}}]}</script>
            </head><body></body></html>"#,
        );
        let pm = PageMeta::read(&doc);
        assert_eq!(pm.title.as_deref(), Some("A - Site"));
        assert_eq!(pm.get(MetaKey::OgTitle), Some("Headline"));
        assert_eq!(pm.canonical.as_deref(), Some("https://x.org/a"));
        assert_eq!(pm.html_lang.as_deref(), Some("en-us"));
        let j = pm.jsonld.unwrap();
        assert_eq!(j.kind, "NewsArticle");
        assert_eq!(j.headline.as_deref(), Some("H"));
        assert_eq!(j.authors, vec![("Ann Lee".into(), Some("https://x.org/ann".into())), ("Bo Li".into(), None)]);
        assert_eq!(j.publisher.as_deref(), Some("Site"));
    }

    #[test]
    fn invalid_jsonld_is_ignored() {
        let doc = Html::parse_document(r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>"#);
        assert!(PageMeta::read(&doc).jsonld.is_none());
    }
}
