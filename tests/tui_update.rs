//! The TUI's update function, without a terminal: messages in, state and
//! effects out.

mod tui_fixtures;

use std::time::{Duration, Instant};

use chime_prefs::arn::FieldStatus;
use chime_prefs::error::ErrorKind;
use chime_prefs::model::AllowNotifications;
use chime_prefs::tui::job::Job;
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Focus, FormField, Outcome};
use chime_prefs::tui::update::update;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};
use tui_fixtures::*;

#[test]
fn a_result_for_a_superseded_request_is_dropped() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let first = fetch_id(&submit(&mut app, "alice", now));
    let effects = submit(&mut app, "bob", now);
    let second = fetch_id(&effects);
    assert!(
        effects.contains(&Effect::Cancel { id: first }),
        "{effects:?}"
    );
    assert_ne!(first, second);

    update(
        &mut app,
        done(first, Ok(lookup("alice", "Alice", Some("ALL"), None))),
        now,
    );
    assert_eq!(
        app.lookup.outcome,
        Outcome::Empty,
        "the stale result must not be shown"
    );
    assert!(app.loading());

    update(
        &mut app,
        done(second, Ok(lookup("bob", "Bob", Some("NONE"), None))),
        now,
    );
    let loaded = app.loaded().expect("bob loaded");
    assert_eq!(loaded.allow(), Some(&AllowNotifications::None));
    assert!(!app.loading());
    // And a late duplicate is ignored too.
    update(
        &mut app,
        done(second, Ok(lookup("bob", "Bob", Some("ALL"), None))),
        now,
    );
    assert_eq!(
        app.loaded().and_then(|l| l.allow()),
        Some(&AllowNotifications::None)
    );
}

#[test]
fn esc_cancels_the_request_in_flight() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = fetch_id(&submit(&mut app, "alice", now));
    let effects = update(&mut app, key(KeyCode::Esc), now);
    assert_eq!(effects, vec![Effect::Cancel { id }]);
    assert!(!app.loading());
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("cancelled"))
    );
    update(
        &mut app,
        done(id, Ok(lookup("alice", "Alice", Some("ALL"), None))),
        now,
    );
    assert_eq!(
        app.lookup.outcome,
        Outcome::Empty,
        "a cancelled result is dropped"
    );
}

#[test]
fn the_ui_keeps_working_while_a_request_runs() {
    let now = Instant::now();
    let mut app = app(100, 30);
    submit(&mut app, "alice", now);
    update(&mut app, key(KeyCode::Char('?')), now);
    assert!(app.help.is_some(), "help opens while loading");
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.help.is_none());
    assert!(app.loading(), "closing help does not cancel the request");
    update(&mut app, key(KeyCode::End), now);
    type_text(&mut app, "x", now);
    assert!(
        app.lookup.form.member.text().ends_with("alicex"),
        "typing works while loading"
    );
}

#[test]
fn tab_cycles_focus_and_esc_leaves_a_field() {
    let now = Instant::now();
    let mut app = app_with_history(100, 30, &["alice"]);
    app.lookup.focus = Focus::Field(FormField::Channel);
    let mut seen = vec![app.lookup.focus];
    for _ in 0..5 {
        update(&mut app, key(KeyCode::Tab), now);
        seen.push(app.lookup.focus);
    }
    assert_eq!(
        seen,
        vec![
            Focus::Field(FormField::Channel),
            Focus::Field(FormField::Member),
            Focus::Field(FormField::Bearer),
            Focus::History,
            Focus::Details,
            Focus::Field(FormField::Channel),
        ]
    );
    update(&mut app, key(KeyCode::BackTab), now);
    assert_eq!(app.lookup.focus, Focus::Details);
    app.lookup.focus = Focus::Field(FormField::Member);
    update(&mut app, key(KeyCode::Esc), now);
    assert_eq!(app.lookup.focus, Focus::History);
}

#[test]
fn a_narrow_terminal_has_no_history_pane_to_focus() {
    let now = Instant::now();
    let mut app = app_with_history(64, 30, &["alice"]);
    app.lookup.focus = Focus::Field(FormField::Bearer);
    update(&mut app, key(KeyCode::Tab), now);
    assert_eq!(app.lookup.focus, Focus::Details);
}

#[test]
fn fields_are_validated_as_typed_and_bad_input_sends_nothing() {
    let now = Instant::now();
    let mut app = app(100, 30);
    type_text(
        &mut app,
        "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice",
        now,
    );
    match app.lookup.form.status(FormField::Channel) {
        FieldStatus::Invalid(p) => assert!(
            p.message.contains("user ARN, not a channel ARN"),
            "{}",
            p.message
        ),
        other => panic!("expected a problem, got {other:?}"),
    }
    update(&mut app, key(KeyCode::Tab), now);
    type_text(&mut app, &member("alice"), now);
    assert_eq!(
        app.lookup.form.status(FormField::Member),
        FieldStatus::Valid
    );
    let effects = update(&mut app, key(KeyCode::Enter), now);
    assert!(effects.is_empty(), "nothing may be sent: {effects:?}");
    assert!(matches!(&app.lookup.outcome, Outcome::Invalid(p) if !p.is_empty()));
}

