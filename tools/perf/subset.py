#!/usr/bin/env python3
"""A sample of a benchmark set, for instruction counts: every Nth page by sorted id.

    tools/perf/subset.py ../shared/benchmarks/trafilatura-eval /tmp/te99 --every 10

Writes DST/gold.jsonl (the kept pages' gold lines, in the set's order) and DST/html/ (symbolic
links to their pages). Keeps the ids at positions N-1, 2N-1, ... of the sorted ids: with
`--every 3` on scrapinghub-aeb, the 60 pages of `/tmp/aeb60` in docs/performance.md.
"""

import argparse
import json
import os

ap = argparse.ArgumentParser()
ap.add_argument("src")
ap.add_argument("dst")
ap.add_argument("--every", type=int, required=True)
args = ap.parse_args()
src = os.path.abspath(args.src)
lines = open(os.path.join(src, "gold.jsonl"), encoding="utf-8").read().splitlines()
ids = sorted(json.loads(line)["id"] for line in lines)
keep = set(ids[args.every - 1 :: args.every])
os.makedirs(os.path.join(args.dst, "html"), exist_ok=True)
with open(os.path.join(args.dst, "gold.jsonl"), "w", encoding="utf-8") as out:
    for line in lines:
        doc_id = json.loads(line)["id"]
        if doc_id in keep:
            out.write(line + "\n")
            link = os.path.join(args.dst, "html", doc_id + ".html")
            if not os.path.lexists(link):
                os.symlink(os.path.join(src, "html", doc_id + ".html"), link)
print(f"{args.dst}: {len(keep)} pages")
