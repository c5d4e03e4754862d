//! Checks and parsers of command-line values that clap's built-in parsers do not cover: byte
//! sizes with unit suffixes, and the page URL of `extract --url`.

/// A byte size of a flag: a number of bytes, optionally with a unit (`10MB`, `512KiB`), as
/// [`pith::parse_byte_size`] reads it (the config file reads its sizes the same way).
pub fn byte_size(s: &str) -> Result<u64, String> {
    pith::parse_byte_size(s)
}

/// `Ok` when `value` can be a page's URL ([`pith::check_page_url`]); else the message, naming
/// the value (the caller escapes it for the terminal).
pub fn check_page_url(value: &str) -> Result<(), String> {
    pith::check_page_url(value).map_err(|why| {
        format!(
            "--url {value:?} is not an absolute http(s) URL ({why}); give the page's address, e.g. \
             --url https://example.com/news/story"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_must_be_absolute_http_with_a_host() {
        assert_eq!(check_page_url("https://example.com/a/b?c=1"), Ok(()));
        assert_eq!(check_page_url("http://127.0.0.1:8080/"), Ok(()));
        for bad in ["not a url", "", "/relative", "http://", "javascript:alert(1)", "ftp://x/y", "file:///etc/passwd"] {
            let err = check_page_url(bad).expect_err(bad);
            assert!(err.starts_with(&format!("--url {bad:?} is not an absolute http(s) URL")), "{err}");
        }
    }
}