#[test]
fn letters_type_in_fields_and_command_in_panes() {
    let now = Instant::now();
    let mut app = app(100, 30);
    type_text(&mut app, "qrwy", now);
    assert_eq!(app.lookup.form.channel.text(), "qrwy");
    assert!(!app.should_quit);
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('q')), now);
    assert!(app.should_quit);
    let mut app = tui_fixtures::app(100, 30);
    update(&mut app, ctrl('c'), now);
    assert!(app.should_quit, "Ctrl-C quits even from a field");
}

#[test]
fn key_releases_are_ignored() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let release = KeyEvent::new_with_kind(
        KeyCode::Char('a'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    );
    update(&mut app, Msg::Key(release), now);
    update(&mut app, key(KeyCode::Char('a')), now);
    assert_eq!(app.lookup.form.channel.text(), "a");
}

#[test]
fn selecting_a_history_entry_fills_the_form_and_runs_it() {
    let now = Instant::now();
    let mut app = app_with_history(100, 30, &["alice", "bob"]);
    assert_eq!(app.lookup.focus, Focus::History);
    update(&mut app, key(KeyCode::Char('j')), now);
    let effects = update(&mut app, key(KeyCode::Enter), now);
    match effects.as_slice() {
        [
            Effect::Start {
                job: Job::Lookup { target },
                ..
            },
        ] => assert_eq!(target, &target_of("bob")),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.lookup.form.member.text(), member("bob"));
    let id = app
        .lookup
        .in_flight
        .as_ref()
        .map(|f| f.id)
        .expect("in flight");
    update(
        &mut app,
        done(id, Ok(lookup("bob", "Bob", Some("NONE"), None))),
        now,
    );
    assert_eq!(
        app.lookup.history.entries[1]
            .last
            .as_ref()
            .map(|l| l.text.as_str()),
        Some("NONE")
    );
    assert_eq!(
        app.lookup.history.entries.len(),
        2,
        "a saved target is updated, not duplicated"
    );
}

fn target_of(id: &str) -> chime_prefs::model::Target {
    target(id)
}

