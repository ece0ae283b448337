//! Command-line interface. Flag names follow the AWS CLI.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::OutputFormat;

mod filter_args;
mod scan_args;

pub use filter_args::{FilterCheckArgs, FilterCommand};
pub use scan_args::{ScanArgs, ScanFormat};

const AFTER_HELP: &str = "\
Exit codes: 0 success, 1 the request failed (or, for scan, a member failed;
for filter check, the rule is invalid), 2 invalid input (nothing was sent).

Try it without an AWS account:
  chime-prefs demo";

#[derive(Debug, Parser)]
#[command(
    name = "chime-prefs",
    version,
    about = "Inspect and explain Amazon Chime SDK channel membership push-notification preferences",
    long_about = "Inspect and explain Amazon Chime SDK channel membership push-notification \
preferences (GetChannelMembershipPreferences). Read-only: chime-prefs never calls a mutating API.\n\n\
With no subcommand, opens the interactive TUI.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Named profile from ~/.aws/config (SSO profiles work) [env: AWS_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// AWS region; Chime SDK messaging is in us-east-1 and eu-central-1 [env: AWS_REGION]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Send requests to this URL instead of AWS, e.g. the demo service [env: AWS_ENDPOINT_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Time limit for a whole call, retries included [default: 10] [env: CHIME_PREFS_TIMEOUT]
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Attempts per call, retrying throttling and 5xx with backoff [default: 3] [env: AWS_MAX_ATTEMPTS]
    #[arg(long, global = true, value_name = "N")]
    pub max_attempts: Option<u32>,
    /// Config file [default: $XDG_CONFIG_HOME/chime-prefs/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write logs here (the TUI logs to the state directory by default; other commands only with this flag)
    #[arg(long, global = true, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up one member's push preferences on a channel (scriptable)
    Get(GetArgs),
    /// Open the interactive inspector (the default)
    Tui(TargetArgs),
    /// Start the embedded demo service and open the TUI against it (no AWS account needed)
    Demo(DemoArgs),
    /// Run the embedded demo service in the foreground
    ServeDemo(ServeDemoArgs),
    /// Work with FilterRules offline
    #[command(subcommand)]
    Filter(FilterCommand),
    /// Read every member's push preferences on a channel
    Scan(ScanArgs),
}

#[derive(Debug, Args, Clone, Default)]
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
}

#[derive(Debug, Args, Clone, Default)]
pub struct DemoArgs {
    /// Delay every demo response by this many milliseconds (to watch loading states)
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency_ms: u64,
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
}

#[derive(Debug, Args)]
pub struct ServeDemoArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:0", value_name = "HOST:PORT")]
    pub listen: String,
    /// A dataset file replacing the embedded one (same JSON format as assets/demo-data.json)
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Delay every response by this many milliseconds
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency_ms: u64,
    /// Answer at most this many requests per second; the rest get ThrottledClientException
    #[arg(long, value_name = "N")]
    pub tps: Option<u32>,
    /// Answer at most this many requests per second for each x-amz-chime-bearer, as Chime does (10 in us-east-1)
    #[arg(long, value_name = "N")]
    pub bearer_tps: Option<u32>,
}
