//! Widget injection: boilerplate widgets from `testdata/widgets/` are inserted at random places
//! of real pages (every fixture and widget host page; with `PITH_SHARED`, a sample of the
//! scrapinghub-aeb benchmark pages too) and the page is extracted again. No line of the widget
//! may reach `text`, and the page's own text must stay.
//!
//! A case is drawn by proptest from a fixed set of seeds, so every run sees the same cases: a
//! page, a widget, one of the widget's placements relative to the page's article container
//! (before it, inside it after the body, between two body paragraphs, after it), whether the
//! widget is wrapped in a `div` carrying the container's own classes, and whether the widget's
//! `class`/`id` values are kept, renamed to meaningless tokens or stripped.
//!
//! The article container is found on the page itself: the lowest common ancestor of the
//! elements whose text is a paragraph of the page's uninjected `text`.
//!
//! A `must_not` string leaks when the injected page's `text` holds it more often than the
//! uninjected page's (whitespace collapsed; some strings are ordinary words). Leaks the
//! extractor does not catch yet are listed in `testdata/widgets/known-leaks.toml`; any other
//! leak fails the test, so the list may only shrink. `PITH_WIDGETS_BLESS=1` rewrites it from
//! the run (review the diff). `PITH_WIDGET_CASES` (cases per seed) and `PITH_WIDGET_PAGES`
//! (benchmark pages sampled) lengthen the run; see `testdata/widgets/README.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ego_tree::NodeId;
use pith::eval::aeb;
use pith::{ExtractOptions, Extractor};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use scraper::{Html, Node};
use serde::Deserialize;

use crate::common::{fixtures, read, repo};

/// The seeds of the default run; each draws `cases_per_seed()` cases.
const SEEDS: [u64; 4] = [0x7769_6467_6574_0001, 0x7769_6467_6574_0002, 0x7769_6467_6574_0003, 0x7769_6467_6574_0004];
/// Cases per seed in `cargo test` (about 60 s in a debug build on two cores in all).
const DEFAULT_CASES_PER_SEED: usize = 60;
/// Benchmark pages sampled when `PITH_SHARED` is set, and cases per page.
const DEFAULT_BENCHMARK_PAGES: usize = 12;
const CASES_PER_BENCHMARK_PAGE: usize = 3;
/// The page's own text is kept on a benchmark page: its F1 against the gold drops by at most
/// this. (On the other pages every block of the uninjected `text` must stay.)
const MAX_F1_DROP: f64 = 0.005;
/// The marker comment a placement leaves in the serialised page, replaced by the widget.
const MARKER: &str = "<!--pith-widget-here-->";

#[derive(Debug, Deserialize)]
struct WidgetFile {
    kind: String,
    placement: Vec<String>,
    held_out: bool,
    must_not: Vec<String>,
    html: String,
}

struct Widget {
    name: String,
    file: WidgetFile,
}

fn widgets() -> Vec<Widget> {
    let mut out = Vec::new();
    let root = repo().join("testdata/widgets");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs.into_iter().filter(|d| !d.ends_with("hosts")) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "toml")) {
            let file: WidgetFile = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = format!("{}/{}", file.kind, path.file_stem().unwrap().to_string_lossy());
            out.push(Widget { name, file });
        }
    }
    assert!(out.len() >= 60, "the widget library went missing");
    out
}

