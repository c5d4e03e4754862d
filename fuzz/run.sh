#!/usr/bin/env bash
# Runs one fuzz target of pith: ./fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
# TARGET is extract, config or filter. Builds with cargo-fuzz on the stable toolchain
# (RUSTC_BOOTSTRAP=1, no sanitizer), seeds the corpus from the repository (testdata pages,
# config.toml) and fuzz/seeds/TARGET, and runs for SECONDS. Crashes go to
# fuzz/artifacts/TARGET/; keep each one in fuzz/regressions/TARGET/ (tests/robustness.rs runs
# them). Set CARGO_TARGET_DIR to build outside the clone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
target=${1:?usage: fuzz/run.sh extract|config|filter SECONDS [libFuzzer flags]}
secs=${2:-60}
shift $(( $# < 2 ? $# : 2 ))

corpus=corpus/$target
mkdir -p "$corpus" "artifacts/$target" "seeds/$target"
case $target in
  extract) cp ../testdata/*/*.html "$corpus"/; max_len=32768 ;;
  config) cp ../config.toml "$corpus"/builtin.toml; max_len=16384 ;;
  filter) max_len=32768 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

export RUSTC_BOOTSTRAP=1
target_dir=()
[[ -n ${CARGO_TARGET_DIR:-} ]] && target_dir=(--target-dir "$CARGO_TARGET_DIR")
cargo fuzz run --sanitizer none "${target_dir[@]}" "$target" "$corpus" "seeds/$target" -- \
  -max_total_time="$secs" -max_len="$max_len" -timeout=60 -rss_limit_mb=3072 -print_final_stats=1 \
  -artifact_prefix="artifacts/$target/" "$@"
