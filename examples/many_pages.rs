//! Many pages on threads: one `Extractor` (cheap to clone, `Send + Sync`) shared by a pool of
//! scoped threads, one JSON line per page printed in input order. `pith batch` does the same
//! at scale (bounded memory, WARC files, resume).
//!
//! ```sh
//! cargo run --release --example many_pages -- testdata/ismg/*.html
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use pith::{ErrorRecord, ExtractOptions, Extractor, Record, render};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: many_pages PAGE.html...");
        std::process::exit(2);
    }
    let extractor = Extractor::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len());
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Record)>();

    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next, paths, extractor) = (tx.clone(), &next, &paths, &extractor);
            scope.spawn(move || {
                // Each thread takes the next page until none is left.
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { return };
                    let record = match std::fs::read(path) {
                        Ok(bytes) => extractor.record(&bytes, &ExtractOptions::new(path.clone())),
                        Err(e) => Record::Error(ErrorRecord::unreadable(path.clone(), None, &e)),
                    };
                    if tx.send((i, record)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);

        // Records come back in any order; print each as soon as every earlier one is printed.
        let mut waiting = std::collections::BTreeMap::new();
        let mut printed = 0;
        for (i, record) in rx {
            waiting.insert(i, record);
            while let Some(record) = waiting.remove(&printed) {
                println!("{}", render::json_line(&record));
                printed += 1;
            }
        }
    });
}
