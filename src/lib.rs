//! pith turns news web pages into clean article JSON.
//!
//! The library is the product; the `pith` binary is a thin front end. The pipeline, one
//! module per stage:
//!
//! `decode` (bytes → text) → `parse` (html5ever via `scraper`) → [`metadata`] → `clean`
//! (site rules from [`config`], then general heuristics; every removal recorded) →
//! `profile` / `generic` (main content and fields) → [`article`] (the serde model) →
//! [`render`] (JSON, JSON Lines, Markdown, text).
//!
//! ```
//! let extractor = pith::Extractor::default();
//! let page = b"<html><body><article><h1>Hello</h1><p>A first paragraph with enough words to read.</p></article></body></html>";
//! let article = extractor.extract(page, &pith::ExtractOptions::new("page.html")).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Hello"));
//! assert_eq!(article.text, "A first paragraph with enough words to read.");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod batch;
mod blocks;
mod clean;
pub mod config;
mod decode;
mod dom;
pub mod error;
pub mod eval;
mod extract;
pub mod fetch;
mod generic;
mod guard;
mod limits;
pub mod metadata;
mod prefilter;
mod profile;
pub mod render;
mod text;

use std::sync::Arc;

pub use article::{Article, ErrorKind, ErrorRecord, Record};
pub use config::{Config, FetchSpec};
pub use error::{ConfigError, ExtractError};
pub use extract::{DEFAULT_MAX_INPUT_BYTES, ExtractOptions};
pub(crate) use guard::{file_read_error, guarded};
pub use limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_TIME_BUDGET, Limits};

/// The pipeline's stages one at a time, for the benchmarks (`benches/stages.rs`) and
/// profilers. Not a stable API.
#[doc(hidden)]
pub mod stages {
    use std::borrow::Cow;

    use crate::limits::{self, Deadline, Limits};
    use crate::{Article, Config, ExtractError, ExtractOptions};

    /// Bytes to text (BOM, `<meta charset>`, detection), as `Extractor::extract` decodes.
    pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
        crate::decode::decode(bytes, None).text
    }

    /// The pre-filter: the page without script, style and SVG content and without the
    /// attributes neither pith nor `config`'s selectors read (nor, when `opts` has a URL and
    /// the page no site profile, those only profiles read).
    pub fn prefilter<'a>(config: &Config, html: &'a str, opts: &ExtractOptions) -> Cow<'a, str> {
        filtered(config, html, opts).text
    }

    /// Pre-filter and parse, within the default limits.
    pub fn parse(config: &Config, html: &str, opts: &ExtractOptions) -> Result<scraper::Html, ExtractError> {
        let limits = Limits::default();
        limits::parse_document(&filtered(config, html, opts), &limits, &Deadline::after(None))
    }

    /// The pre-filter's output, as `Extractor::extract` makes it.
    fn filtered<'a>(config: &Config, html: &'a str, opts: &ExtractOptions) -> crate::prefilter::Filtered<'a> {
        let known = crate::extract::profile_before_parse(config, opts, html);
        crate::extract::prefilter_page(config, html, known)
    }

    /// Everything after parsing: metadata, cleaning, extraction, the article. `html` is the
    /// decoded page `doc` was parsed from (with `opts`).
    pub fn extract_parsed(
        config: &Config,
        doc: scraper::Html,
        html: &str,
        opts: &ExtractOptions,
    ) -> Result<Article, ExtractError> {
        let known_profile = crate::extract::profile_before_parse(config, opts, html);
        let decoded =
            crate::extract::Decoded { html, encoding: encoding_rs::UTF_8, warnings: Vec::new(), known_profile };
        crate::extract::extract_parsed(config, doc, decoded, opts, &Deadline::after(None))
    }
}

/// Extracts articles with one compiled configuration and one set of [`Limits`]. Cheap to
/// clone and share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Arc<Config>,
    limits: Limits,
}

impl Default for Extractor {
    /// An extractor with the embedded default `config.toml` and the default limits.
    fn default() -> Self {
        Extractor { config: Arc::new(Config::default()), limits: Limits::default() }
    }
}

impl Extractor {
    /// An extractor with a compiled configuration and the default limits.
    pub fn new(config: Config) -> Self {
        Extractor { config: Arc::new(config), limits: Limits::default() }
    }

    /// The same extractor with other limits (a page's `ExtractOptions::limits` still wins).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits every page gets unless its options set others.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts the article of one page given as bytes (any encoding).
    pub fn extract(&self, bytes: &[u8], opts: &ExtractOptions) -> Result<Article, ExtractError> {
        extract::extract(&self.config, &self.limits, bytes, opts)
    }

    /// Extracts one page into an output record: the article, or an error record. Never
    /// panics: a panic (a bug) becomes an `internal` error record for the page, so that a run
    /// over many pages loses none.
    pub fn record(&self, bytes: &[u8], opts: &ExtractOptions) -> Record {
        guard::guarded(&opts.input, opts.url.as_deref(), || match self.extract(bytes, opts) {
            Ok(a) => Record::Article(Box::new(a)),
            Err(e) => Record::Error(ErrorRecord::new(opts.input.clone(), opts.url.clone(), e.kind(), e.to_string())),
        })
    }
}
