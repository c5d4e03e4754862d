//! `pith batch`: directories, WARC files, URL lists, order, exit codes, kill and resume.

use crate::http_server;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

use http_server::{Reply, Req, Server};

const GOOD: &str = "testdata/ismg/seed-tiktok-oracle.html";
const OTHER: &str = "testdata/generic/example-blog.html";

fn pith() -> Command {
    Command::cargo_bin("pith").expect("pith binary")
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("pith")
}

fn records(path: &Path) -> Vec<Value> {
    let text = fs::read_to_string(path).expect("output file");
    assert!(text.is_empty() || text.ends_with('\n'), "the output ends with a whole line");
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn kind(v: &Value) -> &str {
    if v["status"] == "ok" { "ok" } else { v["error"]["kind"].as_str().unwrap_or("?") }
}

fn inputs(records: &[Value]) -> Vec<String> {
    records.iter().map(|r| field(r, "input").to_string()).collect()
}

#[test]
fn a_directory_gives_one_record_per_page_file_in_name_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir_all(dir.join("b-sub/deeper")).unwrap();
    fs::copy(GOOD, dir.join("a-good.html")).unwrap();
    fs::write(dir.join("c-empty.html"), "  \n").unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    fs::write(dir.join("d-binary.htm"), png).unwrap();
    // A 60 MB file (sparse: no disk used): over the default 50 MB limit, never read.
    fs::File::create(dir.join("e-huge.html")).unwrap().set_len(60 * 1024 * 1024).unwrap();
    fs::copy(OTHER, dir.join("b-sub/deeper/page.xhtml")).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&fs::read(GOOD).unwrap()).unwrap();
    fs::write(dir.join("b-sub/zipped.html.gz"), gz.finish().unwrap()).unwrap();
    // Not pages: skipped without a record.
    fs::write(dir.join("notes.txt"), "not a page").unwrap();
    fs::write(dir.join(".hidden.html"), "<p>hidden</p>").unwrap();
    fs::write(dir.join("b-sub/index.jsonl"), "{}").unwrap();

    let out = tmp.path().join("out.jsonl");
    let assert = pith().arg("batch").arg(&dir).arg("-o").arg(&out).args(["--jobs", "2"]).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("6 pages: 3 articles, 3 errors (empty 1, not_html 1, too_large 1)"), "{stderr}");
    let recs = records(&out);
    let want: Vec<String> = [
        "a-good.html",
        "b-sub/deeper/page.xhtml",
        "b-sub/zipped.html.gz",
        "c-empty.html",
        "d-binary.htm",
        "e-huge.html",
    ]
    .iter()
    .map(|f| dir.join(f).to_string_lossy().into_owned())
    .collect();
    assert_eq!(inputs(&recs), want);
    let kinds: Vec<&str> = recs.iter().map(kind).collect();
    assert_eq!(kinds, ["ok", "ok", "ok", "empty", "not_html", "too_large"]);
    assert_eq!(recs[0]["title"], "TikTok Picks Oracle as US 'Technology Partner'");
    assert_eq!(recs[2]["title"], recs[0]["title"], "a .gz page is decompressed");

    // One job, or the byte limit as a flag: the same records, in the same order.
    let out1 = tmp.path().join("out1.jsonl");
    pith().arg("batch").arg(&dir).arg("-o").arg(&out1).args(["-j", "1"]).assert().code(1);
    assert_eq!(fs::read(&out).unwrap(), fs::read(&out1).unwrap());
    let small = tmp.path().join("small.jsonl");
    pith().arg("batch").arg(&dir).arg("-o").arg(&small).args(["--max-bytes", "1000"]).assert().code(1);
    let kinds: Vec<String> = records(&small).iter().map(|r| kind(r).to_string()).collect();
    assert_eq!(kinds, ["too_large", "too_large", "too_large", "empty", "too_large", "too_large"]);
}

#[test]
fn standard_output_and_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(GOOD, tmp.path().join("one.html")).unwrap();
    let assert = pith().arg("batch").arg(tmp.path()).assert().code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.starts_with("{\"schema_version\":1,\"status\":\"ok\""), "{stdout}");
    // Nothing to do, a missing path, --resume without -o: usage errors, nothing written.
    pith().arg("batch").assert().code(2);
    pith().arg("batch").arg(tmp.path().join("missing")).assert().code(2).stdout("");
    pith().arg("batch").arg(tmp.path()).arg("--resume").assert().code(2).stdout("");
}

// ---------------------------------------------------------------------------------------
// WARC

