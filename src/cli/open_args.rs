//! Arguments of `chime-prefs open`.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::settings_args::{AwsArgs, CallArgs, ConfigArg, LogArg};

pub const OPEN_AFTER_HELP: &str = "\
Opens a report saved from the TUI (s), or the JSON that `diagnose`, `member` or `scan`
printed with --output json, in the TUI on the screen it came from: the push path, the
member screen or the channel view. Offline and read-only: nothing is called when it
opens, and the header says when the report was captured. r runs the same subject again
live (the same ARNs, admin or bearer) with this run's settings: --profile, --region and
--endpoint-url apply then.

Exit codes: 0 closed with q, 2 the file is not a report this version reads (another
format version, truncated, not JSON, too large), or there is no terminal.

Examples:
  chime-prefs open ~/.local/share/chime-prefs/reports/2026-11-30T00-53-20Z-bob-support.json
  chime-prefs diagnose --channel-arn C --member-arn M --output json > bob.json
  chime-prefs open bob.json";

/// `chime-prefs open FILE.json`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The report: a JSON file saved from the TUI, or printed by diagnose, member or scan --output json
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
}
