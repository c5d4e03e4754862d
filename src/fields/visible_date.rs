//! Dates written in visible text: a byline, a dateline, a "Published … / Updated …" line.
//!
//! [`find_dates`] reads every date of a short text in the formats and languages news pages
//! write them ("March 3, 2024", "3. März 2024", "3 de marzo de 2024", "03.03.2024",
//! "2024-03-03", "3 марта 2024", "2024年3月3日", "2024년 3월 3일", …), with an optional time
//! of day next to it, and tells the original publication from an update by the cue word
//! before it ("Published", "Updated", "Veröffentlicht", "Mis à jour", "Обновлено", "更新", …).
//! [`is_plausible`] is the check every candidate date of a page passes before it is used.
//!
//! The vocabularies (month names, weekday names, cue words) are the named tables at the top;
//! the mechanics below them only read the tables. Two-digit years ("03.03.24") are read only by
//! [`find_dates_in_dateline`], for an element already known to hold a date (a `date` or
//! `byline` class): in running text they are as often version numbers, scores or prices.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/// Month names by language, lower case: full names, the genitive forms Slavic languages use
/// after a day number ("3 марта", "3 września"), and the abbreviations bylines print (a dot
/// after an abbreviation is optional in the text). A spelling shared by several languages
/// ("mars", "juni", "mar") means the same month in each (a unit test checks it).
const MONTH_NAMES: &[(&str, &[(&str, u8)])] = &[
    (
        "English",
        &[
            ("january", 1),
            ("jan", 1),
            ("february", 2),
            ("feb", 2),
            ("march", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("may", 5),
            ("june", 6),
            ("jun", 6),
            ("july", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sept", 9),
            ("sep", 9),
            ("october", 10),
            ("oct", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
    ),
    (
        "German (with the Austrian Jänner and Feber)",
        &[
            ("januar", 1),
            ("jänner", 1),
            ("februar", 2),
            ("feber", 2),
            ("märz", 3),
            ("maerz", 3),
            ("mär", 3),
            ("mai", 5),
            ("juni", 6),
            ("juli", 7),
            ("oktober", 10),
            ("okt", 10),
            ("dezember", 12),
            ("dez", 12),
        ],
    ),
    (
        "French",
        &[
            ("janvier", 1),
            ("janv", 1),
            ("février", 2),
            ("fevrier", 2),
            ("févr", 2),
            ("fév", 2),
            ("mars", 3),
            ("avril", 4),
            ("avr", 4),
            ("juin", 6),
            ("juillet", 7),
            ("juil", 7),
            ("août", 8),
            ("aout", 8),
            ("septembre", 9),
            ("octobre", 10),
            ("novembre", 11),
            ("décembre", 12),
            ("decembre", 12),
            ("déc", 12),
        ],
    ),
    (
        "Spanish",
        &[
            ("enero", 1),
            ("ene", 1),
            ("febrero", 2),
            ("marzo", 3),
            ("abril", 4),
            ("abr", 4),
            ("mayo", 5),
            ("junio", 6),
            ("julio", 7),
            ("agosto", 8),
            ("ago", 8),
            ("septiembre", 9),
            ("setiembre", 9),
            ("octubre", 10),
            ("noviembre", 11),
            ("diciembre", 12),
            ("dic", 12),
        ],
    ),
    (
        "Italian",
        &[
            ("gennaio", 1),
            ("gen", 1),
            ("febbraio", 2),
            ("aprile", 4),
            ("maggio", 5),
            ("mag", 5),
            ("giugno", 6),
            ("giu", 6),
            ("luglio", 7),
            ("lug", 7),
            ("settembre", 9),
            ("set", 9),
            ("ottobre", 10),
            ("ott", 10),
            ("dicembre", 12),
        ],
    ),
    ("Dutch", &[("januari", 1), ("februari", 2), ("maart", 3), ("mrt", 3), ("mei", 5), ("augustus", 8)]),
    (
        "Portuguese",
        &[
            ("janeiro", 1),
            ("fevereiro", 2),
            ("fev", 2),
            ("março", 3),
            ("marco", 3),
            ("maio", 5),
            ("junho", 6),
            ("julho", 7),
            ("setembro", 9),
            ("outubro", 10),
            ("out", 10),
            ("novembro", 11),
            ("dezembro", 12),
        ],
    ),
    (
        "Polish (genitive, then nominative)",
        &[
            ("stycznia", 1),
            ("lutego", 2),
            ("marca", 3),
            ("kwietnia", 4),
            ("maja", 5),
            ("czerwca", 6),
            ("lipca", 7),
            ("sierpnia", 8),
            ("września", 9),
            ("października", 10),
            ("listopada", 11),
            ("grudnia", 12),
            ("styczeń", 1),
            ("luty", 2),
            ("marzec", 3),
            ("kwiecień", 4),
            ("maj", 5),
            ("czerwiec", 6),
            ("lipiec", 7),
            ("sierpień", 8),
            ("wrzesień", 9),
            ("październik", 10),
            ("listopad", 11),
            ("grudzień", 12),
        ],
    ),
    (
        "Czech (genitive)",
        &[
            ("ledna", 1),
            ("února", 2),
            ("března", 3),
            ("dubna", 4),
            ("května", 5),
            ("června", 6),
            ("července", 7),
            ("srpna", 8),
            ("září", 9),
            ("října", 10),
            ("listopadu", 11),
            ("prosince", 12),
        ],
    ),
    ("Swedish, Danish and Norwegian", &[("marts", 3), ("augusti", 8), ("desember", 12)]),
    (
        "Russian (genitive, nominative, abbreviations)",
        &[
            ("января", 1),
            ("февраля", 2),
            ("марта", 3),
            ("апреля", 4),
            ("мая", 5),
            ("июня", 6),
            ("июля", 7),
            ("августа", 8),
            ("сентября", 9),
            ("октября", 10),
            ("ноября", 11),
            ("декабря", 12),
            ("январь", 1),
            ("февраль", 2),
            ("март", 3),
            ("апрель", 4),
            ("май", 5),
            ("июнь", 6),
            ("июль", 7),
            ("август", 8),
            ("сентябрь", 9),
            ("октябрь", 10),
            ("ноябрь", 11),
            ("декабрь", 12),
            ("янв", 1),
            ("фев", 2),
            ("февр", 2),
            ("мар", 3),
            ("апр", 4),
            ("июн", 6),
            ("июл", 7),
            ("авг", 8),
            ("сен", 9),
            ("сент", 9),
            ("окт", 10),
            ("ноя", 11),
            ("нояб", 11),
            ("дек", 12),
        ],
    ),
    (
        "Ukrainian (genitive, nominative)",
        &[
            ("січня", 1),
            ("лютого", 2),
            ("березня", 3),
            ("квітня", 4),
            ("травня", 5),
            ("червня", 6),
            ("липня", 7),
            ("серпня", 8),
            ("вересня", 9),
            ("жовтня", 10),
            ("листопада", 11),
            ("грудня", 12),
            ("січень", 1),
            ("лютий", 2),
            ("березень", 3),
            ("квітень", 4),
            ("травень", 5),
            ("червень", 6),
            ("липень", 7),
            ("серпень", 8),
            ("вересень", 9),
            ("жовтень", 10),
            ("листопад", 11),
            ("грудень", 12),
        ],
    ),
    (
        "Turkish",
        &[
            ("ocak", 1),
            ("şubat", 2),
            ("mart", 3),
            ("nisan", 4),
            ("mayıs", 5),
            ("haziran", 6),
            ("temmuz", 7),
            ("ağustos", 8),
            ("eylül", 9),
            ("ekim", 10),
            ("kasım", 11),
            ("aralık", 12),
        ],
    ),
];

/// Weekday names that may stand right before a date ("Sunday, March 3, 2024", "Mo., 3. März
/// 2024"): the date's span takes them in, so that a caller cutting the date out of a byline
/// cuts them too. Lower case; a dot after an abbreviation is optional in the text.
const WEEKDAY_NAMES: &[&str] = &[
    // English
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    // German
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    // French
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    // Spanish and Portuguese
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    // Italian
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    // Dutch
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    // Polish
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
    // Swedish, Danish, Norwegian
    "måndag",
    "mandag",
    "tisdag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "lørdag",
    "söndag",
    "søndag",
    // Russian
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];

/// Words before a date that make it the original publication date, lower case. Matched as
/// whole words (a trailing "am", "le", "on", "el" … between the cue and the date is fine).
const PUBLISHED_CUES: &[&str] = &[
    // English
    "published",
    "first published",
    "publication date",
    "posted",
    "posted on",
    "created",
    "released",
    "originally published",
    // German
    "veröffentlicht",
    "publiziert",
    "erschienen",
    "erstellt",
    "datum der veröffentlichung",
    // French
    "publié",
    "publiée",
    "publié le",
    "mis en ligne",
    "mise en ligne",
    "date de publication",
    "créé",
    // Spanish and Portuguese
    "publicado",
    "publicada",
    "publicación",
    "fecha de publicación",
    "publicação",
    "criado",
    // Italian
    "pubblicato",
    "pubblicata",
    "pubblicazione",
    // Dutch
    "gepubliceerd",
    "geplaatst",
    // Polish
    "opublikowano",
    "opublikowany",
    "publikacja",
    "data publikacji",
    // Czech
    "publikováno",
    "vydáno",
    // Swedish, Danish, Norwegian
    "publicerad",
    "publiceret",
    "publisert",
    // Russian and Ukrainian
    "опубликовано",
    "опубликован",
    "дата публикации",
    "опубліковано",
    "дата публікації",
    // Turkish
    "yayınlanma",
    "yayınlandı",
    "yayın tarihi",
];

/// Words before a date that make it an update, not the original publication, lower case.
const UPDATED_CUES: &[&str] = &[
    // English
    "updated",
    "last updated",
    "last modified",
    "modified",
    "revised",
    "last revised",
    "edited",
    // German ("Stand" is the "as of" of a revised page)
    "aktualisiert",
    "zuletzt aktualisiert",
    "geändert",
    "zuletzt geändert",
    "letzte änderung",
    "letzte aktualisierung",
    "zuletzt bearbeitet",
    "stand",
    // French
    "mis à jour",
    "mise à jour",
    "modifié",
    "modifiée",
    "dernière modification",
    "actualisé",
    // Spanish and Portuguese
    "actualizado",
    "actualizada",
    "actualización",
    "modificado",
    "atualizado",
    "atualizada",
    "atualização",
    // Italian
    "aggiornato",
    "aggiornata",
    "aggiornamento",
    "modificato",
    "ultima modifica",
    // Dutch
    "bijgewerkt",
    "laatst bijgewerkt",
    "gewijzigd",
    // Polish
    "zaktualizowano",
    "aktualizacja",
    // Czech
    "aktualizováno",
    // Swedish, Danish, Norwegian
    "uppdaterad",
    "opdateret",
    "oppdatert",
    // Russian and Ukrainian
    "обновлено",
    "обновлен",
    "изменено",
    "оновлено",
    // Turkish
    "güncelleme",
    "güncellendi",
    "güncellenme",
];

/// Cue words written without spaces around them (Chinese, Japanese, Korean), before the date.
const PUBLISHED_CUES_CJK: &[&str] = &[
    "发布时间",
    "發佈時間",
    "发布日期",
    "发表时间",
    "發表時間",
    "公開日",
    "投稿日",
    "掲載日",
    "작성일",
    "등록일",
    "입력",
    "게시일",
];
/// Cue words written without spaces around them, before the date: updates.
const UPDATED_CUES_CJK: &[&str] =
    &["更新时间", "更新時間", "更新日", "修改时间", "最終更新", "수정일", "수정", "업데이트"];
/// Cue words that follow the date they qualify ("2024年3月3日 发布").
const PUBLISHED_SUFFIX_CUES: &[&str] =
    &["发布", "發佈", "发表", "發表", "公開", "公开", "投稿", "掲載", "게시", "등록"];
/// Cue words that follow the date they qualify: updates.
const UPDATED_SUFFIX_CUES: &[&str] = &["更新", "修改", "修正", "수정"];
/// Participles that follow the date they qualify in German and Dutch ("wurde am 19. Mai 2010
/// um 23:03 Uhr gepostet", "op 3 maart 2024 geplaatst"), whole words, lower case.
const PUBLISHED_SUFFIX_WORDS: &[&str] =
    &["gepostet", "veröffentlicht", "publiziert", "erschienen", "erstellt", "geplaatst", "gepubliceerd"];
/// Participles that follow the date they qualify: updates.
const UPDATED_SUFFIX_WORDS: &[&str] = &["aktualisiert", "geändert", "bearbeitet", "bijgewerkt", "gewijzigd"];

/// Words that join a date and the time after it ("March 3, 2024 at 10:30", "3. März 2024 um
/// 10:30 Uhr", "3 mars 2024 à 10h30", "3 de marzo de 2024 a las 10:30"), lower case.
const TIME_JOINERS: &[&str] = &[
    "at", "um", "à", "a las", "a la", "alle", "alle ore", "ore", "om", "kl", "kl.", "klo", "klockan", "в", "o",
    "godz.", "às", "as", "de las",
];

/// The first year a page date may have: no news page on the web is older.
pub(crate) const EARLIEST_YEAR: u16 = 1995;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// A real calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Ymd {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// The day, when it exists in the Gregorian calendar (years 1000 to 9999).
    pub(crate) fn new(year: u32, month: u32, day: u32) -> Option<Ymd> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Ymd {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The day of an ISO 8601 date or date-time as written ("2024-03-03", "2024-03-03T10:00Z",
    /// "2024-3-3"): no time-zone conversion, the day the page states.
    pub(crate) fn from_iso_prefix(s: &str) -> Option<Ymd> {
        static ISO: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s]|[^\d])").expect("static regex"));
        let c = ISO.captures(s)?;
        Ymd::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The next calendar day.
    pub(crate) fn next_day(&self) -> Ymd {
        let (y, m, d) = (u32::from(self.year), u32::from(self.month), u32::from(self.day));
        Ymd::new(y, m, d + 1).or_else(|| Ymd::new(y, m + 1, 1)).or_else(|| Ymd::new(y + 1, 1, 1)).unwrap_or(*self)
    }
}

/// A time of day as the text writes it (no time zone: a page's visible time is local).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
}

/// What a date stands for, by the cue word next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRole {
    /// "Published", "Posted", "Veröffentlicht", "Publié", …
    Published,
    /// "Updated", "Last modified", "Aktualisiert", "Mis à jour", …
    Updated,
    /// No cue word: a byline date, usually the publication.
    Unknown,
}

/// How to read an all-numeric date with slashes or dashes whose day and month are both 12 or
/// less ("03/04/2024"). Dates with dots are always day first ("03.04.2024"); dates starting
/// with the year are always year-month-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumericOrder {
    /// 3 April: most of the world.
    DayFirst,
    /// March 4: the United States (and a few others).
    MonthFirst,
    /// Unknown locale: such a date is not read at all.
    Unknown,
}

impl NumericOrder {
    /// The order a page in language `tag` (a BCP 47 tag, "en-US", "de") writes numeric dates
    /// in: month first for US, Philippine and Micronesian English, unknown for English without
    /// a region (both orders are common), day first for every other language. Languages that
    /// write the year first (Chinese, Japanese, Korean, Hungarian, Lithuanian) never write the
    /// day-month forms this decides.
    pub(crate) fn for_language(tag: &str) -> NumericOrder {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match (parts.next(), parts.next()) {
            (Some("en"), Some("us" | "ph" | "fm" | "um" | "as" | "gu" | "mp" | "pr" | "vi")) => {
                NumericOrder::MonthFirst
            }
            (Some("en"), None) | (Some(""), _) | (None, _) => NumericOrder::Unknown,
            _ => NumericOrder::DayFirst,
        }
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VisibleDate {
    pub date: Ymd,
    pub time: Option<TimeOfDay>,
    pub role: DateRole,
    /// Byte range of the date in the text, with a weekday name before it and a time of day
    /// next to it ("Sunday, March 3, 2024 at 10:30 a.m.").
    pub span: Range<usize>,
    /// Byte range of the cue word that gave the role ("Updated", "Veröffentlicht am" → the
    /// cue word alone).
    pub cue: Option<Range<usize>>,
}

impl VisibleDate {
    /// ISO 8601 as the text states it: `2024-03-03`, or `2024-03-03T10:30:00` with a time
    /// (no offset: the page gives none).
    pub(crate) fn iso(&self) -> String {
        match self.time {
            None => self.date.iso(),
            Some(t) => format!("{}T{:02}:{:02}:{:02}", self.date.iso(), t.hour, t.minute, t.second.unwrap_or(0)),
        }
    }
}

/// Whether a page date can be the date of the page: a real calendar day (a [`Ymd`] is one),
/// not before [`EARLIEST_YEAR`], and not after `now` plus a day (the fetch or file time; time
/// zones put a fresh page's date up to a day ahead of the clock). Without `now`, only the
/// lower bound is checked.
pub(crate) fn is_plausible(date: Ymd, now: Option<Ymd>) -> bool {
    date.year >= EARLIEST_YEAR && now.is_none_or(|n| date <= n.next_day())
}

// ---------------------------------------------------------------------------------------------
// Mechanics
// ---------------------------------------------------------------------------------------------

/// The shapes of a written date; each has its own pattern.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// "March 3, 2024", "Mar. 3rd 2024".
    MonthDayYear,
    /// "3 March 2024", "3. März 2024", "3 de marzo de 2024", "3rd of March, 2024", "3 марта 2024".
    DayMonthYear,
    /// "2024-03-03", "2024/03/03", "2024.03.03", "2024. 3. 3.".
    YearMonthDayNumeric,
    /// "03.03.2024", "3. 3. 2024".
    DayMonthYearDots,
    /// "03/04/2024", "03-04-2024": day or month first (see [`NumericOrder`]).
    SlashesOrDashes,
    /// "2024年3月3日", "2024년 3월 3일".
    YearMonthDayCjk,
    /// "03.03.24": only in a dateline ([`find_dates_in_dateline`]).
    DayMonthShortYearDots,
}

impl Shape {
    /// The digits in a row every match of the shape holds: a four-digit year, or the two-digit
    /// year of [`Shape::DayMonthShortYearDots`].
    fn digits_in_a_row(self) -> usize {
        match self {
            Shape::DayMonthShortYearDots => 2,
            _ => 4,
        }
    }
}

/// The longest run of digits in `text`, counted up to `cap`: an exact pre-test for the date
/// patterns, which most texts (bylines, teasers) fail. The patterns' `\d` is Unicode's decimal
/// digits, all of which `char::is_numeric` counts.
fn digit_run(text: &str, cap: usize) -> usize {
    let (mut run, mut longest) = (0, 0);
    for c in text.chars() {
        run = if c.is_numeric() { run + 1 } else { 0 };
        longest = longest.max(run);
        if longest >= cap {
            break;
        }
    }
    longest
}

/// Regex alternation of a list of words, longest first (so "marzo" is tried before "mar"),
/// each escaped.
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    MONTH_NAMES.iter().flat_map(|(_, names)| names.iter()).find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// The date patterns, with `\d` as Unicode has it (any decimal digit).
static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| patterns(false));

/// [`PATTERNS`] with `[0-9]` for `\d`: the same matches on a text whose only digits are ASCII
/// (nearly every text), and a fraction of the compile cost every process pays (each `\d` of a
/// bounded repeat is a copy of the Unicode digit class automaton).
static ASCII_DIGIT_PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| patterns(true));

