#!/usr/bin/env python3
"""Measures how much of the widget library leaks into pith's `text` (report only, no gate).

    python3 scripts/measure-widgets.py PITH_BINARY [--details FILE.jsonl] [--verbose]

For every widget in testdata/widgets/<kind>/*.toml, every host page in testdata/widgets/hosts/
and every placement the widget lists, the widget's fragment replaces the host's
`<!--WIDGET:<placement>-->` marker; `PITH_BINARY extract PAGE --url HOST_URL` runs on the result.
A `must_not` string has leaked when the widget page's `text` (white space collapsed) holds it
more often than the same host page without any widget does. The host's body is kept when every
`body` line of its sidecar is still in `text`. Prints leak rates per kind, style, placement and
host, each split into the held-out part and the rest; `--details` writes one JSON line per run.
"""
import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "testdata" / "widgets"
PARTS = ("held-out", "rest")


def normalise(text):
    return re.sub(r"\s+", " ", text or "").strip()


def load_widgets():
    widgets = []
    for path in sorted(LIBRARY.glob("*/*.toml")):
        if path.parent.name == "hosts":
            continue
        w = tomllib.loads(path.read_text("utf-8"))
        w["name"] = f"{path.parent.name}/{path.stem}"
        widgets.append(w)
    return widgets


def load_hosts():
    hosts = []
    for page in sorted((LIBRARY / "hosts").glob("*.html")):
        spec = tomllib.loads(page.with_suffix(".toml").read_text("utf-8"))
        hosts.append({"name": page.stem, "html": page.read_text("utf-8"), "url": spec["url"], "body": spec["body"]})
    return hosts


def extract(pith, html, url, workdir):
    page = pathlib.Path(workdir) / "page.html"
    page.write_text(html, "utf-8")
    p = subprocess.run([pith, "extract", str(page), "--url", url, "--format", "json"], capture_output=True)
    if p.returncode != 0 or not p.stdout:
        return None, p.stderr.decode("utf-8", "replace")[:300]
    a = json.loads(p.stdout)
    return a, None


def rate(num, den):
    return f"{num}/{den} ({100 * num / den:.0f}%)" if den else "-"


def print_table(title, rows, order):
    """rows: {key: {part: Counter(runs, leaky_runs, strings, leaked, body_lost)}}"""
    print(f"\n## {title}\n")
    print(f"| {title.split(' ')[-1]} | held-out: runs leaking | held-out: strings leaked | held-out: body lost | rest: runs leaking | rest: strings leaked | rest: body lost |")
    print("|---|---|---|---|---|---|---|")
    for key in order:
        if key not in rows:
            continue
        cells = []
        for part in PARTS:
            c = rows[key].get(part)
            if not c:
                cells += ["-", "-", "-"]
                continue
            cells += [rate(c["leaky_runs"], c["runs"]), rate(c["leaked"], c["strings"]), rate(c["body_lost"], c["runs"])]
        print(f"| {key} | " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pith", help="path of the pith binary to measure")
    ap.add_argument("--details", help="write one JSON line per run to this file")
    ap.add_argument("--verbose", action="store_true", help="print every run that leaks or loses host text")
    args = ap.parse_args()

    widgets, hosts = load_widgets(), load_hosts()
    tmp = tempfile.TemporaryDirectory()
    problems = 0

    # Baselines: each host without any widget.
    for h in hosts:
        a, err = extract(args.pith, h["html"], h["url"], tmp.name)
        if a is None:
            sys.exit(f"{h['name']}: pith failed on the bare host page: {err}")
        h["base"] = normalise(a["text"])
        missing = [s for s in h["body"] if normalise(s) not in h["base"]]
        state = "all body lines kept" if not missing else f"{len(missing)} body lines MISSING"
        print(f"host {h['name']}: profile {a.get('profile')}, {len(h['base'])} chars of text, {state}")
        problems += bool(missing)

    tables = {k: collections.defaultdict(lambda: collections.defaultdict(collections.Counter)) for k in ("kind", "style", "placement", "host")}
    total = collections.defaultdict(collections.Counter)
    leaked_by_widget = collections.defaultdict(set)
    details = open(args.details, "w", encoding="utf-8") if args.details else None
    for w in widgets:
        part = "held-out" if w["held_out"] else "rest"
        for h in hosts:
            for placement in w["placement"]:
                marker = f"<!--WIDGET:{placement}-->"
                a, err = extract(args.pith, h["html"].replace(marker, w["html"]), h["url"], tmp.name)
                if a is None:
                    print(f"ERROR {w['name']} in {h['name']} {placement}: {err}")
                    problems += 1
                    continue
                text = normalise(a["text"])
                leaked = [s for s in w["must_not"] if text.count(s) > h["base"].count(s)]
                lost = [s for s in h["body"] if normalise(s) not in text]
                leaked_by_widget[w["name"]].update(leaked)
                for table, key in (("kind", w["kind"]), ("style", w["style"]), ("placement", placement), ("host", h["name"])):
                    c = tables[table][key][part]
                    c["runs"] += 1
                    c["leaky_runs"] += bool(leaked)
                    c["strings"] += len(w["must_not"])
                    c["leaked"] += len(leaked)
                    c["body_lost"] += bool(lost)
                c = total[part]
                c["runs"] += 1
                c["leaky_runs"] += bool(leaked)
                c["strings"] += len(w["must_not"])
                c["leaked"] += len(leaked)
                c["body_lost"] += bool(lost)
                if details:
                    details.write(json.dumps({
                        "widget": w["name"], "kind": w["kind"], "style": w["style"], "part": part,
                        "host": h["name"], "placement": placement, "status": a.get("status"),
                        "leaked": leaked, "body_lost": lost, "text_chars": len(text),
                    }, ensure_ascii=False) + "\n")
                if args.verbose and (leaked or lost):
                    print(f"- {w['name']} [{part}] in {h['name']} {placement}: leaked {leaked}" + (f"; body lost {len(lost)} lines" if lost else ""))
    if details:
        details.close()

    kinds = sorted({w["kind"] for w in widgets})
    print_table("Leaks per kind", tables["kind"], kinds)
    print_table("Leaks per style", tables["style"], ["legacy", "bem", "utility", "custom-element", "bare", "aria"])
    print_table("Leaks per placement", tables["placement"], ["before", "inside", "between", "after"])
    print_table("Leaks per host", tables["host"], [h["name"] for h in hosts])
    print_table("Leaks per part", {"all": total}, ["all"])

    print("\n## Widgets with a leak in any run (strings leaked at least once / must_not strings)\n")
    for w in widgets:
        n = len(leaked_by_widget[w["name"]])
        if n:
            print(f"- {w['name']}{' (held out)' if w['held_out'] else ''}: {n}/{len(w['must_not'])}")
    clean = sum(1 for w in widgets if not leaked_by_widget[w["name"]])
    print(f"\n{clean} of {len(widgets)} widgets never leak; {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
