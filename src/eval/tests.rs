//! The runner on tiny data sets made here: metric detection, the WCEB set's report, empty
//! outputs, floors (text and metadata) through the command.

use std::path::Path;

use serde_json::{Value, json};

use super::*;

fn write_set(dir: &Path, gold: &[Value], pages: &[(&str, &str)]) {
    std::fs::create_dir_all(dir.join("html")).unwrap();
    let lines: String = gold.iter().map(|g| g.to_string() + "\n").collect();
    std::fs::write(dir.join("gold.jsonl"), lines).unwrap();
    for (id, html) in pages {
        std::fs::write(dir.join("html").join(format!("{id}.html")), html).unwrap();
    }
}

const PAGE: &str = "<html><head><title>A headline here</title></head><body><article><h1>A headline here</h1>\
    <p>The quick brown fox jumps over the lazy dog near the river bank today.</p>\
    <p>A second paragraph keeps the story going with a few more words in it.</p></article></body></html>";

/// A WCEB-style set: full text and a `dataset` per page.
fn wceb_set() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let gold = [
        json!({"id": "a", "url": null, "dataset": "news", "text": "The quick brown fox jumps over the lazy dog."}),
        json!({"id": "b", "url": null, "dataset": "web", "text": "one two three"}),
        json!({"id": "c", "url": null, "dataset": "news", "text": "  "}),
    ];
    write_set(&tmp.path().join("tiny-wceb"), &gold, &[("a", PAGE), ("b", PAGE), ("c", PAGE)]);
    tmp
}

#[test]
fn a_dataset_field_on_full_text_gold_means_wceb() {
    let tmp = wceb_set();
    let data = Dataset::load(&tmp.path().join("tiny-wceb")).expect("loads");
    assert_eq!(data.metric, Metric::Wceb);
    assert_eq!(data.docs[1].group.as_deref(), Some("web"));
    assert!(data.docs[0].gold_has_text() && !data.docs[2].gold_has_text());

    // "dataset" on some lines only is a format error; on none, the set is AEB.
    let bad = tmp.path().join("mixed");
    write_set(&bad, &[json!({"id": "a", "text": "x", "dataset": "d"}), json!({"id": "b", "text": "y"})], &[]);
    let err = Dataset::load(&bad).expect_err("mixed");
    assert!(err.to_string().contains("\"dataset\" on some lines only"), "{err}");
    let aeb = tmp.path().join("aeb");
    write_set(&aeb, &[json!({"id": "a", "text": "x"})], &[]);
    assert_eq!(Dataset::load(&aeb).expect("loads").metric, Metric::Aeb);
}

#[test]
fn both_evals_read_gold_lines_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gold-errors");
    std::fs::create_dir_all(&dir).unwrap();
    let good = json!({"id": "a", "title": "A headline", "text": "x"}).to_string();
    // Blank lines are skipped; the first bad line is the one reported, by its line number.
    for (lines, says) in [
        (format!("{good}\n\n[1]\n{{"), "gold.jsonl:3: not an object"),
        (format!("{good}\n{{\n[1]"), "gold.jsonl:2: bad JSON"),
        (format!("{good}\n{{\"id\": 7}}"), "gold.jsonl:2: no string \"id\""),
        (format!("\n{good}\n{good}"), "gold.jsonl:3: duplicate id \"a\""),
    ] {
        std::fs::write(dir.join("gold.jsonl"), lines).unwrap();
        let body = Dataset::load(&dir).expect_err("body gold").to_string();
        let metadata = meta::MetaGold::load(&dir).expect_err("metadata gold").to_string();
        assert!(body.contains(says), "{body}");
        assert_eq!(body, metadata);
    }
    // Good lines: the set's name is its directory's, for both.
    std::fs::write(dir.join("gold.jsonl"), format!("\n{good}\n")).unwrap();
    let body = Dataset::load(&dir).expect("body gold");
    let metadata = meta::MetaGold::load(&dir).expect("metadata gold");
    assert_eq!((body.name.as_str(), metadata.name.as_str()), ("gold-errors", "gold-errors"));
    assert_eq!((body.docs[0].id.as_str(), metadata.pages[0].id.as_str()), ("a", "a"));
}

