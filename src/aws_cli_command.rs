//! Every command chime-prefs prints for the user to run: the AWS CLI
//! command equivalent to a call (`y` in the TUI, explanations), the other
//! `aws` commands of explanations and manual checks, and the `chime-prefs`
//! commands it suggests next. This is the one place that renders "the flags
//! of this run": a printed command carries `--profile`, `--region` and
//! `--endpoint-url` whenever the user's own defaults would not pick the
//! same, so that it reaches the same service when pasted.

use crate::aws::ClientInfo;
use crate::aws::region::region_of_arn;
use crate::model::Target;
use crate::operation::{Operation, Service};

/// Quote for a POSIX shell: bare when only safe characters, else single
/// quotes (a quote inside becomes '\'').
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:@%+=,-".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// What an `aws` command talks to, which decides the flags it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliTarget {
    /// One of the services chime-prefs calls: its endpoint URL, and the
    /// region unless the service is global.
    Service(Service),
    /// STS (`aws sts get-caller-identity`): the general endpoint URL.
    Sts,
    /// Commands that read the local configuration or sign in
    /// (`aws configure get`, `aws sso login`): the profile only.
    Local(&'static str),
}

impl CliTarget {
    /// The target for an AWS CLI service name (`chime-sdk-messaging`,
    /// `sts`, `configure`, ...).
    pub fn from_cli_name(name: &str) -> Option<CliTarget> {
        if let Some(service) = Service::ALL.into_iter().find(|s| s.cli_name() == name) {
            return Some(CliTarget::Service(service));
        }
        match name {
            "sts" => Some(CliTarget::Sts),
            "configure" => Some(CliTarget::Local("configure")),
            "sso" => Some(CliTarget::Local("sso")),
            _ => None,
        }
    }

    fn cli_name(self) -> &'static str {
        match self {
            CliTarget::Service(service) => service.cli_name(),
            CliTarget::Sts => "sts",
            CliTarget::Local(name) => name,
        }
    }
}

/// `aws [--profile P] [--region R] [--endpoint-url U] <service>`: the
/// start of a command to `target` about `region`, with the flags of this
/// run. `profile` replaces the run's (a role's source profile).
pub fn aws_prefix(
    info: &ClientInfo,
    target: CliTarget,
    region: Option<&str>,
    profile: Option<&str>,
) -> String {
    // Another profile than the run's may configure another region.
    let needs_region =
        |r: &&str| !r.is_empty() && (profile.is_some() || info.aws_cli_needs_region(r));
    let (region, endpoint) = match target {
        CliTarget::Service(service) => (
            region.filter(needs_region).filter(|_| !service.is_global()),
            info.endpoint_urls.get(service),
        ),
        CliTarget::Sts => (region.filter(needs_region), info.endpoint_url.as_deref()),
        CliTarget::Local(_) => (None, None),
    };
    let mut parts: Vec<String> = vec!["aws".into()];
    let globals = [
        ("--profile", profile.or(info.profile.as_deref())),
        ("--region", region),
        ("--endpoint-url", endpoint),
    ];
    for (flag, value) in globals {
        if let Some(value) = value {
            parts.push(flag.into());
            parts.push(shell_quote(value));
        }
    }
    parts.push(target.cli_name().into());
    parts.join(" ")
}

/// `chime-prefs [--profile P] [--region R] [--endpoint-url U]`: the start
/// of a chime-prefs command with the flags of this run. The environment
/// and config file are the pasted command's too; `--endpoint-url` is
/// repeated when one URL serves every service (with per-service URLs, it
/// came from the environment, which the pasted command reads again).
pub fn chime_prefs_prefix(info: &ClientInfo) -> String {
    let mut parts: Vec<String> = vec!["chime-prefs".into()];
    let endpoint = info.endpoint_url.as_deref().filter(|url| {
        Service::ALL
            .iter()
            .all(|s| info.endpoint_urls.get(*s).is_none_or(|u| u == *url))
    });
    let globals = [
        ("--profile", info.profile.as_deref()),
        ("--region", info.region.as_deref()),
        ("--endpoint-url", endpoint),
    ];
    for (flag, value) in globals {
        if let Some(value) = value {
            parts.push(flag.into());
            parts.push(shell_quote(value));
        }
    }
    parts.join(" ")
}

