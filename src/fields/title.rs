//! `title`, `subtitle` and `description`.

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use super::titles::strip_site_affix;
use super::visible::Visible;
use crate::parse::attributes::MetaKey;

/// `title`: a site profile's headline (`profile_headline`), else the title by consensus of
/// the page's headline elements and metadata titles (`visible`, see `titles::choose`), else
/// the headline the general extractor found, else `og:title`, JSON-LD `headline`,
/// `twitter:title`, `<title>` without its site affix.
pub(crate) fn title(
    profile_headline: Option<&str>,
    visible: &Visible,
    headline: Option<&str>,
    meta: &PageMeta,
    site_name: Option<&str>,
) -> Option<Sourced<String>> {
    let strip = |t: &str| strip_site_affix(t, site_name, None);
    if let Some(h) = profile_headline {
        return Some(Sourced::new(h.to_string(), "profile:title"));
    }
    visible.title.as_ref().map(|c| Sourced::new(c.text.clone(), c.source)).or_else(|| {
        Chain::new()
            .or("headline", || headline.map(str::to_string))
            .or("og:title", || meta.get(MetaKey::OgTitle).map(strip))
            .or("json-ld:headline", || meta.jsonld.as_ref().and_then(|j| j.headline.as_deref()).map(strip))
            .or("twitter:title", || meta.get(MetaKey::TwitterTitle).map(strip))
            .or("title", || meta.title.as_deref().map(strip))
            .first()
    })
}

/// `subtitle`: a site profile's deck, else the deck under the headline (`visible`: classed as
/// one, or repeating the description).
pub(crate) fn subtitle(profile_deck: Option<&str>, visible: &Visible) -> Option<Sourced<String>> {
    Chain::new()
        .or("profile:subtitle", || profile_deck.map(str::to_string))
        .first()
        .or_else(|| visible.deck.as_ref().map(|(text, source)| Sourced::new(text.clone(), source)))
}

/// `description`: the `description` meta, else `og:description`, `twitter:description`,
/// `dc.description`, `dcterms.description`, JSON-LD's `description` (the first non-empty).
pub(crate) fn description(meta: &PageMeta) -> Option<Sourced<String>> {
    Chain::new()
        .or("meta:description", || meta.get(MetaKey::Description).map(str::to_string))
        .or("meta:og:description", || meta.get(MetaKey::OgDescription).map(str::to_string))
        .or("meta:twitter:description", || meta.get(MetaKey::TwitterDescription).map(str::to_string))
        .or("meta:dc.description", || meta.get(MetaKey::DcDescription).map(str::to_string))
        .or("meta:dcterms.description", || meta.get(MetaKey::DctermsDescription).map(str::to_string))
        .or("json-ld:description", || meta.jsonld.as_ref().and_then(|j| j.description.clone()))
        .first()
}
