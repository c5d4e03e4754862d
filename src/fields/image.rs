//! `image`.

use url::Url;

use super::page_meta::PageMeta;
use super::sourced::{Chain, Sourced};
use crate::article::Image;
use crate::content::resolve_link;
use crate::parse::attributes::MetaKey;

/// `image`: the lead image the content stage found (a profile's, with its caption), else
/// `og:image`, `twitter:image` or JSON-LD's `image` (the first stated, resolved against the
/// page URL) with `og:image:alt`.
pub(crate) fn image(found: Option<&Image>, meta: &PageMeta, base: Option<&Url>) -> Option<Sourced<Image>> {
    let from_meta = || {
        Chain::new()
            .or("og:image", || meta.get(MetaKey::OgImage).map(str::to_string))
            .or("twitter:image", || meta.get(MetaKey::TwitterImage).map(str::to_string))
            .or("json-ld image", || meta.jsonld.as_ref().and_then(|j| j.image.clone()))
            .first()?
            .and_then(|u| resolve_link(&u, base))
            .map(|s| s.map(|url| Image { url, alt: meta.get(MetaKey::OgImageAlt).map(str::to_string), caption: None }))
    };
    match found {
        Some(image) => Some(Sourced::new(image.clone(), "profile:image")),
        None => from_meta(),
    }
}
