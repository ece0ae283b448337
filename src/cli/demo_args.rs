//! Arguments of `chime-prefs demo` and `chime-prefs serve-demo`.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::settings_args::{CallArgs, ConfigArg, LogArg};

/// `demo` calls its own embedded service with its own credentials and
/// region, so it has no AWS options; how calls behave still applies.
#[derive(Debug, Args, Clone, Default)]
pub struct DemoArgs {
    /// Delay every demo response by this many milliseconds (to watch loading states)
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency_ms: u64,
    #[command(flatten)]
    pub call: CallArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub log: LogArg,
}

#[derive(Debug, Args)]
pub struct ServeDemoArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:0", value_name = "HOST:PORT")]
    pub listen: String,
    /// A dataset file replacing the embedded one (same JSON format as assets/demo-data.json)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
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
    #[command(flatten)]
    pub log: LogArg,
}
