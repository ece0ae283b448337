//! Arguments of `chime-prefs filter ...`.

use clap::{Args, Subcommand};

use crate::output::OutputFormat;

#[derive(Debug, Subcommand)]
pub enum FilterCommand {
    /// Lint a FilterRule against Chime's limits and test it against message attributes
    Check(FilterCheckArgs),
}

#[derive(Debug, Args)]
pub struct FilterCheckArgs {
    /// The rule as JSON text, or @FILE to read it from a file (@- for stdin)
    #[arg(long, value_name = "RULE|@FILE")]
    pub rule: String,
    /// Message attributes: {"k": {"StringValues": [..]}}, {"k": ["v"]} or {"k": "v"}; or @FILE
    #[arg(long, value_name = "JSON|@FILE")]
    pub attributes: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub output: OutputFormat,
}
