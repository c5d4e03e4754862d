#!/usr/bin/env python3
"""Validates the boilerplate widget library in testdata/widgets/ (format: its README.md).

Run from the repository root with no arguments: `python3 scripts/check-widgets.py`.
Checks every widget file (keys and types, kind = folder, style = file-name prefix, known
placements, every `must_not` string present in the fragment's visible text), the library's
shape (number of widgets and kinds, styles per kind, held-out share spread over kinds) and the
host pages (the four insertion markers, the body lines in their sidecar). Prints one line per
problem and exits 1 when there is any; prints a summary table either way.
"""
import html.parser
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "testdata" / "widgets"

KINDS = [
    "ad", "related", "newsletter", "podcast", "app-promo", "social-follow", "video",
    "document-viewer", "comments", "author-card", "tag-cloud", "most-read", "consent",
    "paywall", "event-promo", "share-tools", "breadcrumbs", "pagination", "gallery",
]
STYLES = ["legacy", "bem", "utility", "custom-element", "bare", "aria"]
PLACEMENTS = ["before", "inside", "between", "after"]
KEYS = {"kind", "style", "placement", "held_out", "description", "html", "must_not"}

MIN_WIDGETS = 66
MIN_KINDS = 16
MIN_STYLES_PER_KIND = 3
HELD_OUT_SHARE = (0.28, 0.40)  # "about a third"

