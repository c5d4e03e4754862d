//! Site profiles as data alone: each folder `testdata/profiles/<site>/` holds a profile
//! (`profile.toml`, layered over the built-in config as `pith --config` layers it), pages of
//! the site and, beside each page, its sidecar (`<page>.toml`: the fields expected, as for the
//! fixtures of `testdata/<group>/`). The sites are made up and their hosts sit under the
//! reserved `.example` domain: a site is added with no Rust. Below them, the profile engine's
//! rules one at a time, each on a small page with a profile of a few lines.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pith::{Article, Config, ExtractOptions, Extractor};

use crate::common::{self, Fixture, Sidecar, read};
use crate::fixtures::check_expectations;

/// One site: its folder, its profile's text and its pages with their sidecars.
struct Site {
    name: String,
    profile: PathBuf,
    pages: Vec<Fixture>,
}

/// Every site in `testdata/profiles/`, sorted by name, each with its pages sorted by name.
fn sites() -> Vec<Site> {
    let root = common::repo().join("testdata/profiles");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let sites: Vec<Site> = dirs
        .into_iter()
        .filter(|d| d.is_dir())
        .map(|dir| {
            let mut sidecars: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "toml") && p.file_name() != Some("profile.toml".as_ref())
                })
                .collect();
            sidecars.sort();
            let pages = sidecars
                .into_iter()
                .map(|side| {
                    let spec: Sidecar = toml::from_str(&std::fs::read_to_string(&side).unwrap())
                        .unwrap_or_else(|e| panic!("{}: {e}", side.display()));
                    let name = side.file_stem().unwrap().to_string_lossy().to_string();
                    Fixture { name, html: side.with_extension("html"), spec }
                })
                .collect();
            Site {
                name: dir.file_name().unwrap().to_string_lossy().to_string(),
                profile: dir.join("profile.toml"),
                pages,
            }
        })
        .collect();
    assert!(sites.len() >= 2 && sites.iter().all(|s| !s.pages.is_empty()), "the profile fixtures went missing");
    sites
}

/// The built-in config with the site's profile layered over it.
fn config_of(site: &Site) -> Config {
    let text = std::fs::read_to_string(&site.profile).unwrap();
    Config::default_with_overrides(&text).unwrap_or_else(|e| panic!("{}: {e}", site.profile.display()))
}

fn extract(config: Config, fx: &Fixture, explain: bool) -> pith::Article {
    let opts = ExtractOptions::new(fx.html.strip_prefix(common::repo()).unwrap_or(&fx.html).display().to_string())
        .with_url(fx.spec.url.clone())
        .with_explain(explain);
    Extractor::new(config).extract(&read(&fx.html), &opts).unwrap_or_else(|e| panic!("{}: {e}", fx.name))
}

