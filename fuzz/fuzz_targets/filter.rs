//! `pith filter`'s JSON Lines reader: any byte stream gives exactly one output line per input
//! line, each a valid JSON record, and never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pith::Extractor;
use pith::batch::{FilterOptions, run_filter};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    run_filter(&EXTRACTOR, data, &mut out, &FilterOptions::default()).expect("in-memory streams do not fail");
    // Input lines: split at '\n'; a last line without one counts when it is not empty.
    let lines = data.split(|&b| b == b'\n').count() - usize::from(data.is_empty() || data.ends_with(b"\n"));
    let out = String::from_utf8(out).expect("the output is UTF-8");
    assert_eq!(out.lines().count(), lines, "one output line per input line");
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each output line is JSON");
        assert!(v["status"] == "ok" || v["status"] == "error");
    }
});
