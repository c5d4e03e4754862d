//! robots.txt by RFC 9309: the rules for one product token, kept compactly, and a bounded
//! cache of them.
//!
//! - [`RobotsParser`] reads the file as it arrives, line by line (the file is never held
//!   whole), and keeps only the groups that apply to pith (those naming its product token,
//!   else those for `*`, merged as §2.2.1 says), and of them only `allow`/`disallow` paths,
//!   normalised once, in small chunks, and the `Crawl-delay`. A 500 KiB file of rules for other
//!   crawlers costs nothing once parsed.
//! - [`RobotRules::allows`] takes the longest matching path (`*` and a final `$` as §2.2.3
//!   defines them); on a tie `allow` wins; `/robots.txt` is always allowed.
//! - [`RobotsCache`] keeps the verdicts per origin, least recently used first out, within a
//!   cap in entries and in bytes, each verdict for its time to live: a day for a file read,
//!   a few minutes for a failure (so a long run asks again).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// robots.txt is read up to this size (RFC 9309 §2.5: at least 500 KiB must be parsed).
pub(crate) const ROBOTS_MAX_BYTES: u64 = 500 * 1024;
/// How long a robots.txt that was read stays valid (RFC 9309 §2.4: at most 24 hours).
pub(crate) const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long a robots.txt failure (5xx, a broken transfer, an unreachable host) is kept before
/// the file is asked for again.
pub(crate) const ROBOTS_FAILURE_TTL: Duration = Duration::from_secs(5 * 60);
/// The cache holds at most this many origins…
pub(crate) const ROBOTS_CACHE_ENTRIES: usize = 10_000;
/// …and at most this many bytes of rules.
pub(crate) const ROBOTS_CACHE_BYTES: usize = 4 * 1024 * 1024;

/// The rules of a robots.txt that apply to one product token.
///
/// Stored as records `[allow][length: u16 LE][path]` in chunks of at most [`CHUNK_BYTES`]: no
/// allocation grows past that however many rules a file has, so parsing large files side by
/// side never makes large blocks for the allocator to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RobotRules {
    chunks: Vec<Vec<u8>>,
    /// The group's `Crawl-delay`.
    pub(crate) crawl_delay: Option<Duration>,
}

/// The size of a chunk of rules.
const CHUNK_BYTES: usize = 16 * 1024;

impl RobotRules {
    /// The rules of a whole file `body` for `agent` (see [`RobotsParser`]).
    #[cfg(test)]
    pub(crate) fn parse(body: &[u8], agent: &str) -> RobotRules {
        let mut parser = RobotsParser::new(agent);
        parser.feed(body);
        parser.finish(false)
    }

    /// Whether `path_and_query` (as in the request line: `/a/b?c`) may be fetched.
    pub(crate) fn allows(&self, path_and_query: &str) -> bool {
        let target = normalize(path_and_query);
        if target == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (pattern, allow) in self.iter() {
            if !pattern_matches(pattern, target.as_bytes()) {
                continue;
            }
            let len = pattern.len();
            best = match best {
                Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                _ => Some((len, allow)),
            };
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// Every rule: its path and whether it allows.
    fn iter(&self) -> impl Iterator<Item = (&[u8], bool)> {
        self.chunks.iter().flat_map(|chunk| {
            let mut rest = chunk.as_slice();
            std::iter::from_fn(move || {
                let (&[flag, lo, hi], tail) = rest.split_first_chunk::<3>()?;
                let len = usize::from(u16::from_le_bytes([lo, hi]));
                let (path, tail) = tail.split_at_checked(len)?;
                rest = tail;
                Some((path, flag == 1))
            })
        })
    }

    /// Adds a rule (runs of `*` are one `*`). A path with more characters besides `*` than the
    /// longest URL fetched can never match one, so a path over twice that is not kept.
    fn push(&mut self, path: &str, allow: bool) {
        let mut collapsed = String::with_capacity(path.len());
        for c in path.chars() {
            if !(c == '*' && collapsed.ends_with('*')) {
                collapsed.push(c);
            }
        }
        let path = collapsed;
        if path.len() > super::urls::MAX_URL_BYTES * 2 + 1 {
            return;
        }
        let Ok(len) = u16::try_from(path.len()) else { return };
        let record = 3 + path.len();
        if self.chunks.last().is_none_or(|c| c.len() + record > c.capacity()) {
            self.seal();
            self.chunks.push(Vec::with_capacity(CHUNK_BYTES.max(record)));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(u8::from(allow));
            chunk.extend_from_slice(&len.to_le_bytes());
            chunk.extend_from_slice(path.as_bytes());
        }
    }

    /// Gives back the unused end of the last chunk.
    fn seal(&mut self) {
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
    }

    /// Heap bytes held, for the cache's byte cap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(Vec::capacity).sum::<usize>() + self.chunks.capacity() * std::mem::size_of::<Vec<u8>>()
    }

    /// The number of rules kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.iter().count()
    }
}

