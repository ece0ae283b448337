//! The Markdown of a report's subject: who the heading names, and the
//! block at the end saying what was asked, how and when.

use std::fmt::Write as _;

use crate::report::markdown::{code, text};
use crate::report::{ReportKind, Subject};

use super::short_arn;

/// The member as a heading names it: `Bob (`user/bob`)`, or the ARN's end
/// alone when no response gave a name.
pub fn who(s: &Subject) -> String {
    let id = s.member_arn.as_deref().map(short_arn).unwrap_or("?");
    match &s.member_name {
        Some(name) if !name.is_empty() => format!("{} ({})", text(name), code(id)),
        _ => code(id),
    }
}

/// The block every report ends with.
pub fn block(s: &Subject) -> String {
    let mut out = String::from("## Subject\n\n");
    let mut item = |label: &str, value: String| {
        let _ = writeln!(out, "- **{label}:** {value}");
    };
    if let Some(arn) = &s.member_arn {
        match &s.member_name {
            Some(name) => item("Member", format!("{}, {}", text(name), code(arn))),
            None => item("Member", code(arn)),
        }
    }
    if let Some(arn) = &s.channel_arn {
        item("Channel", code(arn));
    }
    if let Some(arn) = &s.bearer_arn {
        let label = match s.kind {
            ReportKind::Scan | ReportKind::Member => "Listed by",
            ReportKind::Diagnose => "Bearer",
        };
        item(label, code(arn));
    }
    if let Some(arn) = &s.admin_arn {
        let label = match s.kind {
            ReportKind::Diagnose => "Ban checked by",
            ReportKind::Scan | ReportKind::Member => "Admin",
        };
        item(label, code(arn));
    }
    for (label, value) in [
        ("Message", &s.message_id),
        ("Attributes", &s.message_attributes),
        ("Region", &s.region),
        ("Endpoint", &s.endpoint_url),
        ("Profile", &s.profile),
    ] {
        if let Some(value) = value {
            item(label, code(value));
        }
    }
    item("Command", code(&format!("chime-prefs {}", s.kind.as_str())));
    item("Captured", format!("{} (UTC)", code(&s.captured_at)));
    item("Tool", text(&s.tool));
    out
}
