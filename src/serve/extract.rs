//! `POST /v1/extract` (the page as the body) and `GET /v1/extract?url=` (fetched), and the
//! extraction itself: on a blocking thread, holding an admission slot, behind the panic guard.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use serde::Deserialize;

use super::admission::Slot;
use super::body::{BodyError, drain_in_background, read_whole};
use super::metrics::kind_name;
use super::query::{Query, check_page_url};
use super::respond;
use super::state::Shared;
use crate::{ErrorKind, ErrorRecord, ExtractOptions, Extractor, Record};

/// The JSON form of `POST /v1/extract`: `{"html": "...", "url": "..."}` (other keys ignored).
#[derive(Debug, Deserialize)]
struct JsonPage {
    html: String,
    #[serde(default)]
    url: Option<String>,
}

/// How the body of `POST /v1/extract` is sent.
enum BodyKind {
    /// `text/html` or `application/xhtml+xml`: the page's bytes, in any charset.
    Page,
    /// `application/json`: a [`JsonPage`].
    Json,
}

/// The media type of a request (`text/html` of `text/html; charset=…`), lowercased.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// `POST /v1/extract`.
pub(crate) async fn post(State(state): State<Shared>, req: Request) -> Response {
    let (parts, mut body) = req.into_parts();
    let limit = state.opts.max_request_body;
    let early = |body: Body, response: Response| {
        drain_in_background(body, limit, state.opts.read_timeout);
        response
    };
    let q = match Query::parse(parts.uri.query()) {
        Ok(q) => q,
        Err(why) => return early(body, respond::bad_request("-", None, why)),
    };
    let input = q.url.clone().unwrap_or_else(|| "-".to_string());
    let kind = match media_type(&parts.headers).as_deref() {
        Some("text/html" | "application/xhtml+xml") => BodyKind::Page,
        Some("application/json") => BodyKind::Json,
        other => {
            let why = match other {
                None => "no Content-Type".to_string(),
                Some(t) => format!("Content-Type {t:?}"),
            };
            let message =
                format!("{why}: send the page as text/html (any charset) or {{\"html\", \"url\"}} as application/json");
            let response = respond::error_record(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &input,
                q.url.as_deref(),
                ErrorKind::InvalidInput,
                message,
            );
            return early(body, response);
        }
    };
    if state.admission.is_full() {
        return early(body, respond::overloaded());
    }
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let bytes = match read_whole(&mut body, declared, limit, state.opts.read_timeout).await {
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => {
            let message = format!("the request body is over the limit of {limit} bytes");
            let mut r = respond::error_record(
                StatusCode::PAYLOAD_TOO_LARGE,
                &input,
                q.url.as_deref(),
                ErrorKind::TooLarge,
                message,
            );
            r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            return early(body, r);
        }
        Err(BodyError::TimedOut) => {
            let message = format!("the request body did not arrive within {} s", state.opts.read_timeout.as_secs_f64());
            let mut r = respond::error_record(
                StatusCode::REQUEST_TIMEOUT,
                &input,
                q.url.as_deref(),
                ErrorKind::Timeout,
                message,
            );
            r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            return r;
        }
        Err(BodyError::Broken(e)) => {
            return respond::bad_request(&input, q.url.as_deref(), format!("cannot read the request body: {e}"));
        }
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (page, url, content_type) = match kind {
        BodyKind::Page => (bytes.to_vec(), q.url.clone(), content_type),
        BodyKind::Json => match serde_json::from_slice::<JsonPage>(&bytes) {
            Err(e) => {
                return respond::bad_request(
                    &input,
                    q.url.as_deref(),
                    format!("the body is not {{\"html\", \"url\"}} JSON: {e}"),
                );
            }
            Ok(p) => {
                if let Some(u) = &p.url
                    && let Err(why) = check_page_url(u)
                {
                    return respond::bad_request(&input, q.url.as_deref(), why);
                }
                // The text is Unicode already: a byte order mark makes the decoder read it so,
                // whatever `<meta charset>` the page declares (as `pith filter` does).
                let mut page = Vec::with_capacity(p.html.len() + 3);
                if !p.html.trim().is_empty() {
                    page.extend_from_slice(b"\xef\xbb\xbf");
                }
                page.extend_from_slice(p.html.as_bytes());
                (page, p.url.or_else(|| q.url.clone()), None)
            }
        },
    };
    let Some(slot) = state.admission.enter().await else { return respond::overloaded() };
    let input = url.clone().unwrap_or_else(|| "-".to_string());
    let opts = ExtractOptions::new(input).with_url(url).with_content_type(content_type).with_explain(q.explain);
    let record = extract_on_slot(&state, slot, page, opts).await;
    respond::record(&record, &q)
}

/// `GET /v1/extract?url=`: the page through the shared fetcher. Waiting for the fetch
/// (robots.txt, the host's turn) holds no extraction slot.
pub(crate) async fn get(State(state): State<Shared>, uri: Uri) -> Response {
    let q = match Query::parse(uri.query()) {
        Ok(q) => q,
        Err(why) => return respond::bad_request("-", None, why),
    };
    let Some(url) = q.url.clone() else {
        return respond::bad_request("-", None, "GET /v1/extract needs ?url=<the page's http(s) address>");
    };
    if state.admission.is_full() {
        return respond::overloaded();
    }
    let page = match state.fetcher.fetch(&url).await {
        Ok(page) => page,
        Err(failure) => {
            let record = Record::Error(failure.to_record(url.as_str()));
            if let Record::Error(e) = &record {
                state.metrics.fetch(&kind_name(&e.error.kind));
            }
            state.metrics.record(&record, std::time::Duration::ZERO);
            return respond::record(&record, &q);
        }
    };
    state.metrics.fetch("ok");
    let Some(slot) = state.admission.wait().await else { return respond::overloaded() };
    let opts = page.extract_options(url).with_explain(q.explain);
    let record = extract_on_slot(&state, slot, page.body, opts).await;
    respond::record(&record, &q)
}

/// Extracts one page on a blocking thread that holds `slot` until it is done.
async fn extract_on_slot(state: &Shared, slot: Slot, page: Vec<u8>, opts: ExtractOptions) -> Record {
    let (input, url) = (opts.input.clone(), opts.url.clone());
    let hook = state.opts.test_hook.clone();
    run_on_slot(state, slot, &input, url.as_deref(), move |extractor| {
        if let Some(hook) = hook {
            (hook.0)(&page);
        }
        extractor.record(&page, &opts)
    })
    .await
}

/// Runs `work` on a blocking thread holding `slot`, behind the panic guard (a panic is an
/// `internal` record for `input`), and counts the record and its time.
pub(crate) async fn run_on_slot(
    state: &Shared,
    slot: Slot,
    input: &str,
    url: Option<&str>,
    work: impl FnOnce(&Extractor) -> Record + Send + 'static,
) -> Record {
    let extractor = state.extractor.clone();
    let (guard_input, guard_url) = (input.to_string(), url.map(str::to_string));
    let joined = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let started = Instant::now();
        let record = crate::guarded(&guard_input, guard_url.as_deref(), || work(&extractor));
        (record, started.elapsed())
    })
    .await;
    let (record, took) = joined.unwrap_or_else(|e| {
        let message = format!("internal error: the extraction thread failed: {e}");
        (
            Record::Error(ErrorRecord::new(input, url.map(str::to_string), ErrorKind::Internal, message)),
            Default::default(),
        )
    });
    state.metrics.record(&record, took);
    record
}
