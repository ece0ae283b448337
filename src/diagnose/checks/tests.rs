//! Fixtures for the links behind the device, shared by each check's tests
//! and the verdict table, and the chain rule's own tests.

pub(crate) use crate::diagnose::check::{Check, CheckId, Status};
pub(crate) use crate::diagnose::facts::{
    EndpointFact, EndpointType, Fact, Facts, MembershipFact, MessageInput, PermissionAnswer,
    PreferencesFact, SEND_ACTION, SERVICE_ROLE_NAME, Scope,
};
use crate::error::{CallError, ErrorKind};
use crate::model::{
    AllowMessages, AllowNotifications, AuthenticationMethod, EndpointStatus, EvalDecision,
    MembershipType, PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, ServiceRole,
    SimulatedDecision,
};
use crate::operation::Operation;

pub const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";
pub const PINPOINT: &str = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/abc123";
pub const PINPOINT_AWAY: &str = "arn:aws:mobiletargeting:eu-central-1:111122223333:apps/far456";
pub const PINPOINT_TWO: &str = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/two789";
pub const ROLE_ARN: &str =
    "arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification";
pub const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

pub fn at(secs: u64) -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
}

/// A known answer with a request id.
pub fn known<T>(value: T) -> Fact<T> {
    Fact::known(value, Some("req-1".into()))
}

pub fn err(op: Operation, kind: ErrorKind) -> CallError {
    let mut e = CallError::new(op, kind);
    e.request_id = Some("req-err".into());
    e
}

pub fn scope(admin: bool) -> Scope {
    Scope {
        region: "us-east-1".into(),
        account: "111122223333".into(),
        channel_arn: format!("{APP}/channel/support"),
        member_arn: format!("{APP}/user/alice"),
        admin_arn: admin.then(|| format!("{APP}/user/admin")),
    }
}

/// An active, unmuted device of `kind` on the app `arn`.
pub fn endpoint(id: &str, kind: EndpointType, arn: &str) -> EndpointFact {
    EndpointFact {
        id: id.into(),
        name: Some(format!("{id}-phone")),
        kind: Some(kind),
        allow_messages: Some(AllowMessages::All),
        status: Some(EndpointStatus::Active),
        status_reason: None,
        resource_arn: known(Some(arn.to_string())),
    }
}

pub fn iphone() -> EndpointFact {
    endpoint("iphone", EndpointType::Apns, PINPOINT)
}

pub fn pixel() -> EndpointFact {
    endpoint("pixel", EndpointType::Gcm, PINPOINT)
}

pub fn app_ref(arn: &str) -> PinpointAppRef {
    PinpointAppRef::parse(arn).expect("a Pinpoint app ARN")
}

pub fn app(arn: &str) -> PinpointApp {
    let r = app_ref(arn);
    PinpointApp {
        id: r.app_id.clone(),
        arn: Some(arn.to_string()),
        name: Some("demo".into()),
        created: Some("2024-01-01T00:00:00.000Z".into()),
    }
}

/// A healthy channel: enabled, token credentials.
pub fn channel(kind: PushChannelKind) -> PushChannel {
    let gcm = kind == PushChannelKind::Gcm;
    PushChannel {
        kind,
        application_id: Some("abc123".into()),
        platform: Some(kind.platform().into()),
        enabled: Some(true),
        is_archived: Some(false),
        default_authentication_method: Some(AuthenticationMethod::Token),
        has_token_key: (!gcm).then_some(true),
        has_credential: Some(true),
        has_fcm_service_credentials: gcm.then_some(true),
        last_modified: Some("2026-06-01T00:00:00.000Z".into()),
        version: Some(1),
    }
}

pub fn role() -> ServiceRole {
    ServiceRole {
        name: SERVICE_ROLE_NAME.into(),
        arn: ROLE_ARN.into(),
        path: "/".into(),
        trust_policy: Some(TRUST.into()),
        last_used: Some(at(1_790_000_000)),
        last_used_region: Some("us-east-1".into()),
        permissions_boundary_arn: None,
    }
}

