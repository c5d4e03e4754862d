//! `pith serve`: the extraction service, an HTTP layer over the core, the fetcher and the
//! `filter` line format.
//!
//! - `routes`: the router: `POST /v1/extract` (a page as the body), `GET /v1/extract?url=`
//!   (through the shared [`Fetcher`](crate::fetch::Fetcher)), `POST /v1/batch` (`filter` lines
//!   in, record lines out, streamed), `/v1/schema`, `/v1/openapi.json`, `/healthz`, `/readyz`,
//!   `/metrics`; and the layers around them (request ids and logs, CORS, the token, panics);
//! - `extract` and `batch`: the work routes; `query`: their options (named like the CLI flags);
//! - `admission`: `max_in_flight` extraction slots on blocking threads and a short bounded
//!   queue, then 503; `body`: request bodies read within the size and time limits, drained
//!   before an early answer, split into lines for batches;
//! - `respond`: records as responses (any format) and the answers that are not records;
//! - `auth`: the bearer token (constant-time comparison); `metrics`: Prometheus text;
//! - `openapi`: the OpenAPI document (committed as `schema/openapi.json`);
//! - `server`: the listener, hyper's connections with their timeouts, graceful shutdown;
//!   `config`: [`ServeOptions`] from the `[serve]` table; `logging`: `tracing` to stderr.
//!
//! Whenever pith makes a record (an article or an error record) the answer is that record with
//! HTTP 200: clients read `status`. `docs/service.md` is the user's guide.

mod admission;
mod auth;
mod batch;
mod body;
mod config;
mod extract;
mod logging;
mod metrics;
mod openapi;
mod query;
mod respond;
mod routes;
mod server;
mod state;

pub use config::{LogFormat, ServeOptions, TestHook, limits_from_spec, read_token_file};
pub use logging::init_logging;
pub use openapi::openapi_json;
pub use server::{Server, run};

/// `Ok` for `*` or an origin as browsers send it (`https://app.example.com`); else why not.
pub fn check_origin(origin: &str) -> Result<(), String> {
    crate::config::check_origin(origin)
}
