//! The channel view's part of the update function: starting and stopping
//! the scan, folding its events in, and moving around the member table.

use std::time::Instant;

use super::super::layout::{self, inner_height};
use super::super::msg::Effect;
use super::super::state::{App, ChannelView, Focus, StateFilter};
use crate::model::Target;
use crate::scan::{CONCURRENCY_RANGE, RowState, ScanEvent, ScanRequest};

/// Rows of the member table on screen (the pane minus borders and the
/// counts and column-heading lines).
pub fn table_rows(app: &App) -> usize {
    inner_height(layout::areas(app).channel)
        .saturating_sub(2)
        .max(1)
}

fn start_scan(
    app: &mut App,
    channel_arn: String,
    bearer_arn: String,
    include_hidden: bool,
    now: Instant,
) -> Vec<Effect> {
    let mut effects = stop_scan(app);
    let id = app.next_request;
    app.next_request += 1;
    let mut request = ScanRequest::new(channel_arn.clone(), bearer_arn.clone());
    request.max_attempts = app.options.max_attempts;
    request.include_hidden = include_hidden;
    request.concurrency = app
        .options
        .scan_concurrency
        .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
    app.channel = Some(ChannelView::new(
        id,
        channel_arn,
        bearer_arn,
        include_hidden,
        now,
    ));
    effects.push(Effect::StartScan { id, request });
    effects
}

/// Stop a running scan, keeping what it read.
pub fn stop_scan(app: &mut App) -> Vec<Effect> {
    match &mut app.channel {
        Some(view) if view.running => {
            view.running = false;
            vec![Effect::CancelScan { id: view.id }]
        }
        _ => Vec::new(),
    }
}

/// `c`: scan the form's channel, or go back to the scan of it.
pub fn open(app: &mut App, now: Instant) -> Vec<Effect> {
    let Ok(channel) = crate::arn::parse_channel(app.form.channel.text()) else {
        return Vec::new();
    };
    if let Some(view) = &mut app.channel
        && view.channel_arn == channel.raw
    {
        view.visible = true;
        return Vec::new();
    }
    // Who lists: the bearer when given, else the member (a member of the
    // channel may list its memberships).
    let lister = [app.form.bearer.text(), app.form.member.text()]
        .into_iter()
        .map(str::trim)
        .find(|t| crate::arn::parse_member(t, crate::arn::Field::Bearer).is_ok());
    match lister {
        Some(bearer) => start_scan(app, channel.raw, bearer.to_string(), false, now),
        None => {
            super::toast(
                app,
                "c needs a member or bearer ARN: who lists the channel's members",
                now,
            );
            Vec::new()
        }
    }
}

/// Scan the channel again; `toggle_hidden` flips whether HIDDEN members
/// are listed too.
pub fn rescan(app: &mut App, toggle_hidden: bool, now: Instant) -> Vec<Effect> {
    match &app.channel {
        Some(view) => {
            let (channel, bearer) = (view.channel_arn.clone(), view.bearer_arn.clone());
            let hidden = view.include_hidden != toggle_hidden;
            start_scan(app, channel, bearer, hidden, now)
        }
        None => Vec::new(),
    }
}

pub fn on_event(app: &mut App, id: u64, event: ScanEvent, now: Instant) {
    let Some(view) = app.channel.as_mut().filter(|v| v.id == id) else {
        return;
    };
    if event == ScanEvent::Done {
        view.running = false;
    }
    view.results.apply(event);
    view.last_event = now;
}

pub fn set_filter(app: &mut App, filter: StateFilter) {
    if let Some(view) = &mut app.channel {
        view.filter = filter;
        view.selected = 0;
        view.offset = 0;
    }
}

pub fn cycle_sort(app: &mut App) {
    if let Some(view) = &mut app.channel {
        view.sort = view.sort.next();
        view.selected = 0;
        view.offset = 0;
    }
}

pub fn move_by(app: &mut App, delta: isize) {
    let rows = table_rows(app);
    if let Some(view) = &mut app.channel {
        view.move_by(delta, rows);
    }
}

/// Enter: show the selected member's full lookup in the main panes, as if
/// it had been fetched there (it was: by the scan, with its own bearer).
pub fn open_selected(app: &mut App, now: Instant) -> Vec<Effect> {
    let Some(view) = &app.channel else {
        return Vec::new();
    };
    let Some(&index) = view.visible_rows().get(view.selected) else {
        return Vec::new();
    };
    let row = &view.results.rows()[index];
    let Some(member_arn) = row.member.arn.clone() else {
        return Vec::new();
    };
    let target = Target {
        channel_arn: view.channel_arn.clone(),
        bearer_arn: member_arn.clone(),
        member_arn,
    };
    let state = row.state.clone();
    if let Some(view) = &mut app.channel {
        view.visible = false;
    }
    app.form.fill_target(&target);
    app.focus = Focus::Details;
    app.details_scroll = 0;
    app.test_panel = None;
    match state {
        RowState::Read(lookup) => super::show_result(app, target, Ok(*lookup)),
        RowState::Failed(error) => super::show_result(app, target, Err(error)),
        // Not read yet: fetch it now.
        RowState::Pending => return super::start_fetch(app, target, now),
    }
    Vec::new()
}

/// A click on a table row selects it (`row` counts from the first row).
pub fn click(app: &mut App, row: usize) {
    if let Some(view) = &mut app.channel {
        let index = view.offset + row;
        if index < view.visible_rows().len() {
            view.selected = index;
        }
    }
}
