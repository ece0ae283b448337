//! Screens of the TUI rendered into ratatui's TestBackend at fixed sizes
//! and compared with insta snapshots. Every fact on screen is fixed by the
//! fixtures (endpoint, request ids, times), so no masking is needed.
//!
//! A few are whole screens. The others leave out the header and the
//! footer (`panes`): the footer lists the keys, and a new key must not
//! rewrite every snapshot. Single widgets are tested in `tui_widgets.rs`.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::error::ErrorKind;
use chime_prefs::tui::app::App;
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::update;
use chime_prefs::tui::view;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use tui_fixtures::*;

fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    terminal
}

fn screen(app: &App) -> String {
    draw(app).backend().to_string()
}

/// The screen without its first (header) and last (footer) rows.
fn panes(app: &App) -> String {
    let text = screen(app);
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len().saturating_sub(1)].join("\n")
}

fn loaded(id: &str, name: &str, allow: Option<&str>, rule: Option<&str>) -> App {
    let now = Instant::now();
    let mut app = app_with_history(80, 24, &["alice", "bob", "carol"]);
    let fid = fetch_id(&submit(&mut app, id, now));
    update(&mut app, done(fid, Ok(lookup(id, name, allow, rule))), now);
    app.lookup.focus = Focus::Details;
    app
}

#[test]
fn empty_form() {
    assert_snapshot!(screen(&app(80, 24)));
}

#[test]
fn loading() {
    let mut app = app_with_history(80, 24, &["alice", "bob"]);
    submit(&mut app, "alice", Instant::now());
    assert_snapshot!(panes(&app));
}

#[test]
fn all() {
    assert_snapshot!(screen(&loaded("alice", "Alice Anders", Some("ALL"), None)));
}

#[test]
fn none() {
    assert_snapshot!(panes(&loaded("bob", "Bob Brown", Some("NONE"), None)));
}

#[test]
fn not_set() {
    assert_snapshot!(panes(&loaded("erin", "Erin Evans", None, None)));
}

#[test]
fn filtered_with_a_rule() {
    let rule = r#"{"$or":[{"mention":["dave"]},{"type":[{"anything-but":["Room"]}]}]}"#;
    let mut app = loaded("dave", "Dave Diaz", Some("FILTERED"), Some(rule));
    app.size = (100, 34);
    assert_snapshot!(screen(&app));
}

#[test]
fn filtered_rule_that_is_not_json() {
    let mut app = loaded(
        "frank",
        "Frank Fischer",
        Some("FILTERED"),
        Some("{\"mention\": [\"frank\""),
    );
    app.size = (100, 30);
    assert_snapshot!(panes(&app));
}

#[test]
fn filtered_without_a_rule() {
    let mut app = loaded("fil", "Fil Norule", Some("FILTERED"), None);
    app.size = (100, 30);
    assert_snapshot!(panes(&app));
}

#[test]
fn unknown_state_is_shown_verbatim() {
    assert_snapshot!(panes(&loaded(
        "mystery",
        "Max Mystery",
        Some("SOMETIMES"),
        None
    )));
}

#[test]
fn hostile_server_text_is_escaped() {
    let name = "Holly\u{1b}]0;pwned\u{7} Hostile\u{1b}[2J\u{9b}\u{202e}elitsoH";
    let rule = "{\"mention\":[\"\\u001b[31mhostile\u{202e}\"]}";
    let app = loaded("hostile", name, Some("FILTERED"), Some(rule));
    let text = screen(&app);
    assert!(
        text.contains("Holly\\e]0;pwned\\a Hostile\\e[2J\\x9b\\u{202e}"),
        "{text}"
    );
    for cell in draw(&app).backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(chime_prefs::sanitize::is_unsafe),
            "{:?}",
            cell.symbol()
        );
    }
    assert_snapshot!(panes(&app));
}

#[test]
fn every_error_kind_has_its_explanation() {
    for kind in ErrorKind::ALL {
        let now = Instant::now();
        let mut app = app_with_history(100, 60, &["alice"]);
        let fid = fetch_id(&submit(&mut app, "alice", now));
        update(&mut app, done(fid, Err(error(kind))), now);
        app.lookup.focus = Focus::Details;
        let text = screen(&app);
        let entry = chime_prefs::explain::explain(
            chime_prefs::operation::Operation::GetChannelMembershipPreferences,
            kind,
        );
        assert!(
            text.contains(entry.title),
            "{kind:?} lacks its title:\n{text}"
        );
        assert!(
            text.contains("Likely causes") && text.contains("Next steps"),
            "{kind:?}:\n{text}"
        );
        assert_snapshot!(format!("error_{kind:?}"), panes(&app));
    }
}

