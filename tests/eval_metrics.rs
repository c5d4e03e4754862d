//! The benchmark metrics of `pith::eval` are exact ports of the reference Python scorers.
//!
//! (a) The test vectors of `benchmarks/METRICS.md` (from AEB's `tests.py` and trafilatura's
//!     `eval_common.py`): need nothing outside the repo.
//! (b) With `PITH_SHARED` pointing at the shared folder (the one holding `benchmarks/`), every
//!     reference output of both data sets is scored and must give `expected-metrics.json` bit for
//!     bit. Without it, (b) prints that it skipped and passes.
//! (c) The `pith eval` command on a tiny data set made here: output, `--per-doc`, floors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pith::eval::aeb::{self, Counts, DocScore};
use pith::eval::pytext::{is_space, is_word_char, normalize_space, strip, word_tokens};
use pith::eval::snippets;
use pith::eval::{Dataset, Metric, Prediction, PredictionFile, Scores, evaluate, evaluate_file};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// (a) test vectors

#[test]
fn tokenizer_is_python_word_regex() {
    assert_eq!(word_tokens("a b,cd:e(foo,bar) "), ["a", "b", "cd", "e", "foo", "bar"]);
    // Combining marks are not \w in Python.
    assert_eq!(word_tokens("cafe\u{301}"), ["cafe"]);
    assert_eq!(word_tokens("डिब्बा"), ["ड", "ब", "ब"]);
    // Punctuation splits; case is kept; `_` and numbers of every kind are word characters.
    assert_eq!(word_tokens("don't Stop"), ["don", "t", "Stop"]);
    assert_eq!(word_tokens("snake_case x²³ Ⅷ ٤٢ 一二"), ["snake_case", "x²³", "Ⅷ", "٤٢", "一二"]);
    // Connector punctuation other than `_` (U+203F) is not \w in Python (it is in Rust's regex).
    assert_eq!(word_tokens("a‿b"), ["a", "b"]);
    assert!(word_tokens("").is_empty());
    assert!(word_tokens("!? — …").is_empty());
    assert!(!is_word_char('\u{301}') && !is_word_char('\u{93f}') && is_word_char('_') && is_word_char('ß'));
}

#[test]
fn ngrams_follow_evaluate_py() {
    let t = word_tokens("a,b c ");
    assert_eq!(aeb::ngrams(&t, 5), vec![&["a", "b", "c"][..]]);
    assert!(aeb::ngrams(&word_tokens("!"), 4).is_empty());
    let t = word_tokens("a b c d e");
    assert_eq!(aeb::ngrams(&t, 4), vec![&["a", "b", "c", "d"][..], &["b", "c", "d", "e"][..]]);
    assert_eq!(aeb::ngrams(&t, 5).len(), 1);
}

#[test]
fn shingle_matching_table_n3() {
    let c = |tp, fp, fn_| Counts { tp, fp, fn_ };
    let table = [
        ("a b c", "a b c", c(1.0, 0.0, 0.0)),
        ("a b c d", "a b c", c(0.5, 0.0, 0.5)),
        ("a b c", "a b c d", c(0.5, 0.5, 0.0)),
        ("", "", c(0.0, 0.0, 0.0)),
        ("a", "", c(0.0, 0.0, 1.0)),
        ("", "a", c(0.0, 1.0, 0.0)),
        ("a b c a b c", "a b c", c(0.25, 0.0, 0.75)),
        ("a b c", "a b c a b c", c(0.25, 0.75, 0.0)),
    ];
    for (gold, pred, want) in table {
        assert_eq!(aeb::shingle_matching(gold, pred, 3), want, "true {gold:?}, pred {pred:?}");
    }
}

#[test]
fn aeb_precision_recall_edge_cases() {
    let c = |tp, fp, fn_| Counts { tp, fp, fn_ };
    assert_eq!((aeb::precision(c(0.0, 0.0, 0.0)), aeb::recall(c(0.0, 0.0, 0.0))), (1.0, 1.0));
    assert_eq!((aeb::precision(c(0.0, 0.0, 1.0)), aeb::recall(c(0.0, 0.0, 1.0))), (0.0, 0.0));
    assert_eq!((aeb::precision(c(0.0, 1.0, 0.0)), aeb::recall(c(0.0, 1.0, 0.0))), (0.0, 0.0));
    assert_eq!(aeb::precision(c(0.25, 0.75, 0.0)), 0.25);
    assert_eq!(aeb::recall(c(0.25, 0.0, 0.75)), 0.25);
}

