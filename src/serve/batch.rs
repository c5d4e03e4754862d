//! `POST /v1/batch`: `pith filter` lines in (`{"id","url","html"}`), one record line out per
//! line, in order, streamed both ways. At most one line per extraction slot is held (plus the
//! one being read), so memory is bounded whatever the body's length; the size limit applies
//! per line. Each line is parsed and extracted as `pith filter` does it.

use std::convert::Infallible;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;

use super::body::{Line, Lines, drain_in_background};
use super::extract::{media_type, run_on_slot};
use super::query::{Format, Query};
use super::respond;
use super::state::Shared;
use crate::{ErrorKind, ErrorRecord, Record, render};

/// `POST /v1/batch`.
pub(crate) async fn post(State(state): State<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let early = |body: Body, response: Response| {
        drain_in_background(body, state.opts.max_request_body, state.opts.read_timeout);
        response
    };
    let explain = match Query::parse(parts.uri.query()) {
        Ok(q) if q.format != Format::Json || q.url.is_some() || q.front_matter => {
            let why = "POST /v1/batch takes only ?explain: each line has its own url, and the output is JSON Lines";
            return early(body, respond::bad_request("-", None, why));
        }
        Ok(q) => q.explain,
        Err(why) => return early(body, respond::bad_request("-", None, why)),
    };
    match media_type(&parts.headers).as_deref() {
        Some("application/x-ndjson" | "application/jsonl" | "application/json-lines" | "text/plain") => {}
        other => {
            let message = format!(
                "{}: send JSON Lines as application/x-ndjson, application/jsonl or text/plain",
                other.map_or("no Content-Type".to_string(), |t| format!("Content-Type {t:?}"))
            );
            let r =
                respond::error_record(StatusCode::UNSUPPORTED_MEDIA_TYPE, "-", None, ErrorKind::InvalidInput, message);
            return early(body, r);
        }
    }
    if state.admission.is_full() {
        return early(body, respond::overloaded());
    }
    let lines = Lines::new(body, state.opts.max_request_body, state.opts.read_timeout);
    let read = futures_util::stream::unfold(lines, |mut lines| async move {
        match lines.next().await? {
            Ok(line) => Some((line, lines)),
            Err(e) => {
                // The client stopped sending (or went away): the records so far are sent.
                tracing::warn!("batch body ended early: {e:?}");
                None
            }
        }
    });
    let window = state.opts.max_in_flight.max(1);
    let limit = state.opts.max_request_body;
    let records = read
        .map(move |line| {
            let state = state.clone();
            async move { line_record(&state, line, explain, limit).await }
        })
        .buffered(window)
        .map(|record| Ok::<_, Infallible>(Bytes::from(render::json_line(&record) + "\n")));
    let content_type = HeaderValue::from_static("application/x-ndjson");
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], Body::from_stream(records)).into_response()
}

/// The record of one line.
async fn line_record(state: &Shared, line: Line, explain: bool, limit: u64) -> Record {
    match line {
        Line::TooLong { number, head, tail, len } => {
            let input = crate::batch::filter_line_id(&head, &tail).unwrap_or_else(|| number.to_string());
            let message = format!("line {number} is {len} bytes, over the limit of {limit}");
            Record::Error(ErrorRecord::new(input, None, ErrorKind::TooLarge, message))
        }
        Line::Whole { number, text } => {
            let Some(slot) = state.admission.wait().await else {
                let message = "internal error: the server is shutting down";
                return Record::Error(ErrorRecord::new(number.to_string(), None, ErrorKind::Internal, message));
            };
            let hook = state.opts.test_hook.clone();
            // The record of a panic keeps the line's id, as every other record of the line.
            let tail = &text[text.len().saturating_sub(4096)..];
            let input = crate::batch::filter_line_id(&text, tail).unwrap_or_else(|| number.to_string());
            run_on_slot(state, slot, &input, None, move |extractor| {
                if let Some(hook) = hook {
                    (hook.0)(&text);
                }
                crate::batch::filter_line_record(extractor, explain, number, text)
            })
            .await
        }
    }
}
