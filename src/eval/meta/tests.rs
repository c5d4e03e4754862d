//! The metadata scorer on hand-made cases whose results are known: the reference scorer's own
//! self-test (two pages), gold cleaning, and the prediction-file conventions.

use serde_json::{Value, json};

use super::*;

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

/// The reference scorer's self-test set: two pages, one stating two descriptions and a site
/// name.
fn two_page_set() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(tmp.path().join("html")).unwrap();
    std::fs::write(
        tmp.path().join("html/a.html"),
        "<html><head><meta name=\"description\" content=\"Short one.\">\
         <meta property=\"og:description\" content=\"A longer one.\">\
         <meta property=\"og:site_name\" content=\"Example News\"></head></html>",
    )
    .unwrap();
    std::fs::write(tmp.path().join("html/b.html"), "<html><head><title>B</title></head></html>").unwrap();
    let gold = [
        json!({"id": "a", "title": "Headline", "author": "By Ann Lee and Bo Park", "date": "2020-01-02",
               "description": "Short one.", "sitename": "Example", "categories": ["Politik"], "tags": ["x", "y"]}),
        json!({"id": "b", "title": "Other", "author": "", "date": "2021-03-04", "tags": ["z"]}),
    ];
    let lines: String = gold.iter().map(|g| g.to_string() + "\n").collect();
    std::fs::write(tmp.path().join("gold.jsonl"), lines).unwrap();
    tmp
}

#[test]
fn reference_self_test_end_to_end() {
    let tmp = two_page_set();
    let gold = MetaGold::load(tmp.path()).expect("gold");
    assert_eq!(gold.pages[0].page_descriptions, ["Short one.", "A longer one."]);
    assert_eq!(gold.pages[0].page_site_names, ["Example News"]);
    let preds = MetaPredictions::from_records(
        "t",
        [
            obj(json!({"id": "a", "title": "Headline | Example", "authors": ["bo park", "Ann Lee"],
                       "published": "2020-01-02T10:00:00-05:00", "description": "A longer one.",
                       "site_name": "Example News", "categories": ["politik"], "tags": ["x"]})),
            obj(json!({"id": "b", "title": "Other", "authors": [], "published": "2021-03-05",
                       "description": null, "site_name": null, "categories": [], "tags": ["Z"]})),
        ],
    );
    let report = score(&gold, &preds);
    let want = [
        ("title", 1, 2),
        ("title~", 2, 2),
        ("authors", 1, 1),
        ("published", 1, 2),
        ("description", 1, 1),
        ("site_name", 1, 1),
        ("categories", 1, 1),
        ("tags", 1, 2),
    ];
    for (field, correct, n) in want {
        let c = report.field(field).unwrap_or_else(|| panic!("no {field}"));
        assert_eq!((c.correct, c.n), (correct, n), "{field}");
    }
    let tags = report.field("tags").expect("tags");
    assert_eq!(tags.jaccard().map(round4), Some(0.75));
    assert_eq!(report.fields.iter().map(|c| c.field).collect::<Vec<_>>(), FIELDS);
    let v = report.to_json();
    assert_eq!(
        v["scores"]["published"],
        json!({"n": 2, "correct": 1, "given": 2, "attempted": true, "acc": 0.5, "cov": 1.0, "prec": 0.5})
    );
    assert_eq!(v["scores"]["tags"]["jaccard"], json!(0.75));
    let table = report.to_text();
    assert!(table.contains("| published | 2 | 50.0 | 100.0 | 50.0 | 1 | 2 |"), "{table}");
    assert!(table.contains("| tags J | 2 | 75.0 |"), "{table}");
}

#[test]
fn gold_is_cleaned_as_the_reference_cleans_it() {
    let g = gold_fields(&obj(json!({"id": "x", "title": "T &amp; U", "author": "Unknown", "date": "",
        "description": " ", "sitename": "S", "categories": ["", "News"], "tags": []})));
    let mut keys: Vec<_> = g.keys().copied().collect();
    keys.sort();
    assert_eq!(keys, ["categories", "site_name", "title"]);
    assert_eq!(g["title"], json!("T & U"));
    assert_eq!(g["categories"], json!(["", "News"]));
    assert_eq!(gold_fields(&obj(json!({"author": "ET Online"})))["authors"], json!(["ET Online"]));
    assert_eq!(
        gold_fields(&obj(json!({"author": ["Ann Lee, PhD", "Bo Park"]})))["authors"],
        json!(["Ann Lee", "Bo Park"])
    );
    // A malformed gold date still counts as gold (and no prediction can match it).
    assert_eq!(gold_fields(&obj(json!({"date": "19.10.2019"})))["published"], json!("19.10.2019"));
    // `authors` is read when `author` is null.
    assert_eq!(gold_fields(&obj(json!({"author": null, "authors": "Von A und B"})))["authors"], json!(["A", "B"]));
}

