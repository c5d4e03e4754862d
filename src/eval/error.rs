//! Why a data set, a predictions file or a floors file cannot be used, and the two helpers
//! that make those errors.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a data set, a predictions file or a floors file cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line or value is not what the format says.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when it concerns the whole file).
        line: usize,
        /// Why.
        message: String,
    },
}

pub(super) fn read_to_string(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

pub(super) fn format_err(path: &Path, line: usize, message: impl Into<String>) -> EvalError {
    EvalError::Format { path: path.to_path_buf(), line, message: message.into() }
}
