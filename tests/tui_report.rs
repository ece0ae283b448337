//! `y` and `s` on the push-path, member and channel screens: `y` copies
//! the screen's report as Markdown through OSC 52 (never a cut copy: a
//! report too long for terminals says its size and points at `s`), `s`
//! asks the runtime to save the Markdown and the JSON under names made of
//! the time, the kind, the channel and the member, and the footer says
//! where they went, at 80x24 and 120x40.

mod tui_fixtures;

use std::path::PathBuf;
use std::time::{Duration, Instant, UNIX_EPOCH};

use chime_prefs::diagnose::{Event, Fact, MembershipFact, PreferencesFact};
use chime_prefs::member::MemberEvent;
use chime_prefs::model::AllowNotifications;
use chime_prefs::report::Report;
use chime_prefs::tui::app::{App, WallClock};
use chime_prefs::tui::clipboard::MAX_PAYLOAD;
use chime_prefs::tui::job::{Job, JobEvent, JobId};
use chime_prefs::tui::msg::{Effect, Msg, SaveReport, SavedFiles};
use chime_prefs::tui::screens::lookup::Focus;
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use tui_fixtures::*;

/// 2025-11-25T19:00:00Z.
fn at_seven(app: &mut App, now: Instant) {
    app.clock = WallClock {
        at: now,
        wall: UNIX_EPOCH + Duration::from_secs(1_764_097_200),
    };
}

fn job_id(effects: &[Effect]) -> JobId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Start { id, .. } => Some(*id),
            _ => None,
        })
        .expect("a job")
}

/// The push path of bob on support: membership and preferences answered.
fn push_path(app: &mut App, now: Instant) -> JobId {
    app.lookup.form.fill(&channel(), &member("bob"), None);
    app.lookup.focus = Focus::Details;
    let effects = update(app, key(KeyCode::Char('p')), now);
    let id = effects
        .iter()
        .find_map(|e| match e {
            Effect::Start {
                id,
                job: Job::Diagnose { .. },
            } => Some(*id),
            _ => None,
        })
        .expect("a diagnose job");
    for e in [
        Event::Membership(Fact::known(
            Some(MembershipFact {
                kind: Some(chime_prefs::model::MembershipType::Default),
                invited_by: None,
                created: None,
                member_name: None,
            }),
            Some("req-membership".into()),
        )),
        Event::Preferences(Fact::known(
            PreferencesFact {
                allow: Some(AllowNotifications::None),
                filter_rule: None,
                member_name: Some("Bob".into()),
            },
            Some("req-prefs".into()),
        )),
    ] {
        update(
            app,
            Msg::Job {
                id,
                event: JobEvent::Diagnose(Box::new(e)),
            },
            now,
        );
    }
    id
}

/// The channel view of support, with `ids` read.
fn channel_view(app: &mut App, ids: &[(&str, &str)], now: Instant) {
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let id = scan_id(&update(app, key(KeyCode::Char('c')), now));
    for event in scan_events(ids) {
        update(app, scan_msg(id, event), now);
    }
}

fn markdown_of(app: &App, report: &Report) -> String {
    report.to_markdown(&report.subject.context(&app.options.client))
}

fn copied(effects: &[Effect]) -> Option<&str> {
    effects.iter().find_map(|e| match e {
        Effect::Copy { text } => Some(text.as_str()),
        _ => None,
    })
}

