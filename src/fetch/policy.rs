//! The address policy: which hosts and addresses pith may connect to.
//!
//! URL lists often come from someone else, and a page on the internet can redirect to
//! `http://127.0.0.1:8080/admin` or to a cloud metadata service on 169.254.169.254. So by
//! default pith connects only to globally routable addresses. The check runs where the address
//! is known:
//!
//! - for a host *name*, on the addresses the name resolves to, in the resolver the HTTP client
//!   connects through ([`PolicyResolver`]): the connection can only go to an address that
//!   passed, so a name that resolves once to a public and then to a private address (DNS
//!   rebinding) gains nothing;
//! - for an IP-literal host (`http://127.0.0.1/`, `http://[::1]/`, `http://2130706433/`: the
//!   URL parser turns every IPv4 spelling into the dotted form), which never reaches a
//!   resolver, and for `localhost`, before every request ([`AddressPolicy::check_url`]): the
//!   first, each redirect hop and robots.txt.
//!
//! `--allow-private` lifts the class check; `--allow-hosts` exempts hosts (a name, `*.domain`,
//! an address or a CIDR block); `--deny-hosts` refuses hosts even when public; `--resolve
//! HOST:ADDR` answers for names without DNS (the answers pass the same check). A proxy from
//! the environment is the user's choice: its own name is not checked, and the names it is
//! asked for are resolved by it, not here.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use thiserror::Error;
use url::{Host, Url};

use crate::config::host_pattern::HostPattern;

/// What an address is, by the IANA special-purpose registries. Only [`AddressClass::Public`]
/// addresses are reached by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressClass {
    /// Globally routable.
    Public,
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7 (and the old fec0::/10).
    Private,
    /// 169.254.0.0/16 (where cloud metadata services answer), fe80::/10.
    LinkLocal,
    /// 100.64.0.0/10: carrier-grade NAT.
    Shared,
    /// 0.0.0.0/8, ::.
    Unspecified,
    /// 224.0.0.0/4, ff00::/8.
    Multicast,
    /// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20.
    Documentation,
    /// 198.18.0.0/15, 2001:2::/48.
    Benchmarking,
    /// Other special-purpose or unallocated space (240.0.0.0/4 and the broadcast address,
    /// 192.0.0.0/24, IPv6 outside 2000::/3, …).
    Reserved,
}

impl AddressClass {
    /// The class of `ip`. IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`),
    /// NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:AABB:CCDD::`) addresses are classed by the
    /// IPv4 address they carry.
    pub fn of(ip: IpAddr) -> AddressClass {
        match ip {
            IpAddr::V4(v4) => class_v4(v4),
            IpAddr::V6(v6) => class_v6(v6),
        }
    }

    /// "loopback", "private", "link-local", …
    pub fn name(self) -> &'static str {
        match self {
            AddressClass::Public => "public",
            AddressClass::Loopback => "loopback",
            AddressClass::Private => "private",
            AddressClass::LinkLocal => "link-local",
            AddressClass::Shared => "shared (carrier-grade NAT)",
            AddressClass::Unspecified => "unspecified",
            AddressClass::Multicast => "multicast",
            AddressClass::Documentation => "documentation",
            AddressClass::Benchmarking => "benchmarking",
            AddressClass::Reserved => "reserved",
        }
    }
}

impl fmt::Display for AddressClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn class_v4(ip: Ipv4Addr) -> AddressClass {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, ..) => AddressClass::Unspecified,
        (10, ..) => AddressClass::Private,
        (100, 64..=127, _) => AddressClass::Shared,
        (127, ..) => AddressClass::Loopback,
        (169, 254, _) => AddressClass::LinkLocal,
        (172, 16..=31, _) => AddressClass::Private,
        (192, 0, 0) | (192, 88, 99) => AddressClass::Reserved,
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => AddressClass::Documentation,
        (192, 168, _) => AddressClass::Private,
        (198, 18..=19, _) => AddressClass::Benchmarking,
        (224..=239, ..) => AddressClass::Multicast,
        (240..=255, ..) => AddressClass::Reserved,
        _ => AddressClass::Public,
    }
}

