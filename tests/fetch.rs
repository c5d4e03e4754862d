//! `pith fetch` and `pith::fetch` against an in-process HTTP server on loopback addresses.
//! No test touches the internet, and every test opts in to loopback addresses explicitly.
//! Delays and timeouts are shortened so the whole file runs in seconds.

use crate::http_server;

use std::io::Write;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use http_server::{Hit, RawEnd, RawServer, Reply, Req, Server, raw_response};
use pith::Extractor;
use pith::batch::{self, UrlOptions};
use pith::fetch::{FetchOptions, Fetcher};
use predicates::prelude::*;
use serde_json::Value;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The defaults, made fast: no rate limit to speak of, short backoff and timeouts; and the
/// loopback block the test servers run on allowed (pith reaches only public addresses
/// unless told otherwise).
fn opts() -> FetchOptions {
    let mut o = FetchOptions::default();
    o.allow_hosts = vec!["127.0.0.0/8".into()];
    o.rate = 1000.0;
    o.backoff = ms(10);
    o.max_backoff = ms(100);
    o.timeout = Duration::from_secs(5);
    o.connect_timeout = Duration::from_secs(2);
    o
}

const PARAGRAPHS: &str = "<p>The council met on Tuesday to discuss the new budget for the coming year, and members \
spoke at length about schools, roads and the library that serves the town and its villages.</p>\n\
<p>After three hours the vote was taken and the budget passed by seven votes to two, with a promise to \
review <a href=\"related/story\">the related story</a> and the spending plans again next spring.</p>";

/// An article page.
fn page(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n\
         <article><h1>{title}</h1>\n{PARAGRAPHS}\n</article></body></html>\n"
    )
}

/// Fetches and extracts `urls` with `pith::batch::fetch_urls`, checking that records come in input
/// order; the records as JSON.
async fn fetch_all(o: FetchOptions, urls: &[String]) -> Vec<Value> {
    let fetcher = Fetcher::new(o).unwrap();
    let mut out = Vec::new();
    batch::fetch_urls(&fetcher, &Extractor::default(), urls, &UrlOptions::default(), |i, record| {
        assert_eq!(i, out.len(), "records come one per URL, in input order");
        out.push(serde_json::to_value(&record).unwrap());
        Ok(())
    })
    .await
    .unwrap();
    assert_eq!(out.len(), urls.len());
    for (record, url) in out.iter().zip(urls) {
        assert_eq!(record["input"], url.as_str(), "input is the URL as given");
    }
    out
}

async fn fetch_one(o: FetchOptions, url: String) -> Value {
    fetch_all(o, &[url]).await.remove(0)
}

fn kind(record: &Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or_else(|| panic!("not an error record: {record}"))
}

fn message(record: &Value) -> &str {
    record["error"]["message"].as_str().unwrap_or("")
}

fn assert_ok(record: &Value, title: &str) {
    assert_eq!(record["status"], "ok", "{record}");
    assert_eq!(record["title"], title, "{record}");
}

fn gaps(hits: &[Hit]) -> Vec<Duration> {
    hits.windows(2).map(|w| w[1].at.duration_since(w[0].at)).collect()
}

fn warning_codes(record: &Value) -> Vec<String> {
    record["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// One page
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_page_gives_its_article_with_the_fetch_in_source() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/news/story" => Reply::html(page("Council Passes Budget")),
        _ => Reply::status(404),
    });
    let url = server.url("/news/story");
    let v = fetch_one(opts(), url.clone()).await;
    assert_ok(&v, "Council Passes Budget");
    assert_eq!(v["url"], url.as_str());
    assert_eq!(v["links"][0]["url"], server.url("/news/related/story"), "links resolve against the page URL");
    assert_eq!(v["source"]["http_status"], 200);
    assert_eq!(v["source"]["content_type"], "text/html; charset=utf-8");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    let at = v["source"]["fetched_at"].as_str().unwrap();
    assert!(regex::Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").unwrap().is_match(at), "{at}");

    // What the server saw: robots.txt first, then the page, with pith's headers.
    let hits = server.hits();
    assert_eq!(hits.iter().map(|h| h.path.as_str()).collect::<Vec<_>>(), ["/robots.txt", "/news/story"]);
    let h = &hits[1];
    assert_eq!(
        h.user_agent,
        format!("pith/{}", env!("CARGO_PKG_VERSION")),
        "the user agent names pith and its version"
    );
    assert!(h.accept.starts_with("text/html"), "{}", h.accept);
    for enc in ["gzip", "br", "zstd", "deflate"] {
        assert!(h.accept_encoding.contains(enc), "Accept-Encoding offers {enc}: {}", h.accept_encoding);
    }
}

// ---------------------------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------------------------

