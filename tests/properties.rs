//! Property tests: on generated pages and on arbitrary bytes, every record validates
//! against the committed JSON Schema; nothing inside `script`, `style` or `template` ever
//! reaches `text`; extraction is deterministic; a record is always one JSON line.

use std::sync::LazyLock;

use pith::{ExtractOptions, Extractor, Record, render};
use proptest::prelude::*;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/article.schema.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
});

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// A generated page: a tree of elements, text, comments and never-text elements.
#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Comment(String),
    Element {
        tag: &'static str,
        attrs: Vec<(&'static str, String)>,
        children: Vec<Node>,
    },
    Void {
        tag: &'static str,
        attrs: Vec<(&'static str, String)>,
    },
    /// Content that must never reach `text`: `<script>`, `<style>`, `<template>`.
    Hidden {
        tag: &'static str,
        body: Vec<Node>,
    },
    /// A fixed snippet. SVG and MathML are snippets, not containers: inside foreign content
    /// `<template>` is no template and `<p>` breaks out, so by the HTML standard itself the
    /// never-text property does not hold in there.
    Raw(&'static str),
}

/// Every word placed in never-text content starts with this; no other word does.
const MARK: &str = "zqx";

const WORDS: &[&str] = &[
    "the",
    "board",
    "approved",
    "water",
    "plan",
    "Tuesday",
    "café",
    "naïve",
    "日本",
    "Ελλάδα",
    "2024",
    "&amp;",
    "&lt;",
    "&quot;",
    "&#8212;",
    "&nbsp;",
    "x < y",
    "a>b",
    "\u{2028}",
    "\u{feff}",
    "\t",
    "\n",
    "  ",
];

const CONTAINERS: &[&str] = &[
    "div",
    "p",
    "span",
    "article",
    "section",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "code",
    "figure",
    "figcaption",
    "form",
    "button",
    "label",
    "dialog",
    "details",
    "summary",
    "noscript",
    "font",
    "center",
    "body",
    "html",
];

const CLASSES: &[&str] = &[
    "content",
    "article-body",
    "story",
    "sidebar",
    "related",
    "share",
    "cookie",
    "newsletter",
    "byline",
    "author",
    "hidden",
    "sr-only",
    "promo",
    "comments",
    "nav",
    "footer",
    "caption",
    "entry-content",
    "post",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..12).prop_map(|w| w.join(" "))
}

fn attrs() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    let attr = prop_oneof![
        prop::sample::select(CLASSES).prop_map(|c| ("class", c.to_string())),
        prop::sample::select(CLASSES).prop_map(|c| ("id", c.to_string())),
        Just(("hidden", String::new())),
        Just(("style", "display:none".to_string())),
        Just(("aria-hidden", "true".to_string())),
        Just(("role", "navigation".to_string())),
        Just(("href", "/path?a=1&b=2".to_string())),
        Just(("href", "https://other.example/x y".to_string())),
        Just(("lang", "fr".to_string())),
        "[a-z]{1,8}".prop_map(|v| ("data-x", v)),
    ];
    prop::collection::vec(attr, 0..3)
}

/// Never-text content: words that all carry the mark, possibly inside markup.
fn hidden_body() -> impl Strategy<Value = Vec<Node>> {
    let word = (0u32..1000).prop_map(|n| format!("{MARK}{n}"));
    prop::collection::vec(word, 1..6).prop_map(|w| vec![Node::Text(w.join(" "))])
}

