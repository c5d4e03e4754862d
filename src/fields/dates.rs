//! `published`, `published_date` and `modified`.

use std::collections::HashMap;

use url::Url;

use super::date_sources::{MODIFIED_META_KEYS, PUBLISHED_META_KEYS, url_date};
use super::machine_date::{self, StatedDate};
use super::page_meta::PageMeta;
use super::sourced::Sourced;
use super::visible::Visible;
use super::visible_date::{self, DateRole, NumericOrder, Ymd};
use crate::article::{Warning, WarningCode};

/// The source name of the dates a site profile's `date` rule read (in the byline's text or
/// a machine-readable time by it): profile-chosen fields are named `profile:<rule>`.
const PROFILE_DATE: &str = "profile:date";

/// What the date functions read besides the page's metadata.
pub(crate) struct DateInputs<'a> {
    /// The date a site profile read in the byline (ISO date).
    pub profile_visible: Option<&'a str>,
    /// The machine-readable date a site profile found near the byline.
    pub profile_machine: Option<&'a str>,
    /// What the page shows.
    pub visible: &'a Visible,
    /// The page URL (given, else the page's own).
    pub page_url: Option<&'a Url>,
    /// The fetch time (or now): no page date is later than the day after it.
    pub now: Option<Ymd>,
    /// How the page's language writes numeric dates.
    pub order: NumericOrder,
}

/// A candidate date and where it came from; `shown` for one a reader sees (a byline, the URL)
/// rather than a machine-readable value.
struct Candidate {
    source: &'static str,
    date: StatedDate,
    shown: bool,
    /// An update date ("Updated March 4"): a candidate of the last resort, never a
    /// confirmation of another source's day.
    update: bool,
}

/// `published` and the warning the choice raises. The candidates, in order of trust (the
/// first plausible one wins):
///
/// 1. the byline date a site profile read, else the visible byline date (`text:byline`: a
///    dated element in the article, the first date that is no update);
/// 2. the profile's machine date, JSON-LD `datePublished` and `dateCreated` of the article;
/// 3. the `<meta>` keys of [`PUBLISHED_META_KEYS`];
/// 4. microdata `datePublished` (`datetime`, `content`, text), `<time pubdate>`,
///    `time.published`, hAtom's `abbr.published[title]` (or a `span`);
/// 5. the URL (`/2024/03/03/`, `2024-03-03`, `/20240303/`);
/// 6. an update date in the byline, any `<time datetime>` in the page, the first date after
///    the headline, the nearest date above it.
///
/// Plausible: a real calendar day, not before 1995, not after `now` plus a day. The visible
/// byline wins on the day; a machine date-time of the same day gives the time and offset the
/// page states. A machine date more than a day off the URL's gives way to it (a page moved or
/// republished restates its metadata, not its address). A machine time in UTC one day off
/// another candidate (the URL, the byline, a
/// time with a local offset) yields that day: the page's own; as does a machine date one day
/// off the byline (`date_ambiguous`); a machine time without an offset counts as UTC here
/// ([`may_be_utc`]). Before all of these, a first date no other source states gives way to a
/// day two sources state, one of them shown ([`confirmed_instead`]).
pub(crate) fn published(meta: &PageMeta, inputs: &DateInputs<'_>) -> (Option<Sourced<String>>, Option<Warning>) {
    let candidates = published_candidates(meta, inputs);
    let Some(first) = candidates.first() else { return (None, None) };
    let machine = candidates.iter().find(|c| !c.shown);
    if let Some((confirmed, sources)) = confirmed_instead(&candidates, first) {
        // The first date stands alone; a day two sources state, one of them shown, wins.
        let day = confirmed.date.day;
        let chosen = timed_machine_date(&candidates, day).unwrap_or(confirmed);
        return (
            Some(Sourced::new(chosen.date.iso.clone(), chosen.source)),
            Some(Warning {
                code: WarningCode::DateAmbiguous,
                message: format!(
                    "{} says {} but {} sources say {}; the confirmed day wins",
                    first.source,
                    first.date.iso,
                    sources,
                    day.iso()
                ),
            }),
        );
    }
    if first.shown {
        // The byline's day; the time from a machine date of that day.
        return match machine {
            Some(m) if m.date.day == first.date.day => {
                // A day-only machine date (`<time datetime="2024-03-03">`) states no time: take
                // it from the next machine date of the same day that has one.
                let timed = timed_machine_date(&candidates, first.date.day);
                (Some(Sourced::new(timed.unwrap_or(m).date.iso.clone(), first.source)), None)
            }
            Some(m) if is_profile_visible(first) || first.source == "text:byline" => (
                Some(Sourced::new(first.date.iso.clone(), first.source)),
                Some(Warning {
                    code: WarningCode::DateAmbiguous,
                    message: format!(
                        "the byline says {} but the metadata says {}; the byline wins",
                        first.date.iso, m.date.iso
                    ),
                }),
            ),
            _ => (Some(Sourced::new(first.date.iso.clone(), first.source)), None),
        };
    }
    if let Some(url) = candidates.iter().find(|c| c.source == "url")
        && !within_a_day(first.date.day, url.date.day)
    {
        // A machine date far from the URL's: the URL keeps the day the story first went
        // out, the metadata of a page moved or republished states the move.
        let timed = candidates.iter().find(|c| !c.shown && c.date.day == url.date.day);
        return (
            Some(Sourced::new(timed.map_or_else(|| url.date.iso.clone(), |m| m.date.iso.clone()), url.source)),
            Some(Warning {
                code: WarningCode::DateAmbiguous,
                message: format!(
                    "the URL says {} but {} says {}; the URL wins",
                    url.date.day.iso(),
                    first.source,
                    first.date.iso
                ),
            }),
        );
    }
    // A day the URL states too is the page's own, whatever the zone. (Not a dateline's: by the
    // headline, "Updated 0234 GMT November 19" states the UTC day.)
    let url_states_first_day = candidates.iter().any(|c| c.source == "url" && c.date.day == first.date.day);
    if may_be_utc(&first.date)
        && !url_states_first_day
        && let Some(local) = candidates.iter().skip(1).find(|c| {
            (c.date.day == first.date.day.next_day() || first.date.day == c.date.day.next_day())
                && is_local_to(c, &first.date)
        })
    {
        return (
            Some(Sourced::new(local.date.day.iso(), local.source)),
            Some(Warning {
                code: WarningCode::DateAmbiguous,
                message: format!("{} is in UTC; the page's own day is {}", first.date.iso, local.date.day.iso()),
            }),
        );
    }
    (Some(Sourced::new(first.date.iso.clone(), first.source)), None)
}

