//! `page_type` and `source_id`: from a site profile's URL and page-type rules.

use url::Url;

use super::sourced::Sourced;
use crate::article::{Block, PageType};
use crate::config::Profile;
use crate::content::BodyBlock;

/// `page_type`: the first of the profile's page-type rules the page meets (URL path, id
/// letter, title, a heading of the body); an article otherwise, and on pages without a
/// profile.
pub(crate) fn page_type(
    profile: Option<&Profile>,
    url: Option<&Url>,
    title: Option<&str>,
    body: &[BodyBlock],
) -> Sourced<PageType> {
    profile
        .and_then(|p| profile_page_type(p, url, title, body))
        .map_or_else(|| Sourced::new(PageType::Article, "default"), |t| Sourced::new(t, "profile:page_types"))
}

/// `source_id`: the profile's id of the page from its URL: `letter-number`, or the number
/// alone when neither the URL nor the profile gives a letter.
pub(crate) fn source_id(profile: Option<&Profile>, url: Option<&Url>) -> Option<Sourced<String>> {
    let (letter, number) = id_parts(profile?, url?)?;
    let id = match letter {
        Some(letter) => format!("{letter}-{number}"),
        None => number,
    };
    Some(Sourced::new(id, "profile:url"))
}

fn profile_page_type(p: &Profile, url: Option<&Url>, title: Option<&str>, body: &[BodyBlock]) -> Option<PageType> {
    let path = url.map(Url::path).unwrap_or("");
    let letter = url.and_then(|u| id_parts(p, u)).and_then(|(l, _)| l);
    p.page_types
        .iter()
        .find(|r| {
            r.path.as_ref().is_none_or(|re| url.is_some() && re.is_match(path))
                && r.letter.as_ref().is_none_or(|l| letter.as_deref() == Some(l.as_str()))
                && r.title.as_ref().is_none_or(|re| title.is_some_and(|t| re.is_match(t)))
                && r.body_heading.as_ref().is_none_or(|re| {
                    body.iter().any(|b| matches!(&b.block, Block::Heading { text, .. } if re.is_match(text)))
                })
        })
        .map(|r| r.page_type)
}

