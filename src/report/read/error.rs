//! Why a report could not be read back, said so that the user knows what
//! to do: which line and column, which field (by its JSON path), which
//! value and what this version knows instead. Text from the file is
//! sanitised and cut short before it goes into a message.

use std::fmt;

use crate::report::SubjectError;

/// Values from the file are shown at most this many columns wide.
const SHOWN_COLUMNS: usize = 60;

/// A value from the file, safe and short enough for a message.
pub(crate) fn shown(raw: &str) -> String {
    crate::text_fit::truncate(&crate::sanitize::line(raw), SHOWN_COLUMNS)
}

/// Why a report could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file could not be read (the words of the I/O error).
    Io(String),
    /// Larger than [`MAX_REPORT_BYTES`](super::MAX_REPORT_BYTES).
    TooLarge { cap: usize },
    /// Not UTF-8, not JSON, or cut short (`ends_early`).
    Syntax {
        line: usize,
        column: usize,
        message: String,
        ends_early: bool,
    },
    /// The document's top is not a JSON object.
    NotAnObject { found: &'static str },
    /// The `"Report"` object is missing, of another format or kind, or
    /// broken.
    Subject(SubjectError),
    /// A field is missing.
    Missing { path: String },
    /// A field holds another JSON type than the one it must.
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A value this version does not know where the model keeps no
    /// unknowns (a check id, a status, an operation).
    UnknownValue {
        path: String,
        value: String,
        known: String,
    },
}

impl ReadError {
    /// `path` holds `found` where it must hold `expected` ("a string").
    pub fn wrong_type(path: &str, expected: &'static str, found: &serde_json::Value) -> ReadError {
        ReadError::WrongType {
            path: path.to_string(),
            expected,
            found: json_type(found),
        }
    }

    /// A value outside `known` (named in the message).
    pub fn unknown<I, S>(path: &str, value: &str, known: I) -> ReadError
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let known: Vec<String> = known.into_iter().map(|k| k.as_ref().to_string()).collect();
        ReadError::UnknownValue {
            path: path.to_string(),
            value: value.to_string(),
            known: known.join(", "),
        }
    }
}

/// The JSON type of a value, as a message names it.
pub(crate) fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(why) => write!(f, "it cannot be read: {}", shown(why)),
            ReadError::TooLarge { cap } => write!(
                f,
                "it is larger than {} MiB, the most a report may be: it is not a report chime-prefs wrote",
                cap / (1024 * 1024)
            ),
            ReadError::Syntax {
                line,
                column,
                ends_early: true,
                ..
            } => write!(
                f,
                "the file ends early (line {line}, column {column}): it was cut short while being written or copied"
            ),
            ReadError::Syntax {
                line,
                column,
                message,
                ..
            } => write!(
                f,
                "it is not JSON: line {line}, column {column}: {}",
                shown(message)
            ),
            ReadError::NotAnObject { found } => write!(
                f,
                "it is {found}, not a JSON object: it is not a chime-prefs report (diagnose, member or scan --output json)"
            ),
            ReadError::Subject(err) => write!(f, "{err}"),
            ReadError::Missing { path } => write!(f, "its {path} is missing"),
            ReadError::WrongType {
                path,
                expected,
                found,
            } => write!(f, "its {path} is {found}, not {expected}"),
            ReadError::UnknownValue { path, value, known } => write!(
                f,
                "its {path} is \"{}\", which this version ({}) does not know (it knows {known})",
                shown(value),
                crate::report::subject::tool_version()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<SubjectError> for ReadError {
    fn from(err: SubjectError) -> Self {
        ReadError::Subject(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_from_the_file_are_sanitised_and_cut_short() {
        let err = ReadError::unknown(
            "Checks[0].Id",
            &format!("\u{1b}[2J{}", "x".repeat(500)),
            ["arns"],
        );
        let text = err.to_string();
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(
            text.contains("Checks[0].Id") && text.contains('…'),
            "{text}"
        );
        assert!(text.len() < 300, "{text}");
    }
}