pub fn simulated(arn: &str, decision: EvalDecision) -> Fact<PermissionAnswer> {
    known(PermissionAnswer::Simulated(vec![SimulatedDecision {
        action: SEND_ACTION.into(),
        resource: app_ref(arn).messages_arn(),
        decision,
        matched_statements: Vec::new(),
        missing_context_values: Vec::new(),
    }]))
}

/// The set-up behind the devices, healthy, for every app and channel the
/// endpoints name (replacing what was there).
pub fn healthy_setup(f: &mut Facts) {
    f.role = known(Some(role()));
    f.apps.clear();
    f.channels.clear();
    f.permission.clear();
    for (app_ref, kind) in f.apps_in_use() {
        let arn = app_ref.arn();
        f.apps.insert(app_ref.clone(), known(Some(app(&arn))));
        f.permission
            .insert(app_ref.clone(), simulated(&arn, EvalDecision::Allowed));
        if let Some(kind) = kind {
            f.channels
                .insert((app_ref, kind), known(Some(channel(kind))));
        }
    }
}

/// Every link healthy, an APNS and a GCM device on one app.
pub fn healthy() -> Facts {
    let mut f = Facts::pending(scope(false), MessageInput::None);
    f.membership = known(Some(MembershipFact {
        kind: Some(MembershipType::Default),
        invited_by: None,
        created: Some(at(1_700_000_000)),
        member_name: None,
    }));
    f.preferences = known(PreferencesFact {
        allow: Some(AllowNotifications::All),
        filter_rule: None,
        member_name: None,
    });
    f.endpoints = known(vec![iphone(), pixel()]);
    f.read_at = Some(at(1_793_000_000));
    healthy_setup(&mut f);
    f
}

/// A change to the healthy facts.
pub type Change = Box<dyn Fn(&mut Facts)>;

/// A check's table row: what, the change, the status and a part of the
/// finding.
pub type Row = (&'static str, Change, Status, &'static str);

/// One check of the healthy facts changed by `change`.
pub fn check_of(id: CheckId, change: impl Fn(&mut Facts)) -> Check {
    let mut f = healthy();
    change(&mut f);
    crate::diagnose::evaluate(&f)
        .check(id)
        .cloned()
        .expect("every check is present")
}

/// The channel of `kind` on the default app, changed.
pub fn with_channel(f: &mut Facts, kind: PushChannelKind, change: impl Fn(&mut PushChannel)) {
    let mut c = channel(kind);
    change(&mut c);
    f.channels.insert((app_ref(PINPOINT), kind), known(Some(c)));
}

#[test]
fn the_chain_fails_only_when_no_device_is_left() {
    // (what, change, status of push-channels, devices through every link)
    let rows: Vec<(&str, Change, Status, usize)> = vec![
        ("healthy: both", Box::new(|_| {}), Status::Pass, 2),
        (
            "one of two cut: warn, the other still through",
            Box::new(|f| with_channel(f, PushChannelKind::Gcm, |c| c.enabled = Some(false))),
            Status::Warn,
            1,
        ),
        (
            "both cut: fail",
            Box::new(|f| {
                with_channel(f, PushChannelKind::Gcm, |c| c.enabled = Some(false));
                with_channel(f, PushChannelKind::Apns, |c| c.is_archived = Some(true));
            }),
            Status::Fail,
            0,
        ),
        (
            "one cut, one unknown: unknown",
            Box::new(|f| {
                with_channel(f, PushChannelKind::Gcm, |c| c.enabled = Some(false));
                f.channels.insert(
                    (app_ref(PINPOINT), PushChannelKind::Apns),
                    Fact::Failed(err(Operation::GetApnsChannel, ErrorKind::AccessDenied)),
                );
            }),
            Status::Unknown,
            0,
        ),
    ];
    for (name, change, status, through) in rows {
        let mut f = healthy();
        change(&mut f);
        let d = crate::diagnose::evaluate(&f);
        let c = d.check(CheckId::PushChannels).expect("present");
        assert_eq!(c.status, status, "{name}: {}", c.finding);
        let survivors = super::setup_checks(
            &f,
            Some(&match &f.endpoints {
                Fact::Known { value, .. } => value.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            }),
        )
        .1;
        assert_eq!(survivors, through, "{name}");
    }
}

