//! Configuration: site profiles as data (`config.toml`), compiled once into selectors and
//! regexes, and the `[fetch]` and `[serve]` tables, checked as data in every build.
//!
//! The embedded `config.toml` is the default. A user file given with `--config` is layered
//! over it: a profile with the same `name` replaces the built-in one; others are added;
//! `[fetch]` and `[serve]` keys replace the built-in ones key by key.
//!
//! - `file`: the file format, every table as plain data (serde);
//! - `compile`: the compiled site profiles (private to the crate);
//! - `selector`: CSS selectors, their errors in plain words, the attributes they test;
//! - `fetch`: the `[fetch]` table ([`FetchSpec`]), which the fetch layer interprets;
//! - `serve`: the `[serve]` table ([`ServeSpec`]), which the service layer interprets.

mod byte_size;
mod compile;
mod fetch;
mod file;
pub(crate) mod host_pattern;
mod selector;
mod serve;

use crate::error::ConfigError;
pub use byte_size::parse_byte_size;
pub(crate) use compile::{Profile, Scope};
pub use fetch::FetchSpec;
use file::ConfigFile;
pub use serve::ServeSpec;
#[cfg(feature = "serve")]
pub(crate) use serve::check_origin;

/// The built-in configuration, embedded at compile time.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../../config.toml");

/// A validated, compiled configuration: the site profiles and the `[fetch]` table. Made with
/// [`Config::default`] (the embedded `config.toml`), [`Config::default_with_overrides`] (a
/// user file layered over it) or [`Config::from_toml`].
#[derive(Debug)]
pub struct Config {
    /// Site profiles, tried in order.
    pub(crate) profiles: Vec<Profile>,
    /// The `[fetch]` table, user keys layered over the built-in ones.
    fetch: FetchSpec,
    /// The `[serve]` table, likewise.
    serve: ServeSpec,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_toml(DEFAULT_CONFIG_TOML).expect("the embedded config.toml is valid (tested)")
    }
}

impl Config {
    /// Whether a selector of some profile tests the attribute `name` (ASCII case ignored):
    /// the pre-filter then keeps it (see `prefilter::READ_ATTRIBUTES` for the rest).
    pub(crate) fn selectors_test_attribute(&self, name: &[u8]) -> bool {
        self.profiles
            .iter()
            .flat_map(|p| &p.selector_attributes)
            .any(|a| a == "*" || a.as_bytes().eq_ignore_ascii_case(name))
    }

    /// The `[fetch]` table: HTTP settings for the fetch layer, user keys layered over the
    /// built-in ones (checked, not interpreted: `pith::fetch::FetchOptions::from_spec` does that).
    pub fn fetch(&self) -> &FetchSpec {
        &self.fetch
    }

    /// The `[serve]` table: settings of `pith serve`, user keys layered over the built-in ones
    /// (checked, not interpreted: `pith::serve::ServeOptions::from_spec` does that).
    pub fn serve(&self) -> &ServeSpec {
        &self.serve
    }

    /// The names of the site profiles, in the order they are tried.
    pub fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.profiles.iter().map(|p| p.name.as_str())
    }

    /// Compiles a whole configuration from TOML text (no layering).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let file = parse_file(text)?;
        compile(file)
    }

    /// The default configuration with a user file layered over it.
    pub fn default_with_overrides(user_toml: &str) -> Result<Config, ConfigError> {
        let mut base = parse_file(DEFAULT_CONFIG_TOML)?;
        let user = parse_file(user_toml)?;
        // Validate the user's profiles on their own first, so errors name the user file's keys.
        for (i, spec) in user.profile.iter().enumerate() {
            compile::compile_profile(&format!("profile[{i}]"), spec.clone())?;
        }
        user.fetch.validate()?;
        user.serve.validate()?;
        for p in user.profile {
            match base.profile.iter_mut().find(|b| b.name == p.name) {
                Some(slot) => *slot = p,
                None => base.profile.push(p),
            }
        }
        base.fetch = base.fetch.overlaid_with(&user.fetch);
        base.serve = base.serve.overlaid_with(&user.serve);
        compile(base)
    }
}

fn parse_file(text: &str) -> Result<ConfigFile, ConfigError> {
    let de = toml::Deserializer::parse(text).map_err(|e| ConfigError::Parse {
        path: "(file)".into(),
        message: e.message().to_string() + &span_note(text, e.span()),
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ConfigError::Parse {
            path: if path == "." { "(file)".into() } else { path },
            message: inner.message().to_string() + &span_note(text, inner.span()),
        }
    })
}

