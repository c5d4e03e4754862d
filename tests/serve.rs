//! `pith serve` over loopback: every route, status, limit and error, with the service running
//! in-process on a free port (its own thread and runtime) and a raw HTTP/1.1 client (so that
//! tests control every byte and every pause), plus reqwest as an ordinary client, and the
//! binary itself started and stopped with SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use pith::serve::{ServeOptions, Server, TestHook};
use serde_json::Value;

use crate::http_server::{self, Reply};

const ARTICLE: &str = r#"<html><head><title>Harbour news</title></head><body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article><h1>Ferry timetable changes</h1><p class="by">By Morag Finlay</p>
  <p>The island ferry will run four crossings a day from November, the harbour board said.</p>
  <p>The change follows a fall in winter passenger numbers and will be reviewed in March.</p>
  </article></body></html>"#;

/// The service on a free loopback port, stopped when dropped.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<std::io::Result<()>>>,
}

fn options() -> ServeOptions {
    let mut o = ServeOptions::default();
    o.listen = "127.0.0.1:0".parse().unwrap();
    o.max_in_flight = 2;
    o.read_timeout = Duration::from_secs(5);
    o.fetch.retries = 0;
    o.fetch.timeout = Duration::from_secs(5);
    o
}

/// A hook that sleeps on pages holding `SLOW` and panics on pages holding `PANIC`.
fn hook(slow: Duration) -> Option<TestHook> {
    Some(TestHook(Arc::new(move |page: &[u8]| {
        let has = |m: &[u8]| page.windows(m.len()).any(|w| w == m);
        if has(b"SLOW") {
            thread::sleep(slow);
        }
        if has(b"PANIC") {
            panic!("a page that panics");
        }
    })))
}

/// The service with [`options`] as `change` leaves them.
fn start_with(change: impl FnOnce(&mut ServeOptions)) -> Running {
    let mut o = options();
    change(&mut o);
    start(o)
}

/// A service that extracts one page at a time with `queue` requests waiting; a page holding
/// `SLOW` takes `slow`.
fn one_at_a_time(queue: usize, slow: Duration) -> Running {
    start_with(|o| {
        o.max_in_flight = 1;
        o.queue = Some(queue);
        o.test_hook = hook(slow);
    })
}

fn start(opts: ServeOptions) -> Running {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let result = rt.block_on(async move {
            let server = Server::bind(opts, pith::Extractor::default()).await?;
            addr_tx.send(server.local_addr()?).unwrap();
            server
                .run(async move {
                    let _ = stop_rx.await;
                })
                .await
        });
        // As `pith serve` does: extractions still running after the grace period are not
        // waited for.
        rt.shutdown_timeout(Duration::from_millis(100));
        result
    });
    let addr = addr_rx.recv_timeout(Duration::from_secs(10)).expect("the server starts");
    Running { addr, stop: Some(stop_tx), thread: Some(thread) }
}

impl Running {
    /// Starts shutdown and waits for `run` to return; the time that took.
    fn stop(mut self) -> Duration {
        let started = Instant::now();
        let _ = self.stop.take().unwrap().send(());
        self.thread.take().unwrap().join().unwrap().unwrap();
        started.elapsed()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A response as read off the wire.
#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn lines(&self) -> Vec<Value> {
        self.text().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }
}

/// A new connection that has sent `bytes` as they are (reads on it give up after 30 s).
fn send_raw(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(bytes).unwrap();
    s
}

/// One request on a new connection (`Connection: close`); the whole response.
fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length") || k.eq_ignore_ascii_case("transfer-encoding"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    read_response(&mut BufReader::new(send_raw(addr, &[head.as_bytes(), body].concat())))
}

/// `/v1/extract?url=PAGE`, the page's URL encoded.
fn extract_path(page: &str) -> String {
    format!("/v1/extract?url={}", url::form_urlencoded::byte_serialize(page.as_bytes()).collect::<String>())
}

fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> Resp {
    request(addr, "POST", path, &[("Content-Type", content_type)], body)
}

