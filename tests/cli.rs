//! The `pith` command line: formats, inputs, exit codes and error records, as the contract
//! (`docs/contract.md`) defines them.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

const SEED: &str = "testdata/ismg/seed-tiktok-oracle.html";
const SEED_URL: &str = "https://www.bankinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003";

fn pith() -> Command {
    let mut c = Command::cargo_bin("pith").unwrap();
    c.current_dir(common::repo());
    c
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

#[test]
fn extract_one_file_prints_pretty_json() {
    let out = pith().args(["extract", SEED]).assert().success().get_output().stdout.clone();
    let v = json(&out);
    assert_eq!(v["title"], "TikTok Picks Oracle as US 'Technology Partner'");
    assert_eq!(v["url"], SEED_URL, "the URL comes from the page's canonical link");
    assert_eq!(v["input"], SEED);
    assert!(v["removed"].is_null(), "removed is null without --explain");
    assert!(String::from_utf8_lossy(&out).lines().count() > 10, "pretty-printed");
}

#[test]
fn stdin_with_url() {
    let page = std::fs::read(common::repo().join(SEED)).unwrap();
    let url = "https://www.govinfosecurity.com/tiktok-picks-oracle-as-us-technology-partner-a-15003";
    let out =
        pith().args(["extract", "-", "--url", url]).write_stdin(page).assert().success().get_output().stdout.clone();
    let v = json(&out);
    assert_eq!(v["input"], "-");
    assert_eq!(v["url"], url);
    assert_eq!(v["site"]["name"], "GovInfoSecurity");
    assert_eq!(v["source_id"], "a-15003");
}

#[test]
fn several_files_give_one_json_line_each() {
    let out = pith()
        .args(["extract", SEED, "testdata/ismg/old-page-2011.html", "testdata/generic/example-blog.html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<_> = String::from_utf8(out).unwrap().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(json(lines[2].as_bytes())["profile"], "generic");
    assert_eq!(json(lines[0].as_bytes())["profile"], "ismg");
}

#[test]
fn a_bad_input_among_several_is_an_error_record_and_exit_1() {
    let out = pith()
        .args(["extract", SEED, "testdata/nope.html", "testdata/ismg/old-page-2011.html"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("testdata/nope.html: no such file"))
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| json(l.as_bytes())).collect();
    assert_eq!(lines.len(), 3, "one line per input, in order");
    assert_eq!(lines[1]["status"], "error");
    assert_eq!(lines[1]["error"]["kind"], "not_found");
    assert_eq!(lines[1]["input"], "testdata/nope.html");
    assert!(lines[1]["error"]["status"].is_null());
    assert_eq!(lines[2]["status"], "ok");
}

#[test]
fn a_single_unusable_input_is_one_line_on_stderr_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "  \n").unwrap();
    let binary = dir.path().join("image.html");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let text = dir.path().join("notes.html");
    std::fs::write(&text, "just a note, no markup at all").unwrap();
    for (path, message) in [
        (dir.path().join("missing.html"), "no such file"),
        (empty, "the input is empty"),
        (binary, "not an HTML page: the input is a PNG image"),
        (text, "no HTML markup"),
        (dir.path().to_path_buf(), "is a directory"),
    ] {
        // JSON: the record (pretty) on standard output, the message on standard error.
        let assert = pith().arg("extract").arg(&path).assert().code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("pith: ") && stderr.contains(message), "{stderr}");
        let record = json(&assert.get_output().stdout);
        assert_eq!(record["status"], "error");
        assert!(record["error"]["message"].as_str().unwrap().contains(message), "{record}");
        // Markdown, text and HTML have no document for it.
        pith().arg("extract").arg(&path).args(["--format", "markdown"]).assert().code(2).stdout("");
    }
}

/// The narrow `no_article` test: pages whose visible text is all links, navigation or
/// boilerplate give an error record of that kind and exit 1, even alone; feeds are
/// `not_html` (exit 2 alone).
#[test]
fn pages_without_prose_are_no_article_and_feeds_not_html() {
    for (file, kind, code) in [
        ("testdata/no-article/home-page.html", "no_article", 1),
        ("testdata/no-article/navigation-only.html", "no_article", 1),
        ("testdata/no-article/frameset.html", "no_article", 1),
        ("testdata/no-article/feed.rss", "not_html", 2),
        ("testdata/no-article/feed.atom", "not_html", 2),
    ] {
        for format in ["json", "jsonl"] {
            let assert = pith().args(["extract", file, "--format", format]).assert().code(code);
            let record = json(&assert.get_output().stdout);
            assert_eq!(
                (record["status"].as_str(), record["error"]["kind"].as_str()),
                (Some("error"), Some(kind)),
                "{file}"
            );
            assert_eq!(record["input"], file);
            let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
            assert!(stderr.starts_with(&format!("pith: {file}: ")), "{stderr}");
        }
        pith().args(["extract", file, "--format", "text"]).assert().code(code).stdout("");
    }
    // Among several inputs: a record each, in order, exit 1.
    let out = pith()
        .args(["extract", "testdata/no-article/home-page.html", SEED, "testdata/no-article/feed.rss"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let kinds: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v = json(l.as_bytes());
            v["error"]["kind"].as_str().unwrap_or(v["status"].as_str().unwrap()).to_string()
        })
        .collect();
    assert_eq!(kinds, ["no_article", "ok", "not_html"]);
}

