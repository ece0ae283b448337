//! The update function: `update(app, msg, now) -> effects`. Pure: it reads
//! no clock (time comes in as `now`), does no I/O, and everything it wants
//! done outside comes back as an [`Effect`].

mod channel;

use std::time::{Duration, Instant};

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::keymap::{self, Action};
use super::layout::{self, Pane, inner_height};
use super::msg::{Effect, Msg};
use super::state::{App, Failed, Focus, FormField, LastResult, Loaded, Outcome, TestPanel, Toast};
use super::view;
use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::output::aws_cli::{self, CliContext};
use crate::output::json;

pub const SPINNER_FRAME: Duration = Duration::from_millis(100);
const TOAST_FOR: Duration = Duration::from_secs(3);
const WHEEL_LINES: isize = 3;

pub fn update(app: &mut App, msg: Msg, now: Instant) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key, now),
        Msg::Mouse(mouse) => on_mouse(app, mouse),
        Msg::Paste(text) => {
            on_paste(app, &text);
            Vec::new()
        }
        Msg::Resize(width, height) => {
            app.size = (width, height);
            keep_in_view(app);
            Vec::new()
        }
        Msg::FetchDone { id, result } => on_fetch_done(app, id, *result, now),
        Msg::Scan { id, event } => {
            channel::on_event(app, id, *event, now);
            Vec::new()
        }
        Msg::Tick => on_tick(app, now),
        Msg::Terminate => quit(app),
    }
}

pub(super) fn toast(app: &mut App, text: impl Into<String>, now: Instant) {
    app.toast = Some(Toast {
        text: text.into(),
        until: now + TOAST_FOR,
    });
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.should_quit = true;
    let mut effects = cancel(app);
    effects.extend(channel::stop_scan(app));
    effects
}

fn cancel(app: &mut App) -> Vec<Effect> {
    app.in_flight
        .take()
        .map(|f| Effect::Cancel { id: f.id })
        .into_iter()
        .collect()
}

// ---- fetching -------------------------------------------------------------

pub(super) fn start_fetch(app: &mut App, target: Target, now: Instant) -> Vec<Effect> {
    let mut effects = cancel(app);
    let id = app.next_request;
    app.next_request += 1;
    app.spinner = 0;
    app.in_flight = Some(super::state::InFlight {
        id,
        target: target.clone(),
        started: now,
    });
    effects.push(Effect::Fetch { id, target });
    effects
}

fn fetch_form(app: &mut App, now: Instant) -> Vec<Effect> {
    if app.form.is_empty() {
        return Vec::new();
    }
    match app.form.target().cloned() {
        Some(target) => start_fetch(app, target, now),
        None => {
            let problems = app.form.check.problems().into_iter().cloned().collect();
            app.outcome = Outcome::Invalid(problems);
            app.details_scroll = 0;
            app.test_panel = None;
            if app.focus == Focus::TestPanel {
                app.focus = Focus::Details;
            }
            cancel(app)
        }
    }
}

fn run_selected(app: &mut App, now: Instant) -> Vec<Effect> {
    let Some(entry) = app.history.selected().cloned() else {
        return Vec::new();
    };
    app.form.fill(
        &entry.channel_arn,
        &entry.member_arn,
        entry.bearer_arn.as_deref(),
    );
    fetch_form(app, now)
}

fn current_target(app: &App) -> Option<Target> {
    app.outcome.target().or(app.form.target()).cloned()
}

pub(super) fn short_error(err: &CallError) -> String {
    let code = err.display_code();
    let code = code.strip_suffix("Exception").unwrap_or(&code);
    match err.http_status {
        Some(status) => format!("{status} {code}"),
        None => code.to_string(),
    }
}

/// Show a result in the panes and record it in the history.
pub(super) fn show_result(app: &mut App, target: Target, result: Result<Lookup, CallError>) {
    let last = match &result {
        Ok(lookup) => LastResult {
            text: lookup.response.allow().map_or("NOT SET".to_string(), |a| {
                crate::sanitize::line(a.as_wire()).into_owned()
            }),
            ok: true,
        },
        Err(error) => LastResult {
            text: short_error(error),
            ok: false,
        },
    };
    app.history.record(&target, last);
    app.outcome = match result {
        Ok(lookup) => Outcome::Loaded(Box::new(Loaded::new(target, lookup, Some(&app.outcome)))),
        Err(error) => {
            let was_ok = matches!(&app.outcome, Outcome::Loaded(l) if l.target == target);
            Outcome::Failed(Box::new(Failed {
                target,
                error,
                was_ok,
            }))
        }
    };
}

