//! The article: every output field chosen by its function, in the order they depend on one
//! another, and the warnings the choices raise.

use encoding_rs::Encoding;

use super::page_meta::PageMeta;
use super::sourced::value;
use super::urls::PageUrls;
use super::{authors, body, dates, image, language, profile_rules, site, title, topics, urls};
use crate::article::{Article, ExtractorInfo, OkStatus, SCHEMA_VERSION, Site, Source, Warning, WarningCode};
use crate::config::Profile;
use crate::content::{Cleaner, Content};
use crate::options::ExtractOptions;

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
    /// The page's URLs.
    pub(crate) urls: &'a PageUrls,
    /// The page's site profile.
    pub(crate) profile: Option<&'c Profile>,
    /// What the content stage found.
    pub(crate) content: Content<'c>,
    /// The cleaner, with the removals it recorded.
    pub(crate) cleaner: Cleaner,
}

/// The article of a page.
pub(crate) fn article(parts: Parts<'_, '_>) -> Article {
    let Parts { opts, encoding, mut warnings, meta, urls: page_urls, profile, content, cleaner } = parts;
    let Content { method, fell_back, found, body } = content;
    if let Some(p) = fell_back {
        warnings.push(Warning {
            code: WarningCode::ProfileFellBack,
            message: format!("the {} profile found no article body; the general extractor was used", p.name),
        });
    }
    let base = page_urls.page();
    let site_name = value(site::site_name(profile, page_urls.host(), meta));
    let title = value(title::title(found.title.as_deref(), meta, site_name.as_deref()));
    if title.is_none() {
        warnings.push(Warning { code: WarningCode::NoTitle, message: "no headline found".into() });
    }
    let url = value(urls::url(page_urls));
    let canonical_url = value(urls::canonical_url(page_urls, meta));
    let authors = authors::authors(&found.authors, meta, base).value;
    let (published, date_warning) =
        dates::published(found.visible_date.as_deref(), found.machine_date.as_deref(), meta);
    warnings.extend(date_warning);
    let modified = value(dates::modified(meta));
    let description = value(title::description(meta));
    let categories = topics::categories(&found.categories, meta).value;
    let tags = topics::tags(meta).value;
    let page_type = profile_rules::page_type(profile, base, title.as_deref(), &body).value;
    let source_id = value(profile_rules::source_id(profile, base));
    let image = value(image::image(found.image.as_ref(), meta, base));
    let (body, short_body) = body::body(body);
    warnings.extend(short_body);
    let language = value(language::language(meta, &body.text));

    Article {
        schema_version: SCHEMA_VERSION,
        status: OkStatus::Ok,
        input: opts.input.clone(),
        url,
        canonical_url,
        site: Site { name: site_name, host: page_urls.host().map(str::to_string) },
        profile: profile.map_or_else(|| "generic".to_string(), |p| p.name.clone()),
        page_type: Some(page_type),
        source_id,
        title,
        subtitle: found.subtitle,
        authors,
        contributors: found.contributors,
        published: value(published),
        modified,
        categories,
        tags,
        description,
        language,
        image,
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
        warnings,
        extractor: ExtractorInfo { name: "pith".into(), version: env!("CARGO_PKG_VERSION").into(), method },
    }
}