/// One sentence of prose outside the links makes the home page an article: `no_article` is
/// only for pages with none.
#[test]
fn a_home_page_with_one_sentence_of_prose_is_an_article() {
    let home = std::fs::read_to_string(common::repo().join("testdata/no-article/home-page.html")).unwrap();
    let with_prose = home.replacen(
        "<h2>Local news</h2>",
        "<h2>Local news</h2><p>Our reporters cover the eleven harbour towns every day of the year.</p>",
        1,
    );
    assert_ne!(home, with_prose);
    let out = pith().args(["extract", "-", "--format", "jsonl"]).write_stdin(with_prose).assert().success();
    let record = json(&out.get_output().stdout);
    assert_eq!(record["status"], "ok");
}

/// A theme that wraps the post in an `<aside>` (the headline in it, as the page's title names
/// it): the post is the article, not a sidebar, and the record is never empty.
#[test]
fn a_post_wrapped_in_an_aside_is_the_article() {
    let page = "<html><head><title>Council votes to rebuild the harbour wall « Harbour Town Gazette</title></head>\
        <body><header><a href=/>Harbour Town Gazette</a></header><nav><a href=/a>About</a></nav>\
        <aside class=blogPost><h1>Council votes to rebuild the harbour wall</h1>\
        <h4>Posted, August 9th, 2012, By Jane Doe</h4><div class=blogContent>\
        <p>The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive, after two years of debate.</p>\
        <p>Engineers said the new wall would be two metres higher than the old one, which was built in 1911.</p></div></aside>\
        <aside class=sidebar><h3>Top stories</h3><ul><li><a href=/x>Ferry timetable changes</a></li></ul></aside></body></html>";
    let out = pith().args(["extract", "-", "--format", "jsonl"]).write_stdin(page).assert().success();
    let record = json(&out.get_output().stdout);
    assert_eq!(record["status"], "ok");
    let text = record["text"].as_str().unwrap_or_default();
    assert!(text.contains("two metres higher"), "{text}");
    assert!(!text.contains("Ferry timetable"), "{text}");
}

#[test]
fn markdown_and_text_formats() {
    let md = pith().args(["extract", SEED, "--format", "markdown"]).assert().success().get_output().stdout.clone();
    let md = String::from_utf8(md).unwrap();
    assert!(md.starts_with("# TikTok Picks Oracle as US 'Technology Partner'\n\n*Chinese State Media"), "{md}");
    assert!(md.contains("By Prajeet Nair · 2020-09-14"));
    assert!(md.contains("\n## Microsoft's Bid for US TikTok Operations\n"));
    let txt = pith().args(["extract", SEED, "--format", "text"]).assert().success().get_output().stdout.clone();
    let txt = String::from_utf8(txt).unwrap();
    assert!(txt.starts_with("TikTok Picks Oracle as US 'Technology Partner'\n\nPotentially capping"));
    assert!(!txt.contains("See Also"));
}

