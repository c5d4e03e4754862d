//! Fetching pages over HTTP, politely and robustly (issue 4).
//!
//! - [`Fetcher`] fetches one URL: robots.txt once per origin (rules and Crawl-delay), one
//!   request at a time per host spaced by the rate limit, a global limit across hosts,
//!   redirects (limit and loop detection, each hop polite), retries with exponential backoff
//!   and jitter on connect errors and HTTP 429/502/503/504 honouring `Retry-After`, a timeout
//!   per request, a body cap on the wire and after decompression, HTML/XHTML only.
//! - [`run`] / [`run_blocking`] fetch and extract many URLs concurrently, one worker per host,
//!   and hand back one [`Record`](crate::Record) per URL in input order.
//! - [`FetchOptions`] holds the settings; the `[fetch]` table of `config.toml`
//!   ([`FetchSpec`](crate::FetchSpec)) sets them from a file.
//!
//! Failures are [`FetchError`]s, which map onto the contract's error kinds (`http_status`,
//! `timeout`, `connect`, `tls`, `too_many_redirects`, `robots_denied`, `not_html`,
//! `too_large`, …). `docs/fetching.md` describes the behaviour in full.
//!
//! ```no_run
//! # async fn demo() {
//! let fetcher = pith::fetch::Fetcher::new(pith::fetch::FetchOptions::default()).unwrap();
//! let page = fetcher.fetch("https://www.bankinfosecurity.com/some-story-a-15003").await.unwrap();
//! let record = pith::Extractor::default().record(&page.body, &page.extract_options(page.url.clone()));
//! # }
//! ```

mod client;
mod error;
mod options;
mod progress;
mod run;
mod timing;

pub use client::{Fetcher, MAX_CRAWL_DELAY, Page};
pub use error::{FetchError, FetchFailure};
pub use options::{DEFAULT_MAX_BODY_BYTES, FetchOptions, default_user_agent};
pub use run::{RunOptions, Summary, read_url_list, run, run_blocking};