# Elements a browser lays out inline: their text joins the neighbouring text without a gap.
# Every other element (custom elements included) separates its text from its neighbours.
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img",
    "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr",
}
# Elements whose text is never shown.
INVISIBLE = {"script", "style", "noscript", "template", "iframe", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees: text nodes outside invisible elements and `hidden` subtrees,
    with a space at every non-inline element boundary, whitespace collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.stack = []  # (tag, hides)

    def hidden_depth(self):
        return any(h for _, h in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self.parts.append(" ")
        if tag == "input" and not self.hidden_depth():
            a = dict(attrs)
            if a.get("type") in ("submit", "button") and a.get("value"):
                self.parts.append(" " + a["value"] + " ")
        if tag in VOID:
            return
        hides = tag in INVISIBLE or any(k == "hidden" for k, _ in attrs)
        self.stack.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.parts.append(" ")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.hidden_depth():
            self.parts.append(data)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def visible_text(fragment):
    p = VisibleText()
    p.feed(fragment)
    p.close()
    return normalise("".join(p.parts))


def load_widgets(problems):
    widgets = []
    for path in sorted(LIBRARY.glob("*/*.toml")):
        if path.parent.name == "hosts":
            continue
        rel = path.relative_to(ROOT)
        try:
            w = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            problems.append(f"{rel}: not valid TOML: {e}")
            continue
        w["_path"] = rel
        keys = set(w) - {"_path"}
        if keys != KEYS:
            missing, extra = sorted(KEYS - keys), sorted(keys - KEYS)
            problems.append(f"{rel}: keys: missing {missing}, unknown {extra}")
            continue
        m = re.fullmatch(r"(?P<style>[a-z-]+)-(?P<n>[0-9]+)\.toml", path.name)
        if w["kind"] not in KINDS:
            problems.append(f"{rel}: unknown kind {w['kind']!r}")
        if w["kind"] != path.parent.name:
            problems.append(f"{rel}: kind {w['kind']!r} is not its folder {path.parent.name!r}")
        if w["style"] not in STYLES:
            problems.append(f"{rel}: unknown style {w['style']!r}")
        if not m or m["style"] != w["style"]:
            problems.append(f"{rel}: file name must be <style>-<n>.toml with style {w['style']!r}")
        if (not isinstance(w["placement"], list) or not w["placement"]
                or any(p not in PLACEMENTS for p in w["placement"])
                or len(set(w["placement"])) != len(w["placement"])):
            problems.append(f"{rel}: placement must be a non-empty list of {PLACEMENTS}")
        if not isinstance(w["held_out"], bool):
            problems.append(f"{rel}: held_out must be true or false")
        if not isinstance(w["description"], str) or len(w["description"]) < 20:
            problems.append(f"{rel}: description too short")
        if not isinstance(w["html"], str) or "<" not in w["html"]:
            problems.append(f"{rel}: html is not a fragment")
            continue
        must_not = w["must_not"]
        if not isinstance(must_not, list) or not must_not or not all(isinstance(s, str) and s.strip() for s in must_not):
            problems.append(f"{rel}: must_not must be a non-empty list of strings")
            continue
        if len(set(must_not)) != len(must_not):
            problems.append(f"{rel}: must_not has duplicates")
        text = visible_text(w["html"])
        for s in must_not:
            if normalise(s) != s:
                problems.append(f"{rel}: must_not {s!r} is not whitespace-normalised")
            elif s not in text:
                problems.append(f"{rel}: must_not {s!r} is not in the visible text")
        w["_text"] = text
        widgets.append(w)
    return widgets


def check_library(widgets, problems):
    by_kind = {}
    for w in widgets:
        by_kind.setdefault(w["kind"], []).append(w)
    if len(widgets) < MIN_WIDGETS:
        problems.append(f"library: {len(widgets)} widgets, at least {MIN_WIDGETS} wanted")
    if len(by_kind) < MIN_KINDS:
        problems.append(f"library: {len(by_kind)} kinds, at least {MIN_KINDS} wanted")
    for kind in KINDS:
        ws = by_kind.get(kind, [])
        styles = {w["style"] for w in ws}
        if len(styles) < MIN_STYLES_PER_KIND:
            problems.append(f"kind {kind}: {len(styles)} styles ({sorted(styles)}), at least {MIN_STYLES_PER_KIND} wanted")
        if ws and not any(w["held_out"] for w in ws):
            problems.append(f"kind {kind}: no held-out widget")
        if ws and all(w["held_out"] for w in ws):
            problems.append(f"kind {kind}: every widget is held out")
    held = sum(w["held_out"] for w in widgets)
    if widgets:
        share = held / len(widgets)
        lo, hi = HELD_OUT_SHARE
        if not lo <= share <= hi:
            problems.append(f"library: held-out share {share:.2f}, wanted {lo:.2f}..{hi:.2f}")
    held_styles = {w["style"] for w in widgets if w["held_out"]}
    for style in STYLES:
        if style not in held_styles:
            problems.append(f"style {style}: no held-out widget")
    return by_kind, held


def check_hosts(problems):
    hosts = sorted((LIBRARY / "hosts").glob("*.html"))
    if len(hosts) < 2:
        problems.append(f"hosts: {len(hosts)} host pages, at least 2 wanted")
    for page in hosts:
        rel = page.relative_to(ROOT)
        side = page.with_suffix(".toml")
        if not side.exists():
            problems.append(f"{rel}: no sidecar {side.name}")
            continue
        spec = tomllib.loads(side.read_text("utf-8"))
        markup = page.read_text("utf-8")
        for p in PLACEMENTS:
            n = markup.count(f"<!--WIDGET:{p}-->")
            if n != 1:
                problems.append(f"{rel}: marker <!--WIDGET:{p}--> found {n} times, once wanted")
        body = spec.get("body", [])
        if len(body) < 3:
            problems.append(f"{side.relative_to(ROOT)}: body must list at least 3 of the page's own paragraphs")
        text = visible_text(markup)
        for s in body:
            if s not in text:
                problems.append(f"{side.relative_to(ROOT)}: body line not in the page: {s[:60]!r}")
    return hosts


def main():
    problems = []
    widgets = load_widgets(problems)
    by_kind, held = check_library(widgets, problems)
    hosts = check_hosts(problems)
    print(f"{'kind':<16} {'widgets':>7} {'held':>4}  styles")
    for kind in KINDS:
        ws = by_kind.get(kind, [])
        styles = sorted({w["style"] for w in ws}, key=STYLES.index)
        print(f"{kind:<16} {len(ws):>7} {sum(w['held_out'] for w in ws):>4}  {', '.join(styles)}")
    print(f"{'total':<16} {len(widgets):>7} {held:>4}  {len({w['style'] for w in widgets})} styles, "
          f"{len(by_kind)} kinds, {len(hosts)} host pages")
    for p in problems:
        print("PROBLEM " + p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