/// `aws [--profile P] [--region R] [--endpoint-url U] <service> <operation>
/// --flag value ...` for a call that went to `region`.
pub fn aws_cli_command(
    operation: Operation,
    params: &[(&str, &str)],
    info: &ClientInfo,
    region: &str,
) -> String {
    let mut parts = vec![
        aws_prefix(
            info,
            CliTarget::Service(operation.service()),
            Some(region),
            None,
        ),
        operation.cli_name().into(),
    ];
    for (flag, value) in params {
        parts.push((*flag).into());
        parts.push(shell_quote(value));
    }
    parts.join(" ")
}

/// The command that reads the same as a failed or finished call, when the
/// parameters it needs are known: the member, the channel, the bearer.
pub fn call_command(
    operation: Operation,
    info: &ClientInfo,
    region: &str,
    channel: Option<&str>,
    member: Option<&str>,
    bearer: Option<&str>,
) -> Option<String> {
    let params: Vec<(&str, &str)> = match operation {
        Operation::GetChannelMembershipPreferences
        | Operation::DescribeChannelMembership
        | Operation::DescribeChannelBan => vec![
            ("--channel-arn", channel?),
            ("--member-arn", member?),
            ("--chime-bearer", bearer?),
        ],
        Operation::ListChannelMemberships => {
            vec![("--channel-arn", channel?), ("--chime-bearer", bearer?)]
        }
        Operation::ListChannelMembershipsForAppInstanceUser => vec![
            ("--app-instance-user-arn", member?),
            ("--chime-bearer", bearer?),
        ],
        Operation::ListAppInstanceUserEndpoints => vec![("--app-instance-user-arn", member?)],
        // Their ids (a message, an endpoint, an app, a role) are not known
        // here.
        _ => return None,
    };
    Some(aws_cli_command(operation, &params, info, region))
}

/// An AWS CLI command before the flags of a run are added: what it asks
/// and where. Kept as data where the run is not known (a diagnosis is
/// decided from facts alone) and rendered where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliCommand {
    pub target: CliTarget,
    /// The region the command is about; `None` for a global service.
    pub region: Option<String>,
    /// The sub-command and its arguments, unquoted:
    /// `["get-role", "--role-name", "X"]`.
    pub args: Vec<String>,
}

impl CliCommand {
    /// The command with the flags of the run described by `info`.
    pub fn render(&self, info: &ClientInfo) -> String {
        let mut parts = vec![aws_prefix(info, self.target, self.region.as_deref(), None)];
        parts.extend(self.args.iter().map(|a| shell_quote(a)));
        parts.join(" ")
    }
}

/// `chime-prefs get` for one member of a channel, with the flags of this
/// run: the full explanation of a row that failed.
pub fn get_command(info: &ClientInfo, channel: &str, member: &str) -> String {
    format!(
        "{} get --channel-arn {} --member-arn {}",
        chime_prefs_prefix(info),
        shell_quote(channel),
        shell_quote(member)
    )
}

/// `chime-prefs filter check` for a rule, to see every finding: it calls
/// no AWS service, so it takes none of the run's flags.
pub fn filter_check_command(rule: &str) -> String {
    format!(
        "See every finding: chime-prefs filter check --rule {}",
        shell_quote(rule)
    )
}

/// `chime-prefs diagnose` for the same channel and member, as the next
/// step after a lookup.
pub fn diagnose_command(info: &ClientInfo, channel: &str, member: &str) -> String {
    format!(
        "{} diagnose --channel-arn {} --member-arn {}",
        chime_prefs_prefix(info),
        shell_quote(channel),
        shell_quote(member)
    )
}

