//! Config parsing: any text gives a config or a `ConfigError`, never a panic; a config that
//! loads extracts a small page without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::{Config, ExtractOptions, Extractor};

const PAGE: &[u8] = b"<html><head><title>T - Site</title><link rel=canonical href='https://news.example.com/a-1'></head>\
<body><nav>Home</nav><article class='story'><h1>Headline</h1><p class='by'>By Ann Lee</p>\
<p>Body text of the article, long enough to be a paragraph of the body.</p><div class='promo'>See Also</div></article></body></html>";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Config::from_toml(text);
    if let Ok(config) = Config::default_with_overrides(text) {
        let extractor = Extractor::new(config);
        let _ = extractor.record(PAGE, &ExtractOptions::new("page.html"));
        let _ = extractor.record(PAGE, &ExtractOptions::new("page.html").with_url(Some("https://news.example.com/a-1".into())));
    }
});
