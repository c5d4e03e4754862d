//! Text helpers for metadata: dates, names, title suffixes, language codes.

use std::sync::LazyLock;

use regex::Regex;

/// Month names and abbreviations as bylines write them.
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

static VISIBLE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b",
    )
    .expect("static regex")
});

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$",
    )
    .expect("static regex")
});

/// Finds a visible date such as "September 14, 2020" or "Sept. 4, 2020" and returns
/// `2020-09-14`.
pub fn find_visible_date(text: &str) -> Option<String> {
    let c = VISIBLE_DATE.captures(text)?;
    let month_name = c["month"].to_ascii_lowercase();
    let month = MONTHS.iter().find(|(p, _)| month_name.starts_with(p))?.1;
    let day: u32 = c["day"].parse().ok()?;
    let year: u32 = c["year"].parse().ok()?;
    valid_ymd(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether `text` holds a visible date.
pub fn has_visible_date(text: &str) -> bool {
    VISIBLE_DATE.is_match(text)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && (1900..=2100).contains(&y)
}

/// Normalises a machine-readable date (meta, JSON-LD, `<time datetime>`) to ISO 8601 as the
/// page states it: a date stays a date; a date-time keeps its offset (or has none).
pub fn iso_datetime(s: &str) -> Option<String> {
    let s = s.trim();
    let c = ISO_DATE.captures(s)?;
    let date = &c["date"];
    let y: u32 = date[0..4].parse().ok()?;
    let m: u32 = date[5..7].parse().ok()?;
    let d: u32 = date[8..10].parse().ok()?;
    if !valid_ymd(y, m, d) {
        return None;
    }
    let Some(h) = c.name("h") else { return Some(date.to_string()) };
    let mut out = format!("{date}T{}:{}:{}", h.as_str(), &c["m"], c.name("s").map_or("00", |s| s.as_str()));
    if let Some(tz) = c.name("tz") {
        let tz = tz.as_str();
        if tz == "Z" || tz.contains(':') {
            out.push_str(tz);
        } else {
            out.push_str(&format!("{}:{}", &tz[..3], &tz[3..]));
        }
    }
    Some(out)
}

static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\(\s*@?[A-Za-z0-9_]{1,30}\s*\)\s*$|\s+@[A-Za-z0-9_]{1,30}\s*$").expect("static regex")
});
static BY_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(written\s+)?by[:\s]+").expect("static regex"));

/// A clean author name: no "By", no `(@handle)`, whitespace collapsed.
pub fn clean_person_name(s: &str) -> String {
    let s = crate::dom::normalize_space(s);
    let s = BY_PREFIX.replace(&s, "");
    let s = HANDLE.replace(&s, "");
    s.trim_matches(|c: char| c == ',' || c == '•' || c == '|' || c.is_whitespace()).to_string()
}

/// Splits "A, B and C" into names.
pub fn split_names(s: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*").expect("static regex"));
    SEP.split(s).map(clean_person_name).filter(|n| !n.is_empty()).collect()
}

/// Splits a credit "Executive Editor Mathew Schwartz" into (name, role) using job words:
/// the role is everything up to and including the last job word.
pub fn split_role_name(s: &str, role_words: &[String]) -> (String, Option<String>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let last_role =
        words.iter().rposition(|w| role_words.iter().any(|r| r.eq_ignore_ascii_case(w.trim_end_matches(','))));
    match last_role {
        Some(i) if i + 1 < words.len() => {
            let role = words[..=i].join(" ");
            let name = words[i + 1..].join(" ");
            (clean_person_name(&name), Some(role.trim_end_matches(',').to_string()))
        }
        _ => (clean_person_name(s), None),
    }
}

/// The suffix of a `<title>` after the last separator, a guess at the site name.
pub fn title_suffix(title: &str) -> Option<String> {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(pos) = title.rfind(sep) {
            let tail = title[pos + sep.len()..].trim();
            if !tail.is_empty() && tail.split_whitespace().count() <= 4 {
                return Some(tail.to_string());
            }
        }
    }
    None
}

/// Normalises a language tag: `en_us` → `en-US`, `EN` → `en`.
pub fn normalize_lang(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-').filter(|p| !p.is_empty());
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for p in parts {
        if !p.chars().all(|c| c.is_ascii_alphanumeric()) || p.len() > 8 {
            break;
        }
        out.push('-');
        if p.len() == 2 {
            out.push_str(&p.to_ascii_uppercase());
        } else if p.len() == 4 {
            let mut cs = p.chars();
            if let Some(f) = cs.next() {
                out.push(f.to_ascii_uppercase());
                out.push_str(&cs.as_str().to_ascii_lowercase());
            }
        } else {
            out.push_str(&p.to_ascii_lowercase());
        }
    }
    Some(out)
}

