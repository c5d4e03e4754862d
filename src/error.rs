//! Typed errors of the library.

use crate::article::ErrorKind;
use thiserror::Error;

/// Why a page gave no article.
///
/// New variants may be added: match with a wildcard arm.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The input has no bytes, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input is binary or otherwise not an HTML page.
    #[error("not an HTML page: {reason}")]
    NotHtml {
        /// What gave it away.
        reason: String,
    },
    /// The page is HTML, but everything it shows is link text, navigation or boilerplate: a
    /// home page of headline links, a navigation-only page, a frameset with no body.
    #[error("no article: everything the page shows is links, navigation or boilerplate")]
    NoArticle,
    /// The input is over the byte limit.
    #[error("input is {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The page builds more DOM nodes than the node limit allows.
    #[error("the page has more than {limit} DOM nodes (elements and comments), over the limit")]
    TooManyNodes {
        /// The limit.
        limit: usize,
    },
    /// The page nests elements deeper than the depth limit allows.
    #[error("the page nests elements more than {limit} deep, over the limit")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// Extraction ran past the page's time budget.
    #[error("extraction took longer than the time budget of {budget_ms} ms (stopped in {stage})")]
    BudgetExceeded {
        /// The pipeline stage that was running: `decode`, `parse`, `metadata`, `clean`, …
        stage: &'static str,
        /// The budget, in milliseconds.
        budget_ms: u64,
    },
}

impl ExtractError {
    /// The contract's error kind for this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ExtractError::Empty => ErrorKind::Empty,
            ExtractError::NotHtml { .. } => ErrorKind::NotHtml,
            ExtractError::NoArticle => ErrorKind::NoArticle,
            ExtractError::TooLarge { .. } | ExtractError::TooManyNodes { .. } | ExtractError::TooDeep { .. } => {
                ErrorKind::TooLarge
            }
            ExtractError::BudgetExceeded { .. } => ErrorKind::BudgetExceeded,
        }
    }
}

/// Why a value cannot be a page's URL (see [`crate::check_page_url`]). Its text is the
/// reason alone ("it is not absolute"); callers name the value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PageUrlError {
    /// A relative URL (`/news/story`, `story.html`) or no URL at all (`not a url`, ``).
    #[error("it is not absolute")]
    NotAbsolute,
    /// Another scheme than `http` or `https` (`javascript:`, `ftp:`, `file:`).
    #[error("its scheme is {scheme:?}")]
    Scheme {
        /// The scheme, lower case.
        scheme: String,
    },
    /// No host (`http://`).
    #[error("it has no host")]
    NoHost,
    /// Not a URL by the URL standard (an invalid port, host, …).
    #[error("{reason}")]
    Invalid {
        /// What the URL parser says.
        reason: String,
    },
}

/// A configuration file that cannot be used. The message names the key and why.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// TOML syntax or a value of the wrong type/unknown key.
    #[error("{path}: {message}")]
    Parse {
        /// Dotted key path, e.g. `profile[0].remove[3].kind`.
        path: String,
        /// Why.
        message: String,
    },
    /// A key has a value that cannot be used (bad regex, bad CSS selector, unknown kind).
    #[error("{key}: {message}")]
    Invalid {
        /// Dotted key path.
        key: String,
        /// Why.
        message: String,
    },
}
