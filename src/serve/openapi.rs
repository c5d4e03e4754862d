//! The OpenAPI 3.1 document of the service, generated here from the record's JSON Schema (the
//! same serde types as every output) and the routes' descriptions. `schema/openapi.json` is
//! this document, committed; a test checks that they are equal.

use serde_json::{Value, json};

/// The OpenAPI document, pretty-printed, with a final newline.
pub fn openapi_json() -> String {
    let mut record: Value = serde_json::from_str(&crate::render::json_schema()).unwrap_or_default();
    let mut schemas = serde_json::Map::new();
    if let Some(obj) = record.as_object_mut() {
        for key in ["$schema", "$id", "title"] {
            obj.remove(key);
        }
        if let Some(Value::Object(defs)) = obj.remove("$defs") {
            schemas.extend(defs);
        }
    }
    schemas.insert("Record".into(), record);
    schemas.insert(
        "ExtractRequest".into(),
        json!({
            "type": "object",
            "description": "A page sent as JSON: its HTML as a string, and optionally its URL (relative links resolve against it; else the page's canonical link or og:url). Other keys are ignored.",
            "properties": {
                "html": { "type": "string" },
                "url": { "type": ["string", "null"], "format": "uri" }
            },
            "required": ["html"]
        }),
    );
    schemas.insert(
        "Problem".into(),
        json!({
            "type": "object",
            "description": "An answer about the request rather than a page (401, 404, 405, 503).",
            "properties": {
                "error": { "type": "string", "description": "unauthorized, not_found, method_not_allowed, overloaded, shutting_down" },
                "message": { "type": "string" }
            },
            "required": ["error", "message"]
        }),
    );
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "pith",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Turns news web pages into clean article JSON. Whenever pith makes a record (an article or an error record) the answer is that record with HTTP 200: read its `status` (also in the `Pith-Status` header). See docs/service.md."
        },
        "servers": [{ "url": "http://127.0.0.1:8080" }],
        "paths": {
            "/v1/extract": {
                "post": {
                    "summary": "Extract the article of a page sent as the body",
                    "parameters": [param_url(false), param_format(), param_switch("explain", "Add `removed` and `sources`."), param_switch("front-matter", "With format=markdown: YAML front matter first.")],
                    "requestBody": {
                        "required": true,
                        "content": {
                            "text/html": { "schema": { "type": "string" } },
                            "application/xhtml+xml": { "schema": { "type": "string" } },
                            "application/json": { "schema": { "$ref": "#/components/schemas/ExtractRequest" } }
                        }
                    },
                    "responses": work_responses(true)
                },
                "get": {
                    "summary": "Fetch a page (address policy, robots.txt, politeness) and extract its article",
                    "parameters": [param_url(true), param_format(), param_switch("explain", "Add `removed` and `sources`."), param_switch("front-matter", "With format=markdown: YAML front matter first.")],
                    "responses": work_responses(false)
                }
            },
            "/v1/batch": {
                "post": {
                    "summary": "`pith filter` over HTTP: {\"id\",\"url\",\"html\"} lines in, one record line out per line, in order, streamed",
                    "parameters": [param_switch("explain", "Add `removed` and `sources`.")],
                    "requestBody": {
                        "required": true,
                        "content": {
                            "application/x-ndjson": { "schema": { "type": "string" } },
                            "application/jsonl": { "schema": { "type": "string" } },
                            "text/plain": { "schema": { "type": "string" } }
                        }
                    },
                    "responses": {
                        "200": { "description": "One record (JSON) a line, in the order of the input lines; `input` is each line's `id`.", "content": { "application/x-ndjson": { "schema": { "type": "string" } } } },
                        "400": error_record("A bad query parameter."),
                        "401": problem("Missing or wrong token."),
                        "415": error_record("Not a JSON Lines content type."),
                        "503": problem("Overloaded: retry after Retry-After.")
                    }
                }
            },
            "/v1/schema": { "get": { "summary": "The JSON Schema of a record", "responses": { "200": { "description": "JSON Schema (2020-12).", "content": { "application/schema+json": { "schema": { "type": "object" } } } }, "401": problem("Missing or wrong token.") } } },
            "/v1/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1.", "content": { "application/json": { "schema": { "type": "object" } } } }, "401": problem("Missing or wrong token.") } } },
            "/healthz": { "get": { "summary": "Alive (never needs the token)", "security": [], "responses": { "200": { "description": "The process is up.", "content": { "application/json": { "schema": { "type": "object" } } } } } } },
            "/readyz": { "get": { "summary": "Accepting work (never needs the token)", "security": [], "responses": { "200": { "description": "Ready.", "content": { "application/json": { "schema": { "type": "object" } } } }, "503": problem("Shutting down or overloaded.") } } },
            "/metrics": { "get": { "summary": "Prometheus metrics (text format 0.0.4, names prefixed pith_)", "responses": { "200": { "description": "Prometheus text.", "content": { "text/plain": { "schema": { "type": "string" } } } }, "401": problem("Missing or wrong token.") } } }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "Only when the server was started with a token (--token-file)." } }
        },
        "security": [{}, { "bearer": [] }]
    });
    rewrite_refs(&mut doc["components"], &mut schemas);
    doc["components"]["schemas"] = Value::Object(schemas);
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// `#/$defs/X` (the record schema's own references) → `#/components/schemas/X`.
fn rewrite_refs(_components: &mut Value, schemas: &mut serde_json::Map<String, Value>) {
    let mut stack: Vec<&mut Value> = schemas.values_mut().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get_mut("$ref")
                    && let Some(name) = r.strip_prefix("#/$defs/")
                {
                    *r = format!("#/components/schemas/{name}");
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn param_url(required: bool) -> Value {
    let description = if required {
        "The page to fetch: an absolute http(s) URL (private addresses refused unless the server allows them)."
    } else {
        "The page's URL (relative links resolve against it; `input` of the record)."
    };
    json!({ "name": "url", "in": "query", "required": required, "description": description, "schema": { "type": "string", "format": "uri" } })
}

fn param_format() -> Value {
    json!({ "name": "format", "in": "query", "required": false, "description": "The output format; an error record is always JSON.", "schema": { "type": "string", "enum": ["json", "markdown", "text", "html"], "default": "json" } })
}

fn param_switch(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": { "type": "boolean", "default": false } })
}

fn record_ref() -> Value {
    json!({ "$ref": "#/components/schemas/Record" })
}

fn error_record(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": record_ref() } } })
}

fn problem(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn work_responses(with_body: bool) -> Value {
    let mut r = json!({
        "200": {
            "description": "The record: an article (status ok) or an error record (status error). With format=markdown, text or html an article is that document; an error record stays JSON.",
            "headers": { "Pith-Status": { "description": "ok or error", "schema": { "type": "string" } } },
            "content": {
                "application/json": { "schema": record_ref() },
                "text/markdown": { "schema": { "type": "string" } },
                "text/plain": { "schema": { "type": "string" } },
                "text/html": { "schema": { "type": "string" } }
            }
        },
        "400": error_record("Malformed request (an invalid_input error record): a bad query parameter, bad JSON, a bad url."),
        "401": problem("Missing or wrong token."),
        "500": error_record("An internal error (a bug)."),
        "503": problem("Overloaded (every extraction slot busy, the queue full): retry after Retry-After.")
    });
    if with_body {
        r["408"] = error_record("The body did not arrive within the read timeout (a timeout error record).");
        r["413"] = error_record("The body is over the size limit (a too_large error record).");
        r["415"] = error_record("The body is neither text/html, application/xhtml+xml nor application/json.");
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reference_resolves() {
        let doc: serde_json::Value = serde_json::from_str(&super::openapi_json()).unwrap();
        let text = doc.to_string();
        assert!(!text.contains("#/$defs/"));
        for r in text.split("\"$ref\":\"").skip(1) {
            let name = r.split('"').next().unwrap();
            let name = name.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{name}"));
            assert!(doc["components"]["schemas"].get(name).is_some(), "{name}");
        }
        assert_eq!(doc["openapi"], "3.1.0");
    }
}
