//! The pipeline: bytes → decode → parse → metadata → clean → extract → article.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use scraper::{Html, Selector};
use url::Url;

use crate::article::{
    Article, Author, ExtractorInfo, Image, Method, OkStatus, PageType, SCHEMA_VERSION, Site, Source, Warning,
    WarningCode,
};
use crate::blocks::{self, BodyBlock};
use crate::clean::{self, Cleaner, Protect};
use crate::config::{Config, Profile};
use crate::dom;
use crate::error::ExtractError;
use crate::limits::{Deadline, Limits};
use crate::metadata::PageMeta;
use crate::options::ExtractOptions;
use crate::parse::decode::{self, EncodingSource, charset_of_content_type};
use crate::parse::{prefilter, sink};
use crate::{generic, profile, text};

/// Fewer body words than this gives a `short_body` warning.
const SHORT_BODY_WORDS: u64 = 50;
/// A profile body with fewer characters than this falls back to the general extractor.
const PROFILE_MIN_BODY_CHARS: usize = 150;

static H1: LazyLock<Vec<Selector>> = LazyLock::new(|| vec![Selector::parse("h1").expect("static selector")]);

/// Extracts one page within `limits` (or the page's own, `opts.limits`).
pub fn extract(config: &Config, limits: &Limits, bytes: &[u8], opts: &ExtractOptions) -> Result<Article, ExtractError> {
    let limits = opts.limits.as_ref().unwrap_or(limits);
    let deadline = Deadline::after(limits.time_budget);
    if bytes.len() > limits.max_input_bytes {
        return Err(ExtractError::TooLarge { size: bytes.len(), limit: limits.max_input_bytes });
    }
    decode::check_input(bytes)?;
    let http_charset = opts.content_type.as_deref().and_then(charset_of_content_type);
    let decoded = decode::decode(bytes, http_charset.as_deref());
    decode::check_markup(&decoded.text)?;
    deadline.check("decode")?;
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

    // The parser never sees the text of scripts and styles, nor the attributes pith never
    // reads (nor builds them): see `prefilter`.
    let known_profile = profile_before_parse(config, opts, &decoded.text);
    let doc = sink::parse_document(&prefilter_page(config, &decoded.text, known_profile), limits, &deadline)?;
    deadline.check("parse")?;
    let before = Decoded { html: &decoded.text, encoding: decoded.encoding, warnings, known_profile };
    extract_parsed(config, doc, before, opts, &deadline)
}

/// The site profile of a page when it is known before parsing: with a page URL given, the
/// profile its host or the page's markers select (`Some(None)`: none). `None` when no URL
/// is given: then the page's own canonical URL, read after parsing, may select one.
pub(crate) fn profile_before_parse<'c>(
    config: &'c Config,
    opts: &ExtractOptions,
    html: &str,
) -> Option<Option<&'c Profile>> {
    let url = opts.url.as_deref().and_then(|u| Url::parse(u.trim()).ok())?;
    Some(config.profiles.iter().find(|p| p.matches(url.host_str(), html)))
}

/// The pre-filtered page: see `prefilter`. The attributes only profiles read go too when
/// the page is known to have no profile; read attributes get short names for the parse.
pub(crate) fn prefilter_page<'a>(
    config: &Config,
    html: &'a str,
    known_profile: Option<Option<&Profile>>,
) -> prefilter::Filtered<'a> {
    let no_profile = matches!(known_profile, Some(None));
    prefilter::filter(html, !no_profile, &|name| config.selectors_test_attribute(name), true)
}

/// What the stages before parsing hand on to the later ones.
pub(crate) struct Decoded<'a, 'c> {
    /// The decoded page (profile markers are looked up in it).
    pub html: &'a str,
    /// Its encoding.
    pub encoding: &'static Encoding,
    /// Warnings so far (decoding).
    pub warnings: Vec<Warning>,
    /// The site profile, when known before parsing ([`profile_before_parse`]).
    pub known_profile: Option<Option<&'c Profile>>,
}

