#!/usr/bin/env python3
"""Instructions per page of `pith eval`, from a callgrind run that dumps at each page.

Any `pith` release binary (old or new) can be measured the same way, without rebuilding it:

    valgrind --tool=callgrind --callgrind-out-file=OUT --dump-before='*::extract_doc' \
        PITH eval --data DATASET
    tools/perf/callgrind_pages.py OUT

`--dump-before` starts a new profile part at each call of `extract_doc` (read one page, extract
it, time it); this script reads, in every part, the inclusive cost of the `extract_doc` call made
in it (the page's reading and extraction, not the scoring that follows). The first call is
`pith eval`'s untimed warm-up extraction of the first page: it pays the one-time costs (the
patterns a page needs compiled on first use) and is reported apart. Pages that use a pattern
first pay its compile too, which moves the mean, not the median.

Prints the warm-up call, then the median, mean and total of the other calls (the pages, in
`pith eval`'s order) and the whole run's total.
"""

import glob
import re
import statistics
import sys

NAME = re.compile(r"^c?fn=\((\d+)\)(?: (.*))?$")


def call_costs(path, target="::extract_doc"):
    """Inclusive Ir of every call to `target` recorded in one callgrind part file."""
    names, costs, summary = {}, [], None
    pending = False  # the last cfn= named the target; its calls= line and cost line follow
    after_calls = False
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("summary:"):
                summary = int(line.split()[1])
            m = NAME.match(line)
            if m:
                ident, name = m.group(1), m.group(2)
                if name is not None:
                    names[ident] = name
                pending = line.startswith("cfn=") and target in names.get(ident, "")
                after_calls = False
                continue
            if pending and line.startswith("calls="):
                after_calls = True
                continue
            if after_calls:
                # "<position> <Ir>" (positions may be compressed, "+3" or "*")
                fields = line.split()
                if len(fields) >= 2:
                    costs.append(int(fields[1]))
                pending = after_calls = False
    return costs, summary


def main():
    base = sys.argv[1]
    parts = []
    for path in glob.glob(base + ".*") + glob.glob(base):
        if not re.search(r"\.\d+$", path) and path != base:
            continue
        with open(path) as f:
            head = f.read(400)
        m = re.search(r"^part: (\d+)", head, re.M)
        if m:
            parts.append((int(m.group(1)), path))
    parts.sort()
    calls, total = [], 0
    for _, path in parts:
        costs, summary = call_costs(path)
        calls.extend(costs)
        total += summary or 0
    if len(calls) < 2:
        sys.exit(f"{base}: fewer than two extract_doc calls found")
    warm, pages = calls[0], calls[1:]
    print(f"warm-up call (first page, one-time costs): {warm / 1e6:.1f} M")
    print(
        f"pages {len(pages)}: median {statistics.median(pages) / 1e6:.2f} M, "
        f"mean {statistics.mean(pages) / 1e6:.2f} M, sum {sum(pages) / 1e6:.1f} M"
    )
    print(f"whole run: {total / 1e6:.1f} M")


if __name__ == "__main__":
    main()
