//! The per-page renderings read back: the Markdown of every fixture (and, with `PITH_SHARED`,
//! of every benchmark page) parsed with pulldown-cmark gives the article's text again; the
//! YAML front matter parsed with saphyr gives the fields again; the HTML document holds no
//! script, style or event attribute.

use std::path::{Path, PathBuf};

use pith::{Article, Block, ExtractOptions, Extractor, Record, render};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use saphyr::{LoadableYamlNode, YamlOwned};

use crate::common;

/// White space collapsed to single spaces, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader sees of the body blocks: their text (an image adds nothing; a quotation's
/// cite follows it after a dash, as the Markdown writes it).
fn expected_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        match b {
            Block::Image { .. } => {}
            Block::Quote { text, cite: Some(c), .. } => parts.push(format!("{text} — {c}")),
            other => parts.push(other.plain_text()),
        }
    }
    squash(&parts.join(" "))
}

/// The text CommonMark (with GFM tables) reads from `markdown`: text and code, line breaks
/// as spaces, inline HTML tags (emphasis, sub- and superscripts) left out, and paragraphs
/// that open with a picture (the picture and its caption line) left out.
fn markdown_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_picture_paragraph = false;
    let mut paragraph_start = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        if paragraph_start {
            paragraph_start = false;
            if matches!(event, Event::Start(Tag::Image { .. })) {
                in_picture_paragraph = true;
            }
        }
        match event {
            Event::Start(Tag::Paragraph) => paragraph_start = true,
            Event::End(TagEnd::Paragraph) if in_picture_paragraph => in_picture_paragraph = false,
            _ if in_picture_paragraph => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::InlineHtml(h) if h.starts_with("<br") => out.push(' '),
            Event::InlineHtml(_) => {}
            // Block-level HTML means some text was not escaped: keep it, the comparison fails.
            Event::Html(h) => out.push_str(&h),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Inline markup joins text; a block's start or end parts it.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Strikethrough) => {}
            Event::Start(_) | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    squash(&out)
}

/// Where the two texts part, for the failure message.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| s.chars().skip(at.saturating_sub(40)).take(100).collect::<String>();
    format!("at char {at}:\n  text:     {:?}\n  markdown: {:?}", around(a), around(b))
}

/// The Markdown body of `article` reads back as its text; `Err` says where it does not.
fn round_trip(article: &Article) -> Result<(), String> {
    let md = render::markdown_body(article);
    let want = expected_text(&article.blocks);
    let got = markdown_text(&md);
    if want == got { Ok(()) } else { Err(first_difference(&want, &got)) }
}

#[test]
fn markdown_of_every_fixture_reads_back_as_its_text() {
    for fx in common::fixtures() {
        let a = common::extract(&fx, &common::read(&fx.html), false);
        if let Err(e) = round_trip(&a) {
            panic!("{}: {e}", fx.name);
        }
        // The whole document parses too, and its title is its first heading.
        let doc = render::markdown(&a);
        if let Some(t) = &a.title {
            let heading: String = Parser::new(&doc)
                .skip_while(|e| !matches!(e, Event::Start(Tag::Heading { .. })))
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(squash(&heading), squash(t), "{}", fx.name);
        }
    }
}

#[test]
fn markdown_keeps_inline_structure_lists_code_and_quotes() {
    let page = r#"<html><head><title>Notes</title></head><body><article><h1>Notes</h1>
        <p>1. This starts like a list, and <a href="https://example.org/r">the <em>report</em></a> says <strong>no</strong>; use <code>a*b</code>.</p>
        <ol start="3"><li>third <ul><li>inner</li></ul></li><li>fourth</li></ol>
        <pre><code class="language-rust">fn main() {}</code></pre>
        <blockquote><p>First paragraph of the quote.</p><p>Second paragraph of the quote.</p><cite>A. Speaker</cite></blockquote>
        <p>More body text so that the page counts as an article, with a few more words in it.</p>
        </article></body></html>"#;
    let record = Extractor::default().extract(page.as_bytes(), &ExtractOptions::new("notes.html")).unwrap();
    let md = render::markdown_body(&record);
    for want in [
        "1\\. This starts like a list",
        "[the *report*](https://example.org/r)",
        "**no**",
        "`a*b`",
        "3. third\n   - inner\n4. fourth",
        "```rust\nfn main() {}\n```",
        "> First paragraph of the quote.\n>\n> Second paragraph of the quote.\n>\n> — A. Speaker",
    ] {
        assert!(md.contains(want), "missing {want:?} in:\n{md}");
    }
    round_trip(&record).unwrap();
}

