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
    /// The input is over the byte limit.
    #[error("input is {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl ExtractError {
    /// The contract's error kind for this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ExtractError::Empty => ErrorKind::Empty,
            ExtractError::NotHtml { .. } => ErrorKind::NotHtml,
            ExtractError::TooLarge { .. } => ErrorKind::TooLarge,
        }
    }
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
