//! The `pith` command line: argument parsing and I/O around the library.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use pith::{ErrorKind, ErrorRecord, ExtractOptions, Extractor, Record, render};

mod cli_args;
mod cli_fetch;
mod cli_output;
mod cli_serve;

use cli_output::{Format, OutputFile, Sink, write_text};

/// mimalloc: parsing makes many small allocations, and glibc's allocator costs about a tenth
/// of the extraction time (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// For runs over URL lists and for the service: freed memory goes back to the system at once
/// instead of after mimalloc's default delay. Such runs stream many robots.txt files, request
/// bodies and pages of every size through a few buffers; with the delay, memory the allocator
/// keeps for reuse adds about a third to the peak (docs/fetching.md) and, in the service,
/// keeps growing over the first tens of thousands of requests (docs/service.md). Runs over local files keep the default: they reuse
/// the same sizes page after page, and returning memory early only costs system calls.
fn return_freed_memory_promptly() {
    /// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the same index in its v2 and v3).
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: `mi_option_set` only stores an option value; any value is valid for this option
    // (0 = purge at once), and it may be called at any time from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// Exit codes of the contract (`docs/contract.md`, "Exit codes").
mod exit {
    use pith::ErrorKind;

    pub const OK: u8 = 0;
    pub const SOME_FAILED: u8 = 1;
    pub const NOTHING_DONE: u8 = 2;
    pub const INTERNAL: u8 = 3;

    /// The exit code of a run over `inputs` inputs that gave `errors` error records, the
    /// last of kind `last_error`: a bug is 3; a single input that could not be read or is no
    /// page (missing, empty, binary, not HTML, not fetched) is 2, but a page without an
    /// article is an answer, 1, even alone; some error records among several inputs are 1.
    pub fn of_run(inputs: usize, errors: u64, internal: bool, last_error: Option<ErrorKind>) -> u8 {
        if internal {
            INTERNAL
        } else if errors == 0 {
            OK
        } else if inputs == 1 && last_error != Some(ErrorKind::NoArticle) {
            NOTHING_DONE
        } else {
            SOME_FAILED
        }
    }
}

#[derive(Parser, Debug)]
#[command(name = "pith", version, about = "Turns news web pages into clean article JSON.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the article of saved HTML pages (files, `.gz` too, or `-` for stdin).
    #[command(after_help = examples::EXTRACT)]
    Extract(ExtractArgs),
    /// Fetch web pages (politely) and extract their articles: one record per URL, in order.
    #[command(after_help = examples::FETCH)]
    Fetch(FetchArgs),
    /// Extract every page of directories, WARC files and URL lists: one JSON line per input
    /// record (or a Markdown, text or HTML document per article), in order, on all cores,
    /// resumable.
    #[command(after_help = examples::BATCH)]
    Batch(BatchArgs),
    /// Read `{"id","url","html"}` JSON Lines on stdin, write one record line per input line
    /// (for Spark, Ray and other engines; or a document per article with --format).
    #[command(after_help = examples::FILTER)]
    Filter(FilterArgs),
    /// Run the HTTP extraction service: POST a page, GET a URL, stream a batch; health,
    /// readiness and Prometheus metrics (docs/service.md).
    #[command(after_help = cli_serve::EXAMPLES)]
    Serve(cli_serve::ServeArgs),
    /// Print the JSON Schema of the output records.
    #[command(after_help = examples::SCHEMA)]
    Schema(OutputFile),
    /// Score pith (or a predictions file) on a benchmark data set with the set's own metric.
    #[command(after_help = examples::EVAL)]
    Eval(EvalArgs),
    /// Print a completion script for a shell.
    #[command(after_help = examples::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print pith's manual page (roff).
    #[command(after_help = examples::MAN)]
    Man(OutputFile),
}

