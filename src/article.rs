//! The article model: the serde types of the output contract (`docs/contract.md`).
//!
//! Every field is always serialised (`null` or `[]` when not found), in the contract's order.
//! The JSON Schema in `schema/article.schema.json` is generated from these types.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The contract version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One output line: an article or an error record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Record {
    /// `"status": "ok"`.
    Article(Box<Article>),
    /// `"status": "error"`.
    Error(ErrorRecord),
}

/// The `status` of an article record: always `"ok"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OkStatus {
    /// An article was extracted.
    Ok,
}

/// The `status` of an error record: always `"error"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorStatus {
    /// No article: see `error`.
    Error,
}

/// A clean article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    /// `1` for this contract.
    pub schema_version: u32,
    /// Always `"ok"`.
    pub status: OkStatus,
    /// Where it came from: the file path (`-` for stdin), the URL asked for, a filter line id.
    pub input: String,
    /// The page's URL (final URL, `--url`, or the page's own canonical link / og:url).
    pub url: Option<String>,
    /// `<link rel=canonical>`, `og:url` or JSON-LD `url`, else `url`.
    pub canonical_url: Option<String>,
    /// The site: name and host.
    pub site: Site,
    /// The site profile the page matched, or `"generic"`.
    pub profile: String,
    /// What kind of page this is.
    pub page_type: Option<PageType>,
    /// The site's own stable id (ISMG: `a-15003`).
    pub source_id: Option<String>,
    /// The headline, without the site-name suffix.
    pub title: Option<String>,
    /// The deck / sub-headline.
    pub subtitle: Option<String>,
    /// The authors, in byline order.
    pub authors: Vec<Author>,
    /// People credited in a credit line ("X contributed to this report").
    pub contributors: Vec<Contributor>,
    /// ISO 8601 date or date-time, as the page states it.
    pub published: Option<String>,
    /// The calendar day of `published` as the page states it (`YYYY-MM-DD`): set whenever
    /// `published` is, so that tables and sorts need no date parsing.
    pub published_date: Option<String>,
    /// ISO 8601 date or date-time of the last update.
    pub modified: Option<String>,
    /// The topic/section line.
    pub categories: Vec<String>,
    /// Keywords/tags where the page lists them.
    pub tags: Vec<String>,
    /// Meta / OpenGraph / JSON-LD description.
    pub description: Option<String>,
    /// BCP 47 language code.
    pub language: Option<String>,
    /// The lead image.
    pub image: Option<Image>,
    /// Editor's notes about the article itself.
    pub notes: Vec<String>,
    /// The body in reading order.
    pub blocks: Vec<Block>,
    /// The body as plain text: blocks joined by a blank line.
    pub text: String,
    /// Links inside the body, in reading order.
    pub links: Vec<Link>,
    /// Unicode words (UAX #29) in `text`.
    pub word_count: u64,
    /// How the page was read.
    pub source: Source,
    /// With `--explain`: every block taken out or moved into a field, in page order.
    pub removed: Option<Vec<Removal>>,
    /// With `--explain`: where each field's value came from.
    pub sources: Option<Sources>,
    /// What went wrong but did not stop extraction.
    pub warnings: Vec<Warning>,
    /// Which extractor produced this.
    pub extractor: ExtractorInfo,
}

/// Where each field's value came from (`--explain`): a source name such as
/// `"json-ld:datePublished"`, `"meta:og:title"`, `"byline:a[rel=author]"`, `"text:byline"`,
/// `"h1"`, `"url"`; a site profile's rule as `"profile:<rule>"` (`"profile:title"`,
/// `"profile:byline"`); null where the field has no value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sources {
    /// Of `site.name`.
    pub site_name: Option<String>,
    /// Of `canonical_url`.
    pub canonical_url: Option<String>,
    /// Of `title`.
    pub title: Option<String>,
    /// Of `subtitle`.
    pub subtitle: Option<String>,
    /// Of `authors`.
    pub authors: Option<String>,
    /// Of `published` (and `published_date`).
    pub published: Option<String>,
    /// Of `modified`.
    pub modified: Option<String>,
    /// Of `categories`.
    pub categories: Option<String>,
    /// Of `tags`.
    pub tags: Option<String>,
    /// Of `description`.
    pub description: Option<String>,
    /// Of `language`.
    pub language: Option<String>,
    /// Of `image`.
    pub image: Option<String>,
}

