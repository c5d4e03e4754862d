#!/usr/bin/env python3
"""Import cycles between the crate's source files: exits 1 and prints each cycle if the
file-level dependency graph of `src/` has one.

Usage: scripts/check-module-cycles.py [--graph] [--skip-tests] [--drop-edge=A:B]... [SRC_DIR]

A file depends on another when its code names an item through a path into that file:
`crate::a::b::c` and `super::…` / `self::…` paths, in `use` lines (groups included) and in
code. A path is resolved to the deepest source file it reaches (`crate::dom::walk::walk` is
`src/dom/walk.rs`; `crate::dom::walk_events` is `src/dom/mod.rs`, which may re-export it).
`mod x;` declarations are not dependencies: a parent's `mod` line and a child's `super::`
path are not a cycle, but a `mod.rs` that uses an item of a child whose code uses an item
defined in that `mod.rs` is. Inline modules (`mod tests { … }`) belong to their file;
`--skip-tests` leaves `#[cfg(test)]` modules out; `--drop-edge=config.rs:fetch/mod.rs` leaves
one dependency out (to see what else a cycle holds once that edge is gone, or to allow a
known cycle for a while); one that names no dependency is an error (exit 2).

Why file level: a cycle between two files (siblings included) means neither can be read,
tested or moved without the other; the layout by stage (parse → dom → matching → content →
fields → pipeline) is meant to read in one direction.
"""

import re
import sys
from pathlib import Path


