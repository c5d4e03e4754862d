//! The command-line flags of fetching (timeouts, politeness, limits, the address policy and
//! proxy use), shared by `pith fetch` and `pith batch -i` (flattened into their arguments).

use pith::fetch::FetchOptions;

/// How pith fetches: every flag overrides the config file's `[fetch]` table.
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Fetching")]
pub struct HttpArgs {
    /// Longest time for one HTTP request, connecting to last byte [default: 30].
    #[arg(long, value_name = "SECS", value_parser = positive_secs)]
    timeout: Option<f64>,
    /// Longest wait for a connection [default: 10].
    #[arg(long, value_name = "SECS", value_parser = positive_secs)]
    connect_timeout: Option<f64>,
    // The default is written out here, not as a clap default, so that a `user_agent` in the
    // config file's `[fetch]` table still applies when the flag is absent.
    #[arg(
        long,
        value_name = "UA",
        value_parser = user_agent,
        help = concat!(
            "The User-Agent header [default: pith/",
            env!("CARGO_PKG_VERSION"),
            "]; its first word is matched in robots.txt"
        )
    )]
    user_agent: Option<String>,
    /// Do not read or honour robots.txt. Only for sites you may crawl: said loudly on stderr.
    #[arg(long)]
    ignore_robots: bool,
    /// Requests in flight across all hosts [default: 16].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    concurrency: Option<u32>,
    /// Requests per second to one host, one at a time [default: 1].
    #[arg(long, value_name = "PER_SEC", value_parser = positive_secs)]
    rate: Option<f64>,
    /// Retries after a connect error or HTTP 429, 502, 503, 504 [default: 3].
    #[arg(long, value_name = "N")]
    retries: Option<u32>,
    /// Redirects followed [default: 10].
    #[arg(long, value_name = "N")]
    max_redirects: Option<usize>,
    /// The body limit, also after decompression: bytes, or with a unit (10MB, 512KiB)
    /// [default: 10MiB].
    #[arg(long, value_name = "SIZE", value_parser = crate::cli_args::byte_size)]
    max_body: Option<u64>,
    #[command(flatten)]
    net: NetArgs,
}

impl HttpArgs {
    /// Flags override the config file's `[fetch]` table.
    pub fn apply(&self, o: &mut pith::fetch::FetchOptions) {
        use std::time::Duration;
        if let Some(t) = self.timeout {
            o.timeout = Duration::from_secs_f64(t);
        }
        if let Some(t) = self.connect_timeout {
            o.connect_timeout = Duration::from_secs_f64(t);
        }
        if let Some(ua) = &self.user_agent {
            o.user_agent.clone_from(ua);
        }
        if self.ignore_robots {
            o.robots = false;
        }
        if let Some(n) = self.concurrency {
            o.concurrency = n as usize;
        }
        if let Some(r) = self.rate {
            o.rate = r;
        }
        if let Some(n) = self.retries {
            o.retries = n;
        }
        if let Some(n) = self.max_redirects {
            o.max_redirects = n;
        }
        if let Some(n) = self.max_body {
            o.max_body_bytes = n;
        }
        self.net.apply(o);
    }
}

fn positive_secs(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v < 1e9 => Ok(v),
        _ => Err(format!("{s:?} is not a positive number")),
    }
}

fn user_agent(s: &str) -> Result<String, String> {
    if s.trim().is_empty() || !s.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return Err("must be non-empty printable ASCII".into());
    }
    Ok(s.to_string())
}

/// Where pith may connect (docs/fetching.md, "Address policy").
#[derive(clap::Args, Debug)]
pub struct NetArgs {
    /// Also connect to loopback, private, link-local and other non-public addresses (for an
    /// intranet). Without it only public addresses are reached, whatever a URL or redirect says.
    #[arg(long)]
    allow_private: bool,
    /// Hosts exempt from the address policy: NAME, *.DOMAIN, an address or a CIDR block
    /// (comma-separated, or the flag repeated); added to `allow_hosts` of the config.
    #[arg(long, value_name = "HOSTS", value_parser = allow_entry)]
    allow_hosts: Vec<String>,
    /// Hosts always refused, even public ones, in the same forms; added to `deny_hosts`.
    #[arg(long, value_name = "HOSTS", value_parser = deny_entry)]
    deny_hosts: Vec<String>,
    /// Answer HOST with ADDR instead of DNS, as curl's --resolve (HOST may be *.DOMAIN; ADDR
    /// still passes the address policy). Repeat for more names.
    #[arg(long, value_name = "HOST:ADDR", value_parser = resolve_entry)]
    resolve: Vec<String>,
    /// Connect directly, ignoring HTTPS_PROXY, HTTP_PROXY and ALL_PROXY.
    #[arg(long)]
    no_proxy: bool,
}

impl NetArgs {
    /// Flags over the config file's `[fetch]` table: lists are added to, switches set.
    pub fn apply(&self, o: &mut FetchOptions) {
        if self.allow_private {
            o.allow_private = true;
        }
        o.allow_hosts.extend(self.allow_hosts.iter().cloned());
        o.deny_hosts.extend(self.deny_hosts.iter().cloned());
        o.resolve.extend(self.resolve.iter().cloned());
        if self.no_proxy {
            o.proxy = false;
        }
    }
}

fn allow_entry(s: &str) -> Result<String, String> {
    checked(s, |o| o.allow_hosts.push(s.to_string()))
}

fn deny_entry(s: &str) -> Result<String, String> {
    checked(s, |o| o.deny_hosts.push(s.to_string()))
}

fn resolve_entry(s: &str) -> Result<String, String> {
    checked(s, |o| o.resolve.push(s.to_string()))
}

/// `s` when the policy accepts it as set by `set`; else why not.
fn checked(s: &str, set: impl FnOnce(&mut FetchOptions)) -> Result<String, String> {
    let mut o = FetchOptions::default();
    set(&mut o);
    match o.policy_spec().validate() {
        Ok(()) => Ok(s.to_string()),
        Err(why) => Err(why.split_once(": ").map_or(why.clone(), |(_, w)| w.to_string())),
    }
}