#[test]
fn prediction_conventions() {
    let preds = MetaPredictions::from_records(
        "p",
        [
            obj(json!({"id": "a", "byline": "By Ann Lee and Bo Park"})),
            obj(json!({"id": "b", "published_date": "2021-03-04"})),
            obj(json!({"id": 7, "title": "never matched"})),
        ],
    );
    assert_eq!(preds.records["a"]["authors"], json!(["Ann Lee", "Bo Park"]));
    assert_eq!(preds.records["b"]["published"], json!("2021-03-04"));
    let attempted: Vec<&str> = preds.attempted.iter().map(String::as_str).collect();
    assert_eq!(attempted, ["authors", "published", "title", "title~"]);
    assert_eq!(preds.records.len(), 2);

    // Fields never attempted are n/a; a page without a record has no value.
    let tmp = two_page_set();
    let gold = MetaGold::load(tmp.path()).expect("gold");
    let only_dates = MetaPredictions::from_records("d", [obj(json!({"id": "b", "published": "2021-03-04"}))]);
    let report = score(&gold, &only_dates);
    assert_eq!(report.missing_records, 1);
    let published = report.field("published").expect("published");
    assert_eq!((published.correct, published.given, published.n), (1, 1, 2));
    let title = report.field("title").expect("title");
    assert!(!title.attempted && title.accuracy().is_none() && title.precision().is_none());
    assert_eq!(report.to_json()["scores"]["title"]["acc"], Value::Null);
}

#[test]
fn pith_articles_become_runner_records() {
    let article = json!({"title": "T", "authors": [{"name": "A"}, {"name": ""}, {"role": "x"}], "published": null,
        "description": "D", "site": {"name": "S", "host": "h"}, "categories": [], "tags": ["t"],
        "language": "en", "status": "ok"});
    let r = record_of_article("id", &article);
    assert_eq!(r["authors"], json!(["A"]));
    assert_eq!(r["site_name"], json!("S"));
    assert_eq!((r["categories"].clone(), r["tags"].clone()), (json!([]), json!(["t"])));
    let r = record_of_article("id", &json!({"authors": [], "site": {"name": null}}));
    assert_eq!(
        (r["authors"].clone(), r["site_name"].clone(), r["tags"].clone()),
        (Value::Null, Value::Null, json!([]))
    );
}

#[test]
fn language_is_scored_by_primary_subtag_when_the_gold_has_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(tmp.path().join("html")).unwrap();
    let gold = [
        json!({"id": "a", "language": "en-US"}),
        json!({"id": "b", "language": "de"}),
        json!({"id": "c", "title": "x"}),
    ];
    let lines: String = gold.iter().map(|g| g.to_string() + "\n").collect();
    std::fs::write(tmp.path().join("gold.jsonl"), lines).unwrap();
    let gold = MetaGold::load(tmp.path()).expect("gold");
    assert!(gold.fields().contains(&LANGUAGE));
    let preds = MetaPredictions::from_records(
        "p",
        [obj(json!({"id": "a", "language": "EN"})), obj(json!({"id": "b", "language": "fr"}))],
    );
    let c = score(&gold, &preds).field(LANGUAGE).cloned().expect("language");
    assert_eq!((c.n, c.given, c.correct), (2, 2, 1));
}

#[test]
fn rounding_is_pythons() {
    // round(x, 4) ties go to the even digit of the exact binary value.
    assert_eq!(round4(1.0 / 32.0), 0.0312);
    assert_eq!(round4(3.0 / 32.0), 0.0938);
    assert_eq!(round4(0.51515), 0.5151); // 0.51515 is below the tie in binary
    assert_eq!(round4(2.0 / 3.0), 0.6667);
    assert_eq!(round4(0.99996), 1.0);
    assert_eq!(round4(0.0), 0.0);
    assert_eq!(round4(0.30165), 0.3016);
    assert_eq!(round4(0.30166), 0.3017);
    assert_eq!(round4(9.99995), 10.0);
}
