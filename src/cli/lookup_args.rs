//! Arguments of the commands that look one member up: `get`, and the TUI
//! (`chime-prefs tui`, or `chime-prefs` alone).

use clap::Args;

use crate::output::OutputFormat;

use super::settings_args::{AwsArgs, CallArgs, ConfigArg, LogArg};

/// The lookup to fill the TUI's form with.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Lookup (fills the form and fetches at once)")]
pub struct TargetArgs {
    /// The channel ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/channel/ID)
    #[arg(long, value_name = "ARN")]
    pub channel_arn: Option<String>,
    /// The member's AppInstanceUser or AppInstanceBot ARN
    #[arg(long, value_name = "ARN")]
    pub member_arn: Option<String>,
    /// Who makes the call (x-amz-chime-bearer); defaults to the member, the only one allowed to read
    #[arg(long, value_name = "ARN")]
    pub bearer_arn: Option<String>,
    /// An AppInstanceAdmin or moderator ARN, used only by the push-path screen's ban check (else `[aws] admin_arn`)
    #[arg(long, value_name = "ARN")]
    pub admin_arn: Option<String>,
}

impl TargetArgs {
    /// These fields, each one taken from `other` where it is not given here.
    pub fn or(&self, other: &TargetArgs) -> TargetArgs {
        TargetArgs {
            channel_arn: self
                .channel_arn
                .clone()
                .or_else(|| other.channel_arn.clone()),
            member_arn: self.member_arn.clone().or_else(|| other.member_arn.clone()),
            bearer_arn: self.bearer_arn.clone().or_else(|| other.bearer_arn.clone()),
            admin_arn: self.admin_arn.clone().or_else(|| other.admin_arn.clone()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self == &TargetArgs::default()
    }
}

/// `chime-prefs tui`, and `chime-prefs` with no sub-command.
#[derive(Debug, Args, Clone, Default)]
pub struct TuiArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
    /// Neither read nor write the lookup history ($XDG_STATE_HOME/chime-prefs/history.jsonl); also `[ui] history = false`
    #[arg(long, help_heading = "Files")]
    pub no_history: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// The channel ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/channel/ID)
    #[arg(long, value_name = "ARN")]
    pub channel_arn: String,
    /// The member's AppInstanceUser or AppInstanceBot ARN
    #[arg(long, value_name = "ARN")]
    pub member_arn: String,
    /// Who makes the call (x-amz-chime-bearer); defaults to the member, the only one allowed to read
    #[arg(long, value_name = "ARN")]
    pub bearer_arn: Option<String>,
    /// text for people; json prints exactly what the AWS CLI prints
    #[arg(long, value_enum, default_value = "text")]
    pub output: OutputFormat,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
}
