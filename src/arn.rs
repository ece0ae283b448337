//! ARN checks made before any request is sent.
//!
//! A wrong ARN is the most common reason a lookup fails, and the service's
//! answer to one ("BadRequest", "Unauthorized") rarely says which part is
//! wrong. Every problem found here names the field, what is wrong and how to
//! fix it.

use std::fmt;

use crate::model::Target;

/// Regions where Amazon Chime SDK messaging runs.
pub const MESSAGING_REGIONS: [&str; 2] = ["us-east-1", "eu-central-1"];

const CHANNEL_EXAMPLE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/<id>/channel/<id>";
const MEMBER_EXAMPLE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/<id>/user/<id>";
const MAX_ARN_LEN: usize = 1600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Channel,
    Member,
    Bearer,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Channel => "channel ARN",
            Field::Member => "member ARN",
            Field::Bearer => "bearer ARN",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            Field::Channel => "--channel-arn",
            Field::Member => "--member-arn",
            Field::Bearer => "--bearer-arn",
        }
    }
}

/// What is wrong with one field, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnProblem {
    pub field: Field,
    pub message: String,
    pub fix: String,
}

impl fmt::Display for ArnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}. {}",
            self.field.label(),
            self.field.flag(),
            self.message,
            self.fix
        )
    }
}

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

fn problem(field: Field, message: impl Into<String>, fix: impl Into<String>) -> ArnProblem {
    ArnProblem {
        field,
        message: message.into(),
        fix: fix.into(),
    }
}

