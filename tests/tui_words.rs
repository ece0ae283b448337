//! What the TUI says that issue 8 asked to fix: a count with its proper
//! plural ("1 problem", "2 problems"), never "problem(s)"; and a copied AWS
//! CLI command that works when pasted (the ARN's region). And issue 14's
//! wording list: "1 channels", a quote inside quotes, the rule's parse
//! error said twice, the test panel's example naming another member, and
//! "stopped" when nothing stopped.

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

// ---- issue 14 §7: the wording list ------------------------------------------

use chime_prefs::error::ErrorKind;
use chime_prefs::operation::Operation;
use chime_prefs::scan::ScanEvent;

fn text_of(app: &chime_prefs::tui::app::App) -> String {
    rows(app).join("\n")
}

#[test]
fn one_member_read_is_one_member_not_1_members() {
    let now = Instant::now();
    let mut app = app(100, 30);
    channel_view(&mut app, "alice", scan_events(&[("alice", "ALL")]), now);
    let text = text_of(&app);
    assert!(text.contains("1 member read in"), "{text}");
    assert!(!text.contains("1 members"), "{text}");
}

/// The listing failed part way: the title says so, and not "stopped"
/// (nobody stopped anything).
#[test]
fn a_listing_that_failed_is_not_said_to_have_stopped() {
    let now = Instant::now();
    let mut app = app(120, 30);
    let mut events = scan_events(&[("alice", "ALL")]);
    events.retain(|e| !matches!(e, ScanEvent::ListingComplete { .. } | ScanEvent::Done));
    let mut err =
        chime_prefs::error::CallError::new(Operation::ListChannelMemberships, ErrorKind::Forbidden);
    err.http_status = Some(403);
    err.code = Some("ForbiddenException".into());
    events.extend([ScanEvent::ListingFailed(err), ScanEvent::Done]);
    channel_view(&mut app, "alice", events, now);
    let title = rows(&app)
        .into_iter()
        .find(|r| r.contains("┌ Channel "))
        .unwrap_or_default();
    assert!(title.contains("listing failed (403"), "{title}");
    assert!(title.contains("1 of 1 listed read"), "{title}");
    assert!(!title.contains("stopped"), "{title}");
    // x, when the scan really runs, still says it stopped.
    let mut app = tui_fixtures::app(120, 30);
    channel_view(&mut app, "alice", Vec::new(), now);
    update(&mut app, key(KeyCode::Char('x')), now);
    assert!(text_of(&app).contains("stopped before any member was listed"));
}

/// A curly quote around a pasted ARN is named in words: "looks like a
/// double quote", never `looks like """`.
#[test]
fn a_lookalike_quote_is_named_not_shown_inside_quotes() {
    let now = Instant::now();
    let mut app = app(120, 30);
    app.lookup.form.fill(
        &channel(),
        &format!("\u{201c}{}\u{201d}", member("alice")),
        None,
    );
    update(&mut app, key(KeyCode::Enter), now);
    let text = text_of(&app);
    assert!(text.contains("looks like a double quote"), "{text}");
    assert!(!text.contains("\"\"\""), "{text}");
}

#[test]
fn the_rules_parse_error_is_said_once() {
    let now = Instant::now();
    let mut app = app(120, 40);
    let rule = "{\"mention\": [\"frank\"";
    load(
        &mut app,
        "frank",
        "Frank",
        Some("FILTERED"),
        Some(rule),
        now,
    );
    let text = text_of(&app).to_lowercase();
    assert_eq!(text.matches("not valid json").count(), 1, "{text}");
    assert!(text.contains("the raw text follows"), "{text}");
}

/// The test panel's example is an attribute of the rule being tested: on
/// dave's rule it names dave, never carol.
#[test]
fn the_test_panels_example_names_the_rules_attribute_not_another_member() {
    let now = Instant::now();
    let mut app = app(120, 40);
    let rule = r#"{"$or":[{"mention":["dave"]},{"type":[{"anything-but":["Room"]}]}]}"#;
    load(&mut app, "dave", "Dave", Some("FILTERED"), Some(rule), now);
    app.lookup.focus = chime_prefs::tui::screens::lookup::Focus::Details;
    update(&mut app, key(KeyCode::Char('t')), now);
    let text = text_of(&app);
    assert!(text.contains(r#"{"mention":["dave"]}"#), "{text}");
    assert!(!text.contains("carol"), "{text}");
}
