//! Site profiles compiled: selectors and regexes built once, every value checked with an error
//! that names its key.

use regex::Regex;
use scraper::Selector;

use super::file::ProfileSpec;
use super::selector;
use crate::article::{PageType, RemovalKind};
use crate::error::ConfigError;

/// One site profile, compiled.
#[derive(Debug)]
pub(crate) struct Profile {
    /// Profile name (`"ismg"`), reported in `profile`.
    pub(crate) name: String,
    /// Host regexes.
    pub(crate) hosts: Vec<Regex>,
    /// The raw-HTML markers that identify the site's template on any host, each compiled
    /// for a substring search.
    marker_search: Vec<memchr::memmem::Finder<'static>>,
    /// Brand names by host regex.
    pub(crate) sites: Vec<(Regex, String)>,
    /// Stable-id rules.
    pub(crate) url: UrlRules,
    /// Page type rules, first match wins.
    pub(crate) page_types: Vec<PageTypeRule>,
    /// Article column selectors.
    pub(crate) root: Vec<Selector>,
    /// Headline selectors.
    pub(crate) title: Vec<Selector>,
    /// Deck selectors.
    pub(crate) subtitle: Vec<Selector>,
    /// Byline selectors.
    pub(crate) byline: Vec<Selector>,
    /// Author links inside a byline.
    pub(crate) author_links: Option<Selector>,
    /// Longest text a byline line may have.
    pub(crate) byline_max_chars: usize,
    /// Date element selectors.
    pub(crate) date: Vec<Selector>,
    /// Category line selectors.
    pub(crate) categories: Vec<Selector>,
    /// Topic link hrefs, to find the category line structurally.
    pub(crate) category_link_href: Option<Regex>,
    /// Separator between topics.
    pub(crate) category_separator: String,
    /// Lead image selectors.
    pub(crate) image: Vec<Selector>,
    /// Author box heading text.
    pub(crate) author_box_heading: Option<Regex>,
    /// Author box selectors.
    pub(crate) author_box: Vec<Selector>,
    /// Credit line pattern with a `who` group.
    pub(crate) credit_line: Option<Regex>,
    /// Words that end a job title in a credit line.
    pub(crate) role_words: Vec<String>,
    /// Editor's note patterns.
    pub(crate) notes: Vec<Regex>,
    /// Heading that starts a transcript.
    pub(crate) transcript_heading: Option<Regex>,
    /// Removal rules, in order.
    pub(crate) remove: Vec<RemoveRule>,
    /// The attribute names the profile's selectors test, lowercase (`*`: any); the
    /// pre-filter keeps them on every page.
    pub(super) selector_attributes: Vec<String>,
}

/// How to read the site's stable id from a URL: `letter-number`, or the number alone when
/// there is no letter.
#[derive(Debug, Default)]
pub(crate) struct UrlRules {
    /// Regex on the URL path with a `number` group and, optionally, a `letter` group.
    pub(crate) id: Option<Regex>,
    /// The letter of ids whose `id` match has none.
    pub(crate) letter: Option<String>,
    /// Legacy regex on the whole URL with a `number` group.
    pub(crate) legacy_id: Option<Regex>,
    /// The letter of legacy ids.
    pub(crate) legacy_letter: Option<String>,
}

/// A page-type rule: every condition given must hold.
#[derive(Debug)]
pub(crate) struct PageTypeRule {
    /// The type it assigns.
    pub(crate) page_type: PageType,
    /// URL path regex.
    pub(crate) path: Option<Regex>,
    /// Id letter.
    pub(crate) letter: Option<String>,
    /// Headline regex.
    pub(crate) title: Option<Regex>,
    /// A body heading must match.
    pub(crate) body_heading: Option<Regex>,
}

/// Where a removal rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only outside the article column (site chrome).
    Outside,
    /// Only inside the article column.
    Article,
    /// Anywhere.
    Any,
}

/// A removal rule.
#[derive(Debug)]
pub(crate) struct RemoveRule {
    /// Rule id, reported in `removed[].rule`.
    pub(crate) id: String,
    /// What it removes.
    pub(crate) kind: RemovalKind,
    /// Where it applies.
    pub(crate) scope: Scope,
    /// Class/id selectors.
    pub(crate) selectors: Vec<Selector>,
    /// Text pattern on an element's whole text.
    pub(crate) text: Option<Regex>,
    /// Longest text the `text` pattern considers.
    pub(crate) max_chars: usize,
    /// Heading text whose box is removed.
    pub(crate) heading: Option<Regex>,
    /// Longest text of a heading's box.
    pub(crate) box_max_chars: usize,
}

fn invalid(key: String, message: impl std::fmt::Display) -> ConfigError {
    ConfigError::Invalid { key, message: message.to_string() }
}

