//! Benchmark evaluation: the benchmarks' own metrics, ported exactly, and a runner that scores
//! pith — or a file of another tool's outputs — on a data set.
//!
//! A data set is a directory with `gold.jsonl` (one `{"id", "url", "text" | "with"/"without"}`
//! object per line) and `html/<id>.html`. Its metric follows from its gold:
//!
//! - full-text gold (`text` a string on every line) with a `dataset` name on every line: the Web
//!   Content Extraction Benchmark's token Levenshtein ratio, [`wceb`];
//! - other full-text gold: the Scrapinghub AEB metric, [`aeb`];
//! - `with`/`without` snippet lists: the trafilatura evaluation metric, [`snippets`].
//!
//! Each reproduces its reference Python scorer bit for bit: the tokenizers and whitespace are
//! Python's ([`pytext`]) and the means are rounded as `statistics.mean` and `statistics.fmean`
//! round them. The metadata fields of a data set whose gold has them are scored by [`meta`].
//!
//! ```no_run
//! use pith::eval::{Dataset, evaluate_extractor};
//!
//! let data = Dataset::load("benchmarks/scrapinghub-aeb".as_ref()).unwrap();
//! let report = evaluate_extractor(&data, &pith::Extractor::default());
//! let (name, value) = report.headline();
//! println!("{name} {value:.4}");
//! ```

#[doc(hidden)]
pub mod aeb;
mod command;
mod dataset;
mod error;
mod exact;
mod floors;
mod jsonl;
pub mod meta;
mod predictions;
#[doc(hidden)]
pub mod pytext;
mod report;
#[doc(hidden)]
pub mod snippets;
pub mod timing;
pub mod wceb;

pub use command::{EvalCommand, EvalOutcome, run};
pub use dataset::{Dataset, Doc, Gold, Metric};
pub use error::EvalError;
pub use floors::{floor, metadata_floors};
pub use predictions::{Prediction, PredictionFile};
pub use report::{
    DocResult, DocScore, Report, Scores, evaluate, evaluate_extractor, evaluate_extractor_with, evaluate_file,
    extract_doc,
};

#[cfg(test)]
mod tests;
