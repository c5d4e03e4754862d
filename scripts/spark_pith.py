#!/usr/bin/env python3
"""Run `pith filter` inside Spark: JSON Lines of pages in, a Parquet table of articles out.

This is the PySpark example of docs/scale-out.md, and what scripts/spark-smoke.sh runs in
`local[2]`. The input is JSON Lines, one page a line: {"id": ..., "url": ..., "html": ...}.
Every partition is piped through one `pith filter` process (`rdd.pipe`), which writes exactly
one record line per input line, in order; the records are then typed and written as Parquet.

    python scripts/spark_pith.py make-input testdata pages.jsonl       # JSONL from saved pages
    python scripts/spark_pith.py run --pith target/release/pith \\
        --input pages.jsonl --output articles.parquet --master 'local[2]' --check

On a cluster, ship the binary with the job (`spark-submit --files pith`, then
`SparkFiles.get("pith")`) or install it on every executor, and give `--input` an HDFS or S3
path. pith needs nothing else: no runtime, no environment variables (engines start pipe
children with an empty environment, so every setting is a flag).
"""

import argparse
import json
import shlex
import sys
import tomllib
from pathlib import Path

# Columns of the Parquet table: the fields most consumers need, plus the whole record.
COLUMNS = [
    ("id", "string"),  # the record's `input`: the page's id
    ("status", "string"),  # "ok" or "error"
    ("url", "string"),
    ("title", "string"),
    ("published", "string"),
    ("authors", "array<string>"),
    ("categories", "array<string>"),
    ("text", "string"),
    ("word_count", "long"),
    ("error_kind", "string"),
    ("error_message", "string"),
    ("record", "string"),  # the full JSON record, as pith wrote it
]


def make_input(pages_dir, out_path, extra_lines=True):
    """Writes {"id","url","html"} lines for every .html file below pages_dir (the URL from a
    `<name>.toml` sidecar when there is one). With extra_lines, also a malformed line and a
    poisoned page, which must come back as error records like any other id."""
    lines = []
    for path in sorted(Path(pages_dir).rglob("*.html")):
        raw = path.read_bytes()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw.decode("cp1252", errors="replace")
        url = None
        sidecar = path.with_suffix(".toml")
        if sidecar.exists():
            url = tomllib.loads(sidecar.read_text("utf-8")).get("url")
        lines.append(json.dumps({"id": str(path), "url": url, "html": html}))
    if extra_lines:
        # A line that is not JSON: its record keeps the id pith can still read in it (else
        # it would be the line number within the partition's stream).
        lines.append('{"id": "malformed", "html": <not json>}')
        lines.append(json.dumps({"id": "poisoned", "html": "<div>" * 200_000}))
        lines.append(json.dumps({"id": "empty", "html": ""}))
    Path(out_path).write_text("\n".join(lines) + "\n", "utf-8")
    return len(lines)


def input_ids(lines):
    """The id of each input line, as pith will report it (see make_input)."""
    ids = []
    for line in lines:
        try:
            ids.append(str(json.loads(line)["id"]))
        except (ValueError, KeyError):
            ids.append("malformed")
    return ids


def to_row(line):
    """One pith record line to a tuple of COLUMNS."""
    r = json.loads(line)
    err = r.get("error") or {}
    return (
        r.get("input"),
        r.get("status"),
        r.get("url"),
        r.get("title"),
        r.get("published"),
        [a.get("name") for a in r.get("authors") or []],
        r.get("categories") or [],
        r.get("text"),
        r.get("word_count"),
        err.get("kind"),
        err.get("message"),
        line,
    )


def run(args):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("pith-filter")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    pages = sc.textFile(args.input, minPartitions=args.partitions)
    # One pith process per partition; pith reads to EOF and writes one line per line, in
    # order. env={} is what engines do anyway: every setting is a flag. checkCode=True
    # fails the task if pith exits non-zero (only on a broken stream: page errors are records).
    command = [args.pith, "filter", "--time-budget-ms", str(args.time_budget_ms)]
    records = pages.pipe(shlex.join(command), env={}, checkCode=True)

    schema = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    table = spark.createDataFrame(records.map(to_row), schema=schema)
    table.write.mode("overwrite").parquet(args.output)

    status = 0
    if args.check:
        want = sorted(input_ids(Path(args.input).read_text("utf-8").splitlines()))
        back = spark.read.parquet(args.output)
        got = sorted(row.id for row in back.select("id").collect())
        counts = {r.status: r["count"] for r in back.groupBy("status").count().collect()}
        kinds = {r.error_kind: r["count"] for r in back.where("status = 'error'").groupBy("error_kind").count().collect()}
        print(f"spark: {len(want)} input lines, {len(got)} records back: {counts}; errors {kinds}")
        if got != want:
            missing = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            dupes = sorted({i for i in got if got.count(i) > 1})
            print(f"spark: MISMATCH: missing {missing[:5]}, unexpected {extra[:5]}, duplicated {dupes[:5]}")
            status = 1
        else:
            print("spark: every input id came back exactly once")
    spark.stop()
    return status


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    mk = sub.add_parser("make-input", help="JSONL input from a directory of saved pages")
    mk.add_argument("pages_dir")
    mk.add_argument("out")
    r = sub.add_parser("run", help="pipe the input through pith filter and write Parquet")
    r.add_argument("--pith", required=True, help="path to the pith binary (on every executor)")
    r.add_argument("--input", required=True, help="JSON Lines of {id, url, html}")
    r.add_argument("--output", required=True, help="Parquet directory to write")
    r.add_argument("--master", default="local[2]")
    r.add_argument("--partitions", type=int, default=4)
    r.add_argument("--time-budget-ms", type=int, default=10_000)
    r.add_argument("--check", action="store_true", help="check that every input id comes back exactly once")
    args = p.parse_args()
    if args.cmd == "make-input":
        n = make_input(args.pages_dir, args.out)
        print(f"spark: wrote {n} lines to {args.out}")
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
