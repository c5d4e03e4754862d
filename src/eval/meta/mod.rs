//! Metadata scoring: title, authors, published date, description, site name, categories and
//! tags against a data set's metadata gold, by the rules of the benchmarks' reference metadata
//! scorer, ported exactly (CI checks the two agree on pith's predictions).
//!
//! Gold (`gold.jsonl`, trafilatura-eval's format): `title`; `author` (or `authors`: a string,
//! or each string of a list, split into names by [`rules::split_byline`], with
//! [`GOLD_AUTHOR_FIXES`] for the gold strings that rule cuts wrongly); `date` (or `published`);
//! `description`; `sitename` (or `site_name`); `categories` and `tags` lists. Gold strings are
//! HTML-entity-decoded first. A value that is null, blank, a list with no non-empty item, or an
//! author "Unknown", "Anonymous", "N/A" or "None" is unknown: the page is left out of that field.
//! A `language` in the gold is scored too (the primary subtag, ignoring case); the reference
//! scorer has no rule for it.
//!
//! Predictions: one `{"id", "title", "authors": [..], "published", "description",
//! "site_name", "categories": [..], "tags": [..]}` record per page. A field absent from every
//! record is not attempted; `null`, `""` or `[]` is no value; a record with `"byline"` and no
//! `"authors"` gets the byline's names; a record without `"published"` takes
//! `"published_date"`; a page without a record has no value for any field.
//!
//! Rules (see [`rules`]): strings compare after [`rules::norm_text`]; `title~` also accepts a
//! site-name affix ([`rules::title_affix_match`]); authors, categories and tags compare as sets;
//! dates as `YYYY-MM-DD` as written; a description or site name is also right when it equals
//! one the page itself states ([`page::page_stated`]). Per field, over the `n` pages whose gold
//! has it: accuracy = correct / n, coverage = given / n, precision = correct / given; for
//! categories and tags also the mean Jaccard index of the sets.

pub mod casefold;
pub mod page;
pub mod rules;
pub mod unescape;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::error::{EvalError, format_err, read_to_string};
use super::jsonl::{self, GoldFile, GoldLine, dataset_name, page_path};
use crate::{ExtractOptions, Extractor};
use rules::{norm_date, norm_set, norm_str, norm_text, split_byline, title_affix_match};
use unescape::unescape;

/// The scored fields, in report order. `title~` is the lenient title test on `title`.
pub const FIELDS: [&str; 8] =
    ["title", "title~", "authors", "published", "description", "site_name", "categories", "tags"];

/// The language field, scored when the gold has it.
pub const LANGUAGE: &str = "language";

/// Fields whose values are sets of items (with a Jaccard mean).
const SET_FIELDS: [&str; 2] = ["categories", "tags"];

/// Gold authors that mean "no author given".
const UNKNOWN_AUTHORS: [&str; 4] = ["unknown", "anonymous", "n/a", "none"];

/// Gold author strings that [`split_byline`] cuts wrongly, with the names they stand for.
pub const GOLD_AUTHOR_FIXES: [(&str, &[&str]); 5] = [
    // "et" read as French "and".
    ("ET Online", &["ET Online"]),
    // A blog's name, not two people.
    ("Herz und Blut", &["Herz und Blut"]),
    // One credit line.
    ("STAFF AND NEWS SERVICE REPORTS", &["STAFF AND NEWS SERVICE REPORTS"]),
    // Two people and their outlet.
    ("Glen Owen And Brendan Carlin For The Mail On Sunday", &["Glen Owen", "Brendan Carlin"]),
    // A dateline between the names.
    ("Markus M. Haefliger, London, Beat Bumbacher", &["Markus M. Haefliger", "Beat Bumbacher"]),
];

/// The prediction or gold key a field reads.
fn base(field: &str) -> &str {
    if field == "title~" { "title" } else { field }
}

