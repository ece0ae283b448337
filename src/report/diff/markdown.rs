//! The changes as Markdown for a ticket: a heading, both capture times,
//! and one table row per change. Server text goes through
//! [`crate::report::markdown`] only.

use std::fmt::Write as _;

use crate::report::markdown::{code, text};

use super::{Change, Changes, Item, Values};

fn cell(values: Option<&Values>, absent: &str) -> String {
    match values {
        None => text(absent),
        Some(values) => values
            .iter()
            .map(|(key, value)| match *key {
                // Sentences read as text; values and rules as code.
                "Finding" | "Reason" | "Message" => format!("{key}: {}", text(value)),
                _ => format!("{key}: {}", code(value)),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn what(change: &Change) -> String {
    if change.item == Item::Verdict {
        return "verdict".to_string();
    }
    let mut out = format!("{} {}", change.item.as_str(), code(&change.key));
    if let Some(name) = change
        .name
        .as_deref()
        .filter(|n| !n.is_empty() && *n != change.key)
    {
        out.push_str(&format!(" ({})", text(name)));
    }
    out
}

pub(super) fn render(c: &Changes) -> String {
    let mut out = String::new();
    let s = &c.new.subject;
    let mut about = Vec::new();
    if let Some(member) = &s.member_arn {
        about.push(format!("member {}", code(member)));
    }
    if let Some(channel) = &s.channel_arn {
        about.push(format!("channel {}", code(channel)));
    }
    let _ = writeln!(
        out,
        "### chime-prefs diff: {}{}\n",
        c.kind.as_str(),
        if about.is_empty() {
            String::new()
        } else {
            format!(" of {}", about.join(" on "))
        }
    );
    out.push_str("| Report | Captured | Tool |\n|---|---|---|\n");
    for (label, side) in [("Old", &c.old), ("New", &c.new)] {
        let _ = writeln!(
            out,
            "| {label} | {} | {} |",
            code(side.captured_at()),
            text(&side.subject.tool)
        );
    }
    out.push('\n');
    if let Some(warning) = &c.subjects_differ {
        let _ = writeln!(out, "> **Warning:** {}\n", text(warning));
    }
    if c.is_empty() {
        out.push_str("**No change.**\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**{} change{}**, what now blocks a push first:\n",
        c.changes.len(),
        if c.changes.len() == 1 { "" } else { "s" }
    );
    out.push_str("| Importance | What | Change | Old | New |\n|---|---|---|---|---|\n");
    for change in &c.changes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            change.importance.as_str(),
            what(change),
            text(&change.what),
            cell(change.old.as_ref(), "(not there)"),
            cell(change.new.as_ref(), "(gone)"),
        );
    }
    out
}