fn read_response(r: &mut impl BufRead) -> Resp {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).unwrap_or_else(|| panic!("no status line: {line:?}")).parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').unwrap();
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let has = |k: &str, v: &str| {
        headers.iter().any(|(hk, hv): &(String, String)| hk.eq_ignore_ascii_case(k) && hv.eq_ignore_ascii_case(v))
    };
    let mut body = Vec::new();
    if has("transfer-encoding", "chunked") {
        loop {
            line.clear();
            r.read_line(&mut line).unwrap();
            let size = usize::from_str_radix(line.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            r.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some((_, n)) = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
        body.resize(n.parse().unwrap(), 0);
        r.read_exact(&mut body).unwrap();
    } else {
        r.read_to_end(&mut body).unwrap();
    }
    Resp { status, headers, body }
}

#[test]
fn a_posted_page_gives_its_article() {
    let server = start(options());
    let r = post(
        server.addr,
        "/v1/extract?url=https%3A%2F%2Fnews.example.org%2Fferry",
        "text/html; charset=utf-8",
        ARTICLE.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("pith-status"), Some("ok"));
    assert!(r.header("x-request-id").is_some_and(|id| !id.is_empty()));
    let a = r.json();
    assert_eq!(a["status"], "ok");
    assert_eq!(a["title"], "Ferry timetable changes");
    assert_eq!(a["input"], "https://news.example.org/ferry");
    assert_eq!(a["url"], "https://news.example.org/ferry");
    // Without a URL, `input` is `-`; a request id the client sent comes back.
    let r = request(
        server.addr,
        "POST",
        "/v1/extract",
        &[("Content-Type", "text/html"), ("X-Request-Id", "abc-123")],
        ARTICLE.as_bytes(),
    );
    assert_eq!((r.json()["input"].as_str(), r.header("x-request-id")), (Some("-"), Some("abc-123")));
    // The charset of the content type decodes the bytes.
    let latin1 = b"<html><body><article><h1>Caf\xe9 news</h1><p>The caf\xe9 on the harbour opens again in spring after a long winter closure, its owners said on Monday.</p></article></body></html>";
    let r = post(server.addr, "/v1/extract", "text/html; charset=iso-8859-1", latin1);
    assert_eq!(r.json()["title"], "Café news");
}

#[test]
fn a_page_as_json_and_every_format() {
    let server = start(options());
    let body = serde_json::json!({"html": ARTICLE, "url": "https://news.example.org/ferry", "other": 1}).to_string();
    let r = post(server.addr, "/v1/extract", "application/json", body.as_bytes());
    assert_eq!((r.status, r.json()["input"].as_str()), (200, Some("https://news.example.org/ferry")));
    assert!(r.json()["text"].as_str().unwrap().starts_with("The island ferry"));
    for (format, content_type, starts) in [
        ("markdown", "text/markdown; charset=utf-8", "# Ferry timetable changes"),
        ("text", "text/plain; charset=utf-8", "Ferry timetable changes\n\nThe island ferry"),
        ("html", "text/html; charset=utf-8", "<!DOCTYPE html>"),
    ] {
        let r = post(server.addr, &format!("/v1/extract?format={format}"), "text/html", ARTICLE.as_bytes());
        assert_eq!((r.status, r.header("content-type")), (200, Some(content_type)), "{format}");
        assert!(r.text().starts_with(starts), "{format}: {}", r.text());
    }
    let r = post(server.addr, "/v1/extract?format=markdown&front-matter=true", "text/html", ARTICLE.as_bytes());
    assert!(r.text().starts_with("---\ntitle: \"Ferry timetable changes\""), "{}", r.text());
    let r = post(server.addr, "/v1/extract?explain=true", "text/html", ARTICLE.as_bytes());
    assert!(r.json()["removed"].is_array() && r.json()["sources"].is_object(), "{}", r.text());
    // A page that gives no article: its error record, with 200, in JSON whatever the format.
    let r = post(server.addr, "/v1/extract?format=markdown", "text/html", b"");
    assert_eq!(
        (r.status, r.header("pith-status"), r.header("content-type")),
        (200, Some("error"), Some("application/json"))
    );
    assert_eq!((r.json()["status"].as_str(), r.json()["error"]["kind"].as_str()), (Some("error"), Some("empty")));
}

#[test]
fn malformed_requests_get_400_or_415_with_an_invalid_input_record() {
    let server = start(options());
    let kind = |r: &Resp| r.json()["error"]["kind"].as_str().map(str::to_string);
    for (path, content_type, body, status, says) in [
        ("/v1/extract", "application/json", &b"{\"html\": "[..], 400, "not {\"html\", \"url\"} JSON"),
        ("/v1/extract", "application/json", b"{\"url\": \"https://a.example/\"}", 400, "missing field `html`"),
        (
            "/v1/extract",
            "application/json",
            b"{\"html\": \"<p>x</p>\", \"url\": \"javascript:alert(1)\"}",
            400,
            "not an absolute http(s) URL",
        ),
        ("/v1/extract?url=not%20a%20url", "text/html", b"<p>x</p>", 400, "not an absolute http(s) URL"),
        ("/v1/extract?format=pdf", "text/html", b"<p>x</p>", 400, "format=\"pdf\""),
        ("/v1/extract?fromat=json", "text/html", b"<p>x</p>", 400, "unknown query parameter"),
        ("/v1/extract", "application/pdf", b"%PDF", 415, "Content-Type \"application/pdf\""),
        ("/v1/batch", "text/html", b"{}", 415, "JSON Lines"),
        ("/v1/batch?format=markdown", "application/x-ndjson", b"{}", 400, "only ?explain"),
    ] {
        let r = post(server.addr, path, content_type, body);
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert_eq!(kind(&r).as_deref(), Some("invalid_input"), "{path}");
        assert!(r.json()["error"]["message"].as_str().unwrap().contains(says), "{path}: {}", r.text());
    }
    let r = request(server.addr, "POST", "/v1/extract", &[], b"<p>x</p>");
    assert_eq!((r.status, kind(&r).as_deref()), (415, Some("invalid_input")));
    assert!(r.text().contains("no Content-Type"));
    let r = get(server.addr, "/v1/extract");
    assert_eq!((r.status, kind(&r).as_deref()), (400, Some("invalid_input")));
    assert!(r.text().contains("needs ?url="));
    // A request line and headers over 128 KiB: refused with a status, not a reset.
    let long = format!("/v1/extract?url=https://a.example/{}", "x".repeat(200_000));
    let r = get(server.addr, &long);
    assert!(matches!(r.status, 414 | 431), "{}", r.status);
    // Routes and methods that do not exist.
    assert_eq!(get(server.addr, "/v2/extract").status, 404);
    assert_eq!(get(server.addr, "/v2/extract").json()["error"], "not_found");
    assert_eq!(get(server.addr, "/v1/batch").status, 405);
    assert_eq!(request(server.addr, "DELETE", "/v1/extract", &[], b"").status, 405);
}

#[test]
fn bodies_over_the_limit_get_413_which_a_client_still_uploading_reads() {
    let server = start_with(|o| o.max_request_body = 10_000);
    let page = format!("<html><body><p>{}</p></body></html>", "a".repeat(15_000));
    // Declared too large: refused before reading, the upload drained, the status read.
    let r = post(server.addr, "/v1/extract?url=https://a.example/big", "text/html", page.as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["error"]["kind"], "too_large");
    assert_eq!(r.json()["input"], "https://a.example/big");
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("over the limit of 10000 bytes"));
    // Sent chunked (no length declared): counted while read.
    let mut chunked = Vec::new();
    for part in page.as_bytes().chunks(4000) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = request(
        server.addr,
        "POST",
        "/v1/extract",
        &[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        &chunked,
    );
    assert_eq!(r.status, 413);
    // Within the limit: fine.
    assert_eq!(post(server.addr, "/v1/extract", "text/html", &page.as_bytes()[..9_000]).status, 200);
}

#[test]
fn slow_clients_are_cut_off() {
    let server = start_with(|o| o.read_timeout = Duration::from_millis(500));
    // Headers that never end: the connection is closed.
    let mut s = send_raw(server.addr, b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n");
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert!(started.elapsed() < Duration::from_secs(5), "closed after {:?}", started.elapsed());
    // A body that stops half way: 408 with a timeout record.
    let s = send_raw(
        server.addr,
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<p>only part",
    );
    let r = read_response(&mut BufReader::new(s));
    assert_eq!(r.status, 408, "{}", r.text());
    assert_eq!(r.json()["error"]["kind"], "timeout");
    // The server is still fine.
    assert_eq!(get(server.addr, "/healthz").status, 200);
}

#[test]
fn the_token_guards_every_route_but_the_probes() {
    let server = start_with(|o| o.token = Some("s3cret".into()));
    let r = post(server.addr, "/v1/extract", "text/html", ARTICLE.as_bytes());
    assert_eq!((r.status, r.header("www-authenticate")), (401, Some("Bearer")));
    assert_eq!(r.json()["error"], "unauthorized");
    for auth in ["Bearer wrong", "Bearer s3cre", "Bearer s3cretx", "Basic s3cret", "s3cret"] {
        let r = request(server.addr, "GET", "/metrics", &[("Authorization", auth)], b"");
        assert_eq!(r.status, 401, "{auth}");
    }
    for auth in ["Bearer s3cret", "bearer s3cret"] {
        let r = request(
            server.addr,
            "POST",
            "/v1/extract",
            &[("Authorization", auth), ("Content-Type", "text/html")],
            ARTICLE.as_bytes(),
        );
        assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("ok")), "{auth}");
    }
    assert_eq!(get(server.addr, "/healthz").status, 200);
    assert_eq!(get(server.addr, "/readyz").status, 200);
    assert_eq!(get(server.addr, "/v1/schema").status, 401);
}

