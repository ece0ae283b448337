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
use chime_prefs::tui::screens::report::context;
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
    let json = report.to_json(&context(client, &report.subject));
    Report::from_json(&json).unwrap_or_else(|e| panic!("{e}:\n{json}"))
}

/// `report` opened offline in a fresh TUI with `options`, `age` old.
fn opened(options: UiOptions, size: (u16, u16), report: Report, age: u64, now: Instant) -> App {
    let mut app = App::new(options, Vec::new(), size);
    open_report(&mut app, report, Some(Duration::from_secs(age)), now).expect("the report opens");
    app
}

/// The rows of a live screen and of its saved report, compared below the
/// header. On the push-path screen the checklist's lower border says how
/// old the set-up facts are, which a live run knows and a report does
/// not: that title is compared as the border it sits on.
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
        let l = without_setup_age(l);
        assert_eq!(
            &l,
            o,
            "{what}: row {y} differs\nlive:\n{}\nsaved:\n{}",
            live_rows.join("\n"),
            offline_rows.join("\n")
        );
    }
}

/// A row with the set-up's age (" set-up read … · r re-reads ") drawn
/// as the border under it.
fn without_setup_age(row: &str) -> String {
    match (row.find(" set-up read "), row.find(" r re-reads ")) {
        (Some(start), Some(end)) => {
            let end = end + " r re-reads ".len();
            let width = row[start..end].chars().count();
            format!("{}{}{}", &row[..start], "─".repeat(width), &row[end..])
        }
        _ => row.to_string(),
    }
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