fn redirecting(r: &Req) -> Reply {
    let p = r.path.as_str();
    if let Some(n) = p.strip_prefix("/hop/") {
        let n: u32 = n.parse().unwrap();
        return if n == 0 { Reply::html(page("Hop Zero")) } else { Reply::redirect(302, &format!("/hop/{}", n - 1)) };
    }
    match p {
        "/start" => Reply::redirect(301, "moved"),
        "/moved" => Reply::redirect(302, "/news/2024/final"),
        "/news/2024/final" => Reply::redirect(307, "story"),
        "/news/2024/story" => Reply::html(page("Where It Ended")),
        "/loop/a" => Reply::redirect(302, "/loop/b"),
        "/loop/b" => Reply::redirect(301, "/loop/a"),
        "/self" => Reply::redirect(302, "/self"),
        _ => Reply::status(404),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_chain_ends_at_the_final_url_and_links_resolve_against_it() {
    let server = Server::start(redirecting);
    let v = fetch_one(opts(), server.url("/start")).await;
    assert_ok(&v, "Where It Ended");
    assert_eq!(v["input"], server.url("/start"));
    assert_eq!(v["url"], server.url("/news/2024/story"), "url is the final URL");
    assert_eq!(v["links"][0]["url"], server.url("/news/2024/related/story"), "relative to the final URL");
    for p in ["/start", "/moved", "/news/2024/final", "/news/2024/story"] {
        assert_eq!(server.count(p), 1, "{p}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_redirects_are_followed_and_the_eleventh_is_too_many() {
    let server = Server::start(redirecting);
    let v = fetch_one(opts(), server.url("/hop/10")).await;
    assert_ok(&v, "Hop Zero");

    let v = fetch_one(opts(), server.url("/hop/11")).await;
    assert_eq!(kind(&v), "too_many_redirects");
    assert_eq!(message(&v), "more than 10 redirects");
    assert_eq!(v["url"], server.url("/hop/1"), "url is the last URL requested");
    assert!(v["error"]["status"].is_null());
    assert_eq!(server.count("/hop/0"), 1, "the 11th redirect is not followed");

    let mut o = opts();
    o.max_redirects = 2;
    let v = fetch_one(o, server.url("/hop/3")).await;
    assert_eq!(message(&v), "more than 2 redirects");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_loop_is_caught_at_once() {
    let server = Server::start(redirecting);
    let urls = [server.url("/loop/a"), server.url("/self")];
    let out = fetch_all(opts(), &urls).await;
    assert_eq!(kind(&out[0]), "too_many_redirects");
    let expected = format!("redirect loop: {} → {} → {}", urls[0], server.url("/loop/b"), urls[0]);
    assert_eq!(message(&out[0]), expected);
    assert_eq!((server.count("/loop/a"), server.count("/loop/b")), (1, 1), "no URL is requested twice");
    assert_eq!(kind(&out[1]), "too_many_redirects");
    assert_eq!(server.count("/self"), 1);
}

// ---------------------------------------------------------------------------------------------
// HTTP errors and retries
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_404_and_500_are_http_status_errors_without_retry() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/gone" => Reply::status(404),
        "/broken" => Reply::status(500),
        _ => Reply::status(404),
    });
    let urls = [server.url("/gone"), server.url("/broken")];
    let out = fetch_all(opts(), &urls).await;
    for (v, (status, text)) in out.iter().zip([(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]) {
        assert_eq!(v["status"], "error");
        assert_eq!(kind(v), "http_status");
        assert_eq!(v["error"]["status"], status);
        assert_eq!(message(v), text);
    }
    assert_eq!(out[0]["url"], urls[0].as_str());
    assert_eq!((server.count("/gone"), server.count("/broken")), (1, 1), "404 and 500 are not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_retried_after_its_retry_after() {
    let server = Server::start(|r: &Req| match (r.path.as_str(), r.hit) {
        ("/busy", 1) => Reply::status(429).with("retry-after", "1"),
        ("/busy", _) => Reply::html(page("Patience Pays")),
        ("/very-busy", _) => Reply::status(429).with("retry-after", "3600"),
        _ => Reply::status(404),
    });
    // The backoff is 10 ms: only Retry-After can make the retry wait a second.
    let v = fetch_one(opts(), server.url("/busy")).await;
    assert_ok(&v, "Patience Pays");
    let hits = server.hits_of("/busy");
    assert_eq!(hits.len(), 2);
    let gap = gaps(&hits)[0];
    assert!(gap >= ms(950), "the retry waited {gap:?}, not the 1 s of Retry-After");

    // A Retry-After longer than pith waits is not waited for.
    let started = Instant::now();
    let v = fetch_one(opts(), server.url("/very-busy")).await;
    assert_eq!(kind(&v), "http_status");
    assert_eq!(v["error"]["status"], 429);
    assert_eq!(message(&v), "HTTP 429 Too Many Requests (it asks to retry after 3600 s; pith waits at most 120 s)");
    assert_eq!(server.count("/very-busy"), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_three_times_then_200_succeeds_with_exponential_backoff() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/flaky" | "/flakier" if r.hit <= 3 => Reply::status(503),
        "/flaky" | "/flakier" => Reply::html(page("Third Time Lucky")),
        "/gateway" if r.hit == 1 => Reply::status(502),
        "/timeout-gw" if r.hit == 1 => Reply::status(504),
        "/gateway" | "/timeout-gw" => Reply::html(page("Gateway Back")),
        _ => Reply::status(404),
    });
    let mut o = opts();
    o.backoff = ms(100);
    o.max_backoff = Duration::from_secs(1);
    let v = fetch_one(o.clone(), server.url("/flaky")).await;
    assert_ok(&v, "Third Time Lucky");
    let hits = server.hits_of("/flaky");
    assert_eq!(hits.len(), 4, "three retries");
    // Equal jitter: retry n waits between half and all of 100 ms · 2^n.
    let gaps = gaps(&hits);
    for (n, gap) in gaps.iter().enumerate() {
        let full = ms(100 << n);
        assert!(*gap >= full / 2 - ms(5), "retry {n} waited {gap:?}, less than half of {full:?}");
        assert!(*gap < full + ms(400), "retry {n} waited {gap:?}, far more than {full:?}");
    }
    assert!(gaps[2] > gaps[0], "the delay grows: {gaps:?}");

    // With two retries the third 503 is the answer.
    o.retries = 2;
    let v = fetch_one(o, server.url("/flakier")).await;
    assert_eq!(kind(&v), "http_status");
    assert_eq!(v["error"]["status"], 503);
    assert_eq!(message(&v), "HTTP 503 Service Unavailable (after 2 retries)");
    assert_eq!(server.count("/flakier"), 3);

    // 502 and 504 are retried too.
    let out = fetch_all(opts(), &[server.url("/gateway"), server.url("/timeout-gw")]).await;
    assert_ok(&out[0], "Gateway Back");
    assert_ok(&out[1], "Gateway Back");
}

// ---------------------------------------------------------------------------------------------
// Timeouts, size limits, content types
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_server_gives_a_timeout() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/stall" => Reply::Stall,
        "/stall-body" => Reply::StallBody {
            headers: vec![("content-type".into(), "text/html".into())],
            first: "<html><body><p>The first half of a page".into(),
        },
        _ => Reply::status(404),
    });
    let mut o = opts();
    o.timeout = ms(500);
    let started = Instant::now();
    let out = fetch_all(o, &[server.url("/stall"), server.url("/stall-body")]).await;
    for v in &out {
        assert_eq!(kind(v), "timeout", "{v}");
        assert_eq!(message(v), "timed out: the request took longer than 0.5 s");
    }
    assert_eq!((server.count("/stall"), server.count("/stall-body")), (1, 1), "timeouts are not retried");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_cap_is_too_large_whether_declared_or_streamed() {
    const CAP: usize = 64 * 1024;
    let exact = {
        let mut p = page("Exactly At The Cap");
        let pad = CAP - p.len() - "<!---->".len();
        p.push_str(&format!("<!--{}-->", "x".repeat(pad)));
        assert_eq!(p.len(), CAP);
        p
    };
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/declared" => Reply::html(vec![b'a'; 200_000]),
        "/streamed" => Reply::Chunked {
            headers: vec![("content-type".into(), "text/html".into())],
            chunks: (0..20).map(|_| vec![b'a'; 10_000].into()).collect(),
        },
        "/exact" => Reply::html(exact.clone()),
        _ => Reply::status(404),
    });
    let mut o = opts();
    o.max_body_bytes = CAP as u64;
    let out = fetch_all(o, &[server.url("/declared"), server.url("/streamed"), server.url("/exact")]).await;
    assert_eq!(kind(&out[0]), "too_large");
    assert_eq!(message(&out[0]), "the body is 200000 bytes, over the limit of 65536");
    assert_eq!(kind(&out[1]), "too_large");
    assert_eq!(message(&out[1]), "the body is over the limit of 65536 bytes (counted after decompression)");
    assert_ok(&out[2], "Exactly At The Cap");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gzip_bomb_stops_at_the_cap() {
    // 32 MiB of HTML in about 32 KiB of gzip: under the extractor's own 50 MiB limit, so only
    // the fetch cap (1 MiB here) on decompressed bytes stops it.
    let mut html = b"<html><head><title>Bomb</title></head><body><p>".to_vec();
    html.resize(32 * 1024 * 1024, b'a');
    let bomb = gzip(&html);
    assert!(bomb.len() < 256 * 1024, "the bomb is small on the wire: {}", bomb.len());
    let small = gzip(page("Compressed But Fine").as_bytes());
    let deflated = {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(page("Deflated Too").as_bytes()).unwrap();
        enc.finish().unwrap()
    };
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/bomb" => Reply::html(bomb.clone()).with("content-encoding", "gzip"),
        "/small" => Reply::html(small.clone()).with("content-encoding", "gzip"),
        "/deflated" => Reply::html(deflated.clone()).with("content-encoding", "deflate"),
        _ => Reply::status(404),
    });
    let mut o = opts();
    o.max_body_bytes = 1024 * 1024;
    let out = fetch_all(o, &[server.url("/bomb"), server.url("/small"), server.url("/deflated")]).await;
    assert_eq!(kind(&out[0]), "too_large", "{}", out[0]);
    assert_eq!(message(&out[0]), "the body is over the limit of 1048576 bytes (counted after decompression)");
    assert_ok(&out[1], "Compressed But Fine");
    assert_ok(&out[2], "Deflated Too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_html_and_xhtml_content_types_are_extracted() {
    let xhtml = format!("<?xml version=\"1.0\"?>\n{}", page("An XHTML Page").replace("<!doctype html>", ""));
    let untyped = page("No Content Type");
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/paper.pdf" => Reply::typed("application/pdf", "%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj\n<<>>\nendobj\n"),
        "/notes" => Reply::typed("text/plain; charset=utf-8", page("Plain Text")),
        "/xhtml" => Reply::typed("application/xhtml+xml; charset=utf-8", xhtml.clone()),
        "/untyped" => Reply::Full { status: 200, headers: vec![], body: untyped.clone().into() },
        _ => Reply::status(404),
    });
    let urls = [server.url("/paper.pdf"), server.url("/notes"), server.url("/xhtml"), server.url("/untyped")];
    let out = fetch_all(opts(), &urls).await;
    assert_eq!(kind(&out[0]), "not_html");
    assert_eq!(message(&out[0]), "not an HTML page: the content type is application/pdf");
    assert_eq!(out[0]["url"], urls[0].as_str());
    assert_eq!(kind(&out[1]), "not_html");
    assert_eq!(message(&out[1]), "not an HTML page: the content type is text/plain");
    assert_ok(&out[2], "An XHTML Page");
    assert_ok(&out[3], "No Content Type");
    assert!(out[3]["source"]["content_type"].is_null());
}