/// The plain punctuation [`ascii_stand_in`] replaces: no date pattern matches any of them, and
/// none is a word character.
const STOOD_IN_PUNCTUATION: &[char] = &[
    '\u{ab}', '\u{bb}', '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{201e}', '\u{2022}',
    '\u{2026}',
];

/// `text` made ASCII for the date patterns when all it holds beyond ASCII is
/// [`STOOD_IN_PUNCTUATION`] (dashes, curly quotes, guillemets, bullet, ellipsis): each such
/// character becomes as many `#` as it has bytes. No pattern matches `#` or those characters and
/// neither is a word character, so every match, capture and offset stays the same, and on ASCII
/// text the patterns' Unicode `\b` keeps the regex engine on its lazy DFA (any other byte makes
/// it fall back to the backtracker over the whole text). `None` for other texts (the no-break
/// space is white space to `\s`: it has no one-byte stand-in).
fn ascii_stand_in(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if STOOD_IN_PUNCTUATION.contains(&c) {
            out.extend(std::iter::repeat_n('#', c.len_utf8()));
        } else {
            return None;
        }
    }
    Some(out)
}

/// Whether `text` holds a digit other than ASCII's (one `\d` matches and `[0-9]` does not).
fn has_non_ascii_digit(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_numeric())
}