#[test]
fn overload_gives_only_200_or_503_with_retry_after() {
    let server = one_at_a_time(1, Duration::from_millis(600));
    let addr = server.addr;
    let slow = format!("{ARTICLE}<!-- SLOW -->");
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let slow = slow.clone();
            thread::spawn(move || post(addr, "/v1/extract", "text/html", slow.as_bytes()))
        })
        .collect();
    // While they run: not ready, and the gauges show the work.
    thread::sleep(Duration::from_millis(300));
    let ready = get(addr, "/readyz");
    let metrics = get(addr, "/metrics").text();
    let answers: Vec<Resp> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let ok = answers.iter().filter(|r| r.status == 200).count();
    let overloaded: Vec<_> = answers.iter().filter(|r| r.status == 503).collect();
    assert_eq!(ok + overloaded.len(), 8, "{:?}", answers.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(ok >= 2, "one running and one queued are served: {ok}");
    assert!(!overloaded.is_empty());
    for r in overloaded {
        assert_eq!((r.header("retry-after"), r.json()["error"].as_str()), (Some("1"), Some("overloaded")));
    }
    assert_eq!(ready.status, 503);
    assert!(metrics.contains("pith_extractions_in_flight 1\n"), "{metrics}");
    assert!(metrics.contains("pith_queue_length 1\n"), "{metrics}");
    // Afterwards: ready again, and the counters add up.
    assert_eq!(get(addr, "/readyz").status, 200);
    let metrics = get(addr, "/metrics").text();
    assert!(
        metrics.contains(&format!("pith_http_requests_total{{route=\"/v1/extract\",status=\"200\"}} {ok}\n")),
        "{metrics}"
    );
    assert!(metrics.contains("pith_http_requests_total{route=\"/v1/extract\",status=\"503\"}"), "{metrics}");
}

