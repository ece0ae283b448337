//! The verdict as a table: facts in, verdict and blocking check out.

use super::*;
use crate::error::ErrorKind;
use crate::filter::Attributes;
use crate::model::{
    AllowMessages, AllowNotifications, EndpointStatus, EndpointStatusReason, EvalDecision,
    MembershipType, PushChannelKind,
};
use crate::operation::Operation;
use checks::tests::{
    APP, PINPOINT, PINPOINT_AWAY, PINPOINT_TWO, app_ref, at, channel, err, healthy, healthy_setup,
    known, role, scope, simulated, with_channel,
};

fn rid<T>(value: T) -> Fact<T> {
    Fact::known(value, Some("req-1".into()))
}

fn endpoint(id: &str, kind: EndpointType, allow: bool, active: bool, arn: &str) -> EndpointFact {
    EndpointFact {
        id: id.into(),
        name: Some(format!("{id}-phone")),
        kind: Some(kind),
        allow_messages: Some(if allow {
            AllowMessages::All
        } else {
            AllowMessages::None
        }),
        status: Some(if active {
            EndpointStatus::Active
        } else {
            EndpointStatus::Inactive
        }),
        status_reason: (!active).then_some(EndpointStatusReason::InvalidDeviceToken),
        resource_arn: rid(Some(arn.to_string())),
    }
}

fn iphone() -> EndpointFact {
    endpoint("iphone", EndpointType::Apns, true, true, PINPOINT)
}

fn prefs(allow: Option<AllowNotifications>, rule: Option<&str>) -> Fact<PreferencesFact> {
    rid(PreferencesFact {
        allow,
        filter_rule: rule.map(str::to_string),
        member_name: None,
    })
}

fn attrs(name: &str, value: &str) -> Attributes {
    let mut a = Attributes::new();
    a.insert(name, vec![value.to_string()]);
    a
}

const MENTION: &str = r#"{"mention":["alice"]}"#;