fn example_for(field: Field) -> &'static str {
    match field {
        Field::Channel => CHANNEL_EXAMPLE,
        Field::Member | Field::Bearer => MEMBER_EXAMPLE,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 256
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn valid_region(region: &str) -> bool {
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
    let raw = input.trim();
    let example = example_for(field);
    if raw.is_empty() {
        return Err(problem(
            field,
            "is empty",
            format!("Paste an ARN like {example}"),
        ));
    }
    if raw.len() > MAX_ARN_LEN {
        return Err(problem(
            field,
            format!(
                "is {} characters long; ARNs are at most {MAX_ARN_LEN}",
                raw.len()
            ),
            "Check that only the ARN was pasted",
        ));
    }
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
    if let Some(bad) = raw
        .chars()
        // Controls, and the zero-width and bidi characters that sneak in with
        // copy and paste: the same set the terminal never gets raw.
        .find(|c| c.is_whitespace() || crate::sanitize::is_unsafe(*c))
    {
        return Err(problem(
            field,
            format!("contains {}", describe_char(bad)),
            "Remove spaces, line breaks and other invisible characters from the ARN",
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

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\n' | '\r' => "a line break".to_string(),
        '\t' => "a tab".to_string(),
        other => format!("the invisible character U+{:04X}", other as u32),
    }
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
        Resource::Member(kind, _) => Err(problem(
            field,
            format!("is a {} ARN, not a channel ARN", member_word(kind)),
            format!(
                "Put it in the member field; the channel ARN ends in /channel/<id>, like {CHANNEL_EXAMPLE}"
            ),
        )),
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

fn status<T>(parsed: &Option<Result<T, ArnProblem>>) -> FieldStatus {
    match parsed {
        None => FieldStatus::Empty,
        Some(Ok(_)) => FieldStatus::Valid,
        Some(Err(p)) => FieldStatus::Invalid(p.clone()),
    }
}

fn member_word(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::User => "user",
        MemberKind::Bot => "bot",
    }
}

/// The state of one form field, for inline validation as the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldStatus {
    Empty,
    Valid,
    Invalid(ArnProblem),
}

/// All three fields checked, plus cross-field problems and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCheck {
    pub channel: FieldStatus,
    pub member: FieldStatus,
    pub bearer: FieldStatus,
    /// Problems that involve two fields (e.g. different app instances).
    pub cross: Vec<ArnProblem>,
    pub warnings: Vec<String>,
    /// The ready-to-send target when nothing blocks the request.
    pub target: Option<Target>,
    /// The region read from the channel ARN.
    pub arn_region: Option<String>,
}

impl FormCheck {
    pub fn problems(&self) -> Vec<&ArnProblem> {
        let mut all: Vec<&ArnProblem> = Vec::new();
        for status in [&self.channel, &self.member, &self.bearer] {
            if let FieldStatus::Invalid(p) = status {
                all.push(p);
            }
        }
        all.extend(self.cross.iter());
        all
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

/// Warnings about where the channel lives: a region without Chime SDK
/// messaging, or another region than the client calls.
pub fn region_warnings(channel: &ChannelArn, client_region: Option<&str>) -> Vec<String> {
    let region = channel.scope.region.as_str();
    let mut warnings = Vec::new();
    if !MESSAGING_REGIONS.contains(&region) {
        warnings.push(format!(
            "Region {region} has no Chime SDK messaging; it runs only in us-east-1 and eu-central-1. Expect an unreachable endpoint."
        ));
    }
    if let Some(client) = client_region
        && client != region
    {
        warnings.push(format!(
            "The channel is in {region} but the client calls {client}: the service will not find it there. Pass --region {region}."
        ));
    }
    warnings
}

/// The problem with `user` (in `field`) when it belongs to another app
/// instance than the channel.
fn same_app_instance(
    channel: &ChannelArn,
    user: &MemberArn,
    field: Field,
    fix: &str,
) -> Option<ArnProblem> {
    (channel.scope != user.scope).then(|| {
        problem(
            field,
            format!(
                "belongs to app instance {} but the channel belongs to {}",
                user.scope.app_instance_arn(),
                channel.scope.app_instance_arn()
            ),
            fix,
        )
    })
}

/// The channel and the bearer who lists its members (`scan`): both parse,
/// and belong to the same app instance.
pub fn check_lister(
    channel: &str,
    bearer: &str,
) -> Result<(ChannelArn, MemberArn), Vec<ArnProblem>> {
    match (parse_channel(channel), parse_member(bearer, Field::Bearer)) {
        (Ok(c), Ok(b)) => match same_app_instance(
            &c,
            &b,
            Field::Bearer,
            "The bearer must be a member, moderator or AppInstanceAdmin of the channel's own app instance",
        ) {
            Some(problem) => Err(vec![problem]),
            None => Ok((c, b)),
        },
        (c, b) => Err([c.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// Check a channel, member and optional bearer before anything is sent.
/// `client_region` is the region the client will call, if one is configured.
pub fn check_form(
    channel: &str,
    member: &str,
    bearer: Option<&str>,
    client_region: Option<&str>,
) -> FormCheck {
    let bearer = bearer.map(str::trim).filter(|b| !b.is_empty());
    let channel_arn = (!channel.trim().is_empty()).then(|| parse_channel(channel));
    let member_arn = (!member.trim().is_empty()).then(|| parse_member(member, Field::Member));
    let bearer_arn = bearer.map(|b| parse_member(b, Field::Bearer));

    let mut check = FormCheck {
        channel: match &channel_arn {
            None => FieldStatus::Invalid(problem(
                Field::Channel,
                "is required",
                format!("Paste an ARN like {CHANNEL_EXAMPLE}"),
            )),
            some => status(some),
        },
        member: match &member_arn {
            None => FieldStatus::Invalid(problem(
                Field::Member,
                "is required",
                format!("Paste an ARN like {MEMBER_EXAMPLE}"),
            )),
            some => status(some),
        },
        bearer: status(&bearer_arn),
        cross: Vec::new(),
        warnings: Vec::new(),
        target: None,
        arn_region: None,
    };
    if channel_arn.is_none() && member_arn.is_none() {
        check.channel = FieldStatus::Empty;
        check.member = FieldStatus::Empty;
    }

    if let Some(Ok(c)) = &channel_arn {
        check.arn_region = Some(c.scope.region.clone());
        check.warnings.extend(region_warnings(c, client_region));
    }
    if let (Some(Ok(c)), Some(Ok(m))) = (&channel_arn, &member_arn) {
        check.cross.extend(same_app_instance(
            c,
            m,
            Field::Member,
            "A channel's members are users and bots of the channel's own app instance: check both ARNs",
        ));
    }
    if let (Some(Ok(c)), Some(Ok(b))) = (&channel_arn, &bearer_arn) {
        check.cross.extend(same_app_instance(
            c,
            b,
            Field::Bearer,
            "The bearer must be a user or bot of the channel's app instance; leave --bearer-arn out to use the member",
        ));
    }
    if let (Some(Ok(m)), Some(Ok(b))) = (&member_arn, &bearer_arn)
        && m.raw != b.raw
    {
        check.warnings.push(
            "The bearer is not the member: only the member who owns a membership can read its preferences, so expect 403 Forbidden. Leave --bearer-arn out to use the member."
                .to_string(),
        );
    }
    if let (Some(Ok(c)), Some(Ok(m))) = (&channel_arn, &member_arn)
        && check.problems().is_empty()
    {
        let bearer_raw = match &bearer_arn {
            Some(Ok(b)) => b.raw.clone(),
            _ => m.raw.clone(),
        };
        check.target = Some(Target {
            channel_arn: c.raw.clone(),
            member_arn: m.raw.clone(),
            bearer_arn: bearer_raw,
        });
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";
    const BOB: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/bob";
    const BOT: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/bot/triage";

    fn first_problem(channel: &str, member: &str, bearer: Option<&str>) -> Option<ArnProblem> {
        check_form(channel, member, bearer, None)
            .problems()
            .first()
            .map(|p| (*p).clone())
    }

    #[test]
    fn a_valid_target_defaults_the_bearer_to_the_member() {
        let check = check_form(CH, ALICE, None, Some("us-east-1"));
        assert!(check.problems().is_empty());
        assert!(check.warnings.is_empty(), "{:?}", check.warnings);
        let target = check.target.expect("target");
        assert_eq!(target.bearer_arn, ALICE);
        assert_eq!(check.arn_region.as_deref(), Some("us-east-1"));
    }

    #[test]
    fn bots_are_members_too() {
        let check = check_form(CH, BOT, None, None);
        assert!(check.target.is_some());
    }

    #[test]
    fn table_of_malformed_arns() {
        // (channel, member, field, words the message must contain)
        let other_instance = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice";
        let cases: &[(&str, &str, Field, &str)] = &[
            ("", ALICE, Field::Channel, "is required"),
            (CH, "", Field::Member, "is required"),
            (
                "chime:us-east-1",
                ALICE,
                Field::Channel,
                "does not start with \"arn:\"",
            ),
            (
                "arn:aws:chime:us-east-1",
                ALICE,
                Field::Channel,
                "4 of the 6",
            ),
            (
                "arn:aws:sns:us-east-1:111122223333:app-instance/demo/channel/x",
                ALICE,
                Field::Channel,
                "service \"sns\"",
            ),
            (
                "arn:aws-cn:chime:cn-north-1:111122223333:app-instance/demo/channel/x",
                ALICE,
                Field::Channel,
                "partition",
            ),
            (
                "arn:aws:chime::111122223333:app-instance/demo/channel/x",
                ALICE,
                Field::Channel,
                "no region",
            ),
            (
                "arn:aws:chime:useast1:111122223333:app-instance/demo/channel/x",
                ALICE,
                Field::Channel,
                "not a region name",
            ),
            (
                "arn:aws:chime:us-east-1:1234:app-instance/demo/channel/x",
                ALICE,
                Field::Channel,
                "12 digits",
            ),
            (
                "arn:aws:chime:us-east-1:111122223333:meeting/demo",
                ALICE,
                Field::Channel,
                "not app-instance",
            ),
            (
                "arn:aws:chime:us-east-1:111122223333:app-instance/demo",
                ALICE,
                Field::Channel,
                "app instance ARN",
            ),
            (
                "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/",
                ALICE,
                Field::Channel,
                "invalid channel ID",
            ),
            (ALICE, ALICE, Field::Channel, "user ARN, not a channel ARN"),
            (CH, CH, Field::Member, "channel ARN, not a user or bot ARN"),
            (
                CH,
                "arn:aws:chime:us-east-1:111122223333:app-instance/demo/moderator/x",
                Field::Member,
                "instead of user/<id>",
            ),
            (
                "\"arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/x\"",
                ALICE,
                Field::Channel,
                "quotes",
            ),
            (
                "arn%3Aaws%3Achime%3Aus-east-1",
                ALICE,
                Field::Channel,
                "percent-encoded",
            ),
            (
                "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/a b",
                ALICE,
                Field::Channel,
                "a space",
            ),
            (
                "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/a\u{202e}b",
                ALICE,
                Field::Channel,
                "U+202E",
            ),
            (CH, other_instance, Field::Member, "belongs to app instance"),
        ];
        for (channel, member, field, words) in cases {
            let p = first_problem(channel, member, None)
                .unwrap_or_else(|| panic!("no problem for {channel:?} / {member:?}"));
            assert_eq!(p.field, *field, "{channel:?} / {member:?}: {p}");
            assert!(
                p.message.contains(words),
                "{channel:?}: message {:?} lacks {words:?}",
                p.message
            );
            assert!(!p.fix.is_empty());
        }
    }

    #[test]
    fn surrounding_whitespace_from_a_paste_is_forgiven() {
        let check = check_form(&format!("  {CH}\n"), ALICE, None, None);
        assert_eq!(check.target.map(|t| t.channel_arn), Some(CH.to_string()));
    }

    #[test]
    fn a_bearer_other_than_the_member_is_a_warning_not_an_error() {
        let check = check_form(CH, ALICE, Some(BOB), None);
        assert!(check.problems().is_empty());
        assert_eq!(check.target.expect("target").bearer_arn, BOB);
        assert!(
            check
                .warnings
                .iter()
                .any(|w| w.contains("only the member who owns"))
        );
    }

    #[test]
    fn a_bearer_from_another_app_instance_is_an_error() {
        let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin";
        let p = first_problem(CH, ALICE, Some(other)).expect("problem");
        assert_eq!(p.field, Field::Bearer);
    }

    #[test]
    fn region_mismatch_and_unsupported_regions_warn() {
        let check = check_form(CH, ALICE, None, Some("eu-central-1"));
        assert!(
            check
                .warnings
                .iter()
                .any(|w| w.contains("--region us-east-1"))
        );
        let west_ch = CH.replace("us-east-1", "us-west-2");
        let west_alice = ALICE.replace("us-east-1", "us-west-2");
        let check = check_form(&west_ch, &west_alice, None, None);
        assert!(check.target.is_some());
        assert!(
            check
                .warnings
                .iter()
                .any(|w| w.contains("only in us-east-1 and eu-central-1"))
        );
    }

    #[test]
    fn empty_form_is_not_an_error_yet() {
        let check = check_form("", "", None, None);
        assert_eq!(check.channel, FieldStatus::Empty);
        assert_eq!(check.member, FieldStatus::Empty);
        assert!(check.target.is_none());
    }

    #[test]
    fn a_lister_must_parse_and_share_the_app_instance() {
        let admin = ALICE.replace("user/alice", "user/admin");
        assert!(check_lister(CH, &admin).is_ok());
        let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin";
        let problems = check_lister(CH, other).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Bearer);
        assert!(problems[0].message.contains("belongs to app instance"));
        let problems = check_lister(&admin, CH).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::Channel, Field::Bearer]);
    }

    #[test]
    fn region_warnings_name_the_fix() {
        let channel = parse_channel(CH).expect("valid");
        assert!(region_warnings(&channel, Some("us-east-1")).is_empty());
        let warnings = region_warnings(&channel, Some("eu-central-1"));
        assert!(warnings[0].contains("--region us-east-1"), "{warnings:?}");
    }

    #[test]
    fn members_are_named_within_their_channel() {
        assert_eq!(member_in_channel(CH, ALICE), "user/alice");
        let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice";
        assert_eq!(member_in_channel(CH, other), other);
    }
}