#[test]
fn watch_mode_refetches_when_due_and_highlights_changes() {
    let t0 = Instant::now();
    let mut app = app(100, 30);
    load(
        &mut app,
        "carol",
        "Carol",
        Some("FILTERED"),
        Some(r#"{"mention":["carol"]}"#),
        t0,
    );
    app.lookup.focus = Focus::Details;
    let effects = update(&mut app, key(KeyCode::Char('w')), t0);
    let id = fetch_id(&effects);
    assert!(app.lookup.watch.enabled);
    update(
        &mut app,
        done(
            id,
            Ok(lookup(
                "carol",
                "Carol",
                Some("FILTERED"),
                Some(r#"{"mention":["carol"]}"#),
            )),
        ),
        t0,
    );
    assert_eq!(app.lookup.watch.next_due, Some(t0 + Duration::from_secs(5)));
    assert!(
        !app.loaded().expect("loaded").changes.any(),
        "nothing changed yet"
    );
    assert_eq!(
        app.next_wakeup(t0),
        Some(t0 + Duration::from_secs(3)),
        "toast first"
    );

    assert!(
        update(&mut app, Msg::Tick, t0 + Duration::from_secs(4)).is_empty(),
        "not due yet"
    );
    assert_eq!(
        app.next_wakeup(t0 + Duration::from_secs(4)),
        Some(t0 + Duration::from_secs(5))
    );
    let effects = update(&mut app, Msg::Tick, t0 + Duration::from_secs(5));
    let id = fetch_id(&effects);
    update(
        &mut app,
        done(id, Ok(lookup("carol", "Carol C.", Some("ALL"), None))),
        t0 + Duration::from_secs(5),
    );
    let changes = app.loaded().expect("loaded").changes;
    assert!(changes.allow && changes.rule && changes.name, "{changes:?}");

    update(
        &mut app,
        key(KeyCode::Char('w')),
        t0 + Duration::from_secs(6),
    );
    assert!(!app.lookup.watch.enabled);
    assert_eq!(app.lookup.watch.next_due, None);
}

#[test]
fn an_idle_app_never_asks_to_wake_up() {
    let now = Instant::now();
    let mut app = app(100, 30);
    assert_eq!(app.next_wakeup(now), None);
    submit(&mut app, "alice", now);
    assert!(
        app.next_wakeup(now).is_some(),
        "the spinner animates while loading"
    );
    let before = app.spinner;
    update(&mut app, Msg::Tick, now);
    assert_eq!(app.spinner, before + 1);
}

#[test]
fn y_copies_the_aws_cli_command_and_capital_y_the_json() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = fetch_id(&submit(&mut app, "alice", now));
    app.lookup.focus = Focus::Details;
    assert!(
        update(&mut app, key(KeyCode::Char('Y')), now).is_empty(),
        "no response to copy yet"
    );
    update(
        &mut app,
        done(id, Ok(lookup("alice", "Alice", Some("ALL"), None))),
        now,
    );
    match update(&mut app, key(KeyCode::Char('y')), now).as_slice() {
        [Effect::Copy { text }] => {
            assert!(text.starts_with("aws --profile support --region us-east-1 --endpoint-url http://127.0.0.1:4566 chime-sdk-messaging get-channel-membership-preferences"), "{text}");
            assert!(text.contains(&format!("--chime-bearer {}", member("alice"))));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("copied"))
    );
    match update(&mut app, key(KeyCode::Char('Y')), now).as_slice() {
        [Effect::Copy { text }] => assert!(text.contains("\"AllowNotifications\": \"ALL\"")),
        other => panic!("{other:?}"),
    }
    update(&mut app, Msg::Tick, now + Duration::from_secs(4));
    assert!(app.toast.is_none(), "the confirmation expires");
}

#[test]
fn the_test_panel_evaluates_as_the_user_types() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let rule = r#"{"$or":[{"mention":["dave"]},{"type":[{"anything-but":["Room"]}]}]}"#;
    load(&mut app, "dave", "Dave", Some("FILTERED"), Some(rule), now);
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('t')), now);
    assert_eq!(app.lookup.focus, Focus::TestPanel);
    type_text(&mut app, r#"{"type":"Room"}"#, now);
    assert!(!panel_notifies(&app));
    // Edit "Room" into "Rooms": now anything-but lets it through.
    update(&mut app, key(KeyCode::Left), now);
    update(&mut app, key(KeyCode::Left), now);
    type_text(&mut app, "s", now);
    assert!(panel_notifies(&app));
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.lookup.test_panel.is_none());
    assert_eq!(app.lookup.focus, Focus::Details);
}

#[test]
fn the_test_panel_needs_a_rule_that_parses() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let rule = "{\"mention\": [\"frank\"";
    load(
        &mut app,
        "frank",
        "Frank",
        Some("FILTERED"),
        Some(rule),
        now,
    );
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('t')), now);
    assert!(app.lookup.test_panel.is_none());
}

#[test]
fn errors_are_recorded_with_their_code_and_a_recovery_is_marked() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = fetch_id(&submit(&mut app, "mallory", now));
    update(&mut app, done(id, Err(error(ErrorKind::Forbidden))), now);
    assert!(
        matches!(&app.lookup.outcome, Outcome::Failed(f) if f.error.kind == ErrorKind::Forbidden)
    );
    let last = app.lookup.history.entries[0]
        .last
        .clone()
        .expect("recorded");
    assert_eq!((last.text.as_str(), last.ok), ("403 Forbidden", false));
    app.lookup.focus = Focus::Details;
    let id = fetch_id(&update(&mut app, key(KeyCode::Char('r')), now));
    update(
        &mut app,
        done(id, Ok(lookup("mallory", "Mallory", Some("ALL"), None))),
        now,
    );
    assert!(app.loaded().expect("loaded").changes.recovered);
}

