//! The member screen: opened with `u` on a lookup, filled in live by the
//! member picture's events in any order, stale events dropped, the state
//! filters, the sort and `/`, `Enter` handing the right channel and member
//! to the lookup screen (where `p` works), and drawn at 80x24 and 120x30.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::diagnose::{EndpointFact, EndpointType, Event, Fact};
use chime_prefs::error::ErrorKind;
use chime_prefs::member::MemberEvent;
use chime_prefs::model::{
    AllowMessages, ChannelSummary, EndpointStatus, EndpointStatusReason, MembershipType,
    UserChannelMembership,
};
use chime_prefs::operation::Operation;
use chime_prefs::scan::MemberOutcome;
use chime_prefs::tui::app::{App, UiOptions};
use chime_prefs::tui::job::{Job, JobEvent, JobId};
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::Page;
use chime_prefs::tui::screens::channel::{SortKey, StateFilter};
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use tui_fixtures::*;

fn channel_arn(name: &str) -> String {
    format!("{APP}/channel/{name}")
}

fn member_id(effects: &[Effect]) -> Option<(JobId, chime_prefs::member::MemberRequest)> {
    effects.iter().find_map(|e| match e {
        Effect::Start {
            id,
            job: Job::MemberChannels { request },
        } => Some((*id, request.clone())),
        _ => None,
    })
}

fn msg(id: JobId, event: MemberEvent) -> Msg {
    Msg::Job {
        id,
        event: JobEvent::Member(Box::new(event)),
    }
}

fn membership(name: &str, kind: MembershipType) -> UserChannelMembership {
    UserChannelMembership {
        channel: Some(ChannelSummary {
            channel_arn: Some(channel_arn(name)),
            name: Some(name.to_string()),
            ..ChannelSummary::default()
        }),
        kind: Some(kind),
        ..UserChannelMembership::default()
    }
}

/// alice's five channels, as the demo has them.
const CHANNELS: [&str; 5] = ["support", "announcements", "random", "design", "ops"];

fn listed() -> MemberEvent {
    MemberEvent::Listed {
        channels: CHANNELS
            .iter()
            .map(|c| {
                let kind = if *c == "announcements" {
                    MembershipType::Hidden
                } else {
                    MembershipType::Default
                };
                membership(c, kind)
            })
            .collect(),
    }
}

fn read(index: usize, allow: Option<&str>, rule: Option<&str>) -> MemberEvent {
    MemberEvent::Finished {
        index,
        outcome: MemberOutcome::Read(Box::new(lookup("alice", "Alice", allow, rule))),
    }
}

fn failed(index: usize) -> MemberEvent {
    MemberEvent::Finished {
        index,
        outcome: MemberOutcome::Failed(error(ErrorKind::Forbidden)),
    }
}

fn devices() -> MemberEvent {
    let device = |id: &str, name: &str, kind, active: bool, reason: Option<&str>| EndpointFact {
        id: id.into(),
        name: Some(name.into()),
        kind: Some(kind),
        allow_messages: Some(AllowMessages::All),
        status: Some(if active {
            EndpointStatus::Active
        } else {
            EndpointStatus::Inactive
        }),
        status_reason: reason.map(EndpointStatusReason::from_wire),
        resource_arn: Fact::known(
            Some("arn:aws:mobiletargeting:us-east-1:111122223333:apps/demoapp".into()),
            Some("req-describe".into()),
        ),
    };
    MemberEvent::Devices(Event::Endpoints(Fact::known(
        vec![
            device("alice-iphone", "iPhone", EndpointType::Apns, true, None),
            device(
                "alice-pixel",
                "Pixel",
                EndpointType::Gcm,
                false,
                Some("INVALID_DEVICE_TOKEN"),
            ),
        ],
        Some("req-endpoints".into()),
    )))
}

