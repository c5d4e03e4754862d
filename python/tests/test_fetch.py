"""pith.fetch against a loopback HTTP server the test starts (allow_private=True)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import pith
from conftest import article_page


class Site(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/robots.txt":
            self.reply(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif self.path.startswith("/story/"):
            n = self.path.rsplit("/", 1)[1]
            self.reply(200, "text/html; charset=utf-8", article_page(f"Loopback story {n}").encode())
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story/moved")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/picture":
            self.reply(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif self.path.startswith("/private/"):
            self.reply(200, "text/html", article_page("Private").encode())
        else:
            self.reply(404, "text/html", b"<p>not here</p>")

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_yields_one_record_per_url_in_order(site):
    urls = [
        f"{site}/story/1",
        f"{site}/missing",
        f"{site}/moved",
        f"{site}/private/secret",
        f"{site}/picture",
        "not a url",
        f"{site}/story/2",
    ]
    records = list(pith.fetch(urls, allow_private=True, rate=200))
    assert [r["input"] for r in records] == urls
    outcome = [r["title"] if r["status"] == "ok" else r["error"]["kind"] for r in records]
    assert outcome == [
        "Loopback story 1",
        "http_status",
        "Loopback story moved",
        "robots_denied",
        "not_html",
        "invalid_input",
        "Loopback story 2",
    ]
    assert records[1]["error"]["status"] == 404
    assert records[2]["url"] == f"{site}/story/moved"
    source = records[0]["source"]
    assert source["fetched_at"] and source["http_status"] == 200 and source["content_type"].startswith("text/html")


def test_private_addresses_are_refused_unless_allowed(site):
    (record,) = pith.fetch([f"{site}/story/1"])
    assert record["status"] == "error" and record["error"]["kind"] == "blocked"


def test_one_url_formats_and_robots_off(site):
    (text,) = pith.fetch(f"{site}/story/3", allow_private=True, format="text")
    assert text.startswith("Loopback story 3\n\n")
    (record,) = pith.fetch([f"{site}/private/x"], allow_private=True, robots=False)
    assert record["title"] == "Private"


def test_a_generator_dropped_early_stops_the_run(site):
    records = pith.fetch([f"{site}/story/{i}" for i in range(50)], allow_private=True, rate=200)
    assert next(records)["title"] == "Loopback story 0"
    del records


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rate": 0}, "rate must be a number of requests per second above 0"),
        ({"concurrency": 0}, "concurrency must be at least 1"),
        ({"timeout": -1.0}, "timeout must be a number of seconds above 0"),
        ({"format": "csv"}, 'unknown format "csv"'),
        ({"config": "[fetch]\nrate = 'fast'"}, "bad config: "),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, message):
    with pytest.raises(ValueError) as e:
        pith.fetch(["http://127.0.0.1:9/"], **kwargs)
    assert message in str(e.value)


def test_urls_must_be_strings():
    with pytest.raises(ValueError, match="urls must be a str or an iterable of str"):
        pith.fetch([b"http://127.0.0.1/"])
