//! `d` on the push-path, member and channel screens: the runtime is asked
//! for the last saved report of the same subject (an effect), and its
//! answer (a message) opens the pane of changes, with both times, over the
//! screen: scrollable, closed by Esc. Without a saved report, the footer
//! says so and how to save one. The pane drawn at 80x24 and 120x40.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::diagnose::{Event, Fact, MembershipFact, PreferencesFact};
use chime_prefs::model::{AllowNotifications, MembershipType};
use chime_prefs::report::Report;
use chime_prefs::report::diff::compare;
use chime_prefs::tui::app::App;
use chime_prefs::tui::compare::{Compare, ComparePane};
use chime_prefs::tui::job::{Job, JobEvent, JobId};
use chime_prefs::tui::keymap::Mode;
use chime_prefs::tui::msg::Found;
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use tui_fixtures::*;

const OLD_AT: &str = "2026-11-23T09:00:00Z";
const NEW_AT: &str = "2026-11-30T00:53:20Z";

fn diagnosis_event(id: JobId, event: Event) -> Msg {
    Msg::Job {
        id,
        event: JobEvent::Diagnose(Box::new(event)),
    }
}

/// bob's push path with his membership known and his preferences `allow`.
fn bob(allow: &str, size: (u16, u16), now: Instant) -> App {
    let mut app = App::new(options(true), Vec::new(), size);
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    let id = update(&mut app, key(KeyCode::Char('p')), now)
        .into_iter()
        .find_map(|e| match e {
            Effect::Start {
                id,
                job: Job::Diagnose { .. },
            } => Some(id),
            _ => None,
        })
        .expect("the diagnosis starts");
    let membership = Event::Membership(Fact::known(
        Some(MembershipFact {
            kind: Some(MembershipType::Default),
            invited_by: None,
            created: None,
            member_name: Some("Bob Brown".into()),
        }),
        Some("req-membership".into()),
    ));
    let preferences = Event::Preferences(Fact::known(
        PreferencesFact {
            allow: Some(AllowNotifications::from_wire(allow)),
            filter_rule: None,
            member_name: Some("Bob Brown".into()),
        },
        Some("req-prefs".into()),
    ));
    update(&mut app, diagnosis_event(id, membership), now);
    update(&mut app, diagnosis_event(id, preferences), now);
    app
}

/// The report of the screen on top, captured at `at`.
fn report_at(app: &App, at: &str) -> Report {
    let mut report = app
        .stack
        .last()
        .and_then(|s| s.report(&app.options.client))
        .expect("a report");
    report.subject.captured_at = at.to_string();
    report
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// Press `d` and return the id the runtime must answer with.
fn press_d(app: &mut App, now: Instant) -> JobId {
    let effects = update(app, key(KeyCode::Char('d')), now);
    match effects.as_slice() {
        [Effect::FindSaved { id, subject }] => {
            assert_eq!(subject.member_arn.as_deref(), Some(member("bob").as_str()));
            assert_eq!(subject.channel_arn.as_deref(), Some(channel().as_str()));
            *id
        }
        other => panic!("d asks the runtime for the last saved report: {other:?}"),
    }
}

fn answer(app: &mut App, id: JobId, result: Result<Found, String>, now: Instant) {
    let effects = update(app, Msg::LastSaved { id, result }, now);
    assert!(effects.is_empty(), "{effects:?}");
}

#[test]
fn d_shows_what_changed_since_the_last_saved_report_and_esc_closes_it() {
    let now = Instant::now();
    let old = report_at(&bob("ALL", (80, 24), now), OLD_AT);
    let mut app = bob("NONE", (80, 24), now);
    let id = press_d(&mut app, now);
    assert!(matches!(app.compare, Some(Compare::Finding { .. })));
    assert_eq!(app.mode(), Mode::PushPath, "nothing shown until the answer");
    answer(&mut app, id, Ok(Found::Report(Box::new(old))), now);
    assert!(app.comparing());
    assert_eq!(app.mode(), Mode::Compare);
    let Some(Compare::Shown(pane)) = &app.compare else {
        panic!("the pane");
    };
    assert_eq!(pane.changes.old.captured_at(), OLD_AT);
    let text = rows(&app).join("\n");
    assert!(
        text.contains(&format!("Changes from {OLD_AT} to ")),
        "{text}"
    );
    assert!(text.contains("[blocks] check preferences"), "{text}");
    assert!(text.contains("Esc closes"), "{text}");
    // The screen under it gets no key: r does not run anything.
    let effects = update(&mut app, key(KeyCode::Char('r')), now);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(toast(&app), "r: Esc, q or d closes the comparison");
    // j/k and the pages scroll it; Esc closes it, back on the push path.
    update(&mut app, key(KeyCode::Char('G')), now);
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.compare.is_none());
    assert_eq!(app.mode(), Mode::PushPath);
    assert!(app.push_path().is_some(), "Esc closed the pane only");
}

