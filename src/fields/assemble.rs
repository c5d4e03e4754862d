//! The article: every output field chosen by its function, in the order they depend on one
//! another, and the warnings the choices raise.

use encoding_rs::Encoding;

use super::dates::{self, DateInputs};
use super::page_meta::PageMeta;
use super::sourced::{Sourced, value};
use super::urls::PageUrls;
use super::visible::Visible;
use super::visible_date::NumericOrder;
use super::{authors, body, image, language, page_type, paywall, profile_rules, site, title, topics, urls};
use crate::article::{
    Article, ExtractorInfo, Method, OkStatus, SCHEMA_VERSION, Site, Source, Sources, Warning, WarningCode,
};
use crate::config::Profile;
use crate::content::{Cleaner, Content};
use crate::options::ExtractOptions;
use crate::parse::attributes::MetaKey;

/// What the article is made of.
pub(crate) struct Parts<'a, 'c> {
    /// The page's options.
    pub(crate) opts: &'a ExtractOptions,
    /// The encoding the page was decoded with.
    pub(crate) encoding: &'static Encoding,
    /// Warnings so far (decoding).
    pub(crate) warnings: Vec<Warning>,
    /// The page's metadata.
    pub(crate) meta: &'a PageMeta,
    /// What the page shows of its fields.
    pub(crate) visible: &'a Visible,
    /// The page's URLs.
    pub(crate) urls: &'a PageUrls,
    /// The page's site profile.
    pub(crate) profile: Option<&'c Profile>,
    /// What the content stage found.
    pub(crate) content: Content<'c>,
    /// The cleaner, with the removals it recorded.
    pub(crate) cleaner: Cleaner,
}

/// How the page's declared language writes all-numeric dates.
pub(crate) fn numeric_order(meta: &PageMeta) -> NumericOrder {
    meta.html_lang
        .as_deref()
        .or(meta.get(MetaKey::ContentLanguage))
        .or(meta.get(MetaKey::OgLocale))
        .map_or(NumericOrder::Unknown, NumericOrder::for_language)
}

/// The source name of a field.
fn source_of<T>(field: &Option<Sourced<T>>) -> Option<String> {
    field.as_ref().map(|f| f.source.to_string())
}

/// The source name of a list field, null when the list is empty.
fn list_source<T>(field: &Sourced<Vec<T>>) -> Option<String> {
    (!field.value.is_empty()).then(|| field.source.to_string())
}

/// The article of a page.
pub(crate) fn article(parts: Parts<'_, '_>) -> Article {
    let Parts { opts, encoding, mut warnings, meta, visible, urls: page_urls, profile, content, cleaner } = parts;
    let Content { method, fell_back, found, body } = content;
    if let Some(p) = fell_back {
        warnings.push(Warning {
            code: WarningCode::ProfileFellBack,
            message: format!("the {} profile found no article body; the general extractor was used", p.name),
        });
    }
    let base = page_urls.page();
    let site_name = site::site_name(profile, page_urls.host(), meta);
    let site_value = site_name.as_ref().map(|s| s.value.as_str());
    let (profile_headline, headline) = match method {
        Method::Profile => (found.title.as_deref(), None),
        Method::Generic => (None, found.title.as_deref()),
    };
    let title = title::title(profile_headline, visible, headline, meta, site_value);
    if title.is_none() {
        warnings.push(Warning { code: WarningCode::NoTitle, message: "no headline found".into() });
    }
    let subtitle = title::subtitle(found.subtitle.as_deref(), visible);
    let url = value(urls::url(page_urls));
    let canonical_url = urls::canonical_url(page_urls, meta);
    let (authors, byline_contributors) = authors::authors(&found.authors, meta, visible, site_value, base);
    let contributors = if found.contributors.is_empty() { byline_contributors } else { found.contributors };
    let date_inputs = DateInputs {
        profile_visible: found.visible_date.as_deref(),
        profile_machine: found.machine_date.as_deref(),
        visible,
        page_url: base,
        now: dates::now(opts.fetched_at.as_deref()),
        order: numeric_order(meta),
    };
    let (published, date_warning) = dates::published(meta, &date_inputs);
    warnings.extend(date_warning);
    let modified = dates::modified(meta, &date_inputs);
    let published = published.or_else(|| dates::published_from_modified(modified.as_ref()));
    let published_date = dates::published_date(published.as_ref());
    let description = title::description(meta);
    let categories = topics::categories(&found.categories, meta, visible, title.as_ref().map(|t| t.value.as_str()));
    let tags = topics::tags(meta, visible, profile.is_some());
    let page_type = match profile {
        Some(_) => profile_rules::page_type(profile, base, title.as_ref().map(|t| t.value.as_str()), &body),
        None => page_type::generic_page_type(meta, base, published.is_some() || !authors.value.is_empty()),
    }
    .value;
    let source_id = value(profile_rules::source_id(profile, base));
    let image = image::image(found.image.as_ref(), meta, base);
    let (body, short_body) = body::body(body);
    warnings.extend(short_body);
    warnings.extend(paywall::paywall_warning(meta, &body.blocks, &cleaner));
    let (language, language_warning) = language::language(meta, &body.text);
    warnings.extend(language_warning);

    let sources = opts.explain.then(|| Sources {
        site_name: source_of(&site_name),
        canonical_url: source_of(&canonical_url),
        title: source_of(&title),
        subtitle: source_of(&subtitle),
        authors: list_source(&authors),
        published: source_of(&published),
        modified: source_of(&modified),
        categories: list_source(&categories),
        tags: list_source(&tags),
        description: source_of(&description),
        language: source_of(&language),
        image: source_of(&image),
    });

    Article {
        schema_version: SCHEMA_VERSION,
        status: OkStatus::Ok,
        input: opts.input.clone(),
        url,
        canonical_url: value(canonical_url),
        site: Site { name: value(site_name), host: page_urls.host().map(str::to_string) },
        profile: profile.map_or_else(|| "generic".to_string(), |p| p.name.clone()),
        page_type: Some(page_type),
        source_id,
        title: value(title),
        subtitle: value(subtitle),
        authors: authors.value,
        contributors,
        published: value(published),
        published_date: value(published_date),
        modified: value(modified),
        categories: categories.value,
        tags: tags.value,
        description: value(description),
        language: value(language),
        image: value(image),
        notes: found.notes,
        blocks: body.blocks,
        text: body.text,
        links: body.links,
        word_count: body.word_count,
        source: Source {
            fetched_at: opts.fetched_at.clone(),
            http_status: opts.http_status,
            content_type: opts.content_type.clone(),
            encoding: Some(encoding.name().to_string()),
        },
        removed: opts.explain.then(|| cleaner.into_removed()),
        sources,
        warnings,
        extractor: ExtractorInfo { name: "pith".into(), version: env!("CARGO_PKG_VERSION").into(), method },
    }
}