/// `{"name", "host"}` of the site.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Site {
    /// Brand name, e.g. "BankInfoSecurity".
    pub name: Option<String>,
    /// Host name of the page URL.
    pub host: Option<String>,
}

/// The kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PageType {
    Article,
    Blog,
    Interview,
    Video,
    Roundup,
    Webinar,
    Whitepaper,
    Other,
}

impl PageType {
    /// Parses the config/contract spelling (`"article"`, …).
    pub fn from_name(name: &str) -> Option<PageType> {
        Some(match name {
            "article" => PageType::Article,
            "blog" => PageType::Blog,
            "interview" => PageType::Interview,
            "video" => PageType::Video,
            "roundup" => PageType::Roundup,
            "webinar" => PageType::Webinar,
            "whitepaper" => PageType::Whitepaper,
            "other" => PageType::Other,
            _ => return None,
        })
    }
}

/// An author.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Author {
    /// Clean name, without handles such as `(@jdoe)`.
    pub name: String,
    /// Job line from the author box.
    pub role: Option<String>,
    /// Biography from the author box.
    pub bio: Option<String>,
    /// Author page URL.
    pub url: Option<String>,
}

/// A person credited in a credit line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contributor {
    /// Name.
    pub name: String,
    /// Job title stated in the credit line.
    pub role: Option<String>,
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Image {
    /// Absolute URL.
    pub url: String,
    /// `alt` text.
    pub alt: Option<String>,
    /// Caption shown with it.
    pub caption: Option<String>,
}

/// One body block. Consumers must accept kinds they do not know (the contract adds kinds
/// without a new `schema_version`); the schema says so (see [`open_block_kinds`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(transform = open_block_kinds)]
#[non_exhaustive]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Whitespace-collapsed text.
        text: String,
        /// Inline structure of `text`.
        #[serde(default)]
        spans: Vec<Span>,
    },
    /// A sub-heading; the headline is level 1, the body's top sub-headings level 2.
    Heading {
        /// Level relative to the article.
        level: u8,
        /// Text.
        text: String,
        /// Inline structure of `text`.
        #[serde(default)]
        spans: Vec<Span>,
    },
    /// A list.
    List {
        /// Numbered list.
        ordered: bool,
        /// Item texts, nested lists flattened after their parent item.
        items: Vec<String>,
        /// The number of the first item of an ordered list (`<ol start>`, else 1); null for
        /// an unordered one.
        #[serde(default)]
        start: Option<i64>,
        /// The items with their inline structure and nesting: `items` is their texts in
        /// pre-order.
        #[serde(default)]
        entries: Vec<ListEntry>,
    },
    /// A quotation.
    Quote {
        /// Text: its paragraphs joined by a blank line.
        text: String,
        /// Inline structure of `text`.
        #[serde(default)]
        spans: Vec<Span>,
        /// Its paragraphs (`text` is them joined by `"\n\n"`).
        #[serde(default)]
        paragraphs: Vec<String>,
        /// Who or what is quoted, where the page names it apart from the quotation
        /// (`<cite>`, `<footer>`, a figure's caption).
        #[serde(default)]
        cite: Option<String>,
    },
    /// A table.
    Table {
        /// Rows of cell texts.
        rows: Vec<Vec<String>>,
        /// Inline structure of each cell: `cell_spans[r][c]` belongs to `rows[r][c]`.
        #[serde(default)]
        cell_spans: Vec<Vec<Vec<Span>>>,
    },
    /// Preformatted code, whitespace kept.
    Code {
        /// Text.
        text: String,
        /// The language the page names (`class="language-x"`, `lang-x`, `data-lang`), lower
        /// case.
        #[serde(default)]
        language: Option<String>,
    },
    /// One turn of a transcript.
    Transcript {
        /// Who speaks.
        speaker: String,
        /// What they say.
        text: String,
        /// Inline structure of `text`.
        #[serde(default)]
        spans: Vec<Span>,
    },
    /// A picture of the body, at its place. Adds nothing to `text`, `word_count` or `links`.
    Image {
        /// Absolute URL.
        url: String,
        /// `alt` text.
        alt: Option<String>,
        /// Caption shown with it.
        caption: Option<String>,
        /// Credit line (photographer, agency).
        credit: Option<String>,
    },
}

