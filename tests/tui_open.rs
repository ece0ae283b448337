//! A saved report opened in the TUI (`chime-prefs open FILE.json`): shown
//! offline on the screen it came from, asking nothing, with "captured at T"
//! in the header; `r` runs the same subject live. A saved report and the
//! live screen it came from render the same: each demo story is run live
//! against the demo service through the update function, its report taken,
//! written as JSON and read back, opened offline, and both screens
//! compared row by row at 80x24 and 120x40, each check's detail too.

mod tui_fixtures;

use std::time::{Duration, Instant};

use chime_prefs::aws::{AwsSettings, Clients};
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY, DemoOptions,
    DemoServer, STORIES,
};
use chime_prefs::report::{Body, Report};
use chime_prefs::tui::app::{App, UiOptions};
use chime_prefs::tui::job::{Job, JobEvent};
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::{open_report, update};
use crossterm::event::KeyCode;
use tui_fixtures::*;

/// The report of the push-path screen on top of `app`, as `s` saves it:
/// the screen's report, written as JSON and read back.
fn push_path_report(app: &App) -> Report {
    let client = &app.options.client;
    let report = app
        .push_path()
        .and_then(|s| s.report(client))
        .expect("the push-path screen has a report");
    let json = report.to_json(&report.subject.context(client));
    Report::from_json(&json).unwrap_or_else(|e| panic!("{e}:\n{json}"))
}

/// `report` opened offline in a fresh TUI with `options`, `age` old.
fn opened(options: UiOptions, size: (u16, u16), report: Report, age: u64, now: Instant) -> App {
    let mut app = App::new(options, Vec::new(), size);
    open_report(&mut app, report, Some(Duration::from_secs(age)), now).expect("the report opens");
    app
}

/// The rows of a live screen and of its saved report, compared below the
/// header, but for what only a live run knows ([`run_only_masked`]).
fn assert_same_below_header(live: &App, offline: &App, what: &str) {
    let live_rows = rows(live);
    let offline_rows = rows(offline);
    let at = offline
        .stack
        .last()
        .and_then(|s| s.captured())
        .map(|c| c.subject.captured_at.clone())
        .expect("a saved report on top");
    assert!(
        offline_rows[0].contains(&format!("captured at {at} · 1 min ago")),
        "{what}: {}",
        offline_rows[0]
    );
    assert!(
        !live_rows[0].contains("captured at"),
        "{what}: {}",
        live_rows[0]
    );
    for (y, (l, o)) in live_rows.iter().zip(&offline_rows).enumerate().skip(1) {
        let l = run_only_masked(l);
        assert_eq!(
            &l,
            o,
            "{what}: row {y} differs\nlive:\n{}\nsaved:\n{}",
            live_rows.join("\n"),
            offline_rows.join("\n")
        );
    }
}

/// `row` with the text from `start` to the end of `end` after it drawn
/// as the border it sits on.
fn as_border(row: &str, start: &str, end: &str) -> String {
    let Some(from) = row.find(start) else {
        return row.to_string();
    };
    let Some(to) = row[from + start.len()..].find(end) else {
        return row.to_string();
    };
    let to = from + start.len() + to + end.len();
    let width = row[from..to].chars().count();
    format!("{}{}{}", &row[..from], "─".repeat(width), &row[to..])
}

/// A live row without what only a live run knows, as a saved report
/// draws it: how old the kept set-up is (" set-up read … · r re-reads "),
/// how often the run was throttled and its pace (" throttled 6×, pace
/// 7/s "), and how long it took (" 19 members read in 0.0 s " is " 19
/// members read ").
fn run_only_masked(row: &str) -> String {
    let row = as_border(row, " set-up read ", " r re-reads ");
    let row = match as_border(&row, " throttled ", "/s ") {
        paced if paced != row => paced,
        _ => as_border(&row, " throttled ", "× "),
    };
    let Some(at) = row.find(" read in ") else {
        return row;
    };
    let after = at + " read".len();
    let Some(end) = row[after..].find(" s ") else {
        return row;
    };
    let end = after + end + " s".len();
    let width = row[after..end].chars().count();
    format!("{} {}{}", &row[..after], "─".repeat(width), &row[end + 1..])
}