#[test]
fn a_device_cut_early_is_not_judged_later() {
    let mut f = healthy();
    f.endpoints = known(vec![
        iphone(),
        endpoint("away", EndpointType::Gcm, PINPOINT_AWAY),
    ]);
    healthy_setup(&mut f);
    // The far app's channel is broken too, but its device is already cut
    // at pinpoint-app: push-channels does not name it again.
    f.channels
        .insert((app_ref(PINPOINT_AWAY), PushChannelKind::Gcm), known(None));
    let d = crate::diagnose::evaluate(&f);
    assert_eq!(
        d.check(CheckId::PinpointApp).map(|c| c.status),
        Some(Status::Warn)
    );
    let channels = d.check(CheckId::PushChannels).expect("present");
    assert_eq!(channels.status, Status::Pass, "{}", channels.finding);
}

#[test]
fn no_device_left_skips_the_links_behind_it() {
    let mut f = healthy();
    f.endpoints = known(vec![]);
    let d = crate::diagnose::evaluate(&f);
    for id in [
        CheckId::PinpointApp,
        CheckId::PushChannels,
        CheckId::ServiceRole,
        CheckId::RolePermission,
    ] {
        assert_eq!(
            d.check(id).map(|c| c.status),
            Some(Status::Skipped),
            "{id:?}"
        );
    }
    let mut f = healthy();
    f.endpoints = Fact::Pending;
    let d = crate::diagnose::evaluate(&f);
    assert_eq!(
        d.check(CheckId::RolePermission).map(|c| c.status),
        Some(Status::Pending)
    );
}

mod chain_property {
    use super::*;
    use crate::diagnose::{Push, evaluate};
    use crate::model::EvalDecision;
    use proptest::prelude::*;

    /// One device: which app (0 or 1), and APNS or GCM.
    #[derive(Debug, Clone)]
    struct Phone {
        app: usize,
        gcm: bool,
    }

    impl Phone {
        /// Its (app, type) channel's index in `channel_ok`.
        fn channel(&self) -> usize {
            self.app * 2 + usize::from(self.gcm)
        }
    }

    fn phone() -> impl Strategy<Value = Phone> {
        (0usize..2, any::<bool>()).prop_map(|(app, gcm)| Phone { app, gcm })
    }

    proptest! {
        /// A push arrives exactly when some device passes every link, and
        /// when none does, the first link that leaves no device is named.
        #[test]
        fn yes_iff_a_device_passes_every_link(
            phones in prop::collection::vec(phone(), 1..5),
            app_exists in prop::array::uniform2(any::<bool>()),
            may_send in prop::array::uniform2(any::<bool>()),
            channel_ok in prop::array::uniform4(any::<bool>()),
        ) {
            let apps = [PINPOINT, PINPOINT_TWO];
            let mut f = healthy();
            f.endpoints = known(
                phones
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let kind = if p.gcm { EndpointType::Gcm } else { EndpointType::Apns };
                        endpoint(&format!("d{i}"), kind, apps[p.app])
                    })
                    .collect(),
            );
            healthy_setup(&mut f);
            for (i, arn) in apps.iter().enumerate() {
                if !app_exists[i] {
                    f.apps.insert(app_ref(arn), known(None));
                }
                if !may_send[i] {
                    f.permission.insert(app_ref(arn), simulated(arn, EvalDecision::ImplicitDeny));
                }
            }
            for p in phones.iter().filter(|p| !channel_ok[p.channel()]) {
                let kind = if p.gcm { PushChannelKind::Gcm } else { PushChannelKind::Apns };
                f.channels.insert((app_ref(apps[p.app]), kind), known(None));
            }
            let d = evaluate(&f);
            let passes =
                |p: &Phone| app_exists[p.app] && channel_ok[p.channel()] && may_send[p.app];
            let through = phones.iter().filter(|p| passes(p)).count();
            if through > 0 {
                prop_assert_eq!(d.verdict.push, Push::Yes, "{:?}", d.verdict);
                let ending = if through == 1 {
                    "would reach 1 device".to_string()
                } else {
                    format!("would reach {through} devices")
                };
                prop_assert!(d.verdict.reason.ends_with(&ending), "{}", d.verdict.reason);
            } else {
                prop_assert_eq!(d.verdict.push, Push::No, "{:?}", d.verdict);
                let expected = if !phones.iter().any(|p| app_exists[p.app]) {
                    CheckId::PinpointApp
                } else if !phones
                    .iter()
                    .any(|p| app_exists[p.app] && channel_ok[p.channel()])
                {
                    CheckId::PushChannels
                } else {
                    CheckId::RolePermission
                };
                prop_assert_eq!(d.verdict.blocking, Some(expected));
            }
            // No link fails while a device still passes it.
            for c in &d.checks {
                if c.status == Status::Fail {
                    prop_assert_eq!(d.verdict.push, Push::No);
                }
            }
        }
    }
}

