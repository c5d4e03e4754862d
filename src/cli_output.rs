//! Where the records of a command go, in its `--format`: standard output, one file (`-o FILE`),
//! or one file per input in a directory (`-o DIR/`, per-page formats only). `extract`, `fetch`,
//! `batch` (per-page formats) and `filter` write through one [`Sink`]; `schema`, `eval`,
//! `completions` and `man` write one text through [`write_text`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::ValueEnum;
use pith::{Article, Record, render};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON (pretty for one input of `extract` or `fetch`, else one compact record a line).
    Json,
    /// Compact JSON, one record a line, always.
    Jsonl,
    /// Markdown for people (CommonMark with GFM tables).
    Markdown,
    /// Plain text: title, blank line, body.
    Text,
    /// A standalone, sanitised HTML document (reader view, archive).
    Html,
}

impl Format {
    /// Markdown, text and HTML: a document per article, none for an error record.
    pub fn is_per_page(self) -> bool {
        matches!(self, Format::Markdown | Format::Text | Format::Html)
    }
}

/// The `-o` flag of the commands that print one text (`schema`, `eval`, `completions`, `man`).
#[derive(clap::Args, Debug)]
pub struct OutputFile {
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes `bytes` to `-o FILE`, else to standard output.
pub fn write_text(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// The records of a run in one format, to standard output, `-o FILE` or `-o DIR/`.
pub struct Sink {
    format: Format,
    front_matter: bool,
    /// `--format json` prints one pretty record (a single input of `extract` or `fetch`).
    pretty: bool,
    /// Standard output is a terminal: text and Markdown get their control characters escaped.
    terminal: bool,
    /// `-o DIR/`: one file per input.
    files: Option<PageFiles>,
    out: Box<dyn Write>,
    /// The output's name, for messages.
    out_name: String,
    /// Documents written to `out`, for the separators between them.
    documents: usize,
}

impl Sink {
    /// Opens the output of a run: `output` is `-o`'s value (`-` is standard output);
    /// `pretty` asks for pretty JSON (one input).
    pub fn open(format: Format, front_matter: bool, output: Option<&Path>, pretty: bool) -> Result<Sink> {
        let output = output.filter(|p| p.as_os_str() != "-");
        let dir = output.filter(|p| is_directory_target(p));
        if dir.is_some() && !format.is_per_page() {
            anyhow::bail!("-o DIR/ needs a per-page format (markdown, text, html); JSON goes to one file");
        }
        let files = dir.map(|d| PageFiles::new(d, format)).transpose()?;
        let (out, out_name): (Box<dyn Write>, String) = match output {
            Some(path) if files.is_none() => (
                Box::new(io::BufWriter::new(
                    std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
                )),
                path.display().to_string(),
            ),
            _ => (Box::new(io::stdout().lock()), "standard output".to_string()),
        };
        let terminal = output.is_none() && io::IsTerminal::is_terminal(&io::stdout());
        Ok(Sink {
            format,
            front_matter,
            pretty: pretty && format == Format::Json,
            terminal,
            files,
            out,
            out_name,
            documents: 0,
        })
    }

    /// Writes one record: its JSON, or the document of an article (an error record has no
    /// document; the caller says it on standard error). With `-o DIR/`, the document goes
    /// to a file named `stem` (made unique).
    pub fn record(&mut self, record: &Record, stem: impl FnOnce() -> String) -> io::Result<()> {
        let text = match (self.format, record) {
            (Format::Json, r) if self.pretty => render::json_pretty(r) + "\n",
            (Format::Json | Format::Jsonl, r) => render::json_line(r) + "\n",
            (format, Record::Article(a)) => {
                if let Some(files) = self.files.as_mut() {
                    let document = render_document(format, self.front_matter, false, a);
                    return files.write(&stem(), &document).map_err(|e| io::Error::other(format!("{e:#}")));
                }
                let document = render_document(format, self.front_matter, self.terminal, a);
                let separator =
                    if self.documents == 0 { "" } else { render::document_separator(kind(format, self.front_matter)) };
                self.documents += 1;
                format!("{separator}{document}")
            }
            (_, Record::Error(_)) => return Ok(()),
        };
        let name = &self.out_name;
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(|e| io::Error::new(e.kind(), format!("cannot write {name}: {e}")))
    }

    /// Flushes the output.
    pub fn finish(mut self) -> io::Result<()> {
        let name = &self.out_name;
        self.out.flush().map_err(|e| io::Error::new(e.kind(), format!("cannot write {name}: {e}")))
    }
}

/// The separator kind of a per-page format.
fn kind(format: Format, front_matter: bool) -> render::DocumentFormat {
    match format {
        Format::Markdown => render::DocumentFormat::Markdown { front_matter },
        Format::Text => render::DocumentFormat::Text,
        _ => render::DocumentFormat::Html,
    }
}

/// A per-page rendering (Markdown, text, HTML) of an article; text and Markdown escaped for a
/// terminal when they go to one.
fn render_document(format: Format, front_matter: bool, terminal: bool, article: &Article) -> String {
    let doc = match format {
        Format::Markdown if front_matter => render::front_matter(article) + "\n" + &render::markdown(article),
        Format::Markdown => render::markdown(article),
        Format::Text => render::text(article),
        Format::Html | Format::Json | Format::Jsonl => render::html(article),
    };
    if terminal && format != Format::Html { pith::terminal::escape_document(&doc).into_owned() } else { doc }
}

/// Whether `-o PATH` names a directory: it ends with a path separator or is one.
pub fn is_directory_target(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
}

/// One file per input in a directory: `<stem>.<extension of the format>`, `-2`, `-3`, …
/// added when two inputs share a stem.
struct PageFiles {
    dir: PathBuf,
    extension: &'static str,
    taken: std::collections::HashSet<String>,
}

impl PageFiles {
    fn new(dir: &Path, format: Format) -> Result<PageFiles> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let extension = match format {
            Format::Markdown => "md",
            Format::Text => "txt",
            _ => "html",
        };
        Ok(PageFiles { dir: dir.to_path_buf(), extension, taken: Default::default() })
    }

    fn write(&mut self, stem: &str, document: &str) -> Result<()> {
        let mut name = format!("{stem}.{}", self.extension);
        let mut n = 1;
        while !self.taken.insert(name.clone()) {
            n += 1;
            name = format!("{stem}-{n}.{}", self.extension);
        }
        let path = self.dir.join(&name);
        std::fs::write(&path, document).with_context(|| format!("cannot write {}", path.display()))
    }
}

/// The file stem of a record's document in `-o DIR/`: the input's file stem; for an input
/// that is no file (standard input `-`, a URL, a WARC record's id such as `urn:uuid:…`), the
/// last path segment of the page's URL (`url`, else the input when it is a URL), else the
/// input itself made safe (`stdin` for `-`).
pub fn stem_of(input: &str, url: Option<&str>) -> String {
    let is_url = |s: &str| s.starts_with("http://") || s.starts_with("https://");
    let names_no_file = input == "-" || url::Url::parse(input).is_ok_and(|u| u.scheme().len() > 1);
    match url {
        _ if is_url(input) => url_stem(input),
        Some(url) if names_no_file => url_stem(url),
        None if input == "-" => "stdin".to_string(),
        _ if names_no_file => safe_stem(input),
        _ => path_stem(input),
    }
}

/// A file's stem: `page.html.gz` is `page`, as `page.html` is; `page` when it has none.
fn path_stem(input: &str) -> String {
    let name = Path::new(input).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    safe_stem(&stem)
}

/// A URL's last non-empty path segment without its extension (`/news/harbour-wall.html` is
/// `harbour-wall`), else its host.
fn url_stem(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else { return safe_stem(url) };
    let segment = parsed.path_segments().and_then(|mut s| s.rfind(|s| !s.is_empty())).unwrap_or_default();
    let segment = percent_decode(segment);
    let stem = if segment.is_empty() { parsed.host_str().unwrap_or_default().to_string() } else { path_stem(&segment) };
    safe_stem(&stem)
}

/// A URL path segment with its `%XX` escapes decoded (invalid UTF-8 replaced).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let (mut out, mut i) = (Vec::with_capacity(bytes.len()), 0);
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A stem safe as a file name on every system: path separators, controls and the characters
/// Windows refuses become `_`; `page` when nothing is left.
pub fn safe_stem(stem: &str) -> String {
    let safe: String =
        stem.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .take(100)
            .collect();
    let safe = safe.trim_matches(['.', ' ']);
    if safe.is_empty() { "page".to_string() } else { safe.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_of_files_urls_and_record_ids() {
        assert_eq!(stem_of("saved/page.html.gz", None), "page");
        assert_eq!(stem_of("saved/page.html", Some("https://x.org/a/story")), "page");
        assert_eq!(stem_of("-", None), "stdin");
        assert_eq!(stem_of("-", Some("https://x.org/news/harbour-wall.html?x=1")), "harbour-wall");
        assert_eq!(stem_of("https://x.org/a/b%20c/", None), "b c");
        assert_eq!(stem_of("https://x.org/", None), "x.org");
        assert_eq!(stem_of("urn:uuid:5f1c", Some("https://x.org/news/story-7")), "story-7");
        assert_eq!(stem_of("urn:uuid:5f1c", None), "urn_uuid_5f1c");
        assert_eq!(safe_stem("../a:b"), "_a_b");
        assert_eq!(safe_stem(" . "), "page");
    }
}