// ---- offline and read-only ----------------------------------------------

/// A push-path screen filled by recorded events: bob on support, muted.
fn live_bob(size: (u16, u16), now: Instant) -> App {
    let mut app = App::new(options(true), Vec::new(), size);
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('p')), now);
    app
}

#[test]
fn a_saved_report_opens_offline_on_its_screen_and_asks_nothing() {
    let now = Instant::now();
    let live = live_bob((80, 24), now);
    let mut app = opened(
        options(true),
        (80, 24),
        push_path_report(&live),
        3 * 86_400,
        now,
    );
    let screen = app.push_path().expect("the push-path screen");
    assert!(screen.offline.is_some() && !screen.running);
    assert!(!app.busy());
    // The lookup screen underneath holds the report's ARNs.
    assert_eq!(app.lookup.form.channel.text(), channel());
    assert_eq!(app.lookup.form.member.text(), member("bob"));
    let header = &rows(&app)[0];
    let at = &app.stack[0].captured().expect("saved").subject.captured_at;
    assert!(
        header.contains(&format!("captured at {at} · 3 d ago")),
        "{header}"
    );
    assert!(
        header.contains("OFFLINE") && !header.contains("127.0.0.1"),
        "{header}"
    );
    // Moving about, opening a detail and ticking start nothing (not even
    // the connection opened ahead of a lookup).
    for msg in [
        key(KeyCode::Char('j')),
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        Msg::Tick,
        Msg::Resize(120, 40),
    ] {
        let effects = update(&mut app, msg.clone(), now);
        assert!(effects.is_empty(), "{msg:?} gave {effects:?}");
    }
    // The age moves on with the clock the messages bring.
    update(&mut app, Msg::Tick, now + Duration::from_secs(86_400));
    assert!(rows(&app)[0].contains("· 4 d ago"), "{}", rows(&app)[0]);
}

#[test]
fn r_runs_the_same_subject_live_with_this_runs_settings() {
    let now = Instant::now();
    let mut report = push_path_report(&live_bob((80, 24), now));
    report.subject.admin_arn = Some(DEMO_ADMIN_ARN.into());
    report.subject.endpoint_url = None;
    let mut app = opened(options(true), (80, 24), report, 60, now);
    let effects = update(&mut app, key(KeyCode::Char('r')), now);
    let facts = effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                job: Job::Diagnose { facts },
                ..
            } => Some(facts),
            _ => None,
        })
        .expect("r starts the diagnosis");
    assert_eq!(facts.scope.channel_arn, channel());
    assert_eq!(facts.scope.member_arn, member("bob"));
    assert_eq!(facts.scope.admin_arn.as_deref(), Some(DEMO_ADMIN_ARN));
    let screen = app.push_path().expect("still the push-path screen");
    assert!(screen.offline.is_none() && screen.running, "it is live now");
    // The report's calls went to AWS, this run's go to its endpoint: the
    // message says which is used.
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.contains("running it live against http://127.0.0.1:4566")
            && toast.contains("AWS's own endpoints"),
        "{toast}"
    );
    assert!(!rows(&app)[0].contains("captured at"), "{}", rows(&app)[0]);
}

#[test]
fn esc_and_q_behave_as_usual_and_the_lookup_below_holds_the_arns() {
    let now = Instant::now();
    let report = push_path_report(&live_bob((80, 24), now));
    let mut app = opened(options(true), (80, 24), report.clone(), 60, now);
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.stack.is_empty(), "Esc goes back to the lookup screen");
    assert!(!rows(&app)[0].contains("captured at"));
    assert_eq!(app.lookup.form.member.text(), member("bob"));
    // p there comes back to the saved report, as it would to a live one.
    update(&mut app, key(KeyCode::Char('p')), now);
    assert!(app.push_path().is_some_and(|s| s.offline.is_some()));
    let mut app = opened(options(true), (80, 24), report, 60, now);
    update(&mut app, key(KeyCode::Char('q')), now);
    assert!(app.should_quit);
}