fn hidden() -> impl Strategy<Value = Node> {
    let template_body = (prop::sample::select(&["p", "div", "h2", "li"][..]), hidden_body())
        .prop_map(|(tag, body)| vec![Node::Element { tag, attrs: Vec::new(), children: body }]);
    prop_oneof![
        hidden_body().prop_map(|body| Node::Hidden { tag: "script", body }),
        hidden_body().prop_map(|body| Node::Hidden { tag: "style", body }),
        template_body.prop_map(|body| Node::Hidden { tag: "template", body }),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        4 => text().prop_map(Node::Text),
        1 => "[a-z -]{0,20}".prop_map(Node::Comment),
        1 => (prop::sample::select(&["br", "img", "hr", "input", "meta", "link"][..]), attrs())
            .prop_map(|(tag, attrs)| Node::Void { tag, attrs }),
        2 => hidden(),
        1 => prop::sample::select(&[
            "<svg viewBox=\"0 0 1 1\"><title>Icon</title><path d=\"M0 0\"/></svg>",
            "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>",
            "<iframe src=\"/frame\"></iframe>",
            "<select><option>One<option>Two</select>",
            "<br/><hr/>",
        ][..]).prop_map(Node::Raw),
    ];
    leaf.prop_recursive(6, 80, 8, |inner| {
        (prop::sample::select(CONTAINERS), attrs(), prop::collection::vec(inner, 0..8))
            .prop_map(|(tag, attrs, children)| Node::Element { tag, attrs, children })
    })
}

fn render_node(n: &Node, out: &mut String) {
    let open = |out: &mut String, tag: &str, attrs: &[(&str, String)]| {
        out.push('<');
        out.push_str(tag);
        for (k, v) in attrs {
            out.push_str(&format!(" {k}=\"{}\"", v.replace('&', "&amp;").replace('"', "&quot;")));
        }
        out.push('>');
    };
    match n {
        Node::Text(t) => out.push_str(t),
        Node::Raw(r) => out.push_str(r),
        Node::Comment(c) => out.push_str(&format!("<!--{c}-->")),
        Node::Void { tag, attrs } => open(out, tag, attrs),
        Node::Element { tag, attrs, children } => {
            open(out, tag, attrs);
            children.iter().for_each(|c| render_node(c, out));
            out.push_str(&format!("</{tag}>"));
        }
        Node::Hidden { tag, body } => {
            out.push_str(&format!("<{tag}>"));
            body.iter().for_each(|c| render_node(c, out));
            out.push_str(&format!("</{tag}>"));
        }
    }
}

/// A page: an optional head with metadata, then the generated body.
fn page() -> impl Strategy<Value = String> {
    (any::<bool>(), text(), prop::collection::vec(node(), 1..10)).prop_map(|(head, title, body)| {
        let mut out = String::from("<!doctype html><html>");
        if head {
            out.push_str(&format!(
                "<head><meta charset=utf-8><title>{title} - Site</title><meta property=\"og:title\" content=\"{}\">\
                 <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"H\"}}</script></head>",
                title.replace('"', "&quot;")
            ));
        }
        out.push_str("<body>");
        body.iter().for_each(|n| render_node(n, &mut out));
        out.push_str("</body></html>");
        out
    })
}

fn record(bytes: &[u8], explain: bool, url: Option<&str>) -> Record {
    let opts = ExtractOptions::new("prop.html").with_explain(explain).with_url(url.map(str::to_string));
    EXTRACTOR.record(bytes, &opts)
}

