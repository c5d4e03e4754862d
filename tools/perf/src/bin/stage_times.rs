//! Per-stage time over a whole data set, as `peer_run` times pages (in process, file reads
//! untimed, one warm-up page): decode, pre-filter, parse (html5ever on the pre-filtered text)
//! and everything after parsing (`extract_parsed`: metadata, cleaning, extraction, the
//! article), each as the median, p95 and sum over the pages, best of `ROUNDS` passes per
//! page. Each page gets its gold URL, as `peer_run` gives it (with a URL the pre-filter
//! knows whether the page has a site profile). Pin it to one core:
//!
//! ```sh
//! cargo build --release -p pith-perf --bin stage_times
//! taskset -c 0 target/release/stage_times ../shared/benchmarks/scrapinghub-aeb [ROUNDS]
//! ```

use std::time::Instant;

use pith::{Config, ExtractOptions, stages};

use pith_perf as dataset;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        eprintln!("usage: stage_times DATASET_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let ids = dataset::page_ids(data);
    let pages: Vec<Vec<u8>> = ids.iter().map(|id| dataset::page(data, id)).collect();
    let opts = dataset::page_options(data);
    let options: Vec<ExtractOptions> = ids.iter().map(|id| opts(id)).collect();
    let config = Config::default();
    // Warm-up: lazy regexes and selectors.
    if let (Some(p), Some(opts)) = (pages.first(), options.first()) {
        let html = stages::decode(p).into_owned();
        let _ = stages::extract_parsed(&config, stages::parse(&config, &html, opts).expect("parse"), &html, opts);
    }
    const NAMES: [&str; 5] = ["decode", "prefilter", "parse (incl. prefilter)", "after parse", "sum"];
    let mut times: Vec<[f64; 5]> = Vec::new();
    for (p, opts) in pages.iter().zip(&options) {
        let mut best = [f64::MAX; 5];
        for _ in 0..rounds {
            let t0 = Instant::now();
            let html = stages::decode(p);
            let t1 = Instant::now();
            let filtered_len = stages::prefilter(&config, &html, opts).len();
            let t2 = Instant::now();
            let doc = stages::parse(&config, &html, opts).expect("parse");
            let t3 = Instant::now();
            let article = stages::extract_parsed(&config, doc, &html, opts);
            let t4 = Instant::now();
            std::hint::black_box((filtered_len, article.is_ok()));
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
            let t = [ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t0, t1) + ms(t2, t4)];
            for (b, t) in best.iter_mut().zip(t) {
                *b = b.min(t);
            }
        }
        times.push(best);
    }
    println!("{} pages, best of {rounds} per page; ms", pages.len());
    println!("{:<24} {:>8} {:>8} {:>8} {:>9}", "stage", "median", "p95", "max", "sum");
    for (k, name) in NAMES.iter().enumerate() {
        let mut v: Vec<f64> = times.iter().map(|t| t[k]).collect();
        v.sort_by(f64::total_cmp);
        let q = |f: f64| v[((v.len() as f64 * f).ceil() as usize).saturating_sub(1).min(v.len() - 1)];
        let sum: f64 = v.iter().sum();
        println!("{name:<24} {:>8.3} {:>8.3} {:>8.3} {:>9.1}", q(0.5), q(0.95), v[v.len() - 1], sum);
    }
}
