//! The metadata scorer's normalisation rules, each a port of the reference scorer's function of
//! the same name with Python's semantics (Unicode `\s`, `\w`, `str.strip`, `str.casefold`, NFKC,
//! `re.IGNORECASE` letter matching).
//!
//! Values are JSON values as the gold and prediction files hold them; `None` stands for a
//! missing key or `null`, and a value that is not a string is first turned into Python's
//! `str()` of it ([`py_str`]).

use std::collections::BTreeSet;

use serde_json::Value;
use unicode_general_category::{GeneralCategory as Gc, get_general_category};
use unicode_normalization::UnicodeNormalization;

use super::casefold::push_folded;
use crate::eval::pytext::{is_space, is_word_char, normalize_space, strip};

/// A set of normalised names or items (`frozenset` in the reference).
pub type NormSet = BTreeSet<String>;

/// Typographic variants folded to ASCII after NFKC (which already folds NBSP, full-width forms
/// and the ellipsis); `None` drops the character (zero-width characters, soft hyphen).
fn fold(c: char) -> Option<Option<char>> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{2039}' | '\u{203a}' => Some('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => Some('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
        _ => return None,
    })
}

/// Python's `unicodedata.category(c)[0] == 'P'`.
fn is_punctuation(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::ConnectorPunctuation
            | Gc::DashPunctuation
            | Gc::OpenPunctuation
            | Gc::ClosePunctuation
            | Gc::InitialPunctuation
            | Gc::FinalPunctuation
            | Gc::OtherPunctuation
    )
}

/// `norm_text(s)`: NFKC, typographic quotes and dashes folded to ASCII, zero-width characters
/// dropped, whitespace collapsed, case-folded, punctuation and spaces stripped at both ends.
/// `None` for no value or an empty result.
pub fn norm_text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::Null => return None,
        Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
        other => std::borrow::Cow::Owned(py_str(other)),
    };
    norm_str(&s)
}

/// [`norm_text`] of a string.
pub fn norm_str(s: &str) -> Option<String> {
    let folded: String = s
        .nfkc()
        .filter_map(|c| match fold(c) {
            Some(replacement) => replacement,
            None => Some(c),
        })
        .collect();
    let mut out = String::with_capacity(folded.len());
    for c in normalize_space(&folded).chars() {
        push_folded(c, &mut out);
    }
    let edge = |c: char| is_punctuation(c) || is_space(c);
    let trimmed = out.trim_matches(edge);
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Python truthiness of a JSON value (`None`, `False`, `0`, `""`, `[]`, `{}` are false).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
        Some(Value::Bool(true)) => true,
    }
}

/// `norm_names(names)` / `norm_items(items)`: a string, or each item of a list, through
/// [`norm_text`], as a set; `None` when empty. (Python iterates an object's keys; a number, a
/// type error there, is no value here.)
pub fn norm_set(v: Option<&Value>) -> Option<NormSet> {
    if !truthy(v) {
        return None;
    }
    let out: NormSet = match v? {
        Value::String(s) => norm_str(s).into_iter().collect(),
        Value::Array(items) => items.iter().filter_map(|x| norm_text(Some(x))).collect(),
        Value::Object(m) => m.keys().filter_map(|k| norm_str(k)).collect(),
        _ => return None,
    };
    (!out.is_empty()).then_some(out)
}

/// Python's `\d` for `str`: a decimal digit of any script (general category Nd), with its value.
fn decimal_value(s: &str, at: usize) -> Option<u32> {
    let c = s[at..].chars().next()?;
    if c.is_ascii_digit() {
        return Some(u32::from(c) - u32::from('0'));
    }
    if get_general_category(c) != Gc::DecimalNumber {
        return None;
    }
    // Decimal digits come in contiguous runs of ten, zero first: the value is the distance from
    // the start of the run of consecutive Nd code points, modulo ten.
    let mut start = u32::from(c);
    while let Some(prev) = start.checked_sub(1).and_then(char::from_u32) {
        if get_general_category(prev) != Gc::DecimalNumber {
            break;
        }
        start -= 1;
    }
    Some((u32::from(c) - start) % 10)
}