// ---------------------------------------------------------------------------------------------
// Charsets
// ---------------------------------------------------------------------------------------------

const RU_TITLE: &str = "Новости дня";
const RU_TEXT: &str = "<p>Городской совет собрался во вторник, чтобы обсудить новый бюджет на следующий год, и \
депутаты долго говорили о школах, дорогах и библиотеке, которая обслуживает город.</p>\n<p>Через три часа \
состоялось голосование, и бюджет был принят семью голосами против двух, с обещанием вернуться к нему весной.</p>";

fn ru_page(meta: &str) -> String {
    format!(
        "<html><head>{meta}<title>{RU_TITLE}</title></head><body><article><h1>{RU_TITLE}</h1>{RU_TEXT}</article></body></html>"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_charset_only_in_the_http_header_decodes_the_page() {
    let koi8 = encoding_rs::KOI8_R.encode(&ru_page("")).0.into_owned();
    let koi8_meta = encoding_rs::KOI8_R.encode(&ru_page("<meta charset=\"windows-1251\">")).0.into_owned();
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/header-only" => Reply::typed("text/html; charset=KOI8-R", koi8.clone()),
        "/header-beats-meta" => Reply::typed("text/html; charset=\"koi8-r\"", koi8_meta.clone()),
        _ => Reply::status(404),
    });
    let out = fetch_all(opts(), &[server.url("/header-only"), server.url("/header-beats-meta")]).await;
    for v in &out {
        assert_ok(v, RU_TITLE);
        assert_eq!(v["source"]["encoding"], "KOI8-R");
        assert!(v["text"].as_str().unwrap().starts_with("Городской совет"), "{}", v["text"]);
        assert!(!warning_codes(v).contains(&"charset_guessed".to_string()), "the charset was declared, not guessed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_charset_only_in_meta_decodes_the_page() {
    let title = "今日のニュース";
    let html = format!(
        "<html><head><meta charset=\"shift_jis\"><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>市議会は火曜日に会合を開き、来年度の新しい予算について話し合った。議員たちは学校や道路、図書館について長い時間をかけて議論した。</p>\
         <p>三時間後に採決が行われ、予算は賛成七、反対二で可決された。春にもう一度見直すことが約束された。</p></article></body></html>"
    );
    let sjis = encoding_rs::SHIFT_JIS.encode(&html).0.into_owned();
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/meta-only" => Reply::typed("text/html", sjis.clone()),
        _ => Reply::status(404),
    });
    let v = fetch_one(opts(), server.url("/meta-only")).await;
    assert_ok(&v, title);
    assert_eq!(v["source"]["encoding"], "Shift_JIS");
    assert_eq!(v["source"]["content_type"], "text/html");
    assert!(v["text"].as_str().unwrap().starts_with("市議会は火曜日"), "{}", v["text"]);
    assert!(!warning_codes(&v).contains(&"charset_guessed".to_string()));
}

// ---------------------------------------------------------------------------------------------
// robots.txt
// ---------------------------------------------------------------------------------------------

const ROBOTS: &str = "User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n\nUser-agent: otherbot\nDisallow: /\n";

