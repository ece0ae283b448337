//! The history kept across runs, on the TUI's side: what a finished lookup
//! asks the runtime to keep (and what it never does), how earlier runs'
//! lookups are listed, and a warning at start. The file itself is tested
//! in `crate::history`; two processes in `history_processes.rs`; two real
//! runs in `tui_pty.rs`.

mod tui_fixtures;

use std::time::{Duration, Instant, SystemTime};

use chime_prefs::error::ErrorKind;
use chime_prefs::history::{Mode, Outcome, Record};
use chime_prefs::tui::app::App;
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Origin, with_earlier_runs};
use chime_prefs::tui::update::{notice_at_start, update};
use chime_prefs::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_fixtures::*;

fn app_keeping(mode: Mode) -> App {
    let mut options = options(true);
    options.history = mode;
    App::new(options, Vec::new(), (100, 30))
}

fn remembered(effects: &[Effect]) -> Vec<&Record> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Remember(record) => Some(&**record),
            _ => None,
        })
        .collect()
}

fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn a_finished_lookup_is_kept_once_without_name_or_rule_by_default() {
    let now = Instant::now();
    let mut app = app_keeping(Mode::On { details: false });
    let id = fetch_id(&submit(&mut app, "carol", now));
    let rule = "{\"mention\":[\"carol\"]}";
    let effects = update(
        &mut app,
        done(
            id,
            Ok(lookup("carol", "Carol Chen", Some("FILTERED"), Some(rule))),
        ),
        now,
    );
    let kept = remembered(&effects);
    assert_eq!(
        kept,
        [&Record {
            time: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_097_200)),
            channel_arn: channel(),
            member_arn: member("carol"),
            bearer_arn: None,
            outcome: Outcome::State("FILTERED".into()),
            request_id: Some("11111111-2222-4333-8444-555555555555".into()),
            member_name: None,
            filter_rule: None,
        }]
    );
}

#[test]
fn with_details_the_name_and_rule_are_kept_too() {
    let now = Instant::now();
    let mut app = app_keeping(Mode::On { details: true });
    let id = fetch_id(&submit(&mut app, "carol", now));
    let rule = "{\"mention\":[\"carol\"]}";
    let effects = update(
        &mut app,
        done(
            id,
            Ok(lookup("carol", "Carol Chen", Some("FILTERED"), Some(rule))),
        ),
        now,
    );
    let kept = remembered(&effects);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].member_name.as_deref(), Some("Carol Chen"));
    assert_eq!(kept[0].filter_rule.as_deref(), Some(rule));
}

#[test]
fn a_failure_is_kept_with_its_error_and_request_id_and_stamped_when_written() {
    let now = Instant::now();
    let mut app = app_keeping(Mode::On { details: true });
    let id = fetch_id(&submit(&mut app, "mallory", now));
    let effects = update(&mut app, done(id, Err(error(ErrorKind::Forbidden))), now);
    let kept = remembered(&effects);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].outcome, Outcome::Error("403 Forbidden".into()));
    assert_eq!(kept[0].time, None, "the writer stamps it");
    assert_eq!(
        kept[0].request_id.as_deref(),
        Some("99999999-8888-4777-8666-555555555555")
    );
    assert_eq!(kept[0].member_name, None);
}

#[test]
fn with_the_history_off_nothing_is_kept_and_stale_results_never_are() {
    let now = Instant::now();
    let mut app = app_keeping(Mode::Off);
    let id = fetch_id(&submit(&mut app, "alice", now));
    let effects = update(
        &mut app,
        done(id, Ok(lookup("alice", "Alice", Some("ALL"), None))),
        now,
    );
    assert!(remembered(&effects).is_empty(), "{effects:?}");

    let mut app = app_keeping(Mode::On { details: false });
    let first = fetch_id(&submit(&mut app, "alice", now));
    let _second = fetch_id(&submit(&mut app, "bob", now));
    let effects = update(
        &mut app,
        done(first, Ok(lookup("alice", "Alice", Some("ALL"), None))),
        now,
    );
    assert!(
        remembered(&effects).is_empty(),
        "a superseded lookup is not kept"
    );
}

fn earlier(member_id: &str, outcome: Outcome, name: Option<&str>) -> Record {
    Record {
        time: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_746_108_189)),
        channel_arn: channel(),
        member_arn: member(member_id),
        bearer_arn: None,
        outcome,
        request_id: Some("req".into()),
        member_name: name.map(str::to_string),
        filter_rule: None,
    }
}

#[test]
fn earlier_lookups_are_listed_with_their_state_and_time() {
    let entries = with_earlier_runs(
        saved(&["alice"]),
        vec![
            earlier("bob", Outcome::Error("403 Forbidden".into()), None),
            earlier("alice", Outcome::State("ALL".into()), None),
        ],
    );
    assert_eq!(
        entries.iter().map(|e| e.origin).collect::<Vec<_>>(),
        [Origin::Demo, Origin::Earlier]
    );
    let app = App::new(options(true), entries, (120, 40));
    let text = screen(&app);
    assert!(text.contains("ALL · 05-01 14:03"), "{text}");
    assert!(text.contains("bob@support"), "{text}");
    assert!(text.contains("● bob@support 403 Forbidden · 05-"), "{text}");
}

#[test]
fn hostile_text_from_the_file_is_shown_escaped() {
    let entries = with_earlier_runs(
        Vec::new(),
        vec![earlier(
            "eve",
            Outcome::State("ALL\u{1b}[2J\u{202e}".into()),
            Some("Eve\u{1b}]0;pwned\u{7}"),
        )],
    );
    let app = App::new(options(true), entries, (120, 40));
    let text = screen(&app);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("ALL\\e[2J\\u{202e}"), "{text}");
}

#[test]
fn a_warning_at_start_is_in_the_footer_and_a_failed_write_is_said_once_there() {
    let now = Instant::now();
    let mut app = app(120, 40);
    notice_at_start(&mut app, "history: 2 corrupt lines skipped".into(), now);
    assert!(screen(&app).contains("history: 2 corrupt lines skipped"));
    // However slow the start, it stays until the first key, and wakes
    // nothing up meanwhile.
    update(&mut app, Msg::Tick, now + Duration::from_secs(600));
    assert!(screen(&app).contains("history: 2 corrupt lines skipped"));
    assert_eq!(app.next_wakeup(now + Duration::from_secs(600)), None);
    // After the first key it goes as any answer does.
    let later = now + Duration::from_secs(601);
    update(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Modifier(crossterm::event::ModifierKeyCode::LeftShift),
        )),
        later,
    );
    update(&mut app, Msg::Tick, later + Duration::from_secs(10));
    assert!(app.toast.is_none(), "gone after the first key");
    notice_at_start(&mut app, "history: 2 corrupt lines skipped".into(), now);
    update(
        &mut app,
        Msg::Notice("history not saved: /x/history.jsonl: Permission denied".into()),
        now,
    );
    assert!(screen(&app).contains("history not saved"));
}
