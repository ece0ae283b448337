//! Reports read back: the JSON that `diagnose`, `member` and `scan`
//! print (and the TUI saves) turned into a [`Report`] again, for
//! `chime-prefs open` and `chime-prefs diff`.
//!
//! The `"Report"` object is read first ([`Subject::from_document`]): a
//! document of another format version, of a kind this version does not
//! know, or with no subject at all is refused before its body is read.
//! The body is then rebuilt as the model the printers print
//! (`diagnosis`, `member`, `scan`), so that printing a report read back
//! gives the document again. What a document cannot carry is said in
//! each reader's notes (`call_error`, `member`, `scan`).
//!
//! Nothing in a file can panic the reader: it is size-capped
//! ([`MAX_REPORT_BYTES`]), every field is type-checked and named by its
//! JSON path when it is wrong, and values that the model keeps verbatim
//! (an AllowNotifications, an endpoint status, server text) are kept as
//! data and sanitised where they are shown.

mod call_error;
mod diagnosis;
mod error;
mod fields;
mod member;
mod preferences;
mod scan;

#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::Path;

use serde_json::Value;

pub use error::ReadError;

use super::{Body, Report, ReportKind, Subject, subject};
use fields::Fields;

/// The largest report read: a member of 20,000 channels or a scan of
/// 10,000 members, each with an error and its explanation, fits several
/// times over.
pub const MAX_REPORT_BYTES: usize = 64 * 1024 * 1024;

impl Report {
    /// A report from the JSON `diagnose`, `member` or `scan --output json`
    /// printed (or the TUI saved).
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        Report::from_slice(text.as_bytes())
    }

    /// [`Report::from_json`] of bytes as read from a file: not UTF-8 is
    /// a syntax error at its place.
    pub fn from_slice(bytes: &[u8]) -> Result<Report, ReadError> {
        if bytes.len() > MAX_REPORT_BYTES {
            return Err(ReadError::TooLarge {
                cap: MAX_REPORT_BYTES,
            });
        }
        let document: Value = serde_json::from_slice(bytes).map_err(|e| syntax(&e))?;
        Report::from_value(&document)
    }

    /// A report from a parsed document.
    pub fn from_value(document: &Value) -> Result<Report, ReadError> {
        if !document.is_object() {
            return Err(ReadError::NotAnObject {
                found: error::json_type(document),
            });
        }
        let subject = Subject::from_document(document)?;
        let root = Fields::of(document, "")?;
        // The time of the calls, as far as a report knows it.
        let at = subject::parse_time(&subject.captured_at).unwrap_or(std::time::UNIX_EPOCH);
        let body = match subject.kind {
            ReportKind::Diagnose => Body::Diagnosis(Box::new(diagnosis::diagnosis(&root)?)),
            ReportKind::Member => Body::Member(Box::new(member::member(&root, at)?)),
            ReportKind::Scan => Body::Scan(Box::new(scan::scan(&root, at)?)),
        };
        Ok(Report { subject, body })
    }

    /// A report from `reader` (a file, stdin), reading at most
    /// [`MAX_REPORT_BYTES`] and one byte more.
    pub fn read_from(reader: impl Read) -> Result<Report, ReadError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_REPORT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Io(e.to_string()))?;
        Report::from_slice(&bytes)
    }

    /// A report from the file at `path`.
    pub fn read_file(path: &Path) -> Result<Report, ReadError> {
        let file = std::fs::File::open(path).map_err(|e| ReadError::Io(io_text(&e)))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(ReadError::Io("it is a directory".into()));
        }
        Report::read_from(file)
    }
}

/// An I/O error in words, without the OS error number.
fn io_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn syntax(e: &serde_json::Error) -> ReadError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    ReadError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
        ends_early: e.classify() == serde_json::error::Category::Eof,
    }
}