impl Block {
    /// A paragraph without inline structure.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into(), spans: Vec::new() }
    }

    /// The block's plain text as it appears in `text` (empty for an image, which adds
    /// nothing to `text`).
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. }
            | Block::Code { text, .. } => text.clone(),
            Block::List { items, .. } => items.join("\n"),
            Block::Table { rows, .. } => rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n"),
            Block::Transcript { speaker, text, .. } => format!("{speaker}: {text}"),
            Block::Image { .. } => String::new(),
        }
    }

    /// The entries of a list block: its `entries`, or, for a list written without them (an
    /// older record, a hand-built block), one plain entry per item; empty for other kinds.
    /// What the Markdown and HTML renderings draw a list from.
    pub fn list_entries(&self) -> Cow<'_, [ListEntry]> {
        match self {
            Block::List { entries, .. } if !entries.is_empty() => Cow::Borrowed(entries),
            Block::List { items, .. } => Cow::Owned(items.iter().map(ListEntry::plain).collect()),
            _ => Cow::Borrowed(&[]),
        }
    }

    /// Whether the block has a part in `text` (every kind but `image`).
    pub fn is_text(&self) -> bool {
        !matches!(self, Block::Image { .. })
    }
}

/// The names of the block kinds this build writes.
pub const BLOCK_KINDS: &[&str] = &["paragraph", "heading", "list", "quote", "table", "code", "transcript", "image"];

/// The schema of a block: one of the kinds above, each checked in full, or an object whose
/// `kind` is none of them (a kind added later), which consumers skip or show as text.
fn open_block_kinds(schema: &mut schemars::Schema) {
    let Some(known) = schema.get("oneOf").cloned() else { return };
    let other = serde_json::json!({
        "description": "A block of a kind added after this schema: consumers skip it, or show its `text` if it has one.",
        "type": "object",
        "properties": {"kind": {"type": "string", "not": {"enum": BLOCK_KINDS}}},
        "required": ["kind"]
    });
    let mut kinds = match known {
        serde_json::Value::Array(a) => a,
        _ => return,
    };
    kinds.push(other);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("oneOf".into(), serde_json::Value::Array(kinds));
    }
}

/// An inline part of a block's text: a link, emphasis, code, a line break, …
///
/// `start` and `end` count Unicode scalar values (not bytes, not UTF-16 units) into the
/// block's `text`; `start < end`. Spans nest (a link inside bold text) but do not cross.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What it is.
    pub kind: SpanKind,
    /// The absolute URL of a `link`; null for the other kinds.
    pub url: Option<String>,
}

/// The kind of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpanKind {
    /// A link (`<a href>`), with its absolute URL.
    Link,
    /// Emphasis (`<em>`, `<i>`).
    Em,
    /// Strong importance (`<strong>`, `<b>`).
    Strong,
    /// Code (`<code>`, `<kbd>`, `<samp>`, `<tt>`).
    Code,
    /// A line break (`<br>`): the one space of `text` that stands for it.
    Br,
    /// Subscript.
    Sub,
    /// Superscript.
    Sup,
}

/// One item of a list, with its inline structure and its nested items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ListEntry {
    /// The item's own text (without its nested items).
    pub text: String,
    /// Inline structure of `text`.
    pub spans: Vec<Span>,
    /// Items of lists nested in this one.
    pub children: Vec<ListEntry>,
    /// Whether the list of `children` is numbered (`<ol>` inside a `<ul>` item, or the
    /// reverse); null when the item has no children.
    #[serde(default)]
    pub children_ordered: Option<bool>,
    /// The number of the first child when `children_ordered` (`<ol start>`, else 1); null
    /// otherwise.
    #[serde(default)]
    pub children_start: Option<i64>,
}

impl ListEntry {
    /// An item of plain text, without spans or children.
    pub fn plain(text: impl Into<String>) -> ListEntry {
        ListEntry {
            text: text.into(),
            spans: Vec::new(),
            children: Vec::new(),
            children_ordered: None,
            children_start: None,
        }
    }
}

/// A link inside the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    /// Anchor text.
    pub text: String,
    /// Absolute URL.
    pub url: String,
}

/// How the page was read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// RFC 3339 time of the fetch; null for saved files.
    pub fetched_at: Option<String>,
    /// HTTP status; null for saved files.
    pub http_status: Option<u16>,
    /// HTTP Content-Type; null for saved files.
    pub content_type: Option<String>,
    /// The label the bytes were decoded with (e.g. "UTF-8", "windows-1252").
    pub encoding: Option<String>,
}

