#!/usr/bin/env python3
"""Check that docs/contract.md still names everything the shared output spec defines.

docs/contract.md is the source of truth for pith's output; it started from the shared
article-JSON spec and only adds to it. This check reads the spec's field table (the keys of
one article), its block kinds and its error kinds, and fails, naming each one, if
docs/contract.md no longer has a field row, a block kind or an error kind of the spec.

Usage: scripts/check-contract.py SPEC.md [CONTRACT.md]   (CONTRACT defaults to docs/contract.md)
"""

import re
import sys
from pathlib import Path

FIELD_ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|", re.M)
BLOCK_KIND = re.compile(r'"kind":\s*"([a-z_]+)"')
CODE_WORD = re.compile(r"`([a-z_]+)`")


def section(text, heading):
    """The lines under `heading` (a `## ` line) up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not match:
        raise SystemExit(f"check-contract: no '## {heading}' section")
    return match.group(1)


def paragraph(text, lead):
    """The paragraph that starts with `lead` (up to the next blank line)."""
    match = re.search(rf"^{re.escape(lead)}(.*?)(?=\n\s*\n|\Z)", text, re.M | re.S)
    if not match:
        raise SystemExit(f"check-contract: no paragraph starting {lead!r}")
    return match.group(1)


def names(text):
    """Field keys, block kinds and error kinds a contract document defines."""
    article = section(text, "One article")
    field_table = article.split("**Blocks.**")[0]
    fields = set(FIELD_ROW.findall(field_table))
    blocks = set(BLOCK_KIND.findall(paragraph(article, "**Blocks.**")))
    errors_section = section(text, "Errors, and many articles as JSON Lines")
    kinds = paragraph(errors_section, "`error.status`")
    # The kinds are the code words outside the parenthesised explanations after "Kinds:".
    listed = re.sub(r"\([^)]*\)", "", kinds.split("Kinds:", 1)[1]) if "Kinds:" in kinds else ""
    errors = set(CODE_WORD.findall(listed))
    return {"field": fields, "block kind": blocks, "error kind": errors}


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    spec_path = Path(sys.argv[1])
    contract_path = Path(sys.argv[2] if len(sys.argv) == 3 else "docs/contract.md")
    spec = names(spec_path.read_text(encoding="utf-8"))
    contract = names(contract_path.read_text(encoding="utf-8"))
    missing = []
    for what, wanted in spec.items():
        if not wanted:
            raise SystemExit(f"check-contract: found no {what} in {spec_path}; has its layout changed?")
        missing += [f"{what} `{name}`" for name in sorted(wanted - contract[what])]
    if missing:
        for item in missing:
            print(f"{contract_path} no longer names the spec's {item}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(v)} {k}s" for k, v in spec.items())
    print(f"{contract_path} names all of the spec's {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
