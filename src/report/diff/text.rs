//! The changes as text for people: who and when first, then each change
//! with its old and new values. Server text is sanitised.

use std::fmt::Write as _;

use crate::sanitize;

use super::{Change, Changes, Item, Values, subject_words};

fn heading(c: &Changes) -> String {
    format!(
        "the two {} reports of {}",
        c.kind.as_str(),
        sanitize::line(&subject_words(&c.new.subject))
    )
}

fn side(out: &mut String, label: &str, values: Option<&Values>, absent: &str) {
    let Some(values) = values else {
        let _ = writeln!(out, "      {label}  {absent}");
        return;
    };
    for (i, (key, value)) in values.iter().enumerate() {
        let lead = if i == 0 { label } else { "   " };
        let _ = writeln!(out, "      {lead}  {key}: {}", sanitize::line(value));
    }
}

/// `device Pixel 7 (e-123)`, `check preferences`, `channel arn:… (Support)`.
pub(super) fn title(change: &Change) -> String {
    if change.item == Item::Verdict {
        return "verdict".to_string();
    }
    let mut text = format!("{} {}", change.item.as_str(), change.key);
    if let Some(name) = change
        .name
        .as_deref()
        .filter(|n| !n.is_empty() && *n != change.key)
    {
        text.push_str(&format!(" ({name})"));
    }
    text
}

pub(super) fn render(c: &Changes) -> String {
    let mut out = String::new();
    let times = format!(
        "  old: captured {} by {}\n  new: captured {} by {}\n",
        sanitize::line(c.old.captured_at()),
        sanitize::line(&c.old.subject.tool),
        sanitize::line(c.new.captured_at()),
        sanitize::line(&c.new.subject.tool),
    );
    if c.is_empty() {
        let _ = writeln!(out, "No change between {}:", heading(c));
    } else {
        let _ = writeln!(out, "Compared {}:", heading(c));
    }
    out.push_str(&times);
    if let Some(warning) = &c.subjects_differ {
        let _ = writeln!(out, "warning: {}", sanitize::line(warning));
    }
    if c.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} change{}, what now blocks a push first:\n",
        c.changes.len(),
        if c.changes.len() == 1 { "" } else { "s" }
    );
    for change in &c.changes {
        let _ = writeln!(
            out,
            "  [{}] {}: {}",
            change.importance.as_str(),
            sanitize::line(&title(change)),
            sanitize::line(&change.what)
        );
        side(&mut out, "old", change.old.as_ref(), "(not there)");
        side(&mut out, "new", change.new.as_ref(), "(gone)");
    }
    out
}