fn saved(effects: &[Effect]) -> Option<&SaveReport> {
    effects.iter().find_map(|e| match e {
        Effect::Save(report) => Some(report.as_ref()),
        _ => None,
    })
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn y_on_the_push_path_copies_its_report_as_markdown() {
    let now = Instant::now();
    let mut app = app(100, 30);
    push_path(&mut app, now);
    let report = app
        .push_path()
        .and_then(|s| s.report(&app.options.client))
        .expect("a report");
    let effects = update(&mut app, key(KeyCode::Char('y')), now);
    let text = copied(&effects).expect("a copy");
    assert_eq!(text, markdown_of(&app, &report));
    for said in ["user/bob", "support", "req-prefs"] {
        assert!(text.contains(said), "{said}: {text}");
    }
    assert!(toast(&app).contains("copied the report"), "{}", toast(&app));
}

#[test]
fn s_on_the_push_path_saves_markdown_and_json_named_by_time_channel_and_member() {
    let now = Instant::now();
    let mut app = app(100, 30);
    at_seven(&mut app, now);
    push_path(&mut app, now);
    let effects = update(&mut app, key(KeyCode::Char('s')), now);
    let save = saved(&effects).expect("a save");
    assert_eq!(save.stem, "20251125T190000Z_diagnose_support_bob");
    let copy = update(&mut app, key(KeyCode::Char('y')), now);
    assert_eq!(
        Some(save.markdown.as_str()),
        copied(&copy),
        "y and s say the same"
    );
    let json: serde_json::Value = serde_json::from_str(&save.json).expect("JSON");
    let subject = &json["Report"];
    assert_eq!(subject["Format"], "chime-prefs/1");
    assert_eq!(subject["Kind"], "diagnose");
    assert_eq!(subject["CapturedAt"], "2025-11-25T19:00:00Z");
    assert_eq!(subject["ChannelArn"], channel());
    assert_eq!(subject["MemberArn"], member("bob"));
    assert_eq!(subject["Region"], "us-east-1");
    assert_eq!(subject["Profile"], "support");
    let back = chime_prefs::report::Subject::from_document(&json).expect("the subject reads back");
    assert_eq!(back.member_name.as_deref(), Some("Bob"));
}

#[test]
fn the_channel_view_copies_and_saves_its_scan() {
    let now = Instant::now();
    let mut app = app(100, 30);
    at_seven(&mut app, now);
    channel_view(
        &mut app,
        &[("alice", "ALL"), ("bob", "NONE"), ("mallory", "403")],
        now,
    );
    let text = copied(&update(&mut app, key(KeyCode::Char('y')), now))
        .expect("a copy")
        .to_string();
    assert!(text.contains("Name mallory"), "{text}");
    let effects = update(&mut app, key(KeyCode::Char('s')), now);
    let save = saved(&effects).expect("a save");
    assert_eq!(save.stem, "20251125T190000Z_scan_support");
    assert_eq!(save.markdown, text);
    let json: serde_json::Value = serde_json::from_str(&save.json).expect("JSON");
    assert_eq!(json["Report"]["Kind"], "scan");
    assert_eq!(json["Report"]["BearerArn"], member("alice"));
}

#[test]
fn the_member_screen_saves_its_picture() {
    let now = Instant::now();
    let mut app = app(100, 30);
    at_seven(&mut app, now);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let id = job_id(&update(&mut app, key(KeyCode::Char('u')), now));
    for e in [
        MemberEvent::Listed { channels: vec![] },
        MemberEvent::ListingComplete { total: 0 },
        MemberEvent::Done,
    ] {
        update(
            &mut app,
            Msg::Job {
                id,
                event: JobEvent::Member(Box::new(e)),
            },
            now,
        );
    }
    let effects = update(&mut app, key(KeyCode::Char('s')), now);
    let save = saved(&effects).expect("a save");
    assert_eq!(save.stem, "20251125T190000Z_member_alice");
    let json: serde_json::Value = serde_json::from_str(&save.json).expect("JSON");
    assert_eq!(json["Report"]["Kind"], "member");
    assert_eq!(json["Report"]["MemberArn"], member("alice"));
}

#[test]
fn the_report_is_captured_when_the_run_ends() {
    let start = Instant::now();
    let mut app = app(100, 30);
    at_seven(&mut app, start);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    let id = scan_id(&update(&mut app, key(KeyCode::Char('c')), start));
    let later = start + Duration::from_secs(90);
    for event in scan_events(&[("alice", "ALL")]) {
        update(&mut app, scan_msg(id, event), later);
    }
    let effects = update(&mut app, key(KeyCode::Char('s')), later);
    assert_eq!(
        saved(&effects).map(|s| s.stem.as_str()),
        Some("20251125T190130Z_scan_support")
    );
}

#[test]
fn nothing_is_copied_before_anything_was_read() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.form.fill(&channel(), &member("alice"), None);
    app.lookup.focus = Focus::Details;
    update(&mut app, key(KeyCode::Char('c')), now);
    for k in ['y', 's'] {
        let effects = update(&mut app, key(KeyCode::Char(k)), now);
        assert!(
            copied(&effects).is_none() && saved(&effects).is_none(),
            "{k}"
        );
        assert!(toast(&app).contains("no report yet"), "{}", toast(&app));
    }
}

#[test]
fn a_report_too_long_for_osc_52_is_not_copied_and_s_is_named() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let ids: Vec<String> = (0..3000)
        .map(|n| format!("member-with-a-long-id-{n:05}"))
        .collect();
    let rows: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), "NONE")).collect();
    channel_view(&mut app, &rows, now);
    let effects = update(&mut app, key(KeyCode::Char('y')), now);
    assert!(copied(&effects).is_none(), "no cut copy");
    let said = toast(&app);
    assert!(said.contains("not copied"), "{said}");
    assert!(
        said.contains(&chime_prefs::tui::widgets::filter_input::count(MAX_PAYLOAD)),
        "{said}"
    );
    assert!(said.contains("s saves it"), "{said}");
    // s still saves it whole.
    let effects = update(&mut app, key(KeyCode::Char('s')), now);
    let save = saved(&effects).expect("a save");
    assert!(save.markdown.contains("member-with-a-long-id-02999"));
}

fn saved_files() -> SavedFiles {
    let dir = PathBuf::from("/home/alice/.local/share/chime-prefs/reports");
    SavedFiles {
        markdown: dir.join("20251125T190000Z_diagnose_support_bob.md"),
        json: dir.join("20251125T190000Z_diagnose_support_bob.json"),
        dir_shown: "~/.local/share/chime-prefs/reports".into(),
    }
}

#[test]
fn the_footer_says_where_the_report_was_saved() {
    let now = Instant::now();
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app(width, height);
        push_path(&mut app, now);
        update(&mut app, key(KeyCode::Char('s')), now);
        update(&mut app, Msg::Saved(Ok(saved_files())), now);
        let footer = rows(&app).pop().unwrap_or_default();
        assert!(
            footer.contains("~/.local/share/chime-prefs/reports"),
            "{width}x{height}: {footer}"
        );
        if width >= 120 {
            assert!(
                footer.contains("20251125T190000Z_diagnose_support_bob.md and .json"),
                "{footer}"
            );
        }
    }
}

#[test]
fn the_footer_says_why_a_report_was_not_saved() {
    let now = Instant::now();
    let mut app = app(120, 40);
    push_path(&mut app, now);
    let why = "could not save the report: /ro/chime-prefs/reports is on a read-only file system (Read-only file system (os error 30))";
    update(&mut app, Msg::Saved(Err(why.into())), now);
    assert_eq!(toast(&app), why);
    let footer = rows(&app).pop().unwrap_or_default();
    assert!(footer.contains("read-only file system"), "{footer}");
}
