//! The pipeline, one call per stage, over one parsed tree:
//!
//! bytes → decode → pre-filter → parse → prose test (`no_article`) → page metadata → headline → visible fields → clean →
//! content (site profile or general extractor; the byline leaves it) → fields → article.
//!
//! Each stage is a module (`parse`, `fields::PageMeta`, `content`, `fields`); this file only
//! runs them in order, checking the time budget between them. `stages` (in `lib.rs`) runs the
//! same functions one at a time for the benchmarks.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use scraper::Html;

use crate::article::{Article, Warning, WarningCode};
use crate::config::Config;
use crate::content::{self, Cleaner, ProfileChoice, Protect};
use crate::dom::{self, ClassSlot, ClassWords};
use crate::error::ExtractError;
use crate::fields::{self, PageMeta, PageUrls, Parts};
use crate::limits::{Deadline, Limits};
use crate::matching::TokenLists;
use crate::options::ExtractOptions;
use crate::parse::attributes::MetaKey;
use crate::parse::decode::{self, EncodingSource, charset_of_content_type};
use crate::parse::prefilter::{self, Filtered};
use crate::parse::sink;

/// Extracts one page within `limits` (or the page's own, `opts.limits`).
pub(crate) fn extract(
    config: &Config,
    limits: &Limits,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<Article, ExtractError> {
    let limits = opts.limits.as_ref().unwrap_or(limits);
    let deadline = Deadline::after(limits.time_budget);
    let decoded = decode(bytes, opts, limits)?;
    deadline.check("decode")?;
    let warnings = decode_warnings(&decoded);
    let profile = ProfileChoice::before_parse(config, opts.url.as_deref(), &decoded.text);
    let doc = parse(config, &decoded.text, profile, limits, &deadline)?;
    deadline.check("parse")?;
    let page = Page { html: &decoded.text, encoding: decoded.encoding, warnings, profile };
    after_parse(config, doc, page, opts, &deadline)
}

/// What the stages before parsing hand on to the later ones.
pub(crate) struct Page<'a, 'c> {
    /// The decoded page (profile markers are looked up in it).
    pub(crate) html: &'a str,
    /// Its encoding.
    pub(crate) encoding: &'static Encoding,
    /// Warnings so far (decoding).
    pub(crate) warnings: Vec<Warning>,
    /// The site profile, as far as it is known before parsing.
    pub(crate) profile: ProfileChoice<'c>,
}

/// Decode: the byte limit and the input checks (empty, binary, no markup), then bytes to
/// text by the BOM, the HTTP charset, `<meta charset>` or detection.
fn decode<'b>(bytes: &'b [u8], opts: &ExtractOptions, limits: &Limits) -> Result<decode::Decoded<'b>, ExtractError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(ExtractError::TooLarge { size: bytes.len(), limit: limits.max_input_bytes });
    }
    decode::check_input(bytes)?;
    let http_charset = opts.content_type.as_deref().and_then(charset_of_content_type);
    let decoded = decode::decode(bytes, http_charset.as_deref());
    decode::check_markup(&decoded.text)?;
    Ok(decoded)
}

/// The warnings decoding raises: a guessed charset, replaced bytes.
fn decode_warnings(decoded: &decode::Decoded<'_>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if decoded.source == EncodingSource::Detected && (decoded.encoding != encoding_rs::UTF_8 || decoded.had_errors) {
        warnings.push(Warning {
            code: WarningCode::CharsetGuessed,
            message: format!("no charset declared; detected {}", decoded.encoding.name()),
        });
    }
    if decoded.had_errors {
        warnings.push(Warning {
            code: WarningCode::DecodeReplaced,
            message: format!("bytes invalid in {} were replaced with U+FFFD", decoded.encoding.name()),
        });
    }
    warnings
}

/// Pre-filter: the page without what pith never reads (script and style text, unread
/// attributes, …; the attributes only profiles read too when the page is known to have no
/// profile), read attributes written with short names for the parse.
pub(crate) fn prefilter<'a>(config: &Config, html: &'a str, profile: ProfileChoice<'_>) -> Filtered<'a> {
    prefilter::filter(html, profile.may_have_profile(), &|name| config.selectors_test_attribute(name), true)
}

/// Pre-filter and parse, within the node, depth and time limits.
pub(crate) fn parse(
    config: &Config,
    html: &str,
    profile: ProfileChoice<'_>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Html, ExtractError> {
    sink::parse_document(&prefilter(config, html, profile), limits, deadline)
}

