//! The AWS CLI command equivalent to a call, for `y` in the TUI and for
//! explanations: the engineer can paste it into a ticket or run it to
//! double-check. It carries `--region` whenever the user's own AWS
//! configuration would not pick the region the call used, so that it works
//! when pasted.

use crate::aws::ClientInfo;
use crate::aws::region::region_of_arn;
use crate::model::Target;
use crate::operation::Operation;

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

/// `aws [--profile P] [--region R] [--endpoint-url U] <service> <operation>
/// --flag value ...` for a call that went to `region`.
pub fn aws_cli_command(
    operation: Operation,
    params: &[(&str, &str)],
    info: &ClientInfo,
    region: &str,
) -> String {
    let endpoint = info.endpoint_urls.get(operation.service());
    let mut parts: Vec<String> = vec!["aws".into()];
    let globals = [
        ("--profile", info.profile.as_deref()),
        (
            "--region",
            Some(region).filter(|r| !r.is_empty() && info.aws_cli_needs_region(r)),
        ),
        ("--endpoint-url", endpoint),
    ];
    for (flag, value) in globals {
        if let Some(value) = value {
            parts.push(flag.into());
            parts.push(shell_quote(value));
        }
    }
    parts.push(operation.service().cli_name().into());
    parts.push(operation.cli_name().into());
    for (flag, value) in params {
        parts.push((*flag).into());
        parts.push(shell_quote(value));
    }
    parts.join(" ")
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
    fn unsafe_text_is_single_quoted() {
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_quote(""), "''");
    }
}
