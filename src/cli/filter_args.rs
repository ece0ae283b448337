//! Arguments of `chime-prefs filter ...`.

use clap::{Args, Subcommand};

use crate::output::OutputFormat;

const CHECK_AFTER_HELP: &str = "\
Works offline: no AWS call is made.

Exit codes: 0 the message would notify (without --attributes: the rule is valid),
1 it would not notify, 2 an invalid rule (it breaks a limit or cannot be parsed: Chime would
reject it) or unusable arguments (unreadable @FILE, attributes that are not an attribute map,
empty --rule).

Examples:
  chime-prefs filter check --rule '{\"mention\": [\"Bob\"]}' --attributes '{\"mention\": \"Bob\"}'
  chime-prefs filter check --rule @rule.json --output json
  aws chime-sdk-messaging get-channel-membership-preferences ... \\
    --query Preferences.PushNotifications.FilterRule --output text \\
    | chime-prefs filter check --rule @-";

#[derive(Debug, Subcommand)]
pub enum FilterCommand {
    /// Lint a FilterRule against Chime's limits and test it against message attributes
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(FilterCheckArgs),
}

#[derive(Debug, Args)]
pub struct FilterCheckArgs {
    /// The rule as JSON text, or @FILE to read it from a file (@- for stdin; trailing line breaks and a UTF-8 BOM are dropped)
    #[arg(long, value_name = "RULE|@FILE")]
    pub rule: String,
    /// Message attributes to test the rule against: {"k": {"StringValues": ["v"]}}, {"k": ["v"]} or {"k": "v"}; or @FILE (@- for stdin)
    #[arg(long, value_name = "JSON|@FILE")]
    pub attributes: Option<String>,
    /// text for people; json is {"Valid", "SizeBytes", "Complexity", "Description", "Findings", "Verdict"}
    #[arg(long, value_enum, default_value = "text")]
    pub output: OutputFormat,
}
