//! `language`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::parse::attributes::MetaKey;
use crate::text;

/// How much of the body language detection reads (characters).
const DETECTION_SAMPLE_CHARS: usize = 4000;
/// Shortest sample (bytes) whose detected language is trusted.
const DETECTION_MIN_BYTES: usize = 40;

/// `language`: `<html lang>`, else the `content-language` meta, else `og:locale`, else
/// JSON-LD's `inLanguage` (each tried in turn until one is a language tag), else detection
/// from the body text when it is reliable.
pub(crate) fn language(meta: &PageMeta, body: &str) -> Option<Sourced<String>> {
    Chain::new()
        .or("html lang", || meta.html_lang.as_deref().and_then(text::normalize_lang))
        .or("content-language", || meta.get(MetaKey::ContentLanguage).and_then(text::normalize_lang))
        .or("og:locale", || meta.get(MetaKey::OgLocale).and_then(text::normalize_lang))
        .or("json-ld inLanguage", || {
            meta.jsonld.as_ref().and_then(|j| j.language.as_deref()).and_then(text::normalize_lang)
        })
        .or("detected", || {
            let sample: String = body.chars().take(DETECTION_SAMPLE_CHARS).collect();
            let info = whatlang::detect(&sample)?;
            (info.is_reliable() && sample.len() >= DETECTION_MIN_BYTES)
                .then(|| text::iso639_1(info.lang().code()).to_string())
        })
        .first()
}
