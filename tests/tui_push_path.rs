//! The push-path screen: opened with `p`, filled in live by the
//! diagnosis's events in any order, stale events dropped, the verdict
//! judged again when the test panel's attributes change, and drawn at
//! 80x24 and 120x40. The set-up facts behind the devices are kept across
//! members (the next member of the same app asks none of them), shown with
//! their age, and read again by `r`.

mod tui_fixtures;

use std::time::{Duration, Instant};

use chime_prefs::diagnose::{
    BanFact, CheckId, EndpointFact, EndpointType, Event, Fact, Facts, MembershipFact, MessageInput,
    PermissionAnswer, PreferencesFact, Push, SEND_ACTION, SERVICE_ROLE_NAME, Status,
};
use chime_prefs::error::{CallError, ErrorKind};
use chime_prefs::filter::parse_attributes;
use chime_prefs::model::{
    AllowMessages, AllowNotifications, AuthenticationMethod, EndpointStatus, EvalDecision,
    MatchedStatement, PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, ServiceRole,
    SimulatedDecision,
};
use chime_prefs::operation::Operation;
use chime_prefs::tui::app::App;
use chime_prefs::tui::job::{Job, JobEvent, JobId};
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use tui_fixtures::*;

const RULE: &str = r#"{"mention":["carol"]}"#;

fn diagnose_id(effects: &[Effect]) -> JobId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                id,
                job: Job::Diagnose { .. },
            } => Some(*id),
            _ => None,
        })
        .expect("a diagnose job")
}

fn event(id: JobId, e: Event) -> Msg {
    Msg::Job {
        id,
        event: JobEvent::Diagnose(Box::new(e)),
    }
}

/// A form filled for `who`, on a pane, and `p` pressed.
fn open(app: &mut App, who: &str, now: Instant) -> JobId {
    app.lookup.form.fill(&channel(), &member(who), None);
    app.lookup.focus = Focus::Details;
    diagnose_id(&update(app, key(KeyCode::Char('p')), now))
}

fn member_fact() -> Event {
    Event::Membership(Fact::known(
        Some(MembershipFact {
            kind: Some(chime_prefs::model::MembershipType::Default),
            invited_by: None,
            created: None,
            member_name: None,
        }),
        Some("req-membership".into()),
    ))
}

fn prefs(allow: AllowNotifications, rule: Option<&str>) -> Event {
    Event::Preferences(Fact::known(
        PreferencesFact {
            allow: Some(allow),
            filter_rule: rule.map(str::to_string),
            member_name: None,
        },
        Some("req-prefs".into()),
    ))
}

fn iphone() -> Event {
    Event::Endpoints(Fact::known(
        vec![EndpointFact {
            id: "ep-iphone".into(),
            name: Some("iPhone".into()),
            kind: Some(EndpointType::Apns),
            allow_messages: Some(AllowMessages::All),
            status: Some(EndpointStatus::Active),
            status_reason: None,
            resource_arn: Fact::Pending,
        }],
        Some("req-endpoints".into()),
    ))
}

fn iphone_app() -> Event {
    Event::EndpointResource {
        endpoint_id: "ep-iphone".into(),
        resource_arn: Fact::known(
            Some("arn:aws:mobiletargeting:us-east-1:111122223333:apps/demoapp".into()),
            Some("req-describe".into()),
        ),
    }
}

const PINPOINT: &str = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/demoapp";
const TRUST: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"Service\": \"messaging.chime.amazonaws.com\"\n      },\n      \"Action\": \"sts:AssumeRole\"\n    }\n  ]\n}";

fn app_ref() -> PinpointAppRef {
    PinpointAppRef::parse(PINPOINT).expect("app ARN")
}