fn patterns(ascii_digits: bool) -> Vec<(Shape, Regex)> {
    let months = alternation(MONTH_NAMES.iter().flat_map(|(_, names)| names.iter().map(|(n, _)| *n)));
    let pattern = |shape, re: String| {
        let re = if ascii_digits { re.replace(r"\d", "[0-9]") } else { re };
        (shape, Regex::new(&re).expect("static regex"))
    };
    vec![
        pattern(
            Shape::MonthDayYear,
            format!(r"(?i)\b(?P<m>{months})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?(?:,\s*|\s+)(?P<y>\d{{4}})"),
        ),
        pattern(
            Shape::DayMonthYear,
            format!(
                r"(?i)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|ª|°)?(?:\.\s*|\s+)(?:of\s+|de\s+|del\s+)?(?P<m>{months})\b\.?,?\s+(?:de\s+|del\s+|of\s+)?(?P<y>\d{{4}})"
            ),
        ),
        pattern(
            Shape::YearMonthDayNumeric,
            r"(?P<y>\d{4})(?P<s1>[-/.]|\.\s)(?P<m>\d{1,2})(?P<s2>[-/.]|\.\s)(?P<d>\d{1,2})".to_string(),
        ),
        pattern(Shape::DayMonthYearDots, r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})".to_string()),
        pattern(
            Shape::SlashesOrDashes,
            r"(?P<a>\d{1,2})(?P<s1>[/-])(?P<b>\d{1,2})(?P<s2>[/-])(?P<y>\d{4})".to_string(),
        ),
        pattern(
            Shape::YearMonthDayCjk,
            r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]".to_string(),
        ),
        pattern(Shape::DayMonthShortYearDots, r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2})".to_string()),
    ]
}

