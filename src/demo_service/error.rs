//! The one error type of the demo service's public API.

use std::fmt;
use std::io;
use std::net::SocketAddr;

/// Why the demo service could not start: the address could not be bound, the
/// dataset is invalid, or an option is out of range.
#[derive(Debug)]
pub struct DemoError {
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Bind { addr: SocketAddr, source: io::Error },
    Dataset { location: String, message: String },
    Options(String),
}

impl DemoError {
    pub(super) fn bind(addr: SocketAddr, source: io::Error) -> Self {
        Self {
            kind: Kind::Bind { addr, source },
        }
    }

    /// A semantic dataset error at a JSON path such as `channels[0].members[3].id`.
    pub(super) fn dataset(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind: Kind::Dataset {
                location: location.into(),
                message: message.into(),
            },
        }
    }

    /// A JSON syntax or shape error, located by line and column.
    pub(super) fn dataset_json(err: &serde_json::Error) -> Self {
        let text = err.to_string();
        let message = match text.rsplit_once(" at line ") {
            Some((message, _)) => message.to_string(),
            None => text,
        };
        Self::dataset(
            format!("line {}, column {}", err.line(), err.column()),
            message,
        )
    }

    pub(super) fn options(message: impl Into<String>) -> Self {
        Self {
            kind: Kind::Options(message.into()),
        }
    }

    /// True when the listening address could not be bound (in use, not local, no permission).
    pub fn is_bind(&self) -> bool {
        matches!(self.kind, Kind::Bind { .. })
    }
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Bind { addr, source } => {
                write!(f, "demo service cannot listen on {addr}: {source}")
            }
            Kind::Dataset { location, message } => {
                write!(f, "invalid demo dataset at {location}: {message}")
            }
            Kind::Options(message) => write!(f, "invalid demo service option: {message}"),
        }
    }
}

impl std::error::Error for DemoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            Kind::Bind { source, .. } => Some(source),
            _ => None,
        }
    }
}
