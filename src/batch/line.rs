//! One line of `pith filter`'s input, `{"id", "url", "html"}`, as a page or the
//! `invalid_input` record that replaces it. Apart from the reading of lines (`filter`) so
//! that the worker (`task`) can parse a line without depending on the reader.

use serde_json::Value;

use crate::{ErrorKind, ErrorRecord};

/// A page read from a line.
#[derive(Debug)]
pub(crate) struct LinePage {
    /// The line's `id`.
    pub input: String,
    /// The line's `url`.
    pub url: Option<String>,
    /// The `html`, as UTF-8 with a byte order mark (so the decoder reads it as such).
    pub bytes: Vec<u8>,
}

/// The `id` of an over-long line, when it is among the first or the last keys.
pub(crate) fn id_in(head: &[u8], tail: &[u8]) -> Option<String> {
    id_after_key(&head[..head.len().min(4096)], false).or_else(|| id_after_key(tail, true))
}

/// The value of the first (or last) `"id":` key in `text`, if it is a string or a number.
/// Inside a JSON string quotes are escaped, so `"id"` there is never a match.
fn id_after_key(text: &[u8], last: bool) -> Option<String> {
    let mut at = text.windows(4).enumerate().filter(|(_, w)| w == b"\"id\"").map(|(i, _)| i + 4);
    let at = if last { at.next_back()? } else { at.next()? };
    let rest = &text[at..];
    let colon = rest.iter().position(|&b| !b.is_ascii_whitespace())?;
    let rest = rest[colon..].strip_prefix(b":")?;
    let value = serde_json::Deserializer::from_slice(rest).into_iter::<Value>().next()?.ok()?;
    id_text(&value)
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses one line into a page, or the `invalid_input` record that replaces it.
pub(crate) fn parse_line(line: u64, text: &[u8]) -> Result<LinePage, ErrorRecord> {
    let invalid = |input: String, url: Option<String>, why: String| {
        ErrorRecord::new(input, url, ErrorKind::InvalidInput, format!("line {line}: {why}"))
    };
    let mut map = match serde_json::from_slice::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(invalid(line.to_string(), None, "not a JSON object".into())),
        Err(e) => {
            let tail = &text[text.len().saturating_sub(4096)..];
            let input = id_in(text, tail).unwrap_or_else(|| line.to_string());
            return Err(invalid(input, None, format!("not JSON: {e}")));
        }
    };
    let input = match map.get("id") {
        None | Some(Value::Null) => return Err(invalid(line.to_string(), None, "no \"id\"".into())),
        Some(v) => match id_text(v) {
            Some(id) => id,
            None => return Err(invalid(line.to_string(), None, "\"id\" is not a string or a number".into())),
        },
    };
    let url = match map.remove("url") {
        None | Some(Value::Null) => None,
        Some(Value::String(u)) => Some(u),
        Some(_) => return Err(invalid(input, None, "\"url\" is not a string".into())),
    };
    let html = match map.remove("html") {
        Some(Value::String(h)) => h,
        None | Some(Value::Null) => return Err(invalid(input, url, "no \"html\"".into())),
        Some(_) => return Err(invalid(input, url, "\"html\" is not a string".into())),
    };
    // The text is Unicode already: a UTF-8 byte order mark makes the decoder read it as
    // such, whatever `<meta charset>` the page declared when it was bytes.
    let bytes = if html.trim().is_empty() {
        html.into_bytes()
    } else {
        let mut b = Vec::with_capacity(html.len() + 3);
        b.extend_from_slice(b"\xef\xbb\xbf");
        b.extend_from_slice(html.as_bytes());
        b
    };
    Ok(LinePage { input, url, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_or_explain_why_not() {
        let p = parse_line(1, br#"{"id":"a","url":"https://e.com/x","html":"<p>\u00e9</p>","extra":1}"#).unwrap();
        assert_eq!((p.input.as_str(), p.url.as_deref()), ("a", Some("https://e.com/x")));
        assert_eq!(&p.bytes[..], "\u{feff}<p>é</p>".as_bytes());
        let p = parse_line(2, br#"{"id":17,"html":"  "}"#).unwrap();
        assert_eq!((p.input.as_str(), p.url, &p.bytes[..]), ("17", None, &b"  "[..]));
        for (text, input) in [
            (&b"{\"id\":\"a\",\"html\":"[..], "a"),
            (b"{\"html\": <p>, \"x\": 1", "3"),
            (b"[1,2]", "3"),
            (b"", "3"),
            (br#"{"url":"u","html":"<p>"}"#, "3"),
            (br#"{"id":"b","html":5}"#, "b"),
            (br#"{"id":"b"}"#, "b"),
            (br#"{"id":{"x":1},"html":"<p>"}"#, "3"),
        ] {
            let e = parse_line(3, text).unwrap_err();
            assert_eq!(
                (e.input.as_str(), e.error.kind),
                (input, ErrorKind::InvalidInput),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
