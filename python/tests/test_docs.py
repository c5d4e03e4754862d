"""The examples of docs/python.md run: every ```python block, except those the text before
it marks *Not run here*, in a fresh interpreter from the repository root."""

import importlib.util
import re
import subprocess
import sys

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python.md"


def examples():
    text = DOC.read_text()
    found, last_end = [], 0
    for m in re.finditer(r"^```python\n(.*?)^```$", text, re.S | re.M):
        before = text[last_end : m.start()]
        last_end = m.end()
        if "*Not run here*" not in before:
            line = text.count("\n", 0, m.start()) + 1
            found.append(pytest.param(m.group(1), id=f"line-{line}"))
    return found


def test_the_doc_has_examples_to_run():
    assert len(examples()) >= 4


@pytest.mark.parametrize("code", examples())
def test_example_runs(code):
    for module in re.findall(r"^import (\w+)", code, re.M):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the example prints nothing"
