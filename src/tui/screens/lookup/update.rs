//! What keys, results and timers do to the lookup screen. Pure: time comes
//! in through the context, and everything to be done outside comes back
//! as effects in the reply.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::docs;
use super::form::FormField;
use super::history::LastResult;
use super::keys::Action;
use super::layout::{self, Pane, inner_height, inner_width};
use super::outcome::{Failed, InFlight, Loaded, Outcome};
use super::state::{Focus, LookupScreen};
use super::test_panel::TestPanel;
use crate::aws_cli_command;
use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::output::json;
use crate::tui::job::{Job, JobId};
use crate::tui::msg::Effect;
use crate::tui::screens::page::{Ctx, Handoff, Motion, Nav, Note, Open, Reply};
use crate::tui::theme::Theme;
use crate::tui::widgets::push_state::state_text;
use crate::tui::widgets::text_field::TextField;

/// What a copy says: it was sent, and whether it arrived is up to the
/// terminal, which chime-prefs cannot see.
fn copied(what: &str) -> Note {
    Note {
        text: format!(
            "{what} sent via OSC 52: copied if the terminal allows it (tmux: set -g set-clipboard on)"
        ),
        short: Some(
            "copied via OSC 52 if the terminal allows it (tmux: set -g set-clipboard on)".into(),
        ),
    }
}

fn areas(s: &LookupScreen, ctx: &Ctx) -> layout::Areas {
    layout::areas(ctx.body, s)
}

fn history_rows(s: &LookupScreen, ctx: &Ctx) -> usize {
    inner_height(areas(s, ctx).history)
}

fn history_visible(s: &LookupScreen, ctx: &Ctx) -> bool {
    areas(s, ctx).history.width > 0
}

// ---- fetching -------------------------------------------------------------

fn cancel(s: &mut LookupScreen) -> Vec<Effect> {
    s.in_flight
        .take()
        .map(|f| Effect::Cancel { id: f.id })
        .into_iter()
        .collect()
}

fn start_fetch(s: &mut LookupScreen, target: Target, ctx: &mut Ctx) -> Vec<Effect> {
    let mut effects = cancel(s);
    let id = ctx.ids.next_id();
    s.in_flight = Some(InFlight {
        id,
        target: target.clone(),
        started: ctx.now,
    });
    effects.push(Effect::Start {
        id,
        job: Job::Lookup { target },
    });
    effects
}

pub(super) fn fetch_form(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
    if s.form.is_empty() {
        return Reply::default();
    }
    match s.form.target().cloned() {
        Some(target) => Reply::effects(start_fetch(s, target, ctx)),
        None => {
            let problems = s.form.check.problems().into_iter().cloned().collect();
            s.outcome = Outcome::Invalid(problems);
            s.details_scroll = 0;
            s.test_panel = None;
            if s.focus == Focus::TestPanel {
                s.focus = Focus::Details;
            }
            Reply::effects(cancel(s))
        }
    }
}

fn run_selected(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
    let Some(entry) = s.history.selected().cloned() else {
        return Reply::default();
    };
    s.form.fill(
        &entry.channel_arn,
        &entry.member_arn,
        entry.bearer_arn.as_deref(),
    );
    fetch_form(s, ctx)
}

pub(super) fn run_entry(s: &mut LookupScreen, index: usize, ctx: &mut Ctx) -> Reply {
    let visible = history_rows(s, ctx);
    if let Some(position) = s.history.shown().iter().position(|&i| i == index) {
        s.history.select(position, visible);
    }
    run_selected(s, ctx)
}

fn short_error(err: &CallError) -> String {
    let code = err.display_code();
    let code = code.strip_suffix("Exception").unwrap_or(&code);
    match err.http_status {
        Some(status) => format!("{status} {code}"),
        None => code.to_string(),
    }
}

/// Show a result in the panes and record it in the history.
fn show_result(s: &mut LookupScreen, target: Target, result: Result<Lookup, CallError>, ctx: &Ctx) {
    let last = match &result {
        Ok(lookup) => LastResult {
            text: state_text(lookup.response.allow()),
            ok: true,
        },
        Err(error) => LastResult {
            text: short_error(error),
            ok: false,
        },
    };
    let visible = history_rows(s, ctx);
    s.history.record(&target, last, visible);
    s.outcome = match result {
        Ok(lookup) => Outcome::Loaded(Box::new(Loaded::new(target, lookup, Some(&s.outcome)))),
        Err(error) => {
            let was_ok = matches!(&s.outcome, Outcome::Loaded(l) if l.target == target);
            Outcome::Failed(Box::new(Failed {
                target,
                error,
                was_ok,
            }))
        }
    };
}

