//! Site profiles as data alone: each folder `testdata/profiles/<site>/` holds a profile
//! (`profile.toml`, layered over the built-in config as `pith --config` layers it), pages of
//! the site and, beside each page, its sidecar (`<page>.toml`: the fields expected, as for the
//! fixtures of `testdata/<group>/`). The sites are made up and their hosts sit under the
//! reserved `.example` domain: a site is added with no Rust.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pith::{Config, ExtractOptions, Extractor};

use crate::common::{self, Fixture, Sidecar, read};
use crate::fixtures::check_expectations;

/// One site: its folder, its profile's text and its pages with their sidecars.
struct Site {
    name: String,
    profile: PathBuf,
    pages: Vec<Fixture>,
}

/// Every site in `testdata/profiles/`, sorted by name, each with its pages sorted by name.
fn sites() -> Vec<Site> {
    let root = common::repo().join("testdata/profiles");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let sites: Vec<Site> = dirs
        .into_iter()
        .filter(|d| d.is_dir())
        .map(|dir| {
            let mut sidecars: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "toml") && p.file_name() != Some("profile.toml".as_ref())
                })
                .collect();
            sidecars.sort();
            let pages = sidecars
                .into_iter()
                .map(|side| {
                    let spec: Sidecar = toml::from_str(&std::fs::read_to_string(&side).unwrap())
                        .unwrap_or_else(|e| panic!("{}: {e}", side.display()));
                    let name = side.file_stem().unwrap().to_string_lossy().to_string();
                    Fixture { name, html: side.with_extension("html"), spec }
                })
                .collect();
            Site {
                name: dir.file_name().unwrap().to_string_lossy().to_string(),
                profile: dir.join("profile.toml"),
                pages,
            }
        })
        .collect();
    assert!(sites.len() >= 2 && sites.iter().all(|s| !s.pages.is_empty()), "the profile fixtures went missing");
    sites
}

/// The built-in config with the site's profile layered over it.
fn config_of(site: &Site) -> Config {
    let text = std::fs::read_to_string(&site.profile).unwrap();
    Config::default_with_overrides(&text).unwrap_or_else(|e| panic!("{}: {e}", site.profile.display()))
}

fn extract(config: Config, fx: &Fixture, explain: bool) -> pith::Article {
    let opts = ExtractOptions::new(fx.html.strip_prefix(common::repo()).unwrap_or(&fx.html).display().to_string())
        .with_url(fx.spec.url.clone())
        .with_explain(explain);
    Extractor::new(config).extract(&read(&fx.html), &opts).unwrap_or_else(|e| panic!("{}: {e}", fx.name))
}

#[test]
fn every_profile_page_meets_its_sidecar() {
    let mut failures = Vec::new();
    for site in sites() {
        for fx in &site.pages {
            let a = extract(config_of(&site), fx, false);
            let mut errs = check_expectations(fx, &a);
            if a.profile != profile_name(&site.profile) {
                errs.push(format!("profile: got {:?}", a.profile));
            }
            if !errs.is_empty() {
                failures.push(format!(
                    "== {}/{} ({})\n  {}",
                    site.name,
                    fx.name,
                    fx.spec.description,
                    errs.join("\n  ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_profile_page_matches_its_snapshot() {
    for site in sites() {
        for fx in &site.pages {
            let a = extract(config_of(&site), fx, true);
            insta::with_settings!({ prepend_module_to_snapshot => false }, {
                insta::assert_json_snapshot!(format!("profiles__{}__{}", site.name, fx.name), a, {
                    ".extractor.version" => "[version]",
                });
            });
        }
    }
}

/// Without its profile a page falls to the general heuristics: the profile is what gives
/// the fields the sidecar expects.
#[test]
fn without_the_profile_the_pages_lose_their_site_fields() {
    for site in sites() {
        for fx in &site.pages {
            let a = extract(Config::default(), fx, false);
            assert_eq!(a.profile, "generic", "{}/{}", site.name, fx.name);
            assert!(a.source_id.is_none(), "{}/{}: {:?}", site.name, fx.name, a.source_id);
        }
    }
}

/// The `name` of the profile file's first `[[profile]]`.
fn profile_name(path: &Path) -> String {
    let value: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value["profile"][0]["name"].as_str().unwrap().to_string()
}

/// The binary, given the profile with `--config`, gives the sidecar's fields: adding a site
/// takes a TOML file and nothing else.
#[test]
fn the_cli_takes_a_site_profile_with_config() {
    for site in sites() {
        let fx = &site.pages[0];
        let mut cmd = Command::cargo_bin("pith").unwrap();
        cmd.current_dir(common::repo()).arg("extract").arg(&fx.html).arg("--config").arg(&site.profile);
        if let Some(url) = &fx.spec.url {
            cmd.args(["--url", url]);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let e = &fx.spec.expect;
        assert_eq!(v["profile"], profile_name(&site.profile), "{}", site.name);
        assert_eq!(v["title"], e.title, "{}", site.name);
        assert_eq!(v["source_id"].as_str().unwrap_or_default(), e.source_id, "{}", site.name);
        assert_eq!(v["categories"], serde_json::json!(e.categories), "{}", site.name);
        assert_eq!(v["page_type"], e.page_type, "{}", site.name);
    }
}
