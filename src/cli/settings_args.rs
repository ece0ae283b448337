//! The setting flags, in groups, so that each command lists only the groups
//! it honours: `get`, `scan` and the TUI take them all; `demo` only how
//! calls behave (it always calls its own service); `serve-demo` only the
//! log; `filter check` none.
//!
//! A group can also be given before the sub-command, AWS CLI style
//! (`chime-prefs --profile support get ...`); [`super::Cli::settings`] merges
//! the two places into one [`GlobalArgs`] and refuses a flag that the
//! sub-command does not honour.

use std::path::PathBuf;

use clap::{Args, ValueHint};

/// Where calls go: the AWS account, the region, the endpoint.
#[derive(Debug, Args, Default, Clone, PartialEq)]
#[command(next_help_heading = "AWS options")]
pub struct AwsArgs {
    /// Named profile from ~/.aws/config (SSO profiles work) [env: AWS_PROFILE, AWS_DEFAULT_PROFILE]
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Every call goes to its ARN's region; if given, this must name the same one (Chime SDK runs in us-east-1 and eu-central-1). AWS_REGION and AWS_DEFAULT_REGION are not used
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Send requests to this URL instead of AWS, e.g. the demo service [env: AWS_ENDPOINT_URL]
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
    pub endpoint_url: Option<String>,
}

/// How calls behave: how long they may take, how often they are tried.
#[derive(Debug, Args, Default, Clone, PartialEq)]
#[command(next_help_heading = "Call options")]
pub struct CallArgs {
    /// Time limit for a whole call, retries included [default: 10] [env: CHIME_PREFS_TIMEOUT]
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Attempts per call, retrying throttling and 5xx with backoff [default: 3] [env: AWS_MAX_ATTEMPTS]
    #[arg(long, value_name = "N")]
    pub max_attempts: Option<u32>,
}

/// The config file.
#[derive(Debug, Args, Default, Clone, PartialEq)]
#[command(next_help_heading = "Files")]
pub struct ConfigArg {
    /// Config file [default: $XDG_CONFIG_HOME/chime-prefs/config.toml]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,
}

/// The log file.
#[derive(Debug, Args, Default, Clone, PartialEq)]
#[command(next_help_heading = "Files")]
pub struct LogArg {
    /// Write logs here; the TUI logs to $XDG_STATE_HOME/chime-prefs by default, other commands only with this flag [level: env CHIME_PREFS_LOG]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub log_file: Option<PathBuf>,
}

/// Every setting flag of the command being run, wherever it was given.
/// Not parsed by clap itself: [`super::Cli::settings`] builds it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct GlobalArgs {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub timeout: Option<f64>,
    pub max_attempts: Option<u32>,
    pub config: Option<PathBuf>,
    pub log_file: Option<PathBuf>,
}

/// The groups one sub-command honours (None: it has no such flags).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Honoured<'a> {
    pub aws: Option<&'a AwsArgs>,
    pub call: Option<&'a CallArgs>,
    pub config: Option<&'a ConfigArg>,
    pub log: Option<&'a LogArg>,
}

/// The groups given before the sub-command.
#[derive(Debug, Clone, Copy)]
pub(super) struct Before<'a> {
    pub aws: &'a AwsArgs,
    pub call: &'a CallArgs,
    pub config: &'a ConfigArg,
    pub log: &'a LogArg,
}

impl Before<'_> {
    /// The long names of the flags given, per group, in [`Honoured`]'s order.
    fn given(&self) -> [Vec<&'static str>; 4] {
        let flags = |pairs: &[(bool, &'static str)]| {
            pairs
                .iter()
                .filter(|(set, _)| *set)
                .map(|(_, name)| *name)
                .collect::<Vec<_>>()
        };
        [
            flags(&[
                (self.aws.profile.is_some(), "--profile"),
                (self.aws.region.is_some(), "--region"),
                (self.aws.endpoint_url.is_some(), "--endpoint-url"),
            ]),
            flags(&[
                (self.call.timeout.is_some(), "--timeout"),
                (self.call.max_attempts.is_some(), "--max-attempts"),
            ]),
            flags(&[(self.config.config.is_some(), "--config")]),
            flags(&[(self.log.log_file.is_some(), "--log-file")]),
        ]
    }
}

/// One [`GlobalArgs`] from the flags after the sub-command (they win) and
/// before it. `Err` names the first flag given before a sub-command that
/// does not honour it.
pub(super) fn merge(before: Before<'_>, after: Honoured<'_>) -> Result<GlobalArgs, &'static str> {
    let honoured = [
        after.aws.is_some(),
        after.call.is_some(),
        after.config.is_some(),
        after.log.is_some(),
    ];
    for (flags, honoured) in before.given().iter().zip(honoured) {
        if let (Some(flag), false) = (flags.first(), honoured) {
            return Err(flag);
        }
    }
    let aws = after.aws.cloned().unwrap_or_default();
    let call = after.call.cloned().unwrap_or_default();
    let config = after.config.cloned().unwrap_or_default();
    let log = after.log.cloned().unwrap_or_default();
    Ok(GlobalArgs {
        profile: aws.profile.or_else(|| before.aws.profile.clone()),
        region: aws.region.or_else(|| before.aws.region.clone()),
        endpoint_url: aws.endpoint_url.or_else(|| before.aws.endpoint_url.clone()),
        timeout: call.timeout.or(before.call.timeout),
        max_attempts: call.max_attempts.or(before.call.max_attempts),
        config: config.config.or_else(|| before.config.config.clone()),
        log_file: log.log_file.or_else(|| before.log.log_file.clone()),
    })
}