def strip_comments_and_strings(code: str) -> str:
    """The code with comments, string and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            j = n if j < 0 else j
            i = j
            continue
        if code.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if code.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif code.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("\n" * code.count("\n", i, j))
            i = j
            continue
        m = re.match(r'b?r(#*)"', code[i:])
        if m and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")):
            end = '"' + m.group(1)
            j = code.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * code.count("\n", i, j))
            i = j
            continue
        if c == '"' or (c == "b" and code.startswith('b"', i)):
            j = i + (2 if c == "b" else 1)
            while j < n and code[j] != '"':
                j += 2 if code[j] == "\\" else 1
            out.append('""' + "\n" * code.count("\n", i, j))
            i = j + 1
            continue
        if c == "'":
            # A char literal ('a', '\n', '\u{..}'), not a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", code[i:])
            if m:
                out.append("' '")
                i += m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


def module_path(src: Path, file: Path) -> list[str]:
    """`src/dom/walk.rs` → ["dom", "walk"]; `src/dom/mod.rs` → ["dom"]; `src/lib.rs` → []."""
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


def file_of(src: Path, path: list[str]) -> Path | None:
    """The deepest source file a module path reaches."""
    best = src / "lib.rs"
    for k in range(1, len(path) + 1):
        base = src.joinpath(*path[:k])
        for cand in (base.with_suffix(".rs"), base / "mod.rs"):
            if cand.is_file():
                best = cand
                break
        else:
            break
    return best


def expand_use_tree(tree: str) -> list[str]:
    """`crate::{a::{b, c}, d}` → ["crate::a::b", "crate::a::c", "crate::d"]."""
    # Aliases first (`a::b as c`), while the spaces still mark them: after the spaces go,
    # `as` could not be told from a name that starts with it (`last_resort_dates`).
    tree = re.sub(r"\s+as\s+\w+", "", tree)
    tree = re.sub(r"\s+", "", tree)

    def split_top(s: str) -> list[str]:
        parts, depth, cur = [], 0, ""
        for ch in s:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        if cur:
            parts.append(cur)
        return parts

    def expand(prefix: str, s: str) -> list[str]:
        m = re.match(r"^(.*?)\{(.*)\}$", s)
        if not m:
            return [prefix + s]
        head, inner = m.group(1), m.group(2)
        out = []
        for part in split_top(inner):
            out.extend(expand(prefix + head, part))
        return out

    return expand("", tree)


PATH = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::(?:\w+|\{))+)")


def dependencies(src: Path, file: Path, skip_tests: bool) -> set[Path]:
    code = strip_comments_and_strings(file.read_text())
    here = module_path(src, file)
    # Inline modules by brace depth: (name, depth at which its body opens).
    inline: list[tuple[str, int]] = []
    depth = 0
    deps: set[Path] = set()
    pending_test_attr = False
    skip_until: int | None = None
    # Child modules declared in this file (`mod x;`): paths may start with their names.
    children = set(re.findall(r"\bmod\s+(\w+)\s*;", code))
    path = PATH.pattern
    if children:
        path = path.replace("(?:crate|super|self)", "(?:crate|super|self|" + "|".join(sorted(children)) + ")")
    tokens = re.finditer(r"#\[cfg\(test\)\]|\bmod\s+(\w+)\s*\{|\{|\}|\buse\s+([^;]+);|" + path, code)
    for m in tokens:
        text = m.group(0)
        if text == "#[cfg(test)]":
            pending_test_attr = True
            continue
        if m.group(1):  # an inline `mod name {`
            depth += 1
            inline.append((m.group(1), depth))
            if skip_tests and pending_test_attr and skip_until is None:
                skip_until = depth
            pending_test_attr = False
            continue
        if text == "{":
            depth += 1
            continue
        if text == "}":
            if inline and inline[-1][1] == depth:
                inline.pop()
            if skip_until == depth:
                skip_until = None
            depth -= 1
            continue
        pending_test_attr = False
        if skip_until is not None:
            continue
        paths = expand_use_tree(m.group(2)) if m.group(2) else [m.group(3)]
        for p in paths:
            segs = [s for s in p.split("::") if s and s != "{"]
            if segs and segs[0] in children and not inline:
                segs = ["self"] + segs
            if not segs or segs[0] not in ("crate", "super", "self"):
                continue
            # The module this code is in: the file's module plus the inline modules open here.
            mod = here + [name for name, _ in inline]
            if segs[0] == "crate":
                target, rest = [], segs[1:]
            else:
                target = list(mod)
                rest = segs
                while rest and rest[0] in ("super", "self"):
                    if rest[0] == "super":
                        target = target[:-1]
                    rest = rest[1:]
            resolved = file_of(src, target + rest)
            if resolved is not None and resolved != file:
                deps.add(resolved)
    return deps


def cycles(graph: dict[Path, set[Path]]) -> list[list[Path]]:
    """The strongly connected components with more than one file (Tarjan, iterative)."""
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    on_stack: set[Path] = set()
    stack: list[Path] = []
    out = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def shortest_cycle(graph: dict[Path, set[Path]], comp: list[Path]) -> list[Path]:
    """One shortest cycle through the component's first file (breadth-first)."""
    members = set(comp)
    start = comp[0]
    prev: dict[Path, Path] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & members):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return comp


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = Path(args[0] if args else Path(__file__).resolve().parent.parent / "src")
    skip_tests = "--skip-tests" in sys.argv
    files = sorted(p for p in src.rglob("*.rs") if p.is_file())
    graph = {f: dependencies(src, f, skip_tests) for f in files}
    for arg in sys.argv[1:]:
        if arg.startswith("--drop-edge="):
            a, b = arg.split("=", 1)[1].split(":")
            # An allowance that names no dependency is stale: say so, so it gets removed.
            if src / b not in graph.get(src / a, set()):
                print(f"{arg}: {a} does not depend on {b} (remove the argument)", file=sys.stderr)
                return 2
            graph[src / a].discard(src / b)
    if "--graph" in sys.argv:
        for f in files:
            print(f"{f.relative_to(src)} -> {', '.join(str(d.relative_to(src)) for d in sorted(graph[f]))}")
    found = cycles(graph)
    for comp in found:
        cycle = shortest_cycle(graph, comp)
        rel = [str(p.relative_to(src)) for p in cycle]
        others = [str(p.relative_to(src)) for p in comp if p not in cycle]
        extra = f" (component also holds {', '.join(others)})" if others else ""
        print(f"cycle: {' -> '.join(rel)}{extra}")
    print(f"{len(files)} files, {sum(len(d) for d in graph.values())} dependencies, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
