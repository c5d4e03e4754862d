//! The page's own metadata: `<title>`, `<meta>` (every key of `property`, `name`,
//! `http-equiv`, `itemprop`), canonical link, `<html lang>`, and JSON-LD (`json_ld`). Read
//! once, before cleaning; the field functions choose among its values.

use scraper::{Html, Node};

use super::entities::decode_again;
use super::json_ld::{JsonLd, JsonLdArticle, JsonLdReader};
use crate::dom::{self, Walk, normalize_space};
use crate::parse::attributes::{META_KEY_ATTRIBUTES, MetaKey, ReadAttr};

/// Metadata of a page.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// `<title>` text.
    pub title: Option<String>,
    /// The values of each `<meta>` key pith reads, in page order, by [`MetaKey::index`]
    /// (read through [`PageMeta::get`] and [`PageMeta::get_all`]).
    meta: Vec<Vec<String>>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// What the page's JSON-LD says.
    pub json_ld: JsonLd,
    /// The article node of the JSON-LD (`json_ld.article`), kept apart for the many readers
    /// of its fields.
    pub jsonld: Option<JsonLdArticle>,
}

impl PageMeta {
    /// The first non-empty value of a `<meta>` key (`og:title`, `description`, …).
    pub fn get(&self, key: MetaKey) -> Option<&str> {
        self.get_all(key).find(|v| !v.is_empty())
    }

    /// Every value of a `<meta>` key, in page order (several `article:tag`).
    pub fn get_all(&self, key: MetaKey) -> impl Iterator<Item = &str> {
        self.meta.get(key.index()).into_iter().flatten().map(String::as_str)
    }

    /// The page's own titles, best first: `og:title`, `<title>`.
    pub fn titles(&self) -> Vec<&str> {
        [self.get(MetaKey::OgTitle), self.title.as_deref()].into_iter().flatten().collect()
    }

    /// Reads the page's metadata.
    pub fn read(doc: &Html) -> PageMeta {
        let mut pm = PageMeta { meta: vec![Vec::new(); MetaKey::ALL.len()], ..PageMeta::default() };
        let mut jsonld = JsonLdReader::default();
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
                        let t = normalize_space(&decode_again(
                            &n.children()
                                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                                .collect::<String>(),
                        ));
                        if !t.is_empty() {
                            pm.title = Some(t);
                        }
                    }
                    Walk::Skip
                }
                "meta" => {
                    if let Some(v) = dom::attr(e, ReadAttr::Content) {
                        let mut value = None;
                        for attr in META_KEY_ATTRIBUTES {
                            for token in dom::attr(e, attr).into_iter().flat_map(str::split_ascii_whitespace) {
                                if let Some(k) = MetaKey::from_key(token.as_bytes()) {
                                    let v = value.get_or_insert_with(|| normalize_space(&decode_again(v))).clone();
                                    pm.meta[k.index()].push(v);
                                }
                            }
                        }
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
                        jsonld.add_script(&raw);
                    }
                    Walk::Skip
                }
                "style" | "svg" | "template" | "noscript" => Walk::Skip,
                _ => Walk::Descend,
            }
        });
        pm.json_ld = jsonld.finish();
        pm.jsonld = pm.json_ld.article.clone();
        pm
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
        assert_eq!(j.headline.as_deref(), Some("H"));
        let authors: Vec<(String, Option<String>)> = j.authors.into_iter().map(|a| (a.name, a.url)).collect();
        assert_eq!(authors, vec![("Ann Lee".into(), Some("https://x.org/ann".into())), ("Bo Li".into(), None)]);
        assert_eq!(j.publisher.as_deref(), Some("Site"));
    }

    #[test]
    fn every_key_of_a_meta_is_read_and_every_value_kept() {
        let doc = Html::parse_document(
            r#"<html><head><meta name="description" content="">
            <meta property="og:description" name="description" content="Filled &amp;#8217; twice">
            <meta property="dc:creator twitter:site_name" content="Jane Doe">
            <meta property="article:tag" content="a"><meta property="article:tag" content="b">
            </head><body><meta itemprop="datePublished" content="2024-03-03"></body></html>"#,
        );
        let pm = PageMeta::read(&doc);
        // The first empty value does not hide a later one; an entity escaped twice is decoded.
        assert_eq!(pm.get(MetaKey::Description), Some("Filled \u{2019} twice"));
        assert_eq!(pm.get(MetaKey::OgDescription), Some("Filled \u{2019} twice"));
        assert_eq!(pm.get(MetaKey::DcColonCreator), Some("Jane Doe"));
        assert_eq!(pm.get_all(MetaKey::ArticleTag).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(pm.get(MetaKey::DatePublished), Some("2024-03-03"));
    }

    #[test]
    fn invalid_jsonld_is_ignored() {
        let doc = Html::parse_document(r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>"#);
        assert!(PageMeta::read(&doc).jsonld.is_none());
    }
}