/// One WARC record, as its own gzip member when `gz`.
fn warc_record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-05-06T07:08:09Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
        .into_bytes();
    r.extend_from_slice(body);
    r
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A Common Crawl style WARC.gz: one gzip member per record. Returns the file and the byte
/// offset where the last record's member starts.
fn crawl_warc() -> (Vec<u8>, usize) {
    let resp = "application/http; msgtype=response";
    let page1 = fs::read(GOOD).unwrap();
    let page2 = fs::read(OTHER).unwrap();
    let records = [
        warc_record(
            "warcinfo",
            "urn:uuid:00000000-0000-0000-0000-000000000000",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "urn:uuid:11111111-0000-0000-0000-000000000001",
            "https://www.bankinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        ),
        warc_record(
            "response",
            "urn:uuid:11111111-0000-0000-0000-000000000002",
            "https://www.bankinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003",
            resp,
            &http_response("text/html; charset=utf-8", &page1),
        ),
        warc_record(
            "response",
            "urn:uuid:11111111-0000-0000-0000-000000000003",
            "https://blog.example.com/logo.png",
            resp,
            &http_response("image/png", b"\x89PNG\r\n\x1a\nxxxx"),
        ),
        warc_record(
            "metadata",
            "urn:uuid:11111111-0000-0000-0000-000000000004",
            "https://blog.example.com/",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        warc_record(
            "response",
            "urn:uuid:11111111-0000-0000-0000-000000000005",
            "https://blog.example.com/patch-tuesday",
            resp,
            &http_response("text/html", &page2),
        ),
        warc_record(
            "response",
            "urn:uuid:11111111-0000-0000-0000-000000000006",
            "https://www.bankinfosecurity.com/again-a-15004",
            resp,
            &http_response("text/html", &page1),
        ),
    ];
    let mut file = Vec::new();
    let mut last = 0;
    for r in &records {
        last = file.len();
        file.extend(gzip_member(r));
    }
    (file, last)
}

#[test]
fn a_warc_gz_gives_its_html_responses_with_record_ids_and_target_uris() {
    let tmp = tempfile::tempdir().unwrap();
    let (warc, _) = crawl_warc();
    let path = tmp.path().join("crawl.warc.gz");
    fs::write(&path, &warc).unwrap();
    let out = tmp.path().join("out.jsonl");
    pith().arg("batch").arg(&path).arg("-o").arg(&out).assert().code(0);
    let recs = records(&out);
    assert_eq!(
        inputs(&recs),
        [
            "urn:uuid:11111111-0000-0000-0000-000000000002",
            "urn:uuid:11111111-0000-0000-0000-000000000005",
            "urn:uuid:11111111-0000-0000-0000-000000000006"
        ]
    );
    assert_eq!(recs[0]["url"], "https://www.bankinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003");
    assert_eq!(recs[0]["source_id"], "a-15003");
    assert_eq!(recs[0]["source"]["http_status"], 200);
    assert_eq!(recs[0]["source"]["fetched_at"], "2024-05-06T07:08:09Z");
    assert_eq!(recs[1]["url"], "https://blog.example.com/patch-tuesday");
    assert_eq!(recs[2]["source_id"], "a-15004");

    // The same records uncompressed, detected by content whatever the name.
    let plain = tmp.path().join("crawl.bin");
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&warc[..]), &mut text).unwrap();
    fs::write(&plain, text).unwrap();
    let out2 = tmp.path().join("out2.jsonl");
    pith().arg("batch").arg(&plain).arg("-o").arg(&out2).assert().code(0);
    assert_eq!(fs::read(&out).unwrap(), fs::read(&out2).unwrap());
}

