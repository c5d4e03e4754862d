//! Fetching pages over HTTP, politely, robustly and safely with URLs from someone else.
//!
//! - [`Fetcher`] fetches one URL: the address policy (public addresses only unless allowed,
//!   checked on the address connected to), robots.txt by RFC 9309 once per origin (rules and
//!   Crawl-delay, a bounded cache), one request at a time per host spaced by the rate limit,
//!   a global limit across hosts, redirects (limit and loop detection, each hop checked and
//!   polite, credentials never forwarded), retries with exponential backoff and jitter on
//!   connect errors and HTTP 429/502/503/504 honouring `Retry-After`, a timeout per request,
//!   a body cap on the wire and after decompression, HTML/XHTML only.
//! - [`FetchOptions`] holds the settings; the `[fetch]` table of `config.toml`
//!   ([`FetchSpec`](crate::FetchSpec)) sets them from a file.
//! - Many URLs at once, in order and with bounded memory, are `crate::batch::fetch_urls`.
//!
//! Failures are [`FetchError`]s, which map onto the contract's error kinds (`http_status`,
//! `timeout`, `connect`, `tls`, `blocked`, `too_many_redirects`, `robots_denied`, `not_html`,
//! `too_large`, `io`, `decode`, …). `docs/fetching.md` describes the behaviour in full.
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
mod policy;
mod robots;
mod timing;
mod urls;

pub use client::{Fetcher, MAX_CRAWL_DELAY, Page};
pub use error::{FetchError, FetchFailure};
pub use options::{DEFAULT_MAX_BODY_BYTES, FetchOptions, default_user_agent};
pub use policy::{AddressClass, Blocked, PolicySpec};
pub use urls::{MAX_URL_BYTES, redact_userinfo};

pub(crate) use urls::parse_url;
