//! The ARN grammar: `arn:aws:chime:REGION:ACCOUNT:app-instance/ID/...`,
//! parsed into channels and members. Each problem names the part of the ARN
//! that is wrong and how to fix it.
//!
//! The text reaching here has passed [`super::input::check`]: trimmed, and
//! holding only the ASCII characters an ARN can hold.

use super::input;
use super::problem::{ArnProblem, CHANNEL_EXAMPLE, Field, MEMBER_EXAMPLE, problem};

/// The part of an ARN shared by channels and members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppInstanceScope {
    pub region: String,
    pub account: String,
    pub app_instance_id: String,
}

impl AppInstanceScope {
    pub fn app_instance_arn(&self) -> String {
        format!(
            "arn:aws:chime:{}:{}:app-instance/{}",
            self.region, self.account, self.app_instance_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelArn {
    pub raw: String,
    pub scope: AppInstanceScope,
    pub channel_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    User,
    Bot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberArn {
    pub raw: String,
    pub scope: AppInstanceScope,
    pub kind: MemberKind,
    pub id: String,
}

/// The resource part after `app-instance/ID/`.
enum Resource {
    Channel(String),
    Member(MemberKind, String),
    AppInstance,
    Other(String),
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 256
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A region name as AWS writes them: `us-east-1`, `eu-central-1`,
/// `us-gov-west-1` (lowercase, never `US-EAST-1`).
pub fn valid_region(region: &str) -> bool {
    // e.g. us-east-1, eu-central-1, us-gov-west-1
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn parse_any(
    input: &str,
    field: Field,
) -> Result<(String, AppInstanceScope, Resource), ArnProblem> {
    let raw = input::check(field, input)?.as_str();
    let example = field.example();
    if raw.starts_with('"') || raw.starts_with('\'') || raw.ends_with('"') || raw.ends_with('\'') {
        return Err(problem(
            field,
            "is wrapped in quotes",
            "Remove the quotes around the ARN",
        ));
    }
    if raw.to_ascii_lowercase().starts_with("arn%3a") {
        return Err(problem(
            field,
            "is percent-encoded (%3A instead of ':')",
            "Paste the decoded ARN: replace %3A with ':' and %2F with '/'",
        ));
    }
    let parts: Vec<&str> = raw.splitn(6, ':').collect();
    if parts[0] != "arn" {
        return Err(problem(
            field,
            "does not start with \"arn:\"",
            format!("Expected an ARN like {example}"),
        ));
    }
    if parts.len() < 6 {
        return Err(problem(
            field,
            format!(
                "has {} of the 6 colon-separated parts arn:partition:service:region:account:resource",
                parts.len()
            ),
            format!("Expected an ARN like {example}"),
        ));
    }
    let (partition, service, region, account, resource) =
        (parts[1], parts[2], parts[3], parts[4], parts[5]);
    if partition != "aws" {
        return Err(problem(
            field,
            format!(
                "has partition \"{partition}\"; Chime SDK messaging exists only in the aws partition"
            ),
            "Use an arn:aws:chime:... ARN",
        ));
    }
    if service != "chime" {
        return Err(problem(
            field,
            format!("is an ARN of service \"{service}\", not \"chime\""),
            format!("Expected an ARN like {example}"),
        ));
    }
    if region.is_empty() {
        return Err(problem(
            field,
            "has no region",
            format!("Chime SDK messaging ARNs carry their region, e.g. {example}"),
        ));
    }
    if !valid_region(region) {
        return Err(problem(
            field,
            format!("has region \"{region}\", which is not a region name"),
            "Use a region like us-east-1 or eu-central-1",
        ));
    }
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        return Err(problem(
            field,
            format!("has account \"{account}\"; an AWS account ID is 12 digits"),
            "Copy the ARN again from the console or the CLI output",
        ));
    }
    let segments: Vec<&str> = resource.split('/').collect();
    if segments[0] != "app-instance" {
        return Err(problem(
            field,
            format!("has resource \"{}\", not app-instance/...", segments[0]),
            format!("Chime SDK messaging ARNs live under an app instance: {example}"),
        ));
    }
    let app_instance_id = segments.get(1).copied().unwrap_or("");
    if !valid_id(app_instance_id) {
        return Err(problem(
            field,
            "has no valid app instance ID after app-instance/",
            format!("Expected an ARN like {example}"),
        ));
    }
    let scope = AppInstanceScope {
        region: region.to_string(),
        account: account.to_string(),
        app_instance_id: app_instance_id.to_string(),
    };
    let kind = match &segments[2..] {
        [] => Resource::AppInstance,
        ["channel", id] if valid_id(id) => Resource::Channel(id.to_string()),
        ["user", id] if valid_id(id) => Resource::Member(MemberKind::User, id.to_string()),
        ["bot", id] if valid_id(id) => Resource::Member(MemberKind::Bot, id.to_string()),
        [kind @ ("channel" | "user" | "bot"), ..] => {
            return Err(problem(
                field,
                format!("has a missing or invalid {kind} ID"),
                format!("Expected an ARN like {example}"),
            ));
        }
        rest => Resource::Other(rest.join("/")),
    };
    Ok((raw.to_string(), scope, kind))
}

pub fn parse_channel(input: &str) -> Result<ChannelArn, ArnProblem> {
    let field = Field::Channel;
    let (raw, scope, resource) = parse_any(input, field)?;
    match resource {
        Resource::Channel(channel_id) => Ok(ChannelArn {
            raw,
            scope,
            channel_id,
        }),
        Resource::Member(kind, _) => Err(ArnProblem {
            flag_fix: Some(format!(
                "Pass it as --member-arn; the channel ARN ends in /channel/<id>, like {CHANNEL_EXAMPLE}"
            )),
            ..problem(
                field,
                format!("is a {} ARN, not a channel ARN", member_word(kind)),
                format!(
                    "Put it in the member field; the channel ARN ends in /channel/<id>, like {CHANNEL_EXAMPLE}"
                ),
            )
        }),
        Resource::AppInstance => Err(problem(
            field,
            "is an app instance ARN, not a channel ARN",
            format!("Append /channel/<id>: {CHANNEL_EXAMPLE}"),
        )),
        Resource::Other(rest) => Err(problem(
            field,
            format!("ends in \"{rest}\" instead of channel/<id>"),
            format!("Expected {CHANNEL_EXAMPLE}"),
        )),
    }
}

pub fn parse_member(input: &str, field: Field) -> Result<MemberArn, ArnProblem> {
    let (raw, scope, resource) = parse_any(input, field)?;
    match resource {
        Resource::Member(kind, id) => Ok(MemberArn {
            raw,
            scope,
            kind,
            id,
        }),
        Resource::Channel(_) => Err(problem(
            field,
            "is a channel ARN, not a user or bot ARN",
            format!(
                "Use the AppInstanceUser or AppInstanceBot ARN, ending in /user/<id> or /bot/<id>, like {MEMBER_EXAMPLE}"
            ),
        )),
        Resource::AppInstance => Err(problem(
            field,
            "is an app instance ARN, not a user or bot ARN",
            format!("Append /user/<id> or /bot/<id>: {MEMBER_EXAMPLE}"),
        )),
        Resource::Other(rest) => Err(problem(
            field,
            format!("ends in \"{rest}\" instead of user/<id> or bot/<id>"),
            format!("Expected {MEMBER_EXAMPLE}"),
        )),
    }
}

fn member_word(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::User => "user",
        MemberKind::Bot => "bot",
    }
}

/// `user/alice` for a member of the channel's own app instance, the whole
/// ARN otherwise: how tables name members.
pub fn member_in_channel<'a>(channel_arn: &str, member_arn: &'a str) -> &'a str {
    channel_arn
        .split_once("/channel/")
        .and_then(|(app_instance, _)| member_arn.strip_prefix(app_instance))
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(member_arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";

    #[test]
    fn channels_and_members_parse_into_their_parts() {
        let channel = parse_channel(CH).expect("channel");
        assert_eq!(channel.channel_id, "support");
        assert_eq!(channel.scope.region, "us-east-1");
        assert_eq!(
            channel.scope.app_instance_arn(),
            "arn:aws:chime:us-east-1:111122223333:app-instance/demo"
        );
        let bot =
            parse_member(&CH.replace("channel/support", "bot/triage"), Field::Member).expect("bot");
        assert_eq!((bot.kind, bot.id.as_str()), (MemberKind::Bot, "triage"));
    }

    #[test]
    fn a_member_in_the_channel_flag_is_told_apart_for_form_and_flags() {
        let p = parse_channel(ALICE).expect_err("a user ARN");
        assert!(p.fix.contains("member field"), "{}", p.fix);
        assert!(
            p.fix_for_flags().contains("--member-arn"),
            "{}",
            p.fix_for_flags()
        );
        assert!(
            !p.fix_for_flags().contains("field"),
            "{}",
            p.fix_for_flags()
        );
    }

    #[test]
    fn the_input_check_comes_first() {
        let p = parse_channel(&CH.replace("chime", "chіme")).expect_err("Cyrillic i");
        assert!(
            p.message
                .contains("U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I")
        );
        assert!(p.message.contains("at position 11"), "{}", p.message);
    }

    #[test]
    fn region_names() {
        for good in ["us-east-1", "eu-central-1", "us-gov-west-1"] {
            assert!(valid_region(good), "{good}");
        }
        for bad in ["US-EAST-1", "useast1", "us-east", "-1", "us--1", ""] {
            assert!(!valid_region(bad), "{bad}");
        }
    }

    #[test]
    fn members_are_named_within_their_channel() {
        assert_eq!(member_in_channel(CH, ALICE), "user/alice");
        let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice";
        assert_eq!(member_in_channel(CH, other), other);
    }
}
