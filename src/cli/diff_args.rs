//! Arguments of `chime-prefs diff`.

use clap::{Args, ValueEnum};

pub const DIFF_AFTER_HELP: &str = "\
Compares two reports of one kind: two diagnoses, two member pictures or two channel scans,
as diagnose, member or scan printed them with --output json (or the TUI saved them). Says what
changed, what now blocks a push first, with both capture times: the verdict, a check that went
from pass to fail, a device that became INACTIVE or was disabled, appeared or is gone, a
channel's or member's preference, channels or members added or removed, errors that appeared
or cleared. Works offline: no AWS call is made.

Exit codes: 0 no change, 1 changes found, 2 a report that cannot be read (not JSON, cut short,
another tool's, another format version) or two reports of different kinds.

Examples:
  chime-prefs diagnose --channel-arn C --member-arn M --output json > monday.json
  chime-prefs diagnose --channel-arn C --member-arn M --output json > today.json
  chime-prefs diff monday.json today.json
  chime-prefs diagnose --channel-arn C --member-arn M --output json | chime-prefs diff monday.json -
  chime-prefs diff monday.json today.json --output markdown";

/// `--output` for `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier report: a JSON file from diagnose, member or scan --output json, or - for stdin
    #[arg(value_name = "OLD.json")]
    pub old: String,
    /// The later report, of the same kind; - for stdin (one of the two at most)
    #[arg(value_name = "NEW.json")]
    pub new: String,
    /// text for people (what now blocks a push first); json for scripts; markdown for a ticket
    #[arg(long, value_enum, default_value = "text")]
    pub output: DiffFormat,
}