/// The command for a lookup: GetChannelMembershipPreferences with the
/// target's bearer, in the channel ARN's region.
pub fn get_preferences_command(target: &Target, info: &ClientInfo) -> String {
    let region = info
        .region_for(&target.channel_arn)
        .ok()
        .or_else(|| region_of_arn(&target.channel_arn).map(str::to_string))
        .unwrap_or_default();
    aws_cli_command(
        Operation::GetChannelMembershipPreferences,
        &[
            ("--channel-arn", &target.channel_arn),
            ("--member-arn", &target.member_arn),
            ("--chime-bearer", &target.bearer_arn),
        ],
        info,
        &region,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            channel_arn: "arn:aws:chime:us-east-1:1:app-instance/a/channel/c".into(),
            member_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
            bearer_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
        }
    }

    #[test]
    fn the_region_is_given_unless_the_aws_cli_would_pick_it_itself() {
        let mut info = ClientInfo {
            profile: Some("support".into()),
            ..ClientInfo::default()
        };
        // Nothing configured, or another region configured: --region.
        for configured in [None, Some("us-west-2")] {
            info.aws_cli_region = configured.map(str::to_string);
            assert_eq!(
                get_preferences_command(&target(), &info),
                "aws --profile support --region us-east-1 chime-sdk-messaging get-channel-membership-preferences \
                 --channel-arn arn:aws:chime:us-east-1:1:app-instance/a/channel/c \
                 --member-arn arn:aws:chime:us-east-1:1:app-instance/a/user/u \
                 --chime-bearer arn:aws:chime:us-east-1:1:app-instance/a/user/u"
            );
        }
        // The user's own configuration names it: no need to repeat it.
        info.aws_cli_region = Some("us-east-1".into());
        assert!(
            !get_preferences_command(&target(), &info).contains("--region"),
            "{}",
            get_preferences_command(&target(), &info)
        );
    }

    #[test]
    fn identity_commands_carry_no_bearer_and_their_own_endpoint() {
        let mut info = ClientInfo::default();
        info.endpoint_urls.identity = Some("http://127.0.0.1:4566".into());
        info.endpoint_urls.messaging = Some("http://127.0.0.1:9".into());
        let command = aws_cli_command(
            Operation::ListAppInstanceUserEndpoints,
            &[(
                "--app-instance-user-arn",
                "arn:aws:chime:eu-central-1:1:app-instance/a/user/u",
            )],
            &info,
            "eu-central-1",
        );
        assert_eq!(
            command,
            "aws --region eu-central-1 --endpoint-url http://127.0.0.1:4566 chime-sdk-identity \
             list-app-instance-user-endpoints --app-instance-user-arn \
             arn:aws:chime:eu-central-1:1:app-instance/a/user/u"
        );
    }

    #[test]
    fn every_kind_of_command_carries_the_flags_of_this_run() {
        let mut info = ClientInfo {
            profile: Some("support".into()),
            region: Some("us-east-1".into()),
            endpoint_url: Some("http://127.0.0.1:4566".into()),
            ..ClientInfo::default()
        };
        for service in Service::ALL {
            info.endpoint_urls
                .set(service, Some("http://127.0.0.1:4566".into()));
        }
        let flags = "--profile support --region us-east-1 --endpoint-url http://127.0.0.1:4566";
        assert_eq!(
            aws_prefix(&info, CliTarget::Sts, Some("us-east-1"), None),
            format!("aws {flags} sts")
        );
        // IAM is global: no region.
        assert_eq!(
            aws_prefix(
                &info,
                CliTarget::Service(Service::Iam),
                Some("us-east-1"),
                None
            ),
            "aws --profile support --endpoint-url http://127.0.0.1:4566 iam"
        );
        // A role's source profile replaces the run's.
        assert_eq!(
            aws_prefix(
                &info,
                CliTarget::Local("configure"),
                Some("us-east-1"),
                Some("base")
            ),
            "aws --profile base configure"
        );
        assert_eq!(chime_prefs_prefix(&info), format!("chime-prefs {flags}"));
        assert_eq!(
            diagnose_command(&info, "arn:c", "arn:m"),
            format!("chime-prefs {flags} diagnose --channel-arn arn:c --member-arn arn:m")
        );
        // Per-service URLs came from the environment: not one flag.
        info.endpoint_urls.identity = Some("http://127.0.0.1:9".into());
        assert_eq!(
            chime_prefs_prefix(&info),
            "chime-prefs --profile support --region us-east-1"
        );
        // Nothing set: nothing added.
        assert_eq!(chime_prefs_prefix(&ClientInfo::default()), "chime-prefs");
        assert_eq!(
            call_command(
                Operation::ListAppInstanceUserEndpoints,
                &info,
                "us-east-1",
                None,
                Some("arn:m"),
                None
            )
            .as_deref(),
            Some(
                "aws --profile support --region us-east-1 --endpoint-url http://127.0.0.1:9 \
                 chime-sdk-identity list-app-instance-user-endpoints --app-instance-user-arn arn:m"
            )
        );
        assert_eq!(
            call_command(
                Operation::GetChannelMessage,
                &info,
                "us-east-1",
                Some("c"),
                Some("m"),
                Some("b")
            ),
            None
        );
    }

    #[test]
    fn unsafe_text_is_single_quoted() {
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_quote(""), "''");
    }
}
