//! Extraction from arbitrary bytes: never a panic, and every record serialises and renders.
//! The first byte picks options (explain, a page URL, an HTTP charset); the rest is the page.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pith::{ExtractOptions, Extractor, Limits, Record, render};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
    // No time budget: a slow input must show up as a libFuzzer timeout, not hide behind
    // `budget_exceeded`. The node and depth limits stay the defaults.
    Extractor::default().with_limits(Limits::default().with_time_budget(None))
});

fuzz_target!(|data: &[u8]| {
    let Some((&flags, page)) = data.split_first() else { return };
    let mut opts = ExtractOptions::new("fuzz.html").with_explain(flags & 1 != 0);
    if flags & 2 != 0 {
        opts = opts.with_url(Some("https://www.bankinfosecurity.com/some-story-a-15003".into()));
    }
    if flags & 4 != 0 {
        opts = opts.with_content_type(Some("text/html; charset=windows-1252".into()));
    }
    let record = EXTRACTOR.record(page, &opts);
    let line = render::json_line(&record);
    assert!(!line.contains('\n'), "a JSON line has a raw newline");
    let _: serde_json::Value = serde_json::from_str(&line).expect("the record is valid JSON");
    if let Record::Article(a) = &record {
        let _ = render::markdown(a);
        let _ = render::text(a);
    }
});