fn robots_site(r: &Req) -> Reply {
    match r.path.as_str() {
        "/robots.txt" => Reply::text(ROBOTS),
        p if p.starts_with("/public/") || p.starts_with("/private/") => Reply::html(page(&format!("Page {p}"))),
        _ => Reply::status(404),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_txt_is_read_once_and_its_disallow_and_crawl_delay_honoured() {
    let server = Server::start(robots_site);
    let urls: Vec<String> =
        ["/private/a", "/public/1", "/public/2", "/public/3"].iter().map(|p| server.url(p)).collect();
    let out = fetch_all(opts(), &urls).await;
    assert_eq!(kind(&out[0]), "robots_denied");
    assert_eq!(
        message(&out[0]),
        format!("robots.txt of http://{} disallows /private/a for pith (use --ignore-robots to override)", server.addr)
    );
    assert_eq!(out[0]["url"], urls[0].as_str());
    for v in &out[1..] {
        assert_eq!(v["status"], "ok", "{v}");
    }
    assert_eq!(server.count("/robots.txt"), 1, "robots.txt is fetched once per host");
    assert_eq!(server.count("/private/a"), 0, "a disallowed URL is never requested");
    let hits = server.hits();
    assert_eq!(hits[0].path, "/robots.txt");
    for gap in gaps(&hits) {
        assert!(gap >= ms(290), "Crawl-delay 0.3 s, yet requests {gap:?} apart");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_txt_rules_for_our_agent_apply_and_ignore_robots_skips_it() {
    let server = Server::start(robots_site);
    let mut o = opts();
    o.user_agent = "OtherBot/2.0 (+https://example.org/bot)".into();
    let v = fetch_one(o, server.url("/public/1")).await;
    assert_eq!(kind(&v), "robots_denied", "the otherbot group disallows everything");
    assert!(message(&v).ends_with("disallows /public/1 for OtherBot (use --ignore-robots to override)"), "{v}");

    let mut o = opts();
    o.robots = false;
    let before = server.count("/robots.txt");
    let v = fetch_one(o, server.url("/private/a")).await;
    assert_ok(&v, "Page /private/a");
    assert_eq!(server.count("/robots.txt"), before, "robots.txt is not even read");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unavailable_robots_txt_allows_and_a_failing_one_disallows() {
    // RFC 9309: 4xx means no rules; 5xx means assume complete disallow.
    let missing = Server::start(|r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(page("Allowed")),
    });
    let failing = Server::start_on("127.0.0.2", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(503),
        _ => Reply::html(page("Never Fetched")),
    });
    let out = fetch_all(opts(), &[missing.url("/a"), failing.url("/a"), failing.url("/b")]).await;
    assert_ok(&out[0], "Allowed");
    for v in &out[1..] {
        assert_eq!(kind(v), "robots_denied");
        assert!(message(v).contains("answered HTTP 503"), "{v}");
    }
    assert_eq!(failing.count("/robots.txt"), 4, "robots.txt is retried like any request, then cached");
    assert_eq!(failing.count("/a") + failing.count("/b"), 0);
}

// ---------------------------------------------------------------------------------------------
// Connection failures
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_a_connect_error_after_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/story");
    let started = Instant::now();
    let v = fetch_one(opts(), url.clone()).await;
    assert_eq!(kind(&v), "connect");
    assert!(message(&v).starts_with("cannot connect: Connection refused"), "{v}");
    assert_eq!(v["url"], url.as_str());
    assert!(started.elapsed() < Duration::from_secs(3));

    // Connect errors are retried with backoff: three retries take at least half of
    // 200 + 400 + 800 ms.
    let mut o = opts();
    o.robots = false;
    o.backoff = ms(200);
    o.max_backoff = Duration::from_secs(1);
    let started = Instant::now();
    let v = fetch_one(o, url.clone()).await;
    assert_eq!(kind(&v), "connect");
    assert!(started.elapsed() >= ms(700), "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_tls_handshake_is_a_tls_error() {
    let server = Server::start(|_: &Req| Reply::html(page("Plain HTTP")));
    let url = format!("https://{}/story", server.addr);
    let v = fetch_one(opts(), url).await;
    assert_eq!(kind(&v), "tls", "{v}");
    assert!(message(&v).starts_with("TLS failed: "), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_url_that_is_not_http_is_invalid_input() {
    let out = fetch_all(opts(), &["example.com/story".to_string(), "ftp://example.com/x".to_string()]).await;
    for v in &out {
        assert_eq!(kind(v), "invalid_input");
        assert!(v["url"].is_null());
    }
}

// ---------------------------------------------------------------------------------------------
// Many URLs on many hosts
// ---------------------------------------------------------------------------------------------

/// Pairs of requests to different servers that were being answered at the same time.
fn overlaps(servers: &[&Server]) -> usize {
    let spans: Vec<(usize, Instant, Instant)> = servers
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.hits().into_iter().map(move |h| (i, h.at, h.answered.unwrap())))
        .collect();
    let mut n = 0;
    for (a, b) in spans.iter().flat_map(|a| spans.iter().map(move |b| (a, b))) {
        if a.0 < b.0 && a.1 < b.2 && b.1 < a.2 {
            n += 1;
        }
    }
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_urls_over_five_hosts_keep_each_host_rate_and_come_back_in_order() {
    let servers: Vec<Server> = (2..=6)
        .map(|n| {
            Server::start_on(&format!("127.0.0.{n}"), |r: &Req| match r.path.as_str() {
                "/robots.txt" => Reply::text("User-agent: *\nAllow: /\n"),
                p if p.starts_with("/p/") => Reply::html(page(&format!("Page {}", &p[3..]))).after(ms(10)),
                _ => Reply::status(404),
            })
        })
        .collect();
    let urls: Vec<String> = (0..50).map(|i| servers[i % 5].url(&format!("/p/{i}"))).collect();
    let mut o = opts();
    o.rate = 20.0; // one request every 50 ms per host
    let started = Instant::now();
    let out = fetch_all(o, &urls).await;
    let wall = started.elapsed();
    println!("50 URLs over 5 hosts at 20 requests/s per host: {wall:?}");

    for (i, v) in out.iter().enumerate() {
        assert_ok(v, &format!("Page {i}"));
        assert_eq!(v["url"], urls[i].as_str());
    }
    for s in &servers {
        let hits = s.hits();
        assert_eq!(hits.len(), 11, "robots.txt and ten pages");
        assert_eq!(hits[0].path, "/robots.txt");
        assert_eq!(s.count("/robots.txt"), 1);
        assert!(hits.iter().all(|h| h.in_flight == 1), "one request at a time per host");
        for gap in gaps(&hits) {
            // 50 ms apart, less the server's own timestamp jitter on a loaded machine; without
            // the rate limit they come about 10 ms apart.
            assert!(gap >= ms(40), "requests to one host {gap:?} apart at 20/s");
        }
        let pages: Vec<usize> = hits[1..].iter().map(|h| h.path[3..].parse().unwrap()).collect();
        assert!(pages.is_sorted(), "a host's URLs are fetched in input order: {pages:?}");
    }
    // Concurrency is proved by requests to different hosts in flight at once, not by the wall
    // time, which a loaded machine stretches.
    assert!(overlaps(&servers.iter().collect::<Vec<_>>()) > 0, "hosts are fetched concurrently");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_host_does_not_hold_up_the_others() {
    let slow = Server::start_on("127.0.0.3", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        p => Reply::html(page(&format!("Slow {p}"))).after(ms(400)),
    });
    let fast = Server::start_on("127.0.0.4", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        p => Reply::html(page(&format!("Fast {p}"))),
    });
    let mut urls: Vec<String> = (0..3).map(|i| slow.url(&format!("/{i}"))).collect();
    urls.extend((0..5).map(|i| fast.url(&format!("/{i}"))));
    let out = fetch_all(opts(), &urls).await;
    assert!(out.iter().all(|v| v["status"] == "ok"));
    let slow_pages: Vec<Hit> = slow.hits().into_iter().filter(|h| h.path != "/robots.txt").collect();
    let fast_last = fast.hits().last().unwrap().at;
    assert!(fast_last < slow_pages[1].at, "the fast host finished while the slow one was on its first page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_global_limit_caps_requests_in_flight_across_hosts() {
    let handler = |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404).after(ms(30)),
        p => Reply::html(page(&format!("Page {p}"))).after(ms(30)),
    };
    let (a, b, c) = (
        Server::start_on("127.0.0.5", handler),
        Server::start_on("127.0.0.6", handler),
        Server::start_on("127.0.0.7", handler),
    );
    let urls: Vec<String> = (0..9).map(|i| [&a, &b, &c][i % 3].url(&format!("/{i}"))).collect();
    let mut o = opts();
    o.concurrency = 1;
    fetch_all(o, &urls).await;
    assert_eq!(overlaps(&[&a, &b, &c]), 0, "with --concurrency 1 no two requests overlap");

    let (a, b, c) = (
        Server::start_on("127.0.0.5", handler),
        Server::start_on("127.0.0.6", handler),
        Server::start_on("127.0.0.7", handler),
    );
    let urls: Vec<String> = (0..9).map(|i| [&a, &b, &c][i % 3].url(&format!("/{i}"))).collect();
    fetch_all(opts(), &urls).await;
    assert!(overlaps(&[&a, &b, &c]) > 0, "with the default limit, hosts overlap");
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn pith() -> Command {
    Command::cargo_bin("pith").unwrap()
}

fn site() -> Server {
    Server::start(|r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::text("User-agent: *\nDisallow: /private\n"),
        "/a" => Reply::html(page("Page A")),
        "/c" => Reply::html(page("Page C")),
        "/private/x" => Reply::html(page("Private X")),
        _ => Reply::status(404),
    })
}

#[test]
fn cli_one_url_prints_pretty_json_and_is_quiet_in_pipes() {
    let server = site();
    let out = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100"])
        .arg(server.url("/a"))
        .assert()
        .success()
        .stderr("");
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.lines().count() > 10, "pretty-printed");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_ok(&v, "Page A");
    assert_eq!(v["source"]["http_status"], 200);
}

#[test]
fn cli_url_list_to_jsonl_file_with_saved_html() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    let (a, b, c) = (server.url("/a"), server.url("/b"), server.url("/c"));
    std::fs::write(&list, format!("# pages to fetch\n{a}\n\n{b}\n  {c}  \n")).unwrap();
    let out_file = dir.path().join("out.jsonl");
    let saved = dir.path().join("pages");
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "-i"])
        .arg(&list)
        .arg("-o")
        .arg(&out_file)
        .arg("--save-html")
        .arg(&saved)
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr, format!("pith: {b}: HTTP 404 Not Found\n"));

    let lines: Vec<Value> =
        std::fs::read_to_string(&out_file).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "one line per URL");
    assert_eq!([&lines[0]["input"], &lines[1]["input"], &lines[2]["input"]], [a.as_str(), b.as_str(), c.as_str()]);
    assert_ok(&lines[0], "Page A");
    assert_eq!(kind(&lines[1]), "http_status");
    assert_eq!(lines[1]["error"]["status"], 404);
    assert_ok(&lines[2], "Page C");

    // The raw pages and an index, enough to extract again offline.
    let index: Vec<Value> = std::fs::read_to_string(saved.join("index.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(index.len(), 2, "the 404 page is not saved");
    for entry in &index {
        let file = saved.join(entry["file"].as_str().unwrap());
        let url = entry["url"].as_str().unwrap();
        let title = if url == a { "Page A" } else { "Page C" };
        assert_eq!(std::fs::read_to_string(&file).unwrap(), page(title));
        assert_eq!(entry["http_status"], 200);
        assert_eq!(entry["content_type"], "text/html; charset=utf-8");
        let again = pith().arg("extract").arg(&file).args(["--url", url]).assert().success();
        let v: Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
        assert_ok(&v, title);
        assert_eq!(v["url"], url);
    }

    // `batch` over the folder reads its index: each page gets its URL and fetch data back, and
    // the index is neither a page nor a skipped file.
    let assert = pith().arg("batch").arg(&saved).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("2 pages: 2 articles") && !stderr.contains("skipped"), "{stderr}");
    let records: Vec<Value> = String::from_utf8(assert.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    for v in &records {
        let entry = index.iter().find(|e| v["input"].as_str().unwrap().ends_with(e["file"].as_str().unwrap())).unwrap();
        assert_eq!(v["url"], entry["url"]);
        assert_eq!(v["source"]["http_status"], 200);
        assert_eq!(v["source"]["content_type"], "text/html; charset=utf-8");
        assert_eq!(v["source"]["fetched_at"], entry["fetched_at"]);
        assert!(v["source"]["fetched_at"].is_string());
    }
}

#[test]
fn cli_output_directory_gets_one_file_per_url_named_after_its_last_segment() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let out_dir = format!("{}/", dir.path().join("pages").display());
    pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "markdown", "-o", &out_dir])
        .arg(server.url("/a"))
        .arg(server.url("/c"))
        .assert()
        .success()
        .stdout("");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "c.md"]);
    let a = std::fs::read_to_string(dir.path().join("pages/a.md")).unwrap();
    assert!(a.starts_with("# Page A"), "{a}");
    // JSON goes to one file, not a directory.
    pith().args(["fetch", "-o", &out_dir]).arg(server.url("/a")).assert().code(2);
}