fn doc(precision: f64, recall: f64, counts: Counts, exact: bool) -> DocScore {
    DocScore { counts, precision, recall, f1: aeb::f1(precision, recall), exact }
}

#[test]
fn aeb_aggregate_is_statistics_mean_and_skips_empty_predictions() {
    // Means are exactly rounded like statistics.mean: [0.1, 0.2, 0.3] gives 0.2, where a float
    // sum / 3 gives 0.20000000000000004.
    let part = Counts { tp: 0.5, fp: 0.25, fn_: 0.25 };
    let docs = [doc(0.1, 0.1, part, false), doc(0.2, 0.2, part, false), doc(0.3, 0.3, part, true)];
    let s = aeb::aggregate(&docs);
    assert_eq!((s.precision, s.recall), (0.2, 0.2));
    assert_eq!(s.f1, 2.0 * 0.2 * 0.2 / (0.2 + 0.2));
    assert_eq!(s.accuracy, 1.0 / 3.0);
    // An empty prediction (tp = fp = 0) is left out of P and counts in R.
    let docs = [aeb::score_doc("a b c d e", "a b c d e"), aeb::score_doc("a b c d e", "")];
    let s = aeb::aggregate(&docs);
    assert_eq!((s.precision, s.recall, s.accuracy, s.n_docs), (1.0, 0.5, 0.5, 2));
    assert_eq!(s.f1, 2.0 * 0.5 / 1.5);
}

#[test]
fn snippet_normalisation_is_python_whitespace() {
    // re.sub(r"\s+", " ", s).strip() with Python's \s: NBSP and U+001C–U+001F included.
    assert_eq!(normalize_space("a\u{a0}b"), "a b");
    assert_eq!(normalize_space("a\u{1c}b\u{1d}\u{1e}c\u{1f}"), "a b c");
    assert_eq!(normalize_space("\n\t  x \r\n y\u{85}z\u{2009}\u{3000}"), "x y z");
    assert_eq!(normalize_space("zero\u{200b}width"), "zero\u{200b}width");
    assert_eq!(strip("\u{a0}\u{1c} x \u{2029}"), "x");
    for c in ['\u{1c}', '\u{1f}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{200a}', '\u{202f}', '\u{205f}'] {
        assert!(is_space(c), "{c:?}");
    }
    assert!(!is_space('\u{200b}') && !is_space('\u{180e}') && !is_space('\u{feff}'));
}

#[test]
fn snippet_counts_and_scores() {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let with = v(&["The  first\u{a0}sentence.", "second\nline", "absent"]);
    let without = v(&["Share\u{1c}this", "Imprint"]);
    let got = snippets::count(&with, &without, "The first sentence.\n\nsecond line\u{1c}Share this");
    assert_eq!(got, snippets::Counts { tp: 2, fp: 1, fn_: 1, tn: 1 });
    // Case-sensitive, no other normalisation.
    let got = snippets::count(&v(&["Hello"]), &v(&[]), "hello");
    assert_eq!(got, snippets::Counts { tp: 0, fp: 0, fn_: 1, tn: 0 });
    // Nothing extracted: every with chunk missed, every without chunk absent.
    assert_eq!(snippets::count(&with, &without, ""), snippets::Counts { tp: 0, fp: 0, fn_: 3, tn: 2 });
    // Micro scores; 0 for an empty denominator.
    let s = snippets::aggregate(snippets::Counts { tp: 2793, fp: 288, fn_: 158, tn: 2678 }, 990);
    assert_eq!(s.f1, 0.9260610079575596);
    assert_eq!(s.precision, 0.9065238558909445);
    assert_eq!(s.recall, 0.9464588275160962);
    assert_eq!(s.accuracy, 0.9246239648470509);
    let s = snippets::aggregate(snippets::Counts::default(), 0);
    assert_eq!((s.f1, s.precision, s.recall, s.accuracy), (0.0, 0.0, 0.0, 0.0));
}

// ---------------------------------------------------------------------------------------------
// (b) the reference outputs reproduce expected-metrics.json

fn shared_benchmarks() -> Option<PathBuf> {
    match std::env::var_os("PITH_SHARED") {
        Some(dir) => Some(PathBuf::from(dir).join("benchmarks")),
        None => {
            eprintln!("PITH_SHARED is not set: skipped scoring the reference outputs");
            None
        }
    }
}