/// A page to inject into, parsed once, with its uninjected extraction.
struct Host {
    name: String,
    url: Option<String>,
    dom: Html,
    /// The article container and the body paragraphs in it, in document order.
    container: NodeId,
    paragraphs: Vec<NodeId>,
    /// `class` of the container, for wrapping a widget in the article's own classes.
    container_class: String,
    /// The uninjected page's `text`, whitespace collapsed.
    text: String,
    /// The blocks of the uninjected `text`, whitespace collapsed: each must stay.
    paragraphs_text: Vec<String>,
    /// Benchmark gold, when the page has one.
    gold: Option<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn extract(html: &str, name: &str, url: Option<&String>) -> String {
    let opts = ExtractOptions::new(name).with_url(url.cloned());
    match Extractor::default().extract(html.as_bytes(), &opts) {
        Ok(a) => a.text,
        Err(_) => String::new(),
    }
}

/// Parses a page, extracts it as serialised (so injected and uninjected runs read the same
/// markup), and finds its article container; `None` when no body paragraph is found.
fn host(name: &str, html: &str, url: Option<String>, gold: Option<String>) -> Option<Host> {
    let dom = Html::parse_document(html);
    let text = extract(&dom.html(), name, url.as_ref());
    let blocks: Vec<String> = text.split("\n\n").filter(|b| b.chars().count() >= 80).map(collapse).collect();
    if blocks.is_empty() {
        return None;
    }
    let prefixes: Vec<String> = blocks.iter().map(|b| b.chars().take(60).collect()).collect();
    // The innermost elements whose text starts with a body paragraph.
    let mut paragraphs = Vec::new();
    for node in dom.tree.root().descendants() {
        let Some(el) = scraper::ElementRef::wrap(node) else { continue };
        let own = collapse(&el.text().collect::<String>());
        if own.chars().count() < 60 || !prefixes.iter().any(|p| own.starts_with(p.as_str())) {
            continue;
        }
        // Keep the innermost: drop an ancestor already taken.
        paragraphs.retain(|id: &NodeId| !node.ancestors().any(|a| a.id() == *id));
        paragraphs.push(node.id());
    }
    if paragraphs.is_empty() {
        return None;
    }
    let container = common_ancestor(&dom, &paragraphs);
    let node = dom.tree.get(container)?;
    let container = if paragraphs.len() == 1 { node.parent().map_or(container, |p| p.id()) } else { container };
    let container_class = dom
        .tree
        .get(container)
        .and_then(|n| {
            n.value()
                .as_element()
                .and_then(|e| e.attrs().find(|(k, _)| *k == "class").map(|(_, v)| v))
                .map(str::to_string)
        })
        .unwrap_or_default();
    let paragraphs_text = text.split("\n\n").map(collapse).filter(|b| !b.is_empty()).collect();
    Some(Host {
        name: name.to_string(),
        url,
        dom,
        container,
        paragraphs,
        container_class,
        text: collapse(&text),
        paragraphs_text,
        gold,
    })
}

fn common_ancestor(dom: &Html, ids: &[NodeId]) -> NodeId {
    let chain = |id: NodeId| -> Vec<NodeId> {
        let n = dom.tree.get(id).unwrap();
        let mut v: Vec<NodeId> = std::iter::once(id).chain(n.ancestors().map(|a| a.id())).collect();
        v.reverse();
        v
    };
    let mut common = chain(ids[0]);
    for &id in &ids[1..] {
        let other = chain(id);
        let n = common.iter().zip(&other).take_while(|(a, b)| a == b).count();
        common.truncate(n);
    }
    *common.last().unwrap()
}

/// One drawn case.
#[derive(Debug, Clone)]
struct Case {
    host: prop::sample::Index,
    widget: prop::sample::Index,
    placement: prop::sample::Index,
    paragraph: prop::sample::Index,
    wrap_in_article_class: bool,
    attributes: Attributes,
    salt: u32,
}

#[derive(Debug, Clone, Copy)]
enum Attributes {
    Kept,
    Renamed,
    Stripped,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<bool>(),
        prop_oneof![Just(Attributes::Kept), Just(Attributes::Renamed), Just(Attributes::Stripped)],
        any::<u32>(),
    )
        .prop_map(|(host, widget, placement, paragraph, wrap_in_article_class, attributes, salt)| Case {
            host,
            widget,
            placement,
            paragraph,
            wrap_in_article_class,
            attributes,
            salt,
        })
}

