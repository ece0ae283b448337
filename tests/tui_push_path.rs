//! The push-path screen: opened with `p`, filled in live by the
//! diagnosis's events in any order, stale events dropped, the verdict
//! judged again when the test panel's attributes change, and drawn at
//! 80x24 and 120x40.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::diagnose::{
    BanFact, CheckId, EndpointFact, EndpointType, Event, Fact, MembershipFact, MessageInput,
    PreferencesFact, Push, Status,
};
use chime_prefs::error::{CallError, ErrorKind};
use chime_prefs::filter::parse_attributes;
use chime_prefs::model::AllowNotifications;
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
            hidden: false,
            invited_by: None,
            created: None,
        }),
        Some("req-membership".into()),
    ))
}

fn prefs(allow: AllowNotifications, rule: Option<&str>) -> Event {
    Event::Preferences(Fact::known(
        PreferencesFact {
            allow: Some(allow),
            filter_rule: rule.map(str::to_string),
        },
        Some("req-prefs".into()),
    ))
}

fn iphone() -> Event {
    Event::Endpoints(Fact::known(
        vec![EndpointFact {
            id: "ep-iphone".into(),
            name: Some("iPhone".into()),
            kind: EndpointType::Apns,
            allow_messages: true,
            active: true,
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
    ] {
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
