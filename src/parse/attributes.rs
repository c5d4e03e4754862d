//! The attributes and `<meta>` keys pith reads: the one list of each, typed.
//!
//! The pre-filter (`parse::prefilter`) leaves every other attribute out of the page before
//! html5ever sees it, and every `meta` element whose key pith never reads. About a quarter of
//! a news page's attributes (`data-*`, event handlers, `aria-*`, `target`, `sizes`, …) and a
//! seventh of its bytes after scripts and styles go, so the tokenizer neither reads nor stores
//! them. So reading an attribute that is not listed here would find it on hand-written test
//! pages and miss it on real ones: code reads attributes only through `dom::attr`, which takes
//! a [`ReadAttr`] (scraper's string-keyed `Element::attr` is disallowed in `clippy.toml`), and
//! `<meta>` values only through `PageMeta::get`, which takes a [`MetaKey`]. Adding a read means
//! adding a line to the table of `read_attributes!` below; nothing else keeps a list.
//!
//! The short-name protocol lives here too: the read attributes html5ever's tree builder
//! ignores get one-letter names in the pre-filtered page (the tokenizer reads a name a
//! character at a time, a value in one piece: a tenth of the parse went into the names of the
//! `class` and `href` attributes alone), and the tree sink gives them their names back
//! ([`restore_names`]), so the tree is the tree of the page.

use std::sync::LazyLock;

use html5ever::{Attribute, LocalName, local_name, ns};

/// An attribute name as html5ever has it: interned at compile time (`local_name!`), or, for
/// the names html5ever does not know (marked `(dynamic)`: `data-*`), interned when asked for.
macro_rules! atom {
    (dynamic $name:tt) => {
        LocalName::from($name)
    };
    ($name:tt) => {
        local_name!($name)
    };
}

/// Declares [`ReadAttr`] from one table: per attribute its variant, its name (twice: as text
/// for html5ever's `local_name!`, as bytes for the pre-filter's `match`; a compile-time check
/// keeps the two equal), its short name if it has one, and who reads it.
macro_rules! read_attributes {
    ($($(#[$doc:meta])* $variant:ident = $name:tt $(($dynamic:ident))? / $bytes:tt, short: $short:expr, $reader:ident;)*) => {
        /// An attribute pith reads (see the module docs): the only way to name one to
        /// `dom::attr`. Constructed only here.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum ReadAttr {
            $($(#[$doc])* $variant,)*
        }

        impl ReadAttr {
            /// Every read attribute.
            pub(crate) const ALL: &[ReadAttr] = &[$(ReadAttr::$variant,)*];

            /// The attribute's name as html5ever interns it: comparing two is comparing two
            /// integers (called with a constant, this folds to one).
            #[inline(always)]
            pub(crate) fn local_name(self) -> LocalName {
                match self {
                    $(ReadAttr::$variant => atom!($($dynamic)? $name),)*
                }
            }

            /// The attribute's name.
            pub(crate) const fn name(self) -> &'static str {
                match self {
                    $(ReadAttr::$variant => $name,)*
                }
            }

            /// Its one-letter name in a pre-filtered page, if it gets one.
            pub(crate) const fn short_name(self) -> Option<&'static str> {
                match self {
                    $(ReadAttr::$variant => $short,)*
                }
            }

            /// Who reads it: only a site profile reads the [`Reader::Profile`] attributes, so
            /// they are left out too on a page known to have no profile.
            pub(crate) const fn reader(self) -> Reader {
                match self {
                    $(ReadAttr::$variant => Reader::$reader,)*
                }
            }

            /// The read attribute `name` (as written in the page, ASCII case ignored), if it is
            /// one. One `match` on the lower-cased name (a switch on the length, then a
            /// comparison or two): the pre-filter asks this for every attribute of the page.
            #[inline]
            pub(crate) fn from_name(name: &[u8]) -> Option<ReadAttr> {
                let mut buf = [0u8; LONGEST_NAME];
                let lower = buf.get_mut(..name.len())?;
                for (l, c) in lower.iter_mut().zip(name) {
                    *l = c.to_ascii_lowercase();
                }
                match &*lower {
                    $($bytes => Some(ReadAttr::$variant),)*
                    _ => None,
                }
            }
        }

        // The two spellings of each name are the same name.
        const _: () = {
            $(assert!(same_bytes($name.as_bytes(), $bytes));)*
        };
    };
}

/// Who reads an attribute ([`ReadAttr::reader`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// Code that runs on every page.
    Any,
    /// Only the site-profile engine (figure images and their captions).
    Profile,
    /// Only html5ever's tree builder (kept so that the tree stays the page's tree).
    TreeBuilder,
}