/// The examples that end each command's `--help`.
mod examples {
    pub const EXTRACT: &str = "\
Examples:
  pith extract page.html
  pith extract page.html.gz --url https://example.com/news/story
  curl -s https://example.com/news/story | pith extract - --url https://example.com/news/story
  pith extract --format markdown --front-matter page.html -o page.md
  pith extract --format text saved/*.html -o texts/
  pith extract --explain page.html";
    pub const FETCH: &str = "\
Examples:
  pith fetch https://example.com/news/story
  pith fetch --format markdown https://example.com/news/story
  pith fetch -i urls.txt -o records.jsonl --save-html pages/
  pith fetch -i urls.txt --rate 0.5 --timeout 20 --user-agent 'mybot/1.0 (ops@example.com)'";
    pub const BATCH: &str = "\
Examples:
  pith batch saved-pages/ -o records.jsonl
  pith batch crawl.warc.gz -j 4 -o records.jsonl
  pith batch saved-pages/ -o records.jsonl --resume
  pith batch -i urls.txt -o records.jsonl --rate 2 --timeout 20 --user-agent 'mybot/1.0'
  pith batch saved-pages/ --format markdown -o articles.md
  pith batch saved-pages/ --format html -o reader/";
    pub const FILTER: &str = "\
Examples:
  printf '%s\\n' '{\"id\":\"1\",\"url\":\"https://example.com/a\",\"html\":\"<p>Hi</p>\"}' | pith filter
  pith filter -j 2 < pages.jsonl > records.jsonl
  pith filter --format text -o texts/ < pages.jsonl";
    pub const SCHEMA: &str = "\
Examples:
  pith schema > article.schema.json
  pith schema -o article.schema.json";
    pub const EVAL: &str = "\
Examples:
  pith eval --data path/to/benchmark
  pith eval --data path/to/benchmark --per-doc --limit 50
  pith eval --data path/to/benchmark --metadata --json -o scores.json";
    pub const COMPLETIONS: &str = "\
Examples:
  pith completions bash > ~/.local/share/bash-completion/completions/pith
  pith completions zsh > ~/.zfunc/_pith
  pith completions fish -o ~/.config/fish/completions/pith.fish";
    pub const MAN: &str = "\
Examples:
  pith man -o pith.1 && man ./pith.1";
}

#[derive(clap::Args, Debug)]
struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
    #[command(flatten)]
    out: OutputFile,
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
    /// With `--format markdown`: start each document with YAML front matter (title,
    /// authors, published, url, site, language, categories, tags).
    #[arg(long)]
    front_matter: bool,
    /// Add `removed` (every block taken out, with the rule and kind that removed it) and
    /// `sources` (where each field came from).
    #[arg(long)]
    explain: bool,
    /// Write to FILE instead of standard output. With a per-page format (markdown, text,
    /// html), a directory (`DIR/`, or one that exists) gets one file per input, named after
    /// the input's file stem.
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    output: Option<PathBuf>,
    /// A config file layered over the built-in site profiles.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(clap::Args, Debug)]
struct FetchArgs {
    /// URLs to fetch (http or https).
    #[arg(value_name = "URL")]
    urls: Vec<String>,
    /// Also fetch the URLs listed in FILE, one a line (`#` comments and blank lines skipped);
    /// `-` reads standard input.
    #[arg(short = 'i', long = "input", value_name = "FILE")]
    input: Option<String>,
    /// Write to FILE instead of standard output. With a per-page format (markdown, text,
    /// html), a directory (`DIR/`, or one that exists) gets one file per URL, named after the
    /// URL's last path segment.
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    output: Option<PathBuf>,
    /// Output format. JSON is pretty for one URL; several URLs or `-i` give JSON Lines.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// With `--format markdown`: start each document with YAML front matter (title,
    /// authors, published, url, site, language, categories, tags).
    #[arg(long)]
    front_matter: bool,
    /// Add `removed` (every block taken out, with the rule and kind that removed it) and
    /// `sources` (where each field came from).
    #[arg(long)]
    explain: bool,
    /// A config file layered over the built-in one: site profiles and a `[fetch]` table.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Keep each fetched HTML page in DIR (with DIR/index.jsonl saying which URL each file is).
    #[arg(long, value_name = "DIR")]
    save_html: Option<PathBuf>,
    #[command(flatten)]
    http: cli_fetch::HttpArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(clap::Args, Debug)]
struct BatchArgs {
    /// Directories (every .html, .htm, .xhtml, optionally .gz, below them, in name order),
    /// WARC files (.warc, .warc.gz) and single pages.
    #[arg(value_name = "PATH")]
    inputs: Vec<PathBuf>,
    /// Also fetch and extract the URLs listed in FILE, one a line (`#` comments and blank lines
    /// skipped; `-` reads standard input). HTTP settings: the flags below, over the `[fetch]`
    /// table of `--config`.
    #[arg(short = 'i', long = "input", value_name = "FILE")]
    input: Option<String>,
    /// Write to FILE instead of standard output. With a per-page format (markdown, text,
    /// html), a directory (`DIR/`, or one that exists) gets one file per input, named after
    /// the input's file stem (a WARC record or URL: the URL's last path segment).
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    output: Option<PathBuf>,
    /// Output format. `jsonl` (the default) and `json` write one compact record a line, the
    /// only formats `--resume` reads back; markdown, text and html write one document per
    /// article, with the contract's separator between documents in one output.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// With `--format markdown`: start each document with YAML front matter (title,
    /// authors, published, url, site, language, categories, tags).
    #[arg(long)]
    front_matter: bool,
    /// Skip the inputs whose records are already in the output file (after a crash or Ctrl-C);
    /// a partial last line is cut first. JSON formats only.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Worker threads for extraction [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// Add `removed` (every block taken out, with the rule and kind that removed it) and
    /// `sources` (where each field came from).
    #[arg(long)]
    explain: bool,
    /// A config file layered over the built-in one: site profiles and a `[fetch]` table.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    http: cli_fetch::HttpArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(clap::Args, Debug)]
struct FilterArgs {
    /// Worker threads [default: 1: the engine running pith owns the cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// Write to FILE instead of standard output. With a per-page format (markdown, text,
    /// html), a directory (`DIR/`, or one that exists) gets one file per line, named after
    /// the line's `id`.
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    output: Option<PathBuf>,
    /// Output format. `jsonl` (the default) and `json` write one compact record per input
    /// line, always; markdown, text and html write one document per article (an error has
    /// none: it is a line on standard error), with the contract's separator between them.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// With `--format markdown`: start each document with YAML front matter (title,
    /// authors, published, url, site, language, categories, tags).
    #[arg(long)]
    front_matter: bool,
    /// Add `removed` (every block taken out, with the rule and kind that removed it) and
    /// `sources` (where each field came from).
    #[arg(long)]
    explain: bool,
    /// A config file layered over the built-in site profiles.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Per-page limits of `extract`, `fetch`, `batch` and `filter`.
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Page limits")]
struct LimitArgs {
    /// Largest page (after decompression for fetched and .gz pages): bytes, or with a unit
    /// (10MB, 512KiB); a larger one gives a `too_large` record [default: 50MiB].
    #[arg(long, value_name = "SIZE", value_parser = cli_args::byte_size)]
    max_bytes: Option<u64>,
    /// Most DOM nodes (elements, comments) a page may build; past it, `too_large`
    /// [default: 2000000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_nodes: Option<u64>,
    /// Deepest element nesting; past it, `too_large` [default: 5000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_depth: Option<u64>,
    /// Time budget for one page in milliseconds, 0 for none; past it, `budget_exceeded`
    /// [default: 10000].
    #[arg(long, value_name = "MS")]
    time_budget_ms: Option<u64>,
}

impl LimitArgs {
    /// The per-page limits: the defaults, with the flags given.
    fn limits(&self) -> pith::Limits {
        let mut limits = pith::Limits::default();
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        if let Some(n) = self.max_bytes {
            limits = limits.with_max_input_bytes(size(n));
        }
        if let Some(n) = self.max_nodes {
            limits = limits.with_max_nodes(size(n));
        }
        if let Some(n) = self.max_depth {
            limits = limits.with_max_depth(size(n));
        }
        if let Some(ms) = self.time_budget_ms {
            limits = limits.with_time_budget((ms > 0).then(|| std::time::Duration::from_millis(ms)));
        }
        limits
    }
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The data set: a directory with `gold.jsonl` and `html/<id>.html`.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Score this predictions file (`{"id","text"}` lines) instead of running pith.
    #[arg(long, value_name = "FILE.jsonl")]
    pred: Option<PathBuf>,
    /// Write pith's predictions (`{"id","text"}` lines, as `--pred` reads them) to FILE.
    #[arg(long, value_name = "FILE.jsonl", conflicts_with = "pred")]
    save_pred: Option<PathBuf>,
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
    /// Exit 1 if a score is below its floor in FILE: `[<dir name>] f1 = X` (`lev_mean = X` for
    /// a WCEB set); with --metadata, `[<dir name>.metadata] <field> = <accuracy>`.
    #[arg(long, value_name = "FILE")]
    check_floors: Option<PathBuf>,
    /// Score the metadata fields (title, authors, published, description, site name,
    /// categories, tags) against the gold's; --pred then reads metadata records
    /// (`{"id","title","authors",...}` lines) and --save-pred writes pith's.
    #[arg(long)]
    metadata: bool,
    /// Write the scores (the table, or the JSON with --json) to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema(out) => write_text(out.output.as_deref(), render::json_schema().as_bytes()).map(|_| exit::OK),
        Command::Extract(args) => run_extract(&args),
        Command::Fetch(args) => run_fetch(&args),
        Command::Batch(args) => run_batch(&args),
        Command::Filter(args) => run_filter(&args),
        Command::Serve(args) => {
            return_freed_memory_promptly();
            cli_serve::run(&args)
        }
        Command::Eval(args) => run_eval(&args),
        Command::Completions(args) => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "pith", &mut script);
            write_text(args.out.output.as_deref(), &script).map(|_| exit::OK)
        }
        Command::Man(out) => run_man(&out),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed standard output (`| head -1`) stops the run: the records after it are
            // lost, so the run did not do its work. Nothing to say on the closed pipe's terminal.
            if !is_broken_pipe(&err) {
                warn(&format!("pith: {err:#}"));
            }
            ExitCode::from(exit::NOTHING_DONE)
        }
    }
}

/// A line on stderr, escaped for the terminal (inputs, URLs and server text can hold escape
/// sequences).
fn warn(line: &str) {
    eprintln!("{}", pith::terminal::escape(line));
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn load_extractor(config: Option<&PathBuf>) -> Result<Extractor> {
    let Some(path) = config else { return Ok(Extractor::default()) };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
    let config =
        pith::Config::default_with_overrides(&text).with_context(|| format!("bad config {}", path.display()))?;
    Ok(Extractor::new(config))
}

/// Reads one input: a file or standard input (gzip decompressed, as `batch` reads it). Errors
/// become error records.
fn read_input(input: &str, url: Option<&String>, max_bytes: usize) -> Result<Vec<u8>, ErrorRecord> {
    if input == "-" {
        return pith::batch::read_page_stream(io::stdin().lock(), input, url.cloned(), max_bytes).map_err(|mut e| {
            e.error.message = format!("standard input: {}", e.error.message);
            e
        });
    }
    pith::batch::read_page_file(Path::new(input), input, url.cloned(), max_bytes)
}

fn run_extract(args: &ExtractArgs) -> Result<u8> {
    if let Some(url) = &args.url {
        cli_args::check_page_url(url).map_err(anyhow::Error::msg)?;
        if args.inputs.len() > 1 {
            anyhow::bail!(
                "--url is the address of one page, but {} inputs were given: extract each page \
                 with its own --url, or leave --url out to take each page's canonical link",
                args.inputs.len()
            );
        }
    }
    let extractor = load_extractor(args.config.as_ref())?;
    let mut sink = Sink::open(args.format, args.front_matter, args.output.as_deref(), args.inputs.len() == 1)?;
    let (mut failures, mut internal, mut last_error) = (0u64, false, None);
    let limits = args.limits.limits();
    for input in &args.inputs {
        let opts = ExtractOptions::new(input.clone())
            .with_url(args.url.clone())
            .with_explain(args.explain)
            .with_limits(Some(limits));
        let record = match read_input(input, args.url.as_ref(), limits.max_input_bytes) {
            Err(e) => Record::Error(e),
            Ok(bytes) => extractor.record(&bytes, &opts),
        };
        if let Record::Error(e) = &record {
            failures += 1;
            internal |= e.error.kind == ErrorKind::Internal;
            last_error = Some(e.error.kind);
            warn(&format!("pith: {}: {}", display_input(input), e.error.message));
        }
        // JSON formats give every input its record, error records too; the per-page formats
        // have no document for an error (its message is on standard error).
        sink.record(&record, || cli_output::stem_of(input, record_url(&record)))?;
    }
    sink.finish()?;
    Ok(exit::of_run(args.inputs.len(), failures, internal, last_error))
}

/// An error record's message on standard error (in the per-page formats of `batch` and
/// `filter`, where the record itself is not written).
fn warn_error(record: &Record) {
    if let Record::Error(e) = record {
        warn(&format!("pith: {}: {}", e.input, e.error.message));
    }
}

/// The `input` of a record.
fn record_input(record: &Record) -> &str {
    match record {
        Record::Article(a) => &a.input,
        Record::Error(e) => &e.input,
    }
}

/// The page URL of a record.
fn record_url(record: &Record) -> Option<&str> {
    match record {
        Record::Article(a) => a.url.as_deref(),
        Record::Error(e) => e.url.as_deref(),
    }
}

fn display_input(input: &str) -> &str {
    if input == "-" { "<stdin>" } else { input }
}

fn run_fetch(args: &FetchArgs) -> Result<u8> {
    use pith::fetch;
    use std::io::IsTerminal;

    return_freed_memory_promptly();
    let extractor = load_extractor(args.config.as_ref())?.with_limits(args.limits.limits());
    let mut opts = fetch::FetchOptions::from_config(extractor.config());
    args.http.apply(&mut opts);
    let mut urls = args.urls.clone();
    if let Some(list) = &args.input {
        let text = if list == "-" {
            io::read_to_string(io::stdin().lock()).context("cannot read the URL list from standard input")?
        } else {
            std::fs::read_to_string(list).with_context(|| format!("cannot read the URL list {list}"))?
        };
        urls.extend(pith::batch::read_url_list(&text));
    }
    if urls.is_empty() {
        anyhow::bail!("no URLs to fetch: give URLs as arguments, or a list with -i FILE");
    }
    if !opts.robots {
        eprintln!(
            "pith: WARNING: robots.txt is IGNORED (--ignore-robots): pages are fetched whatever the sites allow. \
             Fetch only sites you have permission to crawl."
        );
    }
    // One URL on the command line prints pretty JSON; with `--format jsonl` or a list, every
    // URL gives its record line. Failures are records too (and a message on standard error).
    let single = args.urls.len() == 1 && args.input.is_none();
    let mut last_error = None;
    let mut sink = Sink::open(args.format, args.front_matter, args.output.as_deref(), single)?;
    let mut run = pith::batch::UrlOptions::default();
    run.explain = args.explain;
    run.save_html.clone_from(&args.save_html);
    run.progress = io::stderr().is_terminal();
    let summary = pith::batch::fetch_urls_blocking(opts, &extractor, &urls, &run, |_, record| {
        if let Record::Error(e) = &record {
            warn(&format!("pith: {}: {}", e.input, e.error.message));
            last_error = Some(e.error.kind);
        }
        // With `-o DIR/`, one file per URL, named after its last path segment.
        sink.record(&record, || cli_output::stem_of(record_input(&record), record_url(&record)))
    })?;
    sink.finish()?;
    Ok(exit::of_run(urls.len(), summary.error_count(), summary.internal_count() > 0, last_error))
}

fn run_batch(args: &BatchArgs) -> Result<u8> {
    use pith::batch::{self, BatchOptions, Output, Source};
    use std::io::IsTerminal;

    let extractor = load_extractor(args.config.as_ref())?.with_limits(args.limits.limits());
    if args.inputs.is_empty() && args.input.is_none() {
        anyhow::bail!("nothing to do: give directories, WARC files or pages, or a URL list with -i FILE");
    }
    let sources = args.inputs.iter().map(|p| Source::detect(p)).collect::<io::Result<Vec<_>>>()?;
    if args.input.is_some() {
        return_freed_memory_promptly();
    }
    let urls = match &args.input {
        None => Vec::new(),
        Some(list) => batch::read_url_list(&if list == "-" {
            io::read_to_string(io::stdin().lock()).context("cannot read the URL list from standard input")?
        } else {
            std::fs::read_to_string(list).with_context(|| format!("cannot read the URL list {list}"))?
        }),
    };
    let per_page = args.format.is_per_page();
    if args.resume && per_page {
        anyhow::bail!(
            "--resume reads the records already written back from the output, so it needs --format jsonl (or json)"
        );
    }
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let mut opts = BatchOptions::default();
    opts.jobs = args.jobs.map_or_else(batch::default_jobs, |n| n as usize);
    opts.explain = args.explain;
    opts.progress = io::stderr().is_terminal();
    opts.fetch = pith::fetch::FetchOptions::from_config(extractor.config());
    args.http.apply(&mut opts.fetch);
    if !urls.is_empty() && !opts.fetch.robots {
        eprintln!(
            "pith: WARNING: robots.txt is IGNORED (--ignore-robots, or robots = false in --config): \
             fetch only sites you may crawl."
        );
    }
    let summary = if per_page {
        // One document per article (to standard output, one file, or a file each in a
        // directory); an error has none, so it is a line on standard error.
        let mut sink = Sink::open(args.format, args.front_matter, output, false)?;
        let summary = batch::run_batch_with(&extractor, sources, urls, None, &opts, |record| {
            warn_error(record);
            sink.record(record, || cli_output::stem_of(record_input(record), record_url(record)))
        })?;
        sink.finish()?;
        summary
    } else {
        let (mut output, done) = match output {
            Some(path) if cli_output::is_directory_target(path) => {
                anyhow::bail!("-o DIR/ needs a per-page format (markdown, text, html); JSON Lines go to one file")
            }
            Some(path) if args.resume => {
                let (output, done) = Output::resume(path)?;
                (output, Some(done))
            }
            Some(path) => (Output::create(path)?, None),
            None => (Output::Stdout(io::stdout()), None),
        };
        batch::run_batch(&extractor, sources, urls, &mut output, done, &opts)?
    };
    warn(&format!("pith: batch: {}", summary.line()));
    Ok(if summary.internal_count() > 0 {
        exit::INTERNAL
    } else if summary.error_count() > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}

fn run_filter(args: &FilterArgs) -> Result<u8> {
    use pith::batch::{FilterOptions, run_filter_with};

    let extractor = load_extractor(args.config.as_ref())?.with_limits(args.limits.limits());
    let mut opts = FilterOptions::default();
    opts.jobs = args.jobs.map_or(1, |n| n as usize);
    opts.explain = args.explain;
    let input = io::BufReader::with_capacity(1 << 20, io::stdin());
    let mut sink = Sink::open(args.format, args.front_matter, args.output.as_deref(), false)?;
    let per_page = args.format.is_per_page();
    run_filter_with(&extractor, input, &opts, |record| {
        if per_page {
            warn_error(record);
        }
        // With `-o DIR/`, one file per line, named after its `id`.
        sink.record(record, || cli_output::safe_stem(record_input(record)))
    })?;
    sink.finish()?;
    // Errors are records: the exit code says only that the streams worked.
    Ok(exit::OK)
}

/// The manual page of `pith`: its options and commands, each with its summary.
fn run_man(out: &OutputFile) -> Result<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    write_text(out.output.as_deref(), &page)?;
    Ok(exit::OK)
}

fn run_eval(args: &EvalArgs) -> Result<u8> {
    let outcome = pith::eval::run(&pith::eval::EvalCommand {
        data: args.data.clone(),
        pred: args.pred.clone(),
        save_pred: args.save_pred.clone(),
        limit: args.limit,
        per_doc: args.per_doc,
        json: args.json,
        timing: args.timing,
        check_floors: args.check_floors.clone(),
        metadata: args.metadata,
    })?;
    write_text(args.output.as_deref(), outcome.stdout.as_bytes())?;
    for note in &outcome.notes {
        warn(&format!("pith: eval: {note}"));
    }
    Ok(if outcome.below_floor { exit::SOME_FAILED } else { exit::OK })
}