fn expected(dir: &Path) -> serde_json::Map<String, Value> {
    let path = dir.join("reference-outputs/expected-metrics.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text).expect("expected-metrics.json is JSON") {
        Value::Object(m) => m,
        _ => panic!("{}: not an object", path.display()),
    }
}

fn num(e: &Value, key: &str) -> f64 {
    e[key].as_f64().unwrap_or_else(|| panic!("no {key} in {e}"))
}

#[test]
fn aeb_reference_outputs_reproduce_expected_metrics() {
    let Some(root) = shared_benchmarks() else { return };
    let dir = root.join("scrapinghub-aeb");
    let data = Dataset::load(&dir).expect("AEB data set");
    assert_eq!((data.metric, data.docs.len()), (Metric::Aeb, 181));
    let mut scored = 0;
    for (name, e) in expected(&dir) {
        let path = dir.join("reference-outputs").join(format!("{name}.jsonl"));
        if !path.exists() {
            continue;
        }
        let report = evaluate_file(&data, &PredictionFile::load(&path).expect("predictions"));
        let Scores::Aeb(s) = report.scores else { panic!("not AEB") };
        let got = (s.f1, s.precision, s.recall, s.accuracy);
        let want = (num(&e, "f1"), num(&e, "precision"), num(&e, "recall"), num(&e, "accuracy"));
        assert_eq!(got, want, "{name}: (F1, P, R, accuracy) differ from expected-metrics.json");
        eprintln!("AEB {name:<16} F1 {:.6} P {:.6} R {:.6} acc {:.6}: bit-exact", got.0, got.1, got.2, got.3);
        scored += 1;
    }
    assert!(scored >= 6, "only {scored} reference outputs found");
}

#[test]
fn trafilatura_reference_outputs_reproduce_expected_metrics() {
    let Some(root) = shared_benchmarks() else { return };
    let dir = root.join("trafilatura-eval");
    let data = Dataset::load(&dir).expect("trafilatura-eval data set");
    assert_eq!((data.metric, data.docs.len()), (Metric::Snippets, 990));
    let exp = expected(&dir);
    assert_eq!(exp.len(), 2, "two reference outputs");
    for (name, e) in exp {
        let path = dir.join("reference-outputs").join(format!("{name}.jsonl"));
        let report = evaluate_file(&data, &PredictionFile::load(&path).expect("predictions"));
        let Scores::Snippets(s) = report.scores else { panic!("not snippets") };
        let c = s.counts;
        let want = |k| e[k].as_u64().unwrap_or_else(|| panic!("no {k}"));
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (want("tp"), want("fp"), want("fn"), want("tn")), "{name}: counts");
        assert_eq!(
            (s.f1, s.precision, s.recall, s.accuracy),
            (num(&e, "f1"), num(&e, "precision"), num(&e, "recall"), num(&e, "accuracy")),
            "{name}: scores"
        );
        eprintln!("snippets {name}: TP {} FP {} FN {} TN {} F1 {:.6}: bit-exact", c.tp, c.fp, c.fn_, c.tn, s.f1);
    }
    // The benchmark's published "nothing" baseline (an empty prediction for every page):
    // accuracy 2966/5917.
    let report = evaluate(&data, |_| Prediction::default());
    let Scores::Snippets(s) = report.scores else { panic!("not snippets") };
    assert_eq!((s.counts.tp, s.counts.fp, s.counts.fn_, s.counts.tn), (0, 0, 2951, 2966));
    assert_eq!(s.accuracy, 2966.0 / 5917.0);
}

// ---------------------------------------------------------------------------------------------
// (c) the command

const PAGE: &str = "<html><head><title>T</title></head><body><article><h1>Title</h1>\
    <p>The quick brown fox jumps over the lazy dog near the river bank today.</p>\
    <p>A second paragraph keeps the story going with a few more words in it.</p></article></body></html>";

