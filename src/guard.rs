//! The two failures every layer (the binary, batch, fetch, eval) turns into a record the same
//! way: a panic while making a page's record (a bug: the page gets an `internal` error record
//! and the run goes on), and a page file that cannot be read.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::article::{ErrorKind, ErrorRecord, Record};

/// The message of the `internal` error record a panic gives.
const PANIC_MESSAGE: &str = "internal error: extraction panicked (a bug; please report it with the page)";

/// Runs `work`, which makes the record of `input`; a panic in it becomes an `internal` error
/// record for `input` (and `url`) instead of unwinding into the caller.
pub(crate) fn guarded(input: &str, url: Option<&str>, work: impl FnOnce() -> Record) -> Record {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Record::Error(ErrorRecord::new(input, url.map(str::to_string), ErrorKind::Internal, PANIC_MESSAGE))
    })
}

/// The error kind and message of a page file that cannot be read: `not_found` ("no such
/// file") or `io`.
pub(crate) fn file_read_error(error: &io::Error) -> (ErrorKind, String) {
    match error.kind() {
        io::ErrorKind::NotFound => (ErrorKind::NotFound, "no such file".to_string()),
        io::ErrorKind::IsADirectory => (ErrorKind::Io, "is a directory".to_string()),
        _ => (ErrorKind::Io, format!("cannot read: {error}")),
    }
}

impl ErrorRecord {
    /// The error record of a page file that cannot be read (`error` is what reading it gave):
    /// kind `not_found` when there is no such file, else `io`.
    pub fn unreadable(input: impl Into<String>, url: Option<String>, error: &io::Error) -> ErrorRecord {
        let (kind, message) = file_read_error(error);
        ErrorRecord::new(input, url, kind, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_record_for_the_input() {
        let record = guarded("page.html", Some("https://example.com/a"), || panic!("a bug"));
        let Record::Error(e) = record else { panic!("{record:?}") };
        assert_eq!(e.input, "page.html");
        assert_eq!(e.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(e.error.kind, ErrorKind::Internal);
        assert_eq!(e.error.message, PANIC_MESSAGE);
    }

    #[test]
    fn work_that_does_not_panic_gives_its_own_record() {
        let record = guarded("a", None, || Record::Error(ErrorRecord::new("a", None, ErrorKind::Empty, "empty")));
        assert!(matches!(record, Record::Error(e) if e.error.kind == ErrorKind::Empty));
    }

    #[test]
    fn read_errors_map_to_not_found_or_io() {
        let missing = std::fs::read("/nonexistent/pith/page.html").unwrap_err();
        assert_eq!(file_read_error(&missing), (ErrorKind::NotFound, "no such file".to_string()));
        let dir = std::fs::read(env!("CARGO_MANIFEST_DIR")).unwrap_err();
        assert_eq!(file_read_error(&dir), (ErrorKind::Io, "is a directory".to_string()));
        let other = io::Error::new(io::ErrorKind::PermissionDenied, "denied");
        assert_eq!(file_read_error(&other), (ErrorKind::Io, "cannot read: denied".to_string()));
        let record = ErrorRecord::unreadable("x.html", None, &missing);
        assert_eq!((record.input.as_str(), record.error.kind), ("x.html", ErrorKind::NotFound));
    }
}
