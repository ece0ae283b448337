//! Single widgets and panes of the TUI, checked cell by cell in ratatui's
//! Buffer: at 80x24 (the default terminal) the FilterRule sits beside the
//! state, the footer keeps the keys that matter, ARNs keep their resource
//! id, counts are never cut, the selected row is readable, and the channel
//! view says what failed when the listing fails. No snapshot here repeats
//! the footer.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::error::ErrorKind;
use chime_prefs::model::Member;
use chime_prefs::operation::Operation;
use chime_prefs::scan::ScanEvent;
use chime_prefs::tui::app::App;
use chime_prefs::tui::screens::lookup::{Focus, layout};
use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use tui_fixtures::*;

const CAROL_RULE: &str = r#"{"mention":["carol"]}"#;
const DAVE_RULE: &str = r#"{"$or":[{"mention":["dave"]},{"type":[{"anything-but":["Room"]}]}]}"#;

fn loaded(size: (u16, u16), id: &str, name: &str, allow: Option<&str>, rule: Option<&str>) -> App {
    let now = Instant::now();
    let mut app = app_with_history(size.0, size.1, &["alice", "bob", "carol"]);
    load(&mut app, id, name, allow, rule, now);
    app.lookup.focus = Focus::Details;
    app
}

/// Every row of the right column (right of History), inside its borders.
fn result_column(app: &App) -> Vec<String> {
    let start = usize::from(layout::history_width(app.size.0)) + 1;
    let width = usize::from(app.size.0) - start - 1;
    rows(app)
        .iter()
        .map(|r| r.chars().skip(start).take(width).collect())
        .collect()
}

/// The rows inside the result pane (rows 7 to 12).
fn result_rows(app: &App) -> Vec<String> {
    result_column(app)[7..13].to_vec()
}

