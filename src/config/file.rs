//! The config file as plain data (serde): every table and key the file may hold, each
//! optional so that a user file can be small. Unknown keys are errors that name them. The
//! compiled form of the `[[profile]]` tables is in `compile`; the `[fetch]` table is
//! [`FetchSpec`], which the fetch layer interprets, and `[serve]` is [`ServeSpec`].

use serde::Deserialize;

use super::fetch::FetchSpec;
use super::serve::ServeSpec;

/// A whole config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    /// `[[profile]]`: site profiles, tried in order.
    #[serde(default)]
    pub(super) profile: Vec<ProfileSpec>,
    /// `[fetch]`: HTTP settings of the fetch layer.
    #[serde(default)]
    pub(super) fetch: FetchSpec,
    /// `[serve]`: settings of the service layer (`pith serve`).
    #[serde(default)]
    pub(super) serve: ServeSpec,
}

/// One `[[profile]]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct ProfileSpec {
    pub(super) name: String,
    pub(super) hosts: Vec<String>,
    pub(super) markers: Vec<String>,
    pub(super) sites: Vec<SiteSpec>,
    pub(super) url: Option<UrlSpec>,
    pub(super) page_types: Vec<PageTypeSpec>,
    pub(super) root: SelectorsSpec,
    pub(super) title: SelectorsSpec,
    pub(super) subtitle: SelectorsSpec,
    pub(super) byline: BylineSpec,
    pub(super) date: SelectorsSpec,
    pub(super) categories: CategoriesSpec,
    pub(super) image: SelectorsSpec,
    pub(super) author_box: AuthorBoxSpec,
    pub(super) credit_line: CreditLineSpec,
    pub(super) notes: NotesSpec,
    pub(super) transcript: TranscriptSpec,
    pub(super) remove: Vec<RemoveSpec>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SiteSpec {
    pub(super) host: String,
    pub(super) name: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct UrlSpec {
    pub(super) id: Option<String>,
    pub(super) letter: Option<String>,
    pub(super) legacy_id: Option<String>,
    pub(super) legacy_letter: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageTypeSpec {
    #[serde(rename = "type")]
    pub(super) page_type: String,
    pub(super) path: Option<String>,
    pub(super) letter: Option<String>,
    pub(super) title: Option<String>,
    pub(super) body_heading: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct SelectorsSpec {
    pub(super) selectors: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct BylineSpec {
    pub(super) selectors: Vec<String>,
    pub(super) author_links: Option<String>,
    pub(super) max_chars: Option<usize>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct CategoriesSpec {
    pub(super) selectors: Vec<String>,
    pub(super) link_href: Option<String>,
    pub(super) separator: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct AuthorBoxSpec {
    pub(super) heading: Option<String>,
    pub(super) selectors: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct CreditLineSpec {
    pub(super) pattern: Option<String>,
    pub(super) role_words: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct NotesSpec {
    pub(super) patterns: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct TranscriptSpec {
    pub(super) heading: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RemoveSpec {
    pub(super) id: String,
    pub(super) kind: String,
    #[serde(default)]
    pub(super) scope: Option<String>,
    #[serde(default)]
    pub(super) selectors: Vec<String>,
    #[serde(default)]
    pub(super) text: Option<String>,
    #[serde(default)]
    pub(super) max_chars: Option<usize>,
    #[serde(default)]
    pub(super) heading: Option<String>,
    #[serde(default)]
    pub(super) box_max_chars: Option<usize>,
}
