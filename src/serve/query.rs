//! The options of the work routes, as query parameters named like the CLI flags: `format`,
//! `explain`, `front-matter` (or `front_matter`), `url`. An unknown parameter or a bad value
//! is a 400 that names it (a typo should not silently give other output).

/// The output format of `/v1/extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// The record as JSON (the default).
    #[default]
    Json,
    /// Markdown (an error record stays JSON).
    Markdown,
    /// Plain text (an error record stays JSON).
    Text,
    /// A standalone, sanitised HTML document (an error record stays JSON).
    Html,
}

/// The query of a work route.
#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    pub format: Format,
    pub explain: bool,
    pub front_matter: bool,
    pub url: Option<String>,
}

impl Query {
    /// Reads a raw query string; the error says which parameter is wrong and why.
    pub(crate) fn parse(raw: Option<&str>) -> Result<Query, String> {
        let mut q = Query::default();
        for (key, value) in url::form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            match key.as_ref() {
                "format" => {
                    q.format = match value.as_ref() {
                        "json" | "jsonl" => Format::Json,
                        "markdown" | "md" => Format::Markdown,
                        "text" => Format::Text,
                        "html" => Format::Html,
                        other => return Err(format!("format={other:?} is not one of json, markdown, text, html")),
                    }
                }
                "explain" => q.explain = switch("explain", &value)?,
                "front-matter" | "front_matter" => q.front_matter = switch("front-matter", &value)?,
                "url" => {
                    check_page_url(&value)?;
                    q.url = Some(value.into_owned());
                }
                other => {
                    return Err(format!(
                        "unknown query parameter {other:?} (known: format, explain, front-matter, url)"
                    ));
                }
            }
        }
        Ok(q)
    }
}

/// `true`, `1`, or nothing (`?explain`) is on; `false`, `0` is off.
fn switch(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "" | "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(format!("{name}={value:?} is not true or false")),
    }
}

/// `Ok` when `value` can be a page's URL ([`crate::check_page_url`]); else the message.
pub(crate) fn check_page_url(value: &str) -> Result<(), String> {
    crate::check_page_url(value).map_err(|why| format!("url={value:?} is not an absolute http(s) URL ({why})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_like_the_flags() {
        let q =
            Query::parse(Some("format=markdown&explain=true&front-matter&url=https%3A%2F%2Fa.example%2Fx")).unwrap();
        assert_eq!(q.format, Format::Markdown);
        assert!(q.explain && q.front_matter);
        assert_eq!(q.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(Query::parse(None).unwrap().format, Format::Json);
        for (bad, says) in [
            ("format=pdf", "format=\"pdf\""),
            ("explain=yes", "explain=\"yes\""),
            ("url=javascript:alert(1)", "not an absolute http(s) URL"),
            ("url=/relative", "not an absolute"),
            ("frmat=json", "unknown query parameter \"frmat\""),
        ] {
            let err = Query::parse(Some(bad)).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