/// A healthy channel of `kind`: enabled, token credentials.
fn healthy_channel(kind: PushChannelKind) -> PushChannel {
    let gcm = kind == PushChannelKind::Gcm;
    PushChannel {
        kind,
        application_id: Some("demoapp".into()),
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

/// The set-up behind a device of `kind` on the demo app, every link
/// healthy but the channel, which is `channel`.
fn setup_with(kind: PushChannelKind, channel: PushChannel) -> Vec<Event> {
    vec![
        Event::Role(Fact::known(
            Some(ServiceRole {
                name: SERVICE_ROLE_NAME.into(),
                arn: format!("arn:aws:iam::111122223333:role/{SERVICE_ROLE_NAME}"),
                path: "/".into(),
                trust_policy: Some(TRUST.into()),
                last_used: None,
                last_used_region: None,
                permissions_boundary_arn: None,
            }),
            Some("req-role".into()),
        )),
        Event::App {
            app: app_ref(),
            fact: Fact::known(
                Some(PinpointApp {
                    id: "demoapp".into(),
                    arn: Some(PINPOINT.into()),
                    name: Some("Demo".into()),
                    created: None,
                }),
                Some("req-app".into()),
            ),
        },
        Event::Channel {
            app: app_ref(),
            kind,
            fact: Fact::known(Some(channel), Some("req-channel".into())),
        },
        Event::Permission {
            app: app_ref(),
            fact: Fact::known(
                PermissionAnswer::Simulated(vec![SimulatedDecision {
                    action: SEND_ACTION.into(),
                    resource: format!("{PINPOINT}/messages"),
                    decision: EvalDecision::Allowed,
                    matched_statements: vec![MatchedStatement {
                        source_policy_id: Some("send-pushes".into()),
                        source_policy_type: Some("IAM Policy".into()),
                    }],
                    missing_context_values: Vec::new(),
                }]),
                Some("req-simulate".into()),
            ),
        },
    ]
}

/// The healthy set-up behind the iPhone.
fn setup() -> Vec<Event> {
    setup_with(
        PushChannelKind::Apns,
        healthy_channel(PushChannelKind::Apns),
    )
}

fn start_facts(effects: &[Effect]) -> Facts {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                job: Job::Diagnose { facts },
                ..
            } => Some(facts.as_ref().clone()),
            _ => None,
        })
        .expect("a diagnose job")
}

fn verdict(app: &App) -> Push {
    app.push_path()
        .expect("push path on top")
        .diagnosis
        .verdict
        .push
}

fn status(app: &App, id: CheckId) -> Status {
    app.push_path()
        .and_then(|s| s.diagnosis.check(id))
        .map(|c| c.status)
        .expect("check")
}

#[test]
fn p_needs_a_valid_form_and_says_why() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('p')), now);
    assert!(effects.is_empty());
    assert!(app.push_path().is_none());
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.contains("p checks the form's channel and member"),
        "{toast}"
    );
}

#[test]
fn events_in_any_order_fill_the_checklist_and_stale_ones_are_dropped() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open(&mut app, "alice", now);
    assert_eq!(verdict(&app), Push::Pending);
    assert_eq!(status(&app, CheckId::Membership), Status::Pending);
    assert_eq!(
        status(&app, CheckId::Ban),
        Status::Skipped,
        "no admin: the ban is not asked"
    );
    assert!(app.busy(), "the spinner runs while calls are out");
    // Endpoints first, preferences last: the order does not matter.
    update(&mut app, event(id, iphone()), now);
    assert_eq!(
        status(&app, CheckId::Endpoints),
        Status::Pending,
        "the describe is out"
    );
    update(&mut app, event(id, iphone_app()), now);
    update(&mut app, event(id, member_fact()), now);
    assert_eq!(status(&app, CheckId::Membership), Status::Pass);
    // A stale event for another job is dropped.
    update(
        &mut app,
        event(JobId(id.0 + 100), prefs(AllowNotifications::None, None)),
        now,
    );
    assert_eq!(status(&app, CheckId::Preferences), Status::Pending);
    for e in setup() {
        update(&mut app, event(id, e), now);
    }
    assert_eq!(status(&app, CheckId::PushChannels), Status::Pass);
    update(
        &mut app,
        event(id, prefs(AllowNotifications::All, None)),
        now,
    );
    assert_eq!(verdict(&app), Push::Yes);
    assert!(
        !app.push_path().expect("screen").running,
        "every call answered"
    );
}