read_attributes! {
    // Identity and the class/id vocabularies, hidden-element tests, dialogs.
    /// `id`.
    Id = "id" / b"id", short: None, Any;
    /// `class`.
    Class = "class" / b"class", short: Some("c"), Any;
    /// `style` (hidden elements).
    Style = "style" / b"style", short: Some("s"), Any;
    /// `hidden`.
    Hidden = "hidden" / b"hidden", short: Some("e"), Any;
    /// `aria-hidden`.
    AriaHidden = "aria-hidden" / b"aria-hidden", short: Some("a"), Any;
    /// `aria-modal` (dialogs).
    AriaModal = "aria-modal" / b"aria-modal", short: Some("d"), Any;
    /// `role` (landmarks, dialogs).
    Role = "role" / b"role", short: Some("r"), Any;
    // Links.
    /// `href`.
    Href = "href" / b"href", short: Some("h"), Any;
    // Metadata: `<meta>`, `<link>`, `<html lang>`, `<time>`, JSON-LD `<script type>`; `type`
    // also for `<input type=email>` and, in the tree builder, `<input type=hidden>`.
    /// `name` (`<meta name>`).
    Name = "name" / b"name", short: Some("n"), Any;
    /// `property` (`<meta property>`).
    Property = "property" / b"property", short: Some("p"), Any;
    /// `http-equiv` (`<meta http-equiv>`).
    HttpEquiv = "http-equiv" / b"http-equiv", short: None, Any;
    /// `content` (`<meta content>`).
    Content = "content" / b"content", short: None, Any;
    /// `charset` (read by the tree builder and the decoder's byte scan).
    Charset = "charset" / b"charset", short: None, TreeBuilder;
    /// `itemprop` (`<meta itemprop>`).
    Itemprop = "itemprop" / b"itemprop", short: Some("m"), Any;
    /// `rel` (`<link rel=canonical>`).
    Rel = "rel" / b"rel", short: Some("l"), Any;
    /// `lang` (`<html lang>`).
    Lang = "lang" / b"lang", short: Some("g"), Any;
    /// `xml:lang` (`<html xml:lang>`).
    XmlLang = "xml:lang" / b"xml:lang", short: None, Any;
    /// `datetime` (`<time datetime>`).
    Datetime = "datetime" / b"datetime", short: Some("t"), Any;
    /// `pubdate` (`<time pubdate>`: the article's own publication time).
    Pubdate = "pubdate" (dynamic) / b"pubdate", short: None, Any;
    /// `type`.
    Type = "type" / b"type", short: None, Any;
    // Read by html5ever's tree builder itself: declarative shadow roots, `<option selected>`,
    // `<annotation-xml encoding>`.
    /// `shadowrootmode`.
    ShadowRootMode = "shadowrootmode" / b"shadowrootmode", short: None, TreeBuilder;
    /// `shadowrootdelegatesfocus`.
    ShadowRootDelegatesFocus = "shadowrootdelegatesfocus" / b"shadowrootdelegatesfocus", short: None, TreeBuilder;
    /// `shadowrootclonable`.
    ShadowRootClonable = "shadowrootclonable" / b"shadowrootclonable", short: None, TreeBuilder;
    /// `shadowrootserializable`.
    ShadowRootSerializable = "shadowrootserializable" / b"shadowrootserializable", short: None, TreeBuilder;
    /// `selected`.
    Selected = "selected" / b"selected", short: None, TreeBuilder;
    /// `encoding`.
    Encoding = "encoding" / b"encoding", short: None, TreeBuilder;
    // Lists and code blocks of the body.
    /// `start` (`<ol start>`).
    Start = "start" / b"start", short: Some("o"), Any;
    /// `data-lang` (a code block's language).
    DataLang = "data-lang" (dynamic) / b"data-lang", short: None, Any;
    /// `data-language` (a code block's language).
    DataLanguage = "data-language" (dynamic) / b"data-language", short: None, Any;
    // Images and their lazy-loading sources (image blocks of the body, a profile's lead
    // image); `title` and captions only site profiles read.
    /// `src`.
    Src = "src" / b"src", short: Some("f"), Any;
    /// `srcset`.
    Srcset = "srcset" / b"srcset", short: Some("k"), Any;
    /// `data-src` (lazy loading).
    DataSrc = "data-src" (dynamic) / b"data-src", short: None, Any;
    /// `data-lazy-src` (lazy loading).
    DataLazySrc = "data-lazy-src" (dynamic) / b"data-lazy-src", short: None, Any;
    /// `data-original` (lazy loading).
    DataOriginal = "data-original" (dynamic) / b"data-original", short: None, Any;
    /// `alt`.
    Alt = "alt" / b"alt", short: Some("b"), Any;
    /// `title` (on every page only on `abbr` and `span`: hAtom's `abbr.published` and
    /// `span.updated` hold a date in it; the pre-filter keeps it there).
    Title = "title" / b"title", short: Some("i"), Profile;
    /// `width`.
    Width = "width" / b"width", short: Some("w"), Any;
    /// `height`.
    Height = "height" / b"height", short: Some("x"), Any;
}

