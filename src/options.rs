//! Per-page options: what the caller knows of a page besides its bytes.

use crate::error::PageUrlError;
use crate::limits::Limits;

/// Checks that `value` can be a page's URL (`ExtractOptions::url`): an absolute `http` or
/// `https` URL with a host, the only kind links can be resolved against. The command line's
/// `--url`, the service's `url` and the Python package's `url` are checked with it; each words
/// its own message around the reason.
pub fn check_page_url(value: &str) -> Result<(), PageUrlError> {
    match url::Url::parse(value) {
        Ok(u) if !matches!(u.scheme(), "http" | "https") => {
            Err(PageUrlError::Scheme { scheme: u.scheme().to_string() })
        }
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Err(PageUrlError::NoHost),
        Ok(_) => Ok(()),
        Err(url::ParseError::RelativeUrlWithoutBase) => Err(PageUrlError::NotAbsolute),
        Err(e) => Err(PageUrlError::Invalid { reason: e.to_string() }),
    }
}

/// Per-page options.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// The `input` of the record: a path, `-`, a URL, an id.
    pub input: String,
    /// The page URL (`--url`, or the final URL after a fetch).
    pub url: Option<String>,
    /// Record removals in `removed` and where each field came from in `sources`.
    pub explain: bool,
    /// HTTP `Content-Type` when fetched (its charset is used for decoding).
    pub content_type: Option<String>,
    /// HTTP status when fetched.
    pub http_status: Option<u16>,
    /// RFC 3339 time of the fetch.
    pub fetched_at: Option<String>,
    /// Limits for this page, instead of the extractor's.
    pub limits: Option<Limits>,
}

impl ExtractOptions {
    /// Options for an input name.
    pub fn new(input: impl Into<String>) -> Self {
        ExtractOptions { input: input.into(), ..Default::default() }
    }

    /// Sets the page URL.
    pub fn with_url(mut self, url: Option<String>) -> Self {
        self.url = url;
        self
    }

    /// Turns `--explain` on or off.
    pub fn with_explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// Sets the HTTP `Content-Type` of a fetched page (its charset decodes the bytes).
    pub fn with_content_type(mut self, content_type: Option<String>) -> Self {
        self.content_type = content_type;
        self
    }

    /// Sets the HTTP status of a fetched page.
    pub fn with_http_status(mut self, status: Option<u16>) -> Self {
        self.http_status = status;
        self
    }

    /// Sets the RFC 3339 time of the fetch.
    pub fn with_fetched_at(mut self, fetched_at: Option<String>) -> Self {
        self.fetched_at = fetched_at;
        self
    }

    /// Sets limits for this page, instead of the extractor's (`None`: the extractor's).
    pub fn with_limits(mut self, limits: Option<Limits>) -> Self {
        self.limits = limits;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_are_absolute_http_with_a_host() {
        assert_eq!(check_page_url("https://example.com/a/b?c=1"), Ok(()));
        assert_eq!(check_page_url("http://127.0.0.1:8080/"), Ok(()));
        for bad in ["not a url", "", "/relative", "story.html"] {
            assert_eq!(check_page_url(bad), Err(PageUrlError::NotAbsolute), "{bad}");
        }
        assert_eq!(check_page_url("http://"), Err(PageUrlError::Invalid { reason: "empty host".into() }));
        assert_eq!(check_page_url("javascript:alert(1)"), Err(PageUrlError::Scheme { scheme: "javascript".into() }));
        assert_eq!(check_page_url("file:///etc/passwd"), Err(PageUrlError::Scheme { scheme: "file".into() }));
        assert_eq!(check_page_url("ftp://x/y").unwrap_err().to_string(), "its scheme is \"ftp\"");
        assert!(matches!(check_page_url("http://x:99999/"), Err(PageUrlError::Invalid { .. })));
    }
}
