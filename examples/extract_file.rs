//! Extracts the article of one saved page and prints it as JSON, the way `pith extract` does.
//!
//! ```sh
//! cargo run --example extract_file -- testdata/ismg/seed-tiktok-oracle.html
//! cargo run --example extract_file -- page.html https://www.example.com/news/story
//! ```

use std::process::ExitCode;

use pith::{ErrorRecord, ExtractOptions, Extractor, Record, render};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_file PAGE.html [URL]");
        return ExitCode::from(2);
    };
    // The URL (when known) lets pith pick a site profile, resolve relative links and read ids.
    let url = args.next();

    // One extractor serves every page: it holds the compiled site profiles and the limits.
    let extractor = Extractor::default();
    let opts = ExtractOptions::new(path.clone()).with_url(url.clone());

    // `record` gives the article or an error record, never a panic; `extract` gives a
    // `Result<Article, ExtractError>` instead.
    let record = match std::fs::read(&path) {
        Ok(bytes) => extractor.record(&bytes, &opts),
        Err(e) => Record::Error(ErrorRecord::unreadable(path, url, &e)),
    };
    println!("{}", render::json_pretty(&record));
    match record {
        Record::Article(article) => {
            eprintln!("{:?}: {} words, {} blocks", article.title, article.word_count, article.blocks.len());
            ExitCode::SUCCESS
        }
        Record::Error(e) => {
            eprintln!("{}: {}", e.input, e.error.message);
            ExitCode::FAILURE
        }
    }
}