#[test]
fn a_posted_body_is_drained_before_a_503() {
    let server = one_at_a_time(0, Duration::from_millis(800));
    let addr = server.addr;
    let busy = thread::spawn(move || post(addr, "/v1/extract", "text/html", b"<p>SLOW</p>"));
    thread::sleep(Duration::from_millis(300));
    // A 1 MB upload to a full server: the client writes it all, then reads a 503 (no reset).
    let big = vec![b'a'; 1 << 20];
    let r = post(addr, "/v1/extract", "text/html", &big);
    assert_eq!(r.status, 503);
    assert_eq!(busy.join().unwrap().status, 200);
}

#[test]
fn a_panicking_page_is_an_internal_record_and_the_server_stays_up() {
    let server = start_with(|o| o.test_hook = hook(Duration::ZERO));
    let r = post(server.addr, "/v1/extract?url=https://a.example/p", "text/html", b"<p>PANIC</p>");
    assert_eq!((r.status, r.header("pith-status")), (200, Some("error")));
    assert_eq!(r.json()["error"]["kind"], "internal");
    assert_eq!(r.json()["input"], "https://a.example/p");
    let r = post(server.addr, "/v1/extract", "text/html", ARTICLE.as_bytes());
    assert_eq!(r.json()["status"], "ok");
    // In a batch: the line's record, with its id, and the other lines are fine.
    let body = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "a", "html": ARTICLE}),
        serde_json::json!({"id": "boom", "html": "<p>PANIC</p>"}),
        serde_json::json!({"id": "c", "html": ARTICLE}),
    );
    let lines = post(server.addr, "/v1/batch", "application/x-ndjson", body.as_bytes()).lines();
    let got: Vec<_> = lines.iter().map(|l| (l["input"].as_str().unwrap(), l["status"].as_str().unwrap())).collect();
    assert_eq!(got, [("a", "ok"), ("boom", "error"), ("c", "ok")]);
    assert_eq!(lines[1]["error"]["kind"], "internal");
}

