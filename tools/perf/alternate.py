#!/usr/bin/env python3
"""Median page time of several `pith` binaries, side by side, in alternating rounds.

    tools/perf/alternate.py --data DATASET --rounds 5 OLD_PITH NEW_PITH

Each round runs `taskset -c CORE PITH eval --data DATASET --timing --json --per-doc` for every
binary in turn (A B A B ...), so that load on a shared machine falls on all of them alike. Each
page's time is measured in process by `pith eval` (decode, parse, extraction; the file read is
not timed; the first page is extracted once untimed first). Prints, for each binary, the
median page time of each round and the median over pages of each page's best round
(preemption only ever adds time), and the ratio of each binary's figure to the first one's.
"""

import argparse
import json
import statistics
import subprocess


def run(binary, data, core):
    cmd = ["taskset", "-c", str(core), binary, "eval", "--data", data, "--timing", "--json", "--per-doc"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {d["id"]: d["ms"] for d in json.loads(out)["docs"] if d.get("ms") is not None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--core", type=int, default=0)
    ap.add_argument("binaries", nargs="+")
    args = ap.parse_args()
    rounds = {b: [] for b in args.binaries}
    for _ in range(args.rounds):
        for b in args.binaries:
            rounds[b].append(run(b, args.data, args.core))
    first = None
    for b in args.binaries:
        medians = [statistics.median(r.values()) for r in rounds[b]]
        best = statistics.median(min(r[i] for r in rounds[b]) for i in rounds[b][0])
        first = first or (statistics.median(medians), best)
        print(
            f"{b}: round medians {' '.join(f'{m:.3f}' for m in medians)} ms; "
            f"median of round medians {statistics.median(medians):.3f} ms "
            f"({statistics.median(medians) / first[0]:.3f}x); "
            f"median of per-page best {best:.3f} ms ({best / first[1]:.3f}x)"
        )


if __name__ == "__main__":
    main()
