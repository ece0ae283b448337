//! Frame render time of the TUI holding a 200 KB FilterRule: the whole
//! screen drawn into ratatui's TestBackend (what `terminal.draw` does before
//! writing the diff), at every scroll position through the rule. Also the
//! first frame of a lookup (which includes highlighting the rule) and the
//! channel view with 10,000 members.
//!
//! Run: `cargo bench --bench tui_render`.

use std::time::{Duration, Instant, UNIX_EPOCH};

use chime_prefs::aws::ClientInfo;
use chime_prefs::model::{
    AllowNotifications, CallMeta, FilterRuleText, Lookup, Member, MembershipPreferences,
    Preferences, PushNotifications,
};
use chime_prefs::scan::{MemberOutcome, ScanEvent};
use chime_prefs::tui::app::{App, UiOptions};
use chime_prefs::tui::job::{Job, JobEvent};
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Focus, FormField, docs, layout};
use chime_prefs::tui::update::update;
use chime_prefs::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const APP: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo";

fn options() -> UiOptions {
    UiOptions {
        client: ClientInfo {
            profile: None,
            region: Some("us-east-1".into()),
            endpoint: "http://127.0.0.1:1".into(),
            ..ClientInfo::default()
        },
        watch_interval: Duration::from_secs(5),
        color: true,
        demo: false,
        scan_concurrency: 8,
        max_attempts: 3,
        admin_arn: None,
        history: chime_prefs::history::Mode::Off,
    }
}

fn lookup(member: &str, allow: &str, rule: Option<&str>) -> Lookup {
    Lookup {
        response: MembershipPreferences {
            channel_arn: Some(format!("{APP}/channel/support")),
            member: Some(Member {
                arn: Some(member.into()),
                name: Some("Big Rule".into()),
            }),
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: Some(AllowNotifications::from_wire(allow)),
                    filter_rule: rule.map(FilterRuleText::new),
                }),
            }),
        },
        meta: CallMeta {
            request_id: Some("r".into()),
            latency: Duration::from_millis(1),
            attempts: 1,
            fetched_at: UNIX_EPOCH,
        },
    }
}

/// A ~200 KB rule: an `$or` of objects with long value lists.
fn big_rule() -> String {
    let mut branches = Vec::new();
    let mut n = 0;
    while branches.iter().map(String::len).sum::<usize>() < 200_000 {
        let values: Vec<String> = (0..40)
            .map(|i| format!("\"member-{n:05}-{i:02}-abcdefghij\""))
            .collect();
        branches.push(format!(
            "{{\"mention\":[{}],\"type\":[{{\"anything-but\":[\"Room\"]}}]}}",
            values.join(",")
        ));
        n += 1;
    }
    format!("{{\"$or\":[{}]}}", branches.join(","))
}

/// Loads the rule through the update function, as a fetch result would.
fn loaded_app(rule: &str, size: (u16, u16)) -> (App, Duration) {
    let now = Instant::now();
    let mut app = App::new(options(), Vec::new(), size);
    let member = format!("{APP}/user/big");
    app.lookup
        .form
        .fill(&format!("{APP}/channel/support"), &member, None);
    app.lookup.focus = Focus::Field(FormField::Member);
    let effects = update(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Enter,
        )),
        now,
    );
    let id = match effects.as_slice() {
        [
            Effect::Start {
                id,
                job: Job::Lookup { .. },
            },
        ] => *id,
        other => panic!("expected a fetch, got {other:?}"),
    };
    let start = Instant::now();
    update(
        &mut app,
        Msg::Job {
            id,
            event: JobEvent::Lookup(Box::new(Ok(lookup(&member, "FILTERED", Some(rule))))),
        },
        now,
    );
    let took = start.elapsed();
    app.lookup.focus = Focus::Details;
    (app, took)
}

fn stats(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "{} frames: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len(),
        pick(0.5).as_secs_f64() * 1e3,
        pick(0.99).as_secs_f64() * 1e3,
        pick(1.0).as_secs_f64() * 1e3
    )
}

fn frames(app: &mut App, steps: usize, step: usize) -> Vec<Duration> {
    let (w, h) = app.size;
    let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    let mut samples = Vec::with_capacity(steps);
    for i in 0..steps {
        app.lookup.details_scroll = i * step;
        let start = Instant::now();
        if let Err(e) = terminal.draw(|f| view::render(f, app)) {
            panic!("draw: {e}");
        }
        samples.push(start.elapsed());
    }
    samples
}