type Row = (&'static str, Box<dyn Fn(&mut Facts)>, Push, Option<CheckId>);

fn rows() -> Vec<Row> {
    vec![
        ("all links healthy", Box::new(|_| {}), Push::Yes, None),
        (
            "preferences never set",
            Box::new(|f| f.preferences = prefs(None, None)),
            Push::Yes,
            None,
        ),
        (
            "not a member (NotFound)",
            Box::new(|f| {
                f.membership = Fact::Failed(err(
                    Operation::DescribeChannelMembership,
                    ErrorKind::NotFound,
                ))
            }),
            Push::No,
            Some(CheckId::Membership),
        ),
        (
            "not a member, and the preferences are then forbidden",
            Box::new(|f| {
                f.membership = rid(None);
                f.preferences = Fact::Failed(err(
                    Operation::GetChannelMembershipPreferences,
                    ErrorKind::Forbidden,
                ));
            }),
            Push::No,
            Some(CheckId::Membership),
        ),
        (
            "banned: the ban is named, not the lost membership",
            Box::new(|f| {
                f.scope = scope(true);
                f.membership = rid(None);
                f.preferences = Fact::Failed(err(
                    Operation::GetChannelMembershipPreferences,
                    ErrorKind::Forbidden,
                ));
                f.ban = rid(Some(BanFact {
                    created_by: Some(format!("{APP}/user/mod")),
                    created: Some(at(1_700_000_000)),
                }));
            }),
            Push::No,
            Some(CheckId::Ban),
        ),
        (
            "admin bearer, not banned (NotFound)",
            Box::new(|f| {
                f.scope = scope(true);
                f.ban = Fact::Failed(err(Operation::DescribeChannelBan, ErrorKind::NotFound));
            }),
            Push::Yes,
            None,
        ),
        (
            "ban call denied: unknown",
            Box::new(|f| {
                f.scope = scope(true);
                f.ban = Fact::Failed(err(Operation::DescribeChannelBan, ErrorKind::Forbidden));
            }),
            Push::Unknown,
            None,
        ),
        (
            "muted: NONE",
            Box::new(|f| f.preferences = prefs(Some(AllowNotifications::None), None)),
            Push::No,
            Some(CheckId::Preferences),
        ),
        (
            "FILTERED, no message: depends",
            Box::new(|f| f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION))),
            Push::Depends,
            None,
        ),
        (
            "FILTERED, matching attributes",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
                f.message = MessageInput::Attributes(attrs("mention", "alice"));
            }),
            Push::Yes,
            None,
        ),
        (
            "FILTERED, attributes that do not match",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
                f.message = MessageInput::Attributes(attrs("mention", "bob"));
            }),
            Push::No,
            Some(CheckId::FilterRule),
        ),
        (
            "FILTERED, a message that does not match",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
                f.message = MessageInput::Message {
                    id: "m-1".into(),
                    attributes: rid(attrs("mention", "bob")),
                };
            }),
            Push::No,
            Some(CheckId::FilterRule),
        ),
        (
            "FILTERED, the message could not be read",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
                f.message = MessageInput::Message {
                    id: "m-1".into(),
                    attributes: Fact::Failed(err(
                        Operation::GetChannelMessage,
                        ErrorKind::NotFound,
                    )),
                };
            }),
            Push::Unknown,
            None,
        ),
        (
            "FILTERED with a rule Chime would reject",
            Box::new(|f| {
                f.preferences = prefs(
                    Some(AllowNotifications::Filtered),
                    Some(
                        r#"{"a":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20"]}"#,
                    ),
                )
            }),
            Push::No,
            Some(CheckId::FilterRule),
        ),
        (
            "FILTERED without a rule: assumed to push",
            Box::new(|f| f.preferences = prefs(Some(AllowNotifications::Filtered), None)),
            Push::Yes,
            None,
        ),
        (
            "preferences call failed",
            Box::new(|f| {
                f.preferences = Fact::Failed(err(
                    Operation::GetChannelMembershipPreferences,
                    ErrorKind::Throttled,
                ))
            }),
            Push::Unknown,
            None,
        ),
        (
            "an unknown AllowNotifications value",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Unknown("SOME".into())), None)
            }),
            Push::Unknown,
            None,
        ),
        (
            "no endpoint registered",
            Box::new(|f| f.endpoints = rid(vec![])),
            Push::No,
            Some(CheckId::Endpoints),
        ),
        (
            "every endpoint muted or inactive",
            Box::new(|f| {
                f.endpoints = rid(vec![
                    endpoint("muted", EndpointType::Apns, false, true, PINPOINT),
                    endpoint("stale", EndpointType::Gcm, true, false, PINPOINT),
                ])
            }),
            Push::No,
            Some(CheckId::Endpoints),
        ),
        (
            "one good device and one muted: still yes",
            Box::new(|f| {
                f.endpoints = rid(vec![
                    iphone(),
                    endpoint("muted", EndpointType::Apns, false, true, PINPOINT),
                ])
            }),
            Push::Yes,
            None,
        ),
        (
            "only device's Pinpoint app in another region (moved from endpoints)",
            Box::new(|f| {
                f.endpoints = rid(vec![endpoint(
                    "away",
                    EndpointType::Apns,
                    true,
                    true,
                    PINPOINT_AWAY,
                )]);
                healthy_setup(f);
            }),
            Push::No,
            Some(CheckId::PinpointApp),
        ),
        (
            "only an APNS_SANDBOX device: reaches development builds",
            Box::new(|f| {
                f.endpoints = rid(vec![endpoint(
                    "dev",
                    EndpointType::ApnsSandbox,
                    true,
                    true,
                    PINPOINT,
                )]);
                healthy_setup(f);
            }),
            Push::Yes,
            None,
        ),
        // Behind the device.
        (
            "the app was deleted",
            Box::new(|f| {
                f.apps.insert(app_ref(PINPOINT), rid(None));
            }),
            Push::No,
            Some(CheckId::PinpointApp),
        ),
        (
            "the only GCM device's channel is on the legacy FCM key",
            Box::new(|f| {
                f.endpoints = rid(vec![endpoint(
                    "pixel",
                    EndpointType::Gcm,
                    true,
                    true,
                    PINPOINT,
                )]);
                healthy_setup(f);
                with_channel(f, PushChannelKind::Gcm, |c| {
                    c.has_fcm_service_credentials = Some(false);
                    c.default_authentication_method = Some(crate::model::AuthenticationMethod::Key);
                });
            }),
            Push::No,
            Some(CheckId::PushChannels),
        ),
        (
            "one of two devices cut by its channel: warn, still yes",
            Box::new(|f| with_channel(f, PushChannelKind::Gcm, |c| c.enabled = Some(false))),
            Push::Yes,
            None,
        ),
        (
            "sandbox device without a sandbox channel",
            Box::new(|f| {
                f.endpoints = rid(vec![endpoint(
                    "dev",
                    EndpointType::ApnsSandbox,
                    true,
                    true,
                    PINPOINT,
                )]);
                healthy_setup(f);
                f.channels
                    .insert((app_ref(PINPOINT), PushChannelKind::ApnsSandbox), rid(None));
            }),
            Push::No,
            Some(CheckId::PushChannels),
        ),
        (
            "the role is missing",
            Box::new(|f| f.role = rid(None)),
            Push::No,
            Some(CheckId::ServiceRole),
        ),
        (
            "the role trusts the wrong principal",
            Box::new(|f| {
                let mut r = role();
                r.trust_policy = Some(
                    r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"chime.amazonaws.com"},"Action":"sts:AssumeRole"}}"#.into(),
                );
                f.role = rid(Some(r));
            }),
            Push::No,
            Some(CheckId::ServiceRole),
        ),
        (
            "the role may not send",
            Box::new(|f| {
                f.permission.insert(
                    app_ref(PINPOINT),
                    simulated(PINPOINT, EvalDecision::ImplicitDeny),
                );
            }),
            Push::No,
            Some(CheckId::RolePermission),
        ),
        (
            "simulation refused, the policies read allow it",
            Box::new(|f| {
                f.permission.insert(
                    app_ref(PINPOINT),
                    rid(PermissionAnswer::ReadPolicies {
                        refused: err(Operation::SimulatePrincipalPolicy, ErrorKind::AccessDenied),
                        policies: vec![crate::model::RolePolicy {
                            source: crate::model::PolicySource::Inline { name: "send".into() },
                            document: r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"*"}}"#.into(),
                        }],
                    }),
                );
            }),
            Push::Yes,
            None,
        ),
        (
            "Pinpoint calls denied by our own IAM: unknown, not no",
            Box::new(|f| {
                f.apps.insert(
                    app_ref(PINPOINT),
                    Fact::Failed(err(Operation::GetApp, ErrorKind::AccessDenied)),
                );
            }),
            Push::Unknown,
            None,
        ),
        (
            "the set-up not asked: unknown, never yes",
            Box::new(|f| {
                f.role = Fact::NotAsked("no IAM calls".into());
                f.apps.clear();
                f.channels.clear();
                f.permission.clear();
            }),
            Push::Unknown,
            None,
        ),
        (
            "a failure beats an unasked set-up",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::None), None);
                f.role = Fact::NotAsked("no IAM calls".into());
            }),
            Push::No,
            Some(CheckId::Preferences),
        ),
        (
            "two apps, one deleted: the other's device still gets it",
            Box::new(|f| {
                f.endpoints = rid(vec![
                    iphone(),
                    endpoint("tablet", EndpointType::Gcm, true, true, PINPOINT_TWO),
                ]);
                healthy_setup(f);
                f.apps.insert(app_ref(PINPOINT), rid(None));
            }),
            Push::Yes,
            None,
        ),
        (
            "the role still being read",
            Box::new(|f| f.role = Fact::Pending),
            Push::Pending,
            None,
        ),
        (
            "endpoint list denied by IAM",
            Box::new(|f| {
                f.endpoints = Fact::Failed(err(
                    Operation::ListAppInstanceUserEndpoints,
                    ErrorKind::Forbidden,
                ))
            }),
            Push::Unknown,
            None,
        ),
        (
            "the only device's describe failed",
            Box::new(|f| {
                let mut e = iphone();
                e.resource_arn = Fact::Failed(err(
                    Operation::DescribeAppInstanceUserEndpoint,
                    ErrorKind::ServiceFailure,
                ));
                f.endpoints = rid(vec![e]);
            }),
            Push::Unknown,
            None,
        ),
        (
            "depends on the filter, but the devices are unknown: unknown wins",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
                f.endpoints = Fact::Failed(err(
                    Operation::ListAppInstanceUserEndpoints,
                    ErrorKind::Forbidden,
                ));
            }),
            Push::Unknown,
            None,
        ),
        (
            "a failure beats an unknown",
            Box::new(|f| {
                f.preferences = prefs(Some(AllowNotifications::None), None);
                f.endpoints = Fact::Failed(err(
                    Operation::ListAppInstanceUserEndpoints,
                    ErrorKind::Forbidden,
                ));
            }),
            Push::No,
            Some(CheckId::Preferences),
        ),
        (
            "calls still running",
            Box::new(|f| f.endpoints = Fact::Pending),
            Push::Pending,
            None,
        ),
    ]
}