fn regex(key: String, pattern: &str) -> Result<Regex, ConfigError> {
    Regex::new(pattern).map_err(|e| invalid(key, format!("invalid regex {pattern:?}: {e}")))
}

fn opt_regex(key: String, pattern: &Option<String>) -> Result<Option<Regex>, ConfigError> {
    pattern.as_deref().map(|p| regex(key, p)).transpose()
}

/// An id regex of `[profile.url]`: it must have a `number` group (a `letter` group is
/// optional).
fn id_regex(key: String, pattern: &Option<String>) -> Result<Option<Regex>, ConfigError> {
    let re = opt_regex(key.clone(), pattern)?;
    if let Some(r) = &re
        && !r.capture_names().flatten().any(|n| n == "number")
    {
        return Err(invalid(key, "the regex needs a `number` group: `(?P<number>[0-9]+)`"));
    }
    Ok(re)
}

/// An id letter of `[profile.url]`: not blank (leave the key out for ids of the number alone).
fn id_letter(key: String, letter: &Option<String>) -> Result<Option<String>, ConfigError> {
    match letter {
        Some(l) if l.trim().is_empty() => {
            Err(invalid(key, "an empty letter (leave the key out for ids that are the number alone)"))
        }
        l => Ok(l.clone()),
    }
}

/// Compiles a selector, adding the attribute names it tests to `attributes` (the pre-filter
/// must keep them).
fn selector(key: String, css: &str, attributes: &mut Vec<String>) -> Result<Selector, ConfigError> {
    let selector = selector::compile(css).map_err(|message| invalid(key, message))?;
    for name in selector::attribute_names(css) {
        if !attributes.contains(&name) {
            attributes.push(name);
        }
    }
    Ok(selector)
}

fn selectors(key: &str, list: &[String], attributes: &mut Vec<String>) -> Result<Vec<Selector>, ConfigError> {
    list.iter().enumerate().map(|(i, s)| selector(format!("{key}[{i}]"), s, attributes)).collect()
}

/// Compiles the profile at `key` (`profile[2]`); an error names the key, then the profile.
pub(super) fn compile_profile(key: &str, s: ProfileSpec) -> Result<Profile, ConfigError> {
    let name = s.name.clone();
    compile_profile_unnamed(key, s).map_err(|e| match e {
        ConfigError::Invalid { key, message } if !name.trim().is_empty() => {
            ConfigError::Invalid { key, message: format!("{message} (profile {name:?})") }
        }
        e => e,
    })
}

