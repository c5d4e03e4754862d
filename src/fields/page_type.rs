//! `page_type` of a page no site profile covers: what its JSON-LD and OpenGraph type say,
//! then its URL, then whether it reads like a dated or signed article; `other` when nothing
//! says it is one.

use url::Url;

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::article::PageType;
use crate::parse::attributes::MetaKey;

/// JSON-LD types of the page's main work, by the page type they stand for (lower case,
/// without the schema.org prefix). Checked in this order: a `BlogPosting` is a blog post
/// before it is an article.
const JSON_LD_TYPES: &[(&str, PageType)] = &[
    ("blogposting", PageType::Blog),
    ("liveblogposting", PageType::Article),
    ("newsarticle", PageType::Article),
    ("reportagenewsarticle", PageType::Article),
    ("analysisnewsarticle", PageType::Article),
    ("opinionnewsarticle", PageType::Article),
    ("backgroundnewsarticle", PageType::Article),
    ("reviewnewsarticle", PageType::Article),
    ("askpublicnewsarticle", PageType::Article),
    ("satiricalarticle", PageType::Article),
    ("article", PageType::Article),
    ("scholarlyarticle", PageType::Article),
    ("techarticle", PageType::Article),
];

/// JSON-LD types that make a page a video page when no article type names its main work.
const JSON_LD_VIDEO_TYPES: &[&str] = &["videoobject", "videogallery"];

/// Path segments that name a section of one kind of page (`/blog/2024/…`, `/videos/…`),
/// lower case.
const PATH_SEGMENTS: &[(&str, PageType)] = &[
    ("blog", PageType::Blog),
    ("blogs", PageType::Blog),
    ("video", PageType::Video),
    ("videos", PageType::Video),
    ("watch", PageType::Video),
    ("webinar", PageType::Webinar),
    ("webinars", PageType::Webinar),
    ("whitepaper", PageType::Whitepaper),
    ("whitepapers", PageType::Whitepaper),
    ("white-papers", PageType::Whitepaper),
    ("interview", PageType::Interview),
    ("interviews", PageType::Interview),
];

/// The page type of a page without a site profile, with the rule that chose it.
/// `dated_or_signed`: the page states a publication date or an author.
pub(crate) fn generic_page_type(meta: &PageMeta, url: Option<&Url>, dated_or_signed: bool) -> Sourced<PageType> {
    Chain::new()
        .or("json-ld:@type", || json_ld_type(meta))
        .or("meta:og:type", || og_type(meta.get(MetaKey::OgType)?))
        .or("url", || url_type(url?))
        .or("dated or signed", || dated_or_signed.then_some(PageType::Article))
        .first()
        .unwrap_or_else(|| Sourced::new(PageType::Other, "default"))
}

/// The page type of the JSON-LD's main work ([`JSON_LD_TYPES`]), else a video page when a
/// video object is the page's only work.
fn json_ld_type(meta: &PageMeta) -> Option<PageType> {
    let ld = &meta.json_ld;
    let main =
        JSON_LD_TYPES.iter().find(|(name, _)| ld.main_types.iter().any(|t| t == name)).map(|(_, page_type)| *page_type);
    main.or_else(|| {
        let article = ld.main_types.iter().any(|t| JSON_LD_TYPES.iter().any(|(name, _)| name == t));
        let video = ld.all_types.iter().any(|t| JSON_LD_VIDEO_TYPES.contains(&t.as_str()));
        (video && !article).then_some(PageType::Video)
    })
}

/// OpenGraph's `og:type`: `article` and `video.*`; `website` and the rest say nothing.
fn og_type(og: &str) -> Option<PageType> {
    let og = og.trim().to_ascii_lowercase();
    match og.as_str() {
        "article" => Some(PageType::Article),
        "blog" => Some(PageType::Blog),
        _ if og.starts_with("video") => Some(PageType::Video),
        _ => None,
    }
}

/// A section of the URL's path ([`PATH_SEGMENTS`]) that names a kind of page, when more of
/// the path follows it (`/blog/` itself is the blog's index).
fn url_type(url: &Url) -> Option<PageType> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let (_, sections) = segments.split_last()?;
    sections.iter().find_map(|s| {
        let s = s.to_ascii_lowercase();
        PATH_SEGMENTS.iter().find(|(name, _)| *name == s).map(|(_, page_type)| *page_type)
    })
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn page_type(head: &str, url: Option<&str>, dated_or_signed: bool) -> (PageType, &'static str) {
        let doc = Html::parse_document(&format!("<html><head>{head}</head><body><p>Text</p></body></html>"));
        let meta = PageMeta::read(&doc);
        let url = url.map(|u| Url::parse(u).unwrap());
        let found = generic_page_type(&meta, url.as_ref(), dated_or_signed);
        (found.value, found.source)
    }

    fn ld(json: &str) -> String {
        format!(r#"<script type="application/ld+json">{json}</script>"#)
    }

    #[test]
    fn json_ld_types_come_first() {
        assert_eq!(page_type(&ld(r#"{"@type":"NewsArticle"}"#), None, false), (PageType::Article, "json-ld:@type"));
        assert_eq!(page_type(&ld(r#"{"@type":"BlogPosting"}"#), None, false).0, PageType::Blog);
        // A blog post with og:type article is a blog post.
        let head = ld(r#"{"@type":"BlogPosting"}"#) + r#"<meta property="og:type" content="article">"#;
        assert_eq!(page_type(&head, None, false).0, PageType::Blog);
        // A video object alone makes a video page; beside an article it is the article's.
        assert_eq!(page_type(&ld(r#"{"@type":"VideoObject","name":"V"}"#), None, false).0, PageType::Video);
        let both = ld(r#"{"@graph":[{"@type":"NewsArticle"},{"@type":"VideoObject"}]}"#);
        assert_eq!(page_type(&both, None, false).0, PageType::Article);
    }

    #[test]
    fn og_type_then_the_url() {
        let og = |t: &str| format!(r#"<meta property="og:type" content="{t}">"#);
        assert_eq!(page_type(&og("article"), None, false), (PageType::Article, "meta:og:type"));
        assert_eq!(page_type(&og("video.other"), None, false).0, PageType::Video);
        // `website` says nothing: the URL decides.
        assert_eq!(
            page_type(&og("website"), Some("https://example.org/blog/2024/why-trains"), false),
            (PageType::Blog, "url")
        );
        assert_eq!(page_type("", Some("https://example.org/videos/harbour-storm"), false).0, PageType::Video);
        assert_eq!(page_type("", Some("https://example.org/webinars/q3-threats"), false).0, PageType::Webinar);
        // The section's own index is not a post of it.
        assert_eq!(page_type("", Some("https://example.org/blog/"), false).0, PageType::Other);
        // A word inside a slug is not a section.
        assert_eq!(page_type("", Some("https://example.org/news/video-of-the-storm"), false).0, PageType::Other);
    }

    #[test]
    fn a_dated_or_signed_page_is_an_article_and_the_rest_other() {
        assert_eq!(
            page_type("", Some("https://example.org/news/harbour-wall"), true),
            (PageType::Article, "dated or signed")
        );
        assert_eq!(page_type("", Some("https://example.org/about"), false), (PageType::Other, "default"));
        assert_eq!(page_type("<title>Home</title>", None, false).0, PageType::Other);
    }
}