fn scroll_at(column: u16, row: u16, down: bool) -> Msg {
    Msg::Mouse(MouseEvent {
        kind: if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        },
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_it() {
    let now = Instant::now();
    let mut app = app(100, 24);
    let rule = format!(
        "{{\"mention\":[{}]}}",
        (0..40)
            .map(|i| format!("\"v{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    load(&mut app, "big", "Big", Some("FILTERED"), Some(&rule), now);
    update(&mut app, scroll_at(60, 20, true), now);
    assert_eq!(app.lookup.details_scroll, 3);
    update(&mut app, scroll_at(60, 20, false), now);
    assert_eq!(app.lookup.details_scroll, 0);
    for _ in 0..100 {
        update(&mut app, scroll_at(60, 20, true), now);
    }
    let max = app.lookup.details_scroll;
    update(&mut app, scroll_at(60, 20, true), now);
    assert_eq!(app.lookup.details_scroll, max, "scrolling stops at the end");
    assert!(max > 30, "{max}");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let now = Instant::now();
    let mut app = app(80, 24);
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('?')), now);
    assert_eq!(app.help, Some(0));
    update(&mut app, key(KeyCode::Char('j')), now);
    assert_eq!(app.help, Some(1));
    update(&mut app, key(KeyCode::Char('q')), now);
    assert_eq!(app.help, None);
    assert!(!app.should_quit, "q closes help before it quits");
}

#[test]
fn resize_is_remembered_and_sigterm_quits() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let id = fetch_id(&submit(&mut app, "alice", now));
    update(&mut app, Msg::Resize(20, 5), now);
    assert_eq!(app.size, (20, 5));
    let effects = update(&mut app, Msg::Terminate, now);
    assert!(app.should_quit);
    assert_eq!(
        effects,
        vec![Effect::Cancel { id }],
        "quitting cancels the request"
    );
}

#[test]
fn paste_goes_into_the_field_without_line_breaks() {
    let now = Instant::now();
    let mut app = app(100, 30);
    update(&mut app, Msg::Paste(format!("  {}\n", channel())), now);
    assert_eq!(app.lookup.form.channel.text(), channel());
    assert_eq!(
        app.lookup.form.status(FormField::Channel),
        FieldStatus::Valid
    );
}

mod channel_view {
    use super::*;
    use chime_prefs::tui::screens::channel::{SortKey, StateFilter};

    fn scanning_app() -> (chime_prefs::tui::app::App, chime_prefs::tui::job::JobId) {
        let now = Instant::now();
        let mut app = app(100, 30);
        app.lookup.form.fill(&channel(), &member("alice"), None);
        app.lookup.focus = Focus::Details;
        let effects = update(&mut app, key(KeyCode::Char('c')), now);
        match effects.as_slice() {
            [
                Effect::Start {
                    job: Job::ChannelScan { request },
                    ..
                },
            ] => {
                assert_eq!(request.channel_arn, channel());
                assert_eq!(
                    request.bearer_arn,
                    member("alice"),
                    "the member lists when no bearer is given"
                );
                assert_eq!(request.concurrency, 8);
                assert_eq!(
                    request.max_attempts, 3,
                    "--max-attempts bounds the scan's 5xx retries"
                );
            }
            other => panic!("{other:?}"),
        }
        let id = scan_id(&effects);
        (app, id)
    }

    #[test]
    fn c_starts_a_scan_whose_events_fill_the_table() {
        let now = Instant::now();
        let (mut app, id) = scanning_app();
        for event in scan_events(&[
            ("a", "ALL"),
            ("b", "NONE"),
            ("c", "403"),
            ("d", "FILTERED"),
            ("e", "-"),
        ]) {
            update(&mut app, scan_msg(id, event), now);
        }
        let view = app.channel_view().expect("visible");
        assert!(!view.running);
        let s = view.results.summary();
        assert_eq!(
            (s.all, s.none, s.filtered, s.not_set, s.errors),
            (1, 1, 1, 1, 1)
        );
        assert!(view.results.is_complete());
    }

    #[test]
    fn events_of_an_older_scan_are_dropped() {
        let now = Instant::now();
        let (mut app, first) = scanning_app();
        let effects = update(&mut app, key(KeyCode::Char('R')), now);
        assert!(
            effects.contains(&Effect::Cancel { id: first }),
            "{effects:?}"
        );
        let second = scan_id(&effects);
        for event in scan_events(&[("a", "ALL")]) {
            update(&mut app, scan_msg(first, event), now);
        }
        assert_eq!(app.channel_view().expect("view").results.rows().len(), 0);
        for event in scan_events(&[("a", "ALL")]) {
            update(&mut app, scan_msg(second, event), now);
        }
        assert_eq!(app.channel_view().expect("view").results.rows().len(), 1);
    }

    #[test]
    fn filter_and_sort_choose_the_rows() {
        let now = Instant::now();
        let (mut app, id) = scanning_app();
        for event in scan_events(&[("z", "ALL"), ("y", "NONE"), ("x", "403"), ("w", "ALL")]) {
            update(&mut app, scan_msg(id, event), now);
        }
        let names = |app: &chime_prefs::tui::app::App| -> Vec<String> {
            let view = app.channel_view().expect("view");
            view.visible_rows()
                .into_iter()
                .map(|i| {
                    view.results.rows()[i]
                        .member
                        .name
                        .clone()
                        .unwrap_or_default()
                })
                .collect()
        };
        update(&mut app, key(KeyCode::Char('1')), now);
        assert_eq!(names(&app), vec!["Name z", "Name w"]);
        update(&mut app, key(KeyCode::Char('5')), now);
        assert_eq!(names(&app), vec!["Name x"]);
        update(&mut app, key(KeyCode::Char('0')), now);
        update(&mut app, key(KeyCode::Char('o')), now);
        assert_eq!(app.channel_view().expect("view").sort, SortKey::State);
        assert_eq!(
            names(&app),
            vec!["Name x", "Name y", "Name z", "Name w"],
            "errors and NONE first"
        );
        update(&mut app, key(KeyCode::Char('o')), now);
        assert_eq!(names(&app), vec!["Name w", "Name x", "Name y", "Name z"]);
        assert_eq!(
            app.channel_view().expect("view").filter,
            StateFilter::Everyone
        );
    }

    #[test]
    fn enter_opens_the_member_and_c_comes_back_without_rescanning() {
        let now = Instant::now();
        let (mut app, id) = scanning_app();
        for event in scan_events(&[("a", "ALL"), ("b", "403")]) {
            update(&mut app, scan_msg(id, event), now);
        }
        update(&mut app, key(KeyCode::Char('j')), now);
        assert!(
            update(&mut app, key(KeyCode::Enter), now).is_empty(),
            "already read: nothing to fetch"
        );
        assert!(app.channel_view().is_none());
        assert!(
            matches!(&app.lookup.outcome, Outcome::Failed(f) if f.error.kind == ErrorKind::Forbidden && f.target.member_arn == member("b"))
        );
        assert_eq!(app.lookup.form.member.text(), member("b"));
        assert!(
            update(&mut app, key(KeyCode::Char('c')), now).is_empty(),
            "same channel: back to the scan"
        );
        assert!(app.channel_view().is_some());
        update(&mut app, key(KeyCode::Esc), now);
        assert!(app.channel_view().is_none());
    }

    #[test]
    fn x_stops_the_scan_and_quitting_stops_it_too() {
        let now = Instant::now();
        let (mut app, id) = scanning_app();
        assert_eq!(
            update(&mut app, key(KeyCode::Char('x')), now),
            vec![Effect::Cancel { id }]
        );
        assert!(!app.channel_view().expect("view").running);
        let (mut app, id) = scanning_app();
        assert_eq!(
            update(&mut app, key(KeyCode::Char('q')), now),
            vec![Effect::Cancel { id }]
        );
        assert!(app.should_quit);
    }

    #[test]
    fn c_without_anyone_to_list_explains_itself() {
        let now = Instant::now();
        let mut app = app(100, 30);
        app.lookup.form.fill(&channel(), "", None);
        app.lookup.focus = Focus::Details;
        // The form was filled outside `update`: opening the channel's
        // region connection ahead is all this first message may start.
        assert!(
            update(&mut app, key(KeyCode::Char('c')), now)
                .iter()
                .all(|e| matches!(
                    e,
                    Effect::Start {
                        job: Job::WarmUp { .. },
                        ..
                    }
                ))
        );
        assert!(
            app.toast
                .as_ref()
                .is_some_and(|t| t.text.contains("who lists"))
        );
    }
}

#[test]
fn h_rescans_with_hidden_members() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.form.fill(&channel(), &member("admin"), None);
    app.lookup.focus = Focus::Details;
    let first = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    let effects = update(&mut app, key(KeyCode::Char('h')), now);
    assert!(
        effects.contains(&Effect::Cancel { id: first }),
        "{effects:?}"
    );
    match effects.last() {
        Some(Effect::Start {
            job: Job::ChannelScan { request },
            ..
        }) => assert!(request.include_hidden),
        other => panic!("{other:?}"),
    }
    assert!(app.channel_view().is_some_and(|v| v.source.include_hidden));
    match update(&mut app, key(KeyCode::Char('h')), now).last() {
        Some(Effect::Start {
            job: Job::ChannelScan { request },
            ..
        }) => assert!(!request.include_hidden),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_test_panel_follows_the_rule_across_refreshes() {
    let now = Instant::now();
    let mut app = app(100, 30);
    load(
        &mut app,
        "carol",
        "Carol",
        Some("FILTERED"),
        Some(r#"{"mention":["carol"]}"#),
        now,
    );
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('t')), now);
    type_text(&mut app, r#"{"mention":"bob"}"#, now);
    assert!(!panel_notifies(&app));
    // The rule changes to mention bob: the same message is re-evaluated.
    app.lookup.focus = Focus::Details;
    let id = fetch_id(&update(&mut app, key(KeyCode::Char('r')), now));
    app.lookup.focus = Focus::TestPanel;
    update(
        &mut app,
        done(
            id,
            Ok(lookup(
                "carol",
                "Carol",
                Some("FILTERED"),
                Some(r#"{"mention":["bob"]}"#),
            )),
        ),
        now,
    );
    assert!(panel_notifies(&app));
    // The rule goes away: the panel closes and focus moves out of it.
    app.lookup.focus = Focus::Details;
    let id = fetch_id(&update(&mut app, key(KeyCode::Char('r')), now));
    app.lookup.focus = Focus::TestPanel;
    update(
        &mut app,
        done(id, Ok(lookup("carol", "Carol", Some("ALL"), None))),
        now,
    );
    assert!(app.lookup.test_panel.is_none());
    assert_eq!(app.lookup.focus, Focus::Details);
}

// ---- first contact (issue 8) ------------------------------------------------

fn toast(app: &chime_prefs::tui::app::App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn after_the_channel_view_enter_on_history_runs_that_entry() {
    let now = Instant::now();
    let mut app = app_with_history(100, 30, &["alice", "bob", "carol", "town-hall"]);
    assert_eq!(app.lookup.focus, Focus::History);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    let id = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    for event in scan_events(&[("alice", "ALL"), ("bob", "403")]) {
        update(&mut app, scan_msg(id, event), now);
    }
    // The README's step 6: 5 for the errors, Enter opens one...
    update(&mut app, key(KeyCode::Char('5')), now);
    assert!(update(&mut app, key(KeyCode::Enter), now).is_empty());
    assert!(app.channel_view().is_none());
    assert_eq!(
        app.lookup.form.member.text(),
        member("bob"),
        "the opened member is shown"
    );
    // ...then the last History entry, with Enter.
    update(&mut app, key(KeyCode::Char('G')), now);
    match update(&mut app, key(KeyCode::Enter), now).as_slice() {
        [
            Effect::Start {
                job: Job::Lookup { target },
                ..
            },
        ] => assert_eq!(target.member_arn, member("town-hall")),
        other => panic!("Enter must run the selected entry: {other:?}"),
    }
    // And after Esc from the channel view, too.
    let mut app = app_with_history(100, 30, &["alice", "bob"]);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    update(&mut app, key(KeyCode::Char('c')), now);
    update(&mut app, key(KeyCode::Esc), now);
    update(&mut app, key(KeyCode::Char('j')), now);
    match update(&mut app, key(KeyCode::Enter), now).as_slice() {
        [
            Effect::Start {
                job: Job::Lookup { target },
                ..
            },
        ] => assert_eq!(target.member_arn, member("bob")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn tab_from_the_test_panel_lands_on_a_pane_not_in_a_field() {
    let now = Instant::now();
    for with_history in [true, false] {
        let mut app = if with_history {
            app_with_history(100, 30, &["carol"])
        } else {
            tui_fixtures::app(100, 30)
        };
        load(
            &mut app,
            "carol",
            "Carol",
            Some("FILTERED"),
            Some(r#"{"mention":["carol"]}"#),
            now,
        );
        app.lookup.focus = Focus::Details;
        update(&mut app, key(KeyCode::Char('t')), now);
        assert_eq!(app.lookup.focus, Focus::TestPanel);
        update(&mut app, key(KeyCode::Tab), now);
        assert!(
            !matches!(app.lookup.focus, Focus::Field(_)),
            "Tab went into a field: {:?}",
            app.lookup.focus
        );
        // j now moves instead of typing into an ARN.
        let before = app.lookup.form.clone();
        type_text(&mut app, "jk", now);
        assert_eq!(app.lookup.form, before);
    }
}

#[test]
fn in_a_terminal_too_small_only_quit_does_anything() {
    let now = Instant::now();
    let mut app = app_with_history(80, 24, &["alice", "bob"]);
    load(&mut app, "alice", "Alice", Some("ALL"), None, now);
    app.lookup.focus = Focus::History;
    update(&mut app, Msg::Resize(40, 10), now);
    let before = app.clone();
    for code in [
        KeyCode::Char('j'),
        KeyCode::Enter,
        KeyCode::Char('c'),
        KeyCode::Char('e'),
        KeyCode::Char('x'),
        KeyCode::Char('r'),
        KeyCode::Char('?'),
        KeyCode::Tab,
        KeyCode::Esc,
    ] {
        assert!(update(&mut app, key(code), now).is_empty(), "{code:?}");
    }
    update(&mut app, Msg::Paste(channel()), now);
    assert_eq!(app, before, "keys acted under Terminal too small");
    update(&mut app, key(KeyCode::Char('q')), now);
    assert!(app.should_quit);
}

#[test]
fn every_key_that_cannot_act_says_why() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    let id = fetch_id(&submit(&mut app, "mallory", now));
    update(&mut app, done(id, Err(error(ErrorKind::Forbidden))), now);
    app.lookup.focus = Focus::Details;
    assert!(update(&mut app, key(KeyCode::Char('Y')), now).is_empty());
    let why = toast(&app);
    assert!(
        why.contains("failed") && why.contains("ForbiddenException"),
        "{why}"
    );
    assert!(update(&mut app, key(KeyCode::Char('t')), now).is_empty());
    assert!(toast(&app).contains("FilterRule"), "{}", toast(&app));

    load(&mut app, "alice", "Alice", Some("ALL"), None, now);
    app.lookup.focus = Focus::Details;
    assert!(update(&mut app, key(KeyCode::Char('t')), now).is_empty());
    let why = toast(&app);
    assert!(why.contains("ALL") && why.contains("FilterRule"), "{why}");
    assert!(app.lookup.test_panel.is_none());

    // A key of another screen says where it works.
    update(&mut app, key(KeyCode::Char('x')), now);
    assert!(toast(&app).contains("channel view"), "{}", toast(&app));
    // A key of no screen says so.
    update(&mut app, key(KeyCode::Char('Z')), now);
    assert!(toast(&app).contains("does nothing here"), "{}", toast(&app));
    // Esc with nothing to cancel or close.
    app.lookup.focus = Focus::History;
    update(&mut app, key(KeyCode::Esc), now);
    assert!(toast(&app).contains("nothing to cancel"), "{}", toast(&app));
    // c with a channel ARN that does not parse names the problem.
    app.lookup
        .form
        .fill("arn:aws:chime", &member("alice"), None);
    assert!(update(&mut app, key(KeyCode::Char('c')), now).is_empty());
    assert!(toast(&app).starts_with("c lists"), "{}", toast(&app));
}

#[test]
fn a_copy_says_it_went_through_osc_52_and_what_the_terminal_needs() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    load(&mut app, "alice", "Alice", Some("ALL"), None, now);
    app.lookup.focus = Focus::Details;
    for key_char in ['y', 'Y'] {
        update(&mut app, key(KeyCode::Char(key_char)), now);
        let note = app.toast.clone().expect("a note");
        for text in [note.text.as_str(), note.short.as_deref().unwrap_or("")] {
            assert!(text.contains("OSC 52"), "{text}");
            assert!(text.contains("set -g set-clipboard on"), "{text}");
            assert!(
                !text.starts_with('✓'),
                "claims a success it cannot see: {text}"
            );
        }
    }
}

#[test]
fn y_carries_the_region_the_call_really_uses() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    // A profile in us-west-2, for other work; the channel lives in us-east-1.
    app.options.client.region = None;
    app.options.client.aws_cli_region = Some("us-west-2".into());
    load(&mut app, "alice", "Alice", Some("ALL"), None, now);
    app.lookup.focus = Focus::Details;
    let copied =
        |app: &mut chime_prefs::tui::app::App| match update(app, key(KeyCode::Char('y')), now)
            .as_slice()
        {
            [Effect::Copy { text }] => text.clone(),
            other => panic!("{other:?}"),
        };
    let text = copied(&mut app);
    assert!(text.contains("--region us-east-1"), "{text}");
    assert!(!text.contains("us-west-2"), "{text}");
    // With no region configured at all, the command still carries one.
    app.options.client.aws_cli_region = None;
    let text = copied(&mut app);
    assert!(text.contains("--region us-east-1"), "{text}");
    // When the reader's own configuration picks us-east-1, it is left out.
    app.options.client.aws_cli_region = Some("us-east-1".into());
    let text = copied(&mut app);
    assert!(!text.contains("--region"), "{text}");
}

#[test]
fn the_form_names_an_invisible_character_instead_of_stripping_it() {
    let now = Instant::now();
    for (typed, code_point) in [("\u{200b}", "U+200B"), ("\u{202e}", "U+202E")] {
        let mut app = tui_fixtures::app(100, 30);
        app.lookup.focus = Focus::Field(FormField::Channel);
        update(&mut app, Msg::Paste(channel()), now);
        update(&mut app, key(KeyCode::Tab), now);
        let pasted = member("alice").replace("user/", &format!("user/{typed}"));
        update(&mut app, Msg::Paste(pasted.clone()), now);
        assert_eq!(app.lookup.form.member.text(), pasted, "kept as pasted");
        match app.lookup.form.status(FormField::Member) {
            FieldStatus::Invalid(p) => assert!(p.message.contains(code_point), "{}", p.message),
            other => panic!("{other:?}"),
        }
        let effects = update(&mut app, key(KeyCode::Enter), now);
        assert!(effects.is_empty(), "nothing may be sent: {effects:?}");
        assert!(matches!(&app.lookup.outcome, Outcome::Invalid(_)));
    }
}

#[test]
fn arns_given_as_flags_fill_the_form_and_fetch() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    let args = chime_prefs::cli::TargetArgs {
        channel_arn: Some(channel()),
        member_arn: Some(member("carol")),
        bearer_arn: None,
        admin_arn: None,
    };
    match chime_prefs::commands::tui::prefill(&mut app, &args, now).as_slice() {
        [
            Effect::Start {
                job: Job::Lookup { target },
                ..
            },
        ] => assert_eq!(target, &tui_fixtures::target("carol")),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.lookup.focus, Focus::Details);
    let mut app = tui_fixtures::app(100, 30);
    assert!(
        chime_prefs::commands::tui::prefill(
            &mut app,
            &chime_prefs::cli::TargetArgs::default(),
            now
        )
        .is_empty()
    );
}

#[test]
fn a_parked_channel_view_keeps_scanning_and_another_channel_replaces_it() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let first = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    update(&mut app, key(KeyCode::Esc), now);
    assert!(app.channel_view().is_none());
    // The scan goes on behind the lookup screen.
    for event in scan_events(&[("alice", "ALL"), ("bob", "NONE")]) {
        update(&mut app, scan_msg(first, event), now);
    }
    assert!(update(&mut app, key(KeyCode::Char('c')), now).is_empty());
    let view = app.channel_view().expect("resumed");
    assert_eq!(view.results.rows().len(), 2, "read while parked");
    assert!(!view.running);
    // Another channel: a new scan, and the parked one is dropped.
    let mut app = tui_fixtures::app(100, 30);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let first = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    update(&mut app, key(KeyCode::Esc), now);
    let other = channel().replace("/support", "/general");
    app.lookup.form.fill(&other, &member("alice"), None);
    let effects = update(&mut app, key(KeyCode::Char('c')), now);
    assert!(
        effects.contains(&Effect::Cancel { id: first }),
        "{effects:?}"
    );
    let second = scan_id(&effects);
    assert_ne!(first, second);
    assert_eq!(
        app.channel_view().map(|v| v.source.channel_arn.as_str()),
        Some(other.as_str())
    );
    assert!(app.parked.is_empty());
    // A stale event of the first scan reaches no one.
    for event in scan_events(&[("zed", "ALL")]) {
        update(&mut app, scan_msg(first, event), now);
    }
    assert_eq!(app.channel_view().expect("view").results.rows().len(), 0);
}

// ---- issue 14 §6: the channel view is keyed by channel and bearer -----------

#[test]
fn c_with_another_bearer_scans_again_and_r_uses_that_bearer() {
    let now = Instant::now();
    let mut app = tui_fixtures::app(100, 30);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let first = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    // The view's advice (h: HIDDEN members need a moderator or admin
    // bearer) is followed: back, a moderator as bearer, c again.
    update(&mut app, key(KeyCode::Esc), now);
    app.lookup
        .form
        .fill(&channel(), &member("alice"), Some(&member("admin")));
    let effects = update(&mut app, key(KeyCode::Char('c')), now);
    assert!(
        effects.contains(&Effect::Cancel { id: first }),
        "the scan as alice stops: {effects:?}"
    );
    let bearer_of = |effects: &[Effect]| match effects.last() {
        Some(Effect::Start {
            job: Job::ChannelScan { request },
            ..
        }) => request.bearer_arn.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(bearer_of(&effects), member("admin"));
    assert_eq!(
        app.channel_view().map(|v| v.source.bearer_arn.as_str()),
        Some(member("admin").as_str())
    );
    // R and h scan as the bearer the view now shows.
    assert_eq!(
        bearer_of(&update(&mut app, key(KeyCode::Char('R')), now)),
        member("admin")
    );
    assert_eq!(
        bearer_of(&update(&mut app, key(KeyCode::Char('h')), now)),
        member("admin")
    );
    // The same channel and bearer again resumes without a new scan.
    update(&mut app, key(KeyCode::Esc), now);
    assert!(update(&mut app, key(KeyCode::Char('c')), now).is_empty());
    assert!(app.channel_view().is_some_and(|v| v.source.include_hidden));
}

#[test]
fn t_on_an_open_test_panel_keeps_the_attributes_typed() {
    let now = Instant::now();
    let mut app = app(100, 30);
    load(
        &mut app,
        "carol",
        "Carol",
        Some("FILTERED"),
        Some(r#"{"mention":["carol"]}"#),
        now,
    );
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('t')), now);
    type_text(&mut app, r#"{"mention":"carol"}"#, now);
    assert!(panel_notifies(&app));
    // Tab out (to let p judge with them), then t to go back in.
    update(&mut app, key(KeyCode::Tab), now);
    assert_ne!(app.lookup.focus, Focus::TestPanel);
    update(&mut app, key(KeyCode::Char('t')), now);
    assert_eq!(app.lookup.focus, Focus::TestPanel);
    let panel = app.lookup.test_panel.as_ref().expect("open");
    assert_eq!(panel.input.text(), r#"{"mention":"carol"}"#);
    assert!(panel_notifies(&app));
}