fn on_fetch_done(
    app: &mut App,
    id: u64,
    result: Result<Lookup, CallError>,
    now: Instant,
) -> Vec<Effect> {
    let Some(flight) = app.in_flight.take_if(|f| f.id == id) else {
        // Stale: cancelled, or superseded by a newer request.
        return Vec::new();
    };
    let target = flight.target;
    if app.outcome.target() != Some(&target) {
        app.details_scroll = 0;
    }
    show_result(app, target, result);
    // Keep the test panel when the new result still has a rule to test.
    if let Some((panel, rule)) = panel_and_rule(app) {
        panel.evaluate(rule);
    } else if app.test_panel.take().is_some() && app.focus == Focus::TestPanel {
        app.focus = Focus::Details;
    }
    if app.watch.enabled {
        app.watch.next_due = Some(now + app.watch.interval);
    }
    keep_in_view(app);
    Vec::new()
}

fn on_tick(app: &mut App, now: Instant) -> Vec<Effect> {
    if app.loading() {
        app.spinner = app.spinner.wrapping_add(1);
    }
    if app.toast.as_ref().is_some_and(|t| t.until <= now) {
        app.toast = None;
    }
    let due = app.watch.enabled && !app.loading() && app.watch.next_due.is_some_and(|d| d <= now);
    if due {
        app.watch.next_due = None;
        if let Some(target) = current_target(app) {
            return start_fetch(app, target, now);
        }
    }
    Vec::new()
}

// ---- keys -----------------------------------------------------------------

