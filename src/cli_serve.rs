//! `pith serve`: its flags (each also a key of the config file's `[serve]` table; a flag wins)
//! and the start of the service.

use std::path::PathBuf;

use anyhow::{Context, Result};
use pith::serve::ServeOptions;
use pith::{Extractor, ServeSpec};

/// The examples that end `pith serve --help`.
pub const EXAMPLES: &str = "\
Examples:
  pith serve
  pith serve --listen 0.0.0.0:8080 --token-file /etc/pith/token --max-in-flight 4
  pith serve --config pith.toml --log-format json
  pith serve --print-openapi -o openapi.json
  curl -s --data-binary @page.html -H 'Content-Type: text/html' \\
       'http://127.0.0.1:8080/v1/extract?url=https://example.com/news/story'
  curl -s 'http://127.0.0.1:8080/v1/extract?url=https://example.com/news/story&format=markdown'
  curl -s --data-binary @pages.jsonl -H 'Content-Type: application/x-ndjson' http://127.0.0.1:8080/v1/batch";

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080: this machine only].
    #[arg(long, value_name = "ADDR:PORT")]
    listen: Option<std::net::SocketAddr>,
    /// Extractions at once, each on a blocking thread [default: the cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_in_flight: Option<u32>,
    /// Requests that may wait for a slot; past it, 503 with Retry-After [default: max-in-flight].
    #[arg(long, value_name = "N")]
    queue: Option<u32>,
    /// Largest request body, and largest line of a batch: bytes, or with a unit (10MB, 512KiB)
    /// [default: 10MiB].
    #[arg(long, value_name = "SIZE", value_parser = crate::cli_args::byte_size)]
    max_request_body: Option<u64>,
    /// Longest time for a request's headers and for its body (between two chunks of a batch)
    /// [default: 30].
    #[arg(long, value_name = "SECS", value_parser = positive_secs)]
    read_timeout: Option<f64>,
    /// Longest a response write may stall (a client that stops reading) [default: 30].
    #[arg(long, value_name = "SECS", value_parser = positive_secs)]
    write_timeout: Option<f64>,
    /// On SIGTERM/SIGINT, how long in-flight requests may still take [default: 5].
    #[arg(long, value_name = "SECS")]
    grace_period: Option<f64>,
    /// Require `Authorization: Bearer <token>` (the file's one word) on every route but
    /// /healthz and /readyz.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Allow browser pages from ORIGIN (https://app.example.com, or * for any) to call the
    /// service; repeat for more. No CORS headers without it.
    #[arg(long, value_name = "ORIGIN", value_parser = origin)]
    cors: Vec<String>,
    /// Request logs on stderr as text or JSON lines [default: text].
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "json"])]
    log_format: Option<String>,
    /// A config file layered over the built-in one: site profiles, `[fetch]` and `[serve]`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the service's OpenAPI document and exit.
    #[arg(long)]
    print_openapi: bool,
    /// With --print-openapi: write the document to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "print_openapi")]
    output: Option<PathBuf>,
    #[command(flatten)]
    http: crate::cli_fetch::HttpArgs,
    /// Largest page: bytes, or with a unit [default: 50MiB].
    #[arg(long, value_name = "SIZE", value_parser = crate::cli_args::byte_size, help_heading = "Page limits")]
    max_bytes: Option<u64>,
    /// Most DOM nodes a page may build [default: 2000000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Page limits")]
    max_nodes: Option<u64>,
    /// Deepest element nesting [default: 5000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Page limits")]
    max_depth: Option<u64>,
    /// Time budget for one page in milliseconds, 0 for none [default: 10000].
    #[arg(long, value_name = "MS", help_heading = "Page limits")]
    time_budget_ms: Option<u64>,
}

fn positive_secs(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v < 1e9 => Ok(v),
        _ => Err(format!("{s:?} is not a positive number")),
    }
}

fn origin(s: &str) -> Result<String, String> {
    pith::serve::check_origin(s).map(|()| s.to_string())
}

impl ServeArgs {
    /// The config file's `[serve]` table with the flags given written over it.
    fn spec(&self, table: &ServeSpec) -> ServeSpec {
        let mut s = table.clone();
        fn set<T>(slot: &mut Option<T>, flag: Option<T>) {
            if flag.is_some() {
                *slot = flag;
            }
        }
        set(&mut s.listen, self.listen.map(|a| a.to_string()));
        set(&mut s.max_in_flight, self.max_in_flight.map(|n| n as usize));
        set(&mut s.queue, self.queue.map(|n| n as usize));
        set(&mut s.max_request_body, self.max_request_body);
        set(&mut s.read_timeout, self.read_timeout);
        set(&mut s.write_timeout, self.write_timeout);
        set(&mut s.grace_period, self.grace_period);
        set(&mut s.token_file, self.token_file.as_ref().map(|p| p.display().to_string()));
        if !self.cors.is_empty() {
            s.cors = Some(self.cors.clone());
        }
        set(&mut s.log_format, self.log_format.clone());
        set(&mut s.max_bytes, self.max_bytes);
        set(&mut s.max_nodes, self.max_nodes);
        set(&mut s.max_depth, self.max_depth);
        set(&mut s.time_budget_ms, self.time_budget_ms);
        s
    }
}

/// Runs `pith serve` until SIGTERM/SIGINT.
pub fn run(args: &ServeArgs) -> Result<u8> {
    if args.print_openapi {
        crate::cli_output::write_text(args.output.as_deref(), pith::serve::openapi_json().as_bytes())?;
        return Ok(0);
    }
    if let Some(g) = args.grace_period
        && !(g.is_finite() && (0.0..1e9).contains(&g))
    {
        anyhow::bail!("--grace-period {g} is not a number of seconds, 0 or more");
    }
    let config = match &args.config {
        None => pith::Config::default(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("cannot read config {}", path.display()))?;
            pith::Config::default_with_overrides(&text).with_context(|| format!("bad config {}", path.display()))?
        }
    };
    let spec = args.spec(config.serve());
    let mut fetch = pith::fetch::FetchOptions::from_config(&config);
    args.http.apply(&mut fetch);
    let opts = ServeOptions::from_spec(&spec, fetch).map_err(anyhow::Error::msg)?;
    let limits = pith::serve::limits_from_spec(&spec, pith::Limits::default());
    let extractor = Extractor::new(config).with_limits(limits);
    pith::serve::init_logging(opts.log_format);
    if !opts.fetch.robots {
        eprintln!(
            "pith: WARNING: robots.txt is IGNORED for GET /v1/extract (--ignore-robots): fetch only sites you may crawl."
        );
    }
    if opts.listen.ip().is_unspecified() && opts.token.is_none() {
        eprintln!(
            "pith: warning: listening on every interface with no --token-file: anyone who can reach it may use it"
        );
    }
    pith::serve::run(opts, extractor)?;
    Ok(0)
}
