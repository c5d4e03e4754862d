//! The descriptions and site names a page states itself, found as the reference scorer finds
//! them: the page decoded by its policy ([`decode_html`]), then Python's `html.parser.
//! HTMLParser` (3.11) tokenizing it ([`Tokenizer`], a port of the parts that decide which tags
//! are seen: start tags and their attributes, end tags, comments, declarations, processing
//! instructions, and the raw text of `script` and `style`). An exception in the reference
//! parser (an unknown marked-section keyword) ends the scan with what was found so far, as the
//! reference does.
//!
//! Kept: `<meta name|property="…" content="…">` keys naming a description (any of
//! [`DESCRIPTION_KEYS`] among the space-separated keys) or `og:site_name`; and in each
//! `<script type="application/ld+json">` the `description` and `publisher.name` of objects whose
//! `@type` names an article, posting, report or web page, top level or in `@graph`.

use std::sync::LazyLock;

use serde_json::Value;

use super::rules::{ci_letter, norm_str};
use super::unescape::unescape;
use crate::eval::pytext::{is_space, normalize_space, strip};

/// `<meta>` keys that state the page's description (`itemprop` metas are left out: they
/// describe whatever item they sit in).
pub const DESCRIPTION_KEYS: [&str; 10] = [
    "description",
    "og:description",
    "twitter:description",
    "dc:description",
    "dc.description",
    "dcterm:description",
    "dcterms:description",
    "dcterms.description",
    "weibo:article:description",
    "weibo:webpage:description",
];