fn assert_valid(record: &Record) -> Result<(), TestCaseError> {
    let value = serde_json::to_value(record).unwrap();
    let errors: Vec<String> = VALIDATOR.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    prop_assert!(errors.is_empty(), "schema errors: {errors:?}");
    let line = render::json_line(record);
    prop_assert!(!line.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']), "not one line: {line}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn generated_pages_validate_and_hide_never_text(page in page(), explain in any::<bool>(), with_url in any::<bool>()) {
        let url = with_url.then_some("https://news.example.com/2024/01/story");
        let rec = record(page.as_bytes(), explain, url);
        assert_valid(&rec)?;
        if let Record::Article(a) = &rec {
            prop_assert!(!a.text.contains(MARK), "never-text content reached text: {:?}", a.text);
            for b in &a.links {
                prop_assert!(!b.text.contains(MARK));
            }
            prop_assert!(a.title.as_deref().is_none_or(|t| !t.contains(MARK)));
        }
    }

    #[test]
    fn extraction_is_deterministic(page in page(), explain in any::<bool>()) {
        let first = render::json_line(&record(page.as_bytes(), explain, None));
        let second = render::json_line(&record(page.as_bytes(), explain, None));
        prop_assert_eq!(first, second);
        // Another extractor (fresh config) gives the same record.
        let other = Extractor::default().record(page.as_bytes(), &ExtractOptions::new("prop.html").with_explain(explain));
        prop_assert_eq!(render::json_line(&other), render::json_line(&record(page.as_bytes(), explain, None)));
    }

    #[test]
    fn arbitrary_bytes_give_a_valid_record(bytes in prop::collection::vec(any::<u8>(), 0..2048), explain in any::<bool>()) {
        assert_valid(&record(&bytes, explain, None))?;
    }

    #[test]
    fn markup_soup_gives_a_valid_record(
        parts in prop::collection::vec(prop::sample::select(&[
            "<", ">", "</", "/>", "<p>", "</p>", "<div class=x>", "</div>", "<!--", "-->", "<![CDATA[", "]]>",
            "<script>", "</script>", "<table>", "<td>", "<tr>", "</table>", "<b>", "</b>", "<i>", "</i>", "<svg>",
            "<math>", "<template>", "</template>", "<select><option>", "<frameset>", "<plaintext>", "<textarea>",
            "<title>", "&amp", "&#x0;", "&#99999999;", "\0", "\r\n", "text ", "word ", "\u{fffd}", "<h1>T</h1>",
            "<a href='//x'>", "</a>", "<base href='javascript:x'>", "<meta charset=utf-16>", "<html lang=xx-YY>",
        ][..]), 0..200),
    ) {
        assert_valid(&record(parts.concat().as_bytes(), false, None))?;
    }
}

/// One input line of `pith filter`: a page object, or something wrong with it.
fn filter_line() -> impl Strategy<Value = (String, Option<String>)> {
    let id = prop_oneof!["[a-z0-9-]{1,12}", "[ -~]{0,12}"];
    prop_oneof![
        3 => (id.clone(), page(), any::<bool>()).prop_map(|(id, html, url)| {
            let mut v = serde_json::json!({"id": id, "html": html});
            if url {
                v["url"] = "https://news.example.com/a".into();
            }
            (v.to_string(), Some(id))
        }),
        1 => (0u32..100000).prop_map(|n| (format!("{{\"html\":\"<p>x</p>\",\"id\":{n}}}"), Some(n.to_string()))),
        1 => id.clone().prop_map(|id| (serde_json::json!({"id": id, "html": 5}).to_string(), Some(id))),
        1 => id.prop_map(|id| (format!("{{\"id\":{},\"html\":\"<p>cut", serde_json::json!(id)), Some(id))),
        1 => "[^\n]{0,40}".prop_map(|s| (s, None)),
        1 => prop::sample::select(&["", "{}", "[]", "null", "\"str\"", "{\"id\":null}", "\r", "\u{feff}{}"][..])
            .prop_map(|s| (s.to_string(), None)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_filter_line_yields_one_line(lines in prop::collection::vec(filter_line(), 0..10), crlf in any::<bool>(), end in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let mut input = lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join(sep);
        if end && !lines.is_empty() {
            input.push_str(sep);
        }
        let mut out = Vec::new();
        pith::batch::run_filter(&EXTRACTOR, input.as_bytes(), &mut out, &pith::batch::FilterOptions::default()).unwrap();
        let out = String::from_utf8(out).unwrap();
        let expected = input.split('\n').count() - usize::from(input.is_empty() || input.ends_with('\n'));
        let got: Vec<&str> = out.lines().collect();
        prop_assert_eq!(got.len(), expected, "input: {:?}\noutput: {}", input, out);
        for (i, line) in got.iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let errors: Vec<String> = VALIDATOR.iter_errors(&value).map(|e| e.to_string()).collect();
            prop_assert!(errors.is_empty(), "line {}: {:?}", i + 1, errors);
            // In input order: a line with a readable id gives a record with that input.
            if let Some((_, Some(id))) = lines.get(i) {
                prop_assert_eq!(value["input"].as_str(), Some(id.as_str()), "line {}", i + 1);
            }
        }
    }
}
