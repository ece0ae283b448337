//! Arguments of `chime-prefs member`.

use clap::Args;

use super::scan_args::{ScanFormat, parse_concurrency, parse_max_items};
use super::settings_args::{AwsArgs, CallArgs, ConfigArg, LogArg};
use crate::scan::DEFAULT_MAX_ITEMS;

pub const MEMBER_AFTER_HELP: &str = "\
For the ticket that names no channel: lists every channel the member is in
(ListChannelMembershipsForAppInstanceUser), reads the member's push preferences on each
(GetChannelMembershipPreferences, the member as bearer) and judges the member's devices
once, as `diagnose` does. Read-only: every call is a GET.

Chime limits calls per bearer (10 per second in us-east-1, 5 in eu-central-1), and here
every call carries the member's: the run keeps to that pace from its first call, so a
member of 2,000 channels takes about 3 minutes. On a terminal the estimate is shown as
soon as the list is complete.

Exit codes: 0 every channel read, 1 a channel or the listing failed, the listing stopped at
--max-items, or the run was interrupted (the output says it is partial), 2 invalid input
(nothing was sent).

Examples:
  chime-prefs member --member-arn M
  chime-prefs member --member-arn M --admin-arn A --output json
  chime-prefs member --member-arn M --output markdown > ticket.md";

#[derive(Debug, Args)]
pub struct MemberArgs {
    /// The member's AppInstanceUser ARN
    #[arg(long, value_name = "ARN")]
    pub member_arn: String,
    /// An AppInstanceAdmin ARN to list the member's channels with (only an admin may list another user's); without it the member lists its own. [aws] admin_arn in the config sets it too
    #[arg(long, value_name = "ARN")]
    pub admin_arn: Option<String>,
    /// Lookups in flight at once (1-64) [default: 8]; the pace is the bearer's quota whatever it is
    #[arg(long, value_name = "N", value_parser = parse_concurrency)]
    pub concurrency: Option<usize>,
    /// List at most N channels, then stop and say so (as the AWS CLI's --max-items)
    #[arg(long, value_name = "N", value_parser = parse_max_items, default_value_t = DEFAULT_MAX_ITEMS)]
    pub max_items: usize,
    /// table for people (what was asked first); json for scripts (the "Report" object first); csv, a record per channel; markdown for a ticket
    #[arg(long, value_enum, default_value = "table")]
    pub output: ScanFormat,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
}