/// Longest read attribute name (`shadowrootdelegatesfocus`).
const LONGEST_NAME: usize = 24;

const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.len() > LONGEST_NAME {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The attributes a `<meta>` element names its key with, in the order the metadata reader
/// looks at them.
pub(crate) const META_KEY_ATTRIBUTES: [ReadAttr; 4] =
    [ReadAttr::Property, ReadAttr::Name, ReadAttr::HttpEquiv, ReadAttr::Itemprop];

/// Declares [`MetaKey`] from one list of (variant, key).
macro_rules! meta_keys {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// A `<meta>` key pith reads (lower case): the only way to ask `PageMeta::get` for a
        /// value. A `meta` element none of whose `property`, `name`, `http-equiv` and
        /// `itemprop` tokens is one of these is left out whole by the pre-filter (viewport,
        /// verification, app and tracking tags: most of a news page's `meta` bytes).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum MetaKey {
            $($(#[$doc])* #[doc = concat!("`", $key, "`.")] $variant,)*
        }

        impl MetaKey {
            /// Every key.
            pub(crate) const ALL: &[MetaKey] = &[$(MetaKey::$variant,)*];

            /// The key, lower case (the tests check the table with it).
            #[cfg(test)]
            pub(crate) const fn key(self) -> &'static str {
                match self {
                    $(MetaKey::$variant => $key,)*
                }
            }

            /// The key `token` names (as written in the page, ASCII case ignored), if pith
            /// reads it. One `match` on the lower-cased token: the pre-filter and the metadata
            /// reader ask this for every token of every `meta` key attribute.
            pub(crate) fn from_key(token: &[u8]) -> Option<MetaKey> {
                let mut buf = [0u8; LONGEST_META_KEY];
                let lower = buf.get_mut(..token.len())?;
                for (l, c) in lower.iter_mut().zip(token) {
                    *l = c.to_ascii_lowercase();
                }
                match std::str::from_utf8(lower).ok()? {
                    $($key => Some(MetaKey::$variant),)*
                    _ => None,
                }
            }

            /// The key's place in [`MetaKey::ALL`] (a table index).
            pub(crate) const fn index(self) -> usize {
                self as usize
            }
        }

        // Every key fits the lookup buffer.
        const _: () = {
            $(assert!($key.len() <= LONGEST_META_KEY);)*
        };
    };
}

/// Longest `<meta>` key pith reads.
const LONGEST_META_KEY: usize = 40;

