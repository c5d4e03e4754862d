//! `published` and `modified`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::article::{Warning, WarningCode};
use crate::parse::attributes::MetaKey;
use crate::text;

/// `published`: the visible byline date wins on the day; a machine-readable date-time of the
/// same day adds the time and offset the page states. The machine-readable date: a `<time
/// datetime>` the content stage found, else JSON-LD's `datePublished`, else the
/// `article:published_time`, `og:published_time` or `date` meta (each tried in turn until
/// one is a valid date). With a visible date and a machine one of another day, the visible
/// one and a `date_ambiguous` warning.
pub(crate) fn published(
    visible_date: Option<&str>,
    machine_date: Option<&str>,
    meta: &PageMeta,
) -> (Option<Sourced<String>>, Option<Warning>) {
    let machine = Chain::new()
        .or("byline time", || machine_date.map(str::to_string))
        .or("json-ld datePublished", || {
            meta.jsonld.as_ref().and_then(|j| j.date_published.as_deref()).and_then(text::iso_datetime)
        })
        .or("article:published_time", || meta.get(MetaKey::ArticlePublishedTime).and_then(text::iso_datetime))
        .or("og:published_time", || meta.get(MetaKey::OgPublishedTime).and_then(text::iso_datetime))
        .or("date meta", || meta.get(MetaKey::Date).and_then(text::iso_datetime))
        .first();
    match (visible_date, machine) {
        (Some(v), Some(m)) if m.value.starts_with(v) => (Some(m), None),
        (Some(v), Some(m)) => (
            Some(Sourced::new(v.to_string(), "byline")),
            Some(Warning {
                code: WarningCode::DateAmbiguous,
                message: format!("the byline says {v} but the metadata says {}; the byline wins", m.value),
            }),
        ),
        (Some(v), None) => (Some(Sourced::new(v.to_string(), "byline")), None),
        (None, m) => (m, None),
    }
}

/// `modified`: JSON-LD's `dateModified`, else the `article:modified_time` meta, else
/// `og:updated_time`; the first stated, as an ISO date (none when it is not one).
pub(crate) fn modified(meta: &PageMeta) -> Option<Sourced<String>> {
    Chain::new()
        .or("json-ld dateModified", || meta.jsonld.as_ref().and_then(|j| j.date_modified.as_deref()))
        .or("article:modified_time", || meta.get(MetaKey::ArticleModifiedTime))
        .or("og:updated_time", || meta.get(MetaKey::OgUpdatedTime))
        .first()
        .and_then(|d| d.and_then(text::iso_datetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_byline_date_wins_and_same_day_metadata_adds_the_time() {
        let meta = PageMeta::default();
        let (published_date, warning) = published(Some("2026-03-26"), Some("2026-03-27T01:30:00Z"), &meta);
        assert_eq!(published_date.map(|p| p.value).as_deref(), Some("2026-03-26"));
        assert_eq!(warning.map(|w| w.code), Some(WarningCode::DateAmbiguous));
        let same_day = published(Some("2026-03-26"), Some("2026-03-26T21:30:00-04:00"), &meta).0;
        assert_eq!(same_day.map(|p| p.value).as_deref(), Some("2026-03-26T21:30:00-04:00"));
    }
}