#[test]
fn a_failed_call_is_unknown_and_enter_shows_its_explanation() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open(&mut app, "alice", now);
    let denied = CallError::new(Operation::DescribeChannelMembership, ErrorKind::Forbidden);
    update(
        &mut app,
        event(id, Event::Membership(Fact::Failed(denied))),
        now,
    );
    update(
        &mut app,
        event(id, prefs(AllowNotifications::All, None)),
        now,
    );
    update(&mut app, event(id, iphone()), now);
    update(&mut app, event(id, iphone_app()), now);
    for e in setup() {
        update(&mut app, event(id, e), now);
    }
    assert_eq!(verdict(&app), Push::Unknown);
    // j to membership, Enter: its detail, with the catalog's explanation.
    press(&mut app, KeyCode::Char('j'), now);
    press(&mut app, KeyCode::Enter, now);
    let screen = app.push_path().expect("screen");
    assert!(screen.detail_open);
    assert_eq!(screen.selected, 1);
    let text = rows(&app).join("\n");
    assert!(text.contains("Detail: membership"), "{text}");
    assert!(text.contains("UNKNOWN"), "{text}");
    // Esc closes the detail, then pops back to the lookup screen.
    press(&mut app, KeyCode::Esc, now);
    assert!(!app.push_path().expect("still there").detail_open);
    press(&mut app, KeyCode::Esc, now);
    assert!(app.push_path().is_none());
}

#[test]
fn a_ban_blocks_when_an_admin_is_configured() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.options.admin_arn = Some(member("admin"));
    let id = open(&mut app, "mallory", now);
    assert_eq!(status(&app, CheckId::Ban), Status::Pending);
    update(
        &mut app,
        event(id, Event::Membership(Fact::known(None, None))),
        now,
    );
    update(
        &mut app,
        event(
            id,
            Event::Ban(Fact::known(
                Some(BanFact {
                    created_by: Some(member("admin")),
                    created: None,
                }),
                Some("req-ban".into()),
            )),
        ),
        now,
    );
    update(
        &mut app,
        event(id, prefs(AllowNotifications::All, None)),
        now,
    );
    update(&mut app, event(id, iphone()), now);
    update(&mut app, event(id, iphone_app()), now);
    let screen = app.push_path().expect("screen");
    assert_eq!(screen.diagnosis.verdict.push, Push::No);
    assert_eq!(screen.diagnosis.verdict.blocking, Some(CheckId::Ban));
}

#[test]
fn a_bad_admin_arn_sends_nothing_and_says_why() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.options.admin_arn = Some("admin".into());
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('p')), now);
    // The form was filled outside `update`, so this is the first message
    // to see its channel valid: opening that region's connection ahead is
    // all it may start, and it sends no request.
    assert!(
        effects.iter().all(|e| matches!(
            e,
            Effect::Start {
                job: Job::WarmUp { .. },
                ..
            }
        )),
        "{effects:?}"
    );
    assert!(app.push_path().is_none());
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("admin ARN"), "{toast}");
}

#[test]
fn r_reruns_and_the_old_runs_events_are_stale() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let first = open(&mut app, "alice", now);
    update(&mut app, event(first, member_fact()), now);
    let effects = press(&mut app, KeyCode::Char('r'), now);
    assert!(
        effects.contains(&Effect::Cancel { id: first }),
        "{effects:?}"
    );
    let second = diagnose_id(&effects);
    assert_ne!(first, second);
    assert_eq!(status(&app, CheckId::Membership), Status::Pending);
    update(
        &mut app,
        event(first, prefs(AllowNotifications::None, None)),
        now,
    );
    assert_eq!(status(&app, CheckId::Preferences), Status::Pending, "stale");
    update(
        &mut app,
        event(second, prefs(AllowNotifications::None, None)),
        now,
    );
    assert_eq!(status(&app, CheckId::Preferences), Status::Fail);
    assert_eq!(verdict(&app), Push::No);
}