/// `_unesc`: a string, or each string of a list, HTML-entity-decoded.
fn unescape_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(unescape(s).into_owned()),
        Value::Array(items) => Value::Array(items.iter().map(unescape_value_item).collect()),
        other => other.clone(),
    }
}

fn unescape_value_item(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(unescape(s).into_owned()),
        other => other.clone(),
    }
}

/// `_first(rec, *keys)`: the first of the keys whose value is not null.
fn first<'a>(rec: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().filter_map(|k| rec.get(*k)).find(|v| !v.is_null())
}

/// The language's primary subtag, lowercased (`en-US` → `en`).
fn primary_language(v: Option<&Value>) -> Option<String> {
    let s = norm_text(v)?;
    let primary = s.split(['-', '_']).next().unwrap_or(&s).trim();
    (!primary.is_empty()).then(|| primary.to_string())
}

/// `gold_fields(rec)`: the fields a gold record has a known value for.
pub fn gold_fields(rec: &Map<String, Value>) -> HashMap<&'static str, Value> {
    let mut out = HashMap::new();
    if let Some(t) = rec.get("title").map(unescape_value)
        && norm_text(Some(&t)).is_some()
    {
        out.insert("title", t);
    }
    let authors = first(rec, &["author", "authors"]).map(unescape_value);
    let strings: Vec<&Value> = match &authors {
        Some(a @ Value::String(_)) => vec![a],
        Some(Value::Array(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let mut names = Vec::new();
    for x in strings {
        let Value::String(x) = x else { continue };
        if UNKNOWN_AUTHORS.contains(&norm_str(x).unwrap_or_default().as_str()) {
            continue;
        }
        let key = crate::eval::pytext::strip(x);
        match GOLD_AUTHOR_FIXES.iter().find(|(k, _)| *k == key) {
            Some((_, fixed)) => names.extend(fixed.iter().map(|n| n.to_string())),
            None => names.extend(split_byline(x).unwrap_or_default()),
        }
    }
    let names = Value::Array(names.into_iter().map(Value::String).collect());
    if norm_set(Some(&names)).is_some() {
        out.insert("authors", names);
    }
    if let Some(d) = first(rec, &["date", "published"])
        && norm_date(Some(d)).is_some()
    {
        out.insert("published", d.clone());
    }
    for (field, keys) in [("description", &["description"][..]), ("site_name", &["sitename", "site_name"][..])] {
        if let Some(v) = first(rec, keys).map(unescape_value)
            && norm_text(Some(&v)).is_some()
        {
            out.insert(field, v);
        }
    }
    for field in SET_FIELDS {
        if let Some(v) = rec.get(field).map(unescape_value)
            && norm_set(Some(&v)).is_some()
        {
            out.insert(field, v);
        }
    }
    if let Some(v) = first(rec, &["language", "lang"])
        && primary_language(Some(v)).is_some()
    {
        out.insert(LANGUAGE, v.clone());
    }
    out
}

/// One page of the metadata gold.
#[derive(Debug, Clone)]
pub struct GoldPage {
    /// Its id: the page is `html/<id>.html`.
    pub id: String,
    /// The page URL when the gold has an `http…` one.
    pub url: Option<String>,
    /// The fields with a known gold value.
    pub fields: HashMap<&'static str, Value>,
    /// The descriptions the page states (read when the gold has a description or site name).
    pub page_descriptions: Vec<String>,
    /// The site names the page states.
    pub page_site_names: Vec<String>,
}

/// A data set's metadata gold.
#[derive(Debug, Clone)]
pub struct MetaGold {
    /// The directory's name: the key of its floors.
    pub name: String,
    /// The directory.
    pub dir: PathBuf,
    /// The pages in `gold.jsonl` order.
    pub pages: Vec<GoldPage>,
}

impl MetaGold {
    /// Reads `DIR/gold.jsonl` and, for pages with a description or site name in the gold, what
    /// `DIR/html/<id>.html` states.
    pub fn load(dir: &Path) -> Result<MetaGold, EvalError> {
        let GoldFile { path, lines } = GoldFile::read(dir)?;
        let mut pages = Vec::new();
        for GoldLine { id, record, .. } in lines {
            let fields = gold_fields(&record);
            let (mut page_descriptions, mut page_site_names) = (Vec::new(), Vec::new());
            if (fields.contains_key("description") || fields.contains_key("site_name"))
                && let Ok(bytes) = std::fs::read(page_path(dir, &id))
            {
                (page_descriptions, page_site_names) = page::page_stated(&page::decode_html(&bytes));
            }
            let url = record.get("url").and_then(Value::as_str).filter(|u| u.starts_with("http")).map(str::to_string);
            pages.push(GoldPage { id, url, fields, page_descriptions, page_site_names });
        }
        if pages.iter().all(|p| p.fields.is_empty()) {
            return Err(format_err(
                &path,
                0,
                "no metadata gold (title, author, date, description, sitename, categories, tags)",
            ));
        }
        Ok(MetaGold { name: dataset_name(dir), dir: dir.to_path_buf(), pages })
    }

    /// The fields this gold scores: [`FIELDS`], and [`LANGUAGE`] when some page has one.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields = FIELDS.to_vec();
        if self.pages.iter().any(|p| p.fields.contains_key(LANGUAGE)) {
            fields.push(LANGUAGE);
        }
        fields
    }
}

/// One tool's metadata predictions.
#[derive(Debug, Clone, Default)]
pub struct MetaPredictions {
    /// The tool's name (a file's name without `.jsonl`).
    pub tool: String,
    /// Records by id; of duplicate ids the last wins.
    pub records: HashMap<String, Map<String, Value>>,
    /// The fields the tool attempts: keys present in some record.
    pub attempted: BTreeSet<String>,
}

impl MetaPredictions {
    /// Collects records: the `byline` and `published_date` stand-ins applied, the attempted
    /// fields noted.
    pub fn from_records(tool: impl Into<String>, records: impl IntoIterator<Item = Map<String, Value>>) -> Self {
        let mut out = MetaPredictions { tool: tool.into(), ..Default::default() };
        for mut r in records {
            if r.contains_key("byline") && !r.contains_key("authors") {
                let names = match r.get("byline") {
                    Some(Value::String(b)) => split_byline(b),
                    _ => None,
                };
                let authors = names.map_or(Value::Null, |n| n.into_iter().map(Value::String).collect());
                r.insert("authors".into(), authors);
            }
            if !r.contains_key("published")
                && let Some(d) = r.get("published_date").cloned()
            {
                r.insert("published".into(), d);
            }
            for k in r.keys() {
                if FIELDS.contains(&k.as_str()) || k == LANGUAGE {
                    out.attempted.insert(k.clone());
                }
            }
            // An id that is not a string never matches a gold page.
            if let Some(Value::String(id)) = r.get("id").cloned() {
                out.records.insert(id, r);
            }
        }
        if out.attempted.contains("title") {
            out.attempted.insert("title~".into());
        }
        out
    }

    /// Reads a predictions file; the tool is named after it.
    pub fn load(path: &Path) -> Result<MetaPredictions, EvalError> {
        let content = read_to_string(path)?;
        let mut records = Vec::new();
        for value in jsonl::values(path, &content) {
            match value? {
                (_, Value::Object(r)) if r.contains_key("id") => records.push(r),
                (line, _) => return Err(format_err(path, line, "a prediction record needs an \"id\"")),
            }
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tool = name.strip_suffix(".jsonl").unwrap_or(&name).to_string();
        Ok(MetaPredictions::from_records(tool, records))
    }
}

/// The prediction record of one pith article (its JSON form), as the peers' metadata runner
/// writes it: authors by name, `site.name` as `site_name`.
pub fn record_of_article(id: &str, article: &Value) -> Map<String, Value> {
    let get = |k: &str| article.get(k).cloned().unwrap_or(Value::Null);
    let or_empty = |k: &str| match article.get(k) {
        Some(v) if rules::truthy(Some(v)) => v.clone(),
        _ => json!([]),
    };
    let authors: Vec<Value> = article
        .get("authors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("name").filter(|n| rules::truthy(Some(n))).cloned())
        .collect();
    let mut r = Map::new();
    r.insert("id".into(), json!(id));
    r.insert("title".into(), get("title"));
    r.insert("authors".into(), if authors.is_empty() { Value::Null } else { Value::Array(authors) });
    r.insert("published".into(), get("published"));
    r.insert("description".into(), get("description"));
    r.insert("site_name".into(), article.get("site").and_then(|s| s.get("name")).cloned().unwrap_or(Value::Null));
    r.insert("categories".into(), or_empty("categories"));
    r.insert("tags".into(), or_empty("tags"));
    r.insert("language".into(), get("language"));
    r.insert("modified".into(), get("modified"));
    r.insert("status".into(), get("status"));
    r
}

/// The prediction record of a page pith could not extract: every field null, and why.
fn error_record(id: &str, error: &str) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("id".into(), json!(id));
    for k in ["title", "authors", "published", "description", "site_name", "categories", "tags", "language"] {
        r.insert(k.into(), Value::Null);
    }
    r.insert("error".into(), json!(error));
    r
}

/// Runs `extractor` on every page of the gold (with its `http…` URL, as the runner passes
/// `--url`) and collects pith's metadata predictions, in gold order.
pub fn predict_with(gold: &MetaGold, extractor: &Extractor) -> Vec<Map<String, Value>> {
    gold.pages
        .iter()
        .map(|page| {
            let path = page_path(&gold.dir, &page.id);
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => return error_record(&page.id, &format!("cannot read {}: {e}", path.display())),
            };
            let opts = ExtractOptions::new(page.id.clone()).with_url(page.url.clone());
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&bytes, &opts)));
            match result {
                Ok(Ok(article)) => match serde_json::to_value(&article) {
                    Ok(v) => record_of_article(&page.id, &v),
                    Err(e) => error_record(&page.id, &e.to_string()),
                },
                Ok(Err(e)) => error_record(&page.id, &e.to_string()),
                Err(_) => error_record(&page.id, "extraction panicked"),
            }
        })
        .collect()
}