#[test]
fn wceb_report_per_dataset_and_empty_outputs() {
    let tmp = wceb_set();
    let data = Dataset::load(&tmp.path().join("tiny-wceb")).expect("loads");
    let preds = [
        ("a", "The quick brown fox jumps over the lazy dog."), // 1.0
        ("b", "one three"),                                    // 2·2 / 5 = 0.8
        ("c", ""),                                             // both empty: 1.0
    ];
    let report =
        evaluate(&data, |doc| Prediction::text(preds.iter().find(|(id, _)| *id == doc.id).map_or("", |(_, t)| *t)));
    let Scores::Wceb(s) = &report.scores else { panic!("not WCEB") };
    assert_eq!(s.lev_mean, exact::fmean(&[1.0, 0.8, 1.0]).unwrap());
    assert_eq!(s.datasets.iter().map(|d| (d.name.as_str(), d.n_docs)).collect::<Vec<_>>(), [("news", 2), ("web", 1)]);
    assert_eq!(s.datasets[1].lev_mean, 0.8);
    assert_eq!(s.lev_macro_mean, exact::fmean(&[1.0, 0.8]).unwrap());
    assert_eq!(report.headline(), ("lev_mean", s.lev_mean));
    // The empty prediction for the blank gold is empty, but loses nothing.
    assert_eq!((report.empty(), report.empty_with_gold()), (1, 0));
    let v = report.to_json(true, false);
    assert_eq!(v["metric"], "wceb-lev");
    assert_eq!(v["datasets"]["web"], json!({"n_docs": 1, "lev_mean": 0.8, "lev_median": 0.8}));
    assert_eq!(v["docs"][0]["id"], "b", "worst first");
    assert_eq!(v["docs"][0]["dataset"], "web");
    let text = report.to_text(true, false);
    assert!(text.contains("1 empty (0 where the gold has text)"), "{text}");
    assert!(text.contains("web"), "{text}");

    // A missing prediction where the gold has text is an empty output that counts.
    let report = evaluate(&data, |doc| if doc.id == "a" { Prediction::default() } else { Prediction::text("x") });
    assert_eq!((report.empty(), report.empty_with_gold(), report.missing()), (1, 1, 1));
}

#[test]
fn the_command_gates_text_and_metadata_floors() {
    let tmp = wceb_set();
    let data = tmp.path().join("tiny-wceb");
    let floors = tmp.path().join("floors.toml");
    let run_with = |floor_text: &str, metadata: bool, d: &Path| {
        std::fs::write(&floors, floor_text).unwrap();
        run(&EvalCommand { data: d.to_path_buf(), check_floors: Some(floors.clone()), metadata, ..Default::default() })
    };
    let out = run_with("[tiny-wceb]\nlev_mean = 0.999\n", false, &data).expect("runs");
    assert!(out.below_floor, "{:?}", out.notes);
    assert!(out.notes[0].contains("lev_mean") && out.notes[0].contains("below the floor"), "{:?}", out.notes);
    let out = run_with("[tiny-wceb]\nlev_mean = 0.01\n", false, &data).expect("runs");
    assert!(!out.below_floor && out.notes[0].contains("meets the floor"), "{:?}", out.notes);
    let err = run_with("[tiny-wceb]\nf1 = 0.5\n", false, &data).expect_err("wrong key");
    assert!(err.to_string().contains("has no lev_mean"), "{err}");

    // Metadata: one page whose title pith gets right (the <h1> and <title> agree).
    let meta = tmp.path().join("tiny-meta");
    write_set(
        &meta,
        &[json!({"id": "p", "url": null, "title": "A headline here", "author": "Jane Roe"})],
        &[("p", PAGE)],
    );
    let out = run_with("[tiny-meta.metadata]\ntitle = 1.0\n", true, &meta).expect("runs");
    assert!(!out.below_floor, "{:?}", out.notes);
    let out = run_with("[tiny-meta.metadata]\ntitle = 1.0\nauthors = 0.5\n", true, &meta).expect("runs");
    assert!(out.below_floor, "{:?}", out.notes);
    assert!(out.notes.iter().any(|n| n.contains("authors accuracy 0.000000 is below the floor")), "{:?}", out.notes);
    let out = run_with("[tiny-meta.metadata]\ntags = 0.1\n", true, &meta).expect("runs");
    assert!(out.below_floor && out.notes[0].contains("no score"), "{:?}", out.notes);
    let out = run_with("[other]\nf1 = 1\n", true, &meta).expect("runs");
    assert!(!out.below_floor && out.notes[0].contains("no metadata floors"), "{:?}", out.notes);
}

#[test]
fn the_command_saves_and_rereads_metadata_predictions() {
    let tmp = tempfile::tempdir().unwrap();
    let meta = tmp.path().join("tiny-meta");
    write_set(&meta, &[json!({"id": "p", "url": "https://example.com/p", "title": "A headline here"})], &[("p", PAGE)]);
    let saved = tmp.path().join("pith.jsonl");
    let cmd = EvalCommand {
        data: meta.clone(),
        metadata: true,
        json: true,
        save_pred: Some(saved.clone()),
        ..Default::default()
    };
    let first: Value = serde_json::from_str(&run(&cmd).expect("runs").stdout).expect("JSON");
    assert_eq!(first["tool"], "pith");
    assert_eq!(first["scores"]["title"]["correct"], 1);
    let line: Value = serde_json::from_str(std::fs::read_to_string(&saved).unwrap().trim()).expect("a record");
    assert_eq!((line["id"].clone(), line["title"].clone()), (json!("p"), json!("A headline here")));
    let cmd = EvalCommand { data: meta, metadata: true, json: true, pred: Some(saved), ..Default::default() };
    let again: Value = serde_json::from_str(&run(&cmd).expect("runs").stdout).expect("JSON");
    assert_eq!(again["scores"], first["scores"]);
}