fn class_v6(ip: Ipv6Addr) -> AddressClass {
    let s = ip.segments();
    let embedded_v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if ip.is_unspecified() {
        return AddressClass::Unspecified;
    }
    if ip.is_loopback() {
        return AddressClass::Loopback;
    }
    match s {
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but still parsed).
        [0, 0, 0, 0, 0, 0xffff, hi, lo] | [0, 0, 0, 0, 0, 0, hi, lo] => class_v4(embedded_v4(hi, lo)),
        // NAT64: a gateway turns it into the IPv4 address it carries.
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => class_v4(embedded_v4(hi, lo)),
        [0x64, 0xff9b, 1, ..] => AddressClass::Private,
        [0x100, 0, 0, 0, ..] => AddressClass::Reserved,
        [0x2001, 2, 0, ..] => AddressClass::Benchmarking,
        [0x2001, 0xdb8, ..] => AddressClass::Documentation,
        [0x2001, 0..=0x1ff, ..] => AddressClass::Reserved,
        [0x2002, hi, lo, ..] => match class_v4(embedded_v4(hi, lo)) {
            AddressClass::Public => AddressClass::Public,
            other => other,
        },
        [0x3fff, 0..=0x0fff, ..] => AddressClass::Documentation,
        [first, ..] if first & 0xfe00 == 0xfc00 => AddressClass::Private,
        [first, ..] if first & 0xffc0 == 0xfe80 => AddressClass::LinkLocal,
        [first, ..] if first & 0xffc0 == 0xfec0 => AddressClass::Private,
        [first, ..] if first & 0xff00 == 0xff00 => AddressClass::Multicast,
        // Global unicast is 2000::/3; the rest is unallocated.
        [first, ..] if first & 0xe000 == 0x2000 => AddressClass::Public,
        _ => AddressClass::Reserved,
    }
}

/// Why a host was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Blocked {
    /// The host is, or resolves only to, addresses of a non-public class.
    #[error("{}; pith connects only to public addresses (--allow-private or --allow-hosts lets it reach others)", describe(host, *address, *class))]
    Address {
        /// The host as in the URL.
        host: String,
        /// The (first) address refused.
        address: IpAddr,
        /// Its class.
        class: AddressClass,
    },
    /// The host is on the deny list.
    #[error("{host} is in --deny-hosts")]
    Denied {
        /// The host as in the URL.
        host: String,
    },
}

fn describe(host: &str, address: IpAddr, class: AddressClass) -> String {
    let article = if matches!(class, AddressClass::Unspecified) { "an" } else { "a" };
    if host == address.to_string() || host.trim_matches(['[', ']']) == address.to_string() {
        format!("{host} is {article} {class} address")
    } else {
        format!("{host} resolves to {address}, {article} {class} address")
    }
}

/// The host of a URL as a pattern matches it: a name (no final dot) or an address.
enum UrlHost {
    Name(String),
    Ip(IpAddr),
}

fn url_host(url: &Url) -> Option<UrlHost> {
    match url.host()? {
        Host::Domain(d) => Some(UrlHost::Name(d.trim_end_matches('.').to_ascii_lowercase())),
        Host::Ipv4(ip) => Some(UrlHost::Ip(IpAddr::V4(ip))),
        Host::Ipv6(ip) => Some(UrlHost::Ip(IpAddr::V6(ip))),
    }
}

/// The settings of the policy, as given by the user.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PolicySpec {
    /// Reach every address class (intranets, `localhost`).
    pub allow_private: bool,
    /// Hosts exempt from the class check: `name`, `*.domain`, an address or a CIDR block.
    pub allow_hosts: Vec<String>,
    /// Hosts always refused, in the same forms; the deny list wins over the allow list.
    pub deny_hosts: Vec<String>,
    /// `HOST:ADDR` answers given instead of DNS (HOST may be `*.domain` or `*`).
    pub resolve: Vec<String>,
}