/// Two-digit years from this one on are of the 1900s ("24" is 2024, "97" is 1997).
const SHORT_YEAR_CENTURY_PIVOT: u32 = 70;

/// A time right after a date: an optional separator or joining word, then `10:30`, `10:30:15`,
/// `10h30`, `10.30 Uhr`, with `am`/`pm` or `Uhr`/`h` after it; or ISO's `T10:30`.
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let joiners = alternation(TIME_JOINERS.iter().copied());
    Regex::new(&format!(
        r"(?i)^(?:T|\s*[,|·•/@–—-]?\s*(?:(?:{joiners})\s+)?)(?P<h>\d{{1,2}})(?:(?P<sep>[:h])(?P<mi>\d{{2}})|\.(?P<mi2>\d{{2}})\s*Uhr)(?::(?P<s>\d{{2}}))?(?P<ampm>\s*[ap]\.?\s?m\b\.?)?(?P<unit>\s*(?:Uhr|h)\b)?"
    ))
    .expect("static regex")
});

/// A time right before a date ("10:31 AM EDT, Sun March 3, 2024"): its span ends where the
/// date (and its weekday) starts.
static TIME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<h>\d{1,2}):(?P<mi>\d{2})(?P<ampm>\s*[ap]\.?\s?m\b\.?)?(?:\s+[a-z]{2,5})?\s*[,|·•–—-]?\s*$")
        .expect("static regex")
});

/// A weekday right before a date.
static WEEKDAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let days = alternation(WEEKDAY_NAMES.iter().copied());
    Regex::new(&format!(r"(?i)\b(?:{days})\b\.?,?\s*$")).expect("static regex")
});

/// A weekday after "on", "am", "le" … (lower case: "The Mail On Sunday" is a name) or a
/// separator, without a date after it ("Jane Doe on Tuesday", "Jane Doe | Mon"): where a
/// byline's date part starts.
static DANGLING_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let days = alternation(WEEKDAY_NAMES.iter().copied());
    Regex::new(&format!(r"(?:\s(?:on|am|le|el|il|op)\s+|\s*[,|·•]\s*)(?i:{days})\b")).expect("static regex")
});

/// Where a weekday named without a date starts, with the word or separator before it
/// ([`DANGLING_WEEKDAY`]).
pub(crate) fn dangling_weekday_start(text: &str) -> Option<usize> {
    DANGLING_WEEKDAY.find(text).map(|m| m.start())
}

/// Cue words before a date, by role.
static CUES_BEFORE: LazyLock<[(DateRole, Regex); 2]> = LazyLock::new(|| {
    let cues = |latin: &[&str], cjk: &[&str]| {
        let latin = alternation(latin.iter().copied());
        let cjk = alternation(cjk.iter().copied());
        Regex::new(&format!(r"(?i)\b(?:{latin})\b|{cjk}")).expect("static regex")
    };
    [
        (DateRole::Updated, cues(UPDATED_CUES, UPDATED_CUES_CJK)),
        (DateRole::Published, cues(PUBLISHED_CUES, PUBLISHED_CUES_CJK)),
    ]
});

/// Cue words right after a date, by role.
static CUES_AFTER: LazyLock<[(DateRole, Regex); 4]> = LazyLock::new(|| {
    let cues = |words: &[&str]| {
        Regex::new(&format!(r"^(?P<pad>\s*[(（]?\s*)(?P<cue>{})", alternation(words.iter().copied())))
            .expect("static regex")
    };
    // A participle after a time: "um 23:03 Uhr gepostet".
    let words = |words: &[&str]| {
        Regex::new(&format!(r"(?i)^(?P<pad>\s*(?:uhr\s+)?)(?P<cue>{})\b", alternation(words.iter().copied())))
            .expect("static regex")
    };
    [
        (DateRole::Updated, cues(UPDATED_SUFFIX_CUES)),
        (DateRole::Published, cues(PUBLISHED_SUFFIX_CUES)),
        (DateRole::Updated, words(UPDATED_SUFFIX_WORDS)),
        (DateRole::Published, words(PUBLISHED_SUFFIX_WORDS)),
    ]
});

/// How far after a date a suffix cue may start (bytes).
const SUFFIX_CUE_WINDOW: usize = 8;

/// All dates in `text` (a byline, a dateline: a short text), in text order, without overlaps,
/// each with its role and span. `order` decides day-month dates with slashes or dashes whose
/// parts are both 12 or less (see [`NumericOrder`]). Dates are real calendar days but not
/// checked for plausibility: see [`is_plausible`].
pub(crate) fn find_dates(text: &str, order: NumericOrder) -> Vec<VisibleDate> {
    find(text, order, false)
}

/// [`find_dates`] for the text of an element known to hold a date (a `date`, `time` or
/// `byline` class, a dateline): dotted dates with a two-digit year ("23.09.22") are read too.
pub(crate) fn find_dates_in_dateline(text: &str, order: NumericOrder) -> Vec<VisibleDate> {
    find(text, order, true)
}

