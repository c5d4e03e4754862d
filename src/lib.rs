//! pith turns news web pages into clean article JSON.
//!
//! The library is the product; the `pith` binary is a thin front end. The pipeline, one
//! module per stage (`pipeline` runs them in order):
//!
//! `parse` (decode, pre-filter, parse with html5ever into `scraper`'s tree) → page metadata →
//! headline → `content` (cleaning: site rules from [`config`], then general heuristics, every
//! removal recorded; main content by a site profile or the general extractor) → `fields` (one
//! function per output field) → [`article`] (the serde model) → [`render`] (JSON, JSON Lines,
//! Markdown, text).
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
pub mod config;
mod content;
mod dom;
pub mod error;
pub mod eval;
pub mod fetch;
mod fields;
mod limits;
mod matching;
mod options;
mod parse;
mod pipeline;
pub mod render;
mod text;

use std::sync::Arc;

pub use article::{Article, ErrorKind, ErrorRecord, Record};
pub use config::Config;
pub use error::{ConfigError, ExtractError};
pub use limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_NODES, DEFAULT_TIME_BUDGET, Limits};
pub use options::ExtractOptions;

/// The pipeline's stages one at a time, for the benchmarks (`benches/stages.rs`) and
/// profilers: the functions `Extractor::extract` runs (`pipeline`), called one by one. Not a
/// stable API.
#[doc(hidden)]
pub mod stages {
    use std::borrow::Cow;

    use crate::content::ProfileChoice;
    use crate::limits::{Deadline, Limits};
    use crate::pipeline::{self, Page};
    use crate::{Article, Config, ExtractError, ExtractOptions};

    /// Bytes to text (BOM, `<meta charset>`, detection): the decoder of the decode stage,
    /// without its input checks.
    pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
        crate::parse::decode::decode(bytes, None).text
    }

    /// The pre-filter: the page without script, style and SVG content and without the
    /// attributes neither pith nor `config`'s selectors read (nor, when `opts` has a URL and
    /// the page no site profile, those only profiles read).
    pub fn prefilter<'a>(config: &Config, html: &'a str, opts: &ExtractOptions) -> Cow<'a, str> {
        pipeline::prefilter(config, html, profile(config, html, opts)).text
    }

    /// Pre-filter and parse, within the default limits.
    pub fn parse(config: &Config, html: &str, opts: &ExtractOptions) -> Result<scraper::Html, ExtractError> {
        pipeline::parse(config, html, profile(config, html, opts), &Limits::default(), &Deadline::after(None))
    }

    /// Everything after parsing: metadata, cleaning, extraction, the article. `html` is the
    /// decoded page `doc` was parsed from (with `opts`).
    pub fn extract_parsed(
        config: &Config,
        doc: scraper::Html,
        html: &str,
        opts: &ExtractOptions,
    ) -> Result<Article, ExtractError> {
        let page =
            Page { html, encoding: encoding_rs::UTF_8, warnings: Vec::new(), profile: profile(config, html, opts) };
        pipeline::after_parse(config, doc, page, opts, &Deadline::after(None))
    }

    /// The site profile as far as it is known before parsing.
    fn profile<'c>(config: &'c Config, html: &str, opts: &ExtractOptions) -> ProfileChoice<'c> {
        ProfileChoice::before_parse(config, opts.url.as_deref(), html)
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
        pipeline::extract(&self.config, &self.limits, bytes, opts)
    }

    /// Extracts one page into an output record: the article, or an error record.
    pub fn record(&self, bytes: &[u8], opts: &ExtractOptions) -> Record {
        match self.extract(bytes, opts) {
            Ok(a) => Record::Article(Box::new(a)),
            Err(e) => Record::Error(ErrorRecord::new(opts.input.clone(), opts.url.clone(), e.kind(), e.to_string())),
        }
    }
}
