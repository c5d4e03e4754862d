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
        .map_or_else(|| Sourced::new(PageType::Article, "default"), |t| Sourced::new(t, "profile page types"))
}

/// `source_id`: the profile's id of the page, `letter-number`, from its URL.
pub(crate) fn source_id(profile: Option<&Profile>, url: Option<&Url>) -> Option<Sourced<String>> {
    let (letter, number) = id_parts(profile?, url?)?;
    Some(Sourced::new(format!("{letter}-{number}"), "profile url id"))
}

fn profile_page_type(p: &Profile, url: Option<&Url>, title: Option<&str>, body: &[BodyBlock]) -> Option<PageType> {
    let path = url.map(Url::path).unwrap_or("");
    let letter = url.and_then(|u| id_parts(p, u)).map(|(l, _)| l);
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

fn id_parts(p: &Profile, url: &Url) -> Option<(String, String)> {
    if let Some(re) = &p.url.id
        && let Some(c) = re.captures(url.path())
    {
        return Some((c["letter"].to_string(), c["number"].to_string()));
    }
    if let Some(re) = &p.url.legacy_id
        && let Some(c) = re.captures(url.as_str())
    {
        return Some((p.url.legacy_letter.clone(), c["number"].to_string()));
    }
    None
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
}