pub(super) fn lookup_done(
    s: &mut LookupScreen,
    id: JobId,
    result: Result<Lookup, CallError>,
    ctx: &mut Ctx,
) -> Reply {
    let Some(flight) = s.in_flight.take_if(|f| f.id == id) else {
        // Stale: cancelled, or superseded by a newer request.
        return Reply::default();
    };
    let target = flight.target;
    if s.outcome.target() != Some(&target) {
        s.details_scroll = 0;
    }
    show_result(s, target, result, ctx);
    // Keep the test panel when the new result still has a rule to test.
    if let Some((panel, rule)) = panel_and_rule(s) {
        panel.evaluate(rule);
    } else if s.test_panel.take().is_some() && s.focus == Focus::TestPanel {
        s.focus = Focus::Details;
    }
    if s.watch.enabled {
        s.watch.next_due = Some(ctx.now + s.watch.interval);
    }
    keep_in_view(s, ctx);
    Reply::default()
}

/// A closing screen hands over a lookup: show it as if it had been
/// fetched here, with the History list focused so that `Enter` runs the
/// selected entry, as it did before the other screen opened.
pub(super) fn receive(s: &mut LookupScreen, handoff: Handoff, ctx: &mut Ctx) -> Reply {
    let Handoff::ShowLookup { target, result } = handoff;
    s.form.fill_target(&target);
    s.details_scroll = 0;
    s.test_panel = None;
    let effects = match result {
        Some(result) => {
            show_result(s, target, result, ctx);
            Vec::new()
        }
        // Not read yet: fetch it now.
        None => start_fetch(s, target, ctx),
    };
    s.focus = if history_visible(s, ctx) && !s.history.entries.is_empty() {
        Focus::History
    } else {
        Focus::Details
    };
    keep_in_view(s, ctx);
    Reply::effects(effects)
}

pub(super) fn tick(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
    let due = s.watch.enabled && !s.loading() && s.watch.next_due.is_some_and(|d| d <= ctx.now);
    if due {
        s.watch.next_due = None;
        if let Some(target) = s.current_target().cloned() {
            return Reply::effects(start_fetch(s, target, ctx));
        }
    }
    Reply::default()
}

fn toggle_watch(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
    s.watch.enabled = !s.watch.enabled;
    if !s.watch.enabled {
        s.watch.next_due = None;
        return Reply::toast("watch off");
    }
    let note = format!("watch on: every {} s", s.watch.interval.as_secs());
    if s.loading() {
        return Reply::toast(note);
    }
    match s.current_target().cloned() {
        Some(target) => Reply::effects(start_fetch(s, target, ctx)).with_toast(note),
        None => Reply::toast(note),
    }
}

// ---- keys -----------------------------------------------------------------

/// The open test panel and the rule it tests, borrowed side by side (no
/// copy of the rule on every keystroke).
fn panel_and_rule(s: &mut LookupScreen) -> Option<(&mut TestPanel, &crate::filter::Rule)> {
    let Outcome::Loaded(loaded) = &s.outcome else {
        return None;
    };
    let rule = loaded.rule.as_ref()?.report.rule.as_ref()?;
    Some((s.test_panel.as_mut()?, rule))
}