#[test]
fn the_verdict_table() {
    for (name, change, push, blocking) in rows() {
        let mut facts = healthy();
        change(&mut facts);
        let d = evaluate(&facts);
        assert_eq!(d.verdict.push, push, "{name}: {:?}", d.verdict);
        assert_eq!(d.verdict.blocking, blocking, "{name}: {:?}", d.verdict);
        let ids: Vec<CheckId> = d.checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, CheckId::ALL, "{name}: checks in order");
        if let Some(b) = blocking {
            let check = d.check(b).expect("blocking check present");
            assert_eq!(check.status, Status::Fail, "{name}");
            assert_eq!(
                d.verdict.reason, check.finding,
                "{name}: the reason is the blocking finding"
            );
            assert!(
                !check.advice.is_empty() || check.error.is_some(),
                "{name}: a failure says what to do"
            );
        }
    }
}

#[test]
fn findings_carry_the_facts() {
    let mut f = healthy();
    f.scope = scope(true);
    f.membership = rid(None);
    f.ban = rid(Some(BanFact {
        created_by: Some(format!("{APP}/user/mod")),
        created: Some(at(1_700_000_000)),
    }));
    let d = evaluate(&f);
    let ban = d.check(CheckId::Ban).expect("ban");
    assert!(ban.finding.contains("by user/mod on"), "{}", ban.finding);
    assert!(
        !ban.finding.contains("arn:aws"),
        "the banner is named within the app instance: {}",
        ban.finding
    );
    assert!(
        ban.evidence
            .iter()
            .any(|(k, v)| k == "CreatedBy" && v == &format!("{APP}/user/mod"))
    );
    assert!(
        ban.finding.contains("2023-11-14T22:13:20Z"),
        "{}",
        ban.finding
    );
    assert_eq!(ban.request_id.as_deref(), Some("req-1"));
    assert_eq!(ban.operation, Some(Operation::DescribeChannelBan));

    let mut f = healthy();
    f.membership = rid(Some(MembershipFact {
        kind: Some(MembershipType::Hidden),
        invited_by: None,
        created: None,
        member_name: None,
    }));
    let d = evaluate(&f);
    assert!(
        d.check(CheckId::Membership)
            .expect("m")
            .finding
            .contains("HIDDEN")
    );

    let d = evaluate(&healthy());
    let skipped = d.check(CheckId::Ban).expect("ban");
    assert_eq!(skipped.status, Status::Skipped);
    assert!(
        skipped.finding.contains("--admin-arn"),
        "{}",
        skipped.finding
    );
}

