//! Output renderings: JSON (pretty, or compact for JSON Lines), Markdown and plain text, and
//! the JSON Schema of the records.

use crate::article::{Article, Block, Record};

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
            "One output record of pith: an article (status \"ok\") or an error record (status \"error\"). See spec/article-json.md.".into(),
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

/// Markdown: `# title`, the deck in italics, a byline line, then the blocks as CommonMark
/// (GFM tables).
pub fn markdown(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &article.title {
        parts.push(format!("# {}", escape_inline(t)));
    }
    if let Some(s) = &article.subtitle {
        parts.push(format!("*{}*", escape_inline(s)));
    }
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    let byline = match (names.is_empty(), &article.published) {
        (false, Some(d)) => Some(format!("By {} · {}", names.join(", "), d)),
        (false, None) => Some(format!("By {}", names.join(", "))),
        (true, Some(d)) => Some(d.clone()),
        (true, None) => None,
    };
    if let Some(b) = byline {
        parts.push(escape_inline(&b));
    }
    for b in &article.blocks {
        parts.push(markdown_block(b));
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn markdown_block(b: &Block) -> String {
    match b {
        Block::Paragraph { text } => escape_block_start(&escape_inline(text)),
        Block::Heading { level, text } => {
            format!("{} {}", "#".repeat((*level).clamp(1, 6) as usize), escape_inline(text))
        }
        Block::List { ordered, items } => items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                if *ordered { format!("{}. {}", i + 1, escape_inline(it)) } else { format!("- {}", escape_inline(it)) }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote { text } => format!("> {}", escape_inline(text)),
        Block::Table { rows } => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let row = |r: &Vec<String>| {
                let mut cells: Vec<String> = r.iter().map(|c| escape_inline(c).replace('|', "\\|")).collect();
                cells.resize(width, String::new());
                format!("| {} |", cells.join(" | "))
            };
            let mut lines = Vec::new();
            if let Some(first) = rows.first() {
                lines.push(row(first));
                lines.push(format!("|{}", " --- |".repeat(width)));
                lines.extend(rows[1..].iter().map(row));
            }
            lines.join("\n")
        }
        Block::Code { text } => {
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}\n{text}\n{fence}")
        }
        Block::Transcript { speaker, text } => format!("**{}:** {}", escape_inline(speaker), escape_inline(text)),
    }
}

/// Escapes the characters that would turn plain text into emphasis, links or HTML.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph must not start like a heading, list or quote.
fn escape_block_start(s: &str) -> String {
    let starts_list = {
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && s[digits..].starts_with(['.', ')'])
    };
    if s.starts_with(['#', '-', '+', '=']) || starts_list { format!("\\{s}") } else { s.to_string() }
}