#[test]
fn the_test_panels_attributes_leave_a_saved_verdict_alone() {
    let now = Instant::now();
    let report = push_path_report(&live_bob((80, 24), now));
    let diagnosis = match &report.body {
        Body::Diagnosis(d) => (**d).clone(),
        _ => unreachable!(),
    };
    let mut app = opened(options(true), (80, 24), report, 60, now);
    let Some(chime_prefs::tui::screens::Screen::PushPath(screen)) = app.stack.last_mut() else {
        panic!("the push-path screen");
    };
    screen.set_attributes(Some(
        chime_prefs::filter::parse_attributes(r#"{"mention":["carol"]}"#).expect("attributes"),
    ));
    assert_eq!(screen.diagnosis, diagnosis);
}

#[test]
fn a_report_without_its_arns_is_refused_by_name() {
    let now = Instant::now();
    let mut report = push_path_report(&live_bob((80, 24), now));
    report.subject.member_arn = None;
    let mut app = App::new(options(true), Vec::new(), (80, 24));
    let err = open_report(&mut app, report, None, now).expect_err("no member");
    assert_eq!(err, "the report names no MemberArn (Report.MemberArn)");
    assert!(app.stack.is_empty());
}

// ---- the same screen, live and saved -------------------------------------

async fn demo_clients(server: &DemoServer) -> Clients {
    Clients::connect(&AwsSettings {
        endpoint_url: Some(server.endpoint_url()),
        // The demo's `slow` member answers after 120 s.
        timeout: Duration::from_secs(2),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await
}

fn demo_options(clients: &Clients) -> UiOptions {
    UiOptions {
        client: clients.info().clone(),
        admin_arn: Some(DEMO_ADMIN_ARN.into()),
        ..options(true)
    }
}

/// Carry out `effects` as the runtime would, with the real runner, and
/// feed every answer back through `update` until nothing is left to run.
async fn run_jobs(app: &mut App, clients: &Clients, mut effects: Vec<Effect>, now: Instant) {
    while let Some(effect) = effects.pop() {
        let Effect::Start {
            id,
            job: Job::Diagnose { facts },
        } = effect
        else {
            continue;
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        chime_prefs::diagnose::run(clients, &facts, &tx).await;
        drop(tx);
        while let Some(event) = rx.recv().await {
            let msg = Msg::Job {
                id,
                event: JobEvent::Diagnose(Box::new(event)),
            };
            effects.extend(update(app, msg, now));
        }
    }
}

#[tokio::test]
async fn every_demo_story_renders_the_same_saved_as_live() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let clients = demo_clients(&server).await;
    let now = Instant::now();
    let stories = STORIES.iter().filter(|s| s.message_id.is_none());
    let mut compared = 0;
    for story in stories {
        for size in [(80, 24), (120, 40)] {
            let what = format!("{} on {} at {size:?}", story.member, story.channel);
            let mut live = App::new(demo_options(&clients), Vec::new(), size);
            live.lookup.form.fill(
                &format!("{APP_INSTANCE_ARN}/channel/{}", story.channel),
                &format!("{APP_INSTANCE_ARN}/{}", story.member),
                None,
            );
            live.lookup.focus = Focus::Details;
            let effects = update(&mut live, key(KeyCode::Char('p')), now);
            run_jobs(&mut live, &clients, effects, now).await;
            let screen = live.push_path().expect("the push-path screen");
            assert!(!screen.running, "{what}: every call answered");
            live.toast = None;
            let report = push_path_report(&live);
            let mut offline = opened(demo_options(&clients), size, report, 90, now);
            assert_same_below_header(&live, &offline, &what);
            compared += 1;
            // Every check's detail (its evidence, advice and explanation)
            // reads the same too, where it has the room.
            if size != (120, 40) {
                continue;
            }
            for check in 0..10 {
                for app in [&mut live, &mut offline] {
                    update(app, key(KeyCode::Char('g')), now);
                    for _ in 0..check {
                        update(app, key(KeyCode::Char('j')), now);
                    }
                    update(app, key(KeyCode::Enter), now);
                }
                assert_same_below_header(&live, &offline, &format!("{what}, detail {check}"));
                for app in [&mut live, &mut offline] {
                    update(app, key(KeyCode::Esc), now);
                }
            }
        }
    }
    assert!(compared >= 2 * 30, "{compared} screens compared");
    server.shutdown().await;
}

// ---- the tables: the channel view and the member screen ------------------

/// The report of the screen on top of `app`, written as JSON and read
/// back, as `s` saves it and `open` reads it.
fn top_report(app: &App) -> Report {
    let client = &app.options.client;
    let report = app
        .stack
        .last()
        .and_then(|s| s.report(client))
        .expect("the screen has a report");
    let json = report.to_json(&report.subject.context(client));
    Report::from_json(&json).unwrap_or_else(|e| panic!("{e}:\n{json}"))
}

/// Carry out a table's job with the real engine (one attempt a call, as
/// the runtime does) and feed every event back through `update`.
async fn run_table_job(app: &mut App, clients: &Clients, effects: Vec<Effect>, now: Instant) {
    for effect in effects {
        let Effect::Start { id, job } = effect else {
            continue;
        };
        let once = clients.with_max_attempts(1);
        match job {
            Job::ChannelScan { request } => {
                let (_handle, mut events) = chime_prefs::scan::spawn(once, request);
                while let Some(event) = events.recv().await {
                    let event = JobEvent::Scan(Box::new(event));
                    update(app, Msg::Job { id, event }, now);
                }
            }
            Job::MemberChannels { request } => {
                let (_handle, mut events) = chime_prefs::member::spawn(once, request);
                while let Some(event) = events.recv().await {
                    let event = JobEvent::Member(Box::new(event));
                    update(app, Msg::Job { id, event }, now);
                }
            }
            _ => {}
        }
    }
}

/// The table `key` opens for the form's `channel` and `member`, run live
/// against the demo, then saved and opened offline: both the same below
/// the header, at 80x24 and 120x40. (A member report names no channel:
/// the member screen is opened from a form without one, as the saved
/// report's form is.)
async fn assert_table_saved_as_live(
    clients: &Clients,
    key_char: char,
    channel: Option<&str>,
    member: &str,
) {
    let what = format!("{key_char} for {member} on {channel:?}");
    let now = Instant::now();
    let mut live = App::new(demo_options(clients), Vec::new(), (80, 24));
    let channel_arn = channel.map(|c| format!("{APP_INSTANCE_ARN}/channel/{c}"));
    live.lookup.form.fill(
        channel_arn.as_deref().unwrap_or(""),
        &format!("{APP_INSTANCE_ARN}/{member}"),
        None,
    );
    live.lookup.focus = Focus::Details;
    let effects = update(&mut live, key(KeyCode::Char(key_char)), now);
    run_table_job(&mut live, clients, effects, now).await;
    assert!(!live.busy(), "{what}: the run ended");
    live.toast = None;
    let mut offline = opened(demo_options(clients), (80, 24), top_report(&live), 90, now);
    for (w, h) in [(80, 24), (120, 40)] {
        update(&mut live, Msg::Resize(w, h), now);
        update(&mut offline, Msg::Resize(w, h), now);
        let live_rows = rows(&live);
        let offline_rows = rows(&offline);
        assert!(
            offline_rows[0].contains("captured at "),
            "{what}: {}",
            offline_rows[0]
        );
        for (y, (l, o)) in live_rows.iter().zip(&offline_rows).enumerate().skip(1) {
            assert_eq!(
                &run_only_masked(l),
                o,
                "{what} at {w}x{h}: row {y} differs\nlive:\n{}\nsaved:\n{}",
                live_rows.join("\n"),
                offline_rows.join("\n")
            );
        }
    }
}

#[tokio::test]
async fn the_demo_channels_and_members_render_the_same_saved_as_live() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let clients = demo_clients(&server).await;
    for (channel, lister) in [("support", "user/alice"), ("mobile", "user/wes")] {
        assert_table_saved_as_live(&clients, 'c', Some(channel), lister).await;
    }
    for member in ["user/alice", "user/wes", "user/bob", "user/ines"] {
        assert_table_saved_as_live(&clients, 'u', None, member).await;
    }
    server.shutdown().await;
}

/// A channel view filled by recorded events, listed by alice.
fn live_channel(now: Instant) -> App {
    let mut app = App::new(options(true), Vec::new(), (80, 24));
    let events = scan_events(&[("alice", "ALL"), ("bob", "NONE"), ("mallory", "403")]);
    channel_view(&mut app, "alice", events, now);
    app
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_saved_scan_refuses_what_would_call_and_r_scans_the_same_channel_live() {
    let now = Instant::now();
    let mut app = opened(
        options(true),
        (80, 24),
        top_report(&live_channel(now)),
        60,
        now,
    );
    assert!(app.channel_view().is_some_and(|c| c.offline.is_some()));
    assert_eq!(app.lookup.form.member.text(), member("alice"));
    for (key_char, says) in [
        (
            'R',
            "R would call AWS, and this is a saved report: r runs it live",
        ),
        (
            'h',
            "That key would call AWS, and this is a saved report: r runs it live",
        ),
        (
            'x',
            "x stops a run, and a saved report runs nothing: r runs it live",
        ),
    ] {
        let effects = update(&mut app, key(KeyCode::Char(key_char)), now);
        assert!(effects.is_empty(), "{key_char}: {effects:?}");
        assert_eq!(toast(&app), says, "{key_char}");
        assert!(app.channel_view().is_some_and(|c| c.offline.is_some()));
    }
    // Filters, the order and / work on the saved rows.
    update(&mut app, key(KeyCode::Char('5')), now);
    assert_eq!(app.channel_view().map(|c| c.visible_rows().len()), Some(1));
    // Enter hands the saved lookup over: nothing is fetched.
    let effects = update(&mut app, key(KeyCode::Enter), now);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        app.stack.is_empty(),
        "the lookup screen shows mallory's saved error"
    );
    // u, c, p there would call: back to the saved scan with c.
    update(&mut app, key(KeyCode::Char('c')), now);
    assert!(app.channel_view().is_some_and(|c| c.offline.is_some()));

    let effects = update(&mut app, key(KeyCode::Char('r')), now);
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                job: Job::ChannelScan { request },
                ..
            } => Some(request.clone()),
            _ => None,
        })
        .expect("r starts the scan");
    assert_eq!(request.channel_arn, channel());
    assert_eq!(request.bearer_arn, member("alice"));
    let view = app.channel_view().expect("still the channel view");
    assert!(view.offline.is_none() && view.running, "it is live now");
    assert!(
        toast(&app).starts_with("running it live against"),
        "{}",
        toast(&app)
    );
    // On a live table r says what it is for.
    update(&mut app, key(KeyCode::Char('r')), now);
    assert!(
        toast(&app).starts_with("r runs a saved report"),
        "{}",
        toast(&app)
    );
}