/// robots.txt read line by line as it arrives, so the file itself is never held: the rules
/// of the groups naming the agent and of those for `*` are both collected (a group may name
/// both), and [`RobotsParser::finish`] keeps the agent's when any group named it.
pub(crate) struct RobotsParser {
    /// The product token, lower case.
    agent: String,
    /// The start of a line whose end has not arrived.
    pending: Vec<u8>,
    mine: RobotRules,
    star: RobotRules,
    /// Some group named the agent.
    named: bool,
    /// Inside a group's user-agent lines (a new one starts the group over).
    in_agents: bool,
    /// The current group names the agent / `*`.
    ours: bool,
    starred: bool,
}

impl RobotsParser {
    /// A parser for `agent` (a product token such as `pith`, matched without case).
    pub(crate) fn new(agent: &str) -> RobotsParser {
        RobotsParser {
            agent: agent.to_ascii_lowercase(),
            pending: Vec::new(),
            mine: RobotRules::default(),
            star: RobotRules::default(),
            named: false,
            in_agents: false,
            ours: false,
            starred: false,
        }
    }

    /// The next bytes of the file.
    pub(crate) fn feed(&mut self, mut bytes: &[u8]) {
        while let Some(end) = bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            if self.pending.is_empty() {
                self.line(&bytes[..end]);
            } else {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(&bytes[..end]);
                self.line(&line);
            }
            bytes = &bytes[end + 1..];
        }
        self.pending.extend_from_slice(bytes);
    }

    /// The rules, once the file has ended; `cut` when the size cap cut it, so that its
    /// partial last line (a rule that could mean another path) is dropped.
    pub(crate) fn finish(mut self, cut: bool) -> RobotRules {
        if !cut && !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.line(&line);
        }
        let mut rules = if self.named { self.mine } else { self.star };
        rules.seal();
        rules.chunks.shrink_to_fit();
        rules
    }

    fn line(&mut self, line: &[u8]) {
        let line = String::from_utf8_lossy(line);
        let line = line.split('#').next().unwrap_or("");
        let Some((key, value)) = line.split_once(':') else { return };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" => {
                if !self.in_agents {
                    self.in_agents = true;
                    self.ours = false;
                    self.starred = false;
                }
                let token = product_token(value);
                if token == self.agent {
                    self.ours = true;
                    // From now on only the agent's groups count.
                    self.named = true;
                    self.star = RobotRules::default();
                }
                self.starred |= token == "*";
            }
            "allow" | "disallow" => {
                self.in_agents = false;
                // An empty `disallow` allows everything: no rule (§2.2.2).
                if value.is_empty() || !(self.ours || (self.starred && !self.named)) {
                    return;
                }
                let path = normalize(value);
                let allow = key == "allow";
                if self.ours {
                    self.mine.push(&path, allow);
                }
                if self.starred && !self.named {
                    self.star.push(&path, allow);
                }
            }
            "crawl-delay" => {
                self.in_agents = false;
                let delay = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .and_then(|s| Duration::try_from_secs_f64(s).ok());
                for (yes, rules) in [(self.ours, &mut self.mine), (self.starred, &mut self.star)] {
                    if yes && rules.crawl_delay.is_none() {
                        rules.crawl_delay = delay;
                    }
                }
            }
            // Other records (sitemap, …) neither start nor end a group.
            _ => {}
        }
    }
}

