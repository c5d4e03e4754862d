//! Bytes to text: BOM, then the HTTP charset, then `<meta charset>` / `http-equiv`, then
//! detection (`chardetng`). Also tells binary and non-HTML input from a page.

use std::borrow::Cow;
use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

use crate::error::ExtractError;

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The HTTP `Content-Type` charset.
    Http,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">`.
    Meta,
    /// Statistical detection.
    Detected,
}

/// Decoded page text.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// How it was chosen.
    pub source: EncodingSource,
    /// Some bytes were invalid in the encoding and became U+FFFD.
    pub had_errors: bool,
}

/// How many bytes the meta prescan looks at. The HTML standard says 1024; real pages put the
/// tag later (after long comments or scripts), so look further, as browsers' fallbacks do.
const META_PRESCAN_BYTES: usize = 8 * 1024;
/// How many bytes the detector is fed: enough for a confident guess, bounded for speed.
const DETECTION_BYTES: usize = 256 * 1024;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("static regex")
});

/// Decodes page bytes. `http_charset` is the `charset=` of an HTTP header, when fetched.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Decoded<'a> {
    let (encoding, source, bom_len) = if let Some((enc, len)) = Encoding::for_bom(bytes) {
        (enc, EncodingSource::Bom, len)
    } else if let Some(enc) = http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        (html_compatible(enc), EncodingSource::Http, 0)
    } else if let Some(enc) = meta_charset(bytes) {
        (enc, EncodingSource::Meta, 0)
    } else {
        (detect(bytes), EncodingSource::Detected, 0)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    Decoded { text, encoding, source, had_errors }
}

/// `text/html; charset=ISO-8859-1` → `ISO-8859-1`.
pub(crate) fn charset_of_content_type(ct: &str) -> Option<String> {
    ct.split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

/// The charset a `<meta>` tag near the top declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    META_CHARSET
        .captures_iter(head)
        .filter_map(|c| c.get(1))
        .find_map(|m| Encoding::for_label(m.as_bytes()))
        .map(html_compatible)
}

/// A page cannot really be UTF-16 once its meta tag was readable as ASCII: the HTML
/// standard maps such a declaration to UTF-8, and `x-user-defined` to windows-1252.
fn html_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    }
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(DETECTION_BYTES)];
    if std::str::from_utf8(sample).is_ok() || valid_utf8_but_cut(sample) {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Allow)
}

/// Valid UTF-8 except that the sample cut a multi-byte sequence at its end.
fn valid_utf8_but_cut(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}

/// File signatures of common non-HTML formats, checked before decoding.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"RIFF", "a RIFF (audio/video/WebP) file"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
];

/// Rejects input that is empty or clearly not an HTML page, before any parsing.
pub fn check_input(bytes: &[u8]) -> Result<(), ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    if let Some((_, what)) = BINARY_SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(ExtractError::NotHtml { reason: format!("the input is {what}") });
    }
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let utf16 = matches!(Encoding::for_bom(bytes), Some((e, _)) if e != UTF_8);
    if !utf16 {
        let controls =
            head.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))).count();
        if controls > 0 && controls * 20 > head.len().min(4096) || head.contains(&0) && controls > 8 {
            return Err(ExtractError::NotHtml { reason: "the input is binary (control bytes near the start)".into() });
        }
    }
    Ok(())
}

/// How many characters at the start of a page [`check_markup`] looks at.
const MARKUP_HEAD_CHARS: usize = 64 * 1024;

/// After decoding: a page must have some markup (a tag start, `<` then a letter, `!`, `/` or
/// `?`, within its first [`MARKUP_HEAD_CHARS`] characters).
pub fn check_markup(text: &str) -> Result<(), ExtractError> {
    let b = text.as_bytes();
    // The first tag start; the characters before it are counted only when it lies further
    // than MARKUP_HEAD_CHARS bytes in (a character is at least one byte).
    let first = memchr::memchr_iter(b'<', b)
        .find(|&p| b.get(p + 1).is_some_and(|&c| c.is_ascii_alphabetic() || matches!(c, b'!' | b'/' | b'?')));
    let has_tag =
        first.is_some_and(|p| p + 2 <= MARKUP_HEAD_CHARS || text[..p + 2].chars().count() <= MARKUP_HEAD_CHARS);
    if !has_tag {
        return Err(ExtractError::NotHtml { reason: "no HTML markup in the input".into() });
    }
    match xml_document_kind(text) {
        Some(what) => Err(ExtractError::NotHtml { reason: format!("the input is {what}, not a web page") }),
        None => Ok(()),
    }
}

