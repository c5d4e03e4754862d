//! The rustc wrapper of profile-guided optimisation (`scripts/rustc-pgo`, named by
//! `.cargo/config.toml`): which compiles get the profile. Run with `echo` in rustc's place, so
//! the arguments it would pass come back as text.

use std::path::Path;
use std::process::Command;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The arguments the wrapper passes on for `args` (after `echo`, rustc's stand-in).
fn wrapped(args: &[&str], pgo_env: Option<&str>) -> String {
    let mut cmd = Command::new("bash");
    cmd.arg(repository().join("scripts/rustc-pgo")).arg("echo").args(args);
    match pgo_env {
        Some(v) => cmd.env("PITH_PGO", v),
        None => cmd.env_remove("PITH_PGO"),
    };
    let out = cmd.output().expect("bash runs the wrapper");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8").trim_end().to_string()
}

fn profile_flag() -> String {
    format!("-Cprofile-use={}", repository().join("pgo/pith.profdata").display())
}

#[test]
fn cargo_names_the_wrapper_and_the_profile_is_in_the_repository() {
    let config = std::fs::read_to_string(repository().join(".cargo/config.toml")).unwrap();
    assert!(config.contains("rustc-wrapper = \"scripts/rustc-pgo\""), "{config}");
    assert!(repository().join("pgo/pith.profdata").is_file());
}

#[test]
fn optimised_compiles_get_the_profile() {
    for args in [&["--crate-name", "x", "-C", "opt-level=3"][..], &["-Copt-level=3", "lib.rs"][..]] {
        let out = wrapped(args, None);
        assert!(out.starts_with(&args.join(" ")), "{out}");
        assert!(out.contains(&profile_flag()), "{out}");
        assert!(out.contains("-Cllvm-args=-no-pgo-warn-mismatch"), "{out}");
    }
}

#[test]
fn other_compiles_and_queries_run_unchanged() {
    let cases: [&[&str]; 6] = [
        &["--crate-name", "x", "-C", "opt-level=2"],
        &["--crate-name", "x"],
        &["-vV"],
        &["-C", "opt-level=3", "-Cprofile-generate=/tmp/raw"],
        &["-C", "opt-level=3", "-Cpasses=sancov-module"],
        &["-C", "opt-level=3", "-Zsanitizer=address"],
    ];
    for args in cases {
        assert_eq!(wrapped(args, None), args.join(" "));
    }
}

#[test]
fn pith_pgo_0_turns_it_off() {
    assert_eq!(wrapped(&["-C", "opt-level=3"], Some("0")), "-C opt-level=3");
    assert!(wrapped(&["-C", "opt-level=3"], Some("1")).contains(&profile_flag()));
}