/// Whether a field has a value (`given` in the reference).
fn given(field: &str, v: Option<&Value>) -> bool {
    match base(field) {
        "authors" | "categories" | "tags" => norm_set(v).is_some(),
        "published" => norm_date(v).is_some(),
        LANGUAGE => primary_language(v).is_some(),
        _ => norm_text(v).is_some(),
    }
}

/// Whether a predicted value is right (`correct` in the reference).
fn correct(field: &str, p: Option<&Value>, g: &Value, page: &GoldPage) -> bool {
    match field {
        "title" => norm_text(p).is_some_and(|x| Some(x) == norm_text(Some(g))),
        "title~" => title_affix_match(p, Some(g)),
        "authors" | "categories" | "tags" => norm_set(p).is_some_and(|x| Some(x) == norm_set(Some(g))),
        "published" => norm_date(p).is_some_and(|x| Some(x) == norm_date(Some(g))),
        "description" | "site_name" => {
            let Some(x) = norm_text(p) else { return false };
            let stated = if field == "description" { &page.page_descriptions } else { &page.page_site_names };
            Some(&x) == norm_text(Some(g)).as_ref() || stated.iter().any(|a| norm_str(a).as_ref() == Some(&x))
        }
        LANGUAGE => primary_language(p).is_some_and(|x| Some(x) == primary_language(Some(g))),
        _ => false,
    }
}

