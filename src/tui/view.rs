//! Rendering: a pure function of the state. Nothing here changes the state
//! or does I/O; the tests draw it into ratatui's TestBackend.
//!
//! Every screen is framed the same way: the header, the lookup form, the
//! screen itself, the footer; the help overlay goes over all of it.

use ratatui::Frame;

use super::app::{App, help_area};
use super::compare::{self, Compare};
use super::global_keys::GLOBAL;
use super::help;
use super::keymap::{self, FooterKey, Rank};
use super::region;
use super::screens::lookup::{Outcome, view::form};
use super::screens::{Page, Screen, ViewCtx};
use super::theme::Theme;
use super::widgets::compact::Compact;
use super::widgets::footer::Footer;
use super::widgets::header::Header;
use super::widgets::push_state::state_text;
use crate::operation::Service;

/// The footer's keys: help and quit, the screen's keys, then moving.
pub fn footer_keys(app: &App) -> Vec<FooterKey> {
    let mode = app.mode();
    let global = keymap::footer_keys(GLOBAL, mode, app);
    let screen = if app.help.is_some() || app.comparing() {
        Vec::new()
    } else {
        match app.stack.last() {
            Some(top) => top.footer(),
            None => app.lookup.footer(),
        }
    };
    let (top, rest): (Vec<FooterKey>, Vec<FooterKey>) =
        global.into_iter().partition(|k| k.rank == Rank::Top);
    top.into_iter().chain(screen).chain(rest).collect()
}

/// The channel whose region the calls use: the channel screen's, else the
/// lookup's.
fn channel_in_view(app: &App) -> Option<&str> {
    match app.stack.last() {
        Some(Screen::Channel(c)) => Some(&c.source.channel_arn),
        _ => app
            .lookup
            .current_target()
            .map(|t| t.channel_arn.as_str())
            .or(Some(app.lookup.form.channel.text())),
    }
}

/// The lookup's state in a few words, for a terminal too small for panes.
fn compact_state(app: &App) -> String {
    match &app.lookup.outcome {
        _ if app.loading() => "fetching…".to_string(),
        Outcome::Empty => "no lookup yet".to_string(),
        Outcome::Invalid(_) => "form has problems".to_string(),
        Outcome::Loaded(l) => state_text(l.allow()),
        Outcome::Failed(f) => format!("error {}", f.error.display_code()),
    }
}

pub fn render(frame: &mut Frame, app: &App) {
    let theme = Theme::new(app.options.color);
    let chrome = app.chrome();
    if chrome.compact {
        let state = compact_state(app);
        frame.render_widget(
            Compact {
                state: &state,
                size: app.size,
                theme: &theme,
            },
            frame.area(),
        );
        return;
    }
    let client = &app.options.client;
    let captured = app
        .stack
        .last()
        .and_then(Screen::captured)
        .map(|c| c.header_text());
    let region = region::region_used(client, channel_in_view(app));
    let endpoint = match &region {
        Some(region) => client.endpoint_for(Service::Messaging, region),
        None => client.endpoint.clone(),
    };
    frame.render_widget(
        Header {
            demo: app.options.demo,
            profile: client.profile.as_deref(),
            region: region.as_deref(),
            endpoint: &endpoint,
            fetching: app.loading().then(|| app.spinner_frame()),
            watch: app
                .lookup
                .watch
                .enabled
                .then_some(app.lookup.watch.interval.as_secs()),
            captured: captured.as_deref(),
            theme: &theme,
        },
        chrome.header,
    );
    let view = ViewCtx {
        theme: &theme,
        options: &app.options,
        spinner: app.spinner_frame(),
        overlay: app.help.is_some() || app.comparing(),
    };
    form::render(frame, chrome.form, &app.lookup, &view);
    match app.stack.last() {
        Some(top) => top.render(frame, chrome.body, &view),
        None => app.lookup.render(frame, chrome.body, &view),
    }
    let keys = footer_keys(app);
    frame.render_widget(
        Footer {
            keys: &keys,
            toast: app.toast.as_ref(),
            theme: &theme,
        },
        chrome.footer,
    );
    if let Some(Compare::Shown(pane)) = &app.compare {
        compare::render(frame, help_area(app.size), pane, &theme);
    }
    if let Some(scroll) = app.help {
        help::render(frame, help_area(app.size), scroll, &theme);
    }
}