/// The test panel's attributes are the message the verdict judges: when
/// `p` opens the screen, and again when the panel is edited and `p`
/// returns to the (parked) screen, with no new call.
#[test]
fn the_test_panels_attributes_change_the_verdict() {
    let now = Instant::now();
    let mut app = app(100, 30);
    load(
        &mut app,
        "carol",
        "Carol",
        Some("FILTERED"),
        Some(RULE),
        now,
    );
    app.lookup.focus = Focus::Details;
    press(&mut app, KeyCode::Char('t'), now);
    type_text(&mut app, r#"{"mention":["carol"]}"#, now);
    press(&mut app, KeyCode::Tab, now);
    let id = diagnose_id(&press(&mut app, KeyCode::Char('p'), now));
    let screen = app.push_path().expect("screen");
    assert_eq!(
        screen.facts.message,
        MessageInput::Attributes(parse_attributes(r#"{"mention":["carol"]}"#).expect("attrs"))
    );
    for e in [
        member_fact(),
        prefs(AllowNotifications::Filtered, Some(RULE)),
        iphone(),
        iphone_app(),
    ]
    .into_iter()
    .chain(setup())
    {
        update(&mut app, event(id, e), now);
    }
    assert_eq!(verdict(&app), Push::Yes);
    // Back, change the message, p again: judged anew, nothing sent.
    press(&mut app, KeyCode::Esc, now);
    assert!(app.push_path().is_none());
    app.lookup.focus = Focus::TestPanel;
    for _ in 0..30 {
        press(&mut app, KeyCode::Backspace, now);
    }
    type_text(&mut app, r#"{"mention":["bob"]}"#, now);
    press(&mut app, KeyCode::Tab, now);
    let effects = press(&mut app, KeyCode::Char('p'), now);
    assert!(effects.is_empty(), "no new call: {effects:?}");
    assert_eq!(verdict(&app), Push::No);
    assert_eq!(status(&app, CheckId::FilterRule), Status::Fail);
    // With the panel closed, the verdict depends on the message.
    press(&mut app, KeyCode::Esc, now);
    app.lookup.focus = Focus::TestPanel;
    press(&mut app, KeyCode::Esc, now);
    assert!(app.lookup.test_panel.is_none());
    assert!(press(&mut app, KeyCode::Char('p'), now).is_empty());
    assert_eq!(verdict(&app), Push::Depends);
}

fn filled(width: u16, height: u16, who: &str) -> App {
    let now = Instant::now();
    let mut app = app(width, height);
    let id = open(&mut app, who, now);
    update(
        &mut app,
        event(
            id,
            Event::Membership(Fact::known(None, Some("req-m".into()))),
        ),
        now,
    );
    update(
        &mut app,
        event(id, prefs(AllowNotifications::All, None)),
        now,
    );
    update(&mut app, event(id, iphone()), now);
    app
}

#[test]
fn snapshot_80x24_while_a_describe_is_out() {
    let app = filled(80, 24, "mallory");
    let text = rows(&app).join("\n");
    assert!(text.contains("Would a push arrive? NO"), "{text}");
    assert!(text.contains("FAIL"), "{text}");
    assert_snapshot!("push_path_80x24", draw(&app).backend().to_string());
}

/// Every link answered and the only device's APNs channel disabled: the
/// whole checklist, the new links included, fits 80x24 without scrolling,
/// and the detail shows the channel's evidence and the fix.
#[test]
fn snapshot_80x24_with_a_failing_channel() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let id = open(&mut app, "dora", now);
    let disabled = PushChannel {
        enabled: Some(false),
        ..healthy_channel(PushChannelKind::Apns)
    };
    for e in [
        member_fact(),
        prefs(AllowNotifications::All, None),
        iphone(),
        iphone_app(),
    ]
    .into_iter()
    .chain(setup_with(PushChannelKind::Apns, disabled))
    {
        update(&mut app, event(id, e), now);
    }
    assert_eq!(verdict(&app), Push::No);
    assert_eq!(status(&app, CheckId::PushChannels), Status::Fail);
    let text = rows(&app).join("\n");
    for id in [
        CheckId::PinpointApp,
        CheckId::PushChannels,
        CheckId::ServiceRole,
        CheckId::RolePermission,
    ] {
        assert!(text.contains(id.title()), "{id:?} not on screen:\n{text}");
    }
    assert_snapshot!(
        "push_path_80x24_failing_channel",
        draw(&app).backend().to_string()
    );
    // Enter on push-channels: its evidence and the explanation.
    let index = app
        .push_path()
        .and_then(|s| {
            s.diagnosis
                .checks
                .iter()
                .position(|c| c.id == CheckId::PushChannels)
        })
        .expect("push-channels");
    for _ in 0..index {
        press(&mut app, KeyCode::Char('j'), now);
    }
    press(&mut app, KeyCode::Enter, now);
    let detail = rows(&app).join("\n");
    assert!(detail.contains("Detail: push-channels"), "{detail}");
    assert!(detail.contains("Enabled false"), "{detail}");
}

#[test]
fn snapshot_120x40_with_the_detail_open() {
    let now = Instant::now();
    let mut app = filled(120, 40, "mallory");
    press(&mut app, KeyCode::Char('j'), now);
    press(&mut app, KeyCode::Enter, now);
    assert_snapshot!("push_path_120x40_detail", draw(&app).backend().to_string());
}

#[test]
fn without_colour_every_status_still_reads_in_words() {
    let now = Instant::now();
    let mut app = App::new(options(false), Vec::new(), (80, 24));
    let id = open(&mut app, "bob", now);
    update(&mut app, event(id, member_fact()), now);
    update(
        &mut app,
        event(id, prefs(AllowNotifications::None, None)),
        now,
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = buffer_rows(buffer).join("\n");
    for word in ["PASS", "FAIL", "SKIPPED", "…"] {
        assert!(text.contains(word), "{word} not on screen:\n{text}");
    }
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset),
        "NO_COLOR: no colour"
    );
}

/// Every call of alice's diagnosis answered, the set-up healthy.
fn alice_checked(app: &mut App, now: Instant) -> JobId {
    let id = open(app, "alice", now);
    for e in [
        member_fact(),
        prefs(AllowNotifications::All, None),
        iphone(),
        iphone_app(),
    ]
    .into_iter()
    .chain(setup())
    {
        update(app, event(id, e), now);
    }
    id
}

/// The set-up belongs to the account and the app: the next member of the
/// same app starts with it known, so the runner asks none of it; the
/// screen says how old it is, and `r` reads it again.
#[test]
fn the_next_member_of_the_same_app_costs_no_setup_calls() {
    let t0 = Instant::now();
    let mut app = app(100, 30);
    alice_checked(&mut app, t0);
    assert_eq!(verdict(&app), Push::Yes);
    assert_eq!(app.setup.len(), 4, "role, app, channel, permission kept");
    press(&mut app, KeyCode::Esc, t0);
    assert!(app.push_path().is_none());

    // bob, on the same app, two and a half minutes later.
    let later = t0 + Duration::from_secs(150);
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('p')), later);
    let facts = start_facts(&effects);
    assert!(
        matches!(facts.role, Fact::Known { .. }),
        "the runner starts with the role known: {:?}",
        facts.role
    );
    assert!(matches!(
        facts.apps.get(&app_ref()),
        Some(Fact::Known { .. })
    ));
    assert!(matches!(
        facts.channels.get(&(app_ref(), PushChannelKind::Apns)),
        Some(Fact::Known { .. })
    ));
    assert!(matches!(
        facts.permission.get(&app_ref()),
        Some(Fact::Known { .. })
    ));
    let id = diagnose_id(&effects);
    for e in [
        member_fact(),
        prefs(AllowNotifications::All, None),
        iphone(),
        iphone_app(),
    ] {
        update(&mut app, event(id, e), later);
    }
    let screen = app.push_path().expect("screen");
    assert!(
        screen.facts.setup_wanted().is_empty(),
        "once the device is described, nothing behind it is left to ask"
    );
    assert!(!screen.running, "every call answered without a set-up call");
    assert_eq!(verdict(&app), Push::Yes);
    let text = rows(&app).join("\n");
    assert!(
        text.contains("set-up read 2 min ago · r re-reads"),
        "{text}"
    );
    // The age moves on with the clock (a tick at the next minute).
    assert_eq!(
        app.next_wakeup(later),
        Some(t0 + Duration::from_secs(180)),
        "woken when the age changes"
    );
    update(&mut app, Msg::Tick, t0 + Duration::from_secs(185));
    let text = rows(&app).join("\n");
    assert!(text.contains("set-up read 3 min ago"), "{text}");

    // r reads everything again: the runner starts with the set-up pending.
    let effects = press(&mut app, KeyCode::Char('r'), later);
    let facts = start_facts(&effects);
    assert!(facts.role.is_pending(), "{:?}", facts.role);
    assert!(facts.apps.is_empty() && facts.channels.is_empty() && facts.permission.is_empty());
    let id = diagnose_id(&effects);
    let fresh = t0 + Duration::from_secs(200);
    for e in [
        member_fact(),
        prefs(AllowNotifications::All, None),
        iphone(),
        iphone_app(),
    ]
    .into_iter()
    .chain(setup())
    {
        update(&mut app, event(id, e), fresh);
    }
    let text = rows(&app).join("\n");
    assert!(text.contains("set-up read just now"), "{text}");
}