/// `jaccard(p, g)`: `|p ∩ g| / |p ∪ g|` of the normalised sets, 0 when both are empty.
fn jaccard(p: Option<&Value>, g: &Value) -> f64 {
    let (p, g) = (norm_set(p).unwrap_or_default(), norm_set(Some(g)).unwrap_or_default());
    let union = p.union(&g).count();
    if union == 0 { 0.0 } else { p.intersection(&g).count() as f64 / union as f64 }
}

/// Python's `round(x, 4)`: the nearest multiple of 0.0001 to the exact value of `x`, ties to
/// even, as the nearest `f64`.
pub fn round4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // The exact decimal expansion (every f64 has a finite one; 1100 places hold all of them).
    let exact = format!("{:.1100}", x.abs());
    let (int, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let (kept, rest) = frac.split_at(4.min(frac.len()));
    let mut digits: Vec<u8> = int.bytes().chain(kept.bytes()).map(|b| b - b'0').collect();
    let first_dropped = rest.bytes().next().map_or(0, |b| b - b'0');
    let beyond = rest.bytes().skip(1).any(|b| b != b'0');
    let last_odd = digits.last().is_some_and(|d| d % 2 == 1);
    if first_dropped > 5 || (first_dropped == 5 && (beyond || last_odd)) {
        let mut carry = true;
        for d in digits.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            digits.insert(0, 1);
        }
    }
    let n = digits.len();
    let text: String = digits[..n - 4].iter().map(|d| char::from(b'0' + d)).collect::<String>()
        + "."
        + &digits[n - 4..].iter().map(|d| char::from(b'0' + d)).collect::<String>();
    let value: f64 = text.parse().unwrap_or(x.abs());
    if x.is_sign_negative() { -value } else { value }
}