fn compile_profile_unnamed(key: &str, s: ProfileSpec) -> Result<Profile, ConfigError> {
    let mut attributes = Vec::new();
    if s.name.trim().is_empty() {
        return Err(invalid(format!("{key}.name"), "a profile needs a non-empty name"));
    }
    if s.name == "generic" {
        return Err(invalid(format!("{key}.name"), "\"generic\" is reserved for pages no profile matches"));
    }
    let hosts =
        s.hosts.iter().enumerate().map(|(i, h)| regex(format!("{key}.hosts[{i}]"), h)).collect::<Result<_, _>>()?;
    let sites = s
        .sites
        .iter()
        .enumerate()
        .map(|(i, site)| Ok((regex(format!("{key}.sites[{i}].host"), &site.host)?, site.name.clone())))
        .collect::<Result<_, ConfigError>>()?;
    let url = match &s.url {
        Some(u) => UrlRules {
            id: id_regex(format!("{key}.url.id"), &u.id)?,
            letter: id_letter(format!("{key}.url.letter"), &u.letter)?,
            legacy_id: id_regex(format!("{key}.url.legacy_id"), &u.legacy_id)?,
            legacy_letter: id_letter(format!("{key}.url.legacy_letter"), &u.legacy_letter)?,
        },
        None => UrlRules::default(),
    };
    let mut page_types = Vec::new();
    for (i, pt) in s.page_types.iter().enumerate() {
        let k = format!("{key}.page_types[{i}]");
        let page_type = PageType::from_name(&pt.page_type).ok_or_else(|| {
            invalid(
                format!("{k}.type"),
                format!(
                    "unknown page type {:?} (expected article, blog, interview, video, roundup, webinar, whitepaper or other)",
                    pt.page_type
                ),
            )
        })?;
        page_types.push(PageTypeRule {
            page_type,
            path: opt_regex(format!("{k}.path"), &pt.path)?,
            letter: pt.letter.clone(),
            title: opt_regex(format!("{k}.title"), &pt.title)?,
            body_heading: opt_regex(format!("{k}.body_heading"), &pt.body_heading)?,
        });
    }
    let mut remove = Vec::new();
    for (i, r) in s.remove.iter().enumerate() {
        let k = format!("{key}.remove[{i}]");
        let kind = RemovalKind::from_name(&r.kind)
            .ok_or_else(|| invalid(format!("{k}.kind"), format!("unknown removal kind {:?}", r.kind)))?;
        let scope = match r.scope.as_deref().unwrap_or("any") {
            "outside" => Scope::Outside,
            "article" => Scope::Article,
            "any" => Scope::Any,
            other => {
                return Err(invalid(
                    format!("{k}.scope"),
                    format!("unknown scope {other:?} (expected outside, article or any)"),
                ));
            }
        };
        if r.selectors.is_empty() && r.text.is_none() && r.heading.is_none() {
            return Err(invalid(k, "a removal rule needs `selectors`, `text` or `heading`"));
        }
        if r.id.trim().is_empty() {
            return Err(invalid(format!("{k}.id"), "a removal rule needs an id"));
        }
        remove.push(RemoveRule {
            id: r.id.clone(),
            kind,
            scope,
            selectors: selectors(&format!("{k}.selectors"), &r.selectors, &mut attributes)?,
            text: opt_regex(format!("{k}.text"), &r.text)?,
            max_chars: r.max_chars.unwrap_or(300),
            heading: opt_regex(format!("{k}.heading"), &r.heading)?,
            box_max_chars: r.box_max_chars.unwrap_or(6000),
        });
    }
    let credit_line = opt_regex(format!("{key}.credit_line.pattern"), &s.credit_line.pattern)?;
    if let Some(r) = &credit_line
        && !r.capture_names().flatten().any(|n| n == "who")
    {
        return Err(invalid(format!("{key}.credit_line.pattern"), "the regex needs a `who` group"));
    }
    Ok(Profile {
        hosts,
        marker_search: marker_search(&s.markers),
        sites,
        url,
        page_types,
        root: selectors(&format!("{key}.root.selectors"), &s.root.selectors, &mut attributes)?,
        title: selectors(&format!("{key}.title.selectors"), &s.title.selectors, &mut attributes)?,
        subtitle: selectors(&format!("{key}.subtitle.selectors"), &s.subtitle.selectors, &mut attributes)?,
        byline: selectors(&format!("{key}.byline.selectors"), &s.byline.selectors, &mut attributes)?,
        author_links: s
            .byline
            .author_links
            .as_deref()
            .map(|css| selector(format!("{key}.byline.author_links"), css, &mut attributes))
            .transpose()?,
        byline_max_chars: s.byline.max_chars.unwrap_or(300),
        date: selectors(&format!("{key}.date.selectors"), &s.date.selectors, &mut attributes)?,
        categories: selectors(&format!("{key}.categories.selectors"), &s.categories.selectors, &mut attributes)?,
        category_link_href: opt_regex(format!("{key}.categories.link_href"), &s.categories.link_href)?,
        category_separator: s.categories.separator.clone().unwrap_or_else(|| " , ".into()),
        image: selectors(&format!("{key}.image.selectors"), &s.image.selectors, &mut attributes)?,
        author_box_heading: opt_regex(format!("{key}.author_box.heading"), &s.author_box.heading)?,
        author_box: selectors(&format!("{key}.author_box.selectors"), &s.author_box.selectors, &mut attributes)?,
        credit_line,
        role_words: s.credit_line.role_words.clone(),
        notes: s
            .notes
            .patterns
            .iter()
            .enumerate()
            .map(|(i, p)| regex(format!("{key}.notes.patterns[{i}]"), p))
            .collect::<Result<_, _>>()?,
        transcript_heading: opt_regex(format!("{key}.transcript.heading"), &s.transcript.heading)?,
        remove,
        name: s.name,
        selector_attributes: attributes,
    })
}

/// The searches for a profile's markers, one per marker. Case-sensitive: a match is exactly
/// `html.contains(marker)`. One substring search per marker (which skips ahead on the
/// marker's rarest bytes) beats one multi-pattern search here: the markers start with
/// bytes that scripts are full of (`var `), which a multi-pattern search stops at.
fn marker_search(markers: &[String]) -> Vec<memchr::memmem::Finder<'static>> {
    markers.iter().map(|m| memchr::memmem::Finder::new(m.as_bytes()).into_owned()).collect()
}

impl Profile {
    /// Whether this profile applies to a page on `host` whose raw HTML is `html`.
    pub(crate) fn matches(&self, host: Option<&str>, html: &str) -> bool {
        if let Some(h) = host {
            let h = h.to_ascii_lowercase();
            if self.hosts.iter().any(|r| r.is_match(&h)) {
                return true;
            }
        }
        self.marker_search.iter().any(|f| f.find(html.as_bytes()).is_some())
    }

    /// The brand name for a host.
    pub(crate) fn site_name(&self, host: &str) -> Option<&str> {
        let h = host.to_ascii_lowercase();
        self.sites.iter().find(|(r, _)| r.is_match(&h)).map(|(_, n)| n.as_str())
    }
}