#[test]
fn cli_a_single_url_that_fails_is_its_record_one_stderr_line_and_exit_2() {
    let server = site();
    let url = server.url("/missing");
    for format in ["json", "jsonl"] {
        let assert = pith()
            .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", format])
            .arg(&url)
            .assert()
            .code(2);
        assert_eq!(
            String::from_utf8(assert.get_output().stderr.clone()).unwrap(),
            format!("pith: {url}: HTTP 404 Not Found\n")
        );
        // In the JSON formats every URL yields its record, a lone failing one too.
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert_eq!(stdout.lines().count() > 1, format == "json", "{stdout}");
        let v: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            (v["status"].as_str(), v["error"]["kind"].as_str(), v["error"]["status"].as_u64()),
            (Some("error"), Some("http_status"), Some(404))
        );
    }
    // A per-page format has no document for it: the message is all.
    pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "markdown"])
        .arg(&url)
        .assert()
        .code(2)
        .stdout("");
    // With several URLs the same failure is a record and exit 1.
    pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "jsonl"])
        .arg(&url)
        .arg(server.url("/a"))
        .assert()
        .code(1);
}

#[test]
fn cli_a_fetched_feed_is_not_html_and_a_home_page_no_article() {
    let rss = std::fs::read(crate::common::repo().join("testdata/no-article/feed.rss")).unwrap();
    let home = std::fs::read(crate::common::repo().join("testdata/no-article/home-page.html")).unwrap();
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        // Feeds served with their own type never reach the extractor; served as HTML, they
        // are still told apart from pages.
        "/feed" => Reply::typed("application/rss+xml", rss.clone()),
        "/feed-as-html" => Reply::html(rss.clone()),
        "/home" => Reply::html(home.clone()),
        _ => Reply::status(404),
    });
    for (path, kind, code) in [("/feed", "not_html", 2), ("/feed-as-html", "not_html", 2), ("/home", "no_article", 1)] {
        let assert = pith()
            .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "jsonl"])
            .arg(server.url(path))
            .assert()
            .code(code);
        let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
        assert_eq!(v["error"]["kind"], kind, "{path}");
    }
}

#[test]
fn cli_robots_denied_unless_ignored_loudly() {
    let server = site();
    let url = server.url("/private/x");
    pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100"])
        .arg(&url)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("disallows /private/x for pith"));
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--ignore-robots"])
        .arg(&url)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("WARNING") && stderr.contains("robots.txt is IGNORED"), "{stderr}");
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_ok(&v, "Private X");
}

#[test]
fn cli_fetch_settings_come_from_the_config_file_and_flags() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("pith.toml");
    std::fs::write(&cfg, "[fetch]\nuser_agent = \"TestBot/9.9\"\nrate = 100\n").unwrap();
    pith().args(["fetch", "--allow-private", "--config"]).arg(&cfg).arg(server.url("/a")).assert().success();
    assert!(server.hits().iter().all(|h| h.user_agent == "TestBot/9.9"));
    pith()
        .args(["fetch", "--allow-private", "--config"])
        .arg(&cfg)
        .args(["--user-agent", "FlagBot/1"])
        .arg(server.url("/c"))
        .assert()
        .success();
    assert_eq!(server.hits_of("/c")[0].user_agent, "FlagBot/1", "flags override the file");

    std::fs::write(&cfg, "[fetch]\nspeed = 3\n").unwrap();
    pith()
        .args(["fetch", "--config"])
        .arg(&cfg)
        .arg(server.url("/a"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("fetch").and(predicates::str::contains("speed")));
    pith().args(["fetch", "--timeout", "0"]).arg(server.url("/a")).assert().code(2);
    pith().args(["fetch"]).assert().code(2).stderr(predicates::str::contains("no URLs to fetch"));
}

// ---------------------------------------------------------------------------------------------
// The address policy: only public addresses unless allowed
// ---------------------------------------------------------------------------------------------