#[test]
fn a_truncated_warc_gz_gives_the_records_before_the_damage_then_one_truncated_record() {
    let tmp = tempfile::tempdir().unwrap();
    let (warc, last) = crawl_warc();
    // Cut in the middle of the last record's gzip member.
    let cut = last + (warc.len() - last) / 2;
    let path = tmp.path().join("cut.warc.gz");
    fs::write(&path, &warc[..cut]).unwrap();
    let out = tmp.path().join("out.jsonl");
    let assert = pith().arg("batch").arg(&path).arg("-o").arg(&out).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("3 pages: 2 articles, 1 errors (truncated 1)"), "{stderr}");
    let recs = records(&out);
    let kinds: Vec<&str> = recs.iter().map(kind).collect();
    assert_eq!(kinds, ["ok", "ok", "truncated"]);
    assert_eq!(field(&recs[2], "input"), "urn:uuid:11111111-0000-0000-0000-000000000006");
    assert_eq!(recs[2]["url"], "https://www.bankinfosecurity.com/again-a-15004");
    assert!(field(&recs[2]["error"], "message").contains("damaged or truncated"), "{}", recs[2]);

    // Cut inside a gzip member header, and garbage appended after whole records.
    for (name, bytes) in
        [("head.warc.gz", warc[..last + 5].to_vec()), ("junk.warc.gz", [&warc[..last], b"not gzip at all"].concat())]
    {
        let path = tmp.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = tmp.path().join(format!("{name}.jsonl"));
        pith().arg("batch").arg(&path).arg("-o").arg(&out).assert().code(1);
        let kinds: Vec<String> = records(&out).iter().map(|r| kind(r).to_string()).collect();
        assert_eq!(kinds, ["ok", "ok", "truncated"], "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// Kill and resume

fn line_count(path: &Path) -> usize {
    fs::read(path).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0)
}

#[test]
fn a_batch_killed_midway_and_resumed_loses_nothing_and_doubles_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    let pages = [fs::read(GOOD).unwrap(), fs::read(OTHER).unwrap()];
    const N: usize = 300;
    for i in 0..N {
        let sub = dir.join(format!("d{}", i / 100));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("p{i:04}.html")), &pages[i % 2]).unwrap();
    }
    let out = tmp.path().join("out.jsonl");

    // Start, let it write some lines, kill it.
    let mut child = std::process::Command::new(bin())
        .arg("batch")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while line_count(&out) < 20 && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = line_count(&out);
    assert!((20..N).contains(&before), "killed after {before} of {N} lines");
    // As if the kill had come in the middle of a write.
    fs::OpenOptions::new()
        .append(true)
        .open(&out)
        .unwrap()
        .write_all(b"{\"schema_version\":1,\"status\":\"ok\",\"inp")
        .unwrap();

    let assert = pith().arg("batch").arg(&dir).arg("-o").arg(&out).arg("--resume").assert().code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("cut a partial last line"), "{stderr}");
    assert!(stderr.contains(&format!("{} pages: {0} articles", N - before)), "{stderr}");
    assert!(stderr.contains(&format!("{before} already done, skipped")), "{stderr}");

    let recs = records(&out);
    let want: Vec<String> = (0..N)
        .map(|i| dir.join(format!("d{}", i / 100)).join(format!("p{i:04}.html")).to_string_lossy().into_owned())
        .collect();
    assert_eq!(inputs(&recs), want, "every page once, in order");
    assert!(recs.iter().all(|r| r["status"] == "ok"));

    // Resuming a finished run does nothing.
    let len = fs::metadata(&out).unwrap().len();
    pith().arg("batch").arg(&dir).arg("-o").arg(&out).arg("--resume").assert().code(0);
    assert_eq!(fs::metadata(&out).unwrap().len(), len);
}

// ---------------------------------------------------------------------------------------
// URL lists

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{}</article></body></html>",
        "<p>A paragraph of the story with enough words in it to count as the body of an article.</p>".repeat(5)
    )
}

#[test]
fn a_url_list_goes_through_the_fetcher_in_order_and_resumes() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/one" => Reply::html(page("First Story")),
        "/two" => Reply::html(page("Second Story")),
        _ => Reply::status(404),
    });
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("fast.toml");
    fs::write(&config, "[fetch]\nrate = 1000.0\nrobots = false\nretries = 0\nallow_private = true\n").unwrap();
    let list = tmp.path().join("urls.txt");
    let urls = [server.url("/one"), server.url("/missing"), "not a url".to_string(), server.url("/two")];
    fs::write(&list, format!("# a comment\n{}\n", urls.join("\n"))).unwrap();
    let out = tmp.path().join("out.jsonl");
    pith().args(["batch", "-i"]).arg(&list).arg("-o").arg(&out).arg("--config").arg(&config).assert().code(1);
    let recs = records(&out);
    assert_eq!(inputs(&recs), urls);
    let kinds: Vec<&str> = recs.iter().map(kind).collect();
    assert_eq!(kinds[..2], ["ok", "http_status"]);
    assert_eq!(kinds[3], "ok");
    assert_eq!(recs[3]["title"], "Second Story");

    // Drop the last two lines and resume: only those URLs are fetched again.
    let text = fs::read_to_string(&out).unwrap();
    let keep: Vec<&str> = text.lines().take(2).collect();
    fs::write(&out, keep.join("\n") + "\n").unwrap();
    let hits_before = server.count("/one");
    pith()
        .args(["batch", "-i"])
        .arg(&list)
        .arg("-o")
        .arg(&out)
        .arg("--config")
        .arg(&config)
        .arg("--resume")
        .assert()
        .code(1);
    assert_eq!(inputs(&records(&out)), urls);
    assert_eq!(server.count("/one"), hits_before, "a URL already done is not fetched again");
}

