//! The command-line flags of the fetcher's address policy and proxy use, shared by `pith
//! fetch` and `pith batch` (flattened into their arguments).

use pith::fetch::FetchOptions;

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