#[test]
fn batches_keep_order_and_ids_and_limit_each_line() {
    let server = start_with(|o| {
        o.max_request_body = 4_000;
        o.max_in_flight = 2;
        o.test_hook = hook(Duration::from_millis(200));
    });
    let long = format!("<p>{}</p>", "b".repeat(6_000));
    let body = [
        serde_json::json!({"id": "slow-first", "url": "https://news.example.org/ferry", "html": format!("{ARTICLE}<!-- SLOW -->")}).to_string(),
        serde_json::json!({"id": 2, "html": ARTICLE}).to_string(),
        "{\"id\": \"broken\", \"html\": ".to_string(),
        serde_json::json!({"html": ARTICLE}).to_string(),
        serde_json::json!({"id": "too-long", "html": long}).to_string(),
        serde_json::json!({"html": long, "id": "long-tail-id"}).to_string(),
        serde_json::json!({"id": "empty", "html": ""}).to_string(),
        serde_json::json!({"id": "last", "html": ARTICLE}).to_string(),
    ]
    .join("\r\n");
    let r = post(server.addr, "/v1/batch", "application/x-ndjson", body.as_bytes());
    assert_eq!((r.status, r.header("content-type")), (200, Some("application/x-ndjson")));
    let lines = r.lines();
    let got: Vec<_> = lines
        .iter()
        .map(|l| {
            (l["input"].as_str().unwrap(), l["status"].as_str().unwrap(), l["error"]["kind"].as_str().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("slow-first", "ok", ""),
            ("2", "ok", ""),
            ("broken", "error", "invalid_input"),
            ("4", "error", "invalid_input"),
            ("too-long", "error", "too_large"),
            ("long-tail-id", "error", "too_large"),
            ("empty", "error", "empty"),
            ("last", "ok", ""),
        ]
    );
    assert_eq!(lines[0]["url"], "https://news.example.org/ferry");
    // text/plain and application/jsonl are JSON Lines too; an empty body gives no lines.
    let one = serde_json::json!({"id": "x", "html": ARTICLE}).to_string();
    for ct in ["text/plain", "application/jsonl"] {
        let r = post(server.addr, "/v1/batch?explain=true", ct, one.as_bytes());
        assert_eq!(r.lines().len(), 1, "{ct}");
        assert!(r.lines()[0]["removed"].is_array());
    }
    assert_eq!(post(server.addr, "/v1/batch", "application/x-ndjson", b"").body, b"");
}

#[test]
fn urls_are_fetched_through_the_address_policy() {
    let site = http_server::Server::start(|req| match req.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/story" => Reply::html(ARTICLE),
        _ => Reply::status(404),
    });
    let page = site.url("/story");
    let path = extract_path(&page);
    // By default a loopback address is refused: a `blocked` record, and the site never asked.
    let server = start(options());
    let r = get(server.addr, &path);
    assert_eq!((r.status, r.json()["error"]["kind"].as_str()), (200, Some("blocked")), "{}", r.text());
    assert_eq!(r.json()["input"], page.as_str());
    assert_eq!(site.count("/story"), 0);
    assert!(get(server.addr, "/metrics").text().contains("pith_fetches_total{outcome=\"blocked\"} 1\n"));
    drop(server);
    // With allow_private (`--allow-private`): fetched, robots.txt asked once for two requests.
    let server = start_with(|o| {
        o.fetch.allow_private = true;
        o.fetch.rate = 100.0;
    });
    for _ in 0..2 {
        let r = get(server.addr, &format!("{path}&format=text"));
        assert_eq!(r.status, 200);
        assert!(r.text().starts_with("Ferry timetable changes"), "{}", r.text());
    }
    assert_eq!(site.count("/robots.txt"), 1, "the robots.txt cache is shared across requests");
    let r = get(server.addr, &extract_path(&site.url("/gone")));
    assert_eq!(
        (r.status, r.json()["error"]["kind"].as_str(), r.json()["error"]["status"].as_u64()),
        (200, Some("http_status"), Some(404))
    );
    let metrics = get(server.addr, "/metrics").text();
    assert!(metrics.contains("pith_fetches_total{outcome=\"ok\"} 2\n"), "{metrics}");
    assert!(metrics.contains("pith_fetches_total{outcome=\"http_status\"} 1\n"), "{metrics}");
}

