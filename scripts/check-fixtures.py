#!/usr/bin/env python3
"""Quick fixture report during development: runs `pith extract` on every testdata/*/*.html
and compares with its .toml sidecar. The authoritative checks are in tests/fixtures.rs."""
import json, subprocess, sys, tomllib, pathlib, os
root = pathlib.Path(__file__).resolve().parent.parent
pith = os.environ.get("PITH", str(pathlib.Path(os.environ.get("CARGO_TARGET_DIR", root / "target")) / "debug/pith"))
only = sys.argv[1:]
bad = 0
for side in sorted(root.glob("testdata/*/*.toml")):
    name = side.stem
    if only and name not in only:
        continue
    spec = tomllib.load(open(side, "rb"))
    exp = spec.get("expect", {})
    cmd = [pith, "extract", str(side.with_suffix(".html"))]
    if spec.get("url"):
        cmd += ["--url", spec["url"]]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode != 0:
        print(f"!! {name}: exit {p.returncode} {p.stderr.decode()[:300]}"); bad += 1; continue
    a = json.loads(p.stdout)
    errs = []
    def eq(field, got, want):
        if got != want:
            errs.append(f"{field}: got {got!r}\n      want {want!r}")
    eq("title", a["title"], exp.get("title"))
    eq("subtitle", a["subtitle"] or "", exp.get("subtitle", ""))
    eq("authors", [x["name"] for x in a["authors"]], exp.get("authors", []))
    eq("published", a["published"], exp.get("published"))
    eq("categories", a["categories"], exp.get("categories", []))
    eq("page_type", a["page_type"], exp.get("page_type"))
    eq("source_id", a["source_id"] or "", exp.get("source_id", ""))
    eq("contributors", [{"name": c["name"], "role": c["role"]} for c in a["contributors"]], [{"name": c["name"], "role": c.get("role")} for c in exp.get("contributors", [])])
    eq("notes", a["notes"], exp.get("notes", []))
    blocks = [b for b in a["text"].split("\n\n")]
    if exp.get("first_block") and not a["text"].startswith(exp["first_block"]):
        errs.append(f"first_block: got {blocks[0][:150]!r}\n      want {exp['first_block'][:150]!r}")
    if exp.get("last_block") and not a["text"].endswith(exp["last_block"]):
        errs.append(f"last_block: got {blocks[-1][:150]!r}\n      want {exp['last_block'][:150]!r}")
    for s in exp.get("must_contain", []):
        if s not in a["text"]:
            errs.append(f"missing: {s!r}")
    for s in exp.get("must_not_contain", []):
        if s in a["text"]:
            errs.append(f"boilerplate: {s!r}")
    if errs:
        bad += 1
        print(f"== {name} ({a['extractor']['method']}, {len(a['blocks'])} blocks)")
        for e in errs:
            print("   " + e)
    else:
        print(f"ok {name}")
print(f"{bad} failing")