#[test]
fn several_markdown_documents_with_front_matter() {
    let generic = "testdata/generic/example-blog.html";
    let out = pith()
        .args(["extract", SEED, generic, "--format", "markdown", "--front-matter"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("---\ntitle: \"TikTok Picks Oracle as US 'Technology Partner'\"\n"), "{md}");
    assert!(md.contains("\nauthors: [\"Prajeet Nair\"]\n"), "{md}");
    // The documented separator: with front matter, a blank line, then the next document's
    // front matter.
    let second = md.find("\n\n---\ntitle: ").expect("the second document's front matter");
    assert!(md[second..].contains("\n---\n\n# "), "{md}");
    // Without front matter: a thematic break between the documents.
    let out =
        pith().args(["extract", SEED, generic, "--format", "markdown"]).assert().success().get_output().stdout.clone();
    let md = String::from_utf8(out).unwrap();
    assert_eq!(md.matches("\n---\n\n# ").count(), 1, "{md}");
}

#[test]
fn extract_output_to_a_file_or_one_file_per_input_in_a_directory() {
    let generic = "testdata/generic/example-blog.html";
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("out.jsonl");
    pith().args(["extract", SEED, generic, "--format", "jsonl", "-o"]).arg(&file).assert().success().stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);
    // A directory: one Markdown file per input, named after the input's file stem.
    let dir = tmp.path().join("md");
    let dir_arg = format!("{}/", dir.display());
    pith().args(["extract", SEED, generic, SEED, "--format", "markdown", "-o", &dir_arg]).assert().success().stdout("");
    let seed = std::fs::read_to_string(dir.join("seed-tiktok-oracle.md")).unwrap();
    assert!(seed.starts_with("# TikTok Picks Oracle"), "{seed}");
    assert!(!seed.contains("\n---\n"), "no separator in a file of its own");
    assert!(dir.join("example-blog.md").is_file());
    assert!(dir.join("seed-tiktok-oracle-2.md").is_file(), "a second input of the same stem");
    // JSON into a directory is refused.
    pith().args(["extract", SEED, "-o", &dir_arg]).assert().code(2).stderr(predicate::str::contains("per-page format"));
}

#[test]
fn html_format_is_a_standalone_sanitised_document() {
    let out = pith().args(["extract", SEED, "--format", "html"]).assert().success().get_output().stdout.clone();
    let html = String::from_utf8(out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>TikTok Picks Oracle as US"), "{html}");
    assert!(html.contains("Prajeet Nair"), "{html}");
    assert!(html.contains("<img "), "the picture of the body: {html}");
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<style", "onclick=", "onerror=", "onload=", "javascript:"] {
        assert!(!lower.contains(bad), "{bad}: {html}");
    }
}

#[test]
fn explain_lists_removals_with_rule_and_kind() {
    let out = pith().args(["extract", SEED, "--explain"]).assert().success().get_output().stdout.clone();
    let v = json(&out);
    let removed = v["removed"].as_array().expect("removed is a list with --explain");
    let has = |kind: &str, rule: &str, text: &str| {
        removed.iter().any(|r| r["kind"] == kind && r["rule"] == rule && r["text"].as_str().unwrap().contains(text))
    };
    assert!(has("promo", "ismg.see-also", "See Also: OnDemand | Executive Insights"));
    assert!(has("author_box", "ismg.author-box", "About the Author"));
    assert!(has("metadata", "ismg.credit-line", "contributed to this report"));
    assert!(has("metadata", "ismg.editor-note", "This story has been updated."));
    assert!(has("related", "ismg.around-the-network", "Around the Network"));
    assert!(removed.iter().all(|r| r["text"].as_str().unwrap().chars().count() <= 200));
}

#[test]
fn bad_config_names_the_key_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(
        &cfg,
        "[[profile]]\nname = \"mine\"\n[[profile.remove]]\nid = \"x\"\nkind = \"banner\"\ntext = \"Ad\"\n",
    )
    .unwrap();
    pith()
        .args(["extract", SEED, "--config"])
        .arg(&cfg)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("profile[0].remove[0].kind: unknown removal kind \"banner\""));
    std::fs::write(&cfg, "[[profile]]\nname = \"mine\"\nhosts = \"not a list\"\n").unwrap();
    pith()
        .args(["extract", SEED, "--config"])
        .arg(&cfg)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("profile[0].hosts"));
}

#[test]
fn a_user_profile_applies_to_its_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("mine.toml");
    std::fs::write(
        &cfg,
        "[[profile]]\nname = \"lindqvist\"\nhosts = ['^blog\\.example\\.org$']\n[profile.root]\nselectors = [\"article\"]\n[profile.title]\nselectors = [\"h1.entry-title\"]\n",
    )
    .unwrap();
    let out = pith()
        .args(["extract", "testdata/generic/example-blog.html", "--config"])
        .arg(&cfg)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["profile"], "lindqvist");
    assert_eq!(v["title"], "Patch Tuesday Notes: March 2024");
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = pith().arg("schema").assert().success().get_output().stdout.clone();
    let committed = std::fs::read(common::repo().join("schema/article.schema.json")).unwrap();
    assert_eq!(json(&out), json(&committed));
}

#[test]
fn json_lines_escape_unicode_line_separators() {
    // Code blocks keep their whitespace, so the separators reach the output.
    let page = "<html><body><article><h1>Title</h1><p>A paragraph long enough to be the body of this page, and then some code.</p><pre>One\u{2028}two\u{2029}three\u{85}four</pre></article></body></html>";
    let out = stdout_of(&["extract", "-", "--format", "jsonl"], page);
    let line = String::from_utf8(out).unwrap();
    assert_eq!(line.lines().count(), 1);
    assert!(line.contains("\\u2028") && line.contains("\\u2029"), "{line}");
    assert!(!line.contains('\u{2028}'));
    // U+0085 is a C1 control character: extracted strings never carry one.
    assert!(!line.contains("\\u0085") && !line.contains('\u{85}'), "{line}");
    assert!(json(line.as_bytes())["text"].as_str().unwrap().ends_with("One\u{2028}two\u{2029}three four"));
}