#[test]
fn schema_openapi_health_and_metrics() {
    let server = start(options());
    let r = get(server.addr, "/v1/schema");
    assert_eq!((r.status, r.header("content-type")), (200, Some("application/schema+json")));
    assert_eq!(r.text(), pith::render::json_schema());
    let r = get(server.addr, "/v1/openapi.json");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["openapi"], "3.1.0");
    assert_eq!(r.text(), pith::serve::openapi_json());
    assert_eq!(get(server.addr, "/healthz").json()["status"], "alive");
    assert_eq!(get(server.addr, "/readyz").json()["status"], "ready");
    post(server.addr, "/v1/extract", "text/html", ARTICLE.as_bytes());
    let r = get(server.addr, "/metrics");
    assert_eq!(r.header("content-type"), Some("text/plain; version=0.0.4; charset=utf-8"));
    let text = r.text();
    for line in [
        "pith_http_requests_total{route=\"/v1/schema\",status=\"200\"} 1",
        "pith_http_requests_total{route=\"/healthz\",status=\"200\"} 1",
        "pith_records_total{status=\"ok\",kind=\"\",profile=\"generic\"} 1",
        "pith_extraction_seconds_count 1",
        "pith_extractions_in_flight 0",
        "pith_queue_length 0",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} missing from\n{text}");
    }
}

/// The committed `schema/openapi.json` is what the code generates (regenerate it with
/// `pith serve --print-openapi > schema/openapi.json`).
#[test]
fn the_committed_openapi_document_is_current() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/openapi.json")).unwrap();
    assert!(
        committed == pith::serve::openapi_json(),
        "schema/openapi.json is stale: run `pith serve --print-openapi > schema/openapi.json`"
    );
}

