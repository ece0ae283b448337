//! The `/` list filter, through the pure update and a rendered frame:
//! History on the lookup screen and the channel view share it.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::tui::app::App;
use chime_prefs::tui::job::Job;
use chime_prefs::tui::keymap::Mode;
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Focus, FormField};
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use tui_fixtures::*;

/// The filter looks in the label, the member ARN and the note; the ARNs
/// here share `arn:aws:chime:…/user/`, which holds no `l`.
const PEOPLE: &[&str] = &["alice", "bob", "dave", "daisy", "carol", "lou"];

fn history_app() -> App {
    let mut app = app_with_history(100, 30, PEOPLE);
    app.lookup.focus = Focus::History;
    app
}

fn shown_labels(app: &App) -> Vec<String> {
    let h = &app.lookup.history;
    h.shown()
        .into_iter()
        .map(|i| h.entries[i].label.clone())
        .collect()
}

fn selected_label(app: &App) -> Option<String> {
    app.lookup.history.selected().map(|e| e.label.clone())
}

fn lookup_target(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Start {
            job: Job::Lookup { target },
            ..
        } => Some(target.member_arn.clone()),
        _ => None,
    })
}

#[test]
fn typing_narrows_history_and_letters_never_leak_into_commands() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    assert_eq!(app.mode(), Mode::Filtering);
    type_text(&mut app, "da", now);
    assert_eq!(shown_labels(&app), ["dave", "daisy"]);
    // q, j, ? and G are text here: nothing quits, moves or opens help.
    let effects = update(&mut app, key(KeyCode::Char('q')), now);
    assert!(!app.should_quit && effects.is_empty());
    type_text(&mut app, "j?G", now);
    assert!(app.help.is_none());
    assert_eq!(app.lookup.history.cursor.filter.input.text(), "daqj?G");
    assert!(shown_labels(&app).is_empty());
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace, now);
    }
    assert_eq!(shown_labels(&app), ["dave", "daisy"]);
    update(&mut app, ctrl('u'), now);
    assert_eq!(shown_labels(&app).len(), PEOPLE.len());
    assert_eq!(app.mode(), Mode::Filtering, "Ctrl-U clears, typing goes on");
    // Ctrl-C still quits from the filter.
    update(&mut app, ctrl('c'), now);
    assert!(app.should_quit);
}

#[test]
fn enter_keeps_the_filter_and_j_k_enter_work_inside_it() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "L", now);
    assert_eq!(shown_labels(&app), ["alice", "carol", "lou"]);
    let effects = press(&mut app, KeyCode::Enter, now);
    assert!(effects.is_empty(), "Enter while typing runs nothing");
    assert_eq!(app.mode(), Mode::Browsing);
    assert_eq!(shown_labels(&app).len(), 3, "the filter is kept");
    press(&mut app, KeyCode::Char('j'), now);
    assert_eq!(selected_label(&app).as_deref(), Some("carol"));
    press(&mut app, KeyCode::Char('j'), now);
    press(&mut app, KeyCode::Char('j'), now);
    assert_eq!(
        selected_label(&app).as_deref(),
        Some("lou"),
        "j stops at the last match"
    );
    press(&mut app, KeyCode::Char('g'), now);
    assert_eq!(selected_label(&app).as_deref(), Some("alice"));
    press(&mut app, KeyCode::Char('G'), now);
    press(&mut app, KeyCode::Char('k'), now);
    assert_eq!(selected_label(&app).as_deref(), Some("carol"));
    let effects = press(&mut app, KeyCode::Enter, now);
    assert_eq!(lookup_target(&effects), Some(member("carol")));
}

#[test]
fn the_selection_stays_on_its_row_and_is_clamped_when_it_goes() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('G'), now);
    assert_eq!(selected_label(&app).as_deref(), Some("lou"));
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "l", now);
    assert_eq!(
        selected_label(&app).as_deref(),
        Some("lou"),
        "lou survives the filter and stays selected"
    );
    assert_eq!(app.lookup.history.cursor.selected(), 2);
    type_text(&mut app, "i", now);
    assert_eq!(shown_labels(&app), ["alice"]);
    assert_eq!(
        app.lookup.history.cursor.selected(),
        0,
        "clamped into the rows"
    );
    type_text(&mut app, "zz", now);
    assert_eq!(selected_label(&app), None);
    assert_eq!(app.lookup.history.cursor.selected(), 0);
    // Clearing brings back every row, the cursor still inside them.
    press(&mut app, KeyCode::Esc, now);
    assert_eq!(shown_labels(&app).len(), PEOPLE.len());
    assert!(selected_label(&app).is_some());
}

#[test]
fn esc_clears_a_kept_filter_before_doing_what_esc_does() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "bob", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(shown_labels(&app), ["bob"]);
    press(&mut app, KeyCode::Esc, now);
    assert_eq!(shown_labels(&app).len(), PEOPLE.len());
    assert!(app.toast.is_none(), "the first Esc cleared the filter");
    press(&mut app, KeyCode::Esc, now);
    assert!(
        toast(&app).contains("nothing to cancel"),
        "the second Esc is the screen's: {}",
        toast(&app)
    );
}

#[test]
fn e_edits_the_form_and_slash_no_longer_does() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    assert_eq!(app.lookup.focus, Focus::History);
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('e'), now);
    assert_eq!(app.lookup.focus, Focus::Field(FormField::Channel));
    // In a form field `/` is text, as in any ARN.
    type_text(&mut app, "a/b", now);
    assert_eq!(app.lookup.form.channel.text(), "a/b");
}

