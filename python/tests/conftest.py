"""Shared pages for the tests: the repository's ISMG fixtures (saved pages, each with the URL
it was saved from) and small pages written here."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "testdata" / "ismg"


def article_page(title: str, paragraphs: int = 3, charset: str = "utf-8") -> str:
    """A small news page whose article is `paragraphs` paragraphs under `title`."""
    body = "".join(
        f"<p>Paragraph {i} of the story called {title}: the council met on Tuesday and agreed "
        f"the new budget for the harbour after a long debate about ferries and fees.</p>"
        for i in range(paragraphs)
    )
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title} | The Gazette</title></head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright The Gazette</footer></body></html>"
    )


@pytest.fixture(scope="session")
def fixtures():
    """(html bytes, url) of every ISMG fixture page, in name order."""
    pages = []
    for html in sorted(FIXTURES.glob("*.html")):
        toml = html.with_suffix(".toml")
        url = None
        if toml.exists():
            m = re.search(r'^url = "([^"]+)"', toml.read_text(), re.M)
            url = m.group(1) if m else None
        pages.append((html.read_bytes(), url))
    assert len(pages) >= 10, "the ISMG fixtures are missing"
    return pages