/// The product token of a user-agent line, lower case: `Googlebot/2.1` → `googlebot`.
fn product_token(value: &str) -> String {
    if value == "*" {
        return "*".into();
    }
    value.chars().take_while(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-')).collect::<String>().to_lowercase()
}

/// A path as §2.2.2 compares it: octets outside ASCII, controls and spaces percent-encoded;
/// `%XX` of an unreserved character decoded; other `%xx` in upper case.
fn normalize(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex))
        {
            let c = h * 16 + l;
            if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(c));
            } else {
                out.push_str(&format!("%{c:02X}"));
            }
            i += 3;
            continue;
        }
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

fn hex(b: &u8) -> Option<u8> {
    char::from(*b).to_digit(16).map(|d| d as u8)
}

/// §2.2.3: `*` matches any sequence of characters, a final `$` the end of the path; the
/// pattern is otherwise a prefix. Segments between stars are found leftmost first, which is
/// exact for patterns of literal text and stars.
fn pattern_matches(pattern: &[u8], path: &[u8]) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix(b"$") {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut segments = pattern.split(|&b| b == b'*');
    let first = segments.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    let segments: Vec<&[u8]> = segments.collect();
    let Some((last, middle)) = segments.split_last() else {
        return !anchored || rest.is_empty();
    };
    for seg in middle {
        match memchr::memmem::find(rest, seg) {
            Some(at) => rest = &rest[at + seg.len()..],
            None => return false,
        }
    }
    if anchored { rest.ends_with(last) } else { memchr::memmem::find(rest, last).is_some() }
}

/// What robots.txt says for one origin.
#[derive(Debug, Clone)]
pub(crate) enum Verdict {
    /// The rules for pith (none when the file is missing: 4xx, or unusable).
    Rules(Arc<RobotRules>),
    /// The file could not be read because of the server or the transfer (5xx, 429, a broken
    /// or undecodable body): the whole origin is disallowed (RFC 9309 §2.3.1.4). The reason.
    Disallowed(String),
    /// The file could not be asked for (connect, TLS, timeout, the address policy): every
    /// URL of the origin gets this error.
    Failed(super::error::FetchError),
}

impl Verdict {
    fn ttl(&self) -> Duration {
        match self {
            Verdict::Rules(_) => ROBOTS_TTL,
            _ => ROBOTS_FAILURE_TTL,
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Verdict::Rules(r) => r.heap_bytes(),
            Verdict::Disallowed(s) => s.len(),
            Verdict::Failed(_) => 128,
        }
    }
}

/// A verdict being read or read, shared by every request to its origin.
pub(crate) type Slot = Arc<OnceCell<Verdict>>;

/// Fixed cost of an entry beyond its verdict: the key twice, the maps' slots.
const ENTRY_OVERHEAD: usize = 160;

struct Entry {
    slot: Slot,
    /// Its key in `by_use`.
    used: u64,
    /// Bytes counted for it (0 until its verdict is in).
    bytes: usize,
    /// When the verdict is to be read again.
    expires: Option<Instant>,
}

