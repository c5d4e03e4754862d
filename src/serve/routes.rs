//! The router and the layers around it, outermost first: request ids, logs and the request
//! counter (`observe`); panics outside an extraction as a 500 `internal` record; CORS (when
//! origins are configured; outside the token, so that preflights pass); the token.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tracing::Instrument;

use super::respond::{self, PITH_STATUS};
use super::state::Shared;
use super::{auth, batch, extract};
use crate::ErrorKind;

/// `X-Request-Id`: taken from the request when it is a short printable word, else made up.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The service's router.
pub(crate) fn router(state: Shared) -> Router {
    let mut router = Router::new()
        .route("/v1/extract", get(extract::get).post(extract::post))
        .route("/v1/batch", post(batch::post))
        .route("/v1/schema", get(schema))
        .route("/v1/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), auth::require_token));
    if let Some(cors) = cors(&state.opts.cors) {
        router = router.layer(cors);
    }
    router
        .layer(CatchPanicLayer::custom(|_| {
            respond::error_record(
                StatusCode::INTERNAL_SERVER_ERROR,
                "-",
                None,
                ErrorKind::Internal,
                "internal error: the request handler panicked (a bug; please report it)",
            )
        }))
        .layer(from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .expose_headers([REQUEST_ID, PITH_STATUS, header::RETRY_AFTER]),
    )
}

/// Request ids, one log line per request, the request counter.
async fn observe(State(state): State<Shared>, req: Request, next: Next) -> Response {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.as_bytes().iter().all(u8::is_ascii_graphic))
        .cloned()
        .unwrap_or_else(|| {
            let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
            HeaderValue::from_str(&format!("{}-{n}", state.id_prefix)).unwrap_or(HeaderValue::from_static("-"))
        });
    let route = req.extensions().get::<MatchedPath>().map_or("other", |p| p.as_str()).to_string();
    let method = req.method().clone();
    let started = Instant::now();
    let span = tracing::info_span!("request", id = id.to_str().unwrap_or("-"));
    let mut response = next.run(req).instrument(span.clone()).await;
    let status = response.status().as_u16();
    state.metrics.request(&route, status);
    tracing::info!(
        parent: &span,
        method = %method,
        route = %route,
        status,
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "answered"
    );
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

async fn schema() -> Response {
    ([(header::CONTENT_TYPE, "application/schema+json")], crate::render::json_schema()).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], super::openapi::openapi_json()).into_response()
}

async fn healthz() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], "{\"status\":\"alive\"}\n").into_response()
}

async fn readyz(State(state): State<Shared>) -> Response {
    if state.shutting_down.load(Ordering::Relaxed) {
        return respond::shutting_down();
    }
    if state.admission.is_full() {
        return respond::overloaded();
    }
    ([(header::CONTENT_TYPE, "application/json")], "{\"status\":\"ready\"}\n").into_response()
}

async fn metrics(State(state): State<Shared>) -> Response {
    let text = state.metrics.render(&state.gauges());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
}

async fn not_found(method: Method) -> Response {
    let _ = method;
    respond::problem(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such route: see GET /v1/openapi.json (POST /v1/extract, GET /v1/extract?url=, POST /v1/batch, …)",
    )
}