/// A server that must never be reached: it counts every request.
fn internal_server() -> Server {
    Server::start(|r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(page("Internal Admin Secret")),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_to_loopback_in_any_spelling_are_blocked_before_any_request() {
    let internal = internal_server();
    let port = internal.addr.port();
    let targets = [
        format!("http://127.0.0.1:{port}/secret"),
        format!("http://2130706433:{port}/secret"),
        format!("http://0x7f.1:{port}/secret"),
        format!("http://0177.0.0.01:{port}/secret"),
        format!("http://localhost:{port}/secret"),
        format!("http://[::1]:{port}/secret"),
        format!("http://[::ffff:127.0.0.1]:{port}/secret"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        format!("http://10.0.0.1:{port}/admin"),
    ];
    let redirects = targets.clone();
    let public = Server::start_on("127.0.0.2", move |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        p => match p.strip_prefix("/to/").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => Reply::redirect(302, &redirects[n]),
            None => Reply::status(404),
        },
    });
    // Only the "public" server's address is allowed, as a public site would be.
    let mut o = opts();
    o.allow_hosts = vec!["127.0.0.2".into()];
    let urls: Vec<String> = (0..targets.len()).map(|n| public.url(&format!("/to/{n}"))).collect();
    let started = Instant::now();
    let out = fetch_all(o, &urls).await;
    for (v, target) in out.iter().zip(&targets) {
        assert_eq!(kind(v), "blocked", "{target}: {v}");
        let m = message(v);
        let class = if target.contains("169.254") {
            "link-local"
        } else if target.contains("10.0.0.1") {
            "private"
        } else {
            "loopback"
        };
        assert!(m.starts_with("blocked: ") && m.contains(&format!("a {class} address")), "{target}: {m}");
        assert!(m.contains("--allow-private"), "the message says how to allow it: {m}");
    }
    assert!(internal.hits().is_empty(), "not even robots.txt of the internal host: {:?}", internal.hits());
    assert!(started.elapsed() < Duration::from_secs(3), "nothing waited on a connection: {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_internal_port_is_blocked_like_an_open_one() {
    // Error kinds must not tell which internal ports are open.
    let internal = internal_server();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut o = opts();
    o.allow_hosts = vec![];
    let urls = [internal.url("/x"), format!("http://127.0.0.1:{closed}/x")];
    let out = fetch_all(o, &urls).await;
    assert_eq!((kind(&out[0]), kind(&out[1])), ("blocked", "blocked"));
    assert!(internal.hits().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_is_checked_on_the_addresses_it_resolves_to() {
    let internal = internal_server();
    let port = internal.addr.port();
    let url = format!("http://intranet.test:{port}/admin");
    // The name resolves to loopback: blocked, whatever the name looks like.
    let mut o = opts();
    o.allow_hosts = vec![];
    o.resolve = vec!["intranet.test:127.0.0.1".into()];
    let v = fetch_one(o.clone(), url.clone()).await;
    assert_eq!(kind(&v), "blocked");
    assert!(message(&v).starts_with("blocked: intranet.test resolves to 127.0.0.1, a loopback address"), "{v}");
    assert!(internal.hits().is_empty());

    // Allowed by name, by CIDR block, or for all private addresses, it is fetched.
    for allow in [vec!["intranet.test".to_string()], vec!["*.test".into()], vec!["127.0.0.0/8".into()]] {
        let mut o = o.clone();
        o.allow_hosts = allow.clone();
        assert_ok(&fetch_one(o, url.clone()).await, "Internal Admin Secret");
    }
    let mut open = o.clone();
    open.allow_private = true;
    assert_ok(&fetch_one(open.clone(), url.clone()).await, "Internal Admin Secret");

    // The deny list wins, even over --allow-private.
    open.deny_hosts = vec!["intranet.test".into()];
    let v = fetch_one(open, url.clone()).await;
    assert_eq!(kind(&v), "blocked");
    assert_eq!(message(&v), "blocked: intranet.test is in --deny-hosts");
}

#[test]
fn cli_redirect_to_an_internal_page_is_blocked_and_allow_flags_open_it() {
    let internal = internal_server();
    let secret = internal.url("/secret");
    let public = Server::start_on("127.0.0.2", move |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/story" => Reply::redirect(302, &secret),
        _ => Reply::status(404),
    });
    let story = format!("http://news.test:{}/story", public.addr.port());
    let assert = pith()
        .args(["fetch", "--rate", "100", "--retries", "0", "--timeout", "5", "--format", "jsonl"])
        .args(["--resolve", "news.test:127.0.0.2", "--allow-hosts", "news.test"])
        .arg(&story)
        .assert()
        .code(2);
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(kind(&v), "blocked");
    assert!(v["text"].is_null() && !assert.get_output().stdout.windows(6).any(|w| w == b"Secret"));
    assert!(internal.hits().is_empty(), "{:?}", internal.hits());
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("blocked: 127.0.0.1 is a loopback address"), "{stderr}");

    // Opted in, the intranet page is fetched.
    pith()
        .args(["fetch", "--rate", "100", "--retries", "0", "--timeout", "5", "--allow-private"])
        .args(["--resolve", "news.test:127.0.0.2"])
        .arg(&story)
        .assert()
        .success();
    assert_eq!(internal.count("/secret"), 1);

    // Bad entries are usage errors.
    for bad in [["--allow-hosts", "10.0.0.0/99"], ["--resolve", "news.test"], ["--deny-hosts", "a b"]] {
        pith().arg("fetch").args(bad).arg(&story).assert().code(2);
    }
}

// ---------------------------------------------------------------------------------------------
// robots.txt by RFC 9309
// ---------------------------------------------------------------------------------------------

/// A raw server whose robots.txt says `Disallow: /` and then breaks as `how` says; its pages
/// answer normally (they must never be asked for).
fn broken_robots(ip: &str, how: &'static str) -> RawServer {
    RawServer::start_on(ip, move |path| {
        let rules = b"User-agent: *\nDisallow: /\n";
        if path != "/robots.txt" {
            return (
                raw_response(200, &[("Content-Type", "text/html")], page("Fetched Anyway").as_bytes()),
                RawEnd::Close,
            );
        }
        match how {
            // The rules, then a reset before the promised length.
            "reset" => (raw_response(200, &[("Content-Length", "5000")], rules), RawEnd::Reset),
            // The rules, then the connection closed before the promised length.
            "close" => (raw_response(200, &[("Content-Length", "5000")], rules), RawEnd::Close),
            // A gzip body that is not gzip.
            "gzip" => {
                let mut body = gzip(rules);
                body.truncate(body.len() / 2);
                body.extend_from_slice(b"\x00garbage that is not deflate data\xff\xfe");
                let len = body.len().to_string();
                (raw_response(200, &[("Content-Encoding", "gzip"), ("Content-Length", &len)], &body), RawEnd::Close)
            }
            // A chunked body cut after the rules.
            _ => {
                let mut body = format!("{:x}\r\n", rules.len()).into_bytes();
                body.extend_from_slice(rules);
                body.extend_from_slice(b"\r\n");
                (raw_response(200, &[("Transfer-Encoding", "chunked")], &body), RawEnd::Close)
            }
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_robots_txt_that_breaks_in_transfer_disallows_the_site() {
    let servers: Vec<(&str, RawServer)> =
        [("reset", "127.0.0.2"), ("close", "127.0.0.3"), ("gzip", "127.0.0.4"), ("cut-chunked", "127.0.0.5")]
            .into_iter()
            .map(|(how, ip)| (how, broken_robots(ip, how)))
            .collect();
    let mut o = opts();
    o.retries = 0;
    let urls: Vec<String> = servers.iter().map(|(_, s)| s.url("/story")).collect();
    let out = fetch_all(o, &urls).await;
    for ((how, server), v) in servers.iter().zip(&out) {
        assert_eq!(kind(v), "robots_denied", "{how}: {v}");
        let m = message(v);
        assert!(m.starts_with(&format!("robots.txt of http://{} could not be read (", server.addr)), "{how}: {m}");
        assert!(m.contains("RFC 9309"), "{how}: {m}");
        assert_eq!(server.count("/story"), 0, "{how}: the page was fetched");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_txt_timeouts_name_robots_txt_and_a_redirect_without_location_is_no_disallow() {
    let stalled = Server::start_on("127.0.0.2", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::Stall,
        _ => Reply::html(page("Behind A Stalled Robots")),
    });
    let no_location = Server::start_on("127.0.0.3", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::Full { status: 301, headers: vec![], body: bytes::Bytes::new() },
        _ => Reply::html(page("Redirect Without Location")),
    });
    let mut o = opts();
    o.timeout = ms(300);
    o.retries = 0;
    let out = fetch_all(o, &[stalled.url("/a"), no_location.url("/b")]).await;
    assert_eq!(kind(&out[0]), "timeout");
    assert_eq!(
        message(&out[0]),
        format!("timed out: the request took longer than 0.3 s (asking for {})", stalled.url("/robots.txt"))
    );
    assert_eq!(stalled.count("/a"), 0);
    // RFC 9309 §2.3.1.2: a redirect that cannot be followed leaves robots.txt unavailable.
    assert_ok(&out[1], "Redirect Without Location");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_robots_txt_disallows_and_rules_beyond_the_cap_are_not_read() {
    let busy = Server::start_on("127.0.0.2", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(429),
        _ => Reply::html(page("Never")),
    });
    // 600 KiB of comments, then a rule past the 500 KiB cap: not read, so /late is allowed.
    let mut big = String::from("User-agent: *\nDisallow: /early\n");
    while big.len() < 600 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    big.push_str("Disallow: /late\n");
    let large = Server::start_on("127.0.0.3", move |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::text(&big),
        p => Reply::html(page(&format!("Page {p}"))),
    });
    let mut o = opts();
    o.retries = 0;
    let out = fetch_all(o, &[busy.url("/a"), large.url("/early/1"), large.url("/late/1")]).await;
    assert_eq!(kind(&out[0]), "robots_denied");
    assert!(message(&out[0]).contains("answered HTTP 429 Too Many Requests"), "{}", out[0]);
    assert_eq!(kind(&out[1]), "robots_denied");
    assert_ok(&out[2], "Page /late/1");
}

// ---------------------------------------------------------------------------------------------
// Broken transfers are `io`; only a failing decompressor is `decode`
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_transfers_are_io_and_bad_compressed_data_is_decode() {
    let html = page("Half A Page");
    let half = html.as_bytes()[..html.len() / 2].to_vec();
    let gz = gzip(html.as_bytes());
    let server = RawServer::start_on("127.0.0.2", move |path| {
        let ct = ("Content-Type", "text/html");
        let long = ("Content-Length", "100000");
        match path {
            "/robots.txt" => (raw_response(404, &[("Content-Length", "0")], b""), RawEnd::Close),
            "/early-close" => (raw_response(200, &[ct, long], &half), RawEnd::Close),
            "/reset" => (raw_response(200, &[ct, long], &half), RawEnd::Reset),
            "/cut-chunked" => {
                let body = [format!("{:x}\r\n", half.len()).as_bytes(), &half, b"\r\n"].concat();
                (raw_response(200, &[ct, ("Transfer-Encoding", "chunked")], &body), RawEnd::Close)
            }
            "/bad-chunk-size" => {
                let body = [b"zz\r\n".as_slice(), &half, b"\r\n0\r\n\r\n"].concat();
                (raw_response(200, &[ct, ("Transfer-Encoding", "chunked")], &body), RawEnd::Close)
            }
            "/gzip-early-close" => {
                let cut = &gz[..gz.len() / 2];
                (raw_response(200, &[ct, ("Content-Encoding", "gzip"), long], cut), RawEnd::Close)
            }
            "/gzip-reset" => {
                let cut = &gz[..gz.len() / 2];
                (raw_response(200, &[ct, ("Content-Encoding", "gzip"), long], cut), RawEnd::Reset)
            }
            "/not-gzip" => {
                let body = b"this is not gzip data at all, just text".to_vec();
                let len = body.len().to_string();
                (raw_response(200, &[ct, ("Content-Encoding", "gzip"), ("Content-Length", &len)], &body), RawEnd::Close)
            }
            _ => {
                // A gzip stream cut short, in a complete HTTP body.
                let cut = &gz[..gz.len() - 12];
                let len = cut.len().to_string();
                (raw_response(200, &[ct, ("Content-Encoding", "gzip"), ("Content-Length", &len)], cut), RawEnd::Close)
            }
        }
    });
    let mut o = opts();
    o.retries = 0;
    let io_paths = ["/early-close", "/reset", "/cut-chunked", "/bad-chunk-size", "/gzip-early-close", "/gzip-reset"];
    let decode_paths = ["/not-gzip", "/gzip-truncated-stream"];
    let urls: Vec<String> = io_paths.iter().chain(&decode_paths).map(|p| server.url(p)).collect();
    let out = fetch_all(o, &urls).await;
    for (v, path) in out.iter().zip(io_paths.iter().chain(&decode_paths)) {
        let want = if decode_paths.contains(path) { "decode" } else { "io" };
        assert_eq!(kind(v), want, "{path}: {v}");
        if want == "io" {
            assert!(message(v).starts_with("the transfer broke: "), "{path}: {v}");
        } else {
            assert!(message(v).starts_with("cannot decompress the body: "), "{path}: {v}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bounded work-ahead and one record per URL
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_url_first_holds_back_at_most_the_window() {
    let stalled = Server::start_on("127.0.0.2", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(page("Slow But There")).after(ms(1000)),
    });
    let fast = Server::start_on("127.0.0.3", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        p => Reply::html(page(&format!("Fast {p}"))),
    });
    let mut urls = vec![stalled.url("/first")];
    urls.extend((0..100).map(|i| fast.url(&format!("/{i}"))));
    let mut o = opts();
    o.concurrency = 2;
    let window = batch::work_ahead_window(2);
    let out = fetch_all(o, &urls).await;
    assert_ok(&out[0], "Slow But There");
    assert!(out[1..].iter().all(|v| v["status"] == "ok"));
    let answered = stalled.hits_of("/first")[0].answered.unwrap();
    let ahead = fast.hits().iter().filter(|h| h.path != "/robots.txt" && h.at < answered).count();
    // The stalled URL is one of the window; the others may go ahead, no more.
    assert!(ahead < window, "{ahead} URLs were fetched ahead of a stalled one, over the window of {window}");
    assert!(ahead > 0, "the window lets some URLs go ahead");
}

#[test]
fn cli_one_failing_url_gives_its_record_with_jsonl_or_a_list() {
    let server = site();
    let url = server.url("/missing");
    // The only input, not fetched: exit 2, and its record all the same.
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "jsonl"])
        .arg(&url)
        .assert()
        .code(2);
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!((kind(&v), v["input"].as_str().unwrap()), ("http_status", url.as_str()));
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("one.txt");
    std::fs::write(&list, format!("{url}\n")).unwrap();
    let assert =
        pith().args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "-i"]).arg(&list).assert().code(2);
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(kind(&v), "http_status");
}

// ---------------------------------------------------------------------------------------------
// The terminal and credentials
// ---------------------------------------------------------------------------------------------

#[test]
fn cli_control_characters_from_urls_and_servers_never_reach_stderr_raw() {
    let server = RawServer::start_on("127.0.0.2", |path| match path {
        "/robots.txt" => (raw_response(404, &[("Content-Length", "0")], b""), RawEnd::Close),
        p if p.starts_with("/r404") => (raw_response(404, &[("Content-Length", "0")], b""), RawEnd::Close),
        _ => {
            // HTTP forbids C0 controls in a header, not the bytes of U+202E or U+0085.
            let ct = "text/\u{202e}lmth\u{85}\u{9b}2J";
            (raw_response(200, &[("Content-Type", ct), ("Content-Length", "4")], b"%PDF"), RawEnd::Close)
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    let nasty =
        format!("{}?\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}[1;1HAll 2000 URLs fetched OK\u{202e}", server.url("/r404"));
    std::fs::write(&list, format!("{nasty}\n{}\n", server.url("/typed"))).unwrap();
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.2", "--rate", "100", "--retries", "0", "-i"])
        .arg(&list)
        .assert()
        .code(1);
    let stderr = assert.get_output().stderr.clone();
    let text = String::from_utf8(stderr.clone()).unwrap();
    for raw in ["\u{1b}", "\u{7}", "\u{202e}", "\u{85}", "\u{9b}"] {
        assert!(!text.contains(raw), "{raw:?} reached stderr: {text:?}");
    }
    assert!(text.contains("\\x1b]0;PWNED\\x07\\x1b[2J"), "{text}");
    assert!(text.contains("not an HTML page: the content type is text/\\u{202e}lmth\\x85\\x9b2j"), "{text}");
    assert_eq!(text.lines().count(), 2, "one line per failing URL: {text}");
}

#[test]
fn cli_credentials_are_never_forwarded_and_never_shown() {
    let landing = Server::start_on("127.0.0.3", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(page("Landing")),
    });
    let target = format!("http://attacker:chosen@{}/landing", landing.addr);
    let origin = Server::start_on("127.0.0.2", move |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/go" => Reply::redirect(302, &target),
        _ => Reply::html(page("Origin Page")),
    });
    let with_creds = format!("http://me:s3cret@{}/go", origin.addr);
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--format", "jsonl"])
        .arg(&with_creds)
        .arg(format!("http://me:s3cret@{}/missing-page", landing.addr))
        .assert()
        .code(0);
    assert!(origin.hits_of("/go")[0].authorization.starts_with("Basic "), "the URL's own credentials go to its host");
    assert!(
        landing.hits_of("/landing").iter().all(|h| h.authorization.is_empty()),
        "credentials sent after a redirect"
    );
    assert!(landing.hits_of("/missing-page")[0].authorization.starts_with("Basic "));
    for server in [&origin, &landing] {
        assert!(server.hits_of("/robots.txt").iter().all(|h| h.authorization.is_empty()), "none to robots.txt");
    }
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for secret in ["s3cret", "attacker", "chosen"] {
        assert!(!stdout.contains(secret) && !stderr.contains(secret), "{secret} shown: {stdout}{stderr}");
    }
    let v: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_ok(&v, "Landing");
    assert_eq!(v["input"], format!("http://***@{}/go", origin.addr));
    assert_eq!(v["url"], landing.url("/landing"));
}

// ---------------------------------------------------------------------------------------------
// The rest: long URLs, charset conflicts, page limits, proxies, closed stdout
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_url_over_the_length_limit_is_invalid_input() {
    let server = site();
    let long = server.url(&format!("/a?{}", "q".repeat(70 * 1024)));
    let redirecting = Server::start_on("127.0.0.2", |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::Full {
            status: 302,
            headers: vec![("location".into(), format!("/b?{}", "r".repeat(20 * 1024)))],
            body: bytes::Bytes::new(),
        },
    });
    let out = fetch_all(opts(), &[long, redirecting.url("/go")]).await;
    assert_eq!(kind(&out[0]), "invalid_input");
    assert!(message(&out[0]).contains("over the limit of 16384"), "{}", message(&out[0]));
    assert_eq!(kind(&out[1]), "invalid_input", "a redirect to a URL over the limit");
    assert!(message(&out[1]).contains("over the limit of 16384"), "{}", message(&out[1]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_charset_header_that_contradicts_the_bytes_gives_a_warning() {
    let utf8 = page("Café Olé").into_bytes();
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/misdeclared" => Reply::typed("text/html; charset=iso-8859-1", utf8.clone()),
        "/declared" => Reply::typed("text/html; charset=utf-8", utf8.clone()),
        _ => Reply::status(404),
    });
    let out = fetch_all(opts(), &[server.url("/misdeclared"), server.url("/declared")]).await;
    assert!(warning_codes(&out[0]).contains(&"charset_conflict".to_string()), "{}", out[0]["warnings"]);
    assert!(!warning_codes(&out[1]).contains(&"charset_conflict".to_string()));
}

#[test]
fn cli_fetch_takes_the_page_limits() {
    let server = site();
    let assert = pith()
        .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100", "--max-nodes", "10"])
        .arg(server.url("/a"))
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("nodes"), "{stderr}");
}

#[test]
fn cli_a_proxy_from_the_environment_is_used_and_no_proxy_skips_it() {
    // The proxy runs on loopback: the user's own choice, trusted without --allow-private.
    let proxy = Server::start(|r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(page("Through The Proxy")),
    });
    let assert = pith()
        .env("HTTP_PROXY", format!("http://{}", proxy.addr))
        .args(["fetch", "--rate", "100", "--retries", "0", "--timeout", "5"])
        .arg("http://news.example.test/story")
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_ok(&v, "Through The Proxy");
    assert!(proxy.hits().iter().any(|h| h.target == "http://news.example.test/story"), "{:?}", proxy.hits());
    let before = proxy.hits().len();
    pith()
        .env("HTTP_PROXY", format!("http://{}", proxy.addr))
        .args(["fetch", "--rate", "100", "--retries", "0", "--timeout", "5", "--connect-timeout", "2", "--no-proxy"])
        .arg("http://news.example.test/story")
        .assert()
        .code(2);
    assert_eq!(proxy.hits().len(), before, "--no-proxy connects directly");
}

#[test]
fn cli_a_closed_stdout_stops_fetch_with_exit_2() {
    let server = site();
    let urls: Vec<String> = (0..3).map(|_| server.url("/a")).collect();
    let code = run_with_closed_stdout(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("pith"))
            .args(["fetch", "--allow-hosts", "127.0.0.0/8", "--rate", "100"])
            .args(&urls),
    );
    assert_eq!(code, Some(2));
}

/// Runs a command whose standard output is a pipe already closed at the other end.
fn run_with_closed_stdout(cmd: &mut std::process::Command) -> Option<i32> {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdout(writer).stderr(std::process::Stdio::null()).status().unwrap().code()
}