fn main() {
    let rule = big_rule();
    println!("rule: {} bytes", rule.len());
    for size in [(80u16, 24u16), (200, 60)] {
        let (mut app, took) = loaded_app(&rule, size);
        let details = layout::areas(app.chrome().body, &app.lookup).details;
        let lines = docs::details_line_count(
            &app.lookup,
            &app.options,
            usize::from(details.width.saturating_sub(2)),
        );
        println!(
            "{}x{}: result applied (pretty-print, highlight, lint) in {:.2} ms; {lines} lines",
            size.0,
            size.1,
            took.as_secs_f64() * 1e3
        );
        let step = (lines / 400).max(1);
        println!(
            "  scrolling through the rule: {}",
            stats(frames(&mut app, 400, step))
        );
    }
    // The same size of text that is not JSON (shown raw).
    let raw = format!("{}!", &rule[..rule.len() - 1]);
    let (mut app, took) = loaded_app(&raw, (200, 60));
    println!(
        "200x60, 200 KB rule that is not JSON: applied in {:.2} ms",
        took.as_secs_f64() * 1e3
    );
    println!("  {}", stats(frames(&mut app, 200, 1)));

    // The channel view with 10,000 members, sorted by state.
    let now = Instant::now();
    let mut app = App::new(options(), Vec::new(), (200, 60));
    app.lookup.form.fill(
        &format!("{APP}/channel/town-hall"),
        &format!("{APP}/user/admin"),
        None,
    );
    app.lookup.focus = Focus::Details;
    let effects = update(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('c'),
        )),
        now,
    );
    let id = match effects.as_slice() {
        [
            Effect::Start {
                id,
                job: Job::ChannelScan { .. },
            },
        ] => *id,
        other => panic!("expected a scan, got {other:?}"),
    };
    let members: Vec<Member> = (0..10_000)
        .map(|i| Member {
            arn: Some(format!("{APP}/user/th-{i:05}")),
            name: Some(format!("Town Hall Member {i:05}")),
        })
        .collect();
    update(
        &mut app,
        Msg::Job {
            id,
            event: JobEvent::Scan(Box::new(ScanEvent::Listed { members })),
        },
        now,
    );
    let states = ["ALL", "NONE", "FILTERED", "ALL"];
    for i in 0..10_000 {
        let outcome = MemberOutcome::Read(Box::new(lookup(
            &format!("{APP}/user/th-{i:05}"),
            states[i % 4],
            None,
        )));
        update(
            &mut app,
            Msg::Job {
                id,
                event: JobEvent::Scan(Box::new(ScanEvent::Finished { index: i, outcome })),
            },
            now,
        );
    }
    update(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('s'),
        )),
        now,
    );
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    let mut samples = Vec::new();
    for _ in 0..100 {
        let start = Instant::now();
        if let Err(e) = terminal.draw(|f| view::render(f, &app)) {
            panic!("draw: {e}");
        }
        samples.push(start.elapsed());
        update(
            &mut app,
            Msg::Key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::PageDown,
            )),
            now,
        );
    }
    println!(
        "channel view, 10,000 members sorted by state, 200x60: {}",
        stats(samples)
    );

    // The `/` filter over the same 10,000 rows: each keystroke (the
    // update, which refilters and keeps the selection) and then its frame.
    let key = |c: crossterm::event::KeyCode| Msg::Key(crossterm::event::KeyEvent::from(c));
    update(&mut app, key(crossterm::event::KeyCode::Char('/')), now);
    let mut keystrokes = Vec::new();
    let mut drawn = Vec::new();
    for _ in 0..20 {
        for c in "member 0123".chars() {
            let start = Instant::now();
            update(&mut app, key(crossterm::event::KeyCode::Char(c)), now);
            keystrokes.push(start.elapsed());
            let start = Instant::now();
            if let Err(e) = terminal.draw(|f| view::render(f, &app)) {
                panic!("draw: {e}");
            }
            drawn.push(start.elapsed());
        }
        update(&mut app, ctrl_u(), now);
    }
    println!("  / filter, per keystroke (update): {}", stats(keystrokes));
    println!("  / filter, the frame after it: {}", stats(drawn));
}

fn ctrl_u() -> Msg {
    Msg::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('u'),
        crossterm::event::KeyModifiers::CONTROL,
    ))
}