impl PolicySpec {
    /// Checks every entry; the error says which one is wrong and why.
    pub fn validate(&self) -> Result<(), String> {
        AddressPolicy::new(self, Vec::new()).map(|_| ())
    }
}

/// The compiled policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressPolicy {
    allow_private: bool,
    allow: Vec<HostPattern>,
    deny: Vec<HostPattern>,
    answers: Vec<(HostPattern, Vec<IpAddr>)>,
    /// Names not checked: the proxies the user configured.
    trusted: Vec<String>,
}

impl AddressPolicy {
    /// Compiles `spec`; `trusted` are host names exempt from every check (the proxies).
    pub(crate) fn new(spec: &PolicySpec, trusted: Vec<String>) -> Result<AddressPolicy, String> {
        let list = |flag: &str, entries: &[String]| -> Result<Vec<HostPattern>, String> {
            entries
                .iter()
                .flat_map(|e| e.split(','))
                .filter(|e| !e.trim().is_empty())
                .map(|e| HostPattern::parse(e).map_err(|why| format!("{flag}: {why}")))
                .collect()
        };
        let mut answers: Vec<(HostPattern, Vec<IpAddr>)> = Vec::new();
        for entry in &spec.resolve {
            let (host, addr) = split_resolve(entry)
                .ok_or_else(|| format!("--resolve: {entry:?} is not HOST:ADDRESS (for example news.test:127.0.0.2)"))?;
            let pattern = HostPattern::parse(host).map_err(|why| format!("--resolve: {why}"))?;
            if matches!(pattern, HostPattern::Cidr(_)) {
                return Err(format!("--resolve: {host:?} is an address; give a host name"));
            }
            match answers.iter_mut().find(|(p, _)| *p == pattern) {
                Some((_, addrs)) => addrs.push(addr),
                None => answers.push((pattern, vec![addr])),
            }
        }
        Ok(AddressPolicy {
            allow_private: spec.allow_private,
            allow: list("--allow-hosts", &spec.allow_hosts)?,
            deny: list("--deny-hosts", &spec.deny_hosts)?,
            answers,
            trusted,
        })
    }

    /// The check before a request: the deny list, then an IP-literal host or `localhost`
    /// (names are checked again on their addresses by the resolver).
    pub(crate) fn check_url(&self, url: &Url) -> Result<(), Blocked> {
        let shown = url.host_str().unwrap_or("").to_string();
        let Some(host) = url_host(url) else { return Ok(()) };
        let denied = match &host {
            UrlHost::Name(n) => self.deny.iter().any(|p| p.matches_name(n)),
            UrlHost::Ip(ip) => self.deny.iter().any(|p| p.matches_ip(*ip)),
        };
        if denied {
            return Err(Blocked::Denied { host: shown });
        }
        match host {
            UrlHost::Ip(ip) => self.check_address(&shown, None, ip),
            // RFC 6761: `localhost` and the names below it are loopback, whatever a resolver or
            // a proxy would make of them.
            UrlHost::Name(n) if n == "localhost" || n.ends_with(".localhost") => {
                if self.allow_private || self.allow.iter().any(|p| p.matches_name(&n)) {
                    return Ok(());
                }
                let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
                Err(Blocked::Address { host: shown, address: loopback, class: AddressClass::Loopback })
            }
            UrlHost::Name(_) => Ok(()),
        }
    }

    /// One address of `host` (`name` when it was resolved from one).
    fn check_address(&self, host: &str, name: Option<&str>, ip: IpAddr) -> Result<(), Blocked> {
        if self.deny.iter().any(|p| p.matches_ip(ip)) {
            return Err(Blocked::Denied { host: host.to_string() });
        }
        let class = AddressClass::of(ip);
        let allowed = class == AddressClass::Public
            || self.allow_private
            || self.allow.iter().any(|p| p.matches_ip(ip) || name.is_some_and(|n| p.matches_name(n)));
        if allowed { Ok(()) } else { Err(Blocked::Address { host: host.to_string(), address: ip, class }) }
    }