/// One field's counts for one tool.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldScore {
    /// The field.
    pub field: &'static str,
    /// Pages whose gold has the field.
    pub n: usize,
    /// Pages where the tool's value is right.
    pub correct: usize,
    /// Pages where the tool gave a value.
    pub given: usize,
    /// Whether the tool attempts the field at all.
    pub attempted: bool,
    /// Sum of per-page Jaccard indices (set fields), in page order.
    pub jaccard_sum: Option<f64>,
}

impl FieldScore {
    /// correct / n, unrounded; `None` when not attempted or no page.
    pub fn accuracy(&self) -> Option<f64> {
        (self.n > 0 && self.attempted).then(|| self.correct as f64 / self.n as f64)
    }

    /// given / n, unrounded.
    pub fn coverage(&self) -> Option<f64> {
        (self.n > 0 && self.attempted).then(|| self.given as f64 / self.n as f64)
    }

    /// correct / given, unrounded; `None` when nothing was given.
    pub fn precision(&self) -> Option<f64> {
        (self.given > 0).then(|| self.correct as f64 / self.given as f64)
    }

    /// The mean Jaccard index over the `n` pages (set fields).
    pub fn jaccard(&self) -> Option<f64> {
        let sum = self.jaccard_sum?;
        (self.n > 0 && self.attempted).then(|| sum / self.n as f64)
    }

    /// The reference scorer's JSON for the field (ratios rounded to 4 places as it rounds them).
    pub fn to_json(&self) -> Value {
        let r = |x: Option<f64>| x.map_or(Value::Null, |v| json!(round4(v)));
        let mut m = Map::new();
        m.insert("n".into(), json!(self.n));
        m.insert("correct".into(), json!(self.correct));
        m.insert("given".into(), json!(self.given));
        m.insert("attempted".into(), json!(self.attempted));
        m.insert("acc".into(), r(self.accuracy()));
        m.insert("cov".into(), r(self.coverage()));
        m.insert("prec".into(), r(self.precision()));
        if let Some(sum) = self.jaccard_sum {
            m.insert("jaccard".into(), r(self.jaccard()));
            if self.jaccard().is_none() {
                // The reference pops the sum only when it divides it.
                m.insert("jaccard_sum".into(), json!(sum));
            }
        }
        Value::Object(m)
    }
}