/// A failed set-up call is not kept: the next member asks it again.
#[test]
fn a_failed_setup_call_is_asked_again_for_the_next_member() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open(&mut app, "alice", now);
    update(
        &mut app,
        event(
            id,
            Event::Role(Fact::Failed(CallError::new(
                Operation::GetRole,
                ErrorKind::AccessDenied,
            ))),
        ),
        now,
    );
    assert!(app.setup.is_empty());
    press(&mut app, KeyCode::Esc, now);
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    let facts = start_facts(&update(&mut app, key(KeyCode::Char('p')), now));
    assert!(facts.role.is_pending());
}

/// gina's only device is an Android whose app's GCM channel is still on
/// the legacy FCM server key.
fn legacy_fcm(width: u16, height: u16) -> App {
    let now = Instant::now();
    let mut app = app(width, height);
    let id = open(&mut app, "gina", now);
    let pixel = Event::Endpoints(Fact::known(
        vec![EndpointFact {
            id: "ep-pixel".into(),
            name: Some("Pixel".into()),
            kind: Some(EndpointType::Gcm),
            allow_messages: Some(AllowMessages::All),
            status: Some(EndpointStatus::Active),
            status_reason: None,
            resource_arn: Fact::Pending,
        }],
        Some("req-endpoints".into()),
    ));
    let described = Event::EndpointResource {
        endpoint_id: "ep-pixel".into(),
        resource_arn: Fact::known(Some(PINPOINT.into()), Some("req-describe".into())),
    };
    let legacy = PushChannel {
        default_authentication_method: Some(AuthenticationMethod::Key),
        has_fcm_service_credentials: Some(false),
        last_modified: Some("2023-03-01T00:00:00.000Z".into()),
        ..healthy_channel(PushChannelKind::Gcm)
    };
    for e in [
        Event::Membership(Fact::known(
            Some(MembershipFact {
                kind: Some(chime_prefs::model::MembershipType::Default),
                invited_by: None,
                created: None,
                member_name: None,
            }),
            None,
        )),
        prefs(AllowNotifications::All, None),
        pixel,
        described,
    ]
    .into_iter()
    .chain(setup_with(PushChannelKind::Gcm, legacy))
    {
        update(&mut app, event(id, e), now);
    }
    app
}

