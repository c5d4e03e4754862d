//! pith as a batch peer of `../shared/tools/peers`: the same contract as the other peers'
//! runners (`run_py_peer.py`): every `DATASET/html/<id>.html` in file-name order, the page
//! bytes read untimed, `ms` = wall time of `Extractor::extract` (decode, parse, extract) and
//! taking the article's `text`, the gold URL passed when the gold has one, the first page
//! extracted once untimed (warm-up), one `{"id","text","ms"}` line per page, and
//! `OUT.meta.json` for `compare.sh`. Pin it as the peers are pinned:
//!
//! ```sh
//! cargo build --release --example peer_run
//! taskset -c 0 target/release/examples/peer_run ../shared/benchmarks/scrapinghub-aeb \
//!     ~/.cache/pith-peers/runs/scrapinghub-aeb/pith.jsonl
//! SKIP_RUN=1 ../shared/tools/compare.sh ../shared/benchmarks/scrapinghub-aeb resiliparse trafilatura pith
//! ```

use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use pith::{ExtractOptions, Extractor};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: peer_run DATASET_DIR OUT.jsonl");
        std::process::exit(2);
    };
    let started = Instant::now();
    let mut urls: HashMap<String, String> = HashMap::new();
    if let Ok(gold) = std::fs::read_to_string(format!("{data}/gold.jsonl")) {
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("gold line");
            if let (Some(id), Some(url)) = (v["id"].as_str(), v["url"].as_str())
                && url.starts_with("http")
            {
                urls.insert(id.to_string(), url.to_string());
            }
        }
    }
    let mut files: Vec<String> = std::fs::read_dir(format!("{data}/html"))
        .expect("DATASET/html")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".html"))
        .collect();
    files.sort();
    let extractor = Extractor::default();
    let opts = |id: &str| ExtractOptions::new(id.to_string()).with_url(urls.get(id).cloned());
    if let Some(first) = files.first() {
        let bytes = std::fs::read(format!("{data}/html/{first}")).expect("page");
        let _ = extractor.extract(&bytes, &opts(&first[..first.len() - 5]));
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("OUT"));
    let mut errors = 0;
    for f in &files {
        let id = &f[..f.len() - 5];
        let bytes = std::fs::read(format!("{data}/html/{f}")).expect("page");
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
        "runner_summary": {"peer": "pith", "docs": files.len(), "errors": errors},
    });
    std::fs::write(format!("{out}.meta.json"), serde_json::to_string_pretty(&meta).expect("json")).expect("meta");
    eprintln!("pith: {} docs, {errors} errors, wall {:.1} s", files.len(), started.elapsed().as_secs_f64());
}
