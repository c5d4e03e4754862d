//! pith turns news web pages into clean article JSON.
//!
//! The library is the product; the `pith` binary is a thin front end. An [`Extractor`] holds
//! the compiled [`Config`] (site profiles as data) and the [`Limits`]; it turns the bytes of
//! one page and its [`ExtractOptions`] into an [`Article`] (or an [`ExtractError`]), or into a
//! [`Record`] (the article or an [`ErrorRecord`], as the output contract has them). The
//! [`render`] functions write records as JSON, JSON Lines, Markdown or text, and give the
//! JSON Schema of the output.
//!
//! ```
//! use pith::{Block, Config, ExtractOptions, Extractor, Record, render};
//!
//! let page = br#"<html><head><title>Harbour news</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Ferry timetable changes</h1><p class="by">By Morag Finlay</p>
//!   <p>The island ferry will run four crossings a day from November, the harbour board said.</p>
//!   <p>The change follows a fall in winter passenger numbers and will be reviewed in March.</p>
//!   </article></body></html>"#;
//! let opts = ExtractOptions::new("ferry.html").with_url(Some("https://news.example.org/ferry".into()));
//!
//! // One extractor serves every page (clone it or share it across threads).
//! let extractor = Extractor::default();
//! let article = extractor.extract(page, &opts)?;
//! assert_eq!(article.title.as_deref(), Some("Ferry timetable changes"));
//! assert!(article.text.starts_with("The island ferry will run"));
//! assert!(matches!(&article.blocks[0], Block::Paragraph { .. }));
//!
//! // A record is what `pith extract` prints: the article, or an error record.
//! let record = extractor.record(b"", &ExtractOptions::new("empty.html"));
//! assert!(matches!(&record, Record::Error(e) if e.error.kind == pith::ErrorKind::Empty));
//! assert!(render::json_line(&record).starts_with(r#"{"schema_version":1,"status":"error""#));
//!
//! // Site profiles are data: a user's TOML is layered over the built-in `config.toml`.
//! let config = Config::default_with_overrides(r#"
//!     [[profile]]
//!     name = "harbour"
//!     hosts = ['(^|\.)news\.example\.org$']
//!     [profile.title]
//!     selectors = ["article h1"]
//! "#)?;
//! let article = Extractor::new(config).extract(page, &opts)?;
//! assert_eq!(article.profile, "harbour");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pipeline, one module per stage (`pipeline` runs them in order): `parse` (decode,
//! pre-filter, parse with html5ever within the limits) → page metadata → headline → `content`
//! (cleaning: the site profile's rules, then general heuristics, every removal recorded, see
//! [`ExtractOptions::with_explain`]; main content by a site profile or the general extractor)
//! → `fields` (one function per output field) → [`Article`] (the serde model) → [`render`].
//!
//! # Features
//!
//! The core above needs none: `default-features = false` builds it without an HTTP client,
//! an async runtime or a command line. The layers:
//!
//! - `fetch`: `pith::fetch`, polite HTTP(S) fetching (reqwest, rustls, tokio), robots.txt;
//! - `batch` (with `fetch`): `pith::batch`, directories, gzip pages, WARC files, URL lists and the
//!   `filter` JSON Lines stream, in order, on all cores, resumable;
//! - `serve` (with `fetch`, `batch`): `pith::serve`, the HTTP service of `pith serve` (axum on
//!   tokio): extraction of posted pages, fetched URLs and `filter` line streams;
//! - `eval`: `pith::eval`, the benchmarks' own metrics and the runner of `pith eval`;
//! - `cli` (default; all of the above): the `pith` binary.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod article;
#[cfg(feature = "batch")]
pub mod batch;
mod config;
mod content;
mod dom;
mod error;
#[cfg(feature = "eval")]
pub mod eval;
#[cfg(feature = "fetch")]
pub mod fetch;
mod fields;
mod guard;
mod limits;
mod matching;
mod options;
mod parse;
mod pipeline;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod terminal;
mod text;

use std::sync::Arc;

/// The README's Rust examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use article::{
    Article, Author, Block, Contributor, ErrorInfo, ErrorKind, ErrorRecord, ErrorStatus, ExtractorInfo, Image, Link,
    ListEntry, Method, OkStatus, PageType, Record, Removal, RemovalKind, SCHEMA_VERSION, Site, Source, Span, SpanKind,
    Warning, WarningCode,
};
pub use config::{Config, DEFAULT_CONFIG_TOML, FetchSpec, ServeSpec, parse_byte_size};
pub use error::{ConfigError, ExtractError, PageUrlError};
#[cfg(feature = "batch")]
pub(crate) use guard::{file_read_error, guarded};
pub use limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_NODES, DEFAULT_TIME_BUDGET, Limits};
pub use options::{ExtractOptions, check_page_url};

/// The pipeline's stages one at a time, for the benchmarks (`benches/stages.rs`) and the
/// profiling harnesses (`tools/perf`): the functions `Extractor::extract` runs (`pipeline`),
/// called one by one. Not a stable API.
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
