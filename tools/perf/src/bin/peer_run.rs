//! pith as a batch peer of `../shared/tools/peers`: the same contract as the other peers'
//! runners (`run_py_peer.py`): every `DATASET/html/<id>.html` in file-name order, the page
//! bytes read untimed, `ms` = wall time of `Extractor::extract` (decode, parse, extract) and
//! taking the article's `text`, the gold URL passed when the gold has one, the first page
//! extracted once untimed (warm-up), one `{"id","text","ms"}` line per page, and
//! `OUT.meta.json` for `compare.sh`. Pin it as the peers are pinned:
//!
//! ```sh
//! cargo build --release -p pith-perf --bin peer_run
//! taskset -c 0 target/release/peer_run ../shared/benchmarks/scrapinghub-aeb \
//!     ~/.cache/pith-peers/runs/scrapinghub-aeb/pith.jsonl
//! SKIP_RUN=1 ../shared/tools/compare.sh ../shared/benchmarks/scrapinghub-aeb resiliparse trafilatura pith
//! ```

use std::io::Write;
use std::time::Instant;

use pith::Extractor;

use pith_perf as dataset;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: peer_run DATASET_DIR OUT.jsonl");
        std::process::exit(2);
    };
    let started = Instant::now();
    let ids = dataset::page_ids(data);
    let opts = dataset::page_options(data);
    let extractor = Extractor::default();
    if let Some(first) = ids.first() {
        let _ = extractor.extract(&dataset::page(data, first), &opts(first));
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("OUT"));
    let mut errors = 0;
    for id in &ids {
        let bytes = dataset::page(data, id);
        let o = opts(id);
        let t0 = Instant::now();
        let result = extractor.extract(&bytes, &o).map(|a| a.text);
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        let mut rec = serde_json::json!({"id": id, "ms": (ms * 1000.0).round() / 1000.0});
        match result {
            Ok(text) => rec["text"] = text.into(),
            Err(e) => {
                rec["text"] = "".into();
                rec["error"] = e.to_string().into();
                errors += 1;
            }
        }
        writeln!(w, "{rec}").expect("write");
    }
    w.flush().expect("write");
    let meta = serde_json::json!({
        "peer": "pith",
        "version": env!("CARGO_PKG_VERSION"),
        "settings": "in-process Extractor::extract(bytes, url from gold), text = article.text; mimalloc; warm-up on the first page",
        "dataset": data,
        "out": out,
        "wall_s": (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        "rc": 0,
        "runner_summary": {"peer": "pith", "docs": ids.len(), "errors": errors},
    });
    std::fs::write(format!("{out}.meta.json"), serde_json::to_string_pretty(&meta).expect("json")).expect("meta");
    eprintln!("pith: {} docs, {errors} errors, wall {:.1} s", ids.len(), started.elapsed().as_secs_f64());
}
