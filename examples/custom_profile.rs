//! A site profile for a made-up site, written as TOML text and layered over the built-in
//! configuration: adding a site needs no Rust. Then the same profile with a typo, to show the
//! error a bad profile gives.
//!
//! ```sh
//! cargo run --example custom_profile
//! ```

use pith::{Config, ExtractOptions, Extractor};

/// The profile: which pages it takes (by host), where the article column and the fields are,
/// and the site chrome to remove. `docs/site-profiles.md` lists every key.
const PROFILE: &str = r#"
[[profile]]
name = "harbour-gazette"
hosts = ['(^|\.)harbourgazette\.example$']

[[profile.sites]]
host = 'harbourgazette\.example$'
name = "The Harbour Gazette"

[profile.root]
selectors = ["div.story"]

[profile.title]
selectors = ["h1.story-headline"]

[profile.byline]
selectors = ["p.story-byline"]

[profile.date]
selectors = ["time[datetime]"]

[[profile.remove]]
id = "gazette.newsletter"
kind = "newsletter"
scope = "article"
selectors = [".newsletter-signup"]
"#;

const PAGE: &str = r#"<!doctype html>
<html><head><title>Ferry timetable changes for winter | The Harbour Gazette</title></head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <div class="story">
    <h1 class="story-headline">Ferry timetable changes for winter</h1>
    <p class="story-byline">By Morag Finlay</p>
    <time datetime="2025-10-28T09:00:00Z">28 October 2025</time>
    <p>The island ferry will run four crossings a day from November, down from six, the harbour
    board said on Tuesday after a meeting with the operator.</p>
    <div class="newsletter-signup">Sign up for our morning newsletter and never miss a story.</div>
    <p>The board said the change follows a fall in winter passenger numbers and will be reviewed
    in March, when the summer timetable is drawn up.</p>
  </div>
  <footer>Copyright The Harbour Gazette</footer>
</body></html>"#;

fn main() -> Result<(), pith::ConfigError> {
    // The built-in profiles, with this one added (a profile with a built-in's name replaces it).
    let config = Config::default_with_overrides(PROFILE)?;
    println!("profiles: {}", config.profile_names().collect::<Vec<_>>().join(", "));

    let extractor = Extractor::new(config);
    let opts = ExtractOptions::new("ferry.html").with_url(Some("https://www.harbourgazette.example/news/ferry".into()));
    match extractor.extract(PAGE.as_bytes(), &opts) {
        Ok(article) => {
            println!("profile:   {}", article.profile);
            println!("site:      {:?}", article.site.name);
            println!("title:     {:?}", article.title);
            println!("authors:   {:?}", article.authors.iter().map(|a| &a.name).collect::<Vec<_>>());
            println!("published: {:?}", article.published);
            println!("text:\n{}", article.text);
        }
        Err(e) => println!("no article: {e}"),
    }

    // A typo in a selector is an error that names the key and says what is wrong.
    let typo = PROFILE.replace("h1.story-headline", "h1..story-headline");
    if let Err(e) = Config::default_with_overrides(&typo) {
        println!("\na bad profile: {e}");
    }
    Ok(())
}