mod any_setup {
    use super::*;
    use crate::diagnose::{Push, evaluate};
    use crate::model::{AuthenticationMethod, EvalDecision, PolicySource, RolePolicy};
    use proptest::prelude::*;

    fn fact<T: std::fmt::Debug + Clone + 'static>(
        value: impl Strategy<Value = T> + 'static,
        op: Operation,
    ) -> impl Strategy<Value = Fact<T>> {
        prop_oneof![
            Just(Fact::Pending),
            Just(Fact::NotAsked("not asked".to_string())),
            value.prop_map(known),
            prop::sample::select(vec![
                ErrorKind::NotFound,
                ErrorKind::AccessDenied,
                ErrorKind::Forbidden,
                ErrorKind::Throttled,
            ])
            .prop_map(move |kind| Fact::Failed(err(op, kind))),
        ]
    }

    fn flag() -> impl Strategy<Value = Option<bool>> {
        prop::option::of(any::<bool>())
    }

    fn push_channel(kind: PushChannelKind) -> impl Strategy<Value = Option<PushChannel>> {
        let fields = (
            flag(),
            flag(),
            prop::option::of(prop::sample::select(vec![
                "KEY",
                "TOKEN",
                "CERTIFICATE",
                "ODD",
            ])),
            flag(),
            flag(),
            flag(),
            prop::option::of(prop::sample::select(vec![
                "2020-01-01T00:00:00.000Z",
                "2026-10-01T00:00:00Z",
                "not a date",
            ])),
        );
        prop::option::of(
            fields.prop_map(move |(en, ar, method, tk, cr, fcm, modified)| PushChannel {
                enabled: en,
                is_archived: ar,
                default_authentication_method: method.map(AuthenticationMethod::from_wire),
                has_token_key: tk,
                has_credential: cr,
                has_fcm_service_credentials: fcm,
                last_modified: modified.map(str::to_string),
                ..channel(kind)
            }),
        )
    }

    fn document() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            TRUST.to_string(),
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#.to_string(),
            r#"{"Statement":{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}}"#.to_string(),
            r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:Send*","Resource":"*","Condition":{"Bool":{"x":"y"}}}}"#.to_string(),
            "{".to_string(),
            "[]".to_string(),
            String::new(),
        ])
    }

    fn permission() -> impl Strategy<Value = PermissionAnswer> {
        prop_oneof![
            (
                prop::sample::select(vec!["allowed", "explicitDeny", "implicitDeny", "odd"]),
                prop::collection::vec(prop::sample::select(vec!["aws:SourceArn"]), 0..2),
                any::<bool>(),
            )
                .prop_map(|(decision, missing, right_resource)| {
                    PermissionAnswer::Simulated(vec![SimulatedDecision {
                        action: SEND_ACTION.into(),
                        resource: if right_resource {
                            app_ref(PINPOINT).messages_arn()
                        } else {
                            "arn:other".into()
                        },
                        decision: EvalDecision::from_wire(decision),
                        matched_statements: Vec::new(),
                        missing_context_values: missing.into_iter().map(str::to_string).collect(),
                    }])
                }),
            prop::collection::vec(document(), 0..3).prop_map(|docs| {
                PermissionAnswer::ReadPolicies {
                    refused: err(Operation::SimulatePrincipalPolicy, ErrorKind::AccessDenied),
                    policies: docs
                        .into_iter()
                        .map(|document| RolePolicy {
                            source: PolicySource::Inline { name: "p".into() },
                            document,
                        })
                        .collect(),
                }
            }),
        ]
    }

    fn service_role() -> impl Strategy<Value = Option<ServiceRole>> {
        prop::option::of(
            (prop::option::of(document()), any::<bool>(), flag()).prop_map(
                |(trust, exact, boundary)| ServiceRole {
                    name: if exact {
                        SERVICE_ROLE_NAME.into()
                    } else {
                        "Other".into()
                    },
                    trust_policy: trust,
                    permissions_boundary_arn: boundary.map(|_| "arn:boundary".to_string()),
                    ..role()
                },
            ),
        )
    }

    proptest! {
        /// Whatever the set-up facts say, evaluation answers, keeps its
        /// checks in order, and its verdict agrees with them.
        #[test]
        fn any_setup_is_judged_consistently(
            app in fact(prop::option::of(Just(app(PINPOINT))), Operation::GetApp),
            apns in fact(push_channel(PushChannelKind::Apns), Operation::GetApnsChannel),
            gcm in fact(push_channel(PushChannelKind::Gcm), Operation::GetGcmChannel),
            role_fact in fact(service_role(), Operation::GetRole),
            may in fact(permission(), Operation::SimulatePrincipalPolicy),
            missing_entries in any::<bool>(),
        ) {
            let mut f = healthy();
            f.role = role_fact;
            if missing_entries {
                f.apps.clear();
                f.channels.clear();
                f.permission.clear();
            } else {
                f.apps.insert(app_ref(PINPOINT), app);
                f.channels.insert((app_ref(PINPOINT), PushChannelKind::Apns), apns);
                f.channels.insert((app_ref(PINPOINT), PushChannelKind::Gcm), gcm);
                f.permission.insert(app_ref(PINPOINT), may);
            }
            let d = evaluate(&f);
            let ids: Vec<CheckId> = d.checks.iter().map(|c| c.id).collect();
            prop_assert_eq!(ids, CheckId::ALL);
            match d.verdict.push {
                Push::Yes => {
                    for c in &d.checks {
                        prop_assert!(
                            matches!(c.status, Status::Pass | Status::Warn | Status::Skipped),
                            "{:?}: {:?}", c.id, c.status
                        );
                    }
                    prop_assert!(d.checks[6..].iter().all(|c| c.status != Status::Skipped));
                }
                Push::No => {
                    let blocking = d.verdict.blocking.and_then(|b| d.check(b));
                    prop_assert!(blocking.is_some_and(|c| c.status == Status::Fail));
                }
                Push::Unknown => {
                    prop_assert!(d.checks.iter().all(|c| c.status != Status::Fail));
                    prop_assert!(d.checks.iter().any(|c| c.status == Status::Unknown));
                }
                Push::Pending => {
                    prop_assert!(d.checks.iter().any(|c| c.status == Status::Pending));
                }
                Push::Depends => prop_assert!(false, "no filter rule here"),
            }
            // A 403 on our own call is never a fail.
            for c in &d.checks {
                if let Some(e) = &c.error
                    && super::super::denied_to_us(e)
                {
                    prop_assert_ne!(c.status, Status::Fail, "{:?}", c.id);
                }
            }
        }
    }
}
