//! Words on the TUI's screens that issue 8 asked to fix: a count is said
//! with its proper plural ("1 problem", "2 problems"), never "problem(s)".

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::tui::update::update;
use chime_prefs::tui::view;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_fixtures::*;

fn screen(app: &chime_prefs::tui::app::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    terminal
        .draw(|frame| view::render(frame, app))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn invalid_form_counts_are_plural_only_when_plural() {
    let now = Instant::now();
    for (channel_text, member_text, expected) in [
        (channel(), "not an arn".to_string(), "1 problem in the form"),
        (member("alice"), channel(), "2 problems in the form"),
    ] {
        let mut app = app(120, 30);
        app.lookup.form.fill(&channel_text, &member_text, None);
        update(&mut app, key(KeyCode::Enter), now);
        let text = screen(&app);
        assert!(text.contains(expected), "{expected}:\n{text}");
        assert!(!text.contains("problem(s)"), "{text}");
    }
}