/// Every event of a complete run of alice's channels.
fn all_events() -> Vec<MemberEvent> {
    vec![
        listed(),
        MemberEvent::ListingComplete { total: 5 },
        read(0, Some("ALL"), None),
        read(1, None, None),
        read(2, Some("NONE"), None),
        read(3, Some("FILTERED"), Some(r#"{"mention":["alice"]}"#)),
        failed(4),
        devices(),
        MemberEvent::Done,
    ]
}

/// A form filled for alice, on a pane, and `u` pressed.
fn open_on(app: &mut App, now: Instant) -> JobId {
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let effects = update(app, key(KeyCode::Char('u')), now);
    member_id(&effects)
        .expect("u starts the member's channels")
        .0
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn shown_names(app: &App) -> Vec<String> {
    let s = app.member_screen().expect("member screen on top");
    s.visible_rows()
        .into_iter()
        .map(|i| s.results.rows()[i].name().unwrap_or("").to_string())
        .collect()
}

#[test]
fn u_needs_a_valid_member_and_says_why() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('u')), now);
    assert!(member_id(&effects).is_none());
    assert!(app.member_screen().is_none());
    assert!(
        toast(&app).contains("fill in the Member ARN"),
        "{}",
        toast(&app)
    );

    app.lookup
        .form
        .fill(&channel(), "arn:aws:chime:us-east-1:1:nope", None);
    let effects = update(&mut app, key(KeyCode::Char('u')), now);
    assert!(member_id(&effects).is_none());
    assert!(
        toast(&app).starts_with("u lists the form's member's channels, and its ARN"),
        "{}",
        toast(&app)
    );
}

#[test]
fn the_member_lists_its_own_channels_unless_an_admin_is_given() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let (_, request) = member_id(&update(&mut app, key(KeyCode::Char('u')), now)).expect("a run");
    assert_eq!(request.member_arn, member("alice"));
    assert_eq!(request.lister_arn, member("alice"));
    assert_eq!(request.bearer_quota, 10.0, "us-east-1's per-bearer quota");

    let with_admin = UiOptions {
        admin_arn: Some(member("admin")),
        ..options(true)
    };
    let mut app = App::new(with_admin, Vec::new(), (100, 30));
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let (_, request) = member_id(&update(&mut app, key(KeyCode::Char('u')), now)).expect("a run");
    assert_eq!(
        request.member_arn,
        member("alice"),
        "preferences stay the member's"
    );
    assert_eq!(request.lister_arn, member("admin"));

    // An admin of another app instance sends nothing.
    let other_admin = UiOptions {
        admin_arn: Some(
            "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin".into(),
        ),
        ..options(true)
    };
    let mut app = App::new(other_admin, Vec::new(), (100, 30));
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    assert!(member_id(&update(&mut app, key(KeyCode::Char('u')), now)).is_none());
    assert!(
        toast(&app).starts_with("u: the admin ARN belongs to app instance"),
        "{}",
        toast(&app)
    );
}

#[test]
fn events_in_any_order_fold_in_and_stale_ones_are_dropped() {
    let now = Instant::now();
    let mut in_order = app(100, 30);
    let id = open_on(&mut in_order, now);
    for e in all_events() {
        update(&mut in_order, msg(id, e), now);
    }
    // Devices first, lookups finishing out of order, listing complete last.
    let mut shuffled = app(100, 30);
    let id2 = open_on(&mut shuffled, now);
    let mut events = all_events();
    let order = [7, 0, 6, 4, 2, 5, 3, 1, 8];
    let reordered: Vec<MemberEvent> = order.iter().map(|&i| events[i].clone()).collect();
    events.clear();
    for e in reordered {
        update(&mut shuffled, msg(id2, e), now);
    }
    // A stale id's events change nothing.
    update(&mut shuffled, msg(JobId(id2.0 + 100), failed(0)), now);
    update(
        &mut shuffled,
        msg(
            JobId(id2.0 + 100),
            MemberEvent::Listed {
                channels: vec![membership("ghost", MembershipType::Default)],
            },
        ),
        now,
    );

    for app in [&in_order, &shuffled] {
        let s = app.member_screen().expect("member screen");
        let sum = s.results.summary();
        assert_eq!(
            (
                sum.listed(),
                sum.all,
                sum.none,
                sum.filtered,
                sum.not_set,
                sum.errors,
                sum.pending
            ),
            (5, 1, 1, 1, 1, 1, 0)
        );
        assert!(!s.running, "Done ends the run");
        assert!(s.results.is_complete());
        assert_eq!(
            s.results.device_counts().map(|c| (c.total, c.inactive)),
            Some((2, 1))
        );
        assert!(s.running_jobs().is_empty());
    }
    assert_eq!(
        in_order.member_screen().map(|s| &s.results),
        shuffled.member_screen().map(|s| &s.results)
    );
}