fn on_key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
    // Some terminals report releases too; acting on them doubles every key.
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    if let Some(action) = keymap::action_for(app, &key) {
        return apply(app, action, now);
    }
    match app.focus {
        Focus::Field(which) if app.help.is_none() && edit(app.form.field_mut(which), &key) => {
            app.form.revalidate();
        }
        Focus::TestPanel if app.help.is_none() => {
            if let Some((panel, rule)) = panel_and_rule(app)
                && edit(&mut panel.input, &key)
            {
                panel.evaluate(rule);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The open test panel and the rule it tests, borrowed side by side (no
/// copy of the rule on every keystroke).
fn panel_and_rule(app: &mut App) -> Option<(&mut TestPanel, &crate::filter::Rule)> {
    let Outcome::Loaded(loaded) = &app.outcome else {
        return None;
    };
    let rule = loaded.rule.as_ref()?.report.rule.as_ref()?;
    Some((app.test_panel.as_mut()?, rule))
}

/// Text editing keys; true when the text changed.
fn edit(field: &mut super::state::TextField, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let before = field.text().len();
    match key.code {
        KeyCode::Char('u') if ctrl => field.clear_to_start(),
        KeyCode::Char('w') if ctrl => field.delete_word(),
        KeyCode::Char(c) if !ctrl && !alt => field.insert_char(c),
        KeyCode::Backspace => field.backspace(),
        KeyCode::Delete => field.delete(),
        KeyCode::Left => field.left(),
        KeyCode::Right => field.right(),
        KeyCode::Home => field.home(),
        KeyCode::End => field.end(),
        _ => {}
    }
    field.text().len() != before
}

fn history_visible(app: &App) -> bool {
    layout::areas(app).history.width > 0
}

/// Focus order for Tab.
fn focus_ring(app: &App) -> Vec<Focus> {
    let mut ring: Vec<Focus> = FormField::ALL.into_iter().map(Focus::Field).collect();
    if history_visible(app) {
        ring.push(Focus::History);
    }
    ring.push(Focus::Details);
    if app.test_panel.is_some() {
        ring.push(Focus::TestPanel);
    }
    ring
}

fn move_focus(app: &mut App, step: isize) {
    let ring = focus_ring(app);
    let here = ring.iter().position(|f| *f == app.focus).unwrap_or(0);
    let len = ring.len() as isize;
    let next = (here as isize + step).rem_euclid(len) as usize;
    app.focus = ring[next];
}

fn apply(app: &mut App, action: Action, now: Instant) -> Vec<Effect> {
    match action {
        Action::Quit => return quit(app),
        Action::Help => app.help = Some(0),
        Action::NextFocus => move_focus(app, 1),
        Action::PrevFocus => move_focus(app, -1),
        Action::FieldUp | Action::FieldDown => {
            if let Focus::Field(which) = app.focus {
                let i = FormField::ALL.iter().position(|f| *f == which).unwrap_or(0);
                let i = if action == Action::FieldUp {
                    i.saturating_sub(1)
                } else {
                    (i + 1).min(2)
                };
                app.focus = Focus::Field(FormField::ALL[i]);
            }
        }
        Action::Submit => {
            return match app.focus {
                _ if app.channel_view().is_some() => channel::open_selected(app, now),
                Focus::History => run_selected(app, now),
                _ => fetch_form(app, now),
            };
        }
        Action::ChannelView => return channel::open(app, now),
        Action::Filter(filter) => channel::set_filter(app, filter),
        Action::CycleSort => channel::cycle_sort(app),
        Action::Rescan => return channel::rescan(app, false, now),
        Action::ToggleHidden => return channel::rescan(app, true, now),
        Action::StopScan => {
            let effects = channel::stop_scan(app);
            toast(app, "scan stopped", now);
            return effects;
        }
        Action::Back => return back(app, now),
        Action::Refresh => {
            if let Some(target) = current_target(app) {
                return start_fetch(app, target, now);
            }
        }
        Action::ToggleWatch => return toggle_watch(app, now),
        Action::CopyCommand => {
            if let Some(target) = current_target(app) {
                let client = &app.options.client;
                // The call's region is the channel ARN's: the command carries
                // it unless the user's own AWS configuration picks it.
                let region = crate::aws::region::region_of_arn(&target.channel_arn)
                    .filter(|r| client.aws_cli_needs_region(r));
                let ctx = CliContext {
                    profile: client.profile.as_deref(),
                    region,
                    endpoint_url: app.options.endpoint_url.as_deref(),
                };
                let text = aws_cli::get_command(&target, ctx);
                toast(app, "✓ AWS CLI command copied (OSC 52)", now);
                return vec![Effect::Copy { text }];
            }
        }
        Action::CopyJson => {
            if let Some(loaded) = app.loaded() {
                let text = json::preferences_json(&loaded.lookup.response);
                toast(app, "✓ response JSON copied (OSC 52)", now);
                return vec![Effect::Copy { text }];
            }
        }
        Action::TestPanel => {
            if let Some(rule) = app.testable_rule() {
                app.test_panel = Some(TestPanel::new(rule));
                app.focus = Focus::TestPanel;
            }
        }
        Action::EditForm => app.focus = Focus::Field(FormField::Channel),
        Action::Up => scroll(app, -1),
        Action::Down => scroll(app, 1),
        Action::PageUp => scroll(app, -(page(app) as isize)),
        Action::PageDown => scroll(app, page(app) as isize),
        Action::Top => scroll(app, isize::MIN / 2),
        Action::Bottom => scroll(app, isize::MAX / 2),
    }
    Vec::new()
}

fn back(app: &mut App, now: Instant) -> Vec<Effect> {
    if app.help.is_some() {
        app.help = None;
        return Vec::new();
    }
    if let Some(view) = app.channel.as_mut().filter(|v| v.visible) {
        view.visible = false;
        return Vec::new();
    }
    if app.loading() {
        toast(app, "request cancelled", now);
        return cancel(app);
    }
    if app.focus == Focus::TestPanel || app.test_panel.is_some() && app.focus != Focus::History {
        app.test_panel = None;
        app.focus = Focus::Details;
    } else if matches!(app.focus, Focus::Field(_)) {
        app.focus = if history_visible(app) && !app.history.entries.is_empty() {
            Focus::History
        } else {
            Focus::Details
        };
    }
    Vec::new()
}

fn toggle_watch(app: &mut App, now: Instant) -> Vec<Effect> {
    app.watch.enabled = !app.watch.enabled;
    if !app.watch.enabled {
        app.watch.next_due = None;
        toast(app, "watch off", now);
        return Vec::new();
    }
    toast(
        app,
        format!("watch on: every {} s", app.watch.interval.as_secs()),
        now,
    );
    if app.loading() {
        return Vec::new();
    }
    match current_target(app) {
        Some(target) => start_fetch(app, target, now),
        None => Vec::new(),
    }
}

// ---- scrolling ------------------------------------------------------------

fn page(app: &App) -> usize {
    let areas = layout::areas(app);
    let rows = match app.focus {
        _ if app.help.is_some() => inner_height(view::help_area(ratatui::layout::Rect::new(
            0, 0, app.size.0, app.size.1,
        ))),
        _ if app.channel_view().is_some() => channel::table_rows(app),
        Focus::History => inner_height(areas.history),
        _ => inner_height(areas.details),
    };
    rows.saturating_sub(1).max(1)
}

fn scroll(app: &mut App, delta: isize) {
    let pane = if app.channel_view().is_some() {
        Pane::Channel
    } else if app.focus == Focus::History {
        Pane::History
    } else {
        Pane::Details
    };
    scroll_pane(app, pane, delta);
}

/// Scroll a pane (the help overlay, when it is open).
fn scroll_pane(app: &mut App, pane: Pane, delta: isize) {
    let areas = layout::areas(app);
    if let Some(offset) = app.help.as_mut() {
        let area = view::help_area(ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1));
        let max = view::help_line_count(area).saturating_sub(inner_height(area));
        *offset = offset.saturating_add_signed(delta).min(max);
        return;
    }
    match pane {
        Pane::History => app.history.move_by(delta, inner_height(areas.history)),
        Pane::Details | Pane::Result => {
            let max = view::details_line_count(app, areas.details)
                .saturating_sub(inner_height(areas.details));
            app.details_scroll = app
                .details_scroll
                .min(max)
                .saturating_add_signed(delta)
                .min(max);
        }
        Pane::Channel => channel::move_by(app, delta),
        Pane::Form | Pane::TestPanel => {}
    }
}

fn keep_in_view(app: &mut App) {
    let areas = layout::areas(app);
    app.history.scroll_into_view(inner_height(areas.history));
    let max =
        view::details_line_count(app, areas.details).saturating_sub(inner_height(areas.details));
    app.details_scroll = app.details_scroll.min(max);
}

// ---- mouse and paste ------------------------------------------------------

fn on_mouse(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    let areas = layout::areas(app);
    let pane = areas.hit(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let delta = if mouse.kind == MouseEventKind::ScrollDown {
                WHEEL_LINES
            } else {
                -WHEEL_LINES
            };
            if app.help.is_some() {
                scroll_pane(app, Pane::Details, delta);
            } else if let Some(pane) = pane {
                scroll_pane(app, pane, delta);
            }
        }
        MouseEventKind::Down(MouseButton::Left) if app.help.is_none() => match pane {
            Some(Pane::Form) => {
                let row = mouse.row.saturating_sub(areas.form.y + 1) as usize;
                if let Some(which) = FormField::ALL.get(row) {
                    app.focus = Focus::Field(*which);
                }
            }
            Some(Pane::History) => {
                app.focus = Focus::History;
                let row = mouse.row.saturating_sub(areas.history.y + 1) as usize;
                let index = app.history.offset + row;
                if index < app.history.entries.len() {
                    app.history.select(index, inner_height(areas.history));
                }
            }
            Some(Pane::Details) | Some(Pane::Result) => app.focus = Focus::Details,
            Some(Pane::TestPanel) => app.focus = Focus::TestPanel,
            Some(Pane::Channel) => {
                channel::click(app, mouse.row.saturating_sub(areas.channel.y + 3) as usize)
            }
            None => {}
        },
        _ => {}
    }
    Vec::new()
}

fn on_paste(app: &mut App, text: &str) {
    match app.focus {
        Focus::Field(which) if app.help.is_none() => {
            let field = app.form.field_mut(which);
            field.insert_str(text.trim());
            app.form.revalidate();
        }
        Focus::TestPanel if app.help.is_none() => {
            if let Some((panel, rule)) = panel_and_rule(app) {
                panel.input.insert_str(text.trim());
                panel.evaluate(rule);
            }
        }
        _ => {}
    }
}

// ---- start-up -------------------------------------------------------------

/// Fetch what the form holds, as Enter would (a prefilled `--channel-arn`).
pub fn fetch_now(app: &mut App, now: Instant) -> Vec<Effect> {
    fetch_form(app, now)
}

/// Run the history entry at `index`, as selecting it and pressing Enter would.
pub fn run_entry(app: &mut App, index: usize, now: Instant) -> Vec<Effect> {
    let visible = inner_height(layout::areas(app).history);
    app.history.select(index, visible);
    run_selected(app, now)
}