/// The stages after parsing: metadata, cleaning, the profile or the general extractor, and
/// the article.
pub(crate) fn extract_parsed(
    config: &Config,
    mut doc: Html,
    decoded: Decoded<'_, '_>,
    opts: &ExtractOptions,
    deadline: &Deadline,
) -> Result<Article, ExtractError> {
    let Decoded { html, encoding, mut warnings, known_profile } = decoded;
    let meta = PageMeta::read(&doc);
    deadline.check("metadata")?;

    // The page URL: given, else the page's own canonical link or og:url.
    let given_url = opts.url.as_deref().and_then(|u| Url::parse(u.trim()).ok());
    let own_url = meta
        .canonical
        .as_deref()
        .or(meta.get("og:url"))
        .and_then(|u| Url::parse(u).ok().or_else(|| given_url.as_ref().and_then(|b| b.join(u).ok())));
    let page_url = given_url.clone().or_else(|| own_url.clone());
    let host = page_url.as_ref().and_then(|u| u.host_str().map(str::to_string));

    // (With a URL given, `host` is its host: the profile is the one found before parsing.)
    let profile = known_profile.unwrap_or_else(|| config.profiles.iter().find(|p| p.matches(host.as_deref(), html)));
    let page_titles: Vec<&str> = [meta.get("og:title"), meta.title.as_deref()].into_iter().flatten().collect();
    // A profile's own headline selectors first; else the `h1` the page's titles name.
    let headline = profile
        .filter(|p| !p.title.is_empty())
        .and_then(|p| profile::find_headline(&doc, &p.title))
        .or_else(|| profile::find_headline_matching(&doc, &H1, &page_titles));

    let mut cleaner = Cleaner::new(&doc, opts.explain);
    clean::remove_never_content(&mut doc, &mut cleaner, Protect { headline, root: None });
    deadline.check("clean")?;

    let base = page_url.as_ref();
    let mut method = Method::Generic;
    let mut found = profile.and_then(|p| profile::extract(&mut doc, p, headline, base, &mut cleaner));
    deadline.check("profile")?;
    let profile_body_chars: usize =
        found.as_ref().map_or(0, |f| f.blocks.iter().map(|b| b.block.plain_text().len()).sum());
    let mut body: Vec<BodyBlock>;
    if let Some(f) = found.as_mut().filter(|_| profile_body_chars >= PROFILE_MIN_BODY_CHARS) {
        method = Method::Profile;
        body = std::mem::take(&mut f.blocks);
    } else {
        if let Some(p) = profile {
            warnings.push(Warning {
                code: WarningCode::ProfileFellBack,
                message: format!("the {} profile found no article body; the general extractor was used", p.name),
            });
        }
        let still_there = headline.filter(|h| dom::is_attached(&doc, *h));
        let g = generic::extract(&mut doc, still_there, base, &mut cleaner);
        deadline.check("generic")?;
        body = g.blocks;
        if found.as_ref().is_none_or(|f| f.title.is_none()) {
            let f = found.get_or_insert_with(Default::default);
            f.title = g.title;
        }
    }
    let found = found.unwrap_or_default();

    // Metadata, each from the best source.
    let site_name = host
        .as_deref()
        .and_then(|h| profile.and_then(|p| p.site_name(h)))
        .map(str::to_string)
        .or_else(|| meta.get("og:site_name").map(str::to_string))
        .or_else(|| meta.jsonld.as_ref().and_then(|j| j.publisher.clone()))
        .or_else(|| meta.title.as_deref().and_then(text::title_suffix));
    let title = found
        .title
        .clone()
        .or_else(|| meta.get("og:title").map(str::to_string))
        .or_else(|| meta.jsonld.as_ref().and_then(|j| j.headline.clone()))
        .or_else(|| meta.title.as_deref().map(|t| text::strip_title_suffix(t, site_name.as_deref())));
    if title.is_none() {
        warnings.push(Warning { code: WarningCode::NoTitle, message: "no headline found".into() });
    }
    let url = page_url.as_ref().map(Url::to_string);
    let canonical_url = own_url
        .as_ref()
        .map(Url::to_string)
        .or_else(|| {
            meta.jsonld.as_ref().and_then(|j| j.url.as_deref()).and_then(|u| Url::parse(u).ok()).map(|u| u.to_string())
        })
        .or_else(|| url.clone());

    let authors = if found.authors.is_empty() { meta_authors(&meta, base) } else { found.authors.clone() };
    let (published, date_warning) = choose_published(&found, &meta);
    warnings.extend(date_warning);
    let modified = meta
        .jsonld
        .as_ref()
        .and_then(|j| j.date_modified.as_deref())
        .or(meta.get("article:modified_time"))
        .or(meta.get("og:updated_time"))
        .and_then(text::iso_datetime);

    let description = meta
        .get("description")
        .or(meta.get("og:description"))
        .or(meta.get("twitter:description"))
        .map(str::to_string)
        .or_else(|| meta.jsonld.as_ref().and_then(|j| j.description.clone()));
    let categories = if found.categories.is_empty() {
        meta.jsonld.as_ref().map(|j| j.sections.clone()).unwrap_or_default()
    } else {
        found.categories.clone()
    };
    let tags = meta_tags(&meta);

    let page_type = profile.map_or(Some(PageType::Article), |p| {
        page_type(p, page_url.as_ref(), title.as_deref(), &body).or(Some(PageType::Article))
    });
    let source_id = profile.and_then(|p| source_id(p, page_url.as_ref()));

    let image = found.image.clone().or_else(|| {
        meta.get("og:image")
            .or(meta.get("twitter:image"))
            .map(str::to_string)
            .or_else(|| meta.jsonld.as_ref().and_then(|j| j.image.clone()))
            .and_then(|u| blocks::resolve_link(&u, base))
            .map(|url| Image { url, alt: meta.get("og:image:alt").map(str::to_string), caption: None })
    });

    // The body.
    let links = body.iter().flat_map(|b| b.links.iter().cloned()).collect();
    let blocks: Vec<_> = body.drain(..).map(|b| b.block).collect();
    let text = blocks.iter().map(|b| b.plain_text()).collect::<Vec<_>>().join("\n\n");
    let word_count = text::count_words(&text) as u64;
    if word_count < SHORT_BODY_WORDS {
        warnings
            .push(Warning { code: WarningCode::ShortBody, message: format!("the body has only {word_count} words") });
    }
    let language = language(&meta, &text);
    deadline.check("assembly")?;

    Ok(Article {
        schema_version: SCHEMA_VERSION,
        status: OkStatus::Ok,
        input: opts.input.clone(),
        url,
        canonical_url,
        site: Site { name: site_name, host },
        profile: profile.map_or_else(|| "generic".to_string(), |p| p.name.clone()),
        page_type,
        source_id,
        title,
        subtitle: found.subtitle.clone(),
        authors,
        contributors: found.contributors.clone(),
        published,
        modified,
        categories,
        tags,
        description,
        language,
        image,
        notes: found.notes.clone(),
        blocks,
        text,
        links,
        word_count,
        source: Source {
            fetched_at: opts.fetched_at.clone(),
            http_status: opts.http_status,
            content_type: opts.content_type.clone(),
            encoding: Some(encoding.name().to_string()),
        },
        removed: opts.explain.then(|| cleaner.into_removed()),
        warnings,
        extractor: ExtractorInfo { name: "pith".into(), version: env!("CARGO_PKG_VERSION").into(), method },
    })
}