/// Why a block was taken out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum RemovalKind {
    Navigation,
    Header,
    Footer,
    Sidebar,
    Promo,
    CookieNotice,
    AuthorBox,
    Related,
    Share,
    Newsletter,
    Ad,
    Modal,
    Comments,
    Caption,
    Duplicate,
    Hidden,
    Metadata,
    Other,
}

impl RemovalKind {
    /// Parses the contract spelling (`"cookie_notice"`, …).
    pub fn from_name(name: &str) -> Option<RemovalKind> {
        use RemovalKind::*;
        Some(match name {
            "navigation" => Navigation,
            "header" => Header,
            "footer" => Footer,
            "sidebar" => Sidebar,
            "promo" => Promo,
            "cookie_notice" => CookieNotice,
            "author_box" => AuthorBox,
            "related" => Related,
            "share" => Share,
            "newsletter" => Newsletter,
            "ad" => Ad,
            "modal" => Modal,
            "comments" => Comments,
            "caption" => Caption,
            "duplicate" => Duplicate,
            "hidden" => Hidden,
            "metadata" => Metadata,
            "other" => Other,
            _ => return None,
        })
    }
}

/// One entry of `removed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Removal {
    /// What it was.
    pub kind: RemovalKind,
    /// The config rule id or heuristic name that removed it.
    pub rule: String,
    /// The block's first 200 characters.
    pub text: String,
}

/// Stable warning codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The charset was neither in a BOM, the HTTP header nor the page: it was detected.
    CharsetGuessed,
    /// The byline and metadata disagree on the date.
    DateAmbiguous,
    /// The body is suspiciously short.
    ShortBody,
    /// The site profile matched but its rules found no article: the general extractor ran.
    ProfileFellBack,
    /// No title was found.
    NoTitle,
    /// Bytes that are invalid in the page's encoding were replaced.
    DecodeReplaced,
    /// The charset of the HTTP header contradicts the bytes (a header saying `iso-8859-1`
    /// for UTF-8 bytes gives mojibake): the header was followed.
    CharsetConflict,
    /// The page declares one language and its text is clearly in another: the text's wins.
    LanguageConflict,
    /// The publisher marks the content as not free (JSON-LD `isAccessibleForFree: false`), or
    /// the body ends in a paywall teaser: the body may be the free part only.
    Paywalled,
}

/// A non-fatal problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// Human-readable detail.
    pub message: String,
}

/// Which method produced the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The site profile's rules.
    Profile,
    /// The general extractor.
    Generic,
}

/// `{"name": "pith", "version", "method"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExtractorInfo {
    /// Always "pith".
    pub name: String,
    /// pith's version.
    pub version: String,
    /// Which method produced the body.
    pub method: Method,
}

/// A record for an input that gave no article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorRecord {
    /// `1` for this contract.
    pub schema_version: u32,
    /// Always `"error"`.
    pub status: ErrorStatus,
    /// Where it came from.
    pub input: String,
    /// The URL, when known.
    pub url: Option<String>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The `error` object of an error record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Stable kind.
    pub kind: ErrorKind,
    /// Human-readable message.
    pub message: String,
    /// HTTP status for `http_status`, else null.
    pub status: Option<u16>,
}

/// Stable error kinds of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum ErrorKind {
    NotFound,
    Io,
    Empty,
    HttpStatus,
    Timeout,
    Connect,
    Tls,
    TooManyRedirects,
    RobotsDenied,
    NotHtml,
    NoArticle,
    TooLarge,
    BudgetExceeded,
    Decode,
    InvalidInput,
    Truncated,
    Internal,
    Blocked,
}

impl ErrorRecord {
    /// An error record for `input`.
    pub fn new(input: impl Into<String>, url: Option<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorRecord {
            schema_version: SCHEMA_VERSION,
            status: ErrorStatus::Error,
            input: input.into(),
            url,
            error: ErrorInfo { kind, message: message.into(), status: None },
        }
    }

    /// Sets `error.status`: the HTTP status of an `http_status` error.
    pub fn with_status(mut self, status: Option<u16>) -> Self {
        self.error.status = status;
        self
    }
}