#[test]
fn a_two_letter_headline_is_the_title_and_an_icon_is_not() {
    let body = "<p>The regional water board approved a plan on Tuesday to replace the ageing pipes under the old market district, after two winters of burst mains.</p>";
    let page = format!("<html><body><h1>Hi</h1>{body}</body></html>");
    let out = stdout_of(&["extract", "-"], page);
    assert_eq!(json(&out)["title"], "Hi");
    // An icon in an `h1` (a menu button) is no headline: the next one is.
    let page = format!("<html><body><h1>≡</h1><h1>Water board replaces pipes</h1>{body}</body></html>");
    let out = stdout_of(&["extract", "-"], page);
    assert_eq!(json(&out)["title"], "Water board replaces pipes");
}

#[test]
fn extract_limit_flags_are_the_shared_limit_flags() {
    // `extract` takes the same limit flags as `batch` and `filter` (one definition); one input
    // past a limit is a message and exit code 2.
    pith()
        .args(["extract", "--max-nodes", "10"])
        .arg(common::repo().join(SEED))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than 10 DOM nodes"));
}

#[test]
fn the_headline_is_the_h1_the_page_title_names_not_the_masthead_h1() {
    let body = "<p>The regional water board approved a plan on Tuesday to replace the ageing pipes under the old market district, after two winters of burst mains.</p>";
    let page = format!(
        "<html><head><title>Water board replaces old pipes | Daily Courier</title></head><body>\
         <header><h1>Daily Courier</h1></header><article><h1>Water board replaces old pipes</h1>{body}</article></body></html>"
    );
    let out = stdout_of(&["extract", "-"], page);
    let v = json(&out);
    assert_eq!(v["title"], "Water board replaces old pipes");
    assert!(!v["text"].as_str().unwrap().contains("Water board replaces old pipes"));
}

#[test]
fn url_must_be_an_absolute_http_url_naming_the_value() {
    for bad in ["not a url", "", "/relative", "http://", "javascript:alert(1)", "ftp://example.com/a"] {
        pith()
            .args(["extract", SEED, "--url", bad])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(format!("--url {bad:?} is not an absolute http(s) URL")));
    }
}

