//! Arguments of `chime-prefs scan`.

use clap::Args;

use crate::scan::{CONCURRENCY_RANGE, DEFAULT_MAX_ITEMS};

use super::settings_args::{AwsArgs, CallArgs, ConfigArg, LogArg};

/// `--output` for `scan` and `member`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScanFormat {
    /// What was asked, then aligned columns for people, with a summary line
    Table,
    /// One JSON document: the "Report" object (what was asked, how, when), then the rows in listing order, values verbatim, a summary
    Json,
    /// RFC 4180 CSV (CRLF line ends), one record per row
    Csv,
    /// For a ticket (GitHub, Jira, Zendesk): heading, summary, table, errors and request ids, what was asked
    Markdown,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The channel ARN
    #[arg(long, value_name = "ARN")]
    pub channel_arn: String,
    /// Who lists the members: a member, moderator or app-instance admin (each member's preferences are then read with the member's own ARN)
    #[arg(long, value_name = "ARN")]
    pub bearer_arn: String,
    /// Also list HIDDEN members
    #[arg(long)]
    pub include_hidden: bool,
    /// Lookups in flight at once (1-64) [default: 8, or [scan] concurrency in the config]
    #[arg(long, value_name = "N", value_parser = parse_concurrency)]
    pub concurrency: Option<usize>,
    /// List at most N members, then stop and say so (as the AWS CLI's --max-items)
    #[arg(long, value_name = "N", value_parser = parse_max_items, default_value_t = DEFAULT_MAX_ITEMS)]
    pub max_items: usize,
    /// table for people (what was asked first); json for scripts (the "Report" object first); csv, a record per member; markdown for a ticket
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

/// A positive whole number: `--max-items`.
pub fn parse_max_items(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "expected a whole number above 0".to_string())
}

/// A whole number in [`CONCURRENCY_RANGE`].
pub fn parse_concurrency(text: &str) -> Result<usize, String> {
    let range = CONCURRENCY_RANGE;
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "expected a whole number from {} to {}",
                range.start(),
                range.end()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrency_must_be_in_range() {
        assert_eq!(parse_concurrency("1"), Ok(1));
        assert_eq!(parse_concurrency("64"), Ok(64));
        for bad in ["0", "65", "-1", "eight", ""] {
            assert!(parse_concurrency(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn max_items_is_positive() {
        assert_eq!(parse_max_items("100000"), Ok(100_000));
        for bad in ["0", "-1", "many", ""] {
            assert!(parse_max_items(bad).is_err(), "{bad}");
        }
    }
}
