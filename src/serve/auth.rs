//! The bearer token: when the server has one, every request but the probes (`/healthz`,
//! `/readyz`) must carry `Authorization: Bearer <token>`, compared in constant time (the time
//! taken does not tell how much of a guess was right).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use super::body::drain_in_background;
use super::respond;
use super::state::Shared;

/// The middleware.
pub(crate) async fn require_token(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let Some(token) = &state.opts.token else { return next.run(req).await };
    if matches!(req.uri().path(), "/healthz" | "/readyz") || bearer_matches(&req, token) {
        return next.run(req).await;
    }
    drain_in_background(req.into_body(), state.opts.max_request_body, state.opts.read_timeout);
    let mut r = respond::problem(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "missing or wrong token: send Authorization: Bearer <token>",
    );
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    r
}

/// Whether the request's `Authorization` header is `Bearer <token>` (the scheme in any case).
fn bearer_matches(req: &Request, token: &str) -> bool {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else { return false };
    let value = value.as_bytes();
    let Some(space) = value.iter().position(|&b| b == b' ') else { return false };
    let (scheme, given) = (&value[..space], value[space + 1..].trim_ascii());
    scheme.eq_ignore_ascii_case(b"bearer") && bool::from(given.ct_eq(token.as_bytes()))
}