#[test]
fn endpoint_findings_name_the_devices_that_would_not_get_it() {
    let mut f = healthy();
    f.endpoints = rid(vec![
        iphone(),
        endpoint("stale", EndpointType::Gcm, true, false, PINPOINT),
        endpoint("away", EndpointType::Apns, true, true, PINPOINT_AWAY),
    ]);
    healthy_setup(&mut f);
    let d = evaluate(&f);
    let c = d.check(CheckId::Endpoints).expect("endpoints");
    assert_eq!(c.status, Status::Warn);
    assert!(
        c.finding.starts_with("2 of 3 devices can receive"),
        "{}",
        c.finding
    );
    assert!(
        c.finding
            .contains("stale-phone (GCM): INACTIVE, INVALID_DEVICE_TOKEN"),
        "{}",
        c.finding
    );
    // The app's region is judged by pinpoint-app now.
    let app = d.check(CheckId::PinpointApp).expect("pinpoint-app");
    assert_eq!(app.status, Status::Warn);
    assert!(app.finding.contains("away-phone (APNS)"), "{}", app.finding);
    assert!(app.finding.contains("eu-central-1"), "{}", app.finding);
    assert!(
        d.verdict.reason.contains("1 device"),
        "{}",
        d.verdict.reason
    );
}

#[test]
fn an_unknown_verdict_names_what_was_not_checked_and_the_actions() {
    let mut f = healthy();
    f.role = Fact::NotAsked("no IAM calls".into());
    f.apps.clear();
    f.permission.clear();
    f.apps.insert(
        app_ref(PINPOINT),
        Fact::Failed(err(Operation::GetApp, ErrorKind::AccessDenied)),
    );
    let d = evaluate(&f);
    assert_eq!(d.verdict.push, Push::Unknown);
    let r = &d.verdict.reason;
    for part in [
        "3 checks could not run",
        "pinpoint-app",
        "service-role",
        "role-permission",
        "no check failed",
        "mobiletargeting:GetApp",
        "iam:GetRole",
        "iam:SimulatePrincipalPolicy",
    ] {
        assert!(r.contains(part), "{part}: {r}");
    }
    // A throttle is not a permission to add.
    let mut f = healthy();
    f.apps.insert(
        app_ref(PINPOINT),
        Fact::Failed(err(Operation::GetApp, ErrorKind::Throttled)),
    );
    let d = evaluate(&f);
    assert_eq!(d.verdict.push, Push::Unknown);
    assert!(
        d.verdict
            .reason
            .starts_with("the pinpoint-app check could not run (")
            && !d.verdict.reason.contains("Allowing"),
        "{}",
        d.verdict.reason
    );
}