/// `norm_date(s)`: `YYYY-MM-DD` of an ISO 8601 date or date-time as written (`^\s*(\d{4})-
/// (\d{1,2})-(\d{1,2})`, no time-zone conversion, `2022-11-1` → `2022-11-01`); anything else
/// becomes `?` + the stripped text, which never equals a date. `None` for no value.
pub fn norm_date(v: Option<&Value>) -> Option<String> {
    let raw = match v? {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => py_str(other),
    };
    let s = strip(&raw);
    if s.is_empty() {
        return None;
    }
    Some(match parse_date_prefix(s) {
        Some((year, month, day)) => format!("{year}-{month:02}-{day:02}"),
        None => format!("?{s}"),
    })
}

/// The year (as written), month and day of `\d{4}-\d{1,2}-\d{1,2}` at the start of `s`.
fn parse_date_prefix(s: &str) -> Option<(&str, u32, u32)> {
    let mut at = 0;
    for _ in 0..4 {
        decimal_value(s, at)?;
        at += s[at..].chars().next()?.len_utf8();
    }
    let year = &s[..at];
    let number = |at: &mut usize| -> Option<u32> {
        let mut value = None;
        for _ in 0..2 {
            let Some(d) = decimal_value(s, *at) else { break };
            value = Some(value.unwrap_or(0) * 10 + d);
            *at += s[*at..].chars().next().map_or(1, char::len_utf8);
        }
        value
    };
    if !s[at..].starts_with('-') {
        return None;
    }
    at += 1;
    let month = number(&mut at)?;
    if !s[at..].starts_with('-') {
        return None;
    }
    at += 1;
    let day = number(&mut at)?;
    Some((year, month, day))
}

/// The separators between a headline and a site name in a title.
const AFFIX_SEPARATORS: &str = "|-:·•»«/\\~_[]()@,";

/// Python's `[\W_]`: not a word character, or `_`.
fn is_nonword(c: char) -> bool {
    c == '_' || !is_word_char(c)
}

/// `title_affix_match(pred, gold)`: the lenient title test. Equal normalised titles, or the
/// longer is the shorter plus a leading or trailing segment whose run of non-word characters
/// next to the shorter holds a separator, the shorter at least 30 % of the longer.
pub fn title_affix_match(pred: Option<&Value>, gold: Option<&Value>) -> bool {
    let (Some(p), Some(g)) = (norm_text(pred), norm_text(gold)) else { return false };
    if p == g {
        return true;
    }
    let (lp, lg) = (p.chars().count(), g.chars().count());
    let (short, long, ls, ll) = if lp < lg { (&p, &g, lp, lg) } else { (&g, &p, lg, lp) };
    if (ls as f64) < 0.3 * ll as f64 {
        return false;
    }
    let has_separator = |run: &str| !run.is_empty() && run.chars().any(|c| AFFIX_SEPARATORS.contains(c));
    if let Some(rest) = long.strip_prefix(short.as_str()) {
        let end = rest.find(|c: char| !is_nonword(c)).unwrap_or(rest.len());
        if has_separator(&rest[..end]) {
            return true;
        }
    }
    if let Some(rest) = long.strip_suffix(short.as_str()) {
        let start =
            rest.rfind(|c: char| !is_nonword(c)).map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
        if has_separator(&rest[start..]) {
            return true;
        }
    }
    false
}

/// Whether `c` matches the ASCII lowercase letter `letter` under Python's `re.IGNORECASE` for
/// `str` patterns (which also lets `İ` and `ı` match `i`, `ſ` match `s` and the Kelvin sign
/// match `k`).
pub(super) fn ci_letter(c: char, letter: char) -> bool {
    c.to_ascii_lowercase() == letter
        || match letter {
            'i' => c == '\u{130}' || c == '\u{131}',
            's' => c == '\u{17f}',
            'k' => c == '\u{212a}',
            _ => false,
        }
}

