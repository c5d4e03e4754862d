//! Host patterns of the `[fetch]` table's `allow_hosts` and `deny_hosts` (and of the fetch
//! layer's `--resolve`): a name, `*.domain`, an address or a CIDR block. They live in the core
//! so that a bad entry in a config file is an error in every build; the fetch layer's address
//! policy matches with them.

use std::net::IpAddr;

use url::Host;

/// A CIDR block: `10.0.0.0/8`, `fd00::/8`, or one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let network: IpAddr = addr.trim_matches(['[', ']']).parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Cidr { network: network.to_canonical(), prefix })
    }

    // Matching is the fetch layer's; a build without it only checks the syntax.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// One entry of `--allow-hosts`, `--deny-hosts` or the host part of `--resolve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPattern {
    /// `*`: every host.
    Any,
    /// `example.com`: that name only.
    Name(String),
    /// `*.example.com`: names below it (not `example.com` itself).
    Below(String),
    /// `10.0.0.0/8`, `::1`: addresses, whether written in the URL or resolved.
    Cidr(Cidr),
}

impl HostPattern {
    pub(crate) fn parse(text: &str) -> Result<HostPattern, String> {
        let text = text.trim();
        if text == "*" {
            return Ok(HostPattern::Any);
        }
        if let Some(cidr) = Cidr::parse(text) {
            return Ok(HostPattern::Cidr(cidr));
        }
        if text.contains('/') {
            return Err(format!("{text:?} is not a CIDR block"));
        }
        let (below, name) = match text.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let name =
            normalize_name(name).ok_or_else(|| format!("{text:?} is not a host name, *.domain or CIDR block"))?;
        Ok(if below { HostPattern::Below(name) } else { HostPattern::Name(name) })
    }

    // Matching is the fetch layer's; a build without it only checks the syntax.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) fn matches_name(&self, name: &str) -> bool {
        match self {
            HostPattern::Any => true,
            HostPattern::Name(n) => n == name,
            HostPattern::Below(d) => {
                name.len() > d.len() + 1 && name.ends_with(d.as_str()) && {
                    name.as_bytes()[name.len() - d.len() - 1] == b'.'
                }
            }
            HostPattern::Cidr(_) => false,
        }
    }

    // Matching is the fetch layer's; a build without it only checks the syntax.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) fn matches_ip(&self, ip: IpAddr) -> bool {
        match self {
            HostPattern::Any => true,
            HostPattern::Cidr(c) => c.contains(ip),
            _ => false,
        }
    }
}

/// A host name as the URL parser would write it: lower case, IDNA to punycode, no final dot.
fn normalize_name(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.');
    match Host::parse(name).ok()? {
        Host::Domain(d) if !d.is_empty() && !d.contains(['*', '/', ':']) => Some(d),
        _ => None,
    }
}
