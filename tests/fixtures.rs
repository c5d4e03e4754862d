//! The golden fixtures in `testdata/`: every page must meet its sidecar's expectations, match
//! its insta snapshot, and come out the same when its class names and ids are renamed.

use crate::common;

use common::{Fixture, extract, fixtures, read};
use pith::{Article, Block};

/// Checks one article against its sidecar; returns the failures.
pub(crate) fn check_expectations(fx: &Fixture, a: &Article) -> Vec<String> {
    let e = &fx.spec.expect;
    let mut errs = Vec::new();
    let mut eq = |field: &str, got: String, want: String| {
        if got != want {
            errs.push(format!("{field}:\n    got  {got}\n    want {want}"));
        }
    };
    eq("title", format!("{:?}", a.title), format!("{:?}", Some(&e.title)));
    eq("subtitle", a.subtitle.clone().unwrap_or_default(), e.subtitle.clone());
    eq("authors", format!("{:?}", a.authors.iter().map(|x| &x.name).collect::<Vec<_>>()), format!("{:?}", e.authors));
    eq("published", format!("{:?}", a.published), format!("{:?}", Some(&e.published)));
    eq("categories", format!("{:?}", a.categories), format!("{:?}", e.categories));
    eq("page_type", serde_json::to_string(&a.page_type).unwrap(), format!("\"{}\"", e.page_type));
    eq("source_id", a.source_id.clone().unwrap_or_default(), e.source_id.clone());
    eq(
        "contributors",
        format!("{:?}", a.contributors.iter().map(|c| (c.name.clone(), c.role.clone())).collect::<Vec<_>>()),
        format!("{:?}", e.contributors.iter().map(|c| (c.name.clone(), c.role.clone())).collect::<Vec<_>>()),
    );
    eq("notes", format!("{:?}", a.notes), format!("{:?}", e.notes));
    if !a.text.starts_with(&e.first_block) {
        errs.push(format!("first block: got {:?}", a.text.split("\n\n").next()));
    }
    if !a.text.ends_with(&e.last_block) {
        errs.push(format!("last block: got {:?}", a.text.split("\n\n").last()));
    }
    for s in &e.must_contain {
        if !a.text.contains(s.as_str()) {
            errs.push(format!("missing from text: {s:?}"));
        }
    }
    errs.extend(boilerplate_in_text(fx, &a.text));
    errs
}

fn boilerplate_in_text(fx: &Fixture, text: &str) -> Vec<String> {
    fx.spec
        .expect
        .must_not_contain
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .map(|s| format!("boilerplate in text: {s:?}"))
        .collect()
}

