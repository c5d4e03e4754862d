//! Per-page options: what the caller knows of a page besides its bytes.

use crate::limits::Limits;

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