/// A tool's metadata scores on a data set.
#[derive(Debug, Clone)]
pub struct MetaReport {
    /// Data-set name.
    pub dataset: String,
    /// The tool.
    pub tool: String,
    /// Per field with at least one gold page, in [`MetaGold::fields`] order.
    pub fields: Vec<FieldScore>,
    /// Gold pages without a prediction record.
    pub missing_records: usize,
    /// Records that carry an `error`.
    pub errors: usize,
}

/// `score(gold, preds)` for one tool.
pub fn score(gold: &MetaGold, preds: &MetaPredictions) -> MetaReport {
    let mut fields: Vec<FieldScore> = Vec::new();
    let no_record = Map::new();
    for page in &gold.pages {
        let p = preds.records.get(&page.id).unwrap_or(&no_record);
        for field in gold.fields() {
            let Some(g) = page.fields.get(base(field)) else { continue };
            let attempted = preds.attempted.contains(field);
            let set_field = SET_FIELDS.contains(&field);
            let c = match fields.iter_mut().position(|c| c.field == field) {
                Some(i) => &mut fields[i],
                None => {
                    fields.push(FieldScore {
                        field,
                        n: 0,
                        correct: 0,
                        given: 0,
                        attempted,
                        jaccard_sum: set_field.then_some(0.0),
                    });
                    fields.last_mut().expect("just pushed")
                }
            };
            c.n += 1;
            if !attempted {
                continue;
            }
            let pv = p.get(base(field));
            c.given += usize::from(given(field, pv));
            c.correct += usize::from(correct(field, pv, g, page));
            if let Some(sum) = &mut c.jaccard_sum {
                *sum += jaccard(pv, g);
            }
        }
    }
    let order = gold.fields();
    fields.sort_by_key(|c| order.iter().position(|f| *f == c.field));
    let missing_records = gold.pages.iter().filter(|p| !preds.records.contains_key(&p.id)).count();
    let errors =
        gold.pages.iter().filter(|p| preds.records.get(&p.id).is_some_and(|r| rules::truthy(r.get("error")))).count();
    MetaReport { dataset: gold.name.clone(), tool: preds.tool.clone(), fields, missing_records, errors }
}

impl MetaReport {
    /// A field's scores.
    pub fn field(&self, field: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|c| c.field == field)
    }

    /// One JSON object: `{"dataset", "tool", "missing_records", "errors", "scores": {field:
    /// {n, correct, given, attempted, acc, cov, prec[, jaccard]}}}`, the per-field objects as
    /// the reference scorer's `--json` gives them for the tool.
    pub fn to_json(&self) -> Value {
        let scores: Map<String, Value> = self.fields.iter().map(|c| (c.field.to_string(), c.to_json())).collect();
        json!({
            "dataset": self.dataset,
            "tool": self.tool,
            "missing_records": self.missing_records,
            "errors": self.errors,
            "scores": scores,
        })
    }

    /// A Markdown table for people.
    pub fn to_text(&self) -> String {
        // Percentages of the ratios rounded to 4 places, as the reference's table shows them.
        let pct = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{:.1}", 100.0 * round4(v)));
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} metadata, {}: accuracy / coverage / precision, % (n = pages whose gold has the field; J = mean Jaccard of the sets, %)",
            self.dataset, self.tool
        );
        let _ = writeln!(s, "| field | n | acc | cov | prec | correct | given |");
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
        for c in &self.fields {
            if !c.attempted {
                let _ = writeln!(s, "| {} | {} | n/a | n/a | n/a | | |", c.field, c.n);
                continue;
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                c.field,
                c.n,
                pct(c.accuracy()),
                pct(c.coverage()),
                pct(c.precision()),
                c.correct,
                c.given
            );
            if c.jaccard_sum.is_some() {
                let _ = writeln!(s, "| {} J | {} | {} | | | | |", c.field, c.n, pct(c.jaccard()));
            }
        }
        if self.missing_records > 0 || self.errors > 0 {
            let _ = writeln!(s, "records missing: {}; extraction errors: {}", self.missing_records, self.errors);
        }
        s
    }
}

#[cfg(test)]
mod tests;