#[test]
fn cors_only_for_the_origins_given() {
    let preflight = |addr| {
        request(
            addr,
            "OPTIONS",
            "/v1/extract",
            &[
                ("Origin", "https://app.example.com"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let server = start(options());
    assert_eq!(preflight(server.addr).header("access-control-allow-origin"), None);
    drop(server);
    let server = start_with(|o| {
        o.cors = vec!["https://app.example.com".into()];
        o.token = Some("t".into());
    });
    let r = preflight(server.addr);
    assert_eq!(r.header("access-control-allow-origin"), Some("https://app.example.com"), "{r:?}");
    let r = request(server.addr, "GET", "/healthz", &[("Origin", "https://evil.example")], b"");
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn shutdown_lets_work_in_flight_finish() {
    let server = start_with(|o| {
        o.test_hook = hook(Duration::from_millis(700));
        o.grace_period = Duration::from_secs(5);
    });
    let addr = server.addr;
    let work =
        thread::spawn(move || post(addr, "/v1/extract", "text/html", format!("{ARTICLE}<!-- SLOW -->").as_bytes()));
    thread::sleep(Duration::from_millis(250));
    let took = server.stop();
    let r = work.join().unwrap();
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("ok")));
    assert!(took >= Duration::from_millis(300) && took < Duration::from_secs(4), "{took:?}");
    assert!(TcpStream::connect(addr).is_err(), "no longer accepting");
}

#[test]
fn shutdown_gives_up_after_the_grace_period() {
    let server = start_with(|o| {
        o.test_hook = hook(Duration::from_secs(3));
        o.grace_period = Duration::from_millis(300);
    });
    let addr = server.addr;
    let work = thread::spawn(move || {
        // Raw, as the connection may end with no response at all.
        let mut s = send_raw(
            addr,
            b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n<p>SLOW</p>",
        );
        let _ = s.read_to_end(&mut Vec::new());
    });
    thread::sleep(Duration::from_millis(300));
    let took = server.stop();
    assert!(took < Duration::from_millis(2500), "{took:?}");
    let _ = work.join();
}

#[test]
fn an_ordinary_client_works_too() {
    let server = start(options());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        let r = client
            .post(server.url("/v1/extract?url=https://news.example.org/ferry"))
            .header("content-type", "text/html")
            .body(ARTICLE)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let v: Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
        assert_eq!(v["title"], "Ferry timetable changes");
        // Keep-alive: several requests on one connection.
        for _ in 0..3 {
            assert_eq!(client.get(server.url("/healthz")).send().await.unwrap().status(), 200);
        }
    });
}

#[test]
fn the_binary_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pith.toml");
    std::fs::write(&config, "[serve]\nlisten = \"127.0.0.1:0\"\nmax_in_flight = 1\nlog_format = \"json\"\n").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(["serve", "--config"])
        .arg(&config)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut addr = None;
    let mut line = String::new();
    while addr.is_none() && stderr.read_line(&mut line).unwrap() > 0 {
        addr = line.split("serving on http://").nth(1).and_then(|a| a.split_whitespace().next()).map(str::to_string);
        line.clear();
    }
    let addr: SocketAddr = addr.expect("the address in stderr").parse().unwrap();
    let r = post(addr, "/v1/extract", "text/html", ARTICLE.as_bytes());
    assert_eq!(r.json()["status"], "ok");
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
    let mut logs = String::new();
    stderr.read_to_string(&mut logs).unwrap();
    let request_log = logs.lines().find(|l| l.contains("\"answered\"")).unwrap_or_else(|| panic!("{logs}"));
    let log: Value = serde_json::from_str(request_log).unwrap();
    assert_eq!(log["fields"]["route"], "/v1/extract");
    assert_eq!(log["fields"]["status"], 200);
    assert!(log["span"]["id"].as_str().is_some_and(|id| !id.is_empty()), "{request_log}");
}

/// Runs `pith serve ARGS`, which must refuse to start (exit code 2); its stderr.
fn serve_refuses(args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pith")).arg("serve").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "pith serve {args:?}: {stderr}");
    stderr
}

#[test]
fn the_command_line_checks_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    let refused_config = |toml: &str| {
        std::fs::write(&config, toml).unwrap();
        serve_refuses(&["--config".as_ref(), config.as_os_str()])
    };
    let err = refused_config("[serve]\nlisten = \"localhost\"\n");
    assert!(err.contains("serve.listen"), "{err}");
    let err = refused_config("[serve]\ntoken_file = \"/nonexistent/token\"\n");
    assert!(err.contains("cannot read the token file"), "{err}");
    serve_refuses(&["--cors".as_ref(), "app.example.com".as_ref()]);
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_pith")).args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("Examples:\n  pith serve\n")
            && help.contains("--max-in-flight")
            && help.contains("--allow-private"),
        "{help}"
    );
}
