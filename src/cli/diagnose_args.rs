//! Arguments of `chime-prefs diagnose`.

use clap::Args;

use super::settings_args::{AwsArgs, CallArgs, ConfigArg, LogArg};

pub const DIAGNOSE_AFTER_HELP: &str = "\
Reads every link of the push path the APIs expose (membership, ban, preferences, filter rule,
device endpoints, and behind them the Pinpoint app, its push channels, the role Chime sends
with and that role's permission) and names the one that breaks. Read-only: only Get, List and
Simulate actions (IAM's query protocol sends them as POSTs).

Exit codes: 0 a push would arrive (yes), 1 it would not (no), 3 it depends on the message, or
a check could not run, got a value this version does not know, or was interrupted (depends,
unknown), 2 invalid input (nothing was sent).

Examples:
  chime-prefs diagnose --channel-arn C --member-arn M
  chime-prefs diagnose --channel-arn C --member-arn M --admin-arn A --message-id ID
  chime-prefs diagnose --channel-arn C --member-arn M --attributes '{\"mention\": \"alice\"}' --output json
  chime-prefs diagnose --channel-arn C --member-arn M --output markdown > ticket.md";

/// `--output` for `diagnose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnoseFormat {
    /// The verdict first, then what was asked, the checklist and the checks to make by hand
    Text,
    /// One JSON document: the "Report" object (what was asked, how, when), the verdict, the checks
    Json,
    /// For a ticket (GitHub, Jira, Zendesk): heading, verdict, checklist table, evidence, request ids
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The channel ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/channel/ID)
    #[arg(long, value_name = "ARN")]
    pub channel_arn: String,
    /// The member's AppInstanceUser or AppInstanceBot ARN
    #[arg(long, value_name = "ARN")]
    pub member_arn: String,
    /// An AppInstanceAdmin or channel moderator ARN, used only where the member's own bearer cannot see (the ban); [aws] admin_arn in the config sets it too
    #[arg(long, value_name = "ARN")]
    pub admin_arn: Option<String>,
    /// Judge this message: GetChannelMessage's MessageAttributes are what the filter rule saw
    #[arg(long, value_name = "ID", conflicts_with = "attributes")]
    pub message_id: Option<String>,
    /// Judge a message with these attributes: {"k": {"StringValues": ["v"]}}, {"k": ["v"]} or {"k": "v"}; or @FILE (@- for stdin)
    #[arg(long, value_name = "JSON|@FILE")]
    pub attributes: Option<String>,
    /// text for people (the verdict first, then what was asked); json for scripts (the "Report" object first); markdown for a ticket
    #[arg(long, value_enum, default_value = "text")]
    pub output: DiagnoseFormat,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
}