#[test]
fn slash_outside_a_list_says_where_the_list_is() {
    let now = Instant::now();
    let mut app = history_app();
    app.lookup.focus = Focus::Details;
    press(&mut app, KeyCode::Char('/'), now);
    assert_eq!(app.mode(), Mode::Browsing);
    assert!(toast(&app).contains("Tab to History"), "{}", toast(&app));
}

#[test]
fn a_paste_goes_into_the_filter_as_one_safe_line() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    update(&mut app, Msg::Paste("da\u{1b}[2J\nve\n".into()), now);
    assert_eq!(
        app.lookup.history.cursor.filter.input.text(),
        "da[2J ve",
        "escape dropped, line break a space"
    );
    assert!(
        app.lookup.form.channel.text().is_empty(),
        "nothing went into the form"
    );
}

#[test]
fn history_shows_the_filter_in_its_frame_and_says_when_nothing_matches() {
    let now = Instant::now();
    let mut app = history_app();
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "da", now);
    let screen = rows(&app).join("\n");
    assert!(screen.contains("/da_ — 2 of 6"), "{screen}");
    press(&mut app, KeyCode::Enter, now);
    let screen = rows(&app).join("\n");
    assert!(
        screen.contains("History /da — 2 of 6 ─"),
        "kept: no typing mark, and the hint does not fit: {screen}"
    );
    assert!(
        screen.contains("daisy") && !screen.contains("carol"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('/'), now);
    type_text(&mut app, "zz", now);
    let screen = rows(&app).join("\n");
    assert!(screen.contains("no entry matches /dazz"), "{screen}");
    // The footer offers the filter's own keys while typing.
    let footer = rows(&app).last().cloned().unwrap_or_default();
    assert!(
        footer.contains("Enter keep") && footer.contains("Esc clear"),
        "{footer}"
    );
}

mod channel {
    use super::*;

    const MEMBERS: &[(&str, &str)] = &[
        ("a1", "ALL"),
        ("b2", "NONE"),
        ("c3", "403"),
        ("d4", "FILTERED"),
        ("e5", "-"),
        ("a6", "ALL"),
    ];

    fn names(app: &App) -> Vec<String> {
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
    }

    fn viewing() -> App {
        let now = Instant::now();
        let mut app = app(100, 30);
        channel_view(&mut app, "alice", scan_events(MEMBERS), now);
        app
    }

    #[test]
    fn esc_clears_the_filter_then_a_second_esc_pops_the_screen() {
        let now = Instant::now();
        let mut app = viewing();
        press(&mut app, KeyCode::Char('/'), now);
        assert_eq!(app.mode(), Mode::Filtering);
        // The ARN counts (names never hold "user/"), whatever the case.
        type_text(&mut app, "USER/A", now);
        assert_eq!(names(&app), ["Name a1", "Name a6"]);
        press(&mut app, KeyCode::Esc, now);
        assert_eq!(names(&app).len(), MEMBERS.len());
        assert!(app.channel_view().is_some(), "Esc while typing only clears");
        press(&mut app, KeyCode::Char('/'), now);
        type_text(&mut app, "d4", now);
        press(&mut app, KeyCode::Enter, now);
        assert_eq!(names(&app), ["Name d4"]);
        press(&mut app, KeyCode::Esc, now);
        assert!(app.channel_view().is_some(), "the first Esc clears");
        assert_eq!(names(&app).len(), MEMBERS.len());
        press(&mut app, KeyCode::Esc, now);
        assert!(app.channel_view().is_none(), "the second Esc pops");
    }

    #[test]
    fn the_filter_works_with_the_state_filter_and_enter_opens_the_match() {
        let now = Instant::now();
        let mut app = viewing();
        press(&mut app, KeyCode::Char('1'), now);
        press(&mut app, KeyCode::Char('/'), now);
        type_text(&mut app, "name a6", now);
        press(&mut app, KeyCode::Enter, now);
        assert_eq!(names(&app), ["Name a6"]);
        // 5 is the errors filter outside the input, and o orders: letters
        // are commands again after Enter.
        press(&mut app, KeyCode::Char('o'), now);
        assert_eq!(names(&app), ["Name a6"]);
        press(&mut app, KeyCode::Enter, now);
        assert!(app.channel_view().is_none(), "Enter opened the member");
        assert_eq!(
            app.lookup.current_target().map(|t| t.member_arn.clone()),
            Some(member("a6"))
        );
    }

    #[test]
    fn typing_in_the_channel_view_never_stops_or_rescans() {
        let now = Instant::now();
        let mut app = viewing();
        press(&mut app, KeyCode::Char('/'), now);
        let mut effects = Vec::new();
        for c in "xRhq0s".chars() {
            effects.extend(press(&mut app, KeyCode::Char(c), now));
        }
        assert!(effects.is_empty(), "{effects:?}");
        assert!(!app.should_quit);
        let view = app.channel_view().expect("view");
        assert_eq!(view.cursor.filter.input.text(), "xRhq0s");
        assert!(!view.source.include_hidden);
    }

    #[test]
    fn the_frame_counts_the_matches_and_an_empty_result_says_so() {
        let now = Instant::now();
        let mut app = viewing();
        press(&mut app, KeyCode::Char('/'), now);
        type_text(&mut app, "name a", now);
        let screen = rows(&app).join("\n");
        assert!(screen.contains("/name a_ — 2 of 6"), "{screen}");
        type_text(&mut app, "zz", now);
        let screen = rows(&app).join("\n");
        assert!(
            screen.contains("no member matches /name azz (Esc clears the filter)"),
            "{screen}"
        );
        assert!(screen.contains("/name azz_ — 0 of 6"), "{screen}");
    }
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}