#[test]
fn the_filters_the_sort_and_slash_pick_the_rows() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open_on(&mut app, now);
    for e in all_events() {
        update(&mut app, msg(id, e), now);
    }
    assert_eq!(shown_names(&app), CHANNELS);
    let cases = [
        ('1', StateFilter::All, vec!["support"]),
        ('2', StateFilter::None, vec!["random"]),
        ('3', StateFilter::Filtered, vec!["design"]),
        ('4', StateFilter::NotSet, vec!["announcements"]),
        ('5', StateFilter::Errors, vec!["ops"]),
    ];
    for (digit, filter, names) in cases {
        press(&mut app, KeyCode::Char(digit), now);
        assert_eq!(app.member_screen().map(|s| s.filter), Some(filter));
        assert_eq!(shown_names(&app), names, "filter {digit}");
    }
    press(&mut app, KeyCode::Char('0'), now);
    assert_eq!(shown_names(&app).len(), 5);

    press(&mut app, KeyCode::Char('o'), now);
    assert_eq!(app.member_screen().map(|s| s.sort), Some(SortKey::State));
    assert_eq!(
        shown_names(&app),
        ["ops", "random", "design", "announcements", "support"]
    );
    press(&mut app, KeyCode::Char('o'), now);
    assert_eq!(
        shown_names(&app),
        ["announcements", "design", "ops", "random", "support"]
    );
    press(&mut app, KeyCode::Char('o'), now);
    assert_eq!(shown_names(&app), CHANNELS);

    // `/` narrows by name as you type; `q` is text there.
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "RAN", now);
    assert_eq!(shown_names(&app), ["random"], "case-insensitive");
    type_text(&mut app, "q", now);
    assert!(!app.should_quit, "q types in the filter");
    assert!(shown_names(&app).is_empty());
    press(&mut app, KeyCode::Backspace, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(shown_names(&app), ["random"], "Enter keeps the filter");
    // The first Esc clears the kept filter; the second pops the screen.
    press(&mut app, KeyCode::Esc, now);
    assert_eq!(shown_names(&app).len(), 5);
    assert!(app.member_screen().is_some());
    press(&mut app, KeyCode::Esc, now);
    assert!(app.member_screen().is_none(), "Esc pops the screen");
    // The run had ended: nothing is parked running.
}

#[test]
fn enter_hands_the_selected_channel_and_the_member_to_the_lookup_and_p_works_there() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open_on(&mut app, now);
    for e in all_events() {
        update(&mut app, msg(id, e), now);
    }
    press(&mut app, KeyCode::Char('2'), now);
    let effects = press(&mut app, KeyCode::Enter, now);
    assert!(
        app.member_screen().is_none(),
        "Enter closes the member screen"
    );
    assert!(
        effects.iter().all(|e| !matches!(
            e,
            Effect::Start {
                job: Job::Lookup { .. },
                ..
            }
        )),
        "the lookup in hand is shown, not fetched again"
    );
    assert_eq!(app.lookup.form.channel.text(), channel_arn("random"));
    assert_eq!(app.lookup.form.member.text(), member("alice"));
    assert_eq!(
        app.lookup.form.bearer.text(),
        "",
        "the member is its own bearer"
    );
    assert!(
        app.lookup
            .loaded()
            .is_some_and(|l| l.allow() == Some(&chime_prefs::model::AllowNotifications::None))
    );

    let effects = press(&mut app, KeyCode::Char('p'), now);
    let diagnose = effects.iter().find_map(|e| match e {
        Effect::Start {
            job: Job::Diagnose { facts },
            ..
        } => Some(facts.scope.clone()),
        _ => None,
    });
    let scope = diagnose.expect("p checks the push path there");
    assert_eq!(scope.channel_arn, channel_arn("random"));
    assert_eq!(scope.member_arn, member("alice"));
}

