//! The TUI opens the connection to the channel's region ahead of the first
//! lookup: once the channel ARN in the form is valid, once per region, not
//! per keystroke.

mod tui_fixtures;

use std::time::Instant;

use chime_prefs::tui::job::Job;
use chime_prefs::tui::msg::{Effect, Msg};
use chime_prefs::tui::screens::lookup::{Focus, FormField};
use chime_prefs::tui::update::update;
use crossterm::event::KeyCode;
use tui_fixtures::*;

fn warm_ups(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Start {
                job: Job::WarmUp { region },
                ..
            } => Some(region.clone()),
            _ => None,
        })
        .collect()
}

/// Type `text` into the focused field; every effect of every keystroke.
fn typed(app: &mut chime_prefs::tui::app::App, text: &str, now: Instant) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(app, key(KeyCode::Char(c)), now))
        .collect()
}

#[test]
fn the_connection_is_opened_once_per_valid_region() {
    let now = Instant::now();
    let mut app = app(100, 30);
    app.lookup.focus = Focus::Field(FormField::Channel);
    let channel = channel();
    let prefix = channel.trim_end_matches("support");
    // Nothing while the ARN is incomplete.
    assert_eq!(
        warm_ups(&typed(&mut app, prefix, now)),
        Vec::<String>::new()
    );
    // The keystroke that makes it valid opens the connection...
    assert_eq!(warm_ups(&typed(&mut app, "s", now)), ["us-east-1"]);
    // ...and later ones do not, in this field or another.
    assert!(warm_ups(&typed(&mut app, "upport", now)).is_empty());
    update(&mut app, key(KeyCode::Backspace), now);
    app.lookup.focus = Focus::Field(FormField::Member);
    assert!(warm_ups(&typed(&mut app, &member("user/alice"), now)).is_empty());

    // Another region is warmed once too.
    let frankfurt = channel.replace("us-east-1", "eu-central-1");
    app.lookup
        .form
        .fill(&frankfurt, &member("user/alice"), None);
    assert_eq!(
        warm_ups(&update(&mut app, Msg::Resize(100, 30), now)),
        ["eu-central-1"]
    );
    assert!(warm_ups(&update(&mut app, Msg::Resize(100, 30), now)).is_empty());
}

#[test]
fn a_lookup_started_at_once_opens_its_own_connection() {
    let now = Instant::now();
    let mut app = app(100, 30);
    let effects = submit(&mut app, "alice", now);
    assert!(warm_ups(&effects).is_empty(), "{effects:?}");
    fetch_id(&effects);
    // The region counts as warm: no warm-up follows.
    assert!(warm_ups(&update(&mut app, Msg::Resize(100, 30), now)).is_empty());
}
