//! The `pith` command line: argument parsing and I/O around the library.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use pith::{ErrorKind, ErrorRecord, ExtractOptions, Extractor, Record, render};

/// Exit codes of the contract.
mod exit {
    pub const OK: u8 = 0;
    pub const SOME_FAILED: u8 = 1;
    pub const NOTHING_DONE: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

#[derive(Parser, Debug)]
#[command(name = "pith", version, about = "Turns news web pages into clean article JSON.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the article of saved HTML pages (files, or `-` for stdin).
    Extract(ExtractArgs),
    /// Print the JSON Schema of the output records.
    Schema,
    /// Score pith (or a predictions file) on a benchmark data set with the set's own metric.
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// HTML files to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<String>,
    /// The page's URL (else taken from its canonical link or og:url).
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Output format. JSON is pretty for one input; several inputs give JSON Lines.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Add `removed`: every block taken out, with the rule and kind that removed it.
    #[arg(long)]
    explain: bool,
    /// A config file layered over the built-in site profiles.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The data set: a directory with `gold.jsonl` and `html/<id>.html`.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Score this predictions file (`{"id","text"}` lines) instead of running pith.
    #[arg(long, value_name = "FILE.jsonl")]
    pred: Option<PathBuf>,
    /// Only the first N documents of the gold.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Also print every document's scores, worst first.
    #[arg(long)]
    per_doc: bool,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Also print extraction times (median, p95, max, pages/s; one thread).
    #[arg(long)]
    timing: bool,
    /// Exit 1 if F1 is below this data set's floor in FILE (`[<dir name>] f1 = X`).
    #[arg(long, value_name = "FILE")]
    check_floors: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// JSON (pretty for one input, one line per input for several).
    Json,
    /// Compact JSON, one line per input, always.
    Jsonl,
    /// Markdown for people.
    Markdown,
    /// Plain text: title, blank line, body.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => write_out(render::json_schema().as_bytes()).map(|_| exit::OK),
        Command::Extract(args) => run_extract(&args),
        Command::Eval(args) => run_eval(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("pith: {err:#}");
            ExitCode::from(exit::NOTHING_DONE)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn write_out(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

fn load_extractor(config: Option<&PathBuf>) -> Result<Extractor> {
    let Some(path) = config else { return Ok(Extractor::default()) };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
    let config =
        pith::Config::default_with_overrides(&text).with_context(|| format!("bad config {}", path.display()))?;
    Ok(Extractor::new(config))
}

/// Reads one input: a file or stdin. Errors become error records.
fn read_input(input: &str) -> Result<Vec<u8>, (ErrorKind, String)> {
    if input == "-" {
        let mut buf = Vec::new();
        return io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| (ErrorKind::Io, format!("cannot read standard input: {e}")));
    }
    match std::fs::read(input) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err((ErrorKind::NotFound, "no such file".into())),
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => Err((ErrorKind::Io, "is a directory".into())),
        Err(e) => Err((ErrorKind::Io, format!("cannot read: {e}"))),
    }
}

fn run_extract(args: &ExtractArgs) -> Result<u8> {
    let extractor = load_extractor(args.config.as_ref())?;
    let single = args.inputs.len() == 1;
    let mut out = io::stdout().lock();
    let mut failures = 0usize;
    let mut internal = false;
    for (i, input) in args.inputs.iter().enumerate() {
        let opts = ExtractOptions::new(input.clone()).with_url(args.url.clone()).with_explain(args.explain);
        let record = match read_input(input) {
            Err((kind, message)) => Record::Error(ErrorRecord::new(input.clone(), args.url.clone(), kind, message)),
            Ok(bytes) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.record(&bytes, &opts)))
                .unwrap_or_else(|_| {
                    internal = true;
                    Record::Error(ErrorRecord::new(
                        input.clone(),
                        args.url.clone(),
                        ErrorKind::Internal,
                        "internal error: extraction panicked (a bug; please report it with the page)",
                    ))
                }),
        };
        if let Record::Error(e) = &record {
            failures += 1;
            eprintln!("pith: {}: {}", display_input(input), e.error.message);
            if single {
                // One input that gives no article: the message is all there is to say.
                return Ok(if e.error.kind == ErrorKind::Internal { exit::INTERNAL } else { exit::NOTHING_DONE });
            }
        }
        let rendered = match (args.format, &record) {
            (Format::Json, r) if single => render::json_pretty(r) + "\n",
            (Format::Json | Format::Jsonl, r) => render::json_line(r) + "\n",
            (Format::Markdown, Record::Article(a)) => separator(i, "\n---\n\n") + &render::markdown(a),
            (Format::Text, Record::Article(a)) => separator(i, "\n\u{c}\n") + &render::text(a),
            (_, Record::Error(_)) => String::new(),
        };
        out.write_all(rendered.as_bytes())?;
    }
    out.flush()?;
    Ok(if internal {
        exit::INTERNAL
    } else if failures > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}

fn separator(i: usize, sep: &str) -> String {
    if i == 0 { String::new() } else { sep.to_string() }
}

fn display_input(input: &str) -> &str {
    if input == "-" { "<stdin>" } else { input }
}

fn run_eval(args: &EvalArgs) -> Result<u8> {
    use pith::eval;
    let mut dataset = eval::Dataset::load(&args.data)?;
    if let Some(n) = args.limit {
        dataset.docs.truncate(n);
    }
    let report = match &args.pred {
        Some(path) => eval::evaluate_file(&dataset, &eval::PredictionFile::load(path)?),
        None => eval::evaluate_extractor(&dataset, &Extractor::default()),
    };
    let out = if args.json {
        report.to_json(args.per_doc, args.timing).to_string() + "\n"
    } else {
        report.to_text(args.per_doc, args.timing)
    };
    write_out(out.as_bytes())?;
    let Some(floors) = &args.check_floors else { return Ok(exit::OK) };
    let f1 = report.f1();
    match eval::floor_f1(floors, &report.dataset)? {
        Some(floor) if f1 < floor => {
            eprintln!("pith: eval: {}: F1 {f1:.6} is below the floor {floor} in {}", report.dataset, floors.display());
            Ok(exit::SOME_FAILED)
        }
        Some(floor) => {
            eprintln!("pith: eval: {}: F1 {f1:.6} meets the floor {floor}", report.dataset);
            Ok(exit::OK)
        }
        None => {
            eprintln!("pith: eval: {}: no floor in {}", report.dataset, floors.display());
            Ok(exit::OK)
        }
    }
}