/// ISO 639-1 codes for whatlang's ISO 639-3 codes, where one exists.
pub fn iso639_1(code3: &str) -> &str {
    const MAP: &[(&str, &str)] = &[
        ("eng", "en"),
        ("deu", "de"),
        ("fra", "fr"),
        ("spa", "es"),
        ("ita", "it"),
        ("por", "pt"),
        ("nld", "nl"),
        ("pol", "pl"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "nb"),
        ("fin", "fi"),
        ("hun", "hu"),
        ("ron", "ro"),
        ("bul", "bg"),
        ("ell", "el"),
        ("tur", "tr"),
        ("ara", "ar"),
        ("heb", "he"),
        ("pes", "fa"),
        ("hin", "hi"),
        ("ben", "bn"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("vie", "vi"),
        ("tha", "th"),
        ("ind", "id"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("slv", "sl"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("cat", "ca"),
        ("epo", "eo"),
        ("afr", "af"),
        ("urd", "ur"),
    ];
    MAP.iter().find(|(a, _)| *a == code3).map_or(code3, |(_, b)| b)
}

/// `text.unicode_words().count()`, faster: the text is cut where UAX #29 always breaks
/// (before a space or line feed that follows a visible ASCII character: no word rule joins
/// across it, and no rule looks back over it), and runs of pieces of ASCII and plain
/// punctuation ([`plain_punctuation_at`]) are counted by [`ascii_words`] instead of
/// unicode-segmentation.
pub fn count_words(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let b = text.as_bytes();
    // Most texts are one such run.
    if only_ascii_and_plain_punctuation(text) {
        return ascii_words(b);
    }
    let (mut count, mut run_start, mut run_ascii, mut piece_start, mut piece_ascii) = (0, 0, true, 0, true);
    for k in 0..=b.len() {
        let cut = k == b.len() || (matches!(b[k], b' ' | b'\n') && k > 0 && b[k - 1].is_ascii_graphic());
        if cut {
            if piece_ascii != run_ascii {
                count += if run_ascii {
                    ascii_words(&b[run_start..piece_start])
                } else {
                    text[run_start..piece_start].unicode_words().count()
                };
                run_start = piece_start;
                run_ascii = piece_ascii;
            }
            piece_start = k;
            piece_ascii = true;
        }
        // A character's lead byte decides (its other bytes are 0x80–0xBF).
        if k < b.len() && b[k] >= 0xc0 && plain_punctuation_at(b, k).is_none() {
            piece_ascii = false;
        }
    }
    count + if run_ascii { ascii_words(&b[run_start..]) } else { text[run_start..].unicode_words().count() }
}

/// Whether `t` holds nothing but ASCII and plain punctuation ([`plain_punctuation_at`]): no
/// non-ASCII letter or other word character, so a Unicode word boundary (`\b`) falls where an
/// ASCII one (`(?-u:\b)`) does, which the regex engine's lazy DFA runs on any text.
pub(crate) fn only_ascii_and_plain_punctuation(t: &str) -> bool {
    let b = t.as_bytes();
    let mut k = 0;
    while k < b.len() {
        // Eight ASCII bytes at a time.
        if let Some(word) = b.get(k..k + 8).and_then(|w| <[u8; 8]>::try_from(w).ok())
            && u64::from_le_bytes(word) & 0x8080_8080_8080_8080 == 0
        {
            k += 8;
            continue;
        }
        if b[k] < 0x80 {
            k += 1;
            continue;
        }
        match plain_punctuation_at(b, k) {
            Some((width, _)) => k += width,
            None => return false,
        }
    }
    true
}

/// The plain punctuation character starting at byte `k` of `b`, if one does: its length in
/// bytes and the ASCII byte UAX #29 treats alike. Plain punctuation is the non-ASCII
/// punctuation of everyday text, which is all most pages hold beyond ASCII: the no-break space
/// U+00A0, the guillemets U+00AB and U+00BB, the dashes U+2013 and U+2014, the typographic
/// quotes U+2018, U+2019, U+201C, U+201D and U+201E, the bullet U+2022 and the ellipsis
/// U+2026. The single quotes are MidNumLet like `.` (they join two letters or two digits:
/// "don’t"); the others are of no word class (Other) like `-`: a word breaks on both sides.
#[inline]
fn plain_punctuation_at(b: &[u8], k: usize) -> Option<(usize, u8)> {
    let rest = b.get(k..)?;
    match rest {
        [0xc2, 0xa0 | 0xab | 0xbb, ..] => Some((2, b'-')),
        [0xe2, 0x80, 0x98 | 0x99, ..] => Some((3, b'.')),
        [0xe2, 0x80, 0x93 | 0x94 | 0x9c | 0x9d | 0x9e | 0xa2 | 0xa6, ..] => Some((3, b'-')),
        _ => None,
    }
}

/// `unicode_words().count()` of text made of ASCII and plain punctuation, by the UAX #29
/// word rules as they apply there: letters, digits and `_` (ExtendNumLet) join one another
/// (WB5, WB8–WB10, WB13a, WB13b); a single `:`, `.`, `'` or typographic single quote joins two
/// letters (WB6, WB7), a single `,`, `;`, `.`, `'` or typographic single quote two digits
/// (WB11, WB12); everything else breaks, and a word counts when it holds a letter or a digit
/// (`_` alone is no word).
fn ascii_words(b: &[u8]) -> usize {
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let (mut count, mut i) = (0, 0);
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let mut alphanumeric = false;
        loop {
            while i < b.len() && is_word(b[i]) {
                alphanumeric |= b[i] != b'_';
                i += 1;
            }
            // A single joiner between two letters or two digits continues the word.
            let (mid, width) = match b.get(i) {
                Some(&c) if c >= 0x80 => plain_punctuation_at(b, i).map_or((b'-', 1), |(width, like)| (like, width)),
                Some(&c) => (c, 1),
                None => break,
            };
            if let Some(&next) = b.get(i + width) {
                let prev = b[i - 1];
                let letters =
                    prev.is_ascii_alphabetic() && next.is_ascii_alphabetic() && matches!(mid, b':' | b'.' | b'\'');
                let digits =
                    prev.is_ascii_digit() && next.is_ascii_digit() && matches!(mid, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += width;
                    continue;
                }
            }
            break;
        }
        count += usize::from(alphanumeric);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_counts_as_unicode_words() {
        use unicode_segmentation::UnicodeSegmentation;
        let pieces = [
            "a",
            "Word",
            "don't",
            "3.14",
            "1,000",
            "e.g.",
            "a:b",
            "_x_",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "\t",
            ".",
            ",",
            "'",
            "\"",
            ":",
            "é",
            "cafe\u{301}",
            "\u{301}",
            "\u{200d}",
            "\u{2060}",
            "👍",
            "👨\u{200d}👩",
            "🇫🇷🇩🇪",
            "\u{3000}",
            "\u{a0}",
            "\u{2019}",
            "\u{201c}",
            "don\u{2019}t",
            "3\u{2019}4",
            "\u{2026}",
            "\u{2013}",
            "カタカナ",
            "中文",
            "עִבְרִית",
            "ב\"ג",
            "x\u{200d}",
            "-",
            "—",
            "$5",
            "#1",
        ];
        // Every sequence of up to three pieces, then longer pseudo-random ones.
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(count_words(t), t.unicode_words().count(), "{t:?}");
        }
    }

    #[test]
    fn ascii_words_counts_as_unicode_words() {
        use unicode_segmentation::UnicodeSegmentation;
        // Every text of up to four characters of this alphabet (each word-rule class of
        // ASCII, and the plain punctuation), then longer pseudo-random ones over all of ASCII
        // and the plain punctuation.
        let alphabet = [
            "a", "Z", "0", "9", "_", ":", ".", "'", ";", ",", "\"", " ", "\n", "\r", "\t", "-", "\u{2019}", "\u{2018}",
            "\u{201c}", "\u{a0}", "\u{2014}",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        let mut level: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(level.iter().cloned());
        }
        let mut seed = 11u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..16 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let r = (seed >> 33) as usize;
                match r % 4 {
                    0 => t.push(char::from((r / 4 % 128) as u8)),
                    1 => t.push_str(PLAIN_PUNCTUATION[r / 4 % PLAIN_PUNCTUATION.len()]),
                    _ => t.push_str(alphabet[r / 4 % alphabet.len()]),
                }
            }
            texts.push(t);
        }
        for s in &texts {
            assert_eq!(ascii_words(s.as_bytes()), s.unicode_words().count(), "{s:?}");
            assert_eq!(count_words(s), s.unicode_words().count(), "{s:?}");
        }
    }

    #[test]
    fn only_ascii_and_plain_punctuation_as_the_characters_say() {
        let plain = |t: &str| t.chars().all(|c| c.is_ascii() || PLAIN_PUNCTUATION.contains(&c.to_string().as_str()));
        let long = "The council voted, 12 to 3, on Tuesday ";
        for t in [
            String::new(),
            long.to_string(),
            format!("{long}\u{2019}{long}\u{201c}x\u{201d}"),
            format!("{long}{long}caf\u{e9}"),
            format!("\u{e9}{long}"),
            format!("{long}\u{2014}\u{a0}\u{2026}"),
            format!("{}\u{2018}\u{4e2d}", &long[..7]),
            "\u{2019}".to_string(),
        ] {
            assert_eq!(only_ascii_and_plain_punctuation(&t), plain(&t), "{t:?}");
        }
    }

    /// The plain punctuation, one character each, as `plain_punctuation_at` has it.
    const PLAIN_PUNCTUATION: &[&str] = &[
        "\u{a0}", "\u{ab}", "\u{bb}", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}", "\u{201c}", "\u{201d}",
        "\u{201e}", "\u{2022}", "\u{2026}",
    ];

    /// `plain_punctuation_at` knows exactly the characters above, by UTF-8 lead byte and all,
    /// and gives the single quotes `.`'s word class, the others `-`'s: checked against
    /// unicode-segmentation between letters and between digits.
    #[test]
    fn plain_punctuation_is_what_it_says() {
        use unicode_segmentation::UnicodeSegmentation;
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            let found = plain_punctuation_at(s.as_bytes(), 0);
            assert_eq!(found.is_some(), PLAIN_PUNCTUATION.contains(&s.as_str()), "{:x}", c as u32);
            if let Some((width, like)) = found {
                assert_eq!(width, s.len());
                for (x, y) in [("ab", "cd"), ("12", "34")] {
                    let ascii = format!("{x}{}{y}", char::from(like));
                    let plain = format!("{x}{s}{y}");
                    assert_eq!(plain.unicode_words().count(), ascii.unicode_words().count(), "{:x}", c as u32);
                }
            }
        }
    }

    #[test]
    fn visible_dates() {
        assert_eq!(find_visible_date("Prajeet Nair • September 14, 2020").as_deref(), Some("2020-09-14"));
        assert_eq!(find_visible_date("Sept. 4, 2021 12:00").as_deref(), Some("2021-09-04"));
        assert_eq!(find_visible_date("Feb 30, 2021"), None);
        assert_eq!(find_visible_date("no date"), None);
    }

    #[test]
    fn iso_dates_keep_what_the_page_states() {
        assert_eq!(iso_datetime("2020-09-14").as_deref(), Some("2020-09-14"));
        assert_eq!(iso_datetime("2021-11-21T19:30:00-05:00").as_deref(), Some("2021-11-21T19:30:00-05:00"));
        assert_eq!(iso_datetime("2021-11-21 19:30").as_deref(), Some("2021-11-21T19:30:00"));
        assert_eq!(iso_datetime("2021-11-21T19:30:00+0100").as_deref(), Some("2021-11-21T19:30:00+01:00"));
        assert_eq!(iso_datetime("yesterday"), None);
    }

    #[test]
    fn names() {
        assert_eq!(clean_person_name("By Mathew J. Schwartz (euroinfosec)"), "Mathew J. Schwartz");
        assert_eq!(clean_person_name("Jane Doe (@janedoe_sec)"), "Jane Doe");
        assert_eq!(
            split_names("Alice Example, Bob Sample and Chandra Test"),
            ["Alice Example", "Bob Sample", "Chandra Test"]
        );
        let roles = vec!["Editor".to_string()];
        assert_eq!(
            split_role_name("Executive Editor Mathew Schwartz", &roles),
            ("Mathew Schwartz".to_string(), Some("Executive Editor".to_string()))
        );
    }

    #[test]
    fn titles_and_langs() {
        assert_eq!(title_suffix("A Story About Things - DataBreachToday").as_deref(), Some("DataBreachToday"));
        assert_eq!(normalize_lang("en_us").as_deref(), Some("en-US"));
        assert_eq!(normalize_lang("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_lang("!!"), None);
    }
}