    /// The addresses of `name` pith may connect to; the first refusal when there is none.
    fn filter(&self, name: &str, addrs: Vec<IpAddr>) -> Result<Vec<IpAddr>, Blocked> {
        let mut first_refusal = None;
        let kept: Vec<IpAddr> = addrs
            .into_iter()
            .filter(|ip| match self.check_address(name, Some(name), *ip) {
                Ok(()) => true,
                Err(b) => {
                    first_refusal.get_or_insert(b);
                    false
                }
            })
            .collect();
        match (kept.is_empty(), first_refusal) {
            (true, Some(refusal)) => Err(refusal),
            _ => Ok(kept),
        }
    }

    /// The `--resolve` answer for `name`: the first pattern that matches.
    fn answer(&self, name: &str) -> Option<Vec<IpAddr>> {
        self.answers.iter().find(|(p, _)| p.matches_name(name)).map(|(_, a)| a.clone())
    }
}

/// `news.test:127.0.0.2`, `news.test:[::1]`, `*.test:::1`.
fn split_resolve(entry: &str) -> Option<(&str, IpAddr)> {
    let (host, addr) = entry.trim().split_once(':')?;
    let addr: IpAddr = addr.trim().trim_matches(['[', ']']).parse().ok()?;
    (!host.is_empty()).then_some((host, addr))
}

/// The host names of the proxies set in the environment, as reqwest reads them (`ALL_PROXY`,
/// `HTTPS_PROXY`, `HTTP_PROXY`, in upper or lower case; `HTTP_PROXY` not in a CGI script).
pub(crate) fn proxy_hosts() -> Vec<String> {
    let cgi = std::env::var_os("REQUEST_METHOD").is_some();
    let mut names = ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]
        .into_iter()
        .filter(|var| !(cgi && *var == "HTTP_PROXY"))
        .filter_map(|var| std::env::var(var).ok())
        .filter_map(|value| {
            let value = value.trim();
            let url = if value.contains("://") { value.to_string() } else { format!("http://{value}") };
            match url_host(&Url::parse(&url).ok()?)? {
                UrlHost::Name(n) => Some(n),
                UrlHost::Ip(_) => None,
            }
        })
        .collect::<Vec<_>>();
    names.sort();
    names.dedup();
    names
}

/// The resolver the HTTP client connects through: `--resolve` answers or the system's
/// (`getaddrinfo`), then the policy on every address.
#[derive(Debug, Clone)]
pub(crate) struct PolicyResolver {
    pub(crate) policy: Arc<AddressPolicy>,
}

