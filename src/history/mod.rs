//! The TUI's lookups, kept across runs in
//! `$XDG_STATE_HOME/chime-prefs/history.jsonl`: one JSON line per finished
//! lookup (ARNs, state or error, time, request id; the member's name and
//! the rule text only with `[ui] history_details = true`), the last
//! [`CAP`], readable by the user alone, safe with two TUIs running at once.
//!
//! - `record`: one line, written and read (read as hostile);
//! - `file`: loading, appending and compacting, under `lock`.
//!
//! The TUI reads it once at start (`crate::commands::tui`) and appends
//! through an effect its runtime carries out; the update function never
//! touches it.

mod file;
mod lock;
mod record;

pub use file::{CAP, HistoryFile, Loaded};
pub use record::{FORMAT, LineProblem, Outcome, Record};

/// Whether the history is kept: `--no-history` and `[ui] history = false`
/// turn it off (neither read nor written); the demo never keeps one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Off,
    On {
        /// `[ui] history_details`: the member's name and the rule text too.
        details: bool,
    },
}

impl Mode {
    pub fn is_on(self) -> bool {
        matches!(self, Mode::On { .. })
    }

    pub fn details(self) -> bool {
        matches!(self, Mode::On { details: true })
    }
}