#[test]
fn a_bad_url_reaches_the_terminal_escaped() {
    let out =
        pith().args(["extract", SEED, "--url", "\u{1b}]0;PWNED\u{7}\u{202e}x"]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is not an absolute http(s) URL"), "{stderr}");
    assert!(!stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']), "raw control characters on the terminal: {stderr:?}");
}

#[test]
fn one_url_for_several_files_is_refused() {
    pith()
        .args(["extract", SEED, "testdata/ismg/old-page-2011.html", "--url", SEED_URL])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("--url is the address of one page, but 2 inputs were given"));
}

#[test]
fn max_bytes_takes_size_suffixes() {
    let size = std::fs::metadata(common::repo().join(SEED)).unwrap().len();
    assert!(size > 1000 && size < 10_000_000, "the seed page is between 1kB and 10MB: {size}");
    pith().args(["extract", SEED, "--max-bytes", "10MB"]).assert().success();
    pith().args(["extract", SEED, "--max-bytes", "512KiB"]).assert().success();
    pith()
        .args(["extract", SEED, "--format", "jsonl", "--max-bytes", "1kB"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(r#""kind":"too_large""#))
        .stdout(predicate::str::contains("1000"));
    pith()
        .args(["extract", SEED, "--max-bytes", "10XB"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--max-bytes"))
        .stderr(predicate::str::contains("10MB, 512KiB"));
    pith()
        .args(["fetch", "--max-body", "ten", "https://example.com/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--max-body"))
        .stderr(predicate::str::contains("10MB, 512KiB"));
}

#[test]
fn extract_reads_gzip_pages_by_name_and_by_magic_bytes() {
    use std::io::Write;
    let page = std::fs::read(common::repo().join(SEED)).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&page).unwrap();
    let gz = gz.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("page.html.gz");
    let unnamed = dir.path().join("page.html");
    std::fs::write(&named, &gz).unwrap();
    std::fs::write(&unnamed, &gz).unwrap();
    for path in [&named, &unnamed] {
        let out = pith().arg("extract").arg(path).assert().success().get_output().stdout.clone();
        assert_eq!(json(&out)["title"], "TikTok Picks Oracle as US 'Technology Partner'", "{}", path.display());
    }
    // The byte limit applies to the decompressed page.
    let limit = (page.len() - 1).to_string();
    pith()
        .arg("extract")
        .arg(&named)
        .args(["--format", "jsonl", "--max-bytes", &limit])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(r#""kind":"too_large""#));
}

#[test]
fn every_help_ends_with_examples() {
    for command in ["extract", "fetch", "batch", "filter", "schema", "eval", "completions", "man"] {
        let out = pith().args([command, "--help"]).assert().success().get_output().stdout.clone();
        let help = String::from_utf8(out).unwrap();
        let (_, examples) = help.rsplit_once("\nExamples:\n").unwrap_or_else(|| panic!("{command}: no examples"));
        assert!(
            examples.lines().all(|l| l.is_empty() || l.starts_with("  "))
                && examples.contains(&format!("pith {command}")),
            "{command}: the help does not end with examples of it:\n{examples}"
        );
    }
}

#[test]
fn user_agent_default_shows_the_version() {
    let out = pith().args(["fetch", "--help"]).assert().success().get_output().stdout.clone();
    let help = String::from_utf8(out).unwrap();
    assert!(help.contains(&format!("[default: pith/{}]", env!("CARGO_PKG_VERSION"))), "{help}");
    assert!(!help.contains("VERSION"), "{help}");
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in [
        ("bash", "_pith()"),
        ("zsh", "#compdef pith"),
        ("fish", "complete -c pith"),
        ("powershell", "pith"),
        ("elvish", "pith"),
    ] {
        let out = pith().args(["completions", shell]).assert().success().get_output().stdout.clone();
        let script = String::from_utf8(out).unwrap();
        assert!(script.contains(marker) && script.contains("extract") && script.contains("max-bytes"), "{shell}");
    }
    pith().args(["completions", "tcsh"]).assert().code(2);
    let out = pith().arg("man").assert().success().get_output().stdout.clone();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains(".TH pith 1"), "a roff manual page: {page}");
    for command in ["extract", "fetch", "batch", "filter"] {
        assert!(page.contains(command), "the manual names {command}");
    }
}

#[test]
fn batch_url_lists_take_the_fetch_flags() {
    use crate::http_server::{Reply, Req, Server};
    let story = "<html><head><title>Flags Story</title></head><body><article><h1>Flags Story</h1>\
                 <p>The batch command fetched this page with the fetch flags it was given on the command line.</p>\
                 <p>A second paragraph makes the body long enough to be an article of its own.</p></article></body></html>";
    let server = Server::start(move |r: &Req| match r.path.as_str() {
        "/robots.txt" => Reply::text("User-agent: *\nDisallow: /\n"),
        "/story" => Reply::html(story),
        "/big" => Reply::html(format!("<p>{}</p>", "word ".repeat(2000))),
        _ => Reply::status(404),
    });
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("urls.txt");
    std::fs::write(&list, format!("{}\n{}\n", server.url("/story"), server.url("/big"))).unwrap();
    let out = pith()
        .args(["batch", "--allow-private", "--rate", "1000", "--retries", "0", "--ignore-robots"])
        .args(["--user-agent", "flagbot/2.0 (ops@example.com)", "--max-body", "2KiB", "-i"])
        .arg(&list)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("robots.txt is IGNORED"))
        .get_output()
        .stdout
        .clone();
    let records: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| json(l.as_bytes())).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["title"], "Flags Story", "fetched although robots.txt forbids it: {}", records[0]);
    assert_eq!(records[1]["error"]["kind"], "too_large", "--max-body 2KiB: {}", records[1]);
    let hits = server.hits();
    assert!(hits.iter().all(|h| h.path != "/robots.txt"), "--ignore-robots: robots.txt not read");
    assert!(hits.iter().all(|h| h.user_agent == "flagbot/2.0 (ops@example.com)"), "{hits:?}");
}

#[test]
fn batch_reads_files_that_sniff_as_html_and_counts_the_files_it_skips() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let page = std::fs::read(common::repo().join(SEED)).unwrap();
    // wget-style names of saved pages: read for their HTML.
    for name in ["story.html", "story.php", "index.html?id=3", "s.shtml", ".hidden.txt"] {
        std::fs::write(tmp.path().join(name), &page).unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&page).unwrap();
    std::fs::write(tmp.path().join("archived.php.gz"), gz.finish().unwrap()).unwrap();
    // Other files: skipped and counted. A feed is no page.
    std::fs::write(tmp.path().join("notes.txt"), "just some notes, no markup").unwrap();
    std::fs::copy(common::repo().join("testdata/no-article/feed.rss"), tmp.path().join("feed.xml")).unwrap();
    let out = pith()
        .arg("batch")
        .arg(tmp.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("5 pages: 5 articles"))
        .stderr(predicate::str::contains("; 2 other files skipped (not named .html, .htm, .xhtml, nor HTML)"))
        .get_output()
        .stdout
        .clone();
    let inputs: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| json(l.as_bytes())["input"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(inputs, ["archived.php.gz", "index.html?id=3", "s.shtml", "story.html", "story.php"]);
}

#[test]
fn extract_reads_gzip_on_standard_input() {
    use std::io::Write;
    let page = std::fs::read(common::repo().join(SEED)).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&page).unwrap();
    let out = pith().args(["extract", "-"]).write_stdin(gz.finish().unwrap()).assert().success();
    assert_eq!(json(&out.get_output().stdout)["title"], "TikTok Picks Oracle as US 'Technology Partner'");
    // The byte limit applies to the page once decompressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&page).unwrap();
    let limit = (page.len() - 1).to_string();
    pith()
        .args(["extract", "-", "--max-bytes", &limit])
        .write_stdin(gz.finish().unwrap())
        .assert()
        .code(2)
        .stdout(predicate::str::contains(r#""kind": "too_large""#));
}

#[test]
fn output_directories_name_files_after_the_url_when_there_is_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = format!("{}/", dir.path().join("md").display());
    let page = std::fs::read(common::repo().join(SEED)).unwrap();
    let url = "https://www.bankinfosecurity.com/news/tiktok-picks-oracle-a-15003.html?ref=x";
    pith()
        .args(["extract", "-", "--format", "markdown", "--url", url, "-o", &out_dir])
        .write_stdin(page)
        .assert()
        .success()
        .stdout("");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("md"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tiktok-picks-oracle-a-15003.md"]);
}

#[test]
fn config_size_keys_take_units_and_a_bad_one_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[fetch]\nmax_body = \"10MB\"\n").unwrap();
    pith().args(["extract", SEED, "--config"]).arg(&good).assert().success();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[fetch]\nmax_body = \"10XB\"\n").unwrap();
    pith()
        .args(["extract", SEED, "--config"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("max_body"))
        .stderr(predicate::str::contains("512KiB"));
}

/// Standard output of a pith run that must succeed, fed `stdin`.
fn stdout_of(args: &[&str], stdin: impl Into<Vec<u8>>) -> Vec<u8> {
    pith().args(args).write_stdin(stdin).assert().success().get_output().stdout.clone()
}

/// A page of prose read from standard input at `url`, with `head` in its `<head>`.
fn page_record(head: &str, body: &str, url: &str) -> serde_json::Value {
    let page = format!("<html><head>{head}</head><body>{body}</body></html>");
    json(&stdout_of(&["extract", "-", "--url", url], page))
}

const PROSE: &str = "<main><h1>Harbour wall repairs begin</h1>\
    <p>Work on the old harbour wall started this week after two winters of storm damage to its stones.</p>\
    <p>The council expects the repairs to take most of the summer, with the slipway closed in June.</p></main>";

#[test]
fn page_type_of_a_blog_post_a_video_page_and_another_page() {
    let ld = |t: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@context":"https://schema.org","@type":"{t}","headline":"Harbour wall repairs begin"}}</script>"#
        )
    };
    let blog = page_record(&ld("BlogPosting"), PROSE, "https://example.org/2024/harbour-wall");
    assert_eq!(blog["page_type"], "blog", "{blog}");
    let video =
        page_record(r#"<meta property="og:type" content="video.other">"#, PROSE, "https://example.org/harbour-wall");
    assert_eq!(video["page_type"], "video", "{video}");
    let video = page_record("", PROSE, "https://example.org/videos/harbour-wall");
    assert_eq!(video["page_type"], "video", "a video section of the site: {video}");
    // No type, no date, no author, no telling section: a page, not an article.
    let other = page_record("", PROSE, "https://example.org/about/harbour");
    assert_eq!(other["status"], "ok");
    assert_eq!(other["page_type"], "other", "{other}");
    let article = page_record(&ld("NewsArticle"), PROSE, "https://example.org/about/harbour");
    assert_eq!(article["page_type"], "article", "{article}");
}

