//! Reports: what `diagnose`, `member` and `scan` found, said so that a
//! colleague can read it in a ticket tomorrow. Every report names its
//! subject (what was asked, how and when: [`Subject`]) and carries its
//! body (the diagnosis, the member picture or the channel scan).
//!
//! - `subject`: the "Report" object every JSON document starts with;
//! - `markdown`: escaping server text for Markdown tables and paragraphs;
//! - `private_file`: files only the user can read (saved reports, history).
//!
//! The same [`Report`] is printed (`--output json|markdown|text`), saved
//! from the TUI (`s`), copied (`y`), reopened (`open`) and compared
//! (`diff`).

mod client;
pub mod diff;
pub mod markdown;
pub mod private_file;
pub mod read;
mod render;
pub mod subject;

pub use read::{MAX_REPORT_BYTES, ReadError};
pub use subject::{FORMAT, ReportKind, Subject, SubjectError};

use crate::diagnose::Diagnosis;
use crate::member::MemberResults;
use crate::scan::ScanResults;

/// What a report found.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `diagnose` and the push-path screen.
    Diagnosis(Box<Diagnosis>),
    /// `member` and the member screen.
    Member(Box<MemberResults>),
    /// `scan` and the channel screen.
    Scan(Box<ScanResults>),
}

impl Body {
    pub fn kind(&self) -> ReportKind {
        match self {
            Body::Diagnosis(_) => ReportKind::Diagnose,
            Body::Member(_) => ReportKind::Member,
            Body::Scan(_) => ReportKind::Scan,
        }
    }
}

/// A whole report: what was asked, and what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub subject: Subject,
    pub body: Body,
}