/// The class/id word lists of the walks over every element (the visible fields, hidden
/// elements, cookie banners, caption classes, unlikely boxes, recipe parts), in one automaton: each
/// element's `id` and `class` are searched once (`dom::ClassWords`).
static CLASS_WORDS: LazyLock<TokenLists> = LazyLock::new(|| {
    ClassWords::automaton(&[
        (ClassSlot::VISIBLE, &fields::VISIBLE_CLASS_WORD_LISTS),
        (ClassSlot::UNLIKELY, &content::UNLIKELY_WORD_LISTS),
        (ClassSlot::COOKIE, &[content::COOKIE_TOKENS]),
        (ClassSlot::CAPTION, &[content::CAPTION_CLASS_PARTS]),
        (ClassSlot::HIDDEN, &[dom::HIDDEN_CLASS_TOKENS, dom::SCREEN_READER_CLASS_PARTS]),
        (ClassSlot::RECIPE, &[content::RECIPE_PART_TOKENS]),
    ])
});

/// The stages after parsing: page metadata, headline, what the page shows of its fields
/// (bylines, dates, deck), cleaning, content (without the byline's blocks), fields.
pub(crate) fn after_parse(
    config: &Config,
    mut doc: Html,
    page: Page<'_, '_>,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Article, ExtractError> {
    // Nothing but links, navigation and boilerplate: no article to look for.
    if !content::page_has_prose(&doc) {
        return Err(ExtractError::NoArticle);
    }
    let meta = PageMeta::read(&doc);
    deadline.check("metadata")?;
    let urls = PageUrls::read(opts.url.as_deref(), &meta);
    // With a URL given, `urls.host()` is its host: the profile is the one found before parsing.
    let profile = page.profile.after_parse(config, urls.host(), page.html);
    let headline = content::find_headline(&doc, profile, &meta.titles());
    // The cleaner finds every element's class/id words and text length once, before anything is
    // removed; the visible fields read them too.
    let mut cleaner = Cleaner::new(&doc, opts.explain).with_class_words(ClassWords::read(&doc, &CLASS_WORDS));
    let visible = fields::read_visible(&doc, &meta, &urls, profile, headline, cleaner.class_words(), cleaner.lens());
    deadline.check("visible fields")?;

    content::clean_before_content(&mut doc, &mut cleaner, Protect { headline, root: None });
    deadline.check("clean")?;
    let description = meta.get(MetaKey::Description).or_else(|| meta.get(MetaKey::OgDescription));
    let mut content = content::extract(&mut doc, profile, headline, description, urls.page(), &mut cleaner, deadline)?;
    // The byline is a field, not body.
    visible.take_bylines_out(&doc, &mut content.body, &mut cleaner);

    let Page { encoding, warnings, .. } = page;
    let parts =
        Parts { opts, encoding, warnings, meta: &meta, visible: &visible, urls: &urls, profile, content, cleaner };
    let article = fields::article(parts);
    deadline.check("assembly")?;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Method, Record};

    /// The shared class/id table answers every walk as the walk's own automaton does, on every
    /// element of every fixture (the slots line up with the lists they stand for).
    #[test]
    fn class_words_answer_as_each_walks_own_lists() {
        use scraper::{ElementRef, Node};
        let own: [(ClassSlot, TokenLists); 5] = [
            (ClassSlot::VISIBLE, TokenLists::new(&fields::VISIBLE_CLASS_WORD_LISTS)),
            (ClassSlot::UNLIKELY, TokenLists::new(&content::UNLIKELY_WORD_LISTS)),
            (ClassSlot::COOKIE, TokenLists::new(&[content::COOKIE_TOKENS])),
            (ClassSlot::CAPTION, TokenLists::new(&[content::CAPTION_CLASS_PARTS])),
            (ClassSlot::RECIPE, TokenLists::new(&[content::RECIPE_PART_TOKENS])),
        ];
        let mut pages = vec![
            "<div id='Cookie-Consent' class='sr-only byline'><p class='hidden wp-caption-text'>a</p>\
             <span class='comment-list sidebar' id=main-content>b</span><i class=visually-hidden>c</i></div>"
                .to_string(),
        ];
        for dir in ["generic", "ismg", "widgets", "metadata"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "html") {
                    pages.push(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
                }
            }
        }
        let (mut elements, mut hits, mut hidden) = (0, 0, 0);
        for page in &pages {
            let doc = Html::parse_document(page);
            let words = ClassWords::read(&doc, &CLASS_WORDS);
            for n in doc.tree.nodes() {
                let Node::Element(e) = n.value() else { continue };
                elements += 1;
                for (slot, lists) in &own {
                    let expected = lists.in_id_class(e);
                    hits += usize::from(expected != 0);
                    assert_eq!(words.in_id_class(n.id(), *slot), Some(expected), "{slot:?} {e:?}");
                }
                let el = ElementRef::wrap(n).unwrap();
                hidden += usize::from(dom::is_hidden(&el));
                assert_eq!(words.is_hidden(&el), dom::is_hidden(&el), "{e:?}");
            }
        }
        assert!(elements > 10_000 && hits > 1_000 && hidden > 10, "{elements} {hits} {hidden}");
    }

    /// A user profile whose selectors test an attribute pith itself never reads still sees
    /// it: the pre-filter keeps what the configuration's selectors name.
    #[test]
    fn attributes_named_by_profile_selectors_survive_the_prefilter() {
        let config = Config::default_with_overrides(
            r#"[[profile]]
name = "t"
hosts = ['^example\.org$']
[profile.root]
selectors = ["div[data-story-body]"]
[profile.title]
selectors = ["h1"]
"#,
        )
        .unwrap();
        let para = "The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive. ";
        let page = format!(
            "<html><body><h1>Harbour wall</h1><div class=col><p>{}</p></div><div data-story-body><p>{}</p></div></body></html>",
            "Sidebar text that is long enough to look like a paragraph of prose on its own here. ".repeat(3),
            para.repeat(3)
        );
        let opts = ExtractOptions::new("t".to_string()).with_url(Some("https://example.org/a".to_string()));
        assert!(prefilter(&config, &page, ProfileChoice::Undecided).text.contains("<div data-story-body>"));
        let article = extract(&config, &Limits::default(), page.as_bytes(), &opts).unwrap();
        assert_eq!((article.profile.as_str(), &article.extractor.method), ("t", &Method::Profile));
        assert!(article.text.contains("harbour wall before") && !article.text.contains("Sidebar"), "{}", article.text);
    }

    /// The attributes only site profiles read (`parse::attributes::Reader::Profile`) are left
    /// out of pages known to have no profile: nothing else may read them. Every fixture, and
    /// a page of images and captions, comes out of the general extractor (a configuration
    /// without profiles) the same with them kept and left out.
    #[test]
    fn pages_without_a_profile_read_no_profile_only_attribute() {
        let config = Config::from_toml("").unwrap();
        assert!(config.profiles.is_empty());
        let opts = ExtractOptions::new("p").with_url(Some("https://example.invalid/news/a".into())).with_explain(true);
        let figure = r#"<html lang=en><head><title>Harbour wall</title></head><body><article><h1>Harbour wall</h1>
            <figure><img src="/a.jpg" srcset="/a2.jpg 2x" data-src="/l.jpg" alt="The wall" title="Wall" width=600 height=400>
            <figcaption>The wall in 1990. (Photo: Jane Doe)</figcaption></figure>
            <p>The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive in the bay.</p>
            <p><img src="/b.jpg" alt="Storm" width=20> Storm damage was worse than expected, the engineers said on Monday.</p>
            <div><img src="/c.jpg" alt="Crane"></div><p><em>Photo: a crane on the quay, by Jane Doe</em></p>
            <p>Work starts in spring and should end by the autumn, when the first storms usually reach the town.</p>
            </article></body></html>"#;
        let mut pages = vec![("figure".to_string(), figure.to_string())];
        for dir in ["generic", "ismg"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "html") {
                    let bytes = std::fs::read(&path).unwrap();
                    pages.push((path.display().to_string(), decode::decode(&bytes, None).text.into_owned()));
                }
            }
        }
        assert!(pages.len() > 10);
        let mut without_profile = 0;
        for (name, html) in &pages {
            let choice = ProfileChoice::before_parse(&config, opts.url.as_deref(), html);
            if choice.may_have_profile() {
                continue;
            }
            without_profile += 1;
            let run = |profile_attributes: bool| {
                let page = prefilter::filter(html, profile_attributes, &|n| config.selectors_test_attribute(n), true);
                let doc = sink::parse_document(&page, &Limits::default(), &Deadline::after(None)).unwrap();
                let page = Page { html, encoding: encoding_rs::UTF_8, warnings: Vec::new(), profile: choice };
                let article = after_parse(&config, doc, page, &opts, &Deadline::after(None)).unwrap();
                crate::render::json_line(&Record::Article(Box::new(article)))
            };
            assert_eq!(run(false), run(true), "{name}");
        }
        assert_eq!(without_profile, pages.len());
    }
}