#[test]
fn without_a_saved_report_the_footer_says_how_to_save_one() {
    let now = Instant::now();
    let mut app = bob("NONE", (80, 24), now);
    let id = press_d(&mut app, now);
    answer(&mut app, id, Ok(Found::Nothing), now);
    assert!(app.compare.is_none());
    assert_eq!(
        toast(&app),
        "no saved report of this member on this channel yet: s saves one"
    );
    let id = press_d(&mut app, now);
    answer(&mut app, id, Ok(Found::OnlyThisOne), now);
    let at = report_at(&app, "x").subject.captured_at;
    assert!(
        toast(&app).starts_with(
            "the only saved report of this member on this channel is this one (captured "
        ) && toast(&app).ends_with("): r runs it again, then d compares"),
        "{}",
        toast(&app)
    );
    assert_eq!(at, "x");
    let id = press_d(&mut app, now);
    answer(
        &mut app,
        id,
        Err("d could not read the saved reports in /x: denied".into()),
        now,
    );
    assert_eq!(
        toast(&app),
        "d could not read the saved reports in /x: denied"
    );
}

#[test]
fn a_stale_answer_is_dropped() {
    let now = Instant::now();
    let old = report_at(&bob("ALL", (80, 24), now), OLD_AT);
    let mut app = bob("NONE", (80, 24), now);
    let first = press_d(&mut app, now);
    let second = press_d(&mut app, now);
    assert_ne!(first, second);
    answer(
        &mut app,
        first,
        Ok(Found::Report(Box::new(old.clone()))),
        now,
    );
    assert!(
        matches!(app.compare, Some(Compare::Finding { id, .. }) if id == second),
        "the first answer is stale"
    );
    answer(
        &mut app,
        second,
        Ok(Found::Report(Box::new(old.clone()))),
        now,
    );
    assert!(app.comparing());
    // Leaving the screen before the answer drops the comparison.
    update(&mut app, key(KeyCode::Esc), now);
    let third = press_d(&mut app, now);
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.stack.is_empty() && app.compare.is_none());
    answer(&mut app, third, Ok(Found::Report(Box::new(old))), now);
    assert!(!app.comparing(), "not shown over the lookup screen");
}

#[test]
fn d_works_on_the_tables_and_nowhere_else() {
    let now = Instant::now();
    let mut app = app(80, 24);
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('d')), now);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FindSaved { .. })),
        "{effects:?}"
    );
    assert!(
        toast(&app).starts_with("d does nothing here"),
        "{}",
        toast(&app)
    );
    channel_view(
        &mut app,
        "alice",
        scan_events(&[("alice", "ALL"), ("bob", "NONE")]),
        now,
    );
    let effects = update(&mut app, key(KeyCode::Char('d')), now);
    match effects.as_slice() {
        [Effect::FindSaved { subject, .. }] => {
            assert_eq!(subject.channel_arn.as_deref(), Some(channel().as_str()));
            assert_eq!(subject.member_arn, None);
        }
        other => panic!("{other:?}"),
    }
    let id = match &app.compare {
        Some(Compare::Finding { id, .. }) => *id,
        other => panic!("{other:?}"),
    };
    answer(&mut app, id, Ok(Found::Nothing), now);
    assert_eq!(
        toast(&app),
        "no saved report of this channel yet: s saves one"
    );
}

/// The pane of bob's change from ALL to NONE, as drawn.
fn pane(size: (u16, u16)) -> App {
    let now = Instant::now();
    let old = report_at(&bob("ALL", size, now), OLD_AT);
    let mut app = bob("NONE", size, now);
    let new = report_at(&app, NEW_AT);
    let changes = compare(&old, &new).expect("comparable");
    app.compare = Some(Compare::Shown(ComparePane::new(changes)));
    app
}

#[test]
fn the_pane_at_80x24() {
    let app = pane((80, 24));
    let text = rows(&app).join("\n");
    assert!(
        text.contains(&format!("Changes from {OLD_AT} to {NEW_AT}")),
        "{text}"
    );
    assert_snapshot!(text);
}

#[test]
fn the_pane_at_120x40() {
    let app = pane((120, 40));
    assert_snapshot!(rows(&app).join("\n"));
}

#[test]
fn server_text_in_the_pane_is_escaped() {
    let now = Instant::now();
    let mut old = report_at(&bob("ALL", (80, 24), now), OLD_AT);
    old.subject.member_name = Some("Bob\u{1b}]0;pwned\u{7}".into());
    let mut app = bob("NONE", (80, 24), now);
    let mut new = report_at(&app, NEW_AT);
    if let chime_prefs::report::Body::Diagnosis(d) = &mut new.body {
        d.checks[3].finding = "NONE\u{1b}[2J\u{202e}".into();
    }
    app.compare = Some(Compare::Shown(ComparePane::new(
        compare(&old, &new).expect("comparable"),
    )));
    let text = rows(&app).join("\n");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}