#[test]
fn a_pending_channel_is_fetched_on_enter_and_keys_that_cannot_act_say_why() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open_on(&mut app, now);
    // Enter on an empty table says why.
    assert!(press(&mut app, KeyCode::Enter, now).is_empty());
    assert!(
        toast(&app).contains("none is listed yet"),
        "{}",
        toast(&app)
    );
    update(&mut app, msg(id, listed()), now);
    press(&mut app, KeyCode::Char('5'), now);
    assert!(press(&mut app, KeyCode::Enter, now).is_empty());
    assert!(
        toast(&app).contains("the filter shows none"),
        "{}",
        toast(&app)
    );
    press(&mut app, KeyCode::Char('0'), now);

    // x stops the run (cancelling its job) and says so; a second x says why not.
    let effects = press(&mut app, KeyCode::Char('x'), now);
    assert!(effects.contains(&Effect::Cancel { id }));
    let effects = press(&mut app, KeyCode::Char('x'), now);
    assert!(effects.is_empty());
    assert!(toast(&app).contains("they have ended"), "{}", toast(&app));
    // Events of the stopped run are dropped.
    update(&mut app, msg(id, read(0, Some("ALL"), None)), now);
    assert_eq!(
        app.member_screen().map(|s| s.results.summary().pending),
        Some(5)
    );

    // Enter on a channel not read yet fetches it on the lookup screen.
    let effects = press(&mut app, KeyCode::Enter, now);
    let fetched = effects.iter().find_map(|e| match e {
        Effect::Start {
            job: Job::Lookup { target },
            ..
        } => Some(target.clone()),
        _ => None,
    });
    let target = fetched.expect("a fetch for the pending channel");
    assert_eq!(target.channel_arn, channel_arn("support"));
    assert_eq!(target.member_arn, member("alice"));
    assert_eq!(target.bearer_arn, member("alice"));
}

#[test]
fn esc_parks_a_running_screen_and_u_resumes_it() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = open_on(&mut app, now);
    update(&mut app, msg(id, listed()), now);
    let effects = press(&mut app, KeyCode::Esc, now);
    assert!(
        !effects.contains(&Effect::Cancel { id }),
        "the run goes on while parked"
    );
    assert!(app.member_screen().is_none());
    update(&mut app, msg(id, read(0, Some("ALL"), None)), now);
    let effects = press(&mut app, KeyCode::Char('u'), now);
    assert!(member_id(&effects).is_none(), "resumed, not started again");
    let s = app.member_screen().expect("resumed");
    assert_eq!(s.id, id);
    assert_eq!(s.results.summary().all, 1, "events reached it while parked");
}

#[test]
fn a_listing_failure_says_who_may_list() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let id = open_on(&mut app, now);
    let mut err = error(ErrorKind::Forbidden);
    err.operation = Operation::ListChannelMembershipsForAppInstanceUser;
    update(&mut app, msg(id, MemberEvent::ListingFailed(err)), now);
    update(&mut app, msg(id, MemberEvent::Done), now);
    let text = rows(&app).join("\n");
    assert!(text.contains("listing failed (403"), "{text}");
    assert!(
        text.contains("ListChannelMembershipsForAppInstanceUser failed"),
        "{text}"
    );
    assert!(text.contains("admin_arn"), "{text}");
}