#[test]
fn paywalled_pages_get_the_warning() {
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
    };
    let url = "https://example.org/news/harbour-wall";
    let not_free = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour wall repairs begin","isAccessibleForFree":false}</script>"#;
    let v = page_record(not_free, PROSE, url);
    assert!(codes(&v).contains(&"paywalled".to_string()), "{v}");
    let message = &v["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "paywalled").unwrap()["message"];
    assert!(message.as_str().unwrap().contains("isAccessibleForFree"), "{message}");
    // A teaser ending the body.
    let teaser = PROSE.replace("</main>", "<p>You have reached your limit of free articles this month.</p></main>");
    let v = page_record("", &teaser, url);
    assert!(codes(&v).contains(&"paywalled".to_string()), "{v}");
    // The commonest teasers are boilerplate the cleaner takes out of the body: they still warn.
    for line in [
        "<p>Subscribe to continue reading.</p>",
        "<p>This article is for subscribers only. Already a subscriber? <a href=\"/login\">Sign in</a></p>",
    ] {
        let v = page_record("", &PROSE.replace("</main>", &format!("{line}</main>")), url);
        assert!(codes(&v).contains(&"paywalled".to_string()), "{line}: {v}");
        assert!(!v["text"].as_str().unwrap().to_lowercase().contains("subscri"), "{line} left in the body: {v}");
    }
    // The same page without either: no warning.
    let v = page_record("", PROSE, url);
    assert!(!codes(&v).contains(&"paywalled".to_string()), "{v}");
}