#[test]
fn yes_counts_the_devices_through_every_link() {
    let mut f = healthy();
    with_channel(&mut f, PushChannelKind::Gcm, |c| c.enabled = Some(false));
    let d = evaluate(&f);
    assert_eq!(d.verdict.push, Push::Yes);
    assert!(
        d.verdict.reason.ends_with("would reach 1 device"),
        "{}",
        d.verdict.reason
    );
    let c = d.check(CheckId::PushChannels).expect("present");
    assert_eq!(c.status, Status::Warn);
    assert!(c.finding.contains("pixel-phone (GCM)"), "{}", c.finding);
    // Both devices cut by different links: no device is left, and the
    // first failing link is named.
    let mut f = healthy();
    with_channel(&mut f, PushChannelKind::Gcm, |c| c.enabled = Some(false));
    f.permission.insert(
        app_ref(PINPOINT),
        simulated(PINPOINT, EvalDecision::ExplicitDeny),
    );
    let d = evaluate(&f);
    assert_eq!(d.verdict.push, Push::No);
    assert_eq!(d.verdict.blocking, Some(CheckId::RolePermission));
    let _ = channel(PushChannelKind::Apns);
    let _ = known(());
}

#[test]
fn filter_evaluation_reasons_are_evidence() {
    let mut f = healthy();
    f.preferences = prefs(Some(AllowNotifications::Filtered), Some(MENTION));
    f.message = MessageInput::Attributes(attrs("mention", "bob"));
    let d = evaluate(&f);
    let c = d.check(CheckId::FilterRule).expect("filter");
    assert!(
        c.evidence
            .iter()
            .any(|(k, v)| k.starts_with("Reason") && v.contains("mention")),
        "{:?}",
        c.evidence
    );
}

#[test]
fn manual_checks_keep_only_the_push_notification() {
    let d = evaluate(&healthy());
    assert_eq!(d.manual.len(), 1, "{:?}", d.manual);
    assert!(d.manual[0].what.contains("PushNotification"));
    assert_eq!(d.manual[0].command, None);
}

