//! Arguments of `chime-prefs scan`.

use clap::Args;

/// `--output` for `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScanFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The channel ARN
    #[arg(long, value_name = "ARN")]
    pub channel_arn: String,
    /// Who lists the members: a member, moderator or app-instance admin
    #[arg(long, value_name = "ARN")]
    pub bearer_arn: String,
    /// Also list HIDDEN members
    #[arg(long)]
    pub include_hidden: bool,
    /// Lookups in flight at once (1-64) [default: 8, or [scan] concurrency in the config]
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    #[arg(long, value_enum, default_value = "table")]
    pub output: ScanFormat,
}
