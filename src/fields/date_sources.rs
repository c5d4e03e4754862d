//! Where pages state their dates for machines, apart from the choice among them (`dates`):
//! the `<meta>` keys of the publication and the update, and the date in a URL's path.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

use super::visible_date::{NumericOrder, Ymd};
use crate::parse::attributes::MetaKey;

/// `<meta>` keys that state the publication date, in order of trust (merged from the lists
/// of htmldate and newspaper; update keys left out). Read in `property`, `name`,
/// `http-equiv` and `itemprop`.
pub(crate) const PUBLISHED_META_KEYS: &[(MetaKey, &str)] = &[
    (MetaKey::ArticlePublishedTime, "meta:article:published_time"),
    (MetaKey::OgPublishedTime, "meta:og:published_time"),
    (MetaKey::OgArticlePublishedTime, "meta:og:article:published_time"),
    (MetaKey::ArticlePublished, "meta:article:published"),
    (MetaKey::DatePublished, "meta:datepublished"),
    (MetaKey::PublishDate, "meta:publishdate"),
    (MetaKey::PublishDashDate, "meta:publish-date"),
    (MetaKey::PublishUnderscoreDate, "meta:publish_date"),
    (MetaKey::Pubdate, "meta:pubdate"),
    (MetaKey::PublishedTime, "meta:published_time"),
    (MetaKey::PublishedDashDate, "meta:published-date"),
    (MetaKey::PublishedUnderscoreDate, "meta:published_date"),
    (MetaKey::PublicationDate, "meta:publication_date"),
    (MetaKey::SailthruDate, "meta:sailthru.date"),
    (MetaKey::ParselyPubDate, "meta:parsely-pub-date"),
    (MetaKey::CitationPublicationDate, "meta:citation_publication_date"),
    (MetaKey::CitationDate, "meta:citation_date"),
    (MetaKey::CitationOnlineDate, "meta:citation_online_date"),
    (MetaKey::DcDateIssued, "meta:dc.date.issued"),
    (MetaKey::DctermsIssued, "meta:dcterms.issued"),
    (MetaKey::DctermsColonIssued, "meta:dcterms:issued"),
    (MetaKey::DcDate, "meta:dc.date"),
    (MetaKey::DcColonDate, "meta:dc:date"),
    (MetaKey::DctermsDate, "meta:dcterms.date"),
    (MetaKey::DctermsColonDate, "meta:dcterms:date"),
    (MetaKey::DcDateCreated, "meta:dc.date.created"),
    (MetaKey::DctermsCreated, "meta:dcterms.created"),
    (MetaKey::DctermsColonCreated, "meta:dcterms:created"),
    (MetaKey::DcCreated, "meta:dc.created"),
    (MetaKey::DcColonCreated, "meta:dc:created"),
    (MetaKey::DateCreated, "meta:datecreated"),
    (MetaKey::Date, "meta:date"),
    (MetaKey::CxenseRecsPublishTime, "meta:cxenseparse:recs:publishtime"),
    (MetaKey::CxensePublishTime, "meta:cxenseparse:publishtime"),
    (MetaKey::PrismPublicationDate, "meta:prism.publicationdate"),
    (MetaKey::ArticleDotPublished, "meta:article.published"),
    (MetaKey::ArticleDateOriginal, "meta:article_date_original"),
    (MetaKey::OriginalPublicationDate, "meta:originalpublicationdate"),
    (MetaKey::DisplayDate, "meta:displaydate"),
    (MetaKey::BtPubdate, "meta:bt:pubdate"),
    (MetaKey::RnewsDatePublished, "meta:rnews:datepublished"),
    (MetaKey::OgPubdate, "meta:og:pubdate"),
    (MetaKey::OgPublishDate, "meta:og:publish_date"),
    (MetaKey::ShareaholicPublishedTime, "meta:shareaholic:article_published_time"),
    (MetaKey::VrPublishedTime, "meta:vr:published_time"),
    (MetaKey::PubUnderscoreDate, "meta:pub_date"),
    (MetaKey::SwPubdate, "meta:sw-pubdate"),
    (MetaKey::OgReleaseDate, "meta:og:release_date"),
    (MetaKey::ReleaseDate, "meta:release_date"),
    (MetaKey::BepressCitationDate, "meta:bepress_citation_date"),
    (MetaKey::DateUnderscorePublished, "meta:date_published"),
    (MetaKey::DatePosted, "meta:dateposted"),
    (MetaKey::MediatorPublishedTime, "meta:mediator_published_time"),
    (MetaKey::TwtPublishedAt, "meta:twt-published-at"),
    (MetaKey::ContentCreateDate, "meta:content_create_date"),
];