#[test]
fn invalid_form_shows_what_to_fix() {
    let now = Instant::now();
    let mut app = app(80, 24);
    app.lookup.form.fill(&member("alice"), &channel(), None);
    update(&mut app, key(KeyCode::Enter), now);
    assert_snapshot!(panes(&app));
}

#[test]
fn help_overlay() {
    let mut app = loaded("alice", "Alice Anders", Some("ALL"), None);
    update(&mut app, key(KeyCode::Char('?')), Instant::now());
    assert_snapshot!(screen(&app));
}

#[test]
fn test_panel() {
    let now = Instant::now();
    let mut app = loaded(
        "carol",
        "Carol Chen",
        Some("FILTERED"),
        Some(r#"{"mention":["carol"]}"#),
    );
    app.size = (100, 30);
    update(&mut app, key(KeyCode::Char('t')), now);
    type_text(&mut app, r#"{"mention":["bob","carol"]}"#, now);
    assert_snapshot!(screen(&app));
}

#[test]
fn tiny_terminals_degrade_without_panicking() {
    let app = loaded("alice", "Alice Anders", Some("ALL"), None);
    for (w, h) in [(20, 5), (1, 1), (59, 15), (60, 16), (69, 24), (300, 100)] {
        let mut small = app.clone();
        small.size = (w, h);
        let mut help = small.clone();
        help.help = Some(0);
        let _ = screen(&small);
        let _ = screen(&help);
    }
    let mut tiny = app.clone();
    tiny.size = (20, 5);
    assert_snapshot!(screen(&tiny));
}

fn cell_bg(buffer: &Buffer, needle: &str) -> Option<Color> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(col) = row.find(needle) {
            let x = row[..col].chars().count() as u16;
            return Some(buffer[(x, y)].bg);
        }
    }
    None
}

#[test]
fn states_are_coloured_and_no_color_turns_colour_off() {
    for (allow, color) in [
        ("ALL", Color::Green),
        ("NONE", Color::Red),
        ("FILTERED", Color::Yellow),
    ] {
        let app = loaded("x", "X", Some(allow), None);
        let terminal = draw(&app);
        assert_eq!(
            cell_bg(terminal.backend().buffer(), &format!("  {allow}  ")),
            Some(color),
            "{allow}"
        );
    }
    let mut app = loaded("x", "X", Some("ALL"), None);
    app.options.color = false;
    let terminal = draw(&app);
    for cell in terminal.backend().buffer().content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "NO_COLOR leaves a colour at {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn a_200_kb_rule_renders_only_what_is_visible() {
    let values: Vec<String> = (0..12_000).map(|i| format!("\"value-{i:05}\"")).collect();
    let rule = format!("{{\"mention\":[{}]}}", values.join(","));
    assert!(rule.len() > 150_000);
    let mut app = loaded("big", "Big Rule", Some("FILTERED"), Some(&rule));
    app.size = (120, 40);
    let text = screen(&app);
    assert!(text.contains("\"value-00000\""), "{text}");
    assert!(text.contains("Chime would reject it"), "{text}");
    app.lookup.details_scroll = usize::MAX;
    let text = screen(&app);
    assert!(
        text.contains("\"value-11999\""),
        "the end of the rule is reachable:\n{text}"
    );
}

#[test]
fn channel_view_while_scanning() {
    let now = Instant::now();
    let mut app = app(100, 24);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let id = scan_id(&update(&mut app, key(KeyCode::Char('c')), now));
    let mut events = scan_events(&[
        ("alice", "ALL"),
        ("bob", "NONE"),
        ("carol", "FILTERED"),
        ("mallory", "403"),
        ("erin", "-"),
        ("zed", "ALL"),
    ]);
    // Leave the last member pending and the scan running.
    events.truncate(events.len() - 2);
    for event in events {
        update(&mut app, scan_msg(id, event), now);
    }
    assert_snapshot!(screen(&app));
}
