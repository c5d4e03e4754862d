//! What a run gave: one [`Summary`] for every runner (pages, WARC records, URL lists, the
//! `filter` stream), counted as records are written.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::{ErrorKind, Record};

/// What a run gave.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Summary {
    /// Records written.
    pub records: u64,
    /// Records that are articles.
    pub articles: u64,
    /// Error records by kind (`not_found`, `empty`, …).
    pub errors: BTreeMap<String, u64>,
    /// Inputs skipped because the output already had them (`--resume`).
    pub skipped: u64,
    /// Files in the directories walked that were not read: their names are not page names
    /// (`.html`, `.htm`, `.xhtml`, optionally `.gz`) and their first bytes are no HTML.
    pub not_pages: u64,
    /// Records of the resumed output that matched no input of this run (`--resume` with
    /// inputs spelled otherwise than before: their inputs were done again).
    pub unmatched: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    pub(crate) fn count(&mut self, record: &Record) {
        self.records += 1;
        match record {
            Record::Article(_) => self.articles += 1,
            Record::Error(e) => *self.errors.entry(kind_name(e.error.kind)).or_default() += 1,
        }
    }

    /// Adds the counts of another run's summary (not its time).
    pub(crate) fn absorb(&mut self, other: &Summary) {
        self.records += other.records;
        self.articles += other.articles;
        for (kind, n) in &other.errors {
            *self.errors.entry(kind.clone()).or_default() += n;
        }
        self.skipped += other.skipped;
        self.not_pages += other.not_pages;
    }

    /// Error records in all.
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    /// Error records of kind `internal` (bugs).
    pub fn internal_count(&self) -> u64 {
        self.errors.get("internal").copied().unwrap_or(0)
    }

    /// One line for people: `1000 pages: 990 articles, 10 errors (empty 4, not_html 6) in
    /// 12.3 s, 81.3 pages/s`.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 { self.records as f64 / secs } else { 0.0 };
        let mut s = format!("{} pages: {} articles, {} errors", self.records, self.articles, self.error_count());
        if !self.errors.is_empty() {
            let kinds: Vec<String> = self.errors.iter().map(|(k, n)| format!("{k} {n}")).collect();
            s += &format!(" ({})", kinds.join(", "));
        }
        s += &format!(" in {secs:.1} s, {rate:.1} pages/s");
        if self.skipped > 0 {
            s += &format!("; {} already done, skipped", self.skipped);
        }
        if self.not_pages > 0 {
            s += &format!("; {} other files skipped (not named .html, .htm, .xhtml, nor HTML)", self.not_pages);
        }
        if self.unmatched > 0 {
            s += &format!("; {} earlier records matched no input", self.unmatched);
        }
        s
    }
}

fn kind_name(kind: ErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{kind:?}"),
    }
}