/// Decodes page bytes by the peers' policy: a byte-order mark, else a `charset=` label in the
/// first 4 KiB (UTF-16 labels read as UTF-8; ISO-8859-1, Latin-1 and ASCII as Windows-1252),
/// else UTF-8 if valid, else Windows-1252. Undecodable bytes become U+FFFD.
///
/// A label is read as Python's codec registry reads it (case and punctuation folded: `EUC_KR`
/// is `euc-kr`); Latin-1 and ASCII labels that escaped the rule above decode as those codecs
/// do; other labels are looked up in the WHATWG table, whose single-byte decoders are Python's
/// (their unassigned bytes give U+FFFD) and whose multi-byte East Asian decoders stand in for
/// Python's (they agree on valid text). A label only one of the two registries knows is the
/// remaining difference.
pub fn decode_html(bytes: &[u8]) -> String {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i-u)charset[ \t]*=[ \t"']*([A-Za-z0-9_:.\-]+)"#).expect("valid pattern")
    });
    for (bom, encoding) in [
        (&b"\xef\xbb\xbf"[..], encoding_rs::UTF_8),
        (&b"\xff\xfe"[..], encoding_rs::UTF_16LE),
        (&b"\xfe\xff"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding.decode_without_bom_handling(rest).0.into_owned();
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(label) = CHARSET.captures(head).and_then(|c| c.get(1)) {
        let mut label = String::from_utf8_lossy(label.as_bytes()).to_ascii_lowercase();
        if label.starts_with("utf-16") {
            label = "utf-8".into();
        }
        if matches!(label.as_str(), "iso-8859-1" | "latin1" | "latin-1" | "us-ascii" | "ascii") {
            label = "cp1252".into();
        }
        let label = if label == "cp1252" { "windows-1252" } else { label.as_str() };
        let python_name = python_codec_name(label);
        if PYTHON_LATIN_1.contains(&python_name.as_str()) {
            return bytes.iter().map(|&b| char::from(b)).collect();
        }
        if PYTHON_ASCII.contains(&python_name.as_str()) {
            return bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { '\u{fffd}' }).collect();
        }
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
            .or_else(|| encoding_rs::Encoding::for_label(python_name.replace('_', "-").as_bytes()));
        if let Some(encoding) = encoding {
            return decode_with(encoding, bytes);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => decode_with(encoding_rs::WINDOWS_1252, bytes),
    }
}

/// Python's names for its Latin-1 codec (`encodings.aliases`, and the codec's own name).
const PYTHON_LATIN_1: [&str; 13] = [
    "latin_1",
    "8859",
    "cp819",
    "csisolatin1",
    "ibm819",
    "iso8859",
    "iso8859_1",
    "iso_8859_1",
    "iso_8859_1_1987",
    "iso_ir_100",
    "l1",
    "latin",
    "latin1",
];

/// Python's names for its ASCII codec.
const PYTHON_ASCII: [&str; 13] = [
    "ascii",
    "646",
    "ansi_x3.4_1968",
    "ansi_x3.4_1986",
    "ansi_x3_4_1968",
    "cp367",
    "csascii",
    "ibm367",
    "iso646_us",
    "iso_646.irv_1991",
    "iso_ir_6",
    "us",
    "us_ascii",
];

/// `encodings.normalize_encoding` of a lowercased label: runs of characters other than ASCII
/// letters, digits and `.` become one `_` between names, none at the ends.
fn python_codec_name(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut punct = false;
    for c in label.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            out.push(c);
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

/// Decodes `bytes` as `encoding` with Python's replacement: a single-byte code page's unassigned
/// bytes (which WHATWG maps to the C1 control of the same number) give U+FFFD.
fn decode_with(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> String {
    let text = encoding.decode_without_bom_handling(bytes).0;
    if !encoding.is_single_byte() {
        return text.into_owned();
    }
    text.chars()
        .zip(bytes)
        .map(|(c, &b)| if b >= 0x80 && u32::from(c) == u32::from(b) && c < '\u{a0}' { '\u{fffd}' } else { c })
        .collect()
}

/// A start tag's attribute, as the reference parser reports it.
#[derive(Debug, Clone, PartialEq)]
struct Attribute {
    /// Lowercased name.
    name: String,
    /// Unquoted, entity-decoded value; `None` for a bare name.
    value: Option<String>,
}

/// What the page states: `<meta>` entries and the JSON-LD script texts, in page order.
#[derive(Debug, Default)]
struct Collected {
    /// `(key, content, via)`: the lowercased stripped `name`, `property` or `itemprop` value.
    metas: Vec<(String, String, &'static str)>,
    /// The text of each JSON-LD script that was closed.
    ld: Vec<String>,
    /// Inside a JSON-LD script, its text so far.
    ld_buffer: Option<String>,
}

impl Collected {
    fn start_tag(&mut self, tag: &str, attrs: &[Attribute]) {
        // Later duplicates of an attribute win; a bare attribute is "".
        let get = |name: &str| {
            attrs.iter().rev().find(|a| a.name.to_lowercase() == name).map(|a| a.value.as_deref().unwrap_or(""))
        };
        if tag == "meta" {
            for via in ["name", "property", "itemprop"] {
                let key = strip(get(via).unwrap_or("")).to_lowercase();
                if let (false, Some(content)) = (key.is_empty(), get("content")) {
                    self.metas.push((key, content.to_string(), via));
                }
            }
        } else if tag == "script" && strip(get("type").unwrap_or("")).to_lowercase() == "application/ld+json" {
            self.ld_buffer = Some(String::new());
        }
    }

    fn end_tag(&mut self, tag: &str) {
        if tag == "script"
            && let Some(text) = self.ld_buffer.take()
        {
            self.ld.push(text);
        }
    }

    fn data(&mut self, text: &str) {
        if let Some(buffer) = &mut self.ld_buffer {
            buffer.push_str(text);
        }
    }
}

/// Why the reference parser stopped with an exception.
struct ParseAbort;

/// The next char of `s` at byte `at`.
fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

fn next_boundary(s: &str, at: usize) -> usize {
    at + char_at(s, at).map_or(1, char::len_utf8)
}

/// The end of the longest run from `at` of characters satisfying `keep`.
fn skip_while(s: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    s[at..].find(|c: char| !keep(c)).map_or(s.len(), |i| at + i)
}

fn skip_space(s: &str, at: usize) -> usize {
    skip_while(s, at, is_space)
}

/// `[^\t\n\r\f />\x00]`: a tag-name character after the first.
fn is_tag_name_char(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | ' ' | '/' | '>' | '\0')
}

/// `(?:\s|/(?!>))*`: spaces and slashes not closing the tag.
fn skip_space_and_slashes(s: &str, mut at: usize) -> usize {
    loop {
        match char_at(s, at) {
            Some(c) if is_space(c) => at += c.len_utf8(),
            Some('/') if !s[at + 1..].starts_with('>') => at += 1,
            _ => return at,
        }
    }
}

/// `tagfind_tolerant` at `at`: `([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*`; the name's end
/// and the match's end.
fn tagfind(s: &str, at: usize) -> Option<(usize, usize)> {
    if !char_at(s, at)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = skip_while(s, at + 1, is_tag_name_char);
    Some((name_end, skip_space_and_slashes(s, name_end)))
}

/// The attribute value part `\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*)` at `at`, with the
/// choices a backtracking matcher makes: the value's start and end. An unclosed quote after
/// the spaces falls back to an empty value before the last space, or, with no space, to a bare
/// value starting at the last `=` of several.
fn attribute_value(s: &str, at: usize) -> Option<(usize, usize)> {
    let q = skip_space(s, at);
    let r = skip_while(s, q, |c| c == '=');
    if r == q {
        return None;
    }
    let bare = |t: usize| skip_while(s, t, |c| c != '>' && !is_space(c));
    let t = skip_space(s, r);
    match char_at(s, t) {
        Some(quote @ ('\'' | '"')) => {
            if let Some(close) = s[t + 1..].find(quote) {
                return Some((t, t + 1 + close + 1));
            }
            if t > r {
                // `\s*` gives back its last space: an empty bare value there.
                let last_space = s[..t].char_indices().next_back().map_or(t, |(i, _)| i);
                Some((last_space, last_space))
            } else if r - q >= 2 {
                // `=+` gives back its last `=`, which starts a bare value.
                Some((r - 1, bare(r - 1)))
            } else {
                None
            }
        }
        _ => Some((t, bare(t))),
    }
}

/// Whether an attribute name may start at `at`: `(?<=['"\s/])[^\s/>]`.
fn attribute_starts(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    before.is_some_and(|c| c == '\'' || c == '"' || c == '/' || is_space(c))
        && char_at(s, at).is_some_and(|c| c != '/' && c != '>' && !is_space(c))
}

/// The end of an attribute name starting at `at`: one character, then `[^\s/=>]*`.
fn attribute_name_end(s: &str, at: usize) -> usize {
    skip_while(s, next_boundary(s, at), |c| !matches!(c, '/' | '=' | '>') && !is_space(c))
}

/// `locatestarttagend_tolerant` at `i` (a `<` and a letter): where the tag's attributes end.
fn locate_start_tag_end(s: &str, i: usize) -> usize {
    let mut at = skip_while(s, i + 2, is_tag_name_char);
    at = skip_while(s, at, |c| c == '/' || is_space(c));
    while attribute_starts(s, at) {
        at = attribute_name_end(s, at);
        if let Some((_, end)) = attribute_value(s, at) {
            at = skip_space(s, end);
        }
        at = skip_space_and_slashes(s, at);
    }
    skip_space(s, at)
}

/// `attrfind_tolerant` at `at`: the attribute and the match's end.
fn attrfind(s: &str, at: usize) -> Option<(Attribute, usize)> {
    if !attribute_starts(s, at) {
        return None;
    }
    let name_end = attribute_name_end(s, at);
    let name = s[at..name_end].to_lowercase();
    let (value, end) = match attribute_value(s, name_end) {
        Some((start, end)) => {
            let mut v = &s[start..end];
            for quote in ['\'', '"'] {
                if v.starts_with(quote) && v.ends_with(quote) {
                    v = if v.len() >= 2 { &v[1..v.len() - 1] } else { "" };
                    break;
                }
            }
            (Some(unescape(v).into_owned()), end)
        }
        None => (None, name_end),
    };
    Some((Attribute { name, value }, skip_space_and_slashes(s, end)))
}

/// Finds `</\s*NAME\s*>` from `from`, `NAME` matched ignoring case as Python's `re.I` does:
/// the start of the match.
fn find_end_tag(s: &str, from: usize, name: &str) -> Option<usize> {
    let mut search = from;
    while let Some(i) = s[search..].find("</").map(|k| search + k) {
        let mut at = skip_space(s, i + 2);
        let mut ok = true;
        for letter in name.chars() {
            match char_at(s, at) {
                Some(c) if ci_letter(c, letter) => at += c.len_utf8(),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && s[skip_space(s, at)..].starts_with('>') {
            return Some(i);
        }
        search = i + 1;
    }
    None
}

/// Finds `first \s* … >` patterns: the end of the first match of `open`, optional spaces, each
/// of `then` (with spaces between), from `from`. Used for `--\s*>`, `]\s*]\s*>`, `]\s*>`.
fn find_closer(s: &str, from: usize, open: &str, then: &[char]) -> Option<usize> {
    let mut search = from;
    while let Some(i) = s.get(search..)?.find(open).map(|k| search + k) {
        let mut at = i + open.len();
        let mut ok = true;
        for &c in then {
            at = skip_space(s, at);
            if char_at(s, at) == Some(c) {
                at += c.len_utf8();
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(at);
        }
        search = i + 1;
    }
    None
}

/// A port of `html.parser.HTMLParser` (CPython 3.11, `convert_charrefs=True`) that reports
/// start tags, end tags and the raw text of `script` and `style`.
struct Tokenizer<'a> {
    raw: &'a str,
    /// `script` or `style` while in its raw text.
    cdata_elem: Option<&'static str>,
    out: Collected,
}

impl<'a> Tokenizer<'a> {
    /// `feed(raw)` then `close()`: the loop without the end-of-input flag until it stops for
    /// more input, then with it from there.
    fn run(raw: &'a str) -> Collected {
        let mut t = Tokenizer { raw, cdata_elem: None, out: Collected::default() };
        if let Ok(stopped_at) = t.goahead(0, false) {
            let _ = t.goahead(stopped_at, true);
        }
        t.out
    }

    /// `goahead(end)` from `i`: the position it stopped at.
    fn goahead(&mut self, mut i: usize, end: bool) -> Result<usize, ParseAbort> {
        let raw = self.raw;
        let n = raw.len();
        while i < n {
            let j = match self.cdata_elem {
                None => match raw[i..].find('<') {
                    Some(k) => i + k,
                    // The rest is text (or waits for more input): no tag in it either way.
                    None => n,
                },
                Some(elem) => match find_end_tag(raw, i, elem) {
                    Some(j) => j,
                    None => break,
                },
            };
            if i < j && self.cdata_elem.is_some() {
                self.out.data(&raw[i..j]);
            }
            i = j;
            if i == n {
                break;
            }
            // Every stop of the scan above is at a `<`.
            let rest = &raw[i..];
            let k = if rest.len() >= 2 && rest.as_bytes()[1].is_ascii_alphabetic() {
                self.parse_starttag(i)
            } else if rest.starts_with("</") {
                self.parse_endtag(i)
            } else if rest.starts_with("<!--") {
                parse_comment(raw, i)
            } else if rest.starts_with("<?") {
                raw[i + 2..].find('>').map(|k| i + 2 + k + 1)
            } else if rest.starts_with("<!") {
                parse_html_declaration(raw, i)?
            } else if i + 1 < n {
                Some(i + 1)
            } else {
                break;
            };
            i = match k {
                Some(k) => k,
                None if !end => break,
                None => {
                    // At the end of input an unfinished construct is text up to the next `>`
                    // (or `<`).
                    let k = match raw[i + 1..].find('>') {
                        Some(g) => i + 1 + g + 1,
                        None => raw[i + 1..].find('<').map_or(i + 1, |l| i + 1 + l),
                    };
                    if self.cdata_elem.is_some() {
                        self.out.data(&raw[i..k]);
                    }
                    k
                }
            };
        }
        Ok(i)
    }

    /// `parse_starttag(i)`: the end of the tag, `None` when it is unfinished.
    fn parse_starttag(&mut self, i: usize) -> Option<usize> {
        let raw = self.raw;
        let endpos = self.check_for_whole_start_tag(i)?;
        let (name_end, mut k) = tagfind(raw, i + 1)?;
        let tag = raw[i + 1..name_end].to_lowercase();
        let mut attrs = Vec::new();
        while k < endpos {
            let Some((attr, next)) = attrfind(raw, k) else { break };
            attrs.push(attr);
            k = next;
        }
        let end = raw.get(k..endpos).map_or("", strip);
        if end != ">" && end != "/>" {
            // Junk in the tag: the whole of it is text.
            if self.cdata_elem.is_some() {
                self.out.data(&raw[i..endpos]);
            }
            return Some(endpos);
        }
        self.out.start_tag(&tag, &attrs);
        if end.ends_with("/>") {
            self.out.end_tag(&tag);
        } else if tag == "script" {
            self.cdata_elem = Some("script");
        } else if tag == "style" {
            self.cdata_elem = Some("style");
        }
        Some(endpos)
    }

    /// `check_for_whole_start_tag(i)`.
    fn check_for_whole_start_tag(&self, i: usize) -> Option<usize> {
        let raw = self.raw;
        let j = locate_start_tag_end(raw, i);
        match char_at(raw, j) {
            Some('>') => Some(j + 1),
            Some('/') if raw[j..].starts_with("/>") => Some(j + 2),
            // A `/` not closing the tag, the end of input, or a letter or `=` where the
            // attributes stopped: wait for more input.
            None | Some('/' | '=') => None,
            Some(c) if c.is_ascii_alphabetic() => None,
            Some(_) => Some(if j > i { j } else { i + 1 }),
        }
    }

    /// `parse_endtag(i)`.
    fn parse_endtag(&mut self, i: usize) -> Option<usize> {
        let raw = self.raw;
        let gtpos = i + 1 + raw[i + 1..].find('>')? + 1;
        match end_tag_name(raw, i) {
            Some(name) => {
                let elem = name.to_lowercase();
                if let Some(cdata) = self.cdata_elem
                    && elem != cdata
                {
                    self.out.data(&raw[i..gtpos]);
                    return Some(gtpos);
                }
                self.out.end_tag(&elem);
                self.cdata_elem = None;
                Some(gtpos)
            }
            None => {
                if self.cdata_elem.is_some() {
                    self.out.data(&raw[i..gtpos]);
                    return Some(gtpos);
                }
                match tagfind(raw, i + 2) {
                    Some((name_end, match_end)) => {
                        let tag = raw[i + 2..name_end].to_lowercase();
                        let gt = match_end + raw[match_end..].find('>')?;
                        self.out.end_tag(&tag);
                        Some(gt + 1)
                    }
                    None if raw[i..].starts_with("</>") => Some(i + 3),
                    // A bogus comment up to the next `>`.
                    None => raw[i + 2..].find('>').map(|p| i + 2 + p + 1),
                }
            }
        }
    }
}

/// `endtagfind` at `i`: `</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>`, the name.
fn end_tag_name(s: &str, i: usize) -> Option<&str> {
    let start = skip_space(s, i + 2);
    if !char_at(s, start)?.is_ascii_alphabetic() {
        return None;
    }
    let end = skip_while(s, start + 1, |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '_'));
    s[skip_space(s, end)..].starts_with('>').then(|| &s[start..end])
}

/// `parse_comment(i)`: the end of `<!-- … -->` (`--\s*>`).
fn parse_comment(s: &str, i: usize) -> Option<usize> {
    find_closer(s, i + 4, "--", &['>'])
}

/// `parse_html_declaration(i)`: comments, marked sections, `<!DOCTYPE …>`, bogus comments.
fn parse_html_declaration(s: &str, i: usize) -> Result<Option<usize>, ParseAbort> {
    let rest = &s[i..];
    if rest.starts_with("<!--") {
        Ok(parse_comment(s, i))
    } else if rest.starts_with("<![") {
        parse_marked_section(s, i)
    } else if rest.len() >= 9 && rest.as_bytes()[..9].eq_ignore_ascii_case(b"<!doctype") {
        Ok(s[i + 9..].find('>').map(|g| i + 9 + g + 1))
    } else {
        Ok(s[i + 2..].find('>').map(|p| i + 2 + p + 1))
    }
}

/// `parse_marked_section(i)`: `<![NAME … ]]>` for the SGML keywords, `<![if …]>` for MS
/// Office's; another keyword, or no name, is the reference parser's exception.
fn parse_marked_section(s: &str, i: usize) -> Result<Option<usize>, ParseAbort> {
    let at = i + 3;
    if at == s.len() {
        return Ok(None);
    }
    // `_scan_name`: `[a-zA-Z][-_.a-zA-Z0-9]*\s*`, and not running to the end of input.
    if !char_at(s, at).is_some_and(|c| c.is_ascii_alphabetic()) {
        return Err(ParseAbort);
    }
    let name_end = skip_while(s, at + 1, |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if skip_space(s, name_end) == s.len() {
        return Ok(None);
    }
    match s[at..name_end].to_ascii_lowercase().as_str() {
        "temp" | "cdata" | "ignore" | "include" | "rcdata" => Ok(find_closer(s, at, "]", &[']', '>'])),
        "if" | "else" | "endif" => Ok(find_closer(s, at, "]", &['>'])),
        _ => Err(ParseAbort),
    }
}

/// Whether an `@type` names an object whose description describes the page.
fn is_page_type(t: &str) -> bool {
    ["Article", "Posting", "Report", "APIReference", "WebPage"].iter().any(|k| t.contains(k))
}

/// `_ld_walk`: descriptions and publisher names of page-describing objects, lists and `@graph`
/// followed.
fn ld_walk(v: &Value, descriptions: &mut Vec<String>, sites: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| ld_walk(x, descriptions, sites)),
        Value::Object(m) => {
            let types = match m.get("@type") {
                Some(Value::Array(ts)) => ts.iter().collect(),
                other => vec![other.unwrap_or(&Value::Null)],
            };
            if types.iter().any(|t| t.as_str().is_some_and(is_page_type)) {
                if let Some(Value::String(d)) = m.get("description") {
                    descriptions.push(d.clone());
                }
                let publishers = match m.get("publisher") {
                    Some(Value::Array(ps)) => ps.iter().collect(),
                    other => vec![other.unwrap_or(&Value::Null)],
                };
                for p in publishers {
                    if let Some(Value::String(name)) = p.get("name") {
                        sites.push(name.clone());
                    }
                }
            }
            if let Some(graph @ Value::Array(_)) = m.get("@graph") {
                ld_walk(graph, descriptions, sites);
            }
        }
        _ => {}
    }
}

/// `_dedup`: entity-decoded (again), whitespace-collapsed, the first of each normalised text.
fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for v in values {
        let d = normalize_space(&unescape(&v));
        if let Some(key) = norm_str(&d)
            && seen.insert(key)
        {
            out.push(d);
        }
    }
    out
}

/// Strips a CDATA wrapper: `^\s*<!\[CDATA\[` and `\]\]>\s*$` of the stripped text.
fn strip_cdata(raw: &str) -> &str {
    let mut s = strip(raw);
    if let Some(rest) = s.strip_prefix("<![CDATA[") {
        s = rest;
    }
    if let Some(rest) = s.strip_suffix("]]>") {
        s = rest;
    }
    s
}

/// `page_stated(text)`: the descriptions and site names the page states, in page order,
/// deduplicated on their normalised text.
pub fn page_stated(text: &str) -> (Vec<String>, Vec<String>) {
    let collected = Tokenizer::run(text);
    let (mut descriptions, mut sites) = (Vec::new(), Vec::new());
    for (key, content, via) in collected.metas {
        if via == "itemprop" {
            continue;
        }
        let keys: Vec<&str> = key.split(is_space).filter(|k| !k.is_empty()).collect();
        if keys.iter().any(|k| DESCRIPTION_KEYS.contains(k)) {
            descriptions.push(content.clone());
        }
        if keys.contains(&"og:site_name") {
            sites.push(content);
        }
    }
    for raw in &collected.ld {
        if let Ok(v) = serde_json::from_str::<Value>(strip_cdata(raw)) {
            ld_walk(&v, &mut descriptions, &mut sites);
        }
    }
    (dedup(descriptions), dedup(sites))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(tag: &str) -> Vec<(String, Option<String>)> {
        let t = Tokenizer { raw: tag, cdata_elem: None, out: Collected::default() };
        let end = t.check_for_whole_start_tag(0).expect("whole tag");
        let (_, mut k) = tagfind(tag, 1).expect("name");
        let mut out = Vec::new();
        while k < end {
            let Some((a, next)) = attrfind(tag, k) else { break };
            out.push((a.name, a.value));
            k = next;
        }
        out
    }

    fn a(name: &str, value: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), value.map(str::to_string))
    }

    #[test]
    fn attributes_are_read_like_python() {
        // Expected values from CPython 3.11 `HTMLParser` (`handle_starttag`'s attrs).
        assert_eq!(
            attrs("<meta name=\"description\" CONTENT='A &amp; B' data-x=y/z checked>"),
            [a("name", Some("description")), a("content", Some("A & B")), a("data-x", Some("y/z")), a("checked", None)]
        );
        assert_eq!(attrs("<meta a = \"x\"b='y'>"), [a("a", Some("x")), a("b", Some("y"))]);
        assert_eq!(attrs("<a b==c>"), [a("b", Some("c"))]);
        assert_eq!(attrs("<a b= 'c d>"), [a("b", Some("")), a("'c", None), a("d", None)]);
        // An unclosed quote right after `=`: not a whole tag (at the end of input, text).
        let t = Tokenizer { raw: "<a b='>", cdata_elem: None, out: Collected::default() };
        assert_eq!(t.check_for_whole_start_tag(0), None);
        assert!(Tokenizer::run("<meta name='description content=x>").metas.is_empty());
    }

    #[test]
    fn collects_metas_and_json_ld() {
        let page = r#"<!DOCTYPE html><html><head>
            <!-- <meta name="description" content="commented out"> -->
            <meta property="og:description twitter:description" content="One &amp;amp; two">
            <meta itemprop="description" content="an item's">
            <meta name="og:site_name" content="Site">
            <script>var s = "<meta name='description' content='in a script'>";</script>
            <script type="application/ld+json">//<![CDATA[
            {"@graph": [{"@type": ["NewsArticle"], "description": "From LD", "publisher": {"name": "Pub"}}]}
            </script>
            <script type="application/ld+json"><![CDATA[{"@type": "Person", "description": "no"}]]></script>
            </head></html>"#;
        let (descriptions, sites) = page_stated(page);
        assert_eq!(descriptions, ["One & two"]);
        assert_eq!(sites, ["Site"]);
        let page =
            r#"<script type="application/ld+json"><![CDATA[{"@type": "WebPage", "description": "x"}]]></script>"#;
        assert_eq!(page_stated(page).0, ["x"]);
        // An unknown marked-section keyword ends the scan (the reference raises).
        let page =
            r#"<meta name="description" content="before"><![foo[ x ]]><meta name="description" content="after">"#;
        assert_eq!(page_stated(page).0, ["before"]);
        // An unclosed script hides the rest.
        assert_eq!(page_stated(r#"<script><meta name="description" content="x">"#).0, Vec::<String>::new());
    }

    #[test]
    fn decodes_by_the_peers_policy() {
        assert_eq!(
            decode_html(b"<meta charset=\"iso-8859-1\">\x80\x81\xe9"),
            "<meta charset=\"iso-8859-1\">€\u{fffd}é"
        );
        assert_eq!(decode_html(b"caf\xc3\xa9"), "café");
        assert_eq!(decode_html(b"caf\xe9"), "café");
        assert_eq!(decode_html(b"\xef\xbb\xbfx\xff"), "x\u{fffd}");
        assert_eq!(decode_html(b"<meta charset=utf-16>caf\xe9"), "<meta charset=utf-16>caf\u{fffd}");
        assert_eq!(decode_html(b"<meta charset=nonsense>caf\xe9"), "<meta charset=nonsense>café");
        // Python's registry folds case and punctuation; its Latin-1 and ASCII are not cp1252.
        assert_eq!(decode_html(b"<meta charset=EUC_KR>\xb1\xb9"), "<meta charset=EUC_KR>국");
        assert_eq!(decode_html(b"<meta charset=latin_1>\x80\xe9"), "<meta charset=latin_1>\u{80}é");
        assert_eq!(decode_html(b"<meta charset=us_ascii>\xe9"), "<meta charset=us_ascii>\u{fffd}");
        assert_eq!(python_codec_name("--iso--8859.1-"), "iso_8859.1");
    }
}
