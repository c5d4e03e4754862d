//! The output fields, one function per field with its fallback chain, each returning its
//! value with the source it came from (`sourced`): `urls` (`url`, `canonical_url`), `site`
//! (`site.name`), `title` (`title`, `description`), `authors`, `dates` (`published`,
//! `modified`), `topics` (`categories`, `tags`), `profile_rules` (`page_type`,
//! `source_id`), `image`, `language`, `body` (`blocks`, `text`, `links`, `word_count`).
//! `page_meta` reads the page's own metadata (head `<meta>`, JSON-LD) that they choose
//! from; `assemble` makes the article.

mod assemble;
mod authors;
mod body;
mod dates;
mod image;
mod language;
mod page_meta;
#[allow(dead_code)] // wired in by the metadata rules
pub(crate) mod person_names;
mod profile_rules;
mod site;
mod sourced;
mod title;
mod topics;
mod urls;
#[allow(dead_code)] // wired in by the metadata rules
pub(crate) mod visible_date;

pub(crate) use assemble::{Parts, article};
pub(crate) use page_meta::PageMeta;
pub(crate) use urls::PageUrls;
