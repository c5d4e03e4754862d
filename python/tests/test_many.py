"""Extractor.extract_many: input order, page forms, laziness, flat memory, threads."""

import threading

import pytest

import pith
from conftest import article_page


def titles(records):
    return [r["title"] if r["status"] == "ok" else r["error"]["kind"] for r in records]


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_records_come_back_in_input_order(threads):
    pages = [(article_page(f"Story number {i}"), f"https://news.example.org/{i}") for i in range(60)]
    records = list(pith.Extractor().extract_many(pages, threads=threads))
    assert titles(records) == [f"Story number {i}" for i in range(60)]
    assert [r["input"] for r in records] == [f"https://news.example.org/{i}" for i in range(60)]


def test_the_same_records_as_one_at_a_time(fixtures):
    extractor = pith.Extractor()
    one_by_one = [extractor.extract(html, url) for html, url in fixtures]
    assert list(extractor.extract_many(fixtures, threads=2)) == one_by_one


def test_page_forms_and_inputs():
    page = article_page("A story")
    records = list(
        pith.Extractor().extract_many(
            [
                (page, None),
                [page.encode(), "https://news.example.org/a"],
                {"html": page, "url": "https://news.example.org/b", "id": "doc-7"},
                {"html": page.encode(), "id": 8},
                page,
                b"",
            ],
            threads=2,
        )
    )
    assert [r["input"] for r in records] == ["-", "https://news.example.org/a", "doc-7", "8", "-", "-"]
    assert titles(records) == ["A story"] * 5 + ["empty"]


def test_formats():
    page = article_page("A story")
    out = list(pith.Extractor().extract_many([page, b""], format="markdown"))
    assert out[0].startswith("# A story\n")
    assert out[1]["error"]["kind"] == "empty"
    assert list(pith.Extractor().extract_many([page], format="jsonl")) == [pith.extract(page, format="jsonl")]


@pytest.mark.parametrize(
    "item, message",
    [
        (42, "page 1: html must be bytes or str, not int"),
        ({"url": "https://news.example.org/x"}, 'page 1: a page dict needs an "html" key'),
        (("<p>x</p>", "u", "extra"), "page 1: a page pair is (html, url), but it has 3 items"),
        (("<p>x</p>", 5), "page 1: url must be a str or None"),
        ({"html": "<p>x</p>", "id": 1.5}, "page 1: id must be a str, an int or None"),
    ],
)
def test_a_bad_page_item_raises_value_error(item, message):
    records = pith.Extractor().extract_many([article_page("First"), item, article_page("Third")], threads=1)
    with pytest.raises(ValueError) as e:
        list(records)
    assert message in str(e.value)


def test_not_an_iterable_raises_value_error():
    with pytest.raises(ValueError, match="pages must be an iterable of pages, not int"):
        pith.Extractor().extract_many(3)


def test_an_exception_of_the_input_goes_up_as_is():
    def pages():
        yield article_page("First")
        raise KeyError("the input broke")

    records = pith.Extractor().extract_many(pages(), threads=2)
    with pytest.raises(KeyError, match="the input broke"):
        list(records)
    assert list(records) == []


def test_pages_are_read_a_window_ahead_not_all_at_once():
    read = []

    def pages():
        for i in range(1000):
            read.append(i)
            yield article_page(f"Story {i}")

    records = pith.Extractor().extract_many(pages(), threads=2)
    first = next(records)
    assert first["title"] == "Story 0"
    assert len(read) <= 1 + 2 * 4, f"{len(read)} pages read for one record"


def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    pytest.skip("no /proc/self/status")


def test_a_thousand_pages_in_flat_memory(fixtures):
    # Each page a fixture with a unique comment, generated on the fly: memory must follow the
    # pages in flight, not the pages done.
    def pages(n):
        for i in range(n):
            html, url = fixtures[i % len(fixtures)]
            yield {"html": html + f"<!-- copy {i} -->".encode(), "url": url, "id": i}

    extractor = pith.Extractor()
    done = 0
    after_warm_up = None
    for record in extractor.extract_many(pages(1000), threads=2):
        assert record["input"] == str(done) and record["status"] == "ok"
        done += 1
        if done == 200:
            after_warm_up = rss_kib()
    growth_mib = (rss_kib() - after_warm_up) / 1024
    assert done == 1000
    assert growth_mib < 40, f"RSS grew {growth_mib:.1f} MiB over 800 pages"


def test_two_python_threads_at_once_on_one_extractor():
    extractor = pith.Extractor()
    results = {}

    def run(name):
        pages = [(article_page(f"{name} story {i}"), None) for i in range(80)]
        results[name] = titles(extractor.extract_many(pages, threads=2))

    workers = [threading.Thread(target=run, args=(name,)) for name in ("left", "right")]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for name in ("left", "right"):
        assert results[name] == [f"{name} story {i}" for i in range(80)]


def os_threads():
    import os

    return len(os.listdir("/proc/self/task"))


def test_a_generator_dropped_early_lets_its_threads_go():
    import time

    before = os_threads()
    extractor = pith.Extractor()
    for _ in range(10):
        records = extractor.extract_many((article_page(f"S {i}") for i in range(100)), threads=4)
        assert next(records)["title"] == "S 0"
        del records
    # Each worker ends after its current page; give them a moment.
    for _ in range(100):
        if os_threads() <= before:
            break
        time.sleep(0.05)
    assert os_threads() <= before, f"{os_threads() - before} worker threads still running"