fn find(text: &str, order: NumericOrder, short_years: bool) -> Vec<VisibleDate> {
    // Every match of every shape, then the earliest (the longest on a tie) of overlapping ones.
    let mut found: Vec<(Range<usize>, Ymd)> = Vec::new();
    let digits = digit_run(text, 4);
    let patterns = if has_non_ascii_digit(text) { &*PATTERNS } else { &*ASCII_DIGIT_PATTERNS };
    // The patterns read the ASCII stand-in when there is one (the same matches, faster); the
    // checks below read `text`.
    let stand_in = if text.is_ascii() { None } else { ascii_stand_in(text) };
    let searched = stand_in.as_deref().unwrap_or(text);
    for (shape, re) in patterns.iter() {
        if matches!(shape, Shape::DayMonthShortYearDots) && !short_years || digits < shape.digits_in_a_row() {
            continue;
        }
        let mut at = 0;
        while let Some(c) = re.captures_at(searched, at) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            match date_of(*shape, &c, order).filter(|_| stands_alone(text, &whole, *shape)) {
                Some(date) => {
                    found.push((whole.clone(), date));
                    at = whole.end.max(at + 1);
                }
                None => at = next_char(text, whole.start),
            }
            if at >= text.len() {
                break;
            }
        }
    }
    found.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut dates: Vec<VisibleDate> = Vec::new();
    for (range, date) in found {
        if dates.last().is_some_and(|d| range.start < d.span.end) {
            continue;
        }
        dates.push(VisibleDate { date, time: None, role: DateRole::Unknown, span: range, cue: None });
    }
    // Times, weekdays, then cue words (between the previous date and this one).
    for i in 0..dates.len() {
        let limit = dates.get(i + 1).map_or(text.len(), |d| d.span.start);
        if let Some((time, end)) = time_after(text, dates[i].span.end, limit) {
            dates[i].time = Some(time);
            dates[i].span.end = end;
        }
        // After the previous date and the cue that follows it ("am 19.05.2010 veröffentlicht,
        // am 21.05.2010 aktualisiert": the participle is the first date's, not the second's).
        let floor = match i.checked_sub(1).map(|p| &dates[p]) {
            None => 0,
            Some(prev) => prev.cue.as_ref().filter(|c| c.start >= prev.span.end).map_or(prev.span.end, |c| c.end),
        };
        // A weekday that follows a word is more likely a name ("Kim Sun, March 3").
        if let Some(m) = WEEKDAY_BEFORE.find(&text[floor..dates[i].span.start])
            && !text[..floor + m.start()].trim_end().chars().next_back().is_some_and(char::is_alphanumeric)
        {
            dates[i].span.start = floor + m.start();
        }
        if dates[i].time.is_none()
            && let Some(c) = TIME_BEFORE.captures(&text[floor..dates[i].span.start])
            && let Some(time) = time_of(&c)
        {
            dates[i].time = Some(time);
            dates[i].span.start = floor + c.get(0).map_or(0, |m| m.start());
        }
        let (role, cue) = cue_before(text, floor, dates[i].span.start)
            .or_else(|| cue_after(text, dates[i].span.end, limit))
            .map_or((DateRole::Unknown, None), |(r, c)| (r, Some(c)));
        dates[i].role = role;
        dates[i].cue = cue;
    }
    dates
}

/// Every cue word in `text`, in text order, with its role.
pub(crate) fn cues(text: &str) -> Vec<(Range<usize>, DateRole)> {
    let mut all: Vec<(Range<usize>, DateRole)> =
        CUES_BEFORE.iter().flat_map(|(role, re)| re.find_iter(text).map(|m| (m.range(), *role))).collect();
    all.sort_by_key(|(r, _)| r.start);
    all
}

/// The date a match stands for, when it is a real calendar day.
fn date_of(shape: Shape, c: &Captures<'_>, order: NumericOrder) -> Option<Ymd> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = match shape {
        Shape::MonthDayYear | Shape::DayMonthYear => {
            (num("y")?, u32::from(month_number(c.name("m")?.as_str())?), num("d")?)
        }
        Shape::YearMonthDayNumeric => {
            // One separator throughout: "2024-03/03" is no date.
            if c.name("s1")?.as_str().trim() != c.name("s2")?.as_str().trim() {
                return None;
            }
            (num("y")?, num("m")?, num("d")?)
        }
        Shape::DayMonthYearDots | Shape::YearMonthDayCjk => (num("y")?, num("m")?, num("d")?),
        Shape::DayMonthShortYearDots => {
            let y = num("y")?;
            (if y >= SHORT_YEAR_CENTURY_PIVOT { 1900 + y } else { 2000 + y }, num("m")?, num("d")?)
        }
        Shape::SlashesOrDashes => {
            if c.name("s1")?.as_str() != c.name("s2")?.as_str() {
                return None;
            }
            let (a, b) = (num("a")?, num("b")?);
            let day_first = match (a > 12, b > 12) {
                (true, true) => return None,
                (true, false) => true,
                (false, true) => false,
                (false, false) if a == b => true,
                (false, false) => match order {
                    NumericOrder::DayFirst => true,
                    NumericOrder::MonthFirst => false,
                    NumericOrder::Unknown => return None,
                },
            };
            if day_first { (num("y")?, b, a) } else { (num("y")?, a, b) }
        }
    };
    Ymd::new(y, m, d)
}

/// Whether a match is not part of a longer number ("12024-03-03", "2024-03-031") nor, for the
/// all-numeric shapes, of a longer dotted or dashed run of numbers (a version "10.3.2024.1").
fn stands_alone(text: &str, range: &Range<usize>, shape: Shape) -> bool {
    let before: Vec<char> = text[..range.start].chars().rev().take(2).collect();
    let after: Vec<char> = text[range.end..].chars().take(2).collect();
    if before.first().is_some_and(char::is_ascii_digit) || after.first().is_some_and(char::is_ascii_digit) {
        return false;
    }
    let numeric = matches!(
        shape,
        Shape::YearMonthDayNumeric | Shape::DayMonthYearDots | Shape::SlashesOrDashes | Shape::DayMonthShortYearDots
    );
    let joined = |side: &[char]| matches!(side, ['.' | '/' | '-', d, ..] if d.is_ascii_digit());
    !(numeric && (joined(&before) || joined(&after)))
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len(), |c| at + c.len_utf8())
}

/// A time of day right after a date (before `limit`), and where it ends.
fn time_after(text: &str, from: usize, limit: usize) -> Option<(TimeOfDay, usize)> {
    let c = TIME_AFTER.captures(&text[from..limit])?;
    let whole = c.get(0)?;
    let after = text[from + whole.end()..].chars().next();
    if after.is_some_and(|ch| ch.is_ascii_digit()) {
        return None;
    }
    Some((time_of(&c)?, from + whole.end()))
}

/// The time a time match stands for, when it is a real time of day.
fn time_of(c: &Captures<'_>) -> Option<TimeOfDay> {
    let mut hour: u8 = c.name("h")?.as_str().parse().ok()?;
    let minute: u8 = c.name("mi").or_else(|| c.name("mi2"))?.as_str().parse().ok()?;
    let second: Option<u8> = match c.name("s") {
        Some(s) => Some(s.as_str().parse().ok()?),
        None => None,
    };
    if let Some(ampm) = c.name("ampm") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = ampm.as_str().trim_start().starts_with(['p', 'P']);
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    (hour < 24 && minute < 60 && second.is_none_or(|s| s < 60)).then_some(TimeOfDay { hour, minute, second })
}