/// The end of `word` matched case-insensitively at the start of `s`, if it is there.
fn ci_word(s: &str, word: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if !ci_letter(c, w) {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// The end of the run of Python whitespace starting at byte `at`.
fn skip_space(s: &str, at: usize) -> usize {
    s[at..].find(|c: char| !is_space(c)).map_or(s.len(), |i| at + i)
}

/// `_BY_PREFIX`: `^(?:written\s+by|posted\s+by|by|par|von|por|door|av)\s*:?\s+`, ignoring case;
/// the byte length of the match.
fn by_prefix(s: &str) -> Option<usize> {
    const LEADS: [&[&str]; 8] =
        [&["written", "by"], &["posted", "by"], &["by"], &["par"], &["von"], &["por"], &["door"], &["av"]];
    'lead: for words in LEADS {
        let mut at = 0;
        for (k, word) in words.iter().enumerate() {
            if k > 0 {
                let after = skip_space(s, at);
                if after == at {
                    continue 'lead;
                }
                at = after;
            }
            match ci_word(&s[at..], word) {
                Some(n) => at += n,
                None => continue 'lead,
            }
        }
        // `\s*:?\s+`: the colon needs space after it; without one the spaces before it must do.
        let q = skip_space(s, at);
        if s[q..].starts_with(':') {
            let r = skip_space(s, q + 1);
            if r > q + 1 {
                return Some(r);
            }
        }
        if q > at {
            return Some(q);
        }
    }
    None
}

/// Whether `t` is all of `\s*\((?:@?[\w.\-]+|https?://[^)]*)\)\s*` (a trailing handle or link).
fn is_trailing_handle(t: &str) -> bool {
    let t = t.trim_start_matches(is_space);
    let Some(inner) = t.strip_prefix('(') else { return false };
    let Some(close) = inner.find(')') else { return false };
    let (content, after) = (&inner[..close], &inner[close + 1..]);
    if !after.chars().all(is_space) {
        return false;
    }
    let handle = content.strip_prefix('@').unwrap_or(content);
    let is_handle = !handle.is_empty() && handle.chars().all(|c| is_word_char(c) || c == '.' || c == '-');
    is_handle || content.starts_with("http://") || content.starts_with("https://")
}

/// `_TRAIL_HANDLE.sub('', s)`: cuts a trailing `(@handle)` or `(http…)` and the spaces around.
fn cut_trailing_handle(s: &str) -> &str {
    for (i, c) in s.char_indices() {
        if (is_space(c) || c == '(') && is_trailing_handle(&s[i..]) {
            return &s[..i];
        }
    }
    s
}

/// Python's `\b` at byte `at` of `s`: a word character on exactly one side.
fn word_boundary(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back().is_some_and(is_word_char);
    let after = s[at..].chars().next().is_some_and(is_word_char);
    before != after
}

/// The byte length of a separator of `_SPLIT` at the start of `s[at..]`: one of `, ; | & 、 ，`
/// or the word `and`, `et` or `und` (any case) between word boundaries.
fn separator_at(s: &str, at: usize) -> Option<usize> {
    let c = s[at..].chars().next()?;
    if matches!(c, ',' | ';' | '|' | '&' | '、' | '，') {
        return Some(c.len_utf8());
    }
    if !word_boundary(s, at) {
        return None;
    }
    ["and", "et", "und"].iter().filter_map(|w| ci_word(&s[at..], w)).find(|&n| word_boundary(s, at + n))
}

/// `_SPLIT.split(s)`: the parts between separators (spaces around a separator go with it).
fn split_names(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut part_start, mut at) = (0, 0);
    while at < s.len() {
        let q = skip_space(s, at);
        if let Some(n) = (q < s.len()).then(|| separator_at(s, q)).flatten() {
            parts.push(&s[part_start..at]);
            at = skip_space(s, q + n);
            part_start = at;
        } else if q > at {
            at = q;
        } else {
            at += s[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(&s[part_start..]);
    parts
}

/// `_CREDENTIAL`: a degree or licence after a name.
fn is_credential(s: &str) -> bool {
    matches!(
        s,
        "MA" | "MS" | "MSc" | "MD" | "PhD" | "Ph.D" | "Ph.D." | "RN" | "MPH" | "MBA" | "DO" | "DDS" | "JD" | "BSN"
    )
}

/// Python's `str.splitlines()` boundaries.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `split_byline(s)`: a free byline to person names. The first non-empty line only (a line that
/// is just "By" joins the next); a leading "By", "Written by", "Posted by", "Par", "Von", "Por",
/// "Door" or "Av" and a trailing "(@handle)" or "(http…)" removed; split on `, ; | & 、 ，` and
/// the words and / et / und; credentials dropped. `None` when nothing is left.
pub fn split_byline(s: &str) -> Option<Vec<String>> {
    let lines: Vec<String> = s.split(is_line_break).map(normalize_space).filter(|l| !l.is_empty()).collect();
    let first_line = match lines.as_slice() {
        [] => return None,
        [first, second, ..]
            if matches!(first.to_lowercase().as_str(), "by" | "par" | "von" | "por" | "written by" | "posted by") =>
        {
            format!("{first} {second}")
        }
        [first, ..] => first.clone(),
    };
    let first = &first_line[by_prefix(&first_line).unwrap_or(0)..];
    let first = cut_trailing_handle(first);
    let names: Vec<String> = split_names(first)
        .into_iter()
        .map(strip)
        .filter(|n| !n.is_empty() && !is_credential(n))
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// Python's `str()` of a JSON value: a string itself, anything else its `repr()`.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of the value `json.loads` gives for `v`.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(x)) => py_float_repr(x),
            _ => n.to_string(),
        },
        Value::String(s) => py_str_repr(s),
        Value::Array(items) => format!("[{}]", items.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter().map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `repr(float)`: the shortest round-trip digits, positional for decimal exponents -4 to 15,
/// else `d.ddde±XX`.
fn py_float_repr(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "nan".into()
        } else if x > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{body}")
    } else {
        let frac = if digits.len() > 1 { format!(".{}", &digits[1..]) } else { String::new() };
        format!("{sign}{}{frac}e{}{:02}", &digits[..1], if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// `repr(str)`: single quotes unless the text has one and no double quote; backslash escapes
/// for the quote, `\\`, `\t`, `\n`, `\r` and characters Python does not print.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let cp = u32::from(c);
                if cp < 0x100 {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp < 0x10000 {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` of one character: not a control, format, surrogate, private-use,
/// unassigned or separator character, except the space.
fn is_printable(c: char) -> bool {
    c == ' '
        || !matches!(
            get_general_category(c),
            Gc::Control
                | Gc::Format
                | Gc::Surrogate
                | Gc::PrivateUse
                | Gc::Unassigned
                | Gc::LineSeparator
                | Gc::ParagraphSeparator
                | Gc::SpaceSeparator
        )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.to_string())
    }

    fn names(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn norm_text_follows_the_reference_selftest() {
        assert_eq!(
            norm_text(Some(&s("  \u{201c}Hello\u{201d} \u{2013} World!  "))).as_deref(),
            Some("hello\" - world")
        );
        assert_eq!(norm_text(Some(&s("Stra\u{df}e\u{a0}X"))).as_deref(), Some("strasse x"));
        assert_eq!(norm_text(Some(&s(" \u{200b} "))), None);
        assert_eq!(norm_text(None), None);
        assert_eq!(norm_text(Some(&Value::Null)), None);
        // NFKC first (the ligature and full-width letters), then edge punctuation of any script.
        assert_eq!(norm_text(Some(&s("«ﬁＮＥ»"))).as_deref(), Some("fine"));
        assert_eq!(norm_text(Some(&s("¿Qué?"))).as_deref(), Some("qué"));
        // Not a string: Python's str() of it.
        assert_eq!(norm_text(Some(&json!(12))).as_deref(), Some("12"));
        assert_eq!(norm_text(Some(&json!(["A", 1.5]))).as_deref(), Some("a', 1.5"));
    }

    #[test]
    fn dates_are_read_as_written() {
        let d = |x: &str| norm_date(Some(&s(x)));
        assert_eq!(d("2019-10-19T19:08:22+02:00").as_deref(), Some("2019-10-19"));
        assert_eq!(d("2022-11-1").as_deref(), Some("2022-11-01"));
        assert_eq!(d(" 2022-1-123").as_deref(), Some("2022-01-12"));
        assert_eq!(d("19.10.2019").as_deref(), Some("?19.10.2019"));
        assert_eq!(d("2019-101-1").as_deref(), Some("?2019-101-1"));
        // Python's \d is any decimal digit; the year is kept as written, month and day are ints.
        assert_eq!(d("٢٠١٩-٠٣-٠٤").as_deref(), Some("٢٠١٩-03-04"));
        assert_eq!(d("  "), None);
        assert_eq!(norm_date(Some(&Value::Null)), None);
    }

    #[test]
    fn bylines_split_like_the_reference() {
        assert_eq!(
            split_byline("Von Roland Brockmann und Sebastian Drescher"),
            names(&["Roland Brockmann", "Sebastian Drescher"])
        );
        assert_eq!(
            split_byline("Sarah Hinger; Sylvia Torres-Guillén"),
            names(&["Sarah Hinger", "Sylvia Torres-Guillén"])
        );
        assert_eq!(split_byline("By\n  Jane Doe (@jdoe)\n  March 3, 2015"), names(&["Jane Doe"]));
        assert_eq!(split_byline("Ann Lee, PhD"), names(&["Ann Lee"]));
        assert_eq!(split_byline("WRITTEN  BY: Ann & Bo (https://x.example/a b)"), names(&["Ann", "Bo"]));
        // "and" only between word boundaries; "By" only as a word followed by a space.
        assert_eq!(split_byline("Brand Anderson and Byron"), names(&["Brand Anderson", "Byron"]));
        assert_eq!(split_byline("By:Ann"), names(&["By:Ann"]));
        assert_eq!(split_byline("By :Ann"), names(&[":Ann"]));
        assert_eq!(split_byline("Par  Jean et Marie、Li，Wu"), names(&["Jean", "Marie", "Li", "Wu"]));
        assert_eq!(split_byline("\n \n"), None);
        assert_eq!(split_byline(", PhD ,"), None);
    }

    #[test]
    fn lenient_titles_need_a_separator_and_thirty_percent() {
        let m = |p: &str, g: &str| title_affix_match(Some(&s(p)), Some(&s(g)));
        assert!(m("Bohren, bis es heiß wird | ZEIT ONLINE", "Bohren, bis es heiß wird"));
        assert!(m("ZEIT ONLINE: Bohren, bis es heiß wird", "Bohren, bis es heiß wird"));
        assert!(!m("Medium", "Some headline - Author - Medium"));
        assert!(!m("Bohren bis", "Bohren bis es heiß wird"));
        assert!(m("Headline [LWN.net]", "headline"));
        assert!(m("新闻标题_科技_腾讯网", "新闻标题"));
        assert!(!m("Headline and more", "Headline"));
    }

    #[test]
    fn sets_ignore_case_edges_and_duplicates() {
        let want: NormSet = ["heike buchter".to_string()].into();
        assert_eq!(norm_set(Some(&json!(["Heike BUCHTER.", "heike buchter"]))), Some(want));
        assert_eq!(norm_set(Some(&json!("One"))).map(|x| x.len()), Some(1));
        assert_eq!(norm_set(Some(&json!([]))), None);
        assert_eq!(norm_set(Some(&json!(["", " - "]))), None);
        assert_eq!(norm_set(Some(&json!(0))), None);
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_float_repr(1.5), "1.5");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(py_float_repr(1e15), "1000000000000000.0");
        assert_eq!(py_float_repr(0.0001), "0.0001");
        assert_eq!(py_float_repr(1.25e-5), "1.25e-05");
        assert_eq!(py_float_repr(-2.0), "-2.0");
        assert_eq!(py_repr(&json!({"a": [true, null, "it's"]})), "{'a': [True, None, \"it's\"]}");
        assert_eq!(py_str_repr("a\u{0}b\u{a0}"), "'a\\x00b\\xa0'");
    }
}
