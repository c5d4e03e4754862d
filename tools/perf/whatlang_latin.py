#!/usr/bin/env python3
"""Writes src/fields/language_detect_latin.txt from a whatlang source tree.

Usage: tools/perf/whatlang_latin.py WHATLANG_SRC_DIR > src/fields/language_detect_latin.txt

whatlang keeps its trigram profiles and alphabets private; `fields::language_detect` carries
this copy of the Latin-script ones (one line a language, in the order of
`Script::Latin.langs()`: ISO 639-3 code, alphabet, the 300 profile trigrams of three
characters each, separated by tabs). Re-run it when the whatlang dependency changes version;
the test `fields::language_detect::tests` proves the copy against `whatlang::detect`.
"""
import re
import sys
from pathlib import Path

src = Path(sys.argv[1])
mapping = (src / "scripts/lang_mapping.rs").read_text()
order = re.findall(r"Lang::(\w+)", mapping.split("const LATIN_LANGS")[1].split("];")[0])

profiles_rs = (src / "trigrams/profiles.rs").read_text()
latin = profiles_rs.split("pub static LATIN_LANGS")[1].split("pub static CYRILLIC_LANGS")[0]
profiles = {}
for block in re.split(r"\(\s*Lang::", latin)[1:]:
    name = re.match(r"(\w+)", block).group(1)
    trigrams = re.findall(r"Trigram\('(.)', '(.)', '(.)'\)", block)
    assert len(trigrams) == 300, (name, len(trigrams))
    profiles[name] = "".join(a + b + c for a, b, c in trigrams)

latin_rs = (src / "alphabets/latin.rs").read_text()
alphabets = {k.capitalize(): v for k, v in re.findall(r'const ([A-Z]{3}): &str =\s*"([^"]*)";', latin_rs)}

assert sorted(order) == sorted(profiles) == sorted(alphabets), "language sets differ"
for name in order:
    a, p = alphabets[name], profiles[name]
    assert "\t" not in a + p and "\n" not in a + p
    print(f"{name.lower()}\t{a}\t{p}")