#[test]
fn batch_writes_markdown_text_or_html_documents() {
    let generic = "testdata/generic/example-blog.html";
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::copy(common::repo().join(SEED), pages.join("a-seed.html")).unwrap();
    std::fs::copy(common::repo().join(generic), pages.join("b-blog.html")).unwrap();
    std::fs::write(pages.join("c-empty.html"), "").unwrap();
    // Standard output: the documents with the contract's separator; the error on stderr.
    let out = pith()
        .args(["batch", "-j", "2", "--format", "markdown"])
        .arg(&pages)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("c-empty.html: "))
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("# TikTok Picks Oracle"), "{md}");
    assert_eq!(md.matches("\n---\n\n# ").count(), 1, "one separator between two documents: {md}");
    // The same into one file.
    let file = tmp.path().join("all.md");
    pith().args(["batch", "--format", "markdown", "-o"]).arg(&file).arg(&pages).assert().code(1).stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md);
    // Front matter and text separators as `extract` writes them.
    let out = pith()
        .args(["batch", "--format", "markdown", "--front-matter"])
        .arg(&pages)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("---\ntitle: ") && md.contains("\n\n---\ntitle: "), "{md}");
    let out = pith().args(["batch", "--format", "text"]).arg(&pages).assert().code(1).get_output().stdout.clone();
    assert_eq!(String::from_utf8(out).unwrap().matches("\n\u{c}\n").count(), 1);
    // A directory: one file per page, named after its stem.
    let dir = format!("{}/", tmp.path().join("reader").display());
    pith().args(["batch", "--format", "html", "-o", &dir]).arg(&pages).assert().code(1).stdout("");
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("reader"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a-seed.html", "b-blog.html"]);
    let html = std::fs::read_to_string(tmp.path().join("reader/a-seed.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h1>TikTok Picks Oracle"), "{html}");
    // JSON Lines stay the default, and the only format --resume reads back.
    let out = pith().arg("batch").arg(&pages).assert().code(1).get_output().stdout.clone();
    let kinds: Vec<serde_json::Value> =
        String::from_utf8(out).unwrap().lines().map(|l| json(l.as_bytes())["status"].clone()).collect();
    assert_eq!(kinds, ["ok", "ok", "error"]);
    pith()
        .args(["batch", "--format", "markdown", "--resume", "-o"])
        .arg(&file)
        .arg(&pages)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--resume"));
    pith().args(["batch", "-o", &dir]).arg(&pages).assert().code(2).stderr(predicate::str::contains("per-page format"));
}

#[test]
fn filter_takes_format_and_output() {
    let line = |id: &str, body: &str| {
        serde_json::json!({"id": id, "url": format!("https://example.org/news/{id}"), "html": body}).to_string() + "\n"
    };
    let input = line("harbour", PROSE) + &line("broken", "") + &line("again", PROSE);
    let out = pith()
        .args(["filter", "--format", "markdown"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("pith: broken: "))
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("# Harbour wall repairs begin\n"), "{md}");
    assert_eq!(md.matches("\n---\n\n# Harbour wall repairs begin").count(), 1, "{md}");
    // -o FILE: the JSON Lines (the default format) in a file.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("records.jsonl");
    pith().args(["filter", "-o"]).arg(&file).write_stdin(input.clone()).assert().success().stdout("");
    let records: Vec<serde_json::Value> =
        std::fs::read_to_string(&file).unwrap().lines().map(|l| json(l.as_bytes())).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["error"]["kind"], "empty");
    // -o DIR/: a file per line, named after its id.
    let dir = format!("{}/", tmp.path().join("texts").display());
    pith().args(["filter", "--format", "text", "-o", &dir]).write_stdin(input).assert().success().stdout("");
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("texts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["again.txt", "harbour.txt"]);
}