#[test]
fn front_matter_reads_back_with_a_yaml_parser() {
    let fx = common::fixtures().into_iter().find(|f| f.name == "seed-tiktok-oracle").expect("seed fixture");
    let mut a = common::extract(&fx, &common::read(&fx.html), false);
    // Characters YAML treats apart, in a title.
    a.title = Some("Quote \"this\": # not a comment, 'single', \\ back\u{2028}slash, yes".into());
    let fm = render::front_matter(&a);
    assert!(fm.starts_with("---\n") && fm.ends_with("---\n"), "{fm}");
    let docs = YamlOwned::load_from_str(fm.trim_start_matches("---\n").trim_end_matches("---\n")).unwrap();
    let y = &docs[0];
    assert_eq!(y["title"].as_str(), a.title.as_deref());
    let authors: Vec<&str> = y["authors"].as_vec().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(authors, a.authors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>());
    assert_eq!(y["published"].as_str(), a.published.as_deref());
    assert_eq!(y["url"].as_str(), a.url.as_deref());
    let categories: Vec<&str> = y["categories"].as_vec().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(categories, a.categories.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(y["tags"].as_vec().is_some());
    assert_eq!(y["language"].as_str(), a.language.as_deref());
}

#[test]
fn html_document_is_sanitised_and_links_absolute() {
    let page = r#"<html><head><title>T</title></head><body><article><h1>Safe Title</h1>
        <p onclick="steal()">Text with <a href="javascript:alert(1)">a bad link</a> and <a href="/rel">a relative one</a>
        and <a href="https://example.org/ok" onmouseover="x()">a good one</a>, long enough to be a body of its own.</p>
        <figure><img src="/pic.jpg" alt="A picture" onerror="x()"><figcaption>A caption (Photo: Jane Doe)</figcaption></figure>
        <script>alert(1)</script><style>p{}</style>
        <p>Another paragraph of the body, <em>emphasised</em> here and there, to make it an article.</p>
        </article></body></html>"#;
    let opts = ExtractOptions::new("t.html").with_url(Some("https://news.example.com/a/story".into()));
    let a = Extractor::default().extract(page.as_bytes(), &opts).unwrap();
    let html = render::html(&a);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<style", "onclick", "onerror", "onmouseover", "javascript:"] {
        assert!(!lower.contains(bad), "{bad} in:\n{html}");
    }
    assert!(html.contains(r#"href="https://news.example.com/rel""#), "{html}");
    assert!(html.contains(r#"href="https://example.org/ok""#), "{html}");
    assert!(html.contains(r#"src="https://news.example.com/pic.jpg""#), "{html}");
    assert!(html.contains("<em>emphasised</em>"), "{html}");
    assert!(html.contains("Safe Title"), "{html}");
}

/// Every page of each benchmark set under `PITH_SHARED`, rendered and read back.
#[test]
fn markdown_of_every_benchmark_page_reads_back_as_its_text() {
    let Some(shared) = std::env::var_os("PITH_SHARED").map(PathBuf::from) else {
        eprintln!("PITH_SHARED is not set: skipped the benchmark pages");
        return;
    };
    let extractor = Extractor::default();
    let mut failures = Vec::new();
    let mut pages = 0;
    for set in ["scrapinghub-aeb", "trafilatura-eval", "cleaneval-dragnet"] {
        for path in html_files(&shared.join("benchmarks").join(set).join("html")) {
            let bytes = common::read(&path);
            let Record::Article(a) = extractor.record(&bytes, &ExtractOptions::new(path.display().to_string())) else {
                continue;
            };
            pages += 1;
            if let Err(e) = round_trip(&a) {
                failures.push(format!("{}: {e}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {pages} pages:\n{}", failures.len(), failures.join("\n"));
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    out.sort();
    out
}