#[test]
fn at_80x24_a_filtered_rule_is_on_screen_beside_the_state() {
    for (id, rule) in [("carol", CAROL_RULE), ("dave", DAVE_RULE)] {
        let app = loaded((80, 24), id, "X", Some("FILTERED"), Some(rule));
        let result = result_rows(&app);
        assert!(result[1].contains("FILTERED"), "{result:#?}");
        // The rule is in the meaning column beside the badge, whole.
        let beside: String = result[..3]
            .iter()
            .map(|r| {
                r.chars()
                    .skip(14)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect();
        assert!(beside.contains(rule), "{id}: {beside:?}\n{result:#?}");
    }
}

#[test]
fn a_rule_too_long_to_sit_beside_the_state_says_it_goes_on() {
    let values: Vec<String> = (0..30).map(|i| format!("\"value-{i:02}\"")).collect();
    let rule = format!("{{\"mention\":[{}]}}", values.join(","));
    let app = loaded((80, 24), "big", "Big", Some("FILTERED"), Some(&rule));
    let result = result_rows(&app);
    assert!(result[2].trim_end().ends_with('…'), "{result:#?}");
    assert!(
        result[1].contains("{\"mention\":[\"value-00\""),
        "{result:#?}"
    );
}

#[test]
fn at_80x24_the_footer_keeps_t_c_p_u_y_and_e() {
    let app = loaded((80, 24), "dave", "Dave", Some("FILTERED"), Some(DAVE_RULE));
    let rows = rows(&app);
    let footer = rows.last().expect("a footer");
    for key in [
        "t test",
        "c channel",
        "p push path",
        "u member",
        "y copy",
        "e edit",
        "? help",
        "q quit",
    ] {
        assert!(footer.contains(key), "{key:?} missing from {footer:?}");
    }
    // Without a rule to test, too.
    let app = loaded((80, 24), "alice", "Alice", Some("ALL"), None);
    let rows = tui_fixtures::rows(&app);
    let footer = rows.last().expect("a footer");
    for key in ["c channel", "p push path", "u member", "y copy", "e edit"] {
        assert!(footer.contains(key), "{key:?} missing from {footer:?}");
    }
}

#[test]
fn the_test_panels_reasons_are_all_reachable_at_80x24() {
    let now = Instant::now();
    let mut app = loaded((80, 24), "dave", "Dave", Some("FILTERED"), Some(DAVE_RULE));
    press(&mut app, KeyCode::Char('t'), now);
    type_text(&mut app, r#"{"type":"Room"}"#, now);
    let verdict = match app.lookup.test_panel.as_ref().map(|p| p.result.clone()) {
        Some(Some(Ok(verdict))) => verdict,
        other => panic!("{other:?}"),
    };
    // The panel's text, scroll by scroll, without the borders around it.
    let panel = |app: &App| -> String {
        result_column(app)
            .iter()
            .skip(13)
            .map(|r| r.trim_end().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut seen = panel(&app);
    for _ in 0..20 {
        press(&mut app, KeyCode::Down, now);
        seen.push(' ');
        seen.push_str(&panel(&app));
    }
    let seen = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(seen.contains("would NOT be pushed"), "{seen}");
    for reason in verdict.reasons.iter().filter(|r| !r.starts_with('→')) {
        let words = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(seen.contains(&words), "{reason:?} never shown:\n{seen}");
    }
}

#[test]
fn arns_are_shortened_in_the_middle_keeping_the_resource_id() {
    for size in [(80, 24), (120, 40)] {
        let app = loaded(size, "dave", "Dave Diaz", Some("ALL"), None);
        let rows = rows(&app);
        let form_member = &rows[3];
        assert!(form_member.contains("/user/dave "), "{form_member}");
        let result = result_rows(&app).join("\n");
        assert!(result.contains("/user/dave"), "{size:?}: {result}");
        assert!(result.contains("/channel/support"), "{size:?}: {result}");
        if size.0 == 80 {
            assert!(result.contains("…/user/dave"), "{result}");
        }
    }
}

#[test]
fn the_channel_view_shortens_a_foreign_member_keeping_its_id() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let foreign = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/zed";
    let events = vec![
        ScanEvent::Listed {
            members: vec![Member {
                arn: Some(foreign.into()),
                name: Some("Zed".into()),
            }],
        },
        ScanEvent::ListingComplete { total: 1 },
        ScanEvent::Done,
    ];
    channel_view(&mut app, "alice", events, now);
    let text = rows(&app).join("\n");
    assert!(text.contains("…/user/zed"), "{text}");
}

#[test]
fn counts_wrap_and_are_never_cut() {
    let now = Instant::now();
    let mut app = app(80, 24);
    let ids: Vec<String> = (0..1500).map(|i| format!("m{i:04}")).collect();
    let states = ["ALL", "NONE", "FILTERED", "-", "403"];
    let pairs: Vec<(&str, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), states[i % states.len()]))
        .collect();
    channel_view(&mut app, "alice", scan_events(&pairs), now);
    let text = rows(&app).join("\n");
    for count in [
        "0 everyone 1500",
        "1 ALL 300",
        "2 NONE 300",
        "3 FILTERED 300",
        "4 NOT SET 300",
        "5 errors 300",
        "sort: listing order",
    ] {
        assert!(text.contains(count), "{count:?} cut:\n{text}");
    }
}

#[test]
fn the_selected_history_row_is_readable_and_keeps_its_note() {
    let now = Instant::now();
    for (color, width) in [(true, 80), (true, 120), (false, 80)] {
        let mut app = app_with_history(width, 24, &["alice", "bob"]);
        app.options.color = color;
        press(&mut app, KeyCode::Char('j'), now);
        let id = fetch_id(&press(&mut app, KeyCode::Enter, now));
        chime_prefs::tui::update::update(
            &mut app,
            done(id, Ok(lookup("bob", "Bob", Some("NONE"), None))),
            now,
        );
        assert_eq!(app.lookup.focus, Focus::History);
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let rows = buffer_rows(buffer);
        let y = rows
            .iter()
            .position(|r| r.contains("● bob"))
            .expect("bob's row") as u16;
        let note = if width > 80 {
            "NONE · note for bob"
        } else {
            "NONE · note"
        };
        assert!(rows[y as usize].contains(note), "{}", rows[y as usize]);
        let history_width = layout::history_width(width);
        for x in 1..history_width - 1 {
            let cell = &buffer[(x, y)];
            if color {
                assert_ne!(cell.fg, cell.bg, "grey on grey at {x}: {cell:?}");
                assert_ne!(cell.fg, Color::DarkGray, "dim text on the selection at {x}");
            } else {
                assert!(cell.modifier.contains(Modifier::REVERSED), "{x}: {cell:?}");
            }
        }
    }
}

#[test]
fn the_header_shows_the_region_of_the_channel_arn() {
    let mut app = loaded((100, 30), "alice", "Alice", Some("ALL"), None);
    // The profile names us-west-2, for other work; real AWS, no endpoint URL.
    app.options.client.region = None;
    app.options.client.aws_cli_region = Some("us-west-2".into());
    app.options.client.configured_region = Some(chime_prefs::aws::ConfiguredRegion {
        name: "us-west-2".into(),
        source: chime_prefs::aws::RegionSource::Profile("support".into()),
    });
    app.options.client.endpoint_urls = Default::default();
    app.options.client.endpoint = "https://messaging-chime.us-west-2.amazonaws.com".into();
    let header = rows(&app).remove(0);
    assert!(header.contains("region us-east-1"), "{header}");
    assert!(header.contains("messaging-chime.us-east-1"), "{header}");
    assert!(!header.contains("us-west-2"), "{header}");
}

fn listing_failed() -> Vec<ScanEvent> {
    let mut err =
        chime_prefs::error::CallError::new(Operation::ListChannelMemberships, ErrorKind::Forbidden);
    err.http_status = Some(403);
    err.code = Some("ForbiddenException".into());
    err.message = Some("Forbidden: only members may list.".into());
    err.request_id = Some("77777777-8888-4777-8666-555555555555".into());
    vec![ScanEvent::ListingFailed(err), ScanEvent::Done]
}

#[test]
fn a_failed_listing_says_which_call_failed_and_who_may_list() {
    let now = Instant::now();
    for size in [(80, 24), (120, 40)] {
        let mut app = app(size.0, size.1);
        channel_view(&mut app, "mallory", listing_failed(), now);
        let text = rows(&app).join("\n");
        for fact in [
            "ListChannelMemberships failed",
            "chime:ListChannelMemberships",
            "Who may list",
            "channel members, channel moderators and AppInstanceAdmins",
            "user/mallory",
            "77777777-8888-4777-8666-555555555555",
        ] {
            assert!(text.contains(fact), "{fact:?} missing at {size:?}:\n{text}");
        }
        for wrong in ["0 of 0", "No member is", "(partial)"] {
            assert!(!text.contains(wrong), "{wrong:?} at {size:?}:\n{text}");
        }
    }
}

#[test]
fn a_listing_that_fails_after_some_members_names_the_call_and_keeps_them() {
    let now = Instant::now();
    let mut app = app(100, 24);
    let mut events = scan_events(&[("alice", "ALL")]);
    events.retain(|e| !matches!(e, ScanEvent::ListingComplete { .. } | ScanEvent::Done));
    events.extend(listing_failed());
    channel_view(&mut app, "alice", events, now);
    let text = rows(&app).join("\n");
    assert!(
        text.contains("ListChannelMemberships failed (403"),
        "{text}"
    );
    assert!(text.contains("user/alice"), "{text}");
}

#[test]
fn without_colour_every_screen_stays_legible() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.options.color = false;
    channel_view(
        &mut app,
        "alice",
        scan_events(&[("alice", "ALL"), ("bob", "NONE"), ("mallory", "403")]),
        now,
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let rows = buffer_rows(buffer);
    let y = rows
        .iter()
        .position(|r| r.contains("Name alice"))
        .expect("row") as u16;
    assert!(
        buffer[(2, y)].modifier.contains(Modifier::REVERSED),
        "the selection shows"
    );
    let y = rows
        .iter()
        .position(|r| r.contains("1 ALL 1"))
        .expect("counts") as u16;
    let row = &rows[y as usize];
    let x = row[..row.find("everyone").expect("everyone")]
        .chars()
        .count() as u16;
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "the chosen filter shows"
    );
}

#[test]
fn a_terminal_too_small_says_how_to_leave() {
    let mut app = loaded((80, 24), "alice", "Alice", Some("ALL"), None);
    app.size = (40, 10);
    let text = rows(&app).join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("chime-prefs: ALL"), "{text}");
    assert!(text.contains("q or Ctrl-C quits"), "{text}");
}

#[test]
fn an_invisible_character_in_a_field_is_shown_not_hidden() {
    let mut app = app(100, 30);
    app.lookup
        .form
        .fill(&channel(), &member("ali\u{200b}ce"), None);
    let text = rows(&app).join("\n");
    assert!(text.contains("\\u{200b}"), "{text}");
    assert!(text.contains("U+200B"), "{text}");
}
