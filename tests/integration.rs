//! The integration tests, one binary (one link of the crate and its test dependencies instead
//! of one per file): each `tests/*.rs` file is a module here. `Cargo.toml` sets
//! `autotests = false`, so a file that is not declared here would not be built: the test
//! below fails until it is.

mod common;
mod http_server;

mod batch;
mod cli;
mod eval_metrics;
mod fetch;
mod filter;
mod fixtures;
mod pgo;
mod profiles;
mod properties;
mod render;
mod robustness;
mod schema;
mod serve;
mod widgets;

/// Every `.rs` file and module folder in `tests/` is a module of this binary.
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let this = include_str!("integration.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let is_module =
            if path.is_dir() { path.join("mod.rs").is_file() } else { path.extension() == Some("rs".as_ref()) };
        if is_module && name != "integration" && !this.contains(&format!("\nmod {name};\n")) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "declare these in tests/integration.rs: {missing:?}");
}