// The keys, grouped by what reads them. The field functions keep their own ordered lists of
// these (`fields::date_sources::PUBLISHED_META_KEYS`, …); this is the one list the pre-filter keeps.
meta_keys! {
    // Titles, descriptions, site and page.
    OgTitle = "og:title",
    TwitterTitle = "twitter:title",
    Description = "description",
    OgDescription = "og:description",
    TwitterDescription = "twitter:description",
    DcDescription = "dc.description",
    DctermsDescription = "dcterms.description",
    OgSiteName = "og:site_name",
    ApplicationName = "application-name",
    AppleMobileWebAppTitle = "apple-mobile-web-app-title",
    OgUrl = "og:url",
    OgType = "og:type",
    OgImage = "og:image",
    OgImageAlt = "og:image:alt",
    TwitterImage = "twitter:image",
    // Language.
    ContentLanguage = "content-language",
    OgLocale = "og:locale",
    // Publication dates (the order of trust is `fields::date_sources::PUBLISHED_META_KEYS`).
    ArticlePublishedTime = "article:published_time",
    OgPublishedTime = "og:published_time",
    OgArticlePublishedTime = "og:article:published_time",
    ArticlePublished = "article:published",
    DatePublished = "datepublished",
    PublishDate = "publishdate",
    PublishDashDate = "publish-date",
    PublishUnderscoreDate = "publish_date",
    Pubdate = "pubdate",
    PublishedTime = "published_time",
    PublishedDashDate = "published-date",
    PublishedUnderscoreDate = "published_date",
    PublicationDate = "publication_date",
    SailthruDate = "sailthru.date",
    ParselyPubDate = "parsely-pub-date",
    CitationPublicationDate = "citation_publication_date",
    CitationDate = "citation_date",
    CitationOnlineDate = "citation_online_date",
    DcDateIssued = "dc.date.issued",
    DctermsIssued = "dcterms.issued",
    DctermsColonIssued = "dcterms:issued",
    DcDate = "dc.date",
    DcColonDate = "dc:date",
    DctermsDate = "dcterms.date",
    DctermsColonDate = "dcterms:date",
    DcDateCreated = "dc.date.created",
    DctermsCreated = "dcterms.created",
    DctermsColonCreated = "dcterms:created",
    DcCreated = "dc.created",
    DcColonCreated = "dc:created",
    DateCreated = "datecreated",
    Date = "date",
    CxenseRecsPublishTime = "cxenseparse:recs:publishtime",
    CxensePublishTime = "cxenseparse:publishtime",
    PrismPublicationDate = "prism.publicationdate",
    ArticleDotPublished = "article.published",
    ArticleDateOriginal = "article_date_original",
    OriginalPublicationDate = "originalpublicationdate",
    DisplayDate = "displaydate",
    BtPubdate = "bt:pubdate",
    RnewsDatePublished = "rnews:datepublished",
    OgPubdate = "og:pubdate",
    OgPublishDate = "og:publish_date",
    ShareaholicPublishedTime = "shareaholic:article_published_time",
    VrPublishedTime = "vr:published_time",
    PubUnderscoreDate = "pub_date",
    SwPubdate = "sw-pubdate",
    OgReleaseDate = "og:release_date",
    ReleaseDate = "release_date",
    BepressCitationDate = "bepress_citation_date",
    DateUnderscorePublished = "date_published",
    DatePosted = "dateposted",
    MediatorPublishedTime = "mediator_published_time",
    TwtPublishedAt = "twt-published-at",
    ContentCreateDate = "content_create_date",
    // Update dates (`fields::date_sources::MODIFIED_META_KEYS`).
    ArticleModifiedTime = "article:modified_time",
    OgUpdatedTime = "og:updated_time",
    OgModifiedTime = "og:modified_time",
    ArticleModified = "article:modified",
    DateModified = "datemodified",
    DateUpdate = "dateupdate",
    DcModified = "dc.modified",
    DctermsModified = "dcterms.modified",
    DctermsColonModified = "dcterms:modified",
    LastModified = "last-modified",
    Lastmod = "lastmod",
    LastModifiedJoined = "lastmodified",
    ModifiedTime = "modified_time",
    UpdatedTime = "updated_time",
    CxenseModifiedTime = "cxenseparse:esp-modified_time",
    // Authors (`fields::authors::AUTHOR_META_KEYS`), and the label/value pairs of Twitter
    // cards ("Written by" / "Jane Doe").
    Author = "author",
    ArticleAuthor = "article:author",
    Byl = "byl",
    DcDotCreator = "dc.creator",
    DcColonCreator = "dc:creator",
    DctermsCreator = "dcterms.creator",
    ParselyAuthor = "parsely-author",
    SailthruAuthor = "sailthru.author",
    CitationAuthor = "citation_author",
    ShareaholicAuthorName = "shareaholic:article_author_name",
    Authors = "authors",
    Creator = "creator",
    TwitterLabel1 = "twitter:label1",
    TwitterData1 = "twitter:data1",
    TwitterLabel2 = "twitter:label2",
    TwitterData2 = "twitter:data2",
    TwitterLabel3 = "twitter:label3",
    TwitterData3 = "twitter:data3",
    TwitterLabel4 = "twitter:label4",
    TwitterData4 = "twitter:data4",
    // Sections and tags (`fields::topics`).
    ArticleSection = "article:section",
    ArticleTag = "article:tag",
    NewsKeywords = "news_keywords",
    Keywords = "keywords",
}