/// The candidate whose day replaces `first`'s when no other source states `first`'s day and a
/// later day is stated by at least two sources, one of them a date a reader sees (the byline,
/// the text by the headline, the URL): a template's stale JSON-LD, a copied `og:` tag or a
/// related story's dateline against the page's own metadata and dateline. A byline gives way
/// only to a day more than a day off (a day off is the time zone's or the edition's), a site
/// profile's never. Update dates confirm nothing. Returns the candidate and how many sources
/// state its day.
fn confirmed_instead<'c>(candidates: &'c [Candidate], first: &Candidate) -> Option<(&'c Candidate, usize)> {
    if is_profile_visible(first) {
        return None;
    }
    // A machine date far from the URL's gives way to the URL's day (see [`published`]).
    if !first.shown && candidates.iter().any(|c| c.source == "url" && !within_a_day(first.date.day, c.date.day)) {
        return None;
    }
    // Per day, in one pass (a listing page has thousands of `<time>`s): the distinct sources
    // that state it and whether one of them is shown.
    let mut days: HashMap<Ymd, (Vec<&'static str>, bool)> = HashMap::new();
    for c in candidates.iter().filter(|c| !c.update) {
        let (sources, shown) = days.entry(c.date.day).or_default();
        if !sources.contains(&c.source) {
            sources.push(c.source);
        }
        *shown |= c.shown;
    }
    if days.get(&first.date.day).is_some_and(|(sources, _)| sources.len() > 1) {
        return None;
    }
    candidates.iter().filter(|c| !c.update && c.date.day != first.date.day).find_map(|c| {
        let (sources, shown) = days.get(&c.date.day)?;
        let far_enough = !first.shown || !within_a_day(first.date.day, c.date.day);
        (far_enough && *shown && sources.len() >= 2).then_some((c, sources.len()))
    })
}

/// The first machine date of `day` that states a time of day (a time for a day a reader sees
/// or a day-only machine date).
fn timed_machine_date(candidates: &[Candidate], day: Ymd) -> Option<&Candidate> {
    candidates.iter().find(|c| !c.shown && !c.update && c.date.day == day && has_time(&c.date))
}

/// Whether two days are the same or next to each other (time zones, a story dated the day
/// it was written and the day it went out).
fn within_a_day(a: Ymd, b: Ymd) -> bool {
    a == b || a.next_day() == b || b.next_day() == a
}

/// Whether a stated date gives a time of day (`2024-03-03T10:00:00+01:00`), not only the day.
fn has_time(date: &StatedDate) -> bool {
    date.iso.len() > 10
}

/// Whether a candidate one day off a UTC (or offset-free) time states the page's own day: a
/// date a reader sees, a machine date with a local offset or without a time; a machine time
/// without an offset only when the UTC time is that same moment in some time zone (the clock
/// times a whole number of quarter hours apart, at most 14 hours), not another story's time.
fn is_local_to(c: &Candidate, utc: &StatedDate) -> bool {
    if c.shown || !has_time(&c.date) {
        return true;
    }
    if may_be_utc(&c.date) {
        let (Some(local), Some(utc_minutes)) = (minutes_of_day(&c.date), minutes_of_day(utc)) else { return false };
        let day_apart = if c.date.day.next_day() == utc.day { -1440 } else { 1440 };
        let apart = (local + day_apart - utc_minutes).abs();
        return utc.utc && apart <= 14 * 60 && apart % 15 == 0;
    }
    true
}

/// The minutes since midnight of a date-time's clock time (`2024-03-03T10:30…` → 630).
fn minutes_of_day(date: &StatedDate) -> Option<i32> {
    let hours: i32 = date.iso.get(11..13)?.parse().ok()?;
    let minutes: i32 = date.iso.get(14..16)?.parse().ok()?;
    Some(hours * 60 + minutes)
}

/// Whether a date-time may be in UTC rather than the page's own time: stated in UTC, or with
/// no offset at all (many content systems write their UTC clock without one).
fn may_be_utc(date: &StatedDate) -> bool {
    date.utc || (has_time(date) && !date.iso[10..].contains(['+', '-']))
}

fn is_profile_visible(c: &Candidate) -> bool {
    c.source == PROFILE_DATE && c.shown
}

fn published_candidates(meta: &PageMeta, inputs: &DateInputs<'_>) -> Vec<Candidate> {
    let DateInputs { profile_visible, profile_machine, visible, page_url, now, order } = *inputs;
    let mut out: Vec<Candidate> = Vec::new();
    let mut push = |source: &'static str, value: Option<&str>, shown: bool, is_update: bool| {
        if let Some(date) = value.and_then(|v| machine_date::parse(v, order))
            && visible_date::is_plausible(date.day, now)
        {
            out.push(Candidate { source, date, shown, update: is_update });
        }
    };
    push(PROFILE_DATE, profile_visible, true, false);
    for (s, v) in finds(visible, DateRole::Published, &["text:byline"]) {
        push(s, Some(&v), true, false);
    }
    push(PROFILE_DATE, profile_machine, false, false);
    if let Some(j) = &meta.jsonld {
        push("json-ld:datePublished", j.date_published.as_deref(), false, false);
        push("json-ld:dateCreated", j.date_created.as_deref(), false, false);
    }
    for &(key, source) in PUBLISHED_META_KEYS {
        push(source, meta.get(key), false, false);
    }
    let microdata = ["microdata:[itemprop=datePublished]", "microdata:time[itemprop=datePublished]"];
    for (s, v) in finds(visible, DateRole::Published, &microdata) {
        push(s, Some(&v), false, false);
    }
    let marked = [
        "byline:time[pubdate]",
        "byline:time.published",
        "byline:abbr.published[title]",
        "byline:span.published[title]",
    ];
    for (s, v) in finds(visible, DateRole::Published, &marked) {
        push(s, Some(&v), false, false);
    }
    if let Some(day) = page_url.and_then(|u| url_date(u, order)) {
        push("url", Some(&day.iso()), true, false);
    }
    for (s, v) in finds(visible, DateRole::Updated, &["text:byline"]) {
        push(s, Some(&v), true, true);
    }
    for (s, v) in finds(visible, DateRole::Unknown, &["time[datetime]"]) {
        push(s, Some(&v), false, false);
    }
    for (s, v) in finds(visible, DateRole::Unknown, &["text:near-headline", "text:before-headline"]) {
        push(s, Some(&v), true, false);
    }
    // The last resort (found only when nothing above is): a cued date anywhere, the scripts.
    for (s, v) in finds(visible, DateRole::Published, &["text:cued"]) {
        push(s, Some(&v), true, false);
    }
    for d in visible.dates.iter().filter(|d| d.source.starts_with("script:")) {
        push(d.source, Some(&d.date.iso), false, false);
    }
    out
}