/// The letter (the URL's `letter` group, else the profile's letter for such ids, else none)
/// and the number of the page's id. The regexes have a `number` group (checked when the
/// config is compiled); an optional group that took no part in the match counts as absent.
fn id_parts(p: &Profile, url: &Url) -> Option<(Option<String>, String)> {
    let rules = &p.url;
    let parts = |c: regex::Captures<'_>, letter: &Option<String>| {
        let number = c.name("number")?.as_str().to_string();
        let letter = c.name("letter").map(|l| l.as_str().to_string()).or_else(|| letter.clone());
        Some((letter, number))
    };
    if let Some(c) = rules.id.as_ref().and_then(|re| re.captures(url.path())) {
        return parts(c, &rules.letter);
    }
    rules.legacy_id.as_ref().and_then(|re| re.captures(url.as_str())).and_then(|c| parts(c, &rules.legacy_letter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn url(u: &str) -> Url {
        Url::parse(u).unwrap()
    }

    #[test]
    fn ismg_ids_and_page_types_come_from_the_url() {
        let c = Config::default();
        let p = Some(&c.profiles[0]);
        let cases = [
            ("https://www.bankinfosecurity.com/tiktok-picks-oracle-a-15003", Some("a-15003"), PageType::Article),
            ("https://www.govinfosecurity.com/blogs/some-post-p-4056", Some("p-4056"), PageType::Blog),
            ("https://www.cuinfosecurity.com/interviews/laying-foundation-i-1994", Some("i-1994"), PageType::Interview),
            ("https://www.bankinfosecurity.com/webinars/live-webinar-x-w-1539", Some("w-1539"), PageType::Webinar),
            ("https://www.bankinfosecurity.com/whitepapers/a-guide-w-2610", Some("w-2610"), PageType::Whitepaper),
            ("https://www.bankinfosecurity.com/authors/mathew-j-schwartz-i-892", Some("i-892"), PageType::Other),
            ("https://www.bankinfosecurity.com/articles.php?art_id=17696", Some("a-17696"), PageType::Article),
        ];
        for (u, id, pt) in cases {
            let u = url(u);
            assert_eq!(source_id(p, Some(&u)).map(|s| s.value).as_deref(), id, "{u}");
            assert_eq!(page_type(p, Some(&u), Some("A Headline"), &[]).value, pt, "{u}");
        }
        let roundup = url("https://www.databreachtoday.com/breach-roundup-x-a-31243");
        assert_eq!(page_type(p, Some(&roundup), Some("Breach Roundup: Wipers"), &[]).value, PageType::Roundup);
        assert_eq!(page_type(None, Some(&roundup), None, &[]).value, PageType::Article);
    }

    /// The profile of a made-up site with the given `[profile.url]` table.
    fn site_with_url(url_table: &str) -> Result<Config, crate::error::ConfigError> {
        Config::default_with_overrides(&format!(
            "[[profile]]\nname = \"snippet\"\nhosts = ['snippet\\.example$']\n[profile.url]\n{url_table}"
        ))
    }

    fn id_of(config: &Config, u: &str) -> Option<String> {
        let p = config.profiles.iter().find(|p| p.name == "snippet");
        source_id(p, Some(&url(u))).map(|s| s.value)
    }

    #[test]
    fn an_id_without_a_letter_is_the_number_alone_or_takes_the_profile_letter() {
        let c = site_with_url("id = '-(?P<number>[0-9]{5,})/?$'\n").unwrap();
        assert_eq!(id_of(&c, "https://snippet.example/news/road-works-1174302").as_deref(), Some("1174302"));
        assert_eq!(id_of(&c, "https://snippet.example/news/"), None);
        let c = site_with_url("id = '-(?P<number>[0-9]+)/?$'\nletter = \"b\"\n").unwrap();
        assert_eq!(id_of(&c, "https://snippet.example/posts/road-works-38211/").as_deref(), Some("b-38211"));
        // A letter group that took part in the match wins over the profile's letter.
        let c = site_with_url("id = '(-(?P<letter>[a-z]))?-(?P<number>[0-9]+)$'\nletter = \"b\"\n").unwrap();
        assert_eq!(id_of(&c, "https://snippet.example/x-v-7").as_deref(), Some("v-7"));
        assert_eq!(id_of(&c, "https://snippet.example/x-7").as_deref(), Some("b-7"));
        // Legacy ids: the letter given, else the number alone.
        let c = site_with_url("legacy_id = '[?&]p=(?P<number>[0-9]+)'\nlegacy_letter = \"b\"\n").unwrap();
        assert_eq!(id_of(&c, "https://snippet.example/?p=37980").as_deref(), Some("b-37980"));
        let c = site_with_url("legacy_id = '[?&]p=(?P<number>[0-9]+)'\n").unwrap();
        assert_eq!(id_of(&c, "https://snippet.example/?p=37980").as_deref(), Some("37980"));
    }

    #[test]
    fn id_rules_without_a_number_group_or_with_a_blank_letter_name_the_key() {
        let err = site_with_url("id = '-(?P<letter>[a-z])-[0-9]+$'\n").unwrap_err().to_string();
        assert!(err.contains("url.id") && err.contains("`number` group"), "{err}");
        let err = site_with_url("legacy_id = 'art=[0-9]+'\n").unwrap_err().to_string();
        assert!(err.contains("url.legacy_id") && err.contains("`number` group"), "{err}");
        let err = site_with_url("id = '-(?P<number>[0-9]+)$'\nletter = \" \"\n").unwrap_err().to_string();
        assert!(err.contains("url.letter") && err.contains("empty letter"), "{err}");
    }
}