/// XML documents that are no page, by the name of their root element (lower case): feeds
/// and sitemaps, which sites serve beside their pages and crawls pick up.
const XML_DOCUMENT_ROOTS: &[(&str, &str)] = &[
    ("rss", "an RSS feed"),
    ("rdf:rdf", "an RSS 1.0 (RDF) feed"),
    ("feed", "an Atom feed"),
    ("urlset", "a sitemap"),
    ("sitemapindex", "a sitemap index"),
];

/// What XML document `text` is, when its first element is one of [`XML_DOCUMENT_ROOTS`]: the
/// XML declaration, processing instructions (`<?xml-stylesheet?>`), comments and a doctype
/// before it are skipped.
fn xml_document_kind(text: &str) -> Option<&'static str> {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r']);
    loop {
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|e| e + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<!") {
            rest.find('>').map(|e| e + 1)
        } else {
            break;
        };
        rest = rest[end?..].trim_start();
    }
    let name = rest.strip_prefix('<')?;
    let name_end = name.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(name.len());
    let name = name[..name_end].to_ascii_lowercase();
    XML_DOCUMENT_ROOTS.iter().find(|(root, _)| *root == name).map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_and_sitemaps_are_not_pages() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<!-- generator: blog -->
<rss version="2.0"><channel><title>News</title><item><title>A</title><description>&lt;p&gt;Text&lt;/p&gt;</description></item></channel></rss>"#;
        let atom =
            "\u{feff}<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title></feed>";
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>"#;
        let sitemap = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>"#;
        for (doc, what) in [(rss, "RSS feed"), (atom, "Atom feed"), (rdf, "RDF"), (sitemap, "sitemap")] {
            match check_markup(doc) {
                Err(ExtractError::NotHtml { reason }) => assert!(reason.contains(what), "{reason}"),
                other => panic!("{what}: {other:?}"),
            }
        }
        // XHTML, and pages that mention feeds, are pages.
        for page in [
            r#"<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>"#,
            "<!DOCTYPE html><html><head><link rel=alternate type=application/rss+xml href=/rss></head></html>",
            "<p>Our <code>&lt;feed&gt;</code> element</p>",
            "<feedback>a custom element</feedback>",
        ] {
            assert!(check_markup(page).is_ok(), "{page}");
        }
    }

    #[test]
    fn bom_wins_over_meta() {
        let bytes = b"\xef\xbb\xbf<meta charset=windows-1252><p>\xc3\xa9</p>";
        let d = decode(bytes, None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source, EncodingSource::Bom);
        assert!(d.text.contains("<p>é</p>"));
    }

    #[test]
    fn http_charset_wins_over_meta() {
        let d = decode(b"<meta charset=utf-8><p>\xe9</p>", Some("iso-8859-1"));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(d.source, EncodingSource::Http);
        assert!(d.text.contains("<p>é</p>"));
    }

    #[test]
    fn http_equiv_content_type_is_read() {
        let d = decode(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93q\x94 \x80</p>",
            None,
        );
        assert_eq!(d.source, EncodingSource::Meta);
        assert!(d.text.contains("<p>\u{201c}q\u{201d} \u{20ac}</p>"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let page =
            "<html><body><p>Le café était très fréquenté près de la gare, où les élèves déjeunaient.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = decode(&bytes, None);
        assert_eq!(d.source, EncodingSource::Detected);
        assert_eq!(d.text, page);
    }

    #[test]
    fn meta_utf16_means_utf8() {
        let d = decode(b"<meta charset=utf-16><p>\xc3\xa9</p>", None);
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn binary_and_empty_are_rejected() {
        assert!(matches!(check_input(b"  \n\t"), Err(ExtractError::Empty)));
        assert!(matches!(check_input(b"%PDF-1.7 ..."), Err(ExtractError::NotHtml { .. })));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(check_input(&noise), Err(ExtractError::NotHtml { .. })));
        assert!(check_input(b"<p>hello</p>").is_ok());
        assert!(check_markup("just some words").is_err());
        assert!(check_markup("text then <p>a tag</p>").is_ok());
        // Only the first 64 Ki characters count.
        let late = format!("{}<p>", "é".repeat(MARKUP_HEAD_CHARS - 2));
        assert!(check_markup(&late).is_ok());
        let too_late = format!("{}<p>", "é".repeat(MARKUP_HEAD_CHARS - 1));
        assert!(check_markup(&too_late).is_err());
        assert!(check_markup("a < b, c <").is_err());
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(charset_of_content_type("text/html; charset=\"ISO-8859-1\"").as_deref(), Some("ISO-8859-1"));
        assert_eq!(charset_of_content_type("text/html"), None);
    }
}
