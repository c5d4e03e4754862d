//! Character references left in a value after the parse: pages that escape a title or a
//! description twice (`&amp;#8217;` in the source) show `&#8217;` where a reader sees `’`.

use std::borrow::Cow;

/// Named references decoded a second time: those a page's own escaping produces.
const NAMED_REFERENCES: &[(&str, char)] =
    &[("amp", '&'), ("quot", '"'), ("apos", '\''), ("lt", '<'), ("gt", '>'), ("nbsp", '\u{a0}')];

/// `text` with the character references still in it decoded once: numeric ones (`&#8217;`,
/// `&#x2019;`) and the [`NAMED_REFERENCES`]. Text without them is returned as it is.
pub(crate) fn decode_again(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

/// The character a reference at the start of `s` stands for, and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';').filter(|&e| e >= 2)?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        NAMED_REFERENCES.iter().find(|(n, _)| *n == body).map(|(_, c)| *c)?
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_left_by_a_second_escaping_are_decoded() {
        assert_eq!(
            decode_again("It&#8217;s &#x2019;here&#039; &amp; &quot;there&quot;"),
            "It\u{2019}s \u{2019}here' & \"there\""
        );
        assert_eq!(decode_again("AT&T, a & b, &unknown; &#xZZ; &#0; &"), "AT&T, a & b, &unknown; &#xZZ; &#0; &");
        assert!(matches!(decode_again("plain"), Cow::Borrowed(_)));
        assert_eq!(decode_again("&amp;amp;"), "&amp;");
    }
}
