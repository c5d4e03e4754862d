//! Output renderings: JSON (pretty, or compact for JSON Lines), Markdown (`markdown`), a
//! sanitised HTML document (`html`) and plain text, the separators between several
//! documents, text for a terminal, and the JSON Schema of the records.

#[cfg(feature = "html")]
mod html;
mod inline;
mod markdown;

use crate::article::{Article, Record};

/// Escapes U+2028, U+2029 and U+0085 so that line-splitting readers in any language see
/// one record a line. serde_json leaves them raw; they only occur inside strings.
fn escape_line_separators(s: String) -> String {
    if !s.contains(['\u{2028}', '\u{2029}', '\u{85}']) {
        return s;
    }
    s.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029").replace('\u{85}', "\\u0085")
}

/// One compact JSON line (no trailing newline).
pub fn json_line(record: &Record) -> String {
    escape_line_separators(serde_json::to_string(record).unwrap_or_else(|e| internal_error_json(&e)))
}

/// Pretty-printed JSON.
pub fn json_pretty(record: &Record) -> String {
    escape_line_separators(serde_json::to_string_pretty(record).unwrap_or_else(|e| internal_error_json(&e)))
}

fn internal_error_json(e: &serde_json::Error) -> String {
    format!(
        "{{\"schema_version\":1,\"status\":\"error\",\"input\":\"\",\"url\":null,\"error\":{{\"kind\":\"internal\",\"message\":{},\"status\":null}}}}",
        serde_json::Value::String(format!("serialisation failed: {e}"))
    )
}

/// The JSON Schema of an output record (article or error record), pretty-printed.
pub fn json_schema() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(Record)).unwrap_or_default();
    require_every_property(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "https://pith.dev/schema/article.schema.json".into());
        obj.insert("title".into(), "pith record (schema_version 1)".into());
        obj.insert(
            "description".into(),
            "One output record of pith: an article (status \"ok\") or an error record (status \"error\"). See docs/contract.md.".into(),
        );
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The contract puts every key in every record (`null` or `[]` when not found): mark every
/// property of every object schema required (schemars leaves `Option` fields optional).
fn require_every_property(schema: &mut serde_json::Value) {
    let mut stack = vec![schema];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    let keys: Vec<serde_json::Value> = props.keys().cloned().map(serde_json::Value::String).collect();
                    map.insert("required".into(), serde_json::Value::Array(keys));
                }
                stack.extend(map.values_mut());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Plain text: the title, a blank line, the body text.
pub fn text(article: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = &article.title {
        out.push_str(t);
        out.push_str("\n\n");
    }
    out.push_str(&article.text);
    out.push('\n');
    out
}

/// Markdown (CommonMark with GFM tables): `# title`, the deck in italics, a byline line
/// (authors, date, a link to the page), then the blocks: links, emphasis, code, line breaks,
/// sub- and superscripts (as HTML), nested lists, fenced code with its language, pictures
/// with their caption and credit, quotations with their cite.
pub fn markdown(article: &Article) -> String {
    markdown::document(article)
}

/// YAML front matter for a Markdown document (title, authors, published, url, site,
/// language, categories, tags): between two `---` lines, every value a JSON string, a flow
/// list of them, or `null`.
pub fn front_matter(article: &Article) -> String {
    markdown::front_matter(article)
}

/// The body blocks alone as Markdown (what [`markdown`] writes after the byline).
pub fn markdown_body(article: &Article) -> String {
    markdown::body(&article.blocks)
}

/// A standalone, sanitised HTML document: title, deck, byline and date, the body with its
/// pictures and absolute links; no script, style or event attribute (`ammonia` has the last
/// word on the article part). Feature `html`.
#[cfg(feature = "html")]
pub fn html(article: &Article) -> String {
    html::document(article)
}

/// What goes between two documents when several inputs are written one after another, in
/// front of every document but the first. Markdown: a blank line and a `---` line (a
/// thematic break), then a blank line; with front matter, the blank line only, the next
/// document's front matter opening with its own `---`. Text: a line holding only a form
/// feed. HTML: nothing (each document starts with `<!DOCTYPE html>`).
pub fn document_separator(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::Markdown { front_matter: false } => "\n---\n\n",
        DocumentFormat::Markdown { front_matter: true } => "\n",
        DocumentFormat::Text => "\n\u{c}\n",
        DocumentFormat::Html => "",
    }
}

/// A per-page document format (see [`document_separator`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// Markdown, with or without front matter.
    Markdown {
        /// Each document starts with YAML front matter.
        front_matter: bool,
    },
    /// Plain text.
    Text,
    /// HTML.
    Html,
}
