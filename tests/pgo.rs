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

/// POSIX `cksum` of `data`: the CRC-32 of the bytes and then of their length (its bytes from
/// the lowest, without the high zero bytes), complemented.
fn posix_cksum(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|i| (0..8).fold(i << 24, |c, _| if c & 0x8000_0000 != 0 { (c << 1) ^ 0x04c1_1db7 } else { c << 1 }))
        .collect();
    let step = |crc: u32, b: u8| (crc << 8) ^ table[((crc >> 24) ^ u32::from(b)) as usize];
    let mut crc = data.iter().fold(0, |crc, &b| step(crc, b));
    let mut len = data.len();
    while len != 0 {
        crc = step(crc, (len & 0xff) as u8);
        len >>= 8;
    }
    !crc
}

/// Cargo rebuilds every crate when the profile changes only if the configuration names it
/// (`scripts/pgo-profile.sh` writes its `cksum` there): crates built with an older profile do
/// not link with the others under link-time optimisation.
#[test]
fn the_configuration_names_the_profile_in_the_repository() {
    assert_eq!(posix_cksum(b"123456789"), 930_766_865, "the POSIX cksum check value");
    let profile = std::fs::read(repository().join("pgo/pith.profdata")).unwrap();
    let config = std::fs::read_to_string(repository().join(".cargo/config.toml")).unwrap();
    let named = format!("'pith_pgo_profile=\"{}-{}\"'", posix_cksum(&profile), profile.len());
    assert!(
        config.lines().any(|l| l.starts_with("rustflags") && l.contains(&named)),
        "{named} is not in .cargo/config.toml: run scripts/pgo-profile.sh, or write the profile's `cksum` there"
    );
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
