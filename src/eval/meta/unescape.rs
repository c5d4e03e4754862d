//! Python's `html.unescape`, exactly: every `&name;`, `&#nn;` and `&#xhh;` reference (the
//! semicolon optional), HTML5's named references (the legacy ones also without `;`, the longest
//! matching name first), numeric references mapped as HTML5 says (C1 controls as Windows-1252,
//! invalid code points dropped or replaced).

use std::borrow::Cow;

use html5ever::data::NAMED_ENTITIES;

/// What `&#0;`–`&#x9f;` stand for where they are not the code point: NUL is U+FFFD, CR stays,
/// and 0x80–0x9F are read as Windows-1252 (its five unassigned bytes as themselves).
fn invalid_charref(num: u32) -> Option<char> {
    const C1: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2c6}',
        '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}',
        '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}',
        '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
    ];
    match num {
        0 => Some('\u{fffd}'),
        0x0d => Some('\r'),
        0x80..=0x9f => Some(C1[(num - 0x80) as usize]),
        _ => None,
    }
}

/// Code points a reference to which gives nothing: controls, noncharacters.
fn is_invalid_codepoint(num: u32) -> bool {
    matches!(num, 0x1..=0x8 | 0xb | 0xe..=0x1f | 0x7f..=0x9f | 0xfdd0..=0xfdef) || num & 0xfffe == 0xfffe
}

/// The text of a named reference (`"amp;"`, or a legacy name without `;`), if HTML5 has it.
fn named(name: &str) -> Option<String> {
    match NAMED_ENTITIES.get(name) {
        Some(&(0, _)) | None => None,
        Some(&(a, b)) => {
            let mut s = String::new();
            s.extend(char::from_u32(a));
            if b != 0 {
                s.extend(char::from_u32(b));
            }
            Some(s)
        }
    }
}

/// The end of a reference's body after `&` at `s[start..]`, as `_charref` matches it:
/// `#[0-9]+;?`, `#[xX][0-9a-fA-F]+;?` or `[^\t\n\f <&#;]{1,32};?`.
fn reference_end(s: &str, start: usize) -> Option<usize> {
    let rest = &s[start..];
    let semicolon = |end: usize| if s[end..].starts_with(';') { end + 1 } else { end };
    if let Some(digits) = rest.strip_prefix('#') {
        let (hex, body) = match digits.strip_prefix(['x', 'X']) {
            Some(b) => (true, b),
            None => (false, digits),
        };
        let n =
            body.find(|c: char| !(if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })).unwrap_or(body.len());
        if n == 0 {
            return None;
        }
        return Some(semicolon(start + (rest.len() - body.len()) + n));
    }
    let mut end = start;
    for (count, c) in rest.chars().enumerate() {
        if count == 32 || matches!(c, '\t' | '\n' | '\u{c}' | ' ' | '<' | '&' | '#' | ';') {
            break;
        }
        end += c.len_utf8();
    }
    (end > start).then(|| semicolon(end))
}

/// `_replace_charref`: the text a reference body (after `&`) stands for.
fn replace(body: &str) -> Cow<'_, str> {
    if let Some(num) = body.strip_prefix('#') {
        let num = num.trim_end_matches(';');
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => hex.chars().try_fold(0u32, |acc, c| acc.checked_mul(16)?.checked_add(c.to_digit(16)?)),
            None => num.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(c.to_digit(10)?)),
        };
        // Past u32: far past U+10FFFF, which gives U+FFFD.
        let num = value.unwrap_or(u32::MAX);
        if let Some(c) = invalid_charref(num) {
            return Cow::Owned(c.to_string());
        }
        if (0xd800..=0xdfff).contains(&num) || num > 0x10ffff {
            return Cow::Borrowed("\u{fffd}");
        }
        if is_invalid_codepoint(num) {
            return Cow::Borrowed("");
        }
        return Cow::Owned(char::from_u32(num).map(String::from).unwrap_or_default());
    }
    if let Some(text) = named(body) {
        return Cow::Owned(text);
    }
    // The longest name that is a prefix (of at least two characters), the rest kept as it is.
    let bounds: Vec<usize> = body.char_indices().map(|(i, _)| i).skip(2).collect();
    for &cut in bounds.iter().rev() {
        if let Some(text) = named(&body[..cut]) {
            return Cow::Owned(text + &body[cut..]);
        }
    }
    Cow::Owned(format!("&{body}"))
}

/// `html.unescape(s)`.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut search = 0;
    while let Some(amp) = s[search..].find('&').map(|i| search + i) {
        match reference_end(s, amp + 1) {
            Some(end) => {
                out.push_str(&s[copied..amp]);
                out.push_str(&replace(&s[amp + 1..end]));
                copied = end;
                search = end;
            }
            None => search = amp + 1,
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn unescapes_like_python() {
        // Expected values from CPython 3.11 `html.unescape`.
        let cases = [
            ("Heart&#8217;s &amp; soul", "Heart\u{2019}s & soul"),
            ("&amp &ampx &notit; &notin; &copy2", "& &x ¬it; ∉ ©2"),
            ("&#x41;&#X42&#67;&#0;&#x80;&#1;&#xD800;&#99999999999;&#xfffe;", "ABC\u{fffd}€\u{fffd}\u{fffd}"),
            ("&bogus; & &; &# &#x; a&b", "&bogus; & &; &# &#x; a&b"),
            ("&NotNestedGreaterGreater;&fjlig;", "\u{2aa2}\u{338}fj"),
            ("&amp;amp;", "&amp;"),
        ];
        for (input, want) in cases {
            assert_eq!(unescape(input), want, "{input:?}");
        }
    }
}