#[test]
fn setup_wanted_names_each_app_and_channel_once() {
    let mut f = Facts::pending(scope(false), MessageInput::None);
    assert!(f.setup_wanted().is_empty(), "no devices known yet");
    let mut pending_describe = iphone();
    pending_describe.id = "later".into();
    pending_describe.resource_arn = Fact::Pending;
    f.endpoints = rid(vec![
        iphone(),
        endpoint("ipad", EndpointType::Apns, true, true, PINPOINT),
        endpoint("pixel", EndpointType::Gcm, true, true, PINPOINT),
        endpoint("muted", EndpointType::Gcm, false, true, PINPOINT_TWO),
        endpoint("away", EndpointType::ApnsSandbox, true, true, PINPOINT_AWAY),
        endpoint(
            "other",
            EndpointType::Unknown("WEB".into()),
            true,
            true,
            PINPOINT,
        ),
        pending_describe,
    ]);
    let wanted = f.setup_wanted();
    assert_eq!(
        wanted.apps,
        [app_ref(PINPOINT), app_ref(PINPOINT_AWAY)],
        "not the muted device's app"
    );
    assert_eq!(wanted.permissions, wanted.apps);
    assert_eq!(
        wanted.channels,
        [
            (app_ref(PINPOINT), PushChannelKind::Apns),
            (app_ref(PINPOINT), PushChannelKind::Gcm),
            (app_ref(PINPOINT_AWAY), PushChannelKind::ApnsSandbox),
        ]
    );
    f.role = rid(Some(role()));
    f.mark_setup_pending(&wanted);
    assert!(f.setup_wanted().is_empty(), "each is asked once");
    assert!(!f.complete(), "marked pending");
    f.apps.insert(app_ref(PINPOINT), rid(None));
    f.mark_setup_pending(&wanted);
    assert_eq!(
        f.apps.get(&app_ref(PINPOINT)),
        Some(&rid(None)),
        "an answer is never marked pending again"
    );
}

#[test]
fn pinpoint_arns_parse_strictly() {
    let app = crate::model::PinpointAppRef::parse(PINPOINT).expect("parses");
    assert_eq!(
        (
            app.region.as_str(),
            app.account.as_str(),
            app.app_id.as_str()
        ),
        ("us-east-1", "111122223333", "abc123")
    );
    assert_eq!(
        crate::model::PinpointAppRef::parse("arn:aws:chime:us-east-1:1:apps/x"),
        None
    );
    assert_eq!(
        crate::model::PinpointAppRef::parse("arn:aws:mobiletargeting:us-east-1:1:apps/"),
        None
    );
    assert_eq!(crate::model::PinpointAppRef::parse("garbage"), None);
}

#[test]
fn facts_are_complete_only_when_every_call_answered() {
    let mut f = healthy();
    assert!(f.complete());
    f.endpoints = rid(vec![EndpointFact {
        resource_arn: Fact::Pending,
        ..iphone()
    }]);
    assert!(!f.complete());
    let mut f = healthy();
    f.role = Fact::Pending;
    assert!(!f.complete(), "the role is asked with the first calls");
    let mut f = healthy();
    if let Some(c) = f.channels.values_mut().next() {
        *c = Fact::Pending;
    }
    assert!(!f.complete(), "a channel still asked");
    let p = Facts::pending(scope(true), MessageInput::None);
    assert!(!p.complete());
}

#[test]
fn device_checks_are_the_diagnosis_own() {
    let f = healthy();
    let d = evaluate(&f);
    let alone = device_checks(&f);
    let ids: Vec<CheckId> = alone.iter().map(|c| c.id).collect();
    assert_eq!(ids, CheckId::ALL[5..]);
    for c in &alone {
        assert_eq!(Some(c), d.check(c.id), "{:?}", c.id);
    }
}

/// A device whose values are all fine but for `change`.
fn device_with(change: impl FnOnce(&mut EndpointFact)) -> Facts {
    let mut device = iphone();
    change(&mut device);
    let mut f = healthy();
    f.endpoints = rid(vec![device]);
    f
}