#[test]
fn snapshot_80x24_a_channel_on_the_legacy_fcm_key() {
    let app = legacy_fcm(80, 24);
    assert_eq!(verdict(&app), Push::No);
    assert_eq!(status(&app, CheckId::PushChannels), Status::Fail);
    let text = rows(&app).join("\n");
    for id in CheckId::ALL {
        assert!(
            text.contains(id.title()),
            "{} not on screen at 80x24:\n{text}",
            id.title()
        );
    }
    assert!(text.contains("(blocking check: push-channels)"), "{text}");
    assert_snapshot!(
        "push_path_80x24_legacy_fcm",
        draw(&app).backend().to_string()
    );
}

/// Enter on push-channels at 80x24: the detail takes the screen, names
/// the legacy API's shutdown and the fix, and scrolls.
#[test]
fn snapshot_80x24_the_failing_channels_detail() {
    let now = Instant::now();
    let mut app = legacy_fcm(80, 24);
    for _ in 0..7 {
        press(&mut app, KeyCode::Char('j'), now);
    }
    press(&mut app, KeyCode::Enter, now);
    let screen = app.push_path().expect("screen");
    assert_eq!(
        screen.diagnosis.checks[screen.selected].id,
        CheckId::PushChannels
    );
    let text = rows(&app).join("\n");
    assert!(text.contains("Detail: push-channels"), "{text}");
    assert!(text.contains("DefaultAuthenticationMethod KEY"), "{text}");
    assert_snapshot!(
        "push_path_80x24_legacy_fcm_detail",
        draw(&app).backend().to_string()
    );
    // PgDn scrolls the detail to the fix.
    press(&mut app, KeyCode::PageDown, now);
    let text = rows(&app).join("\n");
    assert!(
        text.contains("Upload the Firebase service-account JSON key"),
        "{text}"
    );
}

