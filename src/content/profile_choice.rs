//! Which site profile a page gets, and when that is known: before the parse when the page's
//! URL is given (its host, or the page's markers), else after it (the page's own canonical
//! URL, or its markers).

use url::Url;

use crate::config::{Config, Profile};

/// The site profile of a page as far as it is known.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ProfileChoice<'c> {
    /// Not known yet: no page URL was given, so the page's own canonical URL, read after the
    /// parse, may select one.
    Undecided,
    /// No profile applies.
    NoProfile,
    /// This profile applies.
    Profile(&'c Profile),
}

impl<'c> ProfileChoice<'c> {
    /// What is known before parsing: with a page URL given, the profile its host or the page's
    /// markers select (or none); without one, nothing yet.
    pub(crate) fn before_parse(config: &'c Config, url: Option<&str>, html: &str) -> ProfileChoice<'c> {
        let Some(url) = url.and_then(|u| Url::parse(u.trim()).ok()) else { return ProfileChoice::Undecided };
        match config.profiles.iter().find(|p| p.matches(url.host_str(), html)) {
            Some(p) => ProfileChoice::Profile(p),
            None => ProfileChoice::NoProfile,
        }
    }

    /// Whether the page may still get a profile (the pre-filter keeps the attributes only
    /// profiles read unless it cannot).
    pub(crate) fn may_have_profile(self) -> bool {
        !matches!(self, ProfileChoice::NoProfile)
    }

    /// The profile, once the page's URL is known (`host`: the given URL's host, else that of
    /// the page's own canonical URL): decided before the parse, or now by `host` and markers.
    pub(crate) fn after_parse(self, config: &'c Config, host: Option<&str>, html: &str) -> Option<&'c Profile> {
        match self {
            ProfileChoice::Profile(p) => Some(p),
            ProfileChoice::NoProfile => None,
            ProfileChoice::Undecided => config.profiles.iter().find(|p| p.matches(host, html)),
        }
    }
}