#[tokio::test]
async fn a_saved_member_picture_lists_the_same_member_live_with_r() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let clients = demo_clients(&server).await;
    let now = Instant::now();
    let mut live = App::new(options(true), Vec::new(), (80, 24));
    live.lookup.form.fill("", &member("alice"), None);
    live.lookup.focus = Focus::Details;
    let effects = update(&mut live, key(KeyCode::Char('u')), now);
    run_table_job(&mut live, &clients, effects, now).await;
    server.shutdown().await;
    let report = top_report(&live);
    assert_eq!(
        report.subject.member_arn.as_deref(),
        Some(member("alice").as_str())
    );
    let mut app = opened(options(true), (80, 24), report, 60, now);
    assert!(app.member_screen().is_some_and(|m| m.offline.is_some()));
    let effects = update(&mut app, key(KeyCode::Char('R')), now);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        toast(&app),
        "R would call AWS, and this is a saved report: r runs it live"
    );
    let effects = update(&mut app, key(KeyCode::Char('r')), now);
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                job: Job::MemberChannels { request },
                ..
            } => Some(request.clone()),
            _ => None,
        })
        .expect("r lists the member's channels");
    assert_eq!(request.member_arn, member("alice"));
    assert_eq!(request.lister_arn, member("alice"));
    assert!(
        app.member_screen()
            .is_some_and(|m| m.offline.is_none() && m.running)
    );
}