/// The service role's detail shows its trust policy pretty-printed, one
/// line each, and scrolls at 80x24; the permission's detail shows the
/// matched statement; a control character is shown as an escape.
#[test]
fn the_trust_policy_is_pretty_printed_and_sanitised() {
    let now = Instant::now();
    let mut app = app(80, 24);
    alice_checked(&mut app, now);
    for _ in 0..8 {
        press(&mut app, KeyCode::Char('j'), now);
    }
    press(&mut app, KeyCode::Enter, now);
    let text = rows(&app).join("\n");
    assert!(text.contains("Detail: service-role · PgDn more"), "{text}");
    assert!(text.contains("Trust policy:"), "{text}");
    assert!(text.contains("    \"Version\": \"2012-10-17\","), "{text}");
    assert_snapshot!(
        "push_path_80x24_trust_policy",
        draw(&app).backend().to_string()
    );
    // j scrolls the open detail down to the rest of the policy.
    for _ in 0..10 {
        press(&mut app, KeyCode::Char('j'), now);
    }
    let text = rows(&app).join("\n");
    assert!(text.contains("\"Action\": \"sts:AssumeRole\""), "{text}");

    // A policy that is not JSON is shown as sent, each control character
    // as an escape.
    let mut hostile_app = self::app(80, 24);
    let hostile = format!("{TRUST}\n\u{1b}]0;pwned\u{7}");
    let id = open(&mut hostile_app, "alice", now);
    let role = Event::Role(Fact::known(
        Some(ServiceRole {
            name: SERVICE_ROLE_NAME.into(),
            arn: format!("arn:aws:iam::111122223333:role/{SERVICE_ROLE_NAME}"),
            path: "/".into(),
            trust_policy: Some(hostile),
            last_used: None,
            last_used_region: None,
            permissions_boundary_arn: None,
        }),
        None,
    ));
    for e in [
        member_fact(),
        prefs(AllowNotifications::All, None),
        iphone(),
        iphone_app(),
        role,
    ]
    .into_iter()
    .chain(setup().into_iter().skip(1))
    {
        update(&mut hostile_app, event(id, e), now);
    }
    for _ in 0..8 {
        press(&mut hostile_app, KeyCode::Char('j'), now);
    }
    press(&mut hostile_app, KeyCode::Enter, now);
    press(&mut hostile_app, KeyCode::Char('G'), now);
    let terminal = draw(&hostile_app);
    let text = buffer_rows(terminal.backend().buffer()).join("\n");
    assert!(text.contains("\\e]0;pwned\\a"), "escaped: {text}");
    assert!(
        !terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.symbol().chars().any(chime_prefs::sanitize::is_unsafe)),
        "no control character reaches the terminal"
    );
    // The permission's detail names the matched statement.
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('j'), now);
    press(&mut app, KeyCode::Enter, now);
    let text = rows(&app).join("\n");
    assert!(text.contains("Detail: role-permission"), "{text}");
    assert!(text.contains("send-pushes"), "{text}");
}
