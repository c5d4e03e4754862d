//! The snippet corpus of `testdata/metadata/` as one table-driven test: every case's page goes
//! through the whole pipeline (with its URL and fetch day), and the field it names must have
//! the expected value, from the expected source (`--explain`'s `sources`), with none of the
//! values it must not have.

use std::path::Path;

use serde::Deserialize;

use crate::article::Article;
use crate::config::Config;
use crate::limits::Limits;
use crate::options::ExtractOptions;
use crate::pipeline;

/// One case (see `testdata/metadata/README.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    field: String,
    source: String,
    why: String,
    html: String,
    url: Option<String>,
    now: Option<String>,
    expected: Option<toml::Value>,
    expected_none: Option<bool>,
    #[serde(default)]
    not: Vec<String>,
    warning: Option<String>,
    roles: Option<Vec<String>>,
}

/// The field's value as strings (one for a scalar, several for a list, none when empty).
fn values(a: &Article, field: &str) -> Vec<String> {
    let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
    match field {
        "published" => one(&a.published_date),
        "modified" => one(&a.modified.as_ref().map(|m| m.chars().take(10).collect())),
        "authors" => a.authors.iter().map(|x| x.name.clone()).collect(),
        "title" => one(&a.title),
        "subtitle" => one(&a.subtitle),
        "categories" => a.categories.clone(),
        "tags" => a.tags.clone(),
        "description" => one(&a.description),
        "site_name" => one(&a.site.name),
        "language" => one(&a.language),
        other => panic!("unknown field {other}"),
    }
}

/// The source `--explain` names for the field.
fn source(a: &Article, field: &str) -> Option<String> {
    let s = a.sources.as_ref()?;
    match field {
        "published" => s.published.clone(),
        "modified" => s.modified.clone(),
        "authors" => s.authors.clone(),
        "title" => s.title.clone(),
        "subtitle" => s.subtitle.clone(),
        "categories" => s.categories.clone(),
        "tags" => s.tags.clone(),
        "description" => s.description.clone(),
        "site_name" => s.site_name.clone(),
        "language" => s.language.clone(),
        _ => None,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks one case; the failures.
fn check(name: &str, case: &Case) -> Vec<String> {
    let opts = ExtractOptions::new(name)
        .with_url(case.url.clone())
        .with_fetched_at(case.now.as_ref().map(|d| format!("{d}T12:00:00Z")))
        .with_explain(true);
    let article = match pipeline::extract(&Config::default(), &Limits::default(), case.html.as_bytes(), &opts) {
        Ok(a) => a,
        Err(e) => return vec![format!("no article: {e}")],
    };
    let got: Vec<String> = values(&article, &case.field).iter().map(|v| collapse(v)).collect();
    let mut errs = Vec::new();
    match (&case.expected, case.expected_none) {
        (_, Some(true)) => {
            if !got.is_empty() {
                errs.push(format!("want none, got {got:?}"));
            }
        }
        (Some(toml::Value::String(want)), _) => {
            if got != [collapse(want)] {
                errs.push(format!("want {want:?}, got {got:?}"));
            }
        }
        (Some(toml::Value::Array(want)), _) => {
            let want: Vec<String> = want.iter().filter_map(|v| v.as_str()).map(collapse).collect();
            if got != want {
                errs.push(format!("want {want:?}, got {got:?}"));
            }
        }
        _ => errs.push("no expectation".into()),
    }
    for not in &case.not {
        if got.iter().any(|g| g.contains(not.as_str())) {
            errs.push(format!("must not hold {not:?}"));
        }
    }
    let got_source = source(&article, &case.field).unwrap_or_default();
    if got_source != case.source {
        errs.push(format!("source: want {:?}, got {got_source:?}", case.source));
    }
    if let Some(w) = &case.warning {
        let codes: Vec<String> = article
            .warnings
            .iter()
            .filter_map(|x| serde_json::to_value(x.code).ok()?.as_str().map(str::to_string))
            .collect();
        if !codes.contains(w) {
            errs.push(format!("warning {w} missing (have {codes:?})"));
        }
    }
    if let Some(roles) = &case.roles {
        let got: Vec<String> = article.authors.iter().map(|a| a.role.clone().unwrap_or_default()).collect();
        if &got != roles {
            errs.push(format!("roles: want {roles:?}, got {got:?}"));
        }
    }
    errs
}

#[test]
fn every_case_of_the_metadata_corpus_gives_its_value_from_its_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/metadata");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 140, "{} cases", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let case: Case =
            toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errs = check(&name, &case);
        if !errs.is_empty() {
            failures.push(format!("{name} ({}): {}", case.why, errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), paths.len(), failures.join("\n"));
}
