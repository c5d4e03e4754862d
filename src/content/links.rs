//! Link targets in the body and the fields: an `href` (or `src`) resolved against the page
//! URL, or nothing when it cannot be made absolute or is not a place to go.

use url::Url;

/// Resolves an `href` against the page URL: an absolute URL, or `None` for scripts, data,
/// same-page anchors, and relative references when the page URL is not known.
pub fn resolve_link(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:") {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => base.and_then(|b| b.join(href).ok()).map(|u| u.to_string()),
    }
}
