//! `pith filter`: the JSON Lines stream for distributed engines.

use std::fs;

use assert_cmd::Command;
use serde_json::{Value, json};

const GOOD: &str = "testdata/ismg/seed-tiktok-oracle.html";

/// `pith filter` as an engine starts it: no environment at all.
fn filter() -> Command {
    let mut c = Command::cargo_bin("pith").expect("pith binary");
    c.env_clear().arg("filter");
    c
}

fn run(args: &[&str], stdin: impl Into<Vec<u8>>) -> (Vec<Value>, String, String) {
    let out = filter().args(args).write_stdin(stdin).assert().code(0).get_output().clone();
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(stdout.is_empty() || stdout.ends_with('\n'));
    let records = stdout.split('\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    (records, stdout, String::from_utf8_lossy(&out.stderr).to_string())
}

fn kind(v: &Value) -> &str {
    if v["status"] == "ok" { "ok" } else { v["error"]["kind"].as_str().unwrap_or("?") }
}

fn line(v: Value) -> String {
    v.to_string() + "\n"
}

#[test]
fn one_line_out_per_line_in_whatever_is_wrong_with_it() {
    let good = fs::read_to_string(GOOD).unwrap();
    let url = "https://www.bankinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003";
    // A poisoned page: a million nested elements (the depth limit stops the parse).
    let deep = "<div>".repeat(1_000_000);
    // A node bomb: more elements than the (lowered) node limit.
    let bomb = format!("<html><body>{}</body></html>", "<p>x</p>".repeat(20_000));
    let mut stdin = String::new();
    stdin += &line(json!({"id": "good", "url": url, "html": good}));
    stdin += "{\"id\": \"broken\", \"html\": \"<p>unterminated\n"; // malformed JSON, readable id
    stdin += "{\"html\": <p>no quotes</p>}\n"; // malformed JSON, no id: the line number
    stdin += &line(json!({"url": url, "html": "<p>no id</p>"}));
    stdin += &line(json!({"id": "deep", "html": deep}));
    stdin += &line(json!({"id": 42, "url": null, "html": bomb}));
    stdin += &line(json!({"id": "no-html", "url": url}));
    stdin += "\n"; // a blank line is a line too
    stdin += &line(json!({"id": "empty", "html": "   "}));
    stdin += json!({"id": "again", "url": url, "html": good, "extra": [1, 2]}).to_string().as_str(); // no final newline
    // A time budget far above what any line needs, even in a debug build on a busy machine:
    // the kinds checked come from the depth and node limits, never from the clock.
    let (recs, _, _) = run(&["--max-nodes", "10000", "--time-budget-ms", "600000"], stdin);
    let got: Vec<(String, &str)> =
        recs.iter().map(|r| (r["input"].as_str().unwrap_or("?").to_string(), kind(r))).collect();
    let want = [
        ("good", "ok"),
        ("broken", "invalid_input"),
        ("3", "invalid_input"),
        ("4", "invalid_input"),
        ("deep", "too_large"),
        ("42", "too_large"),
        ("no-html", "invalid_input"),
        ("8", "invalid_input"),
        ("empty", "empty"),
        ("again", "ok"),
    ];
    let want: Vec<(String, &str)> = want.iter().map(|(i, k)| (i.to_string(), *k)).collect();
    assert_eq!(got, want);
    assert_eq!(recs[0]["title"], "TikTok Picks Oracle as US 'Technology Partner'");
    assert_eq!(recs[0]["url"], url);
    assert_eq!(recs[0]["source_id"], "a-15003");
    assert_eq!(recs[6]["url"], url, "an error record keeps the url it was given");
}

#[test]
fn jobs_keep_the_order_and_the_bytes() {
    let good = fs::read_to_string(GOOD).unwrap();
    let mut stdin = String::new();
    for i in 0..24 {
        let html =
            if i % 5 == 3 { "not html at all".to_string() } else { good.replace("TikTok", &format!("TikTok {i}")) };
        stdin += &line(json!({"id": format!("p{i}"), "html": html}));
    }
    let (one, out1, _) = run(&[], stdin.clone());
    let (_, out3, _) = run(&["--jobs", "3"], stdin);
    assert_eq!(out1, out3);
    let ids: Vec<&str> = one.iter().map(|r| r["input"].as_str().unwrap()).collect();
    let want: Vec<String> = (0..24).map(|i| format!("p{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn the_html_is_unicode_whatever_charset_it_declares_and_lines_stay_lines() {
    // The page declares windows-1252, but in JSON it is text already: é must stay é.
    let html = "<html><head><meta charset=windows-1252><title>Café\u{2028}Story</title></head><body><article><h1>Café\u{2028}Story</h1>\
                <p>Un café au lait, s'il vous plaît, with enough words to be a paragraph of an article body.</p>\
                <p>Another paragraph\u{2029}with a paragraph separator and a next-line\u{85}character in it.</p></article></body></html>";
    let stdin = line(json!({"id": "x", "html": html}));
    let (recs, stdout, _) = run(&[], stdin);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["text"].as_str().unwrap().contains("Un café au lait"), "{}", recs[0]["text"]);
    assert_eq!(recs[0]["source"]["encoding"], "UTF-8");
    assert!(!stdout.contains(['\u{2028}', '\u{2029}', '\u{85}']), "U+2028/2029/0085 are escaped");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn an_empty_stream_gives_nothing_and_crlf_lines_work() {
    let (recs, stdout, _) = run(&[], "");
    assert!(recs.is_empty() && stdout.is_empty());
    let stdin = "{\"id\":\"a\",\"html\":\"<p>one two three</p>\"}\r\n{\"id\":\"b\",\"html\":\"\"}\r\n";
    let (recs, _, _) = run(&[], stdin);
    let ids: Vec<&str> = recs.iter().map(|r| r["input"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(kind(&recs[1]), "empty");
}

#[test]
fn a_line_over_the_limit_is_skipped_over_with_its_id() {
    let big = "<p>word</p>".repeat(10_000); // over the longest line for 1000 bytes (6 x 1000 + 64 KiB)
    let stdin =
        line(json!({"id": "big", "html": big})) + &line(json!({"id": "small", "html": "<p>a small page of words</p>"}));
    let (recs, _, _) = run(&["--max-bytes", "1000"], stdin);
    let got: Vec<(&str, &str)> = recs.iter().map(|r| (r["input"].as_str().unwrap(), kind(r))).collect();
    assert_eq!(got, [("big", "too_large"), ("small", "ok")]);
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    filter().arg("--jobs").arg("0").write_stdin("").assert().code(2);
}