/// The widget's markup with its `class` and `id` values renamed or stripped.
fn restyle(html: &str, attributes: Attributes, salt: u32) -> String {
    let re = regex::Regex::new(r#"(?i)\s(class|id)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#).unwrap();
    match attributes {
        Attributes::Kept => html.to_string(),
        Attributes::Stripped => re.replace_all(html, "").into_owned(),
        Attributes::Renamed => re
            .replace_all(html, |c: &regex::Captures| {
                let value = c[2].trim_matches(|ch| ch == '"' || ch == '\'');
                let renamed: Vec<String> = value
                    .split_whitespace()
                    .map(|token| {
                        let h = token.bytes().fold(salt, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
                        format!("x{h:08x}")
                    })
                    .collect();
                format!(r#" {}="{}""#, &c[1], renamed.join(" "))
            })
            .into_owned(),
    }
}

/// The page with the widget at the case's placement: a marker comment is put in the tree,
/// the tree serialised, and the marker replaced by the widget's markup.
fn inject(host: &Host, widget: &Widget, case: &Case) -> (String, String) {
    let placement = case.placement.get(&widget.file.placement).as_str();
    let mut dom = host.dom.clone();
    let marker = || Node::Comment(scraper::node::Comment { comment: MARKER[4..MARKER.len() - 3].into() });
    let container = host.container;
    let is_body = |dom: &Html, id: NodeId| {
        dom.tree.get(id).and_then(|n| n.value().as_element()).is_some_and(|e| matches!(e.name(), "body" | "html"))
    };
    match placement {
        "before" if !is_body(&dom, container) => {
            dom.tree.get_mut(container).unwrap().insert_before(marker());
        }
        "before" => {
            dom.tree.get_mut(container).unwrap().prepend(marker());
        }
        "after" if !is_body(&dom, container) => {
            dom.tree.get_mut(container).unwrap().insert_after(marker());
        }
        "between" if host.paragraphs.len() >= 2 => {
            let i = case.paragraph.index(host.paragraphs.len() - 1);
            dom.tree.get_mut(host.paragraphs[i]).unwrap().insert_after(marker());
        }
        // `inside`, and the fallbacks: the end of the container.
        _ => {
            dom.tree.get_mut(container).unwrap().append(marker());
        }
    }
    let mut fragment = restyle(&widget.file.html, case.attributes, case.salt);
    if case.wrap_in_article_class && !host.container_class.is_empty() {
        fragment = format!(r#"<div class="{}">{fragment}</div>"#, host.container_class);
    }
    let label = format!(
        "{} into {} {placement}{}, classes {:?}",
        widget.name,
        host.name,
        if case.wrap_in_article_class { " wrapped in the article's classes" } else { "" },
        case.attributes
    );
    (dom.html().replacen(MARKER, &fragment, 1), label)
}

/// What one run found.
#[derive(Default)]
struct Findings {
    /// Widget name → `must_not` strings that leaked, with an example case each.
    leaks: BTreeMap<String, BTreeMap<String, String>>,
    /// Cases that lost the page's own text.
    lost: Vec<String>,
    cases: usize,
    held_out_cases: usize,
    held_out_leaky: usize,
    rest_leaky: usize,
}

fn run_case(host: &Host, widget: &Widget, case: &Case, findings: &mut Findings) {
    let (page, label) = inject(host, widget, case);
    let text = collapse(&extract(&page, &host.name, host.url.as_ref()));
    dump(&page, &label, findings.cases);
    let leaked: Vec<&String> = widget
        .file
        .must_not
        .iter()
        .filter(|s| text.matches(s.as_str()).count() > host.text.matches(s.as_str()).count())
        .collect();
    findings.cases += 1;
    if widget.file.held_out {
        findings.held_out_cases += 1;
        findings.held_out_leaky += usize::from(!leaked.is_empty());
    } else {
        findings.rest_leaky += usize::from(!leaked.is_empty());
    }
    for s in leaked {
        findings.leaks.entry(widget.name.clone()).or_default().entry(s.clone()).or_insert_with(|| label.clone());
    }
    match &host.gold {
        Some(gold) => {
            // Leaks are judged above; here the rest of the text is compared.
            let (before, after) = (without(&host.text, &widget.file.must_not), without(&text, &widget.file.must_not));
            let drop = aeb::score_doc(gold, &before).f1 - aeb::score_doc(gold, &after).f1;
            if drop > MAX_F1_DROP {
                findings.lost.push(format!("{label}: F1 against the gold dropped by {drop:.3}"));
            }
        }
        None => {
            let missing: Vec<&String> = host.paragraphs_text.iter().filter(|p| !text.contains(p.as_str())).collect();
            if !missing.is_empty() {
                findings.lost.push(format!("{label}: lost {missing:?}"));
            }
        }
    }
}

/// `text` without any of the widget's strings (longest first).
fn without(text: &str, strings: &[String]) -> String {
    let mut strings: Vec<&String> = strings.iter().collect();
    strings.sort_by_key(|s| std::cmp::Reverse(s.len()));
    strings.iter().fold(text.to_string(), |t, s| t.replace(s.as_str(), " "))
}

/// Under `PITH_WIDGET_DUMP=DIR`, every injected page is written there (to study a failure).
fn dump(page: &str, label: &str, n: usize) {
    if let Some(dir) = std::env::var_os("PITH_WIDGET_DUMP") {
        let name: String = label.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        std::fs::write(PathBuf::from(dir).join(format!("{n:04}-{name}.html")), page).unwrap();
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn draw(runner: &mut TestRunner) -> Case {
    case().new_tree(runner).unwrap().current()
}

fn seeded(seed: u64) -> TestRunner {
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed.to_le_bytes(), [7; 8], [1; 8], [9; 8]].concat()),
    )
}

const KNOWN_LEAKS: &str = "testdata/widgets/known-leaks.toml";

/// Checks the findings against the known leaks; rewrites the list under `PITH_WIDGETS_BLESS`.
fn judge(findings: &Findings, what: &str) {
    let path = repo().join(KNOWN_LEAKS);
    let known: BTreeMap<String, BTreeSet<String>> = toml::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{KNOWN_LEAKS}: {e}"));
    eprintln!(
        "{what}: {} cases; leaking cases: held-out {}/{}, rest {}/{}; page text lost in {}",
        findings.cases,
        findings.held_out_leaky,
        findings.held_out_cases,
        findings.rest_leaky,
        findings.cases - findings.held_out_cases,
        findings.lost.len()
    );
    let bless = std::env::var_os("PITH_WIDGETS_BLESS").is_some();
    if bless {
        let mut all = known.clone();
        for (w, strings) in &findings.leaks {
            all.entry(w.clone()).or_default().extend(strings.keys().cloned());
        }
        let mut out = String::from(
            "# Widget strings that still leak into `text` in the injection test (tests/widgets.rs), per widget.\n\
             # Any leak not listed here fails the test; shrink this list, never grow it by hand.\n",
        );
        for (w, strings) in &all {
            let list: Vec<String> = strings.iter().map(|s| format!("{s:?}")).collect();
            out.push_str(&format!("{w:?} = [{}]\n", list.join(", ")));
        }
        std::fs::write(&path, out).unwrap();
    }
    let mut new = Vec::new();
    for (w, strings) in &findings.leaks {
        for (s, label) in strings {
            if !known.get(w).is_some_and(|k| k.contains(s)) {
                new.push(format!("{s:?} leaked ({label})"));
            }
        }
    }
    assert!(
        (bless || new.is_empty()) && findings.lost.is_empty(),
        "{what}: widget text reached `text` (not in {KNOWN_LEAKS}):\n  {}\npage text lost:\n  {}",
        new.join("\n  "),
        findings.lost.join("\n  ")
    );
}

/// Every fixture page and widget host page, with widgets injected.
#[test]
fn injected_widgets_stay_out_of_text_on_fixture_pages() {
    let widgets = widgets();
    let mut hosts = Vec::new();
    for fx in fixtures() {
        let Ok(html) = String::from_utf8(read(&fx.html)) else { continue };
        hosts.push(host(&format!("testdata/{}.html", fx.name), &html, fx.spec.url.clone(), None).expect(&fx.name));
    }
    let host_dir = repo().join("testdata/widgets/hosts");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&host_dir).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    for page in pages.into_iter().filter(|p| p.extension().is_some_and(|x| x == "html")) {
        #[derive(Deserialize)]
        struct Spec {
            url: String,
        }
        let spec: Spec = toml::from_str(&std::fs::read_to_string(page.with_extension("toml")).unwrap()).unwrap();
        let html = std::fs::read_to_string(&page).unwrap();
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        hosts.push(host(&name, &html, Some(spec.url), None).expect(&name));
    }
    let mut findings = Findings::default();
    for seed in SEEDS {
        let mut runner = seeded(seed);
        for _ in 0..env_usize("PITH_WIDGET_CASES", DEFAULT_CASES_PER_SEED) {
            let case = draw(&mut runner);
            let host = case.host.get(&hosts);
            let widget = case.widget.get(&widgets);
            run_case(host, widget, &case, &mut findings);
        }
    }
    judge(&findings, "fixture pages");
}

/// A sample of scrapinghub-aeb pages (read from the shared folder, never copied), with
/// widgets injected: no widget text in `text`, and per-page F1 against the gold drops by at
/// most `MAX_F1_DROP`. Runs only when `PITH_SHARED` names the shared folder (`.ci/run` sets it).
#[test]
fn injected_widgets_stay_out_of_text_on_benchmark_pages() {
    let Some(shared) = std::env::var_os("PITH_SHARED") else { return };
    let dir = PathBuf::from(shared).join("benchmarks/scrapinghub-aeb");
    let dataset = pith::eval::Dataset::load(&dir).unwrap();
    let widgets = widgets();
    let mut runner = seeded(SEEDS[0]);
    let wanted = env_usize("PITH_WIDGET_PAGES", DEFAULT_BENCHMARK_PAGES);
    let mut docs: Vec<_> = dataset.docs.iter().filter(|d| d.gold_has_text()).collect();
    // A fixed sample spread over the set.
    let step = (docs.len() / wanted.max(1)).max(1);
    docs = docs.into_iter().step_by(step).take(wanted).collect();
    let mut findings = Findings::default();
    for doc in docs {
        let pith::eval::Gold::FullText(gold) = &doc.gold else { continue };
        let Ok(html) = String::from_utf8(read(&dataset.html_path(doc))) else { continue };
        let Some(host) = host(&doc.id, &html, doc.url.clone(), Some(gold.clone())) else { continue };
        for _ in 0..CASES_PER_BENCHMARK_PAGE {
            let case = draw(&mut runner);
            run_case(&host, case.widget.get(&widgets), &case, &mut findings);
        }
    }
    judge(&findings, "benchmark pages");
}
