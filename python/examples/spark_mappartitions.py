#!/usr/bin/env python3
"""pith in PySpark without a subprocess: the `pith` package on the workers, pages extracted by
`mapPartitions`, a Parquet table out with typed dates. docs/python.md explains it; the
repository's CI runs it in `local[2]` (scripts/python-package.sh).

    python python/examples/spark_mappartitions.py make-input testdata pages.jsonl
    python python/examples/spark_mappartitions.py run --input pages.jsonl \\
        --output articles.parquet --master 'local[2]' --check

The input is JSON Lines of {"id", "url", "html"}. On a cluster, install the wheel on every
executor (`pip install pith-*.whl` in the image, or `spark-submit --py-files` is NOT enough:
the package holds a compiled extension, so ship a virtual environment, e.g. with
`--archives venv.tar.gz#environment` and PYSPARK_PYTHON=./environment/bin/python).
"""

import argparse
import datetime
import json
import sys
import tomllib
from pathlib import Path

SCHEMA = (
    "id string, status string, url string, title string, published_date date, "
    "authors array<string>, word_count long, text string, error_kind string"
)


def extract_partition(rows):
    """One partition's pages to table rows, in order: one `Extractor` per partition, one
    thread (Spark runs the partitions in parallel), the pages read lazily."""
    import pith

    extractor = pith.Extractor(time_budget_ms=10_000)
    pages = ({"id": row.id, "url": row.url, "html": row.html or ""} for row in rows)
    for r in extractor.extract_many(pages, threads=1):
        ok = r["status"] == "ok"
        day = r["published_date"] if ok else None
        yield (
            r["input"],
            r["status"],
            r["url"],
            r["title"] if ok else None,
            datetime.date.fromisoformat(day) if day else None,
            [a["name"] for a in r["authors"]] if ok else [],
            r["word_count"] if ok else None,
            r["text"] if ok else None,
            None if ok else r["error"]["kind"],
        )


def run(args):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("pith-mappartitions")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    pages = spark.read.schema("id string, url string, html string").json(args.input).repartition(args.partitions)
    table = spark.createDataFrame(pages.rdd.mapPartitions(extract_partition), schema=SCHEMA)
    table.write.mode("overwrite").parquet(args.output)

    status = 0
    if args.check:
        want = sorted(json.loads(line)["id"] for line in Path(args.input).read_text("utf-8").splitlines())
        back = spark.read.parquet(args.output)
        got = sorted(row.id for row in back.select("id").collect())
        counts = {r.status: r["count"] for r in back.groupBy("status").count().collect()}
        dated = back.where("published_date IS NOT NULL").count()
        print(f"spark-package: {len(want)} pages, {len(got)} records back: {counts}; {dated} with a published_date")
        if got != want:
            print(f"spark-package: MISMATCH: missing {sorted(set(want) - set(got))[:5]}")
            status = 1
        elif dict(back.dtypes)["published_date"] != "date" or dated == 0:
            print("spark-package: published_date is not a filled date column")
            status = 1
        else:
            print("spark-package: every page came back exactly once, dates typed")
    spark.stop()
    return status


def make_input(pages_dir, out_path):
    """{"id","url","html"} lines for every .html file below pages_dir (the URL from its
    `<name>.toml` sidecar), plus a page nested too deep and an empty one, which must come
    back as error records like any other id."""
    lines = []
    for path in sorted(Path(pages_dir).rglob("*.html")):
        sidecar = path.with_suffix(".toml")
        url = tomllib.loads(sidecar.read_text("utf-8")).get("url") if sidecar.exists() else None
        html = path.read_bytes().decode("utf-8", errors="replace")
        lines.append(json.dumps({"id": str(path), "url": url, "html": html}))
    lines.append(json.dumps({"id": "poisoned", "html": "<div>" * 200_000}))
    lines.append(json.dumps({"id": "empty", "html": ""}))
    Path(out_path).write_text("\n".join(lines) + "\n", "utf-8")
    return len(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    mk = sub.add_parser("make-input", help="JSON Lines input from a directory of saved pages")
    mk.add_argument("pages_dir")
    mk.add_argument("out")
    r = sub.add_parser("run", help="extract with the pith package in mapPartitions, write Parquet")
    r.add_argument("--input", required=True, help="JSON Lines of {id, url, html}")
    r.add_argument("--output", required=True, help="Parquet directory to write")
    r.add_argument("--master", default="local[2]")
    r.add_argument("--partitions", type=int, default=4)
    r.add_argument("--check", action="store_true", help="check every id comes back once, dates typed")
    args = p.parse_args()
    if args.cmd == "make-input":
        print(f"spark-package: wrote {make_input(args.pages_dir, args.out)} lines to {args.out}")
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