fn span_note(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(s) if s.start <= text.len() => {
            let line = text[..s.start].matches('\n').count() + 1;
            format!(" (line {line})")
        }
        _ => String::new(),
    }
}

fn compile(file: ConfigFile) -> Result<Config, ConfigError> {
    let mut profiles = Vec::with_capacity(file.profile.len());
    for (i, spec) in file.profile.into_iter().enumerate() {
        profiles.push(compile::compile_profile(&format!("profile[{i}]"), spec)?);
    }
    file.fetch.validate()?;
    file.serve.validate()?;
    Ok(Config { profiles, fetch: file.fetch, serve: file.serve })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_config_compiles() {
        let c = Config::default();
        assert_eq!(c.profiles[0].name, "ismg");
        assert!(!c.profiles[0].remove.is_empty());
    }

    #[test]
    fn selectors_name_the_attributes_the_prefilter_keeps() {
        let c = Config::default_with_overrides(
            r#"[[profile]]
name = "t"
hosts = ["example\\.org"]
[profile.root]
selectors = ["div[data-article-body]"]
"#,
        )
        .unwrap();
        assert!(c.selectors_test_attribute(b"DATA-ARTICLE-BODY"));
        assert!(!c.selectors_test_attribute(b"data-other"));
        // The built-in profile's own attribute selectors.
        assert!(Config::default().selectors_test_attribute(b"datetime"));
    }

    /// Every ISMG host of research/ismg-pages.md §2 (evidenced and recalled) is matched.
    #[test]
    fn ismg_profile_matches_every_brand_and_regional_host() {
        let c = Config::default();
        let ismg = &c.profiles[0];
        let hosts = [
            "www.bankinfosecurity.com",
            "www.bankinfosecurity.co.uk",
            "www.bankinfosecurity.eu",
            "www.bankinfosecurity.in",
            "www.bankinfosecurity.asia",
            "ffiec.bankinfosecurity.com",
            "www.cuinfosecurity.com",
            "www.govinfosecurity.com",
            "www.healthcareinfosecurity.com",
            "omnibus.healthcareinfosecurity.com",
            "www.inforisktoday.com",
            "www.inforisktoday.co.uk",
            "ddos.inforisktoday.com",
            "gdpr.inforisktoday.com",
            "securityintelligence.inforisktoday.com",
            "www.careersinfosecurity.com",
            "www.careersinfosecurity.co.uk",
            "www.databreachtoday.com",
            "www.databreachtoday.co.uk",
            "www.databreachtoday.eu",
            "www.databreachtoday.in",
            "ransomware.databreachtoday.com",
            "www.cio.inc",
            "cio.inc",
            "www.aitoday.io",
            "ismg.io",
            "events.ismg.io",
            "www.inforisktoday.in",
            "www.inforisktoday.asia",
            "www.inforisktoday.eu",
            "www.databreachtoday.asia",
            "www.careersinfosecurity.in",
            "www.careersinfosecurity.asia",
            "www.careersinfosecurity.eu",
            "www.devicesecurity.io",
            "www.fraudtoday.io",
            "www.paymentsecurity.io",
            "ot.today",
            "WWW.BankInfoSecurity.com",
        ];
        for h in hosts {
            assert!(ismg.matches(Some(h), ""), "{h}");
        }
        for h in
            ["example.com", "evilbankinfosecurity.com", "bankinfosecurity.com.evil.net.example", "news.ycombinator.com"]
        {
            assert!(!ismg.matches(Some(h), "<html></html>"), "{h}");
        }
        assert_eq!(ismg.site_name("www.databreachtoday.co.uk"), Some("DataBreachToday"));
        assert_eq!(ismg.site_name("www.cio.inc"), Some("CIO.inc"));
        assert!(ismg.matches(None, "<script>var __family__ = \"BIS\";</script>"), "markup marker without a URL");
    }

    #[test]
    fn bad_selector_names_the_key() {
        let err = Config::default_with_overrides("[[profile]]\nname = \"x\"\n[profile.title]\nselectors = [\"h1[\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("profile[0].title.selectors[0]: invalid CSS selector"), "{err}");
    }

    #[test]
    fn bad_selector_says_what_is_wrong_and_names_the_profile() {
        let err = Config::default_with_overrides(
            "[[profile]]\nname = \"acme\"\n[profile.title]\nselectors = [\"h1\", \"h1..x\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            r#"profile[0].title.selectors[1]: invalid CSS selector "h1..x": expected a class name after "." (profile "acme")"#
        );
        let err = Config::from_toml("[[profile]]\nname = \"acme\"\n[[profile.remove]]\nid = \"x\"\nkind = \"ad\"\nselectors = [\".ad\", \"div:\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(r#"profile[0].remove[0].selectors[1]: invalid CSS selector "div:": it ends too early"#),
            "{err}"
        );
        assert!(err.ends_with(r#" (profile "acme")"#), "{err}");
    }

    #[test]
    fn every_table_is_read_as_data_and_checked() {
        // Tables and keys pith does not know are errors naming them, whatever layers are built.
        let err = Config::default_with_overrides("[server]\nport = 80\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `server`"), "{err}");
        let err = Config::default_with_overrides("[serve]\nport = 80\n").unwrap_err().to_string();
        assert!(err.starts_with("serve.port: unknown field `port`"), "{err}");
        let c = Config::default_with_overrides("[serve]\nmax_in_flight = 3\n").unwrap();
        assert_eq!(c.serve().max_in_flight, Some(3));
        let err = Config::default_with_overrides("[fetch]\nspeed = 3\n").unwrap_err().to_string();
        assert!(err.starts_with("fetch.speed: unknown field `speed`"), "{err}");
        let c = Config::default_with_overrides("[fetch]\nrate = 4\n").unwrap();
        assert_eq!((c.fetch().rate, c.fetch().retries), (Some(4.0), Some(3)), "user keys over the built-in ones");
        assert_eq!(c.profile_names().collect::<Vec<_>>(), ["ismg"]);
    }

    #[test]
    fn the_fetch_table_is_checked_in_every_build() {
        for (toml, key) in [
            ("[fetch]\nrate = 0\n", "fetch.rate"),
            ("[fetch]\ntimeout = -2\n", "fetch.timeout"),
            ("[fetch]\nconcurrency = 0\n", "fetch.concurrency"),
            ("[fetch]\nmax_body = 0\n", "fetch.max_body"),
            ("[fetch]\nmax_retry_after = -1\n", "fetch.max_retry_after"),
            ("[fetch]\nuser_agent = \"a\\u0007b\"\n", "fetch.user_agent"),
            ("[fetch]\nuser_agent = \"  \"\n", "fetch.user_agent"),
            ("[fetch]\nallow_hosts = [\"10.0.0.0/40\"]\n", "fetch.allow_hosts"),
            ("[fetch]\ndeny_hosts = [\"a b\"]\n", "fetch.deny_hosts"),
        ] {
            let err = Config::default_with_overrides(toml).unwrap_err().to_string();
            assert!(err.starts_with(key), "{toml}: {err}");
        }
        let err = Config::default_with_overrides("[fetch]\ntimeuot = 3\n").unwrap_err().to_string();
        assert!(err.starts_with("fetch.timeuot: unknown field `timeuot`"), "{err}");
        let err = Config::default_with_overrides("[fetch]\nrate = \"fast\"\n").unwrap_err().to_string();
        assert!(err.starts_with("fetch.rate: "), "{err}");
    }

    #[test]
    fn unknown_key_names_the_path() {
        let err = Config::default_with_overrides("[[profile]]\nname = \"x\"\ntitel = 3\n").unwrap_err().to_string();
        assert!(err.contains("profile[0]") && err.contains("titel"), "{err}");
    }

    #[test]
    fn bad_kind_and_regex_are_reported() {
        let e = Config::default_with_overrides(
            "[[profile]]\nname = \"x\"\n[[profile.remove]]\nid = \"a\"\nkind = \"banner\"\ntext = \"x\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("profile[0].remove[0].kind: unknown removal kind"), "{e}");
        let e = Config::default_with_overrides("[[profile]]\nname = \"x\"\nhosts = [\"(\"]\n").unwrap_err().to_string();
        assert!(e.starts_with("profile[0].hosts[0]: invalid regex"), "{e}");
    }

    #[test]
    fn user_profile_replaces_builtin_of_same_name() {
        let c = Config::default_with_overrides("[[profile]]\nname = \"ismg\"\nhosts = ['example\\.com$']\n").unwrap();
        assert_eq!(c.profiles.len(), 1);
        assert!(c.profiles[0].remove.is_empty());
    }

    #[test]
    fn config_size_keys_take_units() {
        let size = |toml: &str| Config::default_with_overrides(toml).map(|c| c.fetch().max_body);
        assert_eq!(size("[fetch]\nmax_body = \"10MB\"").unwrap(), Some(10_000_000));
        assert_eq!(size("[fetch]\nmax_body = \"512KiB\"").unwrap(), Some(1 << 19));
        assert_eq!(size("[fetch]\nmax_body = 4096").unwrap(), Some(4096));
        let err = size("[fetch]\nmax_body = \"10XB\"").unwrap_err().to_string();
        assert!(err.contains("max_body") && err.contains("10MB"), "{err}");
    }
}
