//! The AWS CLI command equivalent to a lookup, for `y` in the TUI: the
//! engineer can paste it into a ticket or run it to double-check.

use crate::model::Target;

/// Where the command should point, as far as it differs from the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct CliContext<'a> {
    pub profile: Option<&'a str>,
    pub region: Option<&'a str>,
    pub endpoint_url: Option<&'a str>,
}

pub use crate::aws_cli_command::shell_quote;

pub fn get_command(target: &Target, ctx: CliContext<'_>) -> String {
    let mut parts: Vec<String> = vec!["aws".into()];
    for (flag, value) in [
        ("--profile", ctx.profile),
        ("--region", ctx.region),
        ("--endpoint-url", ctx.endpoint_url),
    ] {
        if let Some(value) = value {
            parts.push(flag.into());
            parts.push(shell_quote(value));
        }
    }
    parts.push("chime-sdk-messaging".into());
    parts.push("get-channel-membership-preferences".into());
    for (flag, value) in [
        ("--channel-arn", &target.channel_arn),
        ("--member-arn", &target.member_arn),
        ("--chime-bearer", &target.bearer_arn),
    ] {
        parts.push(flag.into());
        parts.push(shell_quote(value));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_cli_command_with_only_the_flags_given() {
        let target = Target {
            channel_arn: "arn:aws:chime:us-east-1:1:app-instance/a/channel/c".into(),
            member_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
            bearer_arn: "arn:aws:chime:us-east-1:1:app-instance/a/user/u".into(),
        };
        let ctx = CliContext {
            region: Some("us-east-1"),
            ..CliContext::default()
        };
        assert_eq!(
            get_command(&target, ctx),
            "aws --region us-east-1 chime-sdk-messaging get-channel-membership-preferences \
             --channel-arn arn:aws:chime:us-east-1:1:app-instance/a/channel/c \
             --member-arn arn:aws:chime:us-east-1:1:app-instance/a/user/u \
             --chime-bearer arn:aws:chime:us-east-1:1:app-instance/a/user/u"
        );
    }

    #[test]
    fn unsafe_text_is_single_quoted() {
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_quote(""), "''");
    }
}
