//! Fetching: starting and cancelling lookups, showing their results (or
//! a lookup handed over by another screen), and watch mode.

use super::super::history::LastResult;
use super::super::outcome::{Failed, InFlight, Loaded, Outcome};
use super::super::remember::remember;
use super::super::state::{Focus, LookupScreen};
use super::edit::panel_and_rule;
use super::scroll::keep_in_view;
use super::{history_rows, history_visible};
use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::tui::job::{Job, JobId};
use crate::tui::msg::Effect;
use crate::tui::screens::page::{Ctx, Handoff, Reply};
use crate::tui::widgets::push_state::state_text;

pub(super) fn cancel(s: &mut LookupScreen) -> Vec<Effect> {
    s.in_flight
        .take()
        .map(|f| Effect::Cancel { id: f.id })
        .into_iter()
        .collect()
}

pub(super) fn start_fetch(s: &mut LookupScreen, target: Target, ctx: &mut Ctx) -> Vec<Effect> {
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

pub(in crate::tui::screens::lookup) fn fetch_form(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
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

pub(super) fn run_selected(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
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

pub(in crate::tui::screens::lookup) fn run_entry(
    s: &mut LookupScreen,
    index: usize,
    ctx: &mut Ctx,
) -> Reply {
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

/// Show a result in the panes and record it in the history list; the
/// effect that keeps it in the history file, when that is kept.
pub(super) fn show_result(
    s: &mut LookupScreen,
    target: Target,
    result: Result<Lookup, CallError>,
    ctx: &Ctx,
) -> Option<Effect> {
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
    let kept = remember(ctx.options.history, &target, &result, &last);
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
    kept
}

pub(in crate::tui::screens::lookup) fn lookup_done(
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
    let kept = show_result(s, target, result, ctx);
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
    Reply::effects(kept.into_iter().collect())
}

/// A closing screen hands over a lookup: show it as if it had been
/// fetched here, with the History list focused so that `Enter` runs the
/// selected entry, as it did before the other screen opened.
pub(in crate::tui::screens::lookup) fn receive(
    s: &mut LookupScreen,
    handoff: Handoff,
    ctx: &mut Ctx,
) -> Reply {
    let Handoff::ShowLookup { target, result } = handoff;
    s.form.fill_target(&target);
    s.details_scroll = 0;
    s.test_panel = None;
    let effects = match result {
        Some(result) => show_result(s, target, result, ctx).into_iter().collect(),
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

pub(in crate::tui::screens::lookup) fn tick(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
    let due = s.watch.enabled && !s.loading() && s.watch.next_due.is_some_and(|d| d <= ctx.now);
    if due {
        s.watch.next_due = None;
        if let Some(target) = s.current_target().cloned() {
            return Reply::effects(start_fetch(s, target, ctx));
        }
    }
    Reply::default()
}

pub(super) fn toggle_watch(s: &mut LookupScreen, ctx: &mut Ctx) -> Reply {
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
