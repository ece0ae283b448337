//! What the TUI says that issue 8 asked to fix: a count with its proper
//! plural ("1 problem", "2 problems"), never "problem(s)"; and a copied AWS
//! CLI command that works when pasted (the ARN's region).

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

/// `y` copies a command that works when pasted: it carries the channel
/// ARN's region unless the user's own AWS configuration picks that region,
/// whatever `--region` was (or was not) given.
#[test]
fn the_copied_command_carries_the_arns_region_when_the_aws_cli_would_not_pick_it() {
    use chime_prefs::tui::msg::Effect;
    use chime_prefs::tui::screens::lookup::Focus;
    let now = Instant::now();
    for (aws_cli_region, expected) in [
        (None, true),
        (Some("us-west-2"), true),
        (Some("us-east-1"), false),
    ] {
        let mut app = app(100, 30);
        app.options.client.region = None;
        app.options.client.aws_cli_region = aws_cli_region.map(str::to_string);
        let id = fetch_id(&submit(&mut app, "alice", now));
        update(
            &mut app,
            done(id, Ok(lookup("alice", "Alice", Some("ALL"), None))),
            now,
        );
        app.lookup.focus = Focus::Details;
        match update(&mut app, key(KeyCode::Char('y')), now).as_slice() {
            [Effect::Copy { text }] => assert_eq!(
                text.contains("--region us-east-1 "),
                expected,
                "{aws_cli_region:?}: {text}"
            ),
            other => panic!("{other:?}"),
        }
    }
}
