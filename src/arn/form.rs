//! Form-level checks: the three fields together, as the TUI's form and
//! `get`/`scan` give them. Each field is parsed by [`super::grammar`]; here
//! the fields are checked against each other (one app instance), warnings
//! are gathered, and the target to send is built when nothing blocks it.

use crate::model::Target;

use super::grammar::{ChannelArn, MemberArn, parse_channel, parse_member};
use super::problem::{ArnProblem, CHANNEL_EXAMPLE, Field, MEMBER_EXAMPLE, problem};

/// Regions where Amazon Chime SDK messaging runs.
pub const MESSAGING_REGIONS: [&str; 2] = ["us-east-1", "eu-central-1"];

fn status<T>(parsed: &Option<Result<T, ArnProblem>>) -> FieldStatus {
    match parsed {
        None => FieldStatus::Empty,
        Some(Ok(_)) => FieldStatus::Valid,
        Some(Err(p)) => FieldStatus::Invalid(p.clone()),
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

/// The admin or moderator a diagnosis uses where the member's own bearer
/// cannot see: it parses, and belongs to the channel's app instance.
pub fn check_admin(channel: &ChannelArn, admin: &str) -> Result<MemberArn, ArnProblem> {
    let admin = parse_member(admin, Field::Admin)?;
    match same_app_instance(
        channel,
        &admin,
        Field::Admin,
        "An AppInstanceAdmin or moderator of the channel's own app instance can read its bans: check the ARN",
    ) {
        Some(problem) => Err(problem),
        None => Ok(admin),
    }
}

/// The AppInstanceAdmin who lists another user's channels (`member`, the
/// TUI's `u`): it parses, and belongs to the member's own app instance
/// (the service decides whether it is an admin). `fix` says what to do
/// about one of another app instance.
pub fn check_member_admin(
    member: &MemberArn,
    admin: &str,
    fix: &str,
) -> Result<MemberArn, ArnProblem> {
    let admin = parse_member(admin, Field::Admin)?;
    if admin.scope != member.scope {
        return Err(problem(
            Field::Admin,
            format!(
                "belongs to app instance {} but the member belongs to {}",
                admin.scope.app_instance_arn(),
                member.scope.app_instance_arn()
            ),
            fix,
        ));
    }
    Ok(admin)
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
    // Blank is "not given"; anything else goes through the input check, so
    // a lone no-break space is named rather than taken for nothing.
    let blank = |text: &str| text.trim_ascii().is_empty();
    let bearer = bearer.filter(|b| !blank(b));
    let channel_arn = (!blank(channel)).then(|| parse_channel(channel));
    let member_arn = (!blank(member)).then(|| parse_member(member, Field::Member));
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
    fn an_admin_must_be_a_user_of_the_channels_app_instance() {
        let channel = parse_channel(CH).expect("channel");
        assert_eq!(
            check_admin(&channel, BOB).map(|a| a.id),
            Ok("bob".to_string())
        );
        let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin";
        let problem = check_admin(&channel, other).expect_err("other app instance");
        assert_eq!(problem.field, Field::Admin);
        assert!(
            problem.message.contains("app-instance/other"),
            "{}",
            problem.message
        );
        let bad = check_admin(&channel, "admin").expect_err("not an ARN");
        assert_eq!(bad.field.flag(), "--admin-arn");
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

    proptest::proptest! {
        /// Whatever is typed or passed, nothing sent holds a control, format
        /// or non-ASCII character, and every problem is safe to print.
        #[test]
        fn the_target_is_always_printable_ascii(
            noise in proptest::prelude::any::<String>(),
            at in 0usize..80,
        ) {
            let mut member: Vec<char> = ALICE.chars().collect();
            let at = at.min(member.len());
            member.splice(at..at, noise.chars());
            let member: String = member.into_iter().collect();
            let check = check_form(CH, &member, Some(&member), None);
            if let Some(target) = &check.target {
                for arn in [&target.channel_arn, &target.member_arn, &target.bearer_arn] {
                    proptest::prop_assert!(arn.chars().all(|c| c.is_ascii_graphic()), "{:?}", arn);
                }
            }
            for problem in check.problems() {
                proptest::prop_assert!(!problem.message.chars().any(crate::sanitize::is_unsafe));
            }
        }
    }
}
