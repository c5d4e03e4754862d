//! The JSON Schema of the output: the committed copy is the generated one, and real output
//! (every fixture, error records) validates against it.

use crate::common;

use common::{extract, fixtures, read, repo};

fn committed_schema() -> serde_json::Value {
    serde_json::from_slice(&read(&repo().join("schema/article.schema.json"))).unwrap()
}

#[test]
fn committed_schema_is_the_generated_one() {
    let generated: serde_json::Value = serde_json::from_str(&pith::render::json_schema()).unwrap();
    assert_eq!(
        committed_schema(),
        generated,
        "schema/article.schema.json is stale: run `cargo run -- schema > schema/article.schema.json`"
    );
}

#[test]
fn every_fixture_output_validates() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    for fx in fixtures() {
        for explain in [false, true] {
            let a = extract(&fx, &read(&fx.html), explain);
            let value = serde_json::to_value(pith::Record::Article(Box::new(a))).unwrap();
            let errors: Vec<String> =
                validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{} (explain={explain}): {errors:?}", fx.name);
        }
    }
}

#[test]
fn error_records_validate_and_articles_need_every_key() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let rec = pith::Extractor::default().record(b"", &pith::ExtractOptions::new("empty.html"));
    let value = serde_json::to_value(&rec).unwrap();
    assert_eq!(value["error"]["kind"], "empty");
    assert!(validator.is_valid(&value), "{value}");
    // An article missing a key is not valid: every key is required.
    let fx = fixtures().into_iter().next().unwrap();
    let mut a = serde_json::to_value(extract(&fx, &read(&fx.html), false)).unwrap();
    a.as_object_mut().unwrap().remove("subtitle");
    assert!(!validator.is_valid(&a));
}

/// Consumers meet block kinds this build does not know: the schema admits any object with a
/// `kind` it does not list, and still checks the kinds it lists in full.
#[test]
fn blocks_of_a_later_kind_validate_and_known_kinds_are_checked() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let fx = fixtures().into_iter().next().unwrap();
    let mut a = serde_json::to_value(extract(&fx, &read(&fx.html), false)).unwrap();
    let blocks = a["blocks"].as_array_mut().unwrap();
    blocks.push(serde_json::json!({"kind": "map", "text": "A map of the harbour", "lat": 57.1}));
    assert!(validator.is_valid(&a), "an unknown kind is admitted");
    a["blocks"].as_array_mut().unwrap().push(serde_json::json!({"kind": "paragraph"}));
    assert!(!validator.is_valid(&a), "a paragraph without its keys is not");
}
