//! What goes into the update function, and what comes out of it.

use std::path::PathBuf;

use crossterm::event::{KeyEvent, MouseEvent};

use super::job::{Job, JobEvent, JobId};
use crate::report::Subject;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// A background job reported. Stale ids are dropped by the screens.
    Job {
        id: JobId,
        event: JobEvent,
    },
    /// A timer fired: spinner frame, watch fetch, toast expiry.
    Tick,
    /// SIGTERM or SIGHUP: leave as if `q` was pressed.
    Terminate,
    /// The runtime saved a report ([`Effect::Save`]), or says why not.
    Saved(Result<SavedFiles, String>),
    /// What the runtime found for `d` ([`Effect::FindSaved`] of this
    /// id), or why it could not look.
    LastSaved {
        id: JobId,
        result: Result<Found, String>,
    },
    /// Something the runtime could not do that the user should know (the
    /// history file cannot be written), for the footer.
    Notice(String),
}

/// Side effects the event loop carries out for the update function.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run `job` in the registry; it answers with `Msg::Job { id, .. }`.
    Start { id: JobId, job: Job },
    /// Stop job `id` (Esc, a newer request, a closed screen, quitting).
    Cancel { id: JobId },
    /// Put text on the clipboard through OSC 52.
    Copy { text: String },
    /// Append a finished lookup to the history file (`crate::history`).
    Remember(Box<crate::history::Record>),
    /// Write a report as Markdown and JSON into the reports directory;
    /// the runtime answers with [`Msg::Saved`].
    Save(Box<SaveReport>),
    /// Find the last report of `subject`'s kind, channel and member saved
    /// in the reports directory; the runtime answers with
    /// [`Msg::LastSaved`] of this id.
    FindSaved { id: JobId, subject: Box<Subject> },
}

/// A report to save: its two renderings and the name both files start
/// with (file-name safe; the runtime adds `-2`, `-3`… if it is taken).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    pub stem: String,
    pub markdown: String,
    pub json: String,
}

/// Where a report was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFiles {
    pub markdown: PathBuf,
    pub json: PathBuf,
    /// The directory as the footer says it (`~` for the home directory).
    pub dir_shown: String,
}

/// What the runtime found for `d`.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The most recent saved report of the subject other than the one on
    /// screen.
    Report(Box<crate::report::Report>),
    /// Only the report on screen itself was saved (same capture time).
    OnlyThisOne,
    /// No report of the subject was saved.
    Nothing,
}