/// The page's date finds of a role from the given sources, as (source, ISO date).
fn finds<'v>(
    visible: &'v Visible,
    role: DateRole,
    sources: &'v [&str],
) -> impl Iterator<Item = (&'static str, String)> + 'v {
    visible
        .dates
        .iter()
        .filter(move |d| d.role == role && sources.contains(&d.source))
        .map(|d| (d.source, d.date.iso.clone()))
}

/// `published` of a page that states only its update ("last edited 2019-11-10",
/// `dateModified` alone): the update is the one date the page vouches for, and the story
/// went out on or before it. Named `modified` in `sources`.
pub(crate) fn published_from_modified(modified: Option<&Sourced<String>>) -> Option<Sourced<String>> {
    modified.map(|m| Sourced::new(m.value.clone(), "modified"))
}

/// `published_date`: the calendar day of `published`, as the page states it.
pub(crate) fn published_date(published: Option<&Sourced<String>>) -> Option<Sourced<String>> {
    let p = published?;
    Ymd::from_iso_prefix(&p.value).map(|d| Sourced::new(d.iso(), p.source))
}

/// `modified`: JSON-LD `dateModified`, the `<meta>` keys of [`MODIFIED_META_KEYS`],
/// microdata `dateModified`, `time.updated`, an update date in the byline ("Updated March
/// 4"); the first plausible one, as the page states it.
pub(crate) fn modified(meta: &PageMeta, inputs: &DateInputs<'_>) -> Option<Sourced<String>> {
    let parse =
        |v: &str| machine_date::parse(v, inputs.order).filter(|d| visible_date::is_plausible(d.day, inputs.now));
    if let Some(d) = meta.jsonld.as_ref().and_then(|j| j.date_modified.as_deref()).and_then(parse) {
        return Some(Sourced::new(d.iso, "json-ld:dateModified"));
    }
    for &(key, source) in MODIFIED_META_KEYS {
        if let Some(d) = meta.get(key).and_then(parse) {
            return Some(Sourced::new(d.iso, source));
        }
    }
    let updated =
        |s: &str| inputs.visible.dates.iter().find(|d| d.role == DateRole::Updated && d.source.starts_with(s));
    ["microdata:", "byline:time", "byline:abbr.updated", "byline:span.updated", "text:byline", "text:cued"]
        .into_iter()
        .find_map(updated)
        .filter(|d| visible_date::is_plausible(d.date.day, inputs.now))
        .map(|d| {
            Sourced::new(
                d.date.iso.clone(),
                if d.source.starts_with("microdata:") { "microdata:[itemprop=dateModified]" } else { d.source },
            )
        })
}

/// The day of an RFC 3339 time (`fetched_at`), else today (the system clock): no page date
/// is later than the day after it.
pub(crate) fn now(fetched_at: Option<&str>) -> Option<Ymd> {
    if let Some(day) = fetched_at.and_then(Ymd::from_iso_prefix) {
        return Some(day);
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let days = i64::try_from(secs / 86_400).ok()?;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Ymd::new(u32::try_from(year).ok()?, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn inputs<'a>(visible: &'a Visible, url: Option<&'a Url>) -> DateInputs<'a> {
        DateInputs {
            profile_visible: None,
            profile_machine: None,
            visible,
            page_url: url,
            now: Ymd::new(2026, 1, 1),
            order: NumericOrder::Unknown,
        }
    }

    fn meta(head: &str) -> PageMeta {
        PageMeta::read(&Html::parse_document(&format!("<html><head>{head}</head><body></body></html>")))
    }

    #[test]
    fn visible_byline_date_wins_and_same_day_metadata_adds_the_time() {
        let m = meta(r#"<meta property="article:published_time" content="2026-03-27T01:30:00Z">"#);
        let none = Visible::default();
        let inp = DateInputs { profile_visible: Some("2025-03-26"), now: Ymd::new(2026, 12, 1), ..inputs(&none, None) };
        let m2 = meta(r#"<meta property="article:published_time" content="2025-03-27T01:30:00Z">"#);
        let (published_date, warning) = published(&m2, &inp);
        assert_eq!(published_date.map(|p| p.value).as_deref(), Some("2025-03-26"));
        assert_eq!(warning.map(|w| w.code), Some(WarningCode::DateAmbiguous));
        let m3 = meta(r#"<meta property="article:published_time" content="2025-03-26T21:30:00-04:00">"#);
        assert_eq!(published(&m3, &inp).0.map(|p| p.value).as_deref(), Some("2025-03-26T21:30:00-04:00"));
        // A date after the fetch time plus a day is no page date.
        let inp = inputs(&none, None);
        assert_eq!(published(&m, &inp).0, None);
    }

    #[test]
    fn a_day_only_machine_date_takes_the_time_from_a_later_one_of_the_same_day() {
        let m = meta(r#"<meta property="article:published_time" content="2026-03-17T06:00:00-04:00">"#);
        let none = Visible::default();
        let inp = DateInputs {
            profile_visible: Some("2026-03-17"),
            profile_machine: Some("2026-03-17"),
            now: Ymd::new(2026, 12, 1),
            ..inputs(&none, None)
        };
        let (p, w) = published(&m, &inp);
        assert_eq!(p, Some(Sourced::new("2026-03-17T06:00:00-04:00".to_string(), PROFILE_DATE)));
        assert_eq!(w, None);
        // A time of another day is never borrowed.
        let m = meta(r#"<meta property="article:published_time" content="2026-03-18T06:00:00-04:00">"#);
        assert_eq!(published(&m, &inp).0.map(|p| p.value).as_deref(), Some("2026-03-17"));
    }

    #[test]
    fn a_utc_time_one_day_off_the_url_gives_the_url_s_day() {
        let m = meta(r#"<meta property="article:published_time" content="2024-03-04T01:30:00Z">"#);
        let url = Url::parse("https://news.example/2024/03/03/harbour").unwrap();
        let (p, w) = published(&m, &inputs(&Visible::default(), Some(&url)));
        assert_eq!(p, Some(Sourced::new("2024-03-03".to_string(), "url")));
        assert!(w.is_some());
        // With a local offset the machine date stands.
        let m = meta(r#"<meta property="article:published_time" content="2024-03-04T01:30:00+01:00">"#);
        let (p, _) = published(&m, &inputs(&Visible::default(), Some(&url)));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2024-03-04T01:30:00+01:00"));
    }

    fn visible_dates(finds: &[(&'static str, DateRole, &str)]) -> Visible {
        let dates = finds
            .iter()
            .map(|&(source, role, iso)| super::super::visible::DateFind {
                source,
                role,
                date: machine_date::parse(iso, NumericOrder::Unknown).expect("a test date"),
            })
            .collect();
        Visible { dates, ..Visible::default() }
    }

    #[test]
    fn a_lone_machine_date_gives_way_to_a_day_two_sources_state_one_of_them_shown() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+00:00"}</script>
               <meta property="article:published_time" content="2023-11-06T14:25:00+00:00">"#,
        );
        let seen = visible_dates(&[("text:near-headline", DateRole::Unknown, "2023-11-06")]);
        let (p, w) = published(&m, &inputs(&seen, None));
        assert_eq!(p, Some(Sourced::new("2023-11-06T14:25:00+00:00".to_string(), "meta:article:published_time")));
        assert_eq!(w.map(|w| w.code), Some(WarningCode::DateAmbiguous));
        // Without a date a reader sees, the first machine date stands.
        let (p, _) = published(&m, &inputs(&Visible::default(), None));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2023-11-03T10:25:56+00:00"));
        // An update line confirms nothing: "Updated November 6" with the same day's metadata.
        let updated = visible_dates(&[("text:byline", DateRole::Updated, "2023-11-06")]);
        let (p, _) = published(&m, &inputs(&updated, None));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2023-11-03T10:25:56+00:00"));
        // A first date another source confirms stands.
        let both = visible_dates(&[
            ("text:near-headline", DateRole::Unknown, "2023-11-06"),
            ("time[datetime]", DateRole::Unknown, "2023-11-03"),
        ]);
        let (p, _) = published(&m, &inputs(&both, None));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2023-11-03T10:25:56+00:00"));
    }

    #[test]
    fn a_lone_byline_date_gives_way_only_to_a_confirmed_day_more_than_a_day_off() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-02-04T09:55:00+01:00"}</script>"#,
        );
        let far = visible_dates(&[
            ("text:byline", DateRole::Published, "2022-02-01"),
            ("text:near-headline", DateRole::Unknown, "2022-02-04"),
        ]);
        let (p, w) = published(&m, &inputs(&far, None));
        assert_eq!(p, Some(Sourced::new("2022-02-04T09:55:00+01:00".to_string(), "json-ld:datePublished")));
        assert!(w.is_some());
        // A day off: the byline wins (time zones, the edition's day).
        let near = visible_dates(&[
            ("text:byline", DateRole::Published, "2022-02-03"),
            ("text:near-headline", DateRole::Unknown, "2022-02-04"),
        ]);
        assert_eq!(published(&m, &inputs(&near, None)).0.map(|p| p.value).as_deref(), Some("2022-02-03"));
    }

    #[test]
    fn a_time_without_offset_one_day_off_the_dateline_gives_the_dateline_s_day() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-10T23:35:55"}</script>"#,
        );
        let seen = visible_dates(&[("text:near-headline", DateRole::Unknown, "2022-05-11")]);
        let (p, w) = published(&m, &inputs(&seen, None));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2022-05-11"));
        assert!(w.is_some());
        // A dateline with a time of day is the page's own time too.
        let timed = visible_dates(&[("text:near-headline", DateRole::Unknown, "2022-05-10T22:41:00")]);
        let m2 = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-11T02:41:00"}</script>"#,
        );
        assert_eq!(published(&m2, &inputs(&timed, None)).0.map(|p| p.value).as_deref(), Some("2022-05-10"));
        // With an offset the time is the page's own.
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-10T23:35:55-03:00"}</script>"#,
        );
        let (p, _) = published(&m, &inputs(&seen, None));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2022-05-10T23:35:55-03:00"));
    }

    #[test]
    fn a_utc_day_the_url_states_too_stands() {
        let m = meta(r#"<meta property="article:published_time" content="2023-10-30T13:01:18+00:00">"#);
        let url = Url::parse("https://news.example/2023/10/30/exhibition").unwrap();
        let above = visible_dates(&[("text:before-headline", DateRole::Unknown, "2023-10-31")]);
        let (p, _) = published(&m, &inputs(&above, Some(&url)));
        assert_eq!(p.map(|p| p.value).as_deref(), Some("2023-10-30T13:01:18+00:00"));
    }

    #[test]
    fn an_offset_free_time_is_the_page_s_own_only_as_the_same_moment() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-19T01:19:34Z"}</script>"#,
        );
        // 20:19 the day before is 01:19 UTC five hours west: the page's own day.
        let same_moment = visible_dates(&[("time[datetime]", DateRole::Unknown, "2019-11-18T20:19:00")]);
        assert_eq!(published(&m, &inputs(&same_moment, None)).0.map(|p| p.value).as_deref(), Some("2019-11-18"));
        // 09:42 the day after is no time zone's 01:19 UTC: another story's time.
        let other = visible_dates(&[("time[datetime]", DateRole::Unknown, "2019-11-20T09:42:20")]);
        assert_eq!(published(&m, &inputs(&other, None)).0.map(|p| p.value).as_deref(), Some("2019-11-19T01:19:34Z"));
    }

    #[test]
    fn now_is_the_fetch_day_or_a_real_day() {
        assert_eq!(now(Some("2024-03-03T10:00:00Z")), Ymd::new(2024, 3, 3));
        assert!(now(None).is_some_and(|d| d.year >= 2024));
    }

    #[test]
    fn published_date_is_the_stated_day() {
        let p = Sourced::new("2024-03-03T23:30:00-05:00".to_string(), "x");
        assert_eq!(published_date(Some(&p)).map(|d| d.value).as_deref(), Some("2024-03-03"));
    }
}
