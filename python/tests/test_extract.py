"""pith.extract and Extractor.extract: records, formats, text and bytes, encodings, errors."""

import json
import re

import pytest

import pith
from conftest import REPO, article_page

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(pith.schema())


def test_version_is_the_workspace_version():
    cargo = (REPO / "Cargo.toml").read_text()
    version = re.search(r'\[workspace\.package\]\s*version = "([^"]+)"', cargo).group(1)
    assert pith.__version__ == version


def test_schema_is_the_repository_schema():
    assert pith.schema() == json.loads((REPO / "schema" / "article.schema.json").read_text())


def test_every_fixture_gives_an_article_that_fits_the_schema(fixtures, validator):
    for html, url in fixtures:
        record = pith.extract(html, url)
        validator.validate(record)
        assert record["status"] == "ok", record.get("error")
        assert record["input"] == (url or "-")
        assert record["title"] and record["text"]


def test_an_article_has_the_contract_fields(validator):
    record = pith.extract(article_page("Ferry timetable changes"), "https://news.example.org/ferry")
    validator.validate(record)
    assert record["schema_version"] == 1
    assert record["title"] == "Ferry timetable changes"
    assert record["url"] == "https://news.example.org/ferry"
    assert record["text"].startswith("Paragraph 0 of the story")
    assert [b["kind"] for b in record["blocks"]] == ["paragraph"] * 3
    assert record["authors"] == [] and "published_date" in record


def test_the_record_is_the_json_of_the_other_formats():
    page = article_page("Harbour budget agreed")
    record = pith.extract(page)
    assert json.loads(pith.extract(page, format="json")) == record
    line = pith.extract(page, format="jsonl")
    assert "\n" not in line and json.loads(line) == record


def test_document_formats():
    page = article_page("Harbour budget agreed")
    markdown = pith.extract(page, format="markdown")
    assert markdown.startswith("# Harbour budget agreed\n")
    assert "Paragraph 2 of the story" in markdown
    text = pith.extract(page, format="text")
    assert text.startswith("Harbour budget agreed\n\nParagraph 0")
    html = pith.extract(page, format="html")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html


def test_explain_says_what_was_removed_and_where_fields_came_from():
    page = article_page("Harbour budget agreed")
    plain = pith.extract(page)
    explained = pith.extract(page, explain=True)
    assert plain["removed"] is None and plain["sources"] is None
    assert explained["sources"]["title"] == "h1"
    assert {"kind": "navigation", "rule": "chrome-element", "text": "Home News"} in explained["removed"]
    assert explained["text"] == plain["text"]


def test_bytes_str_and_bytearray_give_the_same_record():
    page = article_page("Café owners welcome the new timetable")
    from_str = pith.extract(page)
    assert from_str["title"] == "Café owners welcome the new timetable"
    assert pith.extract(page.encode()) == from_str
    assert pith.extract(bytearray(page.encode())) == from_str


def test_bytes_are_decoded_by_their_declared_charset():
    page = article_page("Café und Straße: Überblick", charset="windows-1252")
    record = pith.extract(page.encode("cp1252"))
    assert record["title"] == "Café und Straße: Überblick"
    record = pith.extract(article_page("東京の港", charset="shift_jis").encode("shift_jis"))
    assert record["title"] == "東京の港"


def test_text_is_read_as_text_whatever_charset_it_declares():
    # The page says ISO-8859-1, but it is a str already: its UTF-8 must not be read as Latin-1.
    record = pith.extract(article_page("Café Überblick", charset="iso-8859-1"))
    assert record["title"] == "Café Überblick"


def test_a_page_without_an_article_is_an_error_record_not_an_exception(validator):
    for page, kind in [(b"", "empty"), ("   ", "empty"), (b"\x00\x01\x02\xff" * 100, None)]:
        record = pith.extract(page)
        validator.validate(record)
        assert record["status"] == "error"
        assert record["input"] == "-"
        if kind:
            assert record["error"]["kind"] == kind
    # A document format has no way to say why: the error record comes back as a dict.
    assert pith.extract(b"", format="markdown")["error"]["kind"] == "empty"
    assert json.loads(pith.extract(b"", format="json"))["status"] == "error"


def test_limits_give_error_records():
    page = article_page("Harbour budget agreed", paragraphs=50)
    assert pith.Extractor(max_nodes=10).extract(page)["error"]["kind"] == "too_large"
    assert pith.Extractor(max_bytes=100).extract(page)["error"]["kind"] == "too_large"
    deep = "<div>" * 3000 + "<p>deep</p>"
    assert pith.Extractor(max_depth=100).extract(deep)["error"]["kind"] == "too_large"
    assert pith.Extractor(time_budget_ms=0).extract(page)["status"] == "ok"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: pith.extract(b"<p>x</p>", format="yaml"), 'unknown format "yaml"'),
        (lambda: pith.extract(42), "html must be bytes or str, not int"),
        (lambda: pith.extract(b"<p>x</p>", "example.com/x"), "is not an absolute http(s) URL (it is not absolute)"),
        (lambda: pith.extract(b"<p>x</p>", "ftp://example.com/x"), 'its scheme is "ftp"'),
        (lambda: pith.Extractor(max_nodes=0), "max_nodes must be at least 1, got 0"),
        (lambda: pith.Extractor(time_budget_ms=-1), "time_budget_ms must be 0 (none) or more"),
        (lambda: pith.Extractor(config="x", config_path="y"), "not both"),
        (lambda: pith.Extractor(config_path="/nonexistent/pith.toml"), "cannot read config /nonexistent/pith.toml: "),
        (lambda: pith.Extractor().extract_many([], threads=0), "threads must be between 1 and 1024, got 0"),
    ],
)
def test_bad_arguments_raise_value_error(call, message):
    with pytest.raises(ValueError) as e:
        call()
    assert message in str(e.value)


BAD_PROFILE = """
[[profile]]
name = "gazette"
hosts = ['(^|\\.)gazette\\.example$']
[profile.title]
selectors = ["h1..headline"]
"""


def test_a_bad_config_raises_value_error_naming_the_key(tmp_path):
    with pytest.raises(ValueError, match=r"^bad config: profile\[\d+\]\.title"):
        pith.extract(b"<p>x</p>", config=BAD_PROFILE)
    path = tmp_path / "bad.toml"
    path.write_text(BAD_PROFILE)
    with pytest.raises(ValueError, match=rf"^bad config {re.escape(str(path))}: profile\[\d+\]\.title"):
        pith.Extractor(config_path=str(path))
    with pytest.raises(ValueError, match="^bad config: "):
        pith.Extractor(config="[[profile]\nname=")


def test_a_config_adds_a_site_profile(tmp_path):
    profile = BAD_PROFILE.replace("h1..headline", "h2.real-headline")
    page = article_page("Generic title").replace(
        "<article>", '<article><h2 class="real-headline">The real headline</h2>'
    )
    url = "https://www.gazette.example/news/1"
    assert pith.extract(page, url)["profile"] != "gazette"
    record = pith.extract(page, url, config=profile)
    assert (record["profile"], record["title"]) == ("gazette", "The real headline")
    path = tmp_path / "gazette.toml"
    path.write_text(profile)
    assert pith.Extractor(config_path=str(path)).extract(page, url)["title"] == "The real headline"
