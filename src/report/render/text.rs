//! Text for people: the subject stated plainly (who, which channel, where,
//! as whom, when, by which version), then what the command always printed.
//! `diagnose` keeps its verdict as the first line, the subject right after
//! it; `member` and `scan` start with the subject.

use std::fmt::Write as _;

use crate::explain::Context;
use crate::output::diagnosis::{checklist_text, verdict_text};
use crate::report::{Body, Report, ReportKind, Subject};
use crate::sanitize;

pub(super) fn text(report: &Report, ctx: &Context<'_>) -> String {
    let subject = subject_lines(&report.subject);
    match &report.body {
        Body::Diagnosis(d) => format!("{}{subject}\n{}", verdict_text(d), checklist_text(d, ctx)),
        Body::Member(results) => below(subject, crate::member::table::member_table(results)),
        Body::Scan(results) => below(subject, crate::scan::table::scan_text(results)),
    }
}

/// The subject, a blank line, and `rest` (no blank line when there is no
/// rest: a listing that failed at once is explained on stderr).
fn below(subject: String, rest: String) -> String {
    if rest.is_empty() {
        subject
    } else {
        format!("{subject}\n{rest}")
    }
}

/// One line per known field, labels aligned: `Member:   Bob  arn:...`.
pub(super) fn subject_lines(s: &Subject) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(arn) = &s.member_arn {
        let arn = sanitize::line(arn);
        rows.push((
            "Member",
            match &s.member_name {
                Some(name) => format!("{}  {arn}", sanitize::line(name)),
                None => arn.into_owned(),
            },
        ));
    }
    if let Some(arn) = &s.channel_arn {
        rows.push(("Channel", sanitize::line(arn).into_owned()));
    }
    if let Some(arn) = &s.bearer_arn {
        let label = match s.kind {
            ReportKind::Scan | ReportKind::Member => "Listed by",
            ReportKind::Diagnose => "Bearer",
        };
        rows.push((label, sanitize::line(arn).into_owned()));
    }
    if let Some(arn) = &s.admin_arn {
        let label = match s.kind {
            ReportKind::Diagnose => "Ban checked by",
            ReportKind::Scan | ReportKind::Member => "Admin",
        };
        rows.push((label, sanitize::line(arn).into_owned()));
    }
    for (label, value) in [
        ("Message", &s.message_id),
        ("Attributes", &s.message_attributes),
        ("Region", &s.region),
        ("Endpoint", &s.endpoint_url),
        ("Profile", &s.profile),
    ] {
        if let Some(value) = value {
            rows.push((label, sanitize::line(value).into_owned()));
        }
    }
    rows.push((
        "Captured",
        format!(
            "{}, {}",
            sanitize::line(&s.captured_at),
            sanitize::line(&s.tool)
        ),
    ));
    let width = rows.iter().map(|(l, _)| l.len() + 1).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        let _ = writeln!(out, "{:<width$}  {value}", format!("{label}:"));
    }
    out
}