fn meta_authors(meta: &PageMeta, base: Option<&Url>) -> Vec<Author> {
    if let Some(j) = &meta.jsonld
        && !j.authors.is_empty()
    {
        return j
            .authors
            .iter()
            .map(|(n, u)| Author {
                name: text::clean_person_name(n),
                url: u.as_deref().and_then(|u| blocks::resolve_link(u, base)),
                ..Author::default()
            })
            .filter(|a| !a.name.is_empty())
            .collect();
    }
    meta.get("author")
        .or(meta.get("article:author"))
        .filter(|a| !a.starts_with("http"))
        .map(|a| text::split_names(a).into_iter().map(|name| Author { name, ..Author::default() }).collect())
        .unwrap_or_default()
}

fn meta_tags(meta: &PageMeta) -> Vec<String> {
    if let Some(j) = &meta.jsonld
        && !j.keywords.is_empty()
    {
        return j.keywords.clone();
    }
    // Plain `keywords` meta is usually site-wide SEO text, not the article's tags.
    let raw = meta.get("news_keywords").or(meta.get("article:tag"));
    raw.map(|k| k.split(',').map(dom::normalize_space).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

/// The visible byline date wins on the day; a machine-readable date-time of the same day adds
/// the time and offset the page states.
fn choose_published(found: &profile::ProfileOutput, meta: &PageMeta) -> (Option<String>, Option<Warning>) {
    let machine = found
        .machine_date
        .clone()
        .or_else(|| meta.jsonld.as_ref().and_then(|j| j.date_published.as_deref()).and_then(text::iso_datetime))
        .or_else(|| meta.get("article:published_time").and_then(text::iso_datetime))
        .or_else(|| meta.get("og:published_time").and_then(text::iso_datetime))
        .or_else(|| meta.get("date").and_then(text::iso_datetime));
    match (&found.visible_date, machine) {
        (Some(v), Some(m)) if m.starts_with(v.as_str()) => (Some(m), None),
        (Some(v), Some(m)) => (
            Some(v.clone()),
            Some(Warning {
                code: WarningCode::DateAmbiguous,
                message: format!("the byline says {v} but the metadata says {m}; the byline wins"),
            }),
        ),
        (Some(v), None) => (Some(v.clone()), None),
        (None, m) => (m, None),
    }
}

fn page_type(p: &Profile, url: Option<&Url>, title: Option<&str>, body: &[BodyBlock]) -> Option<PageType> {
    let path = url.map(Url::path).unwrap_or("");
    let letter = url.and_then(|u| id_parts(p, u)).map(|(l, _)| l);
    p.page_types
        .iter()
        .find(|r| {
            r.path.as_ref().is_none_or(|re| url.is_some() && re.is_match(path))
                && r.letter.as_ref().is_none_or(|l| letter.as_deref() == Some(l.as_str()))
                && r.title.as_ref().is_none_or(|re| title.is_some_and(|t| re.is_match(t)))
                && r.body_heading.as_ref().is_none_or(|re| {
                    body.iter()
                        .any(|b| matches!(&b.block, crate::article::Block::Heading { text, .. } if re.is_match(text)))
                })
        })
        .map(|r| r.page_type)
}

fn id_parts(p: &Profile, url: &Url) -> Option<(String, String)> {
    if let Some(re) = &p.url.id
        && let Some(c) = re.captures(url.path())
    {
        return Some((c["letter"].to_string(), c["number"].to_string()));
    }
    if let Some(re) = &p.url.legacy_id
        && let Some(c) = re.captures(url.as_str())
    {
        return Some((p.url.legacy_letter.clone(), c["number"].to_string()));
    }
    None
}

fn source_id(p: &Profile, url: Option<&Url>) -> Option<String> {
    let (letter, number) = id_parts(p, url?)?;
    Some(format!("{letter}-{number}"))
}

/// `<html lang>`, then meta, then detection from the body text.
fn language(meta: &PageMeta, body: &str) -> Option<String> {
    meta.html_lang
        .as_deref()
        .and_then(text::normalize_lang)
        .or_else(|| meta.get("content-language").and_then(text::normalize_lang))
        .or_else(|| meta.get("og:locale").and_then(text::normalize_lang))
        .or_else(|| meta.jsonld.as_ref().and_then(|j| j.language.as_deref()).and_then(text::normalize_lang))
        .or_else(|| {
            let sample: String = body.chars().take(4000).collect();
            let info = whatlang::detect(&sample)?;
            (info.is_reliable() && sample.len() >= 40).then(|| text::iso639_1(info.lang().code()).to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> Url {
        Url::parse(u).unwrap()
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
        assert!(crate::stages::prefilter(&config, &page, &ExtractOptions::new("p")).contains("<div data-story-body>"));
        let article = extract(&config, &Limits::default(), page.as_bytes(), &opts).unwrap();
        assert_eq!((article.profile.as_str(), &article.extractor.method), ("t", &Method::Profile));
        assert!(article.text.contains("harbour wall before") && !article.text.contains("Sidebar"), "{}", article.text);
    }

    #[test]
    fn ismg_ids_and_page_types_come_from_the_url() {
        let c = Config::default();
        let p = &c.profiles[0];
        let cases = [
            ("https://www.bankinfosecurity.com/tiktok-picks-oracle-a-15003", Some("a-15003"), PageType::Article),
            ("https://www.govinfosecurity.com/blogs/some-post-p-4056", Some("p-4056"), PageType::Blog),
            ("https://www.cuinfosecurity.com/interviews/laying-foundation-i-1994", Some("i-1994"), PageType::Interview),
            ("https://www.bankinfosecurity.com/webinars/live-webinar-x-w-1539", Some("w-1539"), PageType::Webinar),
            ("https://www.bankinfosecurity.com/whitepapers/a-guide-w-2610", Some("w-2610"), PageType::Whitepaper),
            ("https://www.bankinfosecurity.com/authors/mathew-j-schwartz-i-892", Some("i-892"), PageType::Other),
            ("https://www.bankinfosecurity.com/articles.php?art_id=17696", Some("a-17696"), PageType::Article),
        ];
        for (u, id, pt) in cases {
            let u = url(u);
            assert_eq!(source_id(p, Some(&u)).as_deref(), id, "{u}");
            assert_eq!(page_type(p, Some(&u), Some("A Headline"), &[]).unwrap_or(PageType::Article), pt, "{u}");
        }
        let roundup = url("https://www.databreachtoday.com/breach-roundup-x-a-31243");
        assert_eq!(page_type(p, Some(&roundup), Some("Breach Roundup: Wipers"), &[]), Some(PageType::Roundup));
    }

    #[test]
    fn visible_byline_date_wins_and_same_day_metadata_adds_the_time() {
        let meta = PageMeta::default();
        let mut found = profile::ProfileOutput {
            visible_date: Some("2026-03-26".into()),
            machine_date: Some("2026-03-27T01:30:00Z".into()),
            ..Default::default()
        };
        let (published, warning) = choose_published(&found, &meta);
        assert_eq!(published.as_deref(), Some("2026-03-26"));
        assert_eq!(warning.map(|w| w.code), Some(WarningCode::DateAmbiguous));
        found.machine_date = Some("2026-03-26T21:30:00-04:00".into());
        assert_eq!(choose_published(&found, &meta).0.as_deref(), Some("2026-03-26T21:30:00-04:00"));
    }
}
