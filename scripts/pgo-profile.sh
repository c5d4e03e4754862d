#!/usr/bin/env bash
# Makes pgo/pith.profdata, the execution profile that optimised builds use (scripts/rustc-pgo;
# docs/performance.md, "Profile-guided optimisation"). Instrumented builds of the `pith`
# binary and of the Python extension (both in the release profile) extract the
# repository's own pages (testdata/: fixtures and metadata corpus; never a benchmark set,
# which judges the result), and llvm-profdata (rustup's llvm-tools component) merges what they
# counted. Both are needed: a function's profile is found by its symbol name, and the binary
# and the extension build the library with other features, so other names.
#
# Run it after changing hot code and commit the profile with the change: a profile older than
# the code loses speed in the functions that changed, never correctness.
#
#   MATURIN    maturin for the extension's build [maturin of ${XDG_CACHE_HOME:-~/.cache}/pith-python-venv, else on PATH]
#
# The instrumented builds get their own target directory (${CARGO_TARGET_DIR:-target}/pgo-generate):
# about two cold release builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
[[ -x $profdata ]] || { echo "pgo-profile: no $profdata (rustup component add llvm-tools)" >&2; exit 2; }
venv_maturin="${XDG_CACHE_HOME:-$HOME/.cache}/pith-python-venv/bin/maturin"
maturin="${MATURIN:-$( [[ -x $venv_maturin ]] && echo "$venv_maturin" || command -v maturin || true)}"
[[ -n $maturin ]] || { echo "pgo-profile: no maturin (set MATURIN)" >&2; exit 2; }

mkdir -p "${CARGO_TARGET_DIR:-target}/pgo-generate"
target="$(cd "${CARGO_TARGET_DIR:-target}/pgo-generate" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Without value profiling (indirect-call targets, copy sizes): the profile a fifth smaller.
export RUSTFLAGS="-Cprofile-generate=$work/raw -Cllvm-args=-disable-vp=true"

# The binary: every page of testdata/ as the batch makes it, in every output format and once
# with --explain (exit status 1 only says that some pages have no article).
cargo build --locked --release --bin pith --target-dir "$target"
pith="$target/release/pith"
for format in jsonl markdown text html; do
  "$pith" batch testdata --jobs 1 --format "$format" -o /dev/null 2> /dev/null || [[ $? == 1 ]]
done
"$pith" batch testdata --jobs 1 --explain -o /dev/null 2> /dev/null || [[ $? == 1 ]]

# The Python extension: the same pages through Extractor.extract_many, as dicts.
CARGO_TARGET_DIR="$target" "$maturin" build --locked --quiet -m python/Cargo.toml --out "$work/wheels"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$work"/wheels/pith-*.whl
"$work/venv/bin/python" - testdata <<'PY'
import sys
from pathlib import Path
import pith

pages = [(p.read_bytes(), None) for p in sorted(Path(sys.argv[1]).rglob("*.html"))]
extractor = pith.Extractor()
for threads in (1, 2):
    records = list(extractor.extract_many(pages, threads=threads))
    assert len(records) == len(pages)
for html, _ in pages:
    pith.extract(html, format="markdown")
PY

"$profdata" merge --sparse -o pgo/pith.profdata "$work/raw"
# Name the new profile in .cargo/config.toml, so that cargo rebuilds every crate with it.
read -r sum size _ < <(cksum pgo/pith.profdata)
sed -i.bak 's/pith_pgo_profile="[0-9-]*"/pith_pgo_profile="'"$sum-$size"'"/' .cargo/config.toml
rm -f .cargo/config.toml.bak
grep -q "pith_pgo_profile=\"$sum-$size\"" .cargo/config.toml \
  || { echo "pgo-profile: could not name the profile in .cargo/config.toml" >&2; exit 1; }
echo "pgo-profile: wrote pgo/pith.profdata ($(wc -c < pgo/pith.profdata) bytes)"
