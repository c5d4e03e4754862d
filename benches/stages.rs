//! Per-stage timings on bundled pages (`testdata/`): decode, pre-filter, parse (pre-filter
//! included), clean + extract (everything after parsing), serialise (JSON line), and the whole
//! `Extractor::extract`.
//!
//! ```sh
//! cargo bench --bench stages                  # all
//! cargo bench --bench stages -- parse         # one stage
//! ```
//!
//! Whole-corpus figures, as the peers are timed: `pith eval --data DIR --timing`
//! (docs/performance.md).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pith::{Config, ExtractOptions, Extractor, Record, render, stages};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A profile page (ISMG), profile pages of other layouts, and a page for the general extractor.
const PAGES: &[&str] = &[
    "ismg/seed-tiktok-oracle.html",
    "ismg/news-2018-full-chrome.html",
    "ismg/modern-body-rich.html",
    "generic/example-blog.html",
];

fn pages() -> Vec<(&'static str, Vec<u8>)> {
    PAGES
        .iter()
        .map(|p| {
            let path = format!("{}/testdata/{p}", env!("CARGO_MANIFEST_DIR"));
            (*p, std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        })
        .collect()
}

fn bench_stages(c: &mut Criterion) {
    let config = Config::default();
    let extractor = Extractor::default();
    for (name, bytes) in pages() {
        let opts = ExtractOptions::new(name);
        let html = stages::decode(&bytes).into_owned();
        let doc = stages::parse(&config, &html, &opts).expect("fixture parses");
        let article = extractor.extract(&bytes, &opts).expect("fixture extracts");
        let record = Record::Article(Box::new(article));

        let mut g = c.benchmark_group(name);
        g.bench_function("decode", |b| b.iter(|| stages::decode(black_box(&bytes)).len()));
        g.bench_function("prefilter", |b| b.iter(|| stages::prefilter(&config, black_box(&html), &opts).len()));
        g.bench_function("parse", |b| b.iter(|| stages::parse(&config, black_box(&html), &opts)));
        g.bench_function("clean+extract", |b| {
            b.iter_batched(|| doc.clone(), |d| stages::extract_parsed(&config, d, &html, &opts), BatchSize::LargeInput)
        });
        g.bench_function("serialise", |b| b.iter(|| render::json_line(black_box(&record))));
        g.bench_function("whole", |b| b.iter(|| extractor.extract(black_box(&bytes), &opts)));
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench_stages
}
criterion_main!(benches);
