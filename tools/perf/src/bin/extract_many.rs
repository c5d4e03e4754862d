//! Extracts pages in-process, for profilers: a warm-up pass over every file (lazy regexes and
//! selectors compiled, caches filled), then the measured pass in `measured_pass`, which a
//! profiler can single out (`valgrind --tool=callgrind --toggle-collect='extract_many::measured_pass'`).
//!
//! ```sh
//! cargo build --profile profiling -p pith-perf --bin extract_many
//! target/profiling/extract_many PAGE.html...
//! ```

use std::time::Instant;

use pith::{ExtractOptions, Extractor};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[inline(never)]
fn warm_up(extractor: &Extractor, pages: &[(String, Vec<u8>)]) -> usize {
    pass(extractor, pages)
}

#[inline(never)]
fn measured_pass(extractor: &Extractor, pages: &[(String, Vec<u8>)]) -> usize {
    pass(extractor, pages)
}

fn pass(extractor: &Extractor, pages: &[(String, Vec<u8>)]) -> usize {
    let mut words = 0;
    for (name, bytes) in pages {
        if let Ok(a) = extractor.extract(bytes, &ExtractOptions::new(name.clone())) {
            words += a.word_count as usize;
        }
    }
    words
}

fn main() {
    let pages: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {p}: {e}"));
            (p, bytes)
        })
        .collect();
    let extractor = Extractor::default();
    warm_up(&extractor, &pages);
    let start = Instant::now();
    let words = measured_pass(&extractor, &pages);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("{} pages, {words} words, {ms:.2} ms, {:.3} ms/page", pages.len(), ms / pages.len().max(1) as f64);
}