/// Text editing keys; true when the text changed.
fn edit(field: &mut TextField, key: &KeyEvent) -> bool {
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

pub(super) fn type_key(s: &mut LookupScreen, key: &KeyEvent) {
    match s.focus {
        Focus::Field(which) => {
            if edit(s.form.field_mut(which), key) {
                s.form.revalidate();
            }
        }
        Focus::TestPanel => {
            if let Some((panel, rule)) = panel_and_rule(s)
                && edit(&mut panel.input, key)
            {
                panel.evaluate(rule);
                panel.scroll = 0;
            }
        }
        Focus::History | Focus::Details => {}
    }
}

pub(super) fn paste(s: &mut LookupScreen, text: &str) {
    match s.focus {
        Focus::Field(which) => {
            // Surrounding whitespace and line breaks are dropped, as the
            // ARN check drops them; anything inside stays for it to judge.
            s.form.field_mut(which).insert_str(text.trim());
            s.form.revalidate();
        }
        Focus::TestPanel => {
            if let Some((panel, rule)) = panel_and_rule(s) {
                // Attributes are JSON, where a line break is a space.
                let one_line: String = text
                    .trim()
                    .chars()
                    .map(|c| {
                        if matches!(c, '\n' | '\r' | '\t') {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                panel.input.insert_str(&one_line);
                panel.evaluate(rule);
                panel.scroll = 0;
            }
        }
        Focus::History | Focus::Details => {}
    }
}

/// Focus order for Tab: the form's fields, History, the test panel, then
/// the details pane. The test panel comes before the details so that Tab
/// from it lands on a pane, not in a field where j and k type letters.
fn focus_ring(s: &LookupScreen, ctx: &Ctx) -> Vec<Focus> {
    let mut ring: Vec<Focus> = FormField::ALL.into_iter().map(Focus::Field).collect();
    if history_visible(s, ctx) {
        ring.push(Focus::History);
    }
    if s.test_panel.is_some() {
        ring.push(Focus::TestPanel);
    }
    ring.push(Focus::Details);
    ring
}

fn move_focus(s: &mut LookupScreen, step: isize, ctx: &Ctx) {
    let ring = focus_ring(s, ctx);
    let here = ring.iter().position(|f| *f == s.focus).unwrap_or(0);
    let len = ring.len() as isize;
    let next = (here as isize + step).rem_euclid(len) as usize;
    s.focus = ring[next];
}

fn channel_request(s: &LookupScreen) -> Option<Open> {
    let channel = crate::arn::parse_channel(s.form.channel.text()).ok()?;
    // Who lists: the bearer when given, else the member (a member of the
    // channel may list its memberships).
    let lister = [s.form.bearer.text(), s.form.member.text()]
        .into_iter()
        .map(str::trim)
        .find(|t| crate::arn::parse_member(t, crate::arn::Field::Bearer).is_ok())
        .map(str::to_string);
    Some(Open::Channel {
        channel_arn: channel.raw,
        bearer_arn: lister,
    })
}

fn copy_command(s: &LookupScreen, ctx: &Ctx) -> Reply {
    let Some(target) = s.current_target() else {
        return Reply::default();
    };
    // With the region the call really goes to, whenever the reader's own
    // AWS configuration would not pick it, so that the pasted command works.
    let text = aws_cli_command::get_preferences_command(target, &ctx.options.client);
    Reply::effects(vec![Effect::Copy { text }]).with_toast(copied("AWS CLI command"))
}

fn back(s: &mut LookupScreen, ctx: &Ctx) -> Reply {
    if s.loading() {
        return Reply::effects(cancel(s)).with_toast("request cancelled");
    }
    if s.focus == Focus::TestPanel || s.test_panel.is_some() && s.focus != Focus::History {
        s.test_panel = None;
        s.focus = Focus::Details;
    } else if matches!(s.focus, Focus::Field(_)) {
        s.focus = if history_visible(s, ctx) && !s.history.entries.is_empty() {
            Focus::History
        } else {
            Focus::Details
        };
    }
    Reply::default()
}

/// Lines the test panel's reasons scroll through, and the rows they get.
fn reasons_range(s: &LookupScreen, ctx: &Ctx) -> (usize, usize) {
    let area = areas(s, ctx).test_panel;
    let lines = s.test_panel.as_ref().map_or(0, |p| {
        docs::test_panel(p, inner_width(area), &Theme::new(false)).len()
    });
    // The first inner row holds the input.
    (lines, inner_height(area).saturating_sub(1))
}

fn scroll_reasons(s: &mut LookupScreen, delta: isize, ctx: &Ctx) {
    let (lines, rows) = reasons_range(s, ctx);
    if let Some(panel) = s.test_panel.as_mut() {
        let max = lines.saturating_sub(rows);
        panel.scroll = panel.scroll.min(max).saturating_add_signed(delta).min(max);
    }
}

pub(super) fn apply(s: &mut LookupScreen, action: Action, ctx: &mut Ctx) -> Reply {
    match action {
        Action::Submit => {
            return match s.focus {
                Focus::History => run_selected(s, ctx),
                _ => fetch_form(s, ctx),
            };
        }
        Action::Back => return back(s, ctx),
        Action::NextFocus => move_focus(s, 1, ctx),
        Action::PrevFocus => move_focus(s, -1, ctx),
        Action::FieldUp | Action::FieldDown => {
            if let Focus::Field(which) = s.focus {
                let i = FormField::ALL.iter().position(|f| *f == which).unwrap_or(0);
                let i = if action == Action::FieldUp {
                    i.saturating_sub(1)
                } else {
                    (i + 1).min(FormField::ALL.len() - 1)
                };
                s.focus = Focus::Field(FormField::ALL[i]);
            }
        }
        Action::ReasonsUp => scroll_reasons(s, -1, ctx),
        Action::ReasonsDown => scroll_reasons(s, 1, ctx),
        Action::Refresh => {
            if let Some(target) = s.current_target().cloned() {
                return Reply::effects(start_fetch(s, target, ctx));
            }
        }
        Action::ToggleWatch => return toggle_watch(s, ctx),
        Action::TestPanel => {
            if let Some(rule) = s.testable_rule() {
                s.test_panel = Some(TestPanel::new(rule));
                s.focus = Focus::TestPanel;
            }
        }
        Action::ChannelView => {
            if let Some(open) = channel_request(s) {
                return Reply::nav(Nav::Open(open));
            }
        }
        Action::CopyCommand => return copy_command(s, ctx),
        Action::CopyJson => {
            if let Some(loaded) = s.loaded() {
                let text = json::preferences_json(&loaded.lookup.response);
                return Reply::effects(vec![Effect::Copy { text }])
                    .with_toast(copied("Response JSON"));
            }
        }
        Action::EditForm => s.focus = Focus::Field(FormField::Channel),
    }
    Reply::default()
}

// ---- moving and scrolling -------------------------------------------------

fn page(s: &LookupScreen, ctx: &Ctx) -> isize {
    let a = areas(s, ctx);
    let rows = match s.focus {
        Focus::History => inner_height(a.history),
        _ => inner_height(a.details),
    };
    rows.saturating_sub(1).max(1) as isize
}

fn scroll_pane(s: &mut LookupScreen, pane: Pane, delta: isize, ctx: &Ctx) {
    let a = areas(s, ctx);
    match pane {
        Pane::History => s.history.move_by(delta, inner_height(a.history)),
        Pane::Details | Pane::Result => {
            let max = docs::details_line_count(s, ctx.options, inner_width(a.details))
                .saturating_sub(inner_height(a.details));
            s.details_scroll = s
                .details_scroll
                .min(max)
                .saturating_add_signed(delta)
                .min(max);
        }
        Pane::TestPanel => scroll_reasons(s, delta, ctx),
    }
}

pub(super) fn move_by(s: &mut LookupScreen, motion: Motion, ctx: &mut Ctx) {
    let delta = match motion {
        Motion::Wheel { column, row, delta } => {
            if let Some(pane) = areas(s, ctx).hit(column, row) {
                scroll_pane(s, pane, delta, ctx);
            }
            return;
        }
        Motion::Up => -1,
        Motion::Down => 1,
        Motion::PageUp => -page(s, ctx),
        Motion::PageDown => page(s, ctx),
        Motion::Top => isize::MIN / 2,
        Motion::Bottom => isize::MAX / 2,
    };
    let pane = if s.focus == Focus::History {
        Pane::History
    } else {
        Pane::Details
    };
    scroll_pane(s, pane, delta, ctx);
}

pub(super) fn keep_in_view(s: &mut LookupScreen, ctx: &Ctx) {
    let a = areas(s, ctx);
    s.history.keep_in_view(inner_height(a.history));
    let max = docs::details_line_count(s, ctx.options, inner_width(a.details))
        .saturating_sub(inner_height(a.details));
    s.details_scroll = s.details_scroll.min(max);
}

pub(super) fn mouse(s: &mut LookupScreen, mouse: &MouseEvent, ctx: &mut Ctx) {
    let a = areas(s, ctx);
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return;
    }
    match a.hit(mouse.column, mouse.row) {
        Some(Pane::History) => {
            s.focus = Focus::History;
            let row = mouse.row.saturating_sub(a.history.y + 1) as usize;
            let position = s.history.cursor.offset() + row;
            if s.history.index_at(position).is_some() {
                s.history.select(position, inner_height(a.history));
            }
        }
        Some(Pane::Details | Pane::Result) => s.focus = Focus::Details,
        Some(Pane::TestPanel) => s.focus = Focus::TestPanel,
        None => {}
    }
}