#[test]
fn every_profile_page_meets_its_sidecar() {
    let mut failures = Vec::new();
    for site in sites() {
        for fx in &site.pages {
            let a = extract(config_of(&site), fx, false);
            let mut errs = check_expectations(fx, &a);
            if a.profile != profile_name(&site.profile) {
                errs.push(format!("profile: got {:?}", a.profile));
            }
            if !errs.is_empty() {
                failures.push(format!(
                    "== {}/{} ({})\n  {}",
                    site.name,
                    fx.name,
                    fx.spec.description,
                    errs.join("\n  ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_profile_page_matches_its_snapshot() {
    for site in sites() {
        for fx in &site.pages {
            let a = extract(config_of(&site), fx, true);
            insta::with_settings!({ prepend_module_to_snapshot => false }, {
                insta::assert_json_snapshot!(format!("profiles__{}__{}", site.name, fx.name), a, {
                    ".extractor.version" => "[version]",
                });
            });
        }
    }
}

/// Without its profile a page falls to the general heuristics: the profile is what gives
/// the fields the sidecar expects.
#[test]
fn without_the_profile_the_pages_lose_their_site_fields() {
    for site in sites() {
        for fx in &site.pages {
            let a = extract(Config::default(), fx, false);
            assert_eq!(a.profile, "generic", "{}/{}", site.name, fx.name);
            assert!(a.source_id.is_none(), "{}/{}: {:?}", site.name, fx.name, a.source_id);
        }
    }
}

/// The `name` of the profile file's first `[[profile]]`.
fn profile_name(path: &Path) -> String {
    let value: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value["profile"][0]["name"].as_str().unwrap().to_string()
}

/// The binary, given the profile with `--config`, gives the sidecar's fields: adding a site
/// takes a TOML file and nothing else.
#[test]
fn the_cli_takes_a_site_profile_with_config() {
    for site in sites() {
        let fx = &site.pages[0];
        let mut cmd = Command::cargo_bin("pith").unwrap();
        cmd.current_dir(common::repo()).arg("extract").arg(&fx.html).arg("--config").arg(&site.profile);
        if let Some(url) = &fx.spec.url {
            cmd.args(["--url", url]);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let e = &fx.spec.expect;
        assert_eq!(v["profile"], profile_name(&site.profile), "{}", site.name);
        assert_eq!(v["title"], e.title, "{}", site.name);
        assert_eq!(v["source_id"].as_str().unwrap_or_default(), e.source_id, "{}", site.name);
        assert_eq!(v["categories"], serde_json::json!(e.categories), "{}", site.name);
        assert_eq!(v["page_type"], e.page_type, "{}", site.name);
    }
}

// ---------------------------------------------------------------------------------------------
// The profile engine's rules, each on a small page of a made-up site.

/// A made-up site's profile: `body` is the rest of the `[[profile]]` table.
fn snippet_profile(body: &str) -> String {
    format!("[[profile]]\nname = \"snippet\"\nhosts = ['(^|\\.)snippet\\.example$']\n{body}")
}

/// Three paragraphs of body text: enough for an article column, and the first too long
/// to be taken for a deck.
const BODY: &str = "<p>The county road crews started resurfacing the valley road on Monday, working from the \
    bridge towards the quarry turn, and expect to finish before the first frosts of the autumn. The work \
    was put off twice last year for lack of money, and the surface had broken up in long stretches.</p>\
    <p>Drivers should allow twenty minutes more for the trip into town while the single lane is open, \
    the county said, and buses will keep to their timetable with a short detour past the school.</p>\
    <p>Traffic lights at each end of the works will run through the night, and the crews will clear the \
    road for the market on Saturday mornings, when the farmers bring their stalls down from the hills.</p>";

fn extract_snippet(profile_toml: &str, html: &str) -> Article {
    let config = Config::default_with_overrides(profile_toml).unwrap();
    let opts = ExtractOptions::new("snippet.html").with_url(Some("https://www.snippet.example/news/road-42".into()));
    Extractor::new(config).extract(html.as_bytes(), &opts).unwrap()
}

fn page(article: &str) -> String {
    format!("<html><head><title>Road works | Snippet</title></head><body><div class=col>{article}</div></body></html>")
}

#[test]
fn a_category_list_gives_one_category_per_item() {
    let p = snippet_profile("[profile.categories]\nselectors = [\"ul.sections\"]\n");
    let html = page(&format!(
        "<ul class=sections><li><a href=/news/>News</a></li><li><a href=/news/roads/>Roads, Bridges</a></li></ul>\
         <h1>Road works start</h1>{BODY}"
    ));
    let a = extract_snippet(&p, &html);
    assert_eq!(a.profile, "snippet");
    assert_eq!(a.categories, ["News", "Roads, Bridges"]);
    assert!(!a.text.contains("Bridges"), "{}", a.text);
}

#[test]
fn a_category_list_after_the_body_is_found_and_removed() {
    let p = snippet_profile("[profile.categories]\nselectors = [\"ul.topics\"]\n");
    let html = page(&format!(
        "<h1>Road works start</h1>{BODY}<ul class=topics><li>Roads</li><li>County</li><li>Roads</li></ul>"
    ));
    let a = extract_snippet(&p, &html);
    assert_eq!(a.categories, ["Roads", "County"], "each category once");
    assert!(!a.text.contains("County"), "{}", a.text);
}

#[test]
fn a_line_of_links_gives_one_category_per_link_and_other_lines_are_split() {
    let links = snippet_profile("[profile.categories]\nselectors = [\"p.cats\"]\n");
    let html = page(&format!(
        "<p class=cats><a href=/roads/>Roads</a><a href=/county/>County Council</a></p><h1>Road works start</h1>{BODY}"
    ));
    assert_eq!(extract_snippet(&links, &html).categories, ["Roads", "County Council"]);
    // Text between the links: the separator splits the line.
    let text = snippet_profile("[profile.categories]\nselectors = [\"p.cats\"]\nseparator = \"/\"\n");
    let html = page(&format!("<p class=cats>Roads / County Council / Weather</p><h1>Road works start</h1>{BODY}"));
    assert_eq!(extract_snippet(&text, &html).categories, ["Roads", "County Council", "Weather"]);
}

#[test]
fn title_deck_and_byline_come_from_the_selectors() {
    let p = snippet_profile(
        "[profile.title]\nselectors = [\"h1.head\"]\n[profile.subtitle]\nselectors = [\"p.deck\"]\n\
         [profile.byline]\nselectors = [\".by\"]\nauthor_links = 'a.who'\n",
    );
    let html = page(&format!(
        "<h1 class=head>Road works start</h1><p class=deck>A month of single-lane traffic</p>\
         <div class=by>By <a class=who href=/staff/ana-ruiz/>Ana Ruiz</a> and <a class=who href=/staff/li-wen/>Li Wen</a></div>{BODY}"
    ));
    let a = extract_snippet(&p, &html);
    assert_eq!(a.title.as_deref(), Some("Road works start"));
    assert_eq!(a.subtitle.as_deref(), Some("A month of single-lane traffic"));
    assert_eq!(a.authors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Ana Ruiz", "Li Wen"]);
    assert!(!a.text.contains("single-lane traffic") && !a.text.contains("Ana Ruiz"), "{}", a.text);
}

#[test]
fn remove_rules_take_out_their_blocks_and_nothing_else() {
    let p = snippet_profile(
        "[[profile.remove]]\nid = \"snippet.promo\"\nkind = \"ad\"\nscope = \"article\"\ntext = '^Advertisement:'\nmax_chars = 200\n\
         [[profile.remove]]\nid = \"snippet.newsletter\"\nkind = \"newsletter\"\nscope = \"any\"\nheading = '^Road alerts by email$'\n",
    );
    let html = page(&format!(
        "<h1>Road works start</h1>{BODY}<p>Advertisement: tyres at half price this week.</p>\
         <div><h3>Road alerts by email</h3><p>Sign up for the morning bulletin.</p></div>"
    ));
    let a = extract_snippet(&p, &html);
    assert!(a.text.contains("resurfacing the valley road"), "{}", a.text);
    for gone in ["tyres at half price", "Road alerts by email", "morning bulletin"] {
        assert!(!a.text.contains(gone), "{gone}: {}", a.text);
    }
    // Without the rules the same blocks stay.
    let a = extract_snippet(&snippet_profile(""), &html);
    assert!(a.text.contains("tyres at half price"), "{}", a.text);
}

#[test]
fn credit_lines_and_notes_leave_the_body_for_their_fields() {
    let p = snippet_profile(
        "[profile.credit_line]\npattern = '^Additional reporting by (?P<who>.+?)\\.?$'\n\
         [profile.notes]\npatterns = ['^Correction:']\n",
    );
    let html = page(&format!(
        "<h1>Road works start</h1>{BODY}<p>Additional reporting by Ana Ruiz and Li Wen.</p>\
         <p>Correction: the works start on Monday, not Tuesday.</p>"
    ));
    let a = extract_snippet(&p, &html);
    assert_eq!(a.contributors.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Ana Ruiz", "Li Wen"]);
    assert_eq!(a.notes, ["Correction: the works start on Monday, not Tuesday."]);
    assert!(!a.text.contains("Additional reporting") && !a.text.contains("Correction"), "{}", a.text);
}

#[test]
fn the_root_selector_keeps_the_body_to_its_column() {
    let p = snippet_profile("[profile.root]\nselectors = [\"div.story\"]\n");
    let html = format!(
        "<html><body><div class=story><h1>Road works start</h1>{BODY}</div>\
         <div class=rail><p>Most read this week: the summer fair is back at the castle grounds with music all day.</p></div></body></html>"
    );
    let a = extract_snippet(&p, &html);
    assert!(a.text.contains("resurfacing the valley road") && !a.text.contains("summer fair"), "{}", a.text);
}

#[test]
fn an_editors_note_between_the_headline_and_the_body_goes_to_notes() {
    let p = snippet_profile("[profile.notes]\npatterns = ['^Editor.?s [Nn]ote\\b']\n");
    let note = "Editor's Note: This story was updated on Tuesday with the county's new timetable.";
    // In the head matter, right under the headline; and in an aside between a hero header
    // and the body container.
    for head in [
        format!("<h1>Road works start</h1><p><em>{note}</em></p>{BODY}"),
        format!(
            "<header class=hero><h1>Road works start</h1></header><aside role=note><p>{note}</p></aside><div class=body>{BODY}</div>"
        ),
    ] {
        let a = extract_snippet(&p, &page(&head));
        assert_eq!(a.notes, [note], "{head}");
        assert!(!a.text.contains("Editor's Note") && a.text.contains("resurfacing the valley road"), "{}", a.text);
    }
}
