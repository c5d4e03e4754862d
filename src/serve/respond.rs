//! Answers: a record in the asked format (always HTTP 200: the client reads `status`, also in
//! the `Pith-Status` header), an error record with a 4xx/5xx status when the request itself
//! is wrong (400, 408, 413, 415, 500), and a small JSON problem object for answers that
//! concern no page (401, 404, 503).

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::query::{Format, Query};
use crate::{ErrorKind, ErrorRecord, Record, render};

/// `Pith-Status: ok|error`: the record's `status`, for clients that read headers first.
pub(crate) const PITH_STATUS: HeaderName = HeaderName::from_static("pith-status");

const JSON: &str = "application/json";

/// A record as the response to a work request.
pub(crate) fn record(record: &Record, q: &Query) -> Response {
    let (content_type, body) = match (q.format, record) {
        (Format::Markdown, Record::Article(a)) => {
            let mut doc = if q.front_matter { render::front_matter(a) + "\n" } else { String::new() };
            doc.push_str(&render::markdown(a));
            ("text/markdown; charset=utf-8", doc)
        }
        (Format::Text, Record::Article(a)) => ("text/plain; charset=utf-8", render::text(a)),
        (Format::Html, Record::Article(a)) => ("text/html; charset=utf-8", render::html(a)),
        (_, r) => (JSON, render::json_line(r) + "\n"),
    };
    let status = if matches!(record, Record::Article(_)) { "ok" } else { "error" };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (PITH_STATUS, HeaderValue::from_static(status)),
        ],
        body,
    )
        .into_response()
}

/// An error record answered with an HTTP error status (the request was wrong, not the page).
pub(crate) fn error_record(
    status: StatusCode,
    input: &str,
    url: Option<&str>,
    kind: ErrorKind,
    message: impl Into<String>,
) -> Response {
    let record = Record::Error(ErrorRecord::new(input, url.map(str::to_string), kind, message));
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON)), (PITH_STATUS, HeaderValue::from_static("error"))],
        render::json_line(&record) + "\n",
    )
        .into_response()
}

/// 400 with an `invalid_input` error record.
pub(crate) fn bad_request(input: &str, url: Option<&str>, message: impl Into<String>) -> Response {
    error_record(StatusCode::BAD_REQUEST, input, url, ErrorKind::InvalidInput, message)
}

/// An answer about the request, not a page: `{"error": code, "message": ...}`.
pub(crate) fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": code, "message": message }).to_string() + "\n";
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static(JSON))], body).into_response()
}

/// 503 with `Retry-After: 1`: every extraction slot is busy and the queue is full.
pub(crate) fn overloaded() -> Response {
    let mut r = problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "overloaded",
        "every extraction slot is busy and the queue is full: retry after the Retry-After delay",
    );
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// 503 while shutting down.
pub(crate) fn shutting_down() -> Response {
    let mut r = problem(StatusCode::SERVICE_UNAVAILABLE, "shutting_down", "the server is shutting down");
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}