#[test]
fn every_fixture_meets_its_sidecar() {
    let mut failures = Vec::new();
    for fx in fixtures() {
        let a = extract(&fx, &read(&fx.html), false);
        let errs = check_expectations(&fx, &a);
        if !errs.is_empty() {
            failures.push(format!("== {} ({})\n  {}", fx.name, fx.spec.description, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_fixture_matches_its_snapshot() {
    for fx in fixtures() {
        let a = extract(&fx, &read(&fx.html), true);
        // Named `fixtures__<name>` in `tests/snapshots`, whatever the test binary is called.
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(format!("fixtures__{}", fx.name), a, {
                ".extractor.version" => "[version]",
            });
        });
    }
}

#[test]
fn seed_article_matches_the_reference_json_field_for_field() {
    let fx = fixtures().into_iter().find(|f| f.name == "seed-tiktok-oracle").expect("seed fixture");
    let a = extract(&fx, &read(&fx.html), false);
    let got = serde_json::to_value(&a).unwrap();
    let want: serde_json::Value =
        serde_json::from_slice(&read(&common::repo().join("testdata/ismg/seed-tiktok-oracle.expected.json"))).unwrap();
    for (key, value) in want.as_object().unwrap() {
        if key == "blocks" {
            assert_blocks_extend(&got[key], value);
        } else {
            assert_eq!(&got[key], value, "field {key}");
        }
    }
}

/// The reference's blocks, each with the same values for its keys: the contract adds keys
/// (`spans`, `entries`, …) and `image` blocks without changing what the others say.
fn assert_blocks_extend(got: &serde_json::Value, want: &serde_json::Value) {
    let got: Vec<&serde_json::Value> = got.as_array().unwrap().iter().filter(|b| b["kind"] != "image").collect();
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "number of text blocks");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        for (key, value) in w.as_object().unwrap() {
            assert_eq!(&g[key], value, "block {i}, key {key}");
        }
    }
}

/// Renames every `class` and `id` value (each token prefixed with `x`), as a redesign would.
fn rename_classes_and_ids(html: &[u8]) -> Vec<u8> {
    let re = regex::bytes::Regex::new(r#"(?i)(\s(?:class|id)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#).unwrap();
    re.replace_all(html, |c: &regex::bytes::Captures<'_>| {
        let value = c.get(2).or(c.get(3)).or(c.get(4)).map_or(&b""[..], |m| m.as_bytes());
        let renamed: Vec<Vec<u8>> =
            value.split(|b| b.is_ascii_whitespace()).filter(|t| !t.is_empty()).map(|t| [b"x", t].concat()).collect();
        [&c[1], b"\"", &renamed.join(&b' '), b"\""].concat()
    })
    .into_owned()
}

#[test]
fn renaming_uses_every_token() {
    let out = rename_classes_and_ids(br#"<div class="a  b" id='c' CLASS=d>"#);
    assert_eq!(out, br#"<div class="xa xb" id="xc" CLASS="xd">"#.to_vec());
}

/// Live ISMG markup is redesigned every few years: with every class and id renamed, each
/// fixture must still give the same title, authors, date and body, with no boilerplate.
#[test]
fn renamed_classes_and_ids_give_the_same_article() {
    let mut failures = Vec::new();
    for fx in fixtures() {
        let bytes = read(&fx.html);
        let original = extract(&fx, &bytes, false);
        let renamed = extract(&fx, &rename_classes_and_ids(&bytes), false);
        let names = |a: &Article| a.authors.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        let mut errs = Vec::new();
        if renamed.title != original.title {
            errs.push(format!("title {:?} != {:?}", renamed.title, original.title));
        }
        if names(&renamed) != names(&original) {
            errs.push(format!("authors {:?} != {:?}", names(&renamed), names(&original)));
        }
        if renamed.published != original.published {
            errs.push(format!("published {:?} != {:?}", renamed.published, original.published));
        }
        if renamed.blocks != original.blocks {
            errs.push(first_block_difference(&renamed.blocks, &original.blocks));
        }
        errs.extend(boilerplate_in_text(&fx, &renamed.text));
        if !errs.is_empty() {
            failures.push(format!("== {}\n  {}", fx.name, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn first_block_difference(got: &[Block], want: &[Block]) -> String {
    let i = got.iter().zip(want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
    format!(
        "body differs at block {i} ({} vs {} blocks):\n    renamed  {:?}\n    original {:?}",
        got.len(),
        want.len(),
        got.get(i).map(Block::plain_text),
        want.get(i).map(Block::plain_text)
    )
}

/// What pages render around the body and is not body: picture credits and captions (they go
/// into the image blocks), pull-quotes that repeat the body (as a quotation or a boxed
/// one-cell table), blocks of only invisible characters, control characters.
#[test]
fn rendering_leftovers_stay_out_of_the_body() {
    let para = |s: &str| {
        format!(
            "<p>{s} The council met on Tuesday evening and the debate ran long into the night as members weighed each line of the budget.</p>"
        )
    };
    let page = format!(
        r#"<html><head><title>Budget Night - Gazette</title></head><body><article><h1>Budget Night</h1>
        {}
        <figure><img src="https://img.example.net/a.jpg" alt="The council chamber"><figcaption>The council chamber on Tuesday. <span class="credit">Sanjeev Verma/Hindustan Times/Getty Images</span></figcaption></figure>
        {}
        <div><img src="https://img.example.net/b.jpg" alt=""></div>
        <p>A launch pad at dawn (credit: NASA/Jude Guidry)</p>
        {}
        <blockquote class="pull">Members weighed each line of the budget as the debate ran long into the night.</blockquote>
        <table><tr><td>The debate ran long into the night as members weighed each line of the budget.</td></tr></table>
        <p>&#8203;&#8203;&#xFEFF;</p>
        <p>Rates rise by two percent from{ctrl} July, the treasurer said after the vote was taken.</p>
        {}
        </article></body></html>"#,
        para("First."),
        para("Second."),
        para("Third."),
        para("Fourth."),
        ctrl = "\u{1}\u{9b}",
    );
    let opts = pith::ExtractOptions::new("leftovers.html").with_url(Some("https://news.example.org/budget".into()));
    let a = pith::Extractor::default().extract(page.as_bytes(), &opts).unwrap();
    for gone in
        ["Getty Images", "Jude Guidry", "The council chamber on Tuesday", "\u{200b}", "\u{feff}", "\u{1}", "\u{9b}"]
    {
        assert!(!a.text.contains(gone), "{gone:?} in the body text:\n{}", a.text);
    }
    assert!(a.text.contains("Rates rise by two percent from July"), "{}", a.text);
    let quotes_or_tables =
        a.blocks.iter().filter(|b| matches!(b, pith::Block::Quote { .. } | pith::Block::Table { .. })).count();
    assert_eq!(quotes_or_tables, 0, "pull-quotes: {:#?}", a.blocks);
    assert!(a.blocks.iter().all(|b| !b.plain_text().is_empty() || matches!(b, pith::Block::Image { .. })));
    let images: Vec<(&str, Option<&str>, Option<&str>)> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            pith::Block::Image { url, caption, credit, .. } => {
                Some((url.as_str(), caption.as_deref(), credit.as_deref()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        images.first(),
        Some(&(
            "https://img.example.net/a.jpg",
            Some("The council chamber on Tuesday."),
            Some("Sanjeev Verma/Hindustan Times/Getty Images")
        )),
        "{images:?}"
    );
    assert!(
        images.iter().any(|(url, _, credit)| *url == "https://img.example.net/b.jpg"
            && credit.is_some_and(|c| c.contains("NASA/Jude Guidry"))),
        "{images:?}"
    );
}

/// `--explain` names a field a site profile chose `profile:<rule>`, `<rule>` the profile's table
/// in the config that found it (docs/contract.md); on every profile fixture the headline, the
/// date and the site name are the profile's.
#[test]
fn profile_chosen_fields_are_named_profile_rule() {
    const RULES: &[&str] = &["title", "subtitle", "byline", "date", "categories", "image", "sites"];
    let mut profile_pages = 0;
    for fx in fixtures() {
        let a = extract(&fx, &read(&fx.html), true);
        if a.extractor.method != pith::Method::Profile {
            continue;
        }
        profile_pages += 1;
        let s = a.sources.clone().expect("sources with --explain");
        for (field, source) in [
            ("site_name", &s.site_name),
            ("title", &s.title),
            ("subtitle", &s.subtitle),
            ("authors", &s.authors),
            ("published", &s.published),
            ("categories", &s.categories),
            ("image", &s.image),
        ] {
            let Some(source) = source else { continue };
            if let Some(rule) = source.strip_prefix("profile:") {
                assert!(RULES.contains(&rule), "{}: {field} from {source:?}, no profile rule", fx.name);
            } else {
                assert!(
                    !matches!(field, "site_name" | "title" | "published") && !source.starts_with("profile"),
                    "{}: {field} from {source:?}, not named profile:<rule>",
                    fx.name
                );
            }
        }
    }
    assert!(profile_pages >= 10, "only {profile_pages} profile fixtures");
}
