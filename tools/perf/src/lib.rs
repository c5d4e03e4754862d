//! The profiling harnesses of pith (`src/bin/`: `peer_run`, `stage_times`, `extract_many`;
//! `README.md` here says how to run each), and what they share: a benchmark data set in the
//! `../shared/benchmarks` layout, as they read it: `DATASET/html/<id>.html` pages and
//! `DATASET/gold.jsonl` (with URLs).

use std::collections::HashMap;

use pith::ExtractOptions;

/// The page ids of `DATASET/html`, in file-name order (the peers' order).
pub fn page_ids(data: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(format!("{data}/html"))
        .expect("DATASET/html")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".html").map(str::to_string))
        .collect();
    ids.sort();
    ids
}

/// The bytes of page `id`.
pub fn page(data: &str, id: &str) -> Vec<u8> {
    std::fs::read(format!("{data}/html/{id}.html")).expect("page")
}

/// The extraction options for each page: its id and its gold URL, when the gold has an
/// `http` one (as the peer runners pass it).
pub fn page_options(data: &str) -> impl Fn(&str) -> ExtractOptions {
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
    move |id: &str| ExtractOptions::new(id.to_string()).with_url(urls.get(id).cloned())
}
