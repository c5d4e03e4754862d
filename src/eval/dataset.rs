//! A data set: its directory, its gold (full text or snippets) and the metric the gold calls for.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::error::{EvalError, format_err};
use super::jsonl::{GoldFile, GoldLine, dataset_name, page_path};
use super::pytext;

/// The metric of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Scrapinghub AEB: token 4-gram shingles, macro P/R over documents.
    Aeb,
    /// trafilatura evaluation: with/without snippet substrings, micro counts.
    Snippets,
    /// Web Content Extraction Benchmark: whitespace-token Levenshtein ratio, mean over pages.
    Wceb,
}

impl Metric {
    /// Its short name, as the reference scorer names it: `aeb`, `snippets` or `wceb-lev`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Aeb => "aeb",
            Metric::Snippets => "snippets",
            Metric::Wceb => "wceb-lev",
        }
    }

    /// The corpus figure that floors gate, by its key in the JSON output and the floors file.
    pub fn headline_key(self) -> &'static str {
        match self {
            Metric::Aeb | Metric::Snippets => "f1",
            Metric::Wceb => "lev_mean",
        }
    }
}

/// What a document's extraction is scored against.
#[derive(Debug, Clone, PartialEq)]
pub enum Gold {
    /// The whole expected text.
    FullText(String),
    /// Chunks that must appear (`with`) and must not (`without`).
    Snippets {
        /// Must appear.
        with: Vec<String>,
        /// Must not appear.
        without: Vec<String>,
    },
}

/// One document of a data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Its id: the page is `html/<id>.html`.
    pub id: String,
    /// The page URL, if the gold has one.
    pub url: Option<String>,
    /// The collection the page comes from (the gold's `dataset`; WCEB sets report per dataset).
    pub group: Option<String>,
    /// Its gold.
    pub gold: Gold,
}

impl Doc {
    /// Whether the gold expects some text: a full text that is not blank, or a `with` chunk.
    pub fn gold_has_text(&self) -> bool {
        match &self.gold {
            Gold::FullText(text) => !pytext::strip(text).is_empty(),
            Gold::Snippets { with, .. } => !with.is_empty(),
        }
    }
}

/// A loaded data set.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The directory's name (`scrapinghub-aeb`, `trafilatura-eval`): the key of the floors.
    pub name: String,
    /// The directory.
    pub dir: PathBuf,
    /// The metric its gold calls for.
    pub metric: Metric,
    /// The documents in `gold.jsonl` order.
    pub docs: Vec<Doc>,
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    v?.as_array()?.iter().map(|x| x.as_str().map(str::to_string)).collect()
}

impl Dataset {
    /// Reads `DIR/gold.jsonl` and picks the metric: full-text gold on every line gives
    /// [`Metric::Wceb`] when every line also names its `dataset`, else [`Metric::Aeb`];
    /// `with`/`without` lists on every line give [`Metric::Snippets`].
    pub fn load(dir: &Path) -> Result<Dataset, EvalError> {
        let GoldFile { path, lines } = GoldFile::read(dir)?;
        if lines.is_empty() {
            return Err(format_err(&path, 0, "no documents"));
        }
        let has_text = |r: &Map<String, Value>| r.get("text").is_some_and(Value::is_string);
        let snippet = |r: &Map<String, Value>| string_list(r.get("with")).zip(string_list(r.get("without")));
        let group = |r: &Map<String, Value>| r.get("dataset").and_then(Value::as_str).map(str::to_string);
        let full_text = lines.iter().all(|l| has_text(&l.record));
        let metric = if full_text && lines.iter().all(|l| group(&l.record).is_some()) {
            Metric::Wceb
        } else if full_text {
            if let Some(l) = lines.iter().find(|l| l.record.contains_key("dataset")) {
                return Err(format_err(
                    &path,
                    l.line,
                    "\"dataset\" on some lines only (WCEB gold names the dataset of every page)",
                ));
            }
            Metric::Aeb
        } else if lines.iter().all(|l| snippet(&l.record).is_some()) {
            Metric::Snippets
        } else {
            let l = lines
                .iter()
                .find(|l| !has_text(&l.record) && snippet(&l.record).is_none())
                .expect("a line has neither");
            return Err(format_err(
                &path,
                l.line,
                "neither full-text gold (\"text\" a string on every line) nor snippet gold (\"with\" and \"without\" string lists on every line)",
            ));
        };
        let docs = lines
            .into_iter()
            .map(|GoldLine { id, record, .. }| {
                let gold = match metric {
                    Metric::Aeb | Metric::Wceb => {
                        Gold::FullText(record.get("text").and_then(Value::as_str).unwrap_or_default().to_string())
                    }
                    Metric::Snippets => {
                        let (with, without) = snippet(&record).unwrap_or_default();
                        Gold::Snippets { with, without }
                    }
                };
                Doc {
                    url: record.get("url").and_then(Value::as_str).map(str::to_string),
                    group: group(&record),
                    id,
                    gold,
                }
            })
            .collect();
        Ok(Dataset { name: dataset_name(dir), dir: dir.to_path_buf(), metric, docs })
    }

    /// The page of a document: `DIR/html/<id>.html`.
    pub fn html_path(&self, doc: &Doc) -> PathBuf {
        page_path(&self.dir, &doc.id)
    }
}
