#!/usr/bin/env bash
# The Python package (python/): builds the wheel with maturin (the release profile, with the
# profile-guided optimisation of scripts/rustc-pgo), installs it into a cached virtual
# environment, runs its pytest suite (which also runs the examples of docs/python.md), then
# the PySpark smoke test with the package on the workers (python/examples/spark_mappartitions.py,
# mapPartitions in local[2]).
#
# Needs python3 (with venv), Java 17+ and the PySpark environment of scripts/spark-smoke.sh
# (.ci/run runs that first). The tools come from the package registry into environments kept
# OUTSIDE the clone, so reruns download nothing:
#   PITH_PYTHON_VENV  maturin, pytest, jsonschema, pandas, duckdb  [${XDG_CACHE_HOME:-$HOME/.cache}/pith-python-venv]
#   PITH_SPARK_VENV   pyspark (scripts/spark-smoke.sh makes it)     [${XDG_CACHE_HOME:-$HOME/.cache}/pith-spark-venv]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}"
VENV="${PITH_PYTHON_VENV:-$CACHE/pith-python-venv}"
SPARK_VENV="${PITH_SPARK_VENV:-$CACHE/pith-spark-venv}"
TOOLS="maturin==1.16.0 pytest==9.2.0 jsonschema==4.26.0 pandas==3.1.1 duckdb==2.0.1"

if [[ "$(cat "$VENV/.pith-tools" 2> /dev/null)" != "$TOOLS" ]]; then
  echo "python-package: installing $TOOLS into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  # shellcheck disable=SC2086 # one word per requirement
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $TOOLS
  echo "$TOOLS" > "$VENV/.pith-tools"
fi
[[ -x $SPARK_VENV/bin/pyspark ]] || { echo "python-package: no PySpark at $SPARK_VENV (run scripts/spark-smoke.sh first)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$VENV/bin/maturin" build --locked --quiet -m python/Cargo.toml --out "$WORK/wheels"
wheel=("$WORK"/wheels/pith-*.whl)
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "${wheel[0]}"
# From the repository root, so that the tests import the installed package, not python/pith.
"$VENV/bin/pytest" -q -p no:cacheprovider python/tests

"$SPARK_VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "${wheel[0]}"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/spark" PYSPARK_PYTHON="$SPARK_VENV/bin/python"
"$SPARK_VENV/bin/python" python/examples/spark_mappartitions.py make-input testdata "$WORK/pages.jsonl"
"$SPARK_VENV/bin/python" python/examples/spark_mappartitions.py run --master 'local[2]' \
  --input "$WORK/pages.jsonl" --output "$WORK/articles.parquet" --check