#[test]
fn every_command_writes_to_an_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = |name: &str| tmp.path().join(name);
    // schema, man, completions, serve's OpenAPI document: the same bytes as on standard output.
    for (args, name) in [
        (&["schema"][..], "schema.json"),
        (&["man"][..], "pith.1"),
        (&["completions", "bash"][..], "pith.bash"),
        (&["serve", "--print-openapi"][..], "openapi.json"),
    ] {
        let stdout = pith().args(args).assert().success().get_output().stdout.clone();
        pith().args(args).arg("-o").arg(path(name)).assert().success().stdout("");
        assert_eq!(std::fs::read(path(name)).unwrap(), stdout, "{args:?}");
    }
    // eval: the scores.
    let data = path("set");
    std::fs::create_dir_all(data.join("html")).unwrap();
    std::fs::write(data.join("html/p1.html"), format!("<html><body>{PROSE}</body></html>")).unwrap();
    std::fs::copy(common::repo().join("testdata/no-article/home-page.html"), data.join("html/p2.html")).unwrap();
    let gold = "Work on the old harbour wall started this week after two winters of storm damage to its \
                stones. The council expects the repairs to take most of the summer, with the slipway closed in June.";
    let lines = [serde_json::json!({"id": "p1", "text": gold}), serde_json::json!({"id": "p2", "text": gold})];
    std::fs::write(data.join("gold.jsonl"), lines.map(|l| l.to_string() + "\n").concat()).unwrap();
    pith()
        .args(["eval", "--json", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(path("scores.json"))
        .assert()
        .success()
        .stdout("");
    let scores = json(&std::fs::read(path("scores.json")).unwrap());
    // A page without an article is scored as empty text, and counted.
    assert_eq!(
        (scores["no_article"].as_u64(), scores["no_article_with_gold"].as_u64()),
        (Some(1), Some(1)),
        "{scores}"
    );
    // An unwritable FILE is a clear error.
    pith()
        .args(["schema", "-o"])
        .arg(path("no/such/dir/schema.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn nested_lists_of_the_other_kind_render_as_such() {
    let page = "<html><body><article><h1>Steps</h1>\
        <p>Here is how the harbour board will handle the repairs over the coming summer months.</p>\
        <ul><li>Before the work<ol start=\"2\"><li>close the slipway</li><li>move the boats</li></ol></li>\
        <li>After the work<ul><li>reopen</li></ul></li></ul></article></body></html>";
    let out = stdout_of(&["extract", "-", "--format", "jsonl"], page);
    let v = json(&out);
    let list = v["blocks"].as_array().unwrap().iter().find(|b| b["kind"] == "list").unwrap().clone();
    assert_eq!(list["entries"][0]["children_ordered"], true, "{list}");
    assert_eq!(list["entries"][0]["children_start"], 2, "{list}");
    assert_eq!(list["entries"][1]["children_ordered"], false, "{list}");
    assert!(list["entries"][0]["children"][0]["children_ordered"].is_null(), "{list}");
    let md = stdout_of(&["extract", "-", "--format", "markdown"], page);
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("- Before the work\n  2. close the slipway\n  3. move the boats\n- After the work\n  - reopen"),
        "{md}"
    );
    let html = stdout_of(&["extract", "-", "--format", "html"], page);
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("<li>Before the work\n<ol start=\"2\">\n<li>close the slipway</li>"), "{html}");
    assert!(html.contains("<li>After the work\n<ul>\n<li>reopen</li>\n</ul></li>"), "{html}");
}

#[test]
fn batch_and_filter_take_explain() {
    let out = pith().args(["batch", "--explain", SEED]).assert().success().get_output().stdout.clone();
    let v = json(&out);
    assert!(v["removed"].as_array().is_some_and(|r| !r.is_empty()), "{v}");
    assert!(v["sources"]["title"].is_string(), "{v}");
    let line = serde_json::json!({"id": "1", "url": SEED_URL, "html": std::fs::read_to_string(common::repo().join(SEED)).unwrap()});
    let out = stdout_of(&["filter", "--explain"], line.to_string() + "\n");
    let v = json(&out);
    assert!(v["removed"].as_array().is_some_and(|r| !r.is_empty()), "{v}");
    // Without it, both stay null.
    let out = pith().args(["batch", SEED]).assert().success().get_output().stdout.clone();
    assert!(json(&out)["removed"].is_null());
}
