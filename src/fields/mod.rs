//! The output fields, one function per field with its fallback chain, each returning its
//! value with the source it came from (`sourced`): `urls` (`url`, `canonical_url`), `site`
//! (`site.name`), `title` (`title`, `subtitle`, `description`), `authors`, `dates`
//! (`published`, `published_date`, `modified`), `topics` (`categories`, `tags`),
//! `profile_rules` (`page_type`, `source_id` by a site profile), `page_type` (elsewhere), `image`, `language`, `body` (`blocks`,
//! `text`, `links`, `word_count`).
//!
//! They choose among what the page states: `page_meta` reads its head metadata and JSON-LD
//! (`json_ld`), `visible` what it shows (headline elements by consensus with the metadata
//! titles in `titles`, bylines, dates, the deck, category and tag links), read before
//! cleaning. Helpers: `machine_date` and `visible_date` read dates, `date_sources` names the meta keys and URL shapes that state them, `person_names` bylines,
//! `last_resort_dates` reads dates on pages that state none elsewhere, `norm` compares texts, `entities` decodes what a page escaped twice. `assemble` makes the
//! article.

mod assemble;
mod authors;
mod body;
#[cfg(test)]
mod corpus_tests;
mod date_sources;
mod dates;
mod entities;
mod image;
mod json_ld;
mod language;
mod language_detect;
mod last_resort_dates;
mod machine_date;
mod norm;
mod page_meta;
mod page_type;
mod paywall;
mod person_names;
mod profile_rules;
mod site;
mod sourced;
mod title;
mod titles;
mod topics;
mod urls;
mod visible;
mod visible_date;

use ego_tree::NodeId;
use scraper::Html;

pub(crate) use assemble::{Parts, article};
pub(crate) use page_meta::PageMeta;
pub(crate) use urls::PageUrls;
pub(crate) use visible::{CLASS_WORD_LISTS as VISIBLE_CLASS_WORD_LISTS, Visible};

use crate::config::Profile;
use crate::dom::{ClassWords, TextLens};

/// What the page shows of its fields (see `visible`), read before cleaning; nothing on a page
/// a site profile covers (the profile reads its fields itself).
pub(crate) fn read_visible(
    doc: &Html,
    meta: &PageMeta,
    urls: &PageUrls,
    profile: Option<&Profile>,
    headline: Option<NodeId>,
    class_words: &ClassWords,
    lens: &TextLens,
) -> Visible {
    if profile.is_some() {
        return Visible::default();
    }
    let site_name = sourced::value(site::site_name(None, urls.host(), meta));
    let cx = visible::Context {
        meta,
        page_url: urls.page(),
        site_name: site_name.as_deref(),
        headline,
        order: assemble::numeric_order(meta),
        class_words,
        lens,
    };
    Visible::read(doc, &cx)
}