/// `<meta>` keys that state the last update, in order of trust.
pub(crate) const MODIFIED_META_KEYS: &[(MetaKey, &str)] = &[
    (MetaKey::ArticleModifiedTime, "meta:article:modified_time"),
    (MetaKey::OgUpdatedTime, "meta:og:updated_time"),
    (MetaKey::OgModifiedTime, "meta:og:modified_time"),
    (MetaKey::ArticleModified, "meta:article:modified"),
    (MetaKey::DateModified, "meta:datemodified"),
    (MetaKey::DateUpdate, "meta:dateupdate"),
    (MetaKey::DcModified, "meta:dc.modified"),
    (MetaKey::DctermsModified, "meta:dcterms.modified"),
    (MetaKey::DctermsColonModified, "meta:dcterms:modified"),
    (MetaKey::LastModified, "meta:last-modified"),
    (MetaKey::Lastmod, "meta:lastmod"),
    (MetaKey::LastModifiedJoined, "meta:lastmodified"),
    (MetaKey::ModifiedTime, "meta:modified_time"),
    (MetaKey::UpdatedTime, "meta:updated_time"),
    (MetaKey::CxenseModifiedTime, "meta:cxenseparse:esp-modified_time"),
];

/// A date in a URL's path: `/2024/03/03/`, `/2024-03-03-slug`, `/20240303/` (a whole
/// segment), `_2024_03_03`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_-])((?:19|20)\d{2})([/_-])(0?[1-9]|1[0-2])([/_-])(0?[1-9]|[12]\d|3[01])(?:$|[/_.-])|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:$|/)")
        .expect("static regex")
});

/// A date with the year last in a URL's path, a whole segment or bounded by `-`, `_`, `~`:
/// `/29-10-2021`, `/~02-01-2022-land-zahlte`, `_vom_22.04.2020_` (day first; month first only
/// on pages whose language writes it so; ambiguous ones only when the order is known).
static URL_DATE_YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_~-])(0?[1-9]|[12]\d|3[01])([._-])(0?[1-9]|[12]\d|3[01])([._-])((?:19|20)\d{2})(?:$|[/_.-])")
        .expect("static regex")
});

/// The date a URL's path states, year first (`/2024/03/03/`) or, read in the page's
/// `order`, year last (`/03-03-2024-slug`).
pub(crate) fn url_date(url: &Url, order: NumericOrder) -> Option<Ymd> {
    let path = url.path();
    url_date_year_first(path).or_else(|| url_date_year_last(path, order))
}

fn url_date_year_last(path: &str, order: NumericOrder) -> Option<Ymd> {
    let c = URL_DATE_YEAR_LAST.captures(path)?;
    if c.get(2)?.as_str() != c.get(4)?.as_str() {
        return None;
    }
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (first, second, year) = (num(1)?, num(3)?, num(5)?);
    let month_first = match order {
        _ if first > 12 => false,
        _ if second > 12 => true,
        NumericOrder::DayFirst => false,
        NumericOrder::MonthFirst => true,
        NumericOrder::Unknown => return None,
    };
    if month_first { Ymd::new(year, first, second) } else { Ymd::new(year, second, first) }
}

fn url_date_year_first(path: &str) -> Option<Ymd> {
    let c = URL_DATE.captures(path)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    if c.get(1).is_some() {
        if c.get(2)?.as_str() != c.get(4)?.as_str() {
            return None;
        }
        Ymd::new(num(1)?, num(3)?, num(5)?)
    } else {
        Ymd::new(num(6)?, num(7)?, num(8)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        let d = |u: &str| url_date(&Url::parse(u).unwrap(), NumericOrder::Unknown).map(|d| d.iso());
        assert_eq!(d("https://x.example/2024/03/03/slug").as_deref(), Some("2024-03-03"));
        assert_eq!(d("https://x.example/news/2024-03-03-harbour-wall").as_deref(), Some("2024-03-03"));
        assert_eq!(d("https://x.example/20240303/harbour").as_deref(), Some("2024-03-03"));
        assert_eq!(d("https://x.example/2024/3/3/slug").as_deref(), Some("2024-03-03"));
        assert_eq!(d("https://x.example/2024/03/slug"), None);
        assert_eq!(d("https://x.example/item/2024031512345"), None);
        assert_eq!(d("https://x.example/2024-03/03"), None);
        // Year last: day first unless the page's language writes the month first; an
        // ambiguous one only when the order is known.
        assert_eq!(d("https://x.example/meldungen/29-10-2021").as_deref(), Some("2021-10-29"));
        assert_eq!(d("https://x.example/artikel/bericht_vom_22.04.2020_harbour").as_deref(), Some("2020-04-22"));
        assert_eq!(d("https://x.example/news/02-01-2022-harbour"), None);
        let ordered = |u: &str, o| url_date(&Url::parse(u).unwrap(), o).map(|d| d.iso());
        let u = "https://x.example/detail/~02-01-2022-harbour-wall";
        assert_eq!(ordered(u, NumericOrder::DayFirst).as_deref(), Some("2022-01-02"));
        assert_eq!(ordered(u, NumericOrder::MonthFirst).as_deref(), Some("2022-02-01"));
        assert_eq!(d("https://x.example/item/12-5-20221"), None);
        assert_eq!(d("https://x.example/v1.2.2020/x"), None);
    }
}