impl Resolve for PolicyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        let name = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        Box::pin(async move {
            let addrs = match policy.answer(&name) {
                Some(addrs) => addrs,
                None => {
                    let lookup = name.clone();
                    tokio::task::spawn_blocking(move || (lookup.as_str(), 0).to_socket_addrs())
                        .await
                        .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)??
                        .map(|a| a.ip())
                        .collect()
                }
            };
            let addrs = if policy.trusted.contains(&name) { addrs } else { policy.filter(&name, addrs)? };
            Ok(Box::new(addrs.into_iter().map(|ip| SocketAddr::new(ip, 0))) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn policy(allow_private: bool, allow: &[&str], deny: &[&str]) -> AddressPolicy {
        let spec = PolicySpec {
            allow_private,
            allow_hosts: allow.iter().map(|s| s.to_string()).collect(),
            deny_hosts: deny.iter().map(|s| s.to_string()).collect(),
            resolve: vec![],
        };
        AddressPolicy::new(&spec, vec![]).unwrap()
    }

    #[test]
    fn address_classes() {
        use AddressClass::*;
        for (addr, class) in [
            ("8.8.8.8", Public),
            ("93.184.216.34", Public),
            ("127.0.0.1", Loopback),
            ("127.255.0.9", Loopback),
            ("10.1.2.3", Private),
            ("172.16.0.1", Private),
            ("172.31.255.255", Private),
            ("172.32.0.1", Public),
            ("192.168.1.1", Private),
            ("169.254.169.254", LinkLocal),
            ("100.64.0.1", Shared),
            ("100.128.0.1", Public),
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Unspecified),
            ("224.0.0.1", Multicast),
            ("255.255.255.255", Reserved),
            ("240.0.0.1", Reserved),
            ("192.0.0.8", Reserved),
            ("192.0.2.7", Documentation),
            ("198.51.100.7", Documentation),
            ("203.0.113.7", Documentation),
            ("198.18.0.1", Benchmarking),
            ("198.19.255.1", Benchmarking),
            ("::", Unspecified),
            ("::1", Loopback),
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:169.254.169.254", LinkLocal),
            ("::ffff:8.8.8.8", Public),
            ("::127.0.0.1", Loopback),
            ("::10.0.0.1", Private),
            ("64:ff9b::a9fe:a9fe", LinkLocal),
            ("64:ff9b::808:808", Public),
            ("2002:7f00:1::", Loopback),
            ("2002:808:808::", Public),
            ("fc00::1", Private),
            ("fd12:3456::1", Private),
            ("fe80::1", LinkLocal),
            ("fec0::1", Private),
            ("ff02::1", Multicast),
            ("2001:db8::1", Documentation),
            ("3fff::1", Documentation),
            ("2001:2::1", Benchmarking),
            ("2001::1", Reserved),
            ("100::1", Reserved),
            ("4000::1", Reserved),
            ("2606:4700::1111", Public),
            ("2a00:1450:4001::200e", Public),
        ] {
            assert_eq!(AddressClass::of(ip(addr)), class, "{addr}");
        }
    }

    #[test]
    fn odd_ipv4_spellings_are_normalised_by_the_url_parser() {
        let p = policy(false, &[], &[]);
        for url in [
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::ffff:127.0.0.1]:8080/",
            "http://localhost/",
            "http://LOCALHOST./",
            "http://a.b.localhost/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0/",
        ] {
            let u = Url::parse(url).unwrap();
            let err = p.check_url(&u).unwrap_err();
            assert!(matches!(err, Blocked::Address { .. }), "{url}: {err}");
        }
        let u = Url::parse("http://2130706433/").unwrap();
        assert_eq!(u.host_str(), Some("127.0.0.1"));
        assert_eq!(
            p.check_url(&u).unwrap_err().to_string(),
            "127.0.0.1 is a loopback address; pith connects only to public addresses \
             (--allow-private or --allow-hosts lets it reach others)"
        );
        assert!(p.check_url(&Url::parse("http://8.8.8.8/").unwrap()).is_ok());
        assert!(p.check_url(&Url::parse("http://example.com/").unwrap()).is_ok(), "names are checked on resolution");
    }

    #[test]
    fn resolved_addresses_are_filtered() {
        let p = policy(false, &[], &[]);
        assert_eq!(p.filter("mixed.test", vec![ip("10.0.0.1"), ip("8.8.8.8")]).unwrap(), [ip("8.8.8.8")]);
        let err = p.filter("rebind.test", vec![ip("127.0.0.1"), ip("::1")]).unwrap_err();
        assert_eq!(
            err,
            Blocked::Address { host: "rebind.test".into(), address: ip("127.0.0.1"), class: AddressClass::Loopback }
        );
        assert!(err.to_string().starts_with("rebind.test resolves to 127.0.0.1, a loopback address;"), "{err}");
        let open = policy(true, &[], &[]);
        assert_eq!(open.filter("intranet.test", vec![ip("10.0.0.1")]).unwrap(), [ip("10.0.0.1")]);
    }

    /// The resolver the client connects through filters the system's answers too: `localhost`
    /// comes back from getaddrinfo as loopback addresses (the URL check that refuses it by name
    /// is not involved here), so nothing is left to connect to.
    #[tokio::test]
    async fn the_system_resolvers_answers_pass_the_policy() {
        let resolve = |allow_private| {
            let resolver = PolicyResolver { policy: Arc::new(policy(allow_private, &[], &[])) };
            resolver.resolve("localhost".parse().unwrap())
        };
        let err = match resolve(false).await {
            Ok(addrs) => panic!("connectable: {:?}", addrs.collect::<Vec<_>>()),
            Err(e) => e.to_string(),
        };
        assert!(err.starts_with("localhost resolves to "), "{err}");
        assert!(err.contains("a loopback address"), "{err}");
        let addrs: Vec<SocketAddr> = resolve(true).await.unwrap().collect();
        assert!(!addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }

    #[test]
    fn allow_and_deny_lists() {
        let p = policy(false, &["intranet.corp", "*.lab.test", "10.1.0.0/16", "::1"], &["evil.example", "8.8.4.0/24"]);
        assert!(p.filter("intranet.corp", vec![ip("10.9.9.9")]).is_ok(), "an exact name");
        assert!(p.filter("a.lab.test", vec![ip("192.168.0.1")]).is_ok(), "below a domain");
        assert!(p.filter("lab.test", vec![ip("192.168.0.1")]).is_err(), "*.domain is not the domain itself");
        assert!(p.filter("xlab.test", vec![ip("192.168.0.1")]).is_err());
        assert!(p.filter("other.test", vec![ip("10.1.2.3")]).is_ok(), "a CIDR block");
        assert!(p.filter("other.test", vec![ip("10.2.2.3")]).is_err());
        assert!(p.check_url(&Url::parse("http://[::1]:9/").unwrap()).is_ok(), "an address");
        assert!(p.check_url(&Url::parse("http://10.1.0.7/").unwrap()).is_ok());
        let denied = p.check_url(&Url::parse("http://Evil.Example./x").unwrap()).unwrap_err();
        assert!(matches!(denied, Blocked::Denied { .. }), "{denied}");
        assert!(p.filter("dns.test", vec![ip("8.8.4.4")]).is_err(), "deny applies to public addresses");
        assert!(p.filter("dns.test", vec![ip("8.8.8.8")]).is_ok());
        let open = policy(true, &[], &["10.0.0.0/8"]);
        assert!(open.filter("x.test", vec![ip("10.0.0.1")]).is_err(), "deny wins over --allow-private");
        assert!(open.check_url(&Url::parse("http://localhost:1/").unwrap()).is_ok());
    }

    #[test]
    fn bad_entries_are_named() {
        for (allow, resolve, want) in [
            (vec!["10.0.0.0/33"], vec![], "--allow-hosts"),
            (vec!["a b"], vec![], "--allow-hosts"),
            (vec![], vec!["news.test"], "--resolve"),
            (vec![], vec!["news.test:not-an-ip"], "--resolve"),
            (vec![], vec!["10.0.0.1:10.0.0.2"], "--resolve"),
        ] {
            let spec = PolicySpec {
                allow_hosts: allow.iter().map(|s| s.to_string()).collect(),
                resolve: resolve.iter().map(|s| s.to_string()).collect(),
                ..PolicySpec::default()
            };
            let err = spec.validate().unwrap_err();
            assert!(err.starts_with(want), "{err}");
        }
    }

    #[test]
    fn resolve_answers_by_name_and_wildcard() {
        let spec = PolicySpec {
            resolve: vec!["news.test:127.0.0.2".into(), "*.many.test:[::1]".into(), "news.test:127.0.0.3".into()],
            ..PolicySpec::default()
        };
        let p = AddressPolicy::new(&spec, vec![]).unwrap();
        assert_eq!(p.answer("news.test").unwrap(), [ip("127.0.0.2"), ip("127.0.0.3")]);
        assert_eq!(p.answer("h17.many.test").unwrap(), [ip("::1")]);
        assert_eq!(p.answer("other.test"), None);
        assert!(p.filter("news.test", p.answer("news.test").unwrap()).is_err(), "answers pass the same check");
    }
}