/// Verdicts per origin: least recently used first out, within [`ROBOTS_CACHE_ENTRIES`] and
/// [`ROBOTS_CACHE_BYTES`].
pub(crate) struct RobotsCache {
    entries: HashMap<String, Entry>,
    /// Origins by last use.
    by_use: BTreeMap<u64, String>,
    clock: u64,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl Default for RobotsCache {
    fn default() -> Self {
        RobotsCache::with_caps(ROBOTS_CACHE_ENTRIES, ROBOTS_CACHE_BYTES)
    }
}

impl RobotsCache {
    pub(crate) fn with_caps(max_entries: usize, max_bytes: usize) -> RobotsCache {
        RobotsCache {
            entries: HashMap::new(),
            by_use: BTreeMap::new(),
            clock: 0,
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    /// The slot of `origin`: its verdict, being read or to read. An expired verdict is
    /// dropped first, so the file is read again.
    pub(crate) fn slot(&mut self, origin: &str, now: Instant) -> Slot {
        if self.entries.get(origin).is_some_and(|e| e.expires.is_some_and(|t| t <= now)) {
            self.remove(origin);
        }
        self.clock += 1;
        let clock = self.clock;
        if let Some(entry) = self.entries.get_mut(origin) {
            self.by_use.remove(&entry.used);
            entry.used = clock;
            self.by_use.insert(clock, origin.to_string());
            return entry.slot.clone();
        }
        let slot = Slot::default();
        self.entries.insert(origin.to_string(), Entry { slot: slot.clone(), used: clock, bytes: 0, expires: None });
        self.by_use.insert(clock, origin.to_string());
        self.bytes += ENTRY_OVERHEAD + origin.len() * 2;
        self.evict(origin);
        slot
    }

    /// Counts the verdict now in `slot` and starts its time to live; evicts what no longer fits.
    pub(crate) fn filled(&mut self, origin: &str, slot: &Slot, now: Instant) {
        let Some(entry) = self.entries.get_mut(origin) else { return };
        if !Arc::ptr_eq(&entry.slot, slot) || entry.expires.is_some() {
            return;
        }
        let Some(verdict) = slot.get() else { return };
        entry.bytes = verdict.heap_bytes();
        entry.expires = Some(now + verdict.ttl());
        self.bytes += entry.bytes;
        self.evict(origin);
    }

    /// Drops least recently used entries, never `keep`, until within both caps.
    fn evict(&mut self, keep: &str) {
        while self.entries.len() > self.max_entries || self.bytes > self.max_bytes {
            let victim = self.by_use.values().find(|o| o.as_str() != keep).cloned();
            let Some(victim) = victim else { break };
            self.remove(&victim);
        }
    }

    fn remove(&mut self, origin: &str) {
        if let Some(entry) = self.entries.remove(origin) {
            self.by_use.remove(&entry.used);
            self.bytes -= ENTRY_OVERHEAD + origin.len() * 2 + entry.bytes;
        }
    }

    /// Origins held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Bytes counted.
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> RobotRules {
        RobotRules::parse(text.as_bytes(), "pith")
    }

    #[test]
    fn our_groups_else_star() {
        let r = rules(
            "User-agent: *\nDisallow: /\n\nUser-agent: OtherBot\nUser-agent: PITH/1.0\nDisallow: /private\n\
             Crawl-delay: 2.5\n\nUser-agent: pith\nAllow: /private/ok\n",
        );
        assert!(r.allows("/news") && !r.allows("/private/x") && r.allows("/private/ok/1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_millis(2500)));
        assert_eq!(r.len(), 2, "the * group is not kept");
        let star = rules("User-agent: googlebot\nDisallow: /\nUser-agent: *\nDisallow: /x\n");
        assert!(star.allows("/a") && !star.allows("/x/y"));
        assert!(rules("").allows("/anything"));
        assert!(rules("Disallow: /\n").allows("/a"), "rules before any user-agent belong to no group");
        assert!(rules("User-agent: *\nDisallow:\n").allows("/a"), "an empty disallow allows");
    }

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let r = rules("user-agent: *\ndisallow: /a\nallow: /a/b\ndisallow: /a/b/c\nallow: /p\ndisallow: /p\n");
        assert!(!r.allows("/a/x"));
        assert!(r.allows("/a/b/x"));
        assert!(!r.allows("/a/b/c/d"));
        assert!(r.allows("/p"), "equal length: allow");
        assert!(r.allows("/robots.txt") && rules("User-agent: *\nDisallow: /\n").allows("/robots.txt"));
    }

    #[test]
    fn wildcards_end_anchors_and_percent_encoding() {
        let r = rules(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\nDisallow: /caf%c3%a9\nDisallow: /%7Euser\n\
             Disallow: /exact$\n",
        );
        assert!(!r.allows("/docs/report.pdf"));
        assert!(r.allows("/docs/report.pdf?download=1"));
        assert!(!r.allows("/search/results?x=1&q=rust"));
        assert!(r.allows("/search/results"));
        assert!(!r.allows("/caf%C3%A9/menu"), "percent-encoded octets compare in either case");
        assert!(!r.allows("/café/menu"), "a raw UTF-8 path is encoded first");
        assert!(!r.allows("/~user/home"), "%7E is the unreserved ~");
        assert!(!r.allows("/exact") && r.allows("/exact/more"));
        assert!(pattern_matches(b"/a*b*c", b"/a-b-b-c-x"));
        assert!(!pattern_matches(b"/a*b*c$", b"/a-b-c-x"));
        assert!(pattern_matches(b"/a*c$", b"/abcbc"));
        assert!(pattern_matches(b"/*", b"/"));
        assert!(!pattern_matches(b"/a*b", b"/a"));
    }

    #[test]
    fn a_large_file_for_others_keeps_nothing() {
        let mut text = String::from("User-agent: pith\nDisallow: /only\n");
        while text.len() < 500 * 1024 {
            text.push_str("User-agent: SomeBot\nDisallow: /some/fairly/long/path/to/block/for/them\n");
        }
        let r = rules(&text);
        assert_eq!(r.len(), 1);
        assert!(r.heap_bytes() < 64, "{}", r.heap_bytes());
    }

    #[test]
    fn the_cache_keeps_within_its_caps_least_recently_used_out() {
        let now = Instant::now();
        let big = Arc::new(RobotRules::parse(
            format!("User-agent: *\n{}", "Disallow: /a/long/path/of/forty/bytes/12345\n".repeat(1000)).as_bytes(),
            "pith",
        ));
        let per = big.heap_bytes();
        assert!(per > 30_000, "{per}");
        let mut cache = RobotsCache::with_caps(100, 5 * per);
        for i in 0..50 {
            let origin = format!("https://h{i}.test");
            let slot = cache.slot(&origin, now);
            slot.set(Verdict::Rules(big.clone())).unwrap();
            cache.filled(&origin, &slot, now);
            assert!(cache.bytes() <= 5 * per, "{} after {i}", cache.bytes());
            // h0 is used again and again: it stays.
            let _ = cache.slot("https://h0.test", now);
        }
        assert!(cache.len() <= 5, "{}", cache.len());
        assert!(cache.slot("https://h0.test", now).initialized(), "the most used origin stayed");
        assert!(!cache.slot("https://h1.test", now).initialized(), "an old one was evicted");

        let mut cache = RobotsCache::with_caps(3, usize::MAX);
        for i in 0..10 {
            let _ = cache.slot(&format!("https://e{i}.test"), now);
            assert!(cache.len() <= 3);
        }
    }

    #[test]
    fn verdicts_expire() {
        let now = Instant::now();
        let mut cache = RobotsCache::default();
        let slot = cache.slot("https://down.test", now);
        slot.set(Verdict::Disallowed("HTTP 503".into())).unwrap();
        cache.filled("https://down.test", &slot, now);
        assert!(cache.slot("https://down.test", now + Duration::from_secs(60)).initialized());
        assert!(!cache.slot("https://down.test", now + ROBOTS_FAILURE_TTL).initialized(), "a failure is retried");
        let slot = cache.slot("https://up.test", now);
        slot.set(Verdict::Rules(Arc::default())).unwrap();
        cache.filled("https://up.test", &slot, now);
        assert!(cache.slot("https://up.test", now + ROBOTS_FAILURE_TTL).initialized());
        assert!(!cache.slot("https://up.test", now + ROBOTS_TTL).initialized());
    }
}
