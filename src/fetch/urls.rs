//! URLs as the fetcher takes and shows them: checked (scheme, host, length), keyed (host,
//! origin), and with their credentials hidden.

use std::borrow::Cow;

use url::Url;

use super::error::FetchError;

/// The longest URL fetched, in bytes: longer ones (and redirects to them) are `invalid_input`.
/// Servers commonly refuse request lines past 8–16 KiB, and the HTTP stack cannot send a
/// URL past 64 KiB at all.
pub const MAX_URL_BYTES: usize = 16 * 1024;

/// An absolute http(s) URL with a host, within [`MAX_URL_BYTES`].
pub(crate) fn parse_url(input: &str) -> Result<Url, FetchError> {
    let shown = || redact_userinfo(input.trim()).into_owned();
    let input = input.trim();
    if input.len() > MAX_URL_BYTES {
        return Err(FetchError::InvalidUrl {
            reason: format!("the URL is {} bytes, over the limit of {MAX_URL_BYTES}", input.len()),
        });
    }
    let url = Url::parse(input).map_err(|e| FetchError::InvalidUrl { reason: format!("{:?}: {e}", shown()) })?;
    check_url(&url).map_err(|why| FetchError::InvalidUrl { reason: format!("{:?}: {why}", shown()) })?;
    Ok(url)
}

/// What is wrong with a parsed URL for fetching, if anything.
pub(crate) fn check_url(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("the scheme is {}", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("no host".into());
    }
    if url.as_str().len() > MAX_URL_BYTES {
        return Err(format!("the URL is {} bytes, over the limit of {MAX_URL_BYTES}", url.as_str().len()));
    }
    Ok(())
}

/// Politeness is per host name (any scheme or port); robots.txt is per origin (RFC 9309).
pub(crate) fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

/// The same resource, ignoring the fragment and credentials.
pub(crate) fn same_resource(a: &Url, b: &Url) -> bool {
    let bare = |u: &Url| {
        let mut u = without_userinfo(u.clone());
        u.set_fragment(None);
        u
    };
    bare(a) == bare(b)
}

/// `/path?query`, as robots.txt rules and messages see a URL.
pub(crate) fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// The URL without `user:password@`.
pub(crate) fn without_userinfo(mut url: Url) -> Url {
    if !url.username().is_empty() || url.password().is_some() {
        // Only URLs that cannot have credentials (no host) refuse these; ours have a host.
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    url
}

/// A URL as records and messages show it: `user:password@` becomes `***@`. Works on the text
/// as given (the record's `input` is the URL as written), parsed or not.
pub fn redact_userinfo(url: &str) -> Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else { return Cow::Borrowed(url) };
    let start = scheme_end + 3;
    let rest = &url[start..];
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!("{}***{}", &url[..start], &rest[at..])),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(parse_url("https://example.com/a").is_ok());
        assert!(parse_url("  http://example.com  ").is_ok());
        for bad in ["example.com/a", "ftp://example.com/", "file:///etc/passwd", "https://", ""] {
            let err = parse_url(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput, "{bad}");
        }
        let long = format!("https://example.com/{}", "a".repeat(70_000));
        let err = parse_url(&long).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("over the limit of 16384"), "{err}");
        assert!(parse_url(&format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES - 30))).is_ok());
        let a = Url::parse("https://Example.COM:8443/x").unwrap();
        assert_eq!(host_key(&a), "example.com");
        assert!(same_resource(&a, &Url::parse("https://u:p@example.com:8443/x#top").unwrap()));
    }

    #[test]
    fn credentials_are_hidden() {
        assert_eq!(redact_userinfo("http://user:pass@host.test/a@b"), "http://***@host.test/a@b");
        assert_eq!(redact_userinfo("https://tok@host.test"), "https://***@host.test");
        assert_eq!(redact_userinfo("http://a:b@c@host.test:81/?q=@"), "http://***@host.test:81/?q=@");
        assert_eq!(redact_userinfo("http://host.test/p?email=a@b"), "http://host.test/p?email=a@b");
        assert_eq!(redact_userinfo("not a url @ all"), "not a url @ all");
        let err = parse_url("ftp://user:secret@host.test/").unwrap_err().to_string();
        assert!(!err.contains("secret") && err.contains("***@host.test"), "{err}");
        let url = without_userinfo(Url::parse("http://u:p@h.test/x").unwrap());
        assert_eq!(url.as_str(), "http://h.test/x");
    }
}