#[test]
fn server_text_is_sanitised() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let id = open_on(&mut app, now);
    update(
        &mut app,
        msg(
            id,
            MemberEvent::Listed {
                channels: vec![membership("evil\u{1b}[2Jname", MembershipType::Default)],
            },
        ),
        now,
    );
    let text = rows(&app).join("\n");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("evil\\e[2Jname"), "{text}");
}

/// alice's screen after every event (`done`), or while ops is still read.
fn alice(width: u16, height: u16, color: bool, done: bool) -> App {
    let now = Instant::now();
    let mut app = App::new(options(color), Vec::new(), (width, height));
    let id = open_on(&mut app, now);
    for e in all_events().into_iter().filter(|e| {
        done || !matches!(
            e,
            MemberEvent::Done | MemberEvent::Finished { index: 4, .. }
        )
    }) {
        update(&mut app, msg(id, e), now);
    }
    app
}

#[test]
fn snapshot_80x24_with_the_devices_in_one_line() {
    let app = alice(80, 24, true, false);
    assert!(rows(&app).join("\n").contains("pending 1"));
    let text = rows(&app).join("\n");
    assert!(
        text.contains("Devices: 1 of 2 devices inactive (INVALID_DEVICE_TOKEN)"),
        "{text}"
    );
    assert_snapshot!("member_80x24", draw(&app).backend().to_string());
}

#[test]
fn snapshot_120x30_with_the_devices_pane() {
    let app = alice(120, 30, true, true);
    let text = rows(&app).join("\n");
    assert!(text.contains(" Devices "), "{text}");
    assert!(text.contains("Pixel"), "{text}");
    assert_snapshot!("member_120x30_devices", draw(&app).backend().to_string());
}

#[test]
fn no_color_keeps_every_state_legible() {
    let app = alice(80, 24, false, true);
    let text = rows(&app).join("\n");
    for word in ["ALL", "NONE", "FILTERED", "NOT SET", "ERROR", "HIDDEN"] {
        assert!(text.contains(word), "{word}: {text}");
    }
}

/// Issue 14 §6: at 80x24 the member screen has no devices pane; the rows
/// the table leaves empty list each device with what the check says.
#[test]
fn at_80x24_the_devices_are_listed_in_the_rows_the_table_leaves() {
    let app = alice(80, 24, false, true);
    let text = rows(&app).join("\n");
    let row = |needle: &str| {
        rows(&app)
            .into_iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
    };
    let (ops, iphone, pixel) = (row("│ops "), row("iPhone (APNS):"), row("Pixel (GCM):"));
    assert!(ops < iphone && iphone < pixel, "{text}");
    assert!(
        rows(&app)[pixel].contains("INVALID_DEVICE_TOKEN"),
        "the device's finding: {text}"
    );
    // The table keeps every row it shows: no channel is pushed off.
    let screen = app.member_screen().expect("member screen");
    let body = app.chrome().body;
    assert!(
        chime_prefs::tui::screens::member::view::table_rows(screen, body)
            >= screen.visible_rows().len()
    );
}

/// The devices listed under the table at 80x24 are server text too.
#[test]
fn a_device_name_under_the_table_is_sanitised() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let id = open_on(&mut app, now);
    let device = EndpointFact {
        id: "evil-phone".into(),
        name: Some("evil\u{1b}[2Jphone\u{202e}".into()),
        kind: Some(EndpointType::Apns),
        allow_messages: Some(AllowMessages::All),
        status: Some(EndpointStatus::Inactive),
        status_reason: Some(EndpointStatusReason::from_wire("REASON\u{7}")),
        resource_arn: Fact::known(None, None),
    };
    for event in [
        listed(),
        MemberEvent::ListingComplete { total: 5 },
        MemberEvent::Devices(Event::Endpoints(Fact::known(vec![device], None))),
    ] {
        update(&mut app, msg(id, event), now);
    }
    let text = rows(&app).join("\n");
    assert!(text.contains("evil\\e[2Jphone"), "{text}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!text.contains(bad), "{bad:?}: {text}");
    }
}
