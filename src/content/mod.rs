//! The article's content, on the one parsed tree: the headline (`headline`, for both paths),
//! cleaning (`clean`: one ordered list of general passes), the main content by a site profile
//! (`profile`, the rules of `config.toml`) or the general extractor (`generic`), and the body
//! blocks (`blocks`). Which profile a page gets: `profile_choice`.

mod blocks;
mod clean;
mod generic;
mod headline;
mod images;
mod inline;
mod links;
mod paragraphs;
mod paywall_teasers;
mod profile;
mod profile_choice;
mod prose;

use ego_tree::NodeId;
use scraper::Html;
use url::Url;

use crate::article::Method;
use crate::config::Profile;
use crate::dom;
use crate::error::ExtractError;
use crate::limits::Deadline;

pub(crate) use blocks::{BodyBlock, merge_quotes};
pub(crate) use clean::{
    CAPTION_CLASS_PARTS, COOKIE_TOKENS, Cleaner, Protect, RECIPE_PART_TOKENS, before_content as clean_before_content,
};
pub(crate) use generic::UNLIKELY_WORD_LISTS;
pub(crate) use headline::find as find_headline;
pub(crate) use links::resolve_link;
pub(crate) use paywall_teasers::paywall_teaser_in;
pub(crate) use profile::ProfileOutput;
pub(crate) use profile_choice::ProfileChoice;
pub(crate) use prose::page_has_prose;

/// A profile body with fewer characters than this falls back to the general extractor.
const PROFILE_MIN_BODY_CHARS: usize = 150;

/// What the content stage found.
#[derive(Debug)]
pub(crate) struct Content<'c> {
    /// Which path made the body.
    pub method: Method,
    /// The profile whose rules found no body, when the general extractor ran instead.
    pub fell_back: Option<&'c Profile>,
    /// What the page's content says of the fields (the profile's finds; the general
    /// extractor's headline).
    pub found: ProfileOutput,
    /// The body blocks.
    pub body: Vec<BodyBlock>,
}

/// The main content of a cleaned page: by its site profile, else (no profile, or a profile
/// body shorter than [`PROFILE_MIN_BODY_CHARS`]) by the general extractor.
pub(crate) fn extract<'c>(
    doc: &mut Html,
    profile: Option<&'c Profile>,
    headline: Option<NodeId>,
    description: Option<&str>,
    base: Option<&Url>,
    cleaner: &mut Cleaner,
    deadline: &Deadline,
) -> Result<Content<'c>, ExtractError> {
    let found = profile.and_then(|p| profile::extract(doc, p, headline, base, cleaner));
    deadline.check("profile")?;
    let profile_body_chars: usize =
        found.as_ref().map_or(0, |f| f.blocks.iter().map(|b| b.block.plain_text().len()).sum());
    let found = match found {
        Some(mut found) if profile_body_chars >= PROFILE_MIN_BODY_CHARS => {
            let mut body = std::mem::take(&mut found.blocks);
            generic::drop_boilerplate_lines(doc, &mut body, cleaner);
            // Transcript turns take in the paragraphs after them: widget lines go first, or
            // an ad label between two turns would become part of a turn.
            if let Some(re) = profile.and_then(|p| p.transcript_heading.as_ref()) {
                blocks::apply_transcript(&mut body, re);
            }
            return Ok(Content { method: Method::Profile, fell_back: None, found, body });
        }
        found => found,
    };
    let still_there = headline.filter(|h| dom::is_attached(doc, *h));
    let generic = generic::extract(doc, still_there, description, base, cleaner);
    deadline.check("generic")?;
    let mut found = found.unwrap_or_default();
    if found.title.is_none() {
        found.title = generic.title;
    }
    Ok(Content { method: Method::Generic, fell_back: profile, found, body: generic.blocks })
}
