//! Shared helpers of the integration tests: the fixture corpus in `testdata/`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One fixture: `testdata/<group>/<name>.html` and its `.toml` sidecar.
pub struct Fixture {
    pub name: String,
    pub html: PathBuf,
    pub spec: Sidecar,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub description: String,
    pub url: Option<String>,
    pub expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub authors: Vec<String>,
    pub published: String,
    #[serde(default)]
    pub categories: Vec<String>,
    pub page_type: String,
    #[serde(default)]
    pub source_id: String,
    #[serde(default)]
    pub contributors: Vec<ContributorSpec>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub first_block: String,
    pub last_block: String,
    #[serde(default)]
    pub must_contain: Vec<String>,
    #[serde(default)]
    pub must_not_contain: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContributorSpec {
    pub name: String,
    pub role: Option<String>,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture with a sidecar, sorted by name.
pub fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for group in ["ismg", "generic"] {
        let dir = repo().join("testdata").join(group);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        entries.sort();
        for side in entries {
            let name = side.file_stem().unwrap().to_string_lossy().to_string();
            let spec: Sidecar = toml::from_str(&std::fs::read_to_string(&side).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", side.display()));
            out.push(Fixture { name, html: side.with_extension("html"), spec });
        }
    }
    assert!(out.len() >= 13, "the fixture corpus went missing");
    out
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn extract(fx: &Fixture, bytes: &[u8], explain: bool) -> pith::Article {
    let opts = pith::ExtractOptions::new(format!("testdata/{}.html", fx.name))
        .with_url(fx.spec.url.clone())
        .with_explain(explain);
    pith::Extractor::default().extract(bytes, &opts).unwrap_or_else(|e| panic!("{}: {e}", fx.name))
}