/// The last cue word in `text[from..to]` and its role.
fn cue_before(text: &str, from: usize, to: usize) -> Option<(DateRole, Range<usize>)> {
    let region = &text[from..to];
    CUES_BEFORE
        .iter()
        .filter_map(|(role, re)| re.find_iter(region).last().map(|m| (*role, from + m.start()..from + m.end())))
        .max_by_key(|(_, r)| r.start)
}

/// A cue word that follows the date it qualifies ("2024年3月3日 发布"), in `text[from..limit]`.
fn cue_after(text: &str, from: usize, limit: usize) -> Option<(DateRole, Range<usize>)> {
    let region = &text[from..limit];
    CUES_AFTER.iter().find_map(|(role, re)| {
        let c = re.captures(region)?;
        let (pad, cue) = (c.name("pad")?, c.name("cue")?);
        (pad.len() <= SUFFIX_CUE_WINDOW).then(|| (*role, from + cue.start()..from + cue.end()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: u32, m: u32, d: u32) -> Ymd {
        Ymd::new(y, m, d).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn ascii_digit_patterns_match_as_the_unicode_ones_on_ascii_digits(
            s in "([0-9]{1,5}|[ .,/-]|March|märz|марта|of|de|st|年|月|日|Sept\\.|[a-zé]{1,4}|\u{a0})*"
        ) {
            proptest::prop_assert!(!has_non_ascii_digit(&s));
            for ((_, unicode), (_, ascii)) in PATTERNS.iter().zip(ASCII_DIGIT_PATTERNS.iter()) {
                let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(&s).map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()).collect()
                };
                proptest::prop_assert_eq!(spans(unicode), spans(ascii));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_stand_ins_match_as_the_text_does(
            s in "([0-9]{1,5}|[ .,/:_-]|March|Sept\\.|May|mai|of|de|st|th|[a-zA-Z_]{1,4}|\u{ab}|\u{bb}|\u{2013}|\u{2014}|\u{2018}|\u{2019}|\u{201c}|\u{201d}|\u{201e}|\u{2022}|\u{2026})*"
        ) {
            let stand_in = ascii_stand_in(&s).unwrap();
            proptest::prop_assert!(stand_in.is_ascii() && stand_in.len() == s.len());
            for ((_, unicode), (_, ascii)) in PATTERNS.iter().zip(ASCII_DIGIT_PATTERNS.iter()) {
                let spans = |re: &Regex, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(t).map(|c| c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()).collect()
                };
                proptest::prop_assert_eq!(spans(unicode, &s), spans(ascii, &stand_in));
            }
        }
    }

    #[test]
    fn ascii_stand_ins_only_for_plain_punctuation_but_the_no_break_space() {
        assert_eq!(ascii_stand_in("Jane Doe \u{2022} March 3, 2024").as_deref(), Some("Jane Doe ### March 3, 2024"));
        assert_eq!(ascii_stand_in("\u{2019}"), Some("###".to_string()));
        for t in ["March\u{a0}3, 2024", "3. M\u{e4}rz 2024", "\u{ff12}\u{ff10}"] {
            assert_eq!(ascii_stand_in(t), None, "{t:?}");
        }
        // No pattern can match a stood-in character or its stand-in.
        let months = MONTH_NAMES.iter().flat_map(|(_, names)| names.iter().map(|(n, _)| *n));
        for name in months {
            assert!(!name.contains('#') && !name.contains(STOOD_IN_PUNCTUATION), "{name}");
        }
        // And the dates read through the stand-in are the text's own, at the text's offsets.
        let text = "\u{2014} Jane Doe \u{2022} March 3, 2024 \u{2022} 5:00 PM";
        let found = find(text, NumericOrder::MonthFirst, false);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "March 3, 2024 \u{2022} 5:00 PM");
    }

    #[test]
    fn a_non_ascii_digit_selects_the_unicode_patterns() {
        assert!(has_non_ascii_digit("٣ مارس ٢٠٢٤"));
        assert!(has_non_ascii_digit("２０２４年３月３日"));
        assert!(!has_non_ascii_digit("3 März 2024"));
        // Full-width digits are `\d` but not `[0-9]`: the Unicode patterns still see this date.
        assert!(PATTERNS.iter().any(|(_, re)| re.is_match("２０２４年３月３日")));
        assert!(!ASCII_DIGIT_PATTERNS.iter().any(|(_, re)| re.is_match("２０２４年３月３日")));
    }

    #[test]
    fn every_digit_the_patterns_read_is_numeric() {
        // The premise of `digit_run`: `\d` matches no character `char::is_numeric` rejects.
        let digit = Regex::new(r"^\d$").unwrap();
        let missed: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| digit.is_match(&c.to_string()) && !c.is_numeric())
            .collect();
        assert!(missed.is_empty(), "{missed:?}");
    }

    #[test]
    fn every_shape_holds_its_digits_in_a_row() {
        assert_eq!(digit_run("By Jane Doe, 3 min read", 4), 1);
        assert_eq!(digit_run("März 2024", 4), 4);
        assert_eq!(digit_run("١٢٣٤٥", 4), 4);
        for (shape, re) in PATTERNS.iter() {
            for text in
                ["March 3, 2024", "3 марта 2024", "2024-03-03", "03.03.2024", "03/04/2024", "2024年3月3日", "03.03.24"]
            {
                if let Some(m) = re.find(text) {
                    assert!(digit_run(m.as_str(), 4) >= shape.digits_in_a_row(), "{text}");
                }
            }
        }
        assert!(find_dates_in_dateline("Updated 3 hours ago by Jane", NumericOrder::DayFirst).is_empty());
    }

    /// The dates of `text` as ISO strings (with their time when given), day first.
    fn isos(text: &str) -> Vec<String> {
        find_dates(text, NumericOrder::DayFirst).iter().map(VisibleDate::iso).collect()
    }

    fn one(text: &str) -> String {
        let dates = isos(text);
        assert_eq!(dates.len(), 1, "{text:?}: {dates:?}");
        dates[0].clone()
    }

    #[test]
    fn english_month_first() {
        assert_eq!(one("By Jane Doe • March 3, 2024"), "2024-03-03");
        assert_eq!(one("Mar. 3, 2024"), "2024-03-03");
        assert_eq!(one("Sept. 4, 2021"), "2021-09-04");
        assert_eq!(one("December 21st, 2023"), "2023-12-21");
        assert_eq!(one("Feb 29 2024"), "2024-02-29");
    }

    #[test]
    fn english_day_first() {
        assert_eq!(one("3 March 2024"), "2024-03-03");
        assert_eq!(one("3rd of March, 2024"), "2024-03-03");
        assert_eq!(one("Published 21 Dec 2023"), "2023-12-21");
    }

    #[test]
    fn german() {
        assert_eq!(one("3. März 2024"), "2024-03-03");
        assert_eq!(one("Von Moritz Beispiel publiziert am 25. September 2018"), "2018-09-25");
        assert_eq!(one("12. Jänner 2023"), "2023-01-12");
        assert_eq!(one("1. Okt. 2022"), "2022-10-01");
    }

    #[test]
    fn numeric_with_dots_is_day_first() {
        assert_eq!(one("03.03.2024"), "2024-03-03");
        assert_eq!(one("Stand: 04.05.2023"), "2023-05-04");
        assert_eq!(one("4. 5. 2023"), "2023-05-04");
    }

    #[test]
    fn two_digit_years_only_in_a_dateline() {
        assert!(isos("Kultur, 2.11.22").is_empty());
        let dates = |t: &str| {
            find_dates_in_dateline(t, NumericOrder::DayFirst).iter().map(VisibleDate::iso).collect::<Vec<_>>()
        };
        assert_eq!(dates("Kultur, 2.11.22"), ["2022-11-02"]);
        assert_eq!(dates("26.10.13"), ["2013-10-26"]);
        assert_eq!(dates("01.02.97"), ["1997-02-01"]);
        assert_eq!(dates("03.03.2024"), ["2024-03-03"], "four digits first");
        assert!(dates("Version 1.2.3.44").is_empty());
    }

    #[test]
    fn slashes_only_when_unambiguous_or_by_locale() {
        assert_eq!(one("3/3/2024"), "2024-03-03");
        assert_eq!(one("25/12/2023"), "2023-12-25");
        assert_eq!(find_dates("12/25/2023", NumericOrder::Unknown)[0].date, ymd(2023, 12, 25));
        assert!(find_dates("03/04/2024", NumericOrder::Unknown).is_empty());
        assert_eq!(find_dates("03/04/2024", NumericOrder::DayFirst)[0].date, ymd(2024, 4, 3));
        assert_eq!(find_dates("03/04/2024", NumericOrder::MonthFirst)[0].date, ymd(2024, 3, 4));
        assert_eq!(find_dates("03-04-2024", NumericOrder::MonthFirst)[0].date, ymd(2024, 3, 4));
        assert!(find_dates("03/04-2024", NumericOrder::DayFirst).is_empty(), "mixed separators");
    }

    #[test]
    fn locale_rule_for_numeric_dates() {
        assert_eq!(NumericOrder::for_language("en-US"), NumericOrder::MonthFirst);
        assert_eq!(NumericOrder::for_language("en_us"), NumericOrder::MonthFirst);
        assert_eq!(NumericOrder::for_language("en"), NumericOrder::Unknown);
        assert_eq!(NumericOrder::for_language("en-GB"), NumericOrder::DayFirst);
        assert_eq!(NumericOrder::for_language("de"), NumericOrder::DayFirst);
        assert_eq!(NumericOrder::for_language(""), NumericOrder::Unknown);
    }

    #[test]
    fn year_first_numeric() {
        assert_eq!(one("2024-03-03"), "2024-03-03");
        assert_eq!(one("2024/3/3"), "2024-03-03");
        assert_eq!(one("2024.03.03"), "2024-03-03");
        assert_eq!(one("2024. 3. 3."), "2024-03-03");
        assert!(isos("2024-03/03").is_empty(), "mixed separators");
        assert!(isos("12024-03-03").is_empty() && isos("2024-03-031").is_empty(), "part of a longer number");
    }

    #[test]
    fn spanish() {
        assert_eq!(one("3 de marzo de 2024"), "2024-03-03");
        assert_eq!(one("Publicado el 15 de septiembre del 2022"), "2022-09-15");
        assert_eq!(one("1º de enero de 2020"), "2020-01-01");
    }

    #[test]
    fn french() {
        assert_eq!(one("3 mars 2024"), "2024-03-03");
        assert_eq!(one("Publié le 1er février 2023"), "2023-02-01");
        assert_eq!(one("le 12 déc. 2022"), "2022-12-12");
    }

    #[test]
    fn italian() {
        assert_eq!(one("3 marzo 2024"), "2024-03-03");
        assert_eq!(one("Pubblicato il 21 settembre 2019"), "2019-09-21");
    }

    #[test]
    fn dutch() {
        assert_eq!(one("3 maart 2024"), "2024-03-03");
        assert_eq!(one("12 mrt 2024"), "2024-03-12");
    }

    #[test]
    fn portuguese() {
        assert_eq!(one("3 de março de 2024"), "2024-03-03");
        assert_eq!(one("Publicado em 7 de outubro de 2021"), "2021-10-07");
    }

    #[test]
    fn polish() {
        assert_eq!(one("3 września 2024"), "2024-09-03");
        assert_eq!(one("Opublikowano: 12 lutego 2022"), "2022-02-12");
    }

    #[test]
    fn czech() {
        assert_eq!(one("3. března 2024"), "2024-03-03");
    }

    #[test]
    fn swedish_danish_norwegian() {
        assert_eq!(one("Publicerad 3 mars 2024"), "2024-03-03");
        assert_eq!(one("3. marts 2024"), "2024-03-03");
        assert_eq!(one("17. mai 2023"), "2023-05-17");
        assert_eq!(one("1 augusti 2022"), "2022-08-01");
    }

    #[test]
    fn russian_and_ukrainian() {
        assert_eq!(one("Текст: Венера Пример·24 сентября 2018"), "2018-09-24");
        assert_eq!(one("3 марта 2024 г."), "2024-03-03");
        assert_eq!(one("3 березня 2024"), "2024-03-03");
    }

    #[test]
    fn turkish() {
        assert_eq!(one("3 Mart 2024"), "2024-03-03");
        assert_eq!(one("12 Eylül 2023"), "2023-09-12");
    }

    #[test]
    fn chinese_japanese_korean() {
        assert_eq!(one("2024年3月3日"), "2024-03-03");
        assert_eq!(one("发布时间：2024年03月03日 10:30"), "2024-03-03T10:30:00");
        assert_eq!(one("2024년 3월 3일"), "2024-03-03");
    }

    #[test]
    fn times_next_to_the_date() {
        assert_eq!(one("March 3, 2024 at 10:30 a.m."), "2024-03-03T10:30:00");
        assert_eq!(one("March 3, 2024, 9:05 PM"), "2024-03-03T21:05:00");
        assert_eq!(one("3. März 2024 um 14:05 Uhr"), "2024-03-03T14:05:00");
        assert_eq!(one("3. März 2024, 14.05 Uhr"), "2024-03-03T14:05:00");
        assert_eq!(one("3 mars 2024 à 14h05"), "2024-03-03T14:05:00");
        assert_eq!(one("2024-03-03T10:30:15Z"), "2024-03-03T10:30:15");
        assert_eq!(one("2024-03-03 10:30"), "2024-03-03T10:30:00");
        assert_eq!(one("12:05 am EST, Sun March 3, 2024"), "2024-03-03T00:05:00");
        assert_eq!(one("March 3, 2024 25:70"), "2024-03-03", "no time of day");
    }

    #[test]
    fn spans_take_the_weekday_and_time() {
        let text = "By Jane Doe, Sunday, March 3, 2024 at 10:30 a.m.";
        let d = &find_dates(text, NumericOrder::Unknown)[0];
        assert_eq!(&text[d.span.clone()], "Sunday, March 3, 2024 at 10:30 a.m.");
        let text = "By Kim Sun, March 3, 2024";
        let d = &find_dates(text, NumericOrder::Unknown)[0];
        assert_eq!(&text[d.span.clone()], "March 3, 2024", "a name, not a weekday");
        let text = "Updated 10:31 AM EDT, Sun March 3, 2024";
        let d = &find_dates(text, NumericOrder::Unknown)[0];
        assert_eq!(&text[d.span.clone()], "10:31 AM EDT, Sun March 3, 2024");
        assert_eq!(d.role, DateRole::Updated);
    }

    #[test]
    fn cue_words_tell_published_from_updated() {
        let roles = |text: &str| find_dates(text, NumericOrder::DayFirst).iter().map(|d| d.role).collect::<Vec<_>>();
        use DateRole::*;
        assert_eq!(roles("Published March 3, 2024 Updated March 5, 2024"), [Published, Updated]);
        assert_eq!(roles("Posted on 3 March 2024 | Last modified 5 March 2024"), [Published, Updated]);
        assert_eq!(roles("Veröffentlicht am 03.03.2024, aktualisiert am 05.03.2024"), [Published, Updated]);
        assert_eq!(roles("Publié le 3 mars 2024 à 10h00, mis à jour le 5 mars 2024"), [Published, Updated]);
        assert_eq!(roles("Mise en ligne 23 mai 2019 · Mise à jour 5 juin 2019"), [Published, Updated]);
        assert_eq!(roles("Publicado: 3/3/2024 - Actualizado: 5/3/2024"), [Published, Updated]);
        assert_eq!(roles("Pubblicato il 3 marzo 2024, aggiornato il 5 marzo 2024"), [Published, Updated]);
        assert_eq!(roles("Gepubliceerd 3 maart 2024, bijgewerkt 5 maart 2024"), [Published, Updated]);
        assert_eq!(roles("Опубликовано 3 марта 2024, обновлено 5 марта 2024"), [Published, Updated]);
        assert_eq!(roles("发布时间：2024年3月3日 更新时间：2024年3月5日"), [Published, Updated]);
        assert_eq!(roles("2024年3月3日 发布"), [Published]);
        assert_eq!(roles("2024年3月5日更新"), [Updated]);
        assert_eq!(roles("Der Beitrag wurde am 19. Mai 2010 um 23:03 Uhr gepostet"), [Published]);
        assert_eq!(roles("Am 19.05.2010 veröffentlicht, am 21.05.2010 aktualisiert"), [Published, Updated]);
        assert_eq!(roles("Op 3 maart 2024 geplaatst"), [Published]);
        // An adjective is no cue: "die am 19. Mai 2010 veröffentlichte Studie".
        assert_eq!(roles("die am 19. Mai 2010 veröffentlichte Studie"), [Unknown]);
        assert_eq!(roles("By Jane Doe, March 3, 2024"), [Unknown]);
        let text = "Jane Doe. Aktualisiert: 5. März 2024";
        let d = &find_dates(text, NumericOrder::DayFirst)[0];
        assert_eq!(&text[d.cue.clone().unwrap()], "Aktualisiert");
    }

    #[test]
    fn a_weekday_without_a_date_after_a_joiner_or_separator() {
        assert_eq!(dangling_weekday_start("Jane Doe on Tuesday"), Some(8));
        assert_eq!(dangling_weekday_start("Jane Doe | Mon"), Some(8));
        assert_eq!(dangling_weekday_start("Von Jane Doe am Samstag"), Some(12));
        // A capital "On" is a name's ("The Mail On Sunday"); a weekday inside a word is none.
        assert_eq!(dangling_weekday_start("Jane Doe For The Mail On Sunday"), None);
        assert_eq!(dangling_weekday_start("Jane Doe on Monday-morning radio"), Some(8));
        assert_eq!(dangling_weekday_start("Jane Doe on Mondays"), None);
    }

    #[test]
    fn first_cue_without_a_date() {
        let text = "By Jane Doe Updated 3 hours ago";
        let (range, role) = cues(text).into_iter().next().unwrap();
        assert_eq!((&text[range], role), ("Updated", DateRole::Updated));
        assert!(cues("By Jane Doe").is_empty());
    }

    #[test]
    fn not_dates() {
        assert!(isos("Feb 30, 2021").is_empty());
        assert!(isos("31.04.2020").is_empty());
        assert!(isos("The 3 may 20 be").is_empty());
        assert!(isos("Version 10.3.2024.1 released").is_empty());
        assert!(isos("Build 1.10.3.2024").is_empty());
        assert!(isos("no date here, only 2024").is_empty());
        assert!(isos("Temperatures reached 3/4 of the 2024 record").is_empty());
    }

    #[test]
    fn several_dates_in_text_order() {
        assert_eq!(isos("3 March 2024; 2024-03-05; 06.03.2024"), ["2024-03-03", "2024-03-05", "2024-03-06"]);
    }

    #[test]
    fn plausibility() {
        let now = Some(ymd(2024, 3, 3));
        assert!(is_plausible(ymd(2024, 3, 3), now));
        assert!(is_plausible(ymd(2024, 3, 4), now), "a day ahead: time zones");
        assert!(!is_plausible(ymd(2024, 3, 5), now));
        assert!(!is_plausible(ymd(1994, 12, 31), now));
        assert!(is_plausible(ymd(1995, 1, 1), None));
        assert!(is_plausible(ymd(2099, 1, 1), None), "no clock: no upper bound");
        assert_eq!(ymd(2024, 12, 31).next_day(), ymd(2025, 1, 1));
        assert_eq!(ymd(2024, 2, 28).next_day(), ymd(2024, 2, 29));
        assert!(Ymd::new(2023, 2, 29).is_none() && Ymd::new(2024, 13, 1).is_none());
    }

    #[test]
    fn iso_prefixes() {
        assert_eq!(Ymd::from_iso_prefix("2024-03-03T23:30:00-05:00"), Some(ymd(2024, 3, 3)));
        assert_eq!(Ymd::from_iso_prefix("2022-11-1"), Some(ymd(2022, 11, 1)));
        assert_eq!(Ymd::from_iso_prefix("2024-03-03 10:00"), Some(ymd(2024, 3, 3)));
        assert_eq!(Ymd::from_iso_prefix("03.03.2024"), None);
        assert_eq!(Ymd::from_iso_prefix("2024-02-30"), None);
    }

    #[test]
    fn month_names_agree_across_languages() {
        let all: Vec<(&str, u8)> = MONTH_NAMES.iter().flat_map(|(_, names)| names.iter().copied()).collect();
        for (name, month) in &all {
            assert_eq!(*name, name.to_lowercase(), "lower case");
            for (other, m) in &all {
                assert!(name != other || month == m, "{name} is month {month} and {m}");
            }
        }
        // Every month has names in every table it appears in (no gaps in the full names).
        for m in 1..=12u8 {
            assert!(all.iter().any(|(_, n)| *n == m));
        }
    }
}
