//! Dates a page states for machines: `<meta content>`, JSON-LD, `<time datetime>`,
//! microdata `content`. Mostly ISO 8601, but pages also write `2024/03/03`, `20240303`, a
//! space before the time, `+0100` offsets, or a date in words ("March 3, 2024").

use std::sync::LazyLock;

use regex::Regex;

use super::visible_date::{self, NumericOrder, Ymd};
use crate::text;

/// A stated date: its calendar day as the page states it, the value in ISO 8601 as stated (a
/// date, or a date-time with the offset the page gives), and whether its time is in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatedDate {
    /// The calendar day as written (no time-zone conversion).
    pub day: Ymd,
    /// ISO 8601: `2024-03-03` or `2024-03-03T10:00:00+01:00`.
    pub iso: String,
    /// A time stated in UTC (`Z`, `+00:00`): its day may be the day after the page's own.
    pub utc: bool,
}

/// Year, month, day written without ISO's dashes: `2024/03/03`, `2024.03.03`, `20240303`.
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})(?:[/.](\d{1,2})[/.](\d{1,2})|(\d{2})(\d{2}))(?:$|[^\d])").expect("static regex")
});

/// The date `value` states (see the module docs); `order` reads an all-numeric day and month
/// written in words' places ("03/04/2024"). Not checked for plausibility.
pub(crate) fn parse(value: &str, order: NumericOrder) -> Option<StatedDate> {
    let value = value.trim();
    if let Some(iso) = text::iso_datetime(value) {
        let day = Ymd::from_iso_prefix(&iso)?;
        let utc = iso.len() > 10 && (iso.ends_with('Z') || iso.ends_with("+00:00") || iso.ends_with("-00:00"));
        return Some(StatedDate { day, iso, utc });
    }
    if let Some(day) = Ymd::from_iso_prefix(value) {
        return Some(StatedDate { day, iso: day.iso(), utc: false });
    }
    if let Some(c) = COMPACT.captures(value) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let day = Ymd::new(num(1)?, num(2).or(num(4))?, num(3).or(num(5))?)?;
        return Some(StatedDate { day, iso: day.iso(), utc: false });
    }
    let found = visible_date::find_dates(value, order).into_iter().next()?;
    Some(StatedDate { day: found.date, iso: found.iso(), utc: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_of(v: &str) -> Option<String> {
        parse(v, NumericOrder::Unknown).map(|d| d.day.iso())
    }

    #[test]
    fn the_shapes_pages_write_machine_dates_in() {
        let d = parse("2024-03-03T23:30:00Z", NumericOrder::Unknown).unwrap();
        assert_eq!((d.day.iso().as_str(), d.iso.as_str(), d.utc), ("2024-03-03", "2024-03-03T23:30:00Z", true));
        let d = parse(" 2024-03-03 10:00:00+0100", NumericOrder::Unknown).unwrap();
        assert_eq!((d.iso.as_str(), d.utc), ("2024-03-03T10:00:00+01:00", false));
        for (v, want) in [
            ("2024-3-3", "2024-03-03"),
            ("2024/03/03", "2024-03-03"),
            ("2024.03.03 10:00", "2024-03-03"),
            ("20240303", "2024-03-03"),
            ("20240303T101500", "2024-03-03"),
            ("March 3, 2024", "2024-03-03"),
            ("Sun, 03 Mar 2024 10:00:00 GMT", "2024-03-03"),
            ("2024-03-03T10:00:00.000000+02:00", "2024-03-03"),
        ] {
            assert_eq!(day_of(v).as_deref(), Some(want), "{v}");
        }
        for v in ["", "2024-02-30", "202403031", "tomorrow", "2024"] {
            assert_eq!(day_of(v), None, "{v}");
        }
    }
}