/// A two-document AEB set and a snippet set, with pages, in a temporary directory.
fn tiny_sets() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let aeb = tmp.path().join("tiny-aeb");
    std::fs::create_dir_all(aeb.join("html")).unwrap();
    let gold = [
        r#"{"id": "a", "url": "https://example.com/a", "text": "The quick brown fox jumps over the lazy dog near the river bank today.\n\nA second paragraph keeps the story going with a few more words in it."}"#,
        r#"{"id": "b", "url": null, "text": "Something else entirely, that no page here says at all."}"#,
    ];
    std::fs::write(aeb.join("gold.jsonl"), gold.join("\n") + "\n").unwrap();
    std::fs::write(aeb.join("html/a.html"), PAGE).unwrap();
    std::fs::write(aeb.join("html/b.html"), PAGE).unwrap();
    let preds = [
        r#"{"id": "a", "text": "The quick brown fox jumps over the lazy dog near the river bank today."}"#,
        r#"{"id": "zzz", "text": "ignored"}"#,
    ];
    std::fs::write(tmp.path().join("pred.jsonl"), preds.join("\n") + "\n").unwrap();
    let snip = tmp.path().join("tiny-snippets");
    std::fs::create_dir_all(snip.join("html")).unwrap();
    let gold = r#"{"id": "s", "url": null, "text": null, "with": ["quick  brown\u00a0fox"], "without": ["Imprint"]}"#;
    std::fs::write(snip.join("gold.jsonl"), gold.to_string() + "\n").unwrap();
    std::fs::write(snip.join("html/s.html"), PAGE).unwrap();
    tmp
}

fn pith() -> Command {
    Command::cargo_bin("pith").expect("pith binary")
}

fn json_out(cmd: &mut Command) -> Value {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn eval_command_scores_a_predictions_file() {
    let tmp = tiny_sets();
    let data = tmp.path().join("tiny-aeb");
    let v = json_out(
        pith()
            .args(["eval", "--json", "--per-doc", "--data"])
            .arg(&data)
            .arg("--pred")
            .arg(tmp.path().join("pred.jsonl")),
    );
    assert_eq!(v["dataset"], "tiny-aeb");
    assert_eq!(v["metric"], "aeb");
    assert_eq!(v["n_docs"], 2);
    assert_eq!(v["missing"], 1);
    // Doc a: every predicted shingle is in the gold (P = 1, R < 1); doc b has no line: it is
    // left out of the precision mean and has recall 0.
    assert_eq!(v["precision"], 1.0);
    let docs = v["docs"].as_array().expect("docs");
    assert_eq!(docs[0]["id"], "b", "worst first");
    assert_eq!(docs[0]["recall"], 0.0);
    assert_eq!(docs[1]["precision"], 1.0);
    let a = aeb::score_doc(
        "The quick brown fox jumps over the lazy dog near the river bank today.\n\nA second paragraph keeps the story going with a few more words in it.",
        "The quick brown fox jumps over the lazy dog near the river bank today.",
    );
    assert_eq!(v["recall"].as_f64(), Some(a.recall / 2.0));
}

#[test]
fn eval_command_runs_pith_and_checks_floors() {
    let tmp = tiny_sets();
    let data = tmp.path().join("tiny-aeb");
    let v = json_out(pith().args(["eval", "--json", "--timing", "--data"]).arg(&data));
    assert_eq!(v["n_docs"], 2);
    assert_eq!(v["errors"], 0);
    assert_eq!(v["timing"]["n"], 2);
    let f1 = v["f1"].as_f64().expect("f1");
    assert!(f1 > 0.0 && f1 < 1.0, "f1 {f1}");

    let floors = tmp.path().join("floors.toml");
    std::fs::write(&floors, "[tiny-aeb]\nf1 = 0.999\n").unwrap();
    let out = pith().args(["eval", "--data"]).arg(&data).arg("--check-floors").arg(&floors).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "below the floor");
    assert!(String::from_utf8_lossy(&out.stderr).contains("below the floor"));
    std::fs::write(&floors, "[tiny-aeb]\nf1 = 0.1\n").unwrap();
    pith().args(["eval", "--data"]).arg(&data).arg("--check-floors").arg(&floors).assert().success();

    let snip = tmp.path().join("tiny-snippets");
    let out = pith().args(["eval", "--per-doc", "--data"]).arg(&snip).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TP"), "{text}");
    let v = json_out(pith().args(["eval", "--json", "--data"]).arg(&snip));
    assert_eq!(
        (v["tp"].as_u64(), v["fp"].as_u64(), v["fn"].as_u64(), v["tn"].as_u64()),
        (Some(1), Some(0), Some(0), Some(1))
    );
    assert_eq!(v["f1"], 1.0);
}

#[test]
fn eval_command_rejects_a_bad_data_set() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("gold.jsonl"), "{\"id\": \"x\", \"text\": null}\n").unwrap();
    let out = pith().args(["eval", "--data"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither full-text gold"));
}