/// Whether an attribute name (as written; ASCII case ignored) is one of the short names.
pub(crate) fn is_short_name(name: &[u8]) -> bool {
    name.len() == 1
        && ReadAttr::ALL.iter().filter_map(|a| a.short_name()).any(|s| s.as_bytes().eq_ignore_ascii_case(name))
}

/// The attribute name a short name stands for: `Some` for a short name (as html5ever reads
/// it, lower case, no namespace).
pub(crate) fn full_name(local: &LocalName) -> Option<LocalName> {
    /// The names by the byte of their short name, made once from [`ReadAttr::ALL`].
    static BY_SHORT: LazyLock<[Option<LocalName>; 128]> = LazyLock::new(|| {
        std::array::from_fn(|c| {
            ReadAttr::ALL
                .iter()
                .find(|a| a.short_name().is_some_and(|s| s.as_bytes() == [c as u8]))
                .map(|a| a.local_name())
        })
    });
    let &[c] = local.as_bytes() else { return None };
    BY_SHORT.get(usize::from(c))?.clone()
}

/// Gives the attributes the pre-filter wrote with short names their names back (the tree
/// sink calls this for every element it creates, on pages written with short names).
#[inline]
pub(crate) fn restore_names(attrs: &mut [Attribute]) {
    for a in attrs {
        if a.name.ns == ns!()
            && a.name.prefix.is_none()
            && let Some(full) = full_name(&a.name.local)
        {
            a.name.local = full;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_name_finds_each_read_attribute_in_any_case() {
        for &a in ReadAttr::ALL {
            assert_eq!(ReadAttr::from_name(a.name().as_bytes()), Some(a), "{a:?}");
            assert_eq!(ReadAttr::from_name(a.name().to_ascii_uppercase().as_bytes()), Some(a), "{a:?}");
            assert_eq!(&*a.local_name(), a.name());
            assert!(a.name().len() <= LONGEST_NAME);
        }
        for a in ["", "data-x", "onclick", "classes", "i", "shadowrootserializablex", "a-very-long-attribute-name-here"]
        {
            assert_eq!(ReadAttr::from_name(a.as_bytes()), None, "{a}");
        }
    }

    #[test]
    fn short_names_are_one_letter_each_and_given_back() {
        let mut seen = std::collections::HashSet::new();
        for &a in ReadAttr::ALL {
            let Some(short) = a.short_name() else { continue };
            assert!(short.len() == 1 && seen.insert(short), "{short} twice");
            assert_eq!(full_name(&LocalName::from(short)).as_deref(), Some(a.name()));
            assert!(is_short_name(short.as_bytes()) && is_short_name(short.to_ascii_uppercase().as_bytes()));
            // What html5ever's tree builder reads keeps its name.
            assert_ne!(a.reader(), Reader::TreeBuilder, "{a:?}");
        }
        // Neither do names of two letters or fewer, nor those html5ever does not intern
        // (`data-*`: given back as strings).
        for a in [ReadAttr::Id, ReadAttr::Type, ReadAttr::Content, ReadAttr::HttpEquiv, ReadAttr::DataSrc] {
            assert_eq!(a.short_name(), None, "{a:?}");
        }
        assert_eq!(full_name(&LocalName::from("class")), None);
        assert_eq!(full_name(&LocalName::from("z")), None);
        assert!(!is_short_name(b"z") && !is_short_name(b"id"));
    }

    #[test]
    fn meta_keys_are_lower_case_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for k in MetaKey::ALL {
            assert!(k.key() == k.key().to_ascii_lowercase() && seen.insert(k.key()), "{k:?}");
        }
        assert!(META_KEY_ATTRIBUTES.iter().all(|a| a.reader() == Reader::Any));
    }

    #[test]
    fn from_key_finds_each_meta_key_in_any_case_and_nothing_else() {
        for (i, &k) in MetaKey::ALL.iter().enumerate() {
            assert_eq!(MetaKey::from_key(k.key().as_bytes()), Some(k));
            assert_eq!(MetaKey::from_key(k.key().to_ascii_uppercase().as_bytes()), Some(k));
            assert_eq!(k.index(), i);
        }
        for t in ["", "viewport", "og:title ", "twitter:label5", "x".repeat(100).as_str(), "dc.date.issued.x"] {
            assert_eq!(MetaKey::from_key(t.as_bytes()), None, "{t}");
        }
    }
}