#[test]
fn a_device_value_this_version_does_not_know_makes_the_check_unknown_never_no() {
    type Change = Box<dyn Fn(&mut EndpointFact)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "AllowMessages",
            Box::new(|e| e.allow_messages = Some(AllowMessages::from_wire("MENTIONS_ONLY"))),
            "AllowMessages MENTIONS_ONLY is a value this version does not know",
        ),
        (
            "Status",
            Box::new(|e| e.status = Some(EndpointStatus::from_wire("SUSPENDED"))),
            "EndpointState.Status SUSPENDED is a value this version does not know",
        ),
        (
            "StatusReason on an ACTIVE endpoint",
            Box::new(|e| e.status_reason = Some(EndpointStatusReason::from_wire("RATE_LIMITED"))),
            "EndpointState.StatusReason RATE_LIMITED is a value this version does not know",
        ),
        (
            "Type",
            Box::new(|e| e.kind = Some(EndpointType::from_wire("HUAWEI"))),
            "Type HUAWEI is a value this version does not know",
        ),
        (
            "AllowMessages not given",
            Box::new(|e| e.allow_messages = None),
            "no AllowMessages given",
        ),
        (
            "Status not given",
            Box::new(|e| e.status = None),
            "no EndpointState.Status given",
        ),
    ];
    for (name, change, said) in cases {
        let d = evaluate(&device_with(change));
        let c = d.check(CheckId::Endpoints).expect("endpoints");
        assert_eq!(c.status, Status::Unknown, "{name}: {c:?}");
        assert!(c.finding.contains(said), "{name}: {}", c.finding);
        assert!(!c.finding.contains("muted"), "{name}: {}", c.finding);
        assert!(!c.finding.contains("INACTIVE"), "{name}: {}", c.finding);
        assert_eq!(d.verdict.push, Push::Unknown, "{name}: {:?}", d.verdict);
    }
}

#[test]
fn what_the_service_said_for_certain_still_decides_beside_an_unknown_value() {
    // Muted is a fact whatever the Status says.
    let d = evaluate(&device_with(|e| {
        e.allow_messages = Some(AllowMessages::None);
        e.status = Some(EndpointStatus::from_wire("SUSPENDED"));
    }));
    assert_eq!(d.verdict.push, Push::No, "{:?}", d.verdict);
    // INACTIVE with a reason this version does not know: still INACTIVE,
    // the reason verbatim.
    let d = evaluate(&device_with(|e| {
        e.status = Some(EndpointStatus::Inactive);
        e.status_reason = Some(EndpointStatusReason::from_wire("TOKEN_REVOKED"));
    }));
    assert_eq!(d.verdict.push, Push::No, "{:?}", d.verdict);
    assert!(
        d.verdict
            .reason
            .contains("INACTIVE, TOKEN_REVOKED (a reason this version does not know)"),
        "{}",
        d.verdict.reason
    );
    // One device reaches: the unknown one does not hide that.
    let mut f = healthy();
    let mut odd = endpoint("odd", EndpointType::Gcm, true, true, PINPOINT);
    odd.allow_messages = Some(AllowMessages::from_wire("SOMETIMES"));
    f.endpoints = rid(vec![iphone(), odd]);
    let d = evaluate(&f);
    assert_eq!(d.verdict.push, Push::Yes, "{:?}", d.verdict);
    let c = d.check(CheckId::Endpoints).expect("endpoints");
    assert_eq!(c.status, Status::Warn);
    assert!(c.finding.contains("SOMETIMES"), "{}", c.finding);
}

#[test]
fn the_members_name_comes_from_the_preferences_else_the_membership() {
    let mut f = healthy();
    assert_eq!(f.member_name(), None);
    f.membership = rid(Some(MembershipFact {
        kind: Some(MembershipType::Default),
        invited_by: None,
        created: None,
        member_name: Some("From Membership".into()),
    }));
    assert_eq!(f.member_name(), Some("From Membership"));
    f.preferences = rid(PreferencesFact {
        allow: Some(AllowNotifications::All),
        filter_rule: None,
        member_name: Some("From Preferences".into()),
    });
    assert_eq!(f.member_name(), Some("From Preferences"));
    f.preferences = Fact::Failed(err(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::Throttled,
    ));
    assert_eq!(f.member_name(), Some("From Membership"));
}
