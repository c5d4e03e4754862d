#!/usr/bin/env python3
"""Pages per second from Python on a data set's saved pages (docs/python.md, "Speed"):
`Extractor.extract_many(threads=1)` and `threads=2`, `pith.extract` in a loop, `pith batch
--jobs 1` (the binary, for reference: reading the files and writing JSON Lines included) and
trafilatura's `extract` (in its own environment), each run in turn, the median of the rounds.

    v/bin/python scripts/bench-python.py --pages DIR/html --pith target/release/pith \\
        --trafilatura-python ~/.cache/pith-peers/py/trafilatura/bin/python --rounds 3

Run it with a Python where the `pith` package is installed. Every mode reads the same pages
(every .html file below --pages); the Python modes have them in memory already, and their
time includes turning each record into Python objects (a dict), as a user gets it.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAFILATURA = r"""
import sys, time
from pathlib import Path
import trafilatura
pages = [p.read_bytes() for p in sorted(Path(sys.argv[1]).rglob("*.html"))] * int(sys.argv[2])
start, cpu = time.perf_counter(), time.process_time()
for html in pages:
    trafilatura.extract(html)
print(len(pages) / (time.perf_counter() - start), (time.process_time() - cpu) / len(pages) * 1000)
"""


def cpu_seconds():
    """CPU time (user + system) of this process and its finished children."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(pages, run):
    """(pages per second, CPU milliseconds per page) of one run over `pages`."""
    start, cpu = time.perf_counter(), cpu_seconds()
    n = run()
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    assert n == len(pages), f"{n} records for {len(pages)} pages"
    return len(pages) / elapsed, cpu / len(pages) * 1000


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", required=True, help="a directory of saved pages (.html, searched recursively)")
    p.add_argument("--pith", required=True, help="the pith binary, for `pith batch --jobs 1`")
    p.add_argument("--trafilatura-python", help="a Python with trafilatura installed (else that row is left out)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--repeat", type=int, default=5, help="each run goes over the pages this many times")
    args = p.parse_args()

    import pith

    paths = sorted(Path(args.pages).rglob("*.html"))
    pages = [path.read_bytes() for path in paths] * args.repeat
    extractor = pith.Extractor()

    def many(threads):
        return lambda: sum(1 for _ in extractor.extract_many(((h, None) for h in pages), threads=threads))

    def loop():
        n = 0
        for h in pages:
            pith.extract(h)
            n += 1
        return n

    def batch():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "records.jsonl"
            command = [args.pith, "batch", *[args.pages] * args.repeat, "--jobs", "1", "-o", str(out)]
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
            return sum(1 for _ in out.open())

    modes = {
        "Extractor.extract_many(threads=1)": lambda: timed(pages, many(1)),
        "Extractor.extract_many(threads=2)": lambda: timed(pages, many(2)),
        "pith.extract in a loop": lambda: timed(pages, loop),
        "pith batch --jobs 1": lambda: timed(pages, batch),
    }
    if args.trafilatura_python:
        command = [args.trafilatura_python, "-c", TRAFILATURA, args.pages, str(args.repeat)]
        modes["trafilatura.extract"] = lambda: tuple(
            float(v) for v in subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
        )

    # Warm-up: the page cache, the default config's compilation.
    many(2)()
    rates = {name: [] for name in modes}
    for r in range(args.rounds):
        for name, run in modes.items():
            rates[name].append(run())
        print(f"round {r + 1}: " + ", ".join(f"{n} {v[-1][0]:.1f}" for n, v in rates.items()), file=sys.stderr)

    median = {name: statistics.median(v[0] for v in runs) for name, runs in rates.items()}
    cpu = {name: statistics.median(v[1] for v in runs) for name, runs in rates.items()}
    one = median["Extractor.extract_many(threads=1)"]
    print(f"{len(paths)} pages × {args.repeat} a run, median of {args.rounds} rounds (each round runs every mode in turn)\n")
    print("| mode | pages/s | vs extract_many(threads=1) | CPU ms/page |")
    print("|---|---:|---:|---:|")
    for name, rate in median.items():
        print(f"| {name} | {rate:.1f} | {rate / one:.2f}× | {cpu[name]:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
