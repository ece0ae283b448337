//! What changed between two reports of one kind: the answer to "it worked
//! last week". [`compare`] finds, with both capture times:
//! - the verdict that changed (`diagnose`);
//! - a check whose status changed, with both findings (`diagnose`, and
//!   the checks behind a member's devices);
//! - a device that became INACTIVE or muted, came back, appeared or is
//!   gone (a diagnosis's endpoints evidence, a member's `Endpoints`);
//! - a channel (`member`) or member (`scan`) whose preference changed,
//!   that was added or removed, or whose lookup now fails or works again;
//! - errors that appeared or cleared (a check's call, the listing, the
//!   device list).
//!
//! Changes are ordered by [`Importance`], what now blocks a push first,
//! with the verdict leading. [`Changes`] renders as text for people
//! (`to_text`), Markdown for a ticket (`to_markdown`) and JSON for
//! scripts (`to_json`), for `chime-prefs diff` and the TUI alike.

mod checks;
mod devices;
mod json;
mod markdown;
mod rows;
mod text;

#[cfg(test)]
mod tests;

use std::fmt;

use super::{Body, Report, ReportKind, Subject};

/// How much a change matters, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Importance {
    /// Now blocks a push: a check that now fails, a device that can no
    /// longer receive, a preference now NONE, a channel left.
    Blocks,
    /// Now worse without blocking for certain: an error that appeared, a
    /// check that now warns or could not run.
    Worse,
    /// Neither better nor worse by itself.
    Changed,
    /// Fixed: a check that passes again, a device back, an error cleared.
    Better,
}

impl Importance {
    pub const ALL: [Importance; 4] = [
        Importance::Blocks,
        Importance::Worse,
        Importance::Changed,
        Importance::Better,
    ];

    /// As the JSON and the text name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::Blocks => "blocks",
            Importance::Worse => "worse",
            Importance::Changed => "changed",
            Importance::Better => "better",
        }
    }
}

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Verdict,
    Check,
    Device,
    /// A channel of a member picture (or the diagnosis's channel).
    Channel,
    /// A member of a channel scan.
    Member,
    /// A call that failed outside any row or check (the listing, the
    /// device list) or a check's call.
    Error,
}

impl Item {
    pub fn as_str(self) -> &'static str {
        match self {
            Item::Verdict => "verdict",
            Item::Check => "check",
            Item::Device => "device",
            Item::Channel => "channel",
            Item::Member => "member",
            Item::Error => "error",
        }
    }
}

/// Named values of one side of a change, in display order (`Status`,
/// `Finding`; `AllowNotifications`, `FilterRule`; ...). Server text is
/// kept raw and escaped where it is shown.
pub type Values = Vec<(&'static str, String)>;

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub importance: Importance,
    pub item: Item,
    /// Which one: the check id, the device's label or endpoint id, the
    /// channel or member ARN, where the error was.
    pub key: String,
    /// The channel's, member's or device's name, when known (server text).
    pub name: Option<String>,
    /// What happened, in a few words: "pass → fail", "became INACTIVE",
    /// "added", "error appeared".
    pub what: String,
    /// Before; `None` when it was not there.
    pub old: Option<Values>,
    /// After; `None` when it is gone.
    pub new: Option<Values>,
}

/// One of the two reports compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub subject: Subject,
}

impl Side {
    pub fn captured_at(&self) -> &str {
        &self.subject.captured_at
    }
}

/// Everything that changed from `old` to `new`, most important first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub kind: ReportKind,
    pub old: Side,
    pub new: Side,
    /// The two reports are about different subjects (another member or
    /// channel): compared all the same, and said.
    pub subjects_differ: Option<String>,
    pub changes: Vec<Change>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Text for people; server text sanitised.
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// Markdown for a ticket; server text escaped.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// JSON for scripts (the shape is in README.md), indented by four
    /// spaces, trailing newline included.
    pub fn to_json(&self) -> String {
        json::render(self)
    }
}

/// Why two reports cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    /// A diagnosis and a member picture, say: nothing in common to compare.
    DifferentKinds { old: ReportKind, new: ReportKind },
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::DifferentKinds { old, new } => write!(
                f,
                "the old report is a {} report and the new one a {} report: only reports of one kind compare (diagnose with diagnose, member with member, scan with scan)",
                old.as_str(),
                new.as_str()
            ),
        }
    }
}

impl std::error::Error for DiffError {}

/// Who and where a subject is about, in words: "member
/// arn:…/user/bob on channel arn:…/channel/support".
pub(crate) fn subject_words(s: &Subject) -> String {
    let mut parts = Vec::new();
    if let Some(member) = &s.member_arn {
        parts.push(format!("member {member}"));
    }
    if let Some(channel) = &s.channel_arn {
        parts.push(format!(
            "{}channel {channel}",
            if parts.is_empty() { "" } else { "on " }
        ));
    }
    if parts.is_empty() {
        "no member or channel named".to_string()
    } else {
        parts.join(" ")
    }
}

fn subjects_differ(old: &Subject, new: &Subject) -> Option<String> {
    let same = old.member_arn == new.member_arn && old.channel_arn == new.channel_arn;
    (!same).then(|| {
        format!(
            "the reports are about different subjects: the old one is about {}, the new one about {}",
            subject_words(old),
            subject_words(new)
        )
    })
}

/// What changed from `old` to `new`. Reports of different kinds are
/// refused; reports about different subjects are compared, and
/// [`Changes::subjects_differ`] says so.
pub fn compare(old: &Report, new: &Report) -> Result<Changes, DiffError> {
    let mut changes = match (&old.body, &new.body) {
        (Body::Diagnosis(a), Body::Diagnosis(b)) => {
            let channel = new.subject.channel_arn.as_deref().unwrap_or_default();
            checks::diagnosis(a, b, channel)
        }
        (Body::Member(a), Body::Member(b)) => rows::member(a, b),
        (Body::Scan(a), Body::Scan(b)) => rows::scan(a, b),
        _ => {
            return Err(DiffError::DifferentKinds {
                old: old.body.kind(),
                new: new.body.kind(),
            });
        }
    };
    // The verdict leads; then what now blocks a push, and so on. Within
    // one importance, the reports' own order.
    changes.sort_by_key(|c| (c.item != Item::Verdict, c.importance));
    Ok(Changes {
        kind: new.body.kind(),
        old: Side {
            subject: old.subject.clone(),
        },
        new: Side {
            subject: new.subject.clone(),
        },
        subjects_differ: subjects_differ(&old.subject, &new.subject),
        changes,
    })
}
