#!/usr/bin/env bash
# The scale-out smoke test: PySpark in local[2] pipes the testdata pages through the release
# `pith filter` (rdd.pipe), writes Parquet, and checks that every input id comes back exactly
# once (scripts/spark_pith.py; docs/scale-out.md).
#
# Needs python3 (with venv) and Java 17+. pyspark is installed from the package registry into
# a virtual environment kept OUTSIDE the clone, so reruns do not download it again:
#   PITH_SPARK_VENV  the virtual environment [${XDG_CACHE_HOME:-$HOME/.cache}/pith-spark-venv]
#   PITH_BIN         the pith binary         [$CARGO_TARGET_DIR/release/pith, else target/release/pith]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYSPARK_VERSION="4.3.0"
VENV="${PITH_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/pith-spark-venv}"
PITH_BIN="${PITH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/pith}"

[[ -x $PITH_BIN ]] || { echo "spark-smoke: no pith binary at $PITH_BIN (cargo build --release, or set PITH_BIN)" >&2; exit 2; }
command -v java > /dev/null || { echo "spark-smoke: java not found (Spark needs Java 17+)" >&2; exit 2; }

if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2> /dev/null; then
  echo "spark-smoke: installing pyspark $PYSPARK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Spark on loopback only, its Python workers from the venv, its scratch space in $WORK.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/spark" PYSPARK_PYTHON="$VENV/bin/python"

"$VENV/bin/python" scripts/spark_pith.py make-input testdata "$WORK/pages.jsonl"
"$VENV/bin/python" scripts/spark_pith.py run --pith "$PITH_BIN" --master 'local[2]' \
  --input "$WORK/pages.jsonl" --output "$WORK/articles.parquet" --check