#[test]
fn resume_knows_a_url_with_credentials_by_its_redacted_record() {
    let server = Server::start(|r: &Req| match r.path.as_str() {
        "/one" => Reply::html(page("First Story")),
        _ => Reply::status(404),
    });
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("fast.toml");
    fs::write(&config, "[fetch]\nrate = 1000.0\nrobots = false\nretries = 0\nallow_private = true\n").unwrap();
    let list = tmp.path().join("urls.txt");
    fs::write(&list, format!("http://reader:s3cret@{}/one\n", server.addr)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let batch = || {
        let mut cmd = pith();
        cmd.args(["batch", "-i"]).arg(&list).arg("-o").arg(&out).arg("--config").arg(&config);
        cmd
    };
    batch().assert().code(0);
    let text = fs::read_to_string(&out).unwrap();
    assert!(!text.contains("s3cret") && !text.contains("reader"), "{text}");
    assert_eq!(inputs(&records(&out)), [format!("http://***@{}/one", server.addr)]);

    let assert = batch().arg("--resume").assert().code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("1 already done, skipped"), "{stderr}");
    assert!(!stderr.contains("matched no input"), "{stderr}");
    assert_eq!(server.count("/one"), 1, "the URL is not fetched again");
    assert_eq!(records(&out).len(), 1);
}

// ---------------------------------------------------------------------------------------
// Resume on outputs that are not what they seem; closed and full outputs

#[cfg(target_os = "linux")]
#[test]
fn resume_on_a_device_is_a_usage_error_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(GOOD, tmp.path().join("a.html")).unwrap();
    for dev in ["/dev/zero", "/dev/full", "/dev/null"] {
        let started = Instant::now();
        let assert = pith()
            .arg("batch")
            .arg(tmp.path())
            .args(["-o", dev, "--resume"])
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(&format!("cannot resume {dev}: not a regular file")), "{stderr}");
        assert!(!stderr.contains("pages:"), "no work was done: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn resume_keeps_a_whole_last_record_without_its_newline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(GOOD, dir.join("a.html")).unwrap();
    fs::copy(OTHER, dir.join("b.html")).unwrap();
    let out = tmp.path().join("out.jsonl");
    pith().arg("batch").arg(&dir).arg("-o").arg(&out).assert().code(0);
    // Keep only the first record, without its newline (a kill between the record and its
    // newline cannot happen with one write, but a hand edit or a copy can leave it so).
    let text = fs::read_to_string(&out).unwrap();
    let first = text.lines().next().unwrap().to_string();
    fs::write(&out, &first).unwrap();
    let assert = pith().arg("batch").arg(&dir).arg("-o").arg(&out).arg("--resume").assert().code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("1 already done, skipped"), "{stderr}");
    assert!(!stderr.contains("cut"), "{stderr}");
    let recs = records(&out);
    assert_eq!(inputs(&recs), [dir.join("a.html"), dir.join("b.html")].map(|p| p.to_string_lossy().into_owned()));
}

#[test]
fn resume_with_inputs_spelled_otherwise_warns_with_a_count() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d5");
    fs::create_dir_all(&dir).unwrap();
    for i in 0..5 {
        fs::copy(GOOD, dir.join(format!("p{i}.html"))).unwrap();
    }
    let out = tmp.path().join("out.jsonl");
    pith().current_dir(tmp.path()).args(["batch", "d5", "-o"]).arg(&out).assert().code(0);
    let assert =
        pith().current_dir(tmp.path()).args(["batch", "./d5", "-o"]).arg(&out).arg("--resume").assert().code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("pith: warning:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].starts_with("pith: warning: 5 records already in "), "{stderr}");
    assert!(stderr.contains("5 earlier records matched no input"), "the summary says it too: {stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_names_the_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(GOOD, tmp.path().join("a.html")).unwrap();
    let assert = pith().arg("batch").arg(tmp.path()).args(["-o", "/dev/full"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("cannot write /dev/full: No space left on device"), "{stderr}");
}

/// Runs `pith ARGS` with `stdin` and a standard output already closed at the other end.
fn exit_with_closed_stdout(args: &[&str], stdin: &[u8]) -> Option<i32> {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = std::process::Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin);
    drop(input);
    child.wait().unwrap().code()
}

#[test]
fn a_closed_stdout_stops_every_command_with_exit_2() {
    let line = format!("{}\n", serde_json::json!({"id": "x", "html": fs::read_to_string(GOOD).unwrap()}));
    for (args, stdin) in [
        (vec!["extract", GOOD, OTHER], String::new()),
        (vec!["extract", GOOD], String::new()),
        (vec!["batch", GOOD, OTHER], String::new()),
        (vec!["filter"], line.repeat(3)),
        (vec!["schema"], String::new()),
    ] {
        assert_eq!(exit_with_closed_stdout(&args, stdin.as_bytes()), Some(2), "{args:?}");
    }
}
