//! What keys, results and timers do to the lookup screen. Pure: time comes
//! in through the context, and everything to be done outside comes back
//! as effects in the reply.
//!
//! - this file: the keys' actions (focus, copies, the channel view);
//! - `fetch`: lookups and their results, watch mode;
//! - `edit`: typing and pasting; `scroll`: moving, scrolling, the mouse.

mod edit;
mod fetch;
mod scroll;

pub(super) use edit::{paste, type_key};
use fetch::{cancel, run_selected, start_fetch, toggle_watch};
pub(super) use fetch::{fetch_form, lookup_done, receive, run_entry, tick};
use scroll::scroll_reasons;
pub(super) use scroll::{keep_in_view, mouse, move_by};

use super::form::FormField;
use super::keys::Action;
use super::layout::{self, inner_height};
use super::state::{Focus, LookupScreen};
use super::test_panel::TestPanel;
use crate::aws_cli_command;
use crate::output::json;
use crate::tui::msg::Effect;
use crate::tui::note::Note;
use crate::tui::screens::page::{Ctx, Nav, Open, Reply};

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

pub(super) fn areas(s: &LookupScreen, ctx: &Ctx) -> layout::Areas {
    layout::areas(ctx.body, s)
}

pub(super) fn history_rows(s: &LookupScreen, ctx: &Ctx) -> usize {
    inner_height(areas(s, ctx).history)
}

pub(super) fn history_visible(s: &LookupScreen, ctx: &Ctx) -> bool {
    areas(s, ctx).history.width > 0
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
    let valid = |text: &str| {
        let text = text.trim();
        crate::arn::parse_member(text, crate::arn::Field::Bearer)
            .is_ok()
            .then(|| text.to_string())
    };
    Some(Open::Channel {
        channel_arn: channel.raw,
        bearer_arn: valid(s.form.bearer.text()),
        member_arn: valid(s.form.member.text()),
    })
}

/// The form's channel and member; the admin from the config or flag; the
/// test panel's attributes when it holds a valid map.
fn push_path_request(s: &LookupScreen, ctx: &Ctx) -> Option<Open> {
    let target = s.form.target()?;
    Some(Open::PushPath {
        channel_arn: target.channel_arn.clone(),
        member_arn: target.member_arn.clone(),
        admin_arn: ctx.options.admin_arn.clone(),
        attributes: s.test_panel.as_ref().and_then(TestPanel::attributes),
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
            // An open panel keeps what was typed: t only goes back into it.
            if s.test_panel.is_none()
                && let Some(rule) = s.testable_rule()
            {
                s.test_panel = Some(TestPanel::new(rule));
            }
            if s.test_panel.is_some() {
                s.focus = Focus::TestPanel;
            }
        }
        Action::ChannelView => {
            if let Some(open) = channel_request(s) {
                return Reply::nav(Nav::Open(open));
            }
        }
        Action::PushPath => {
            if let Some(open) = push_path_request(s, ctx) {
                return Reply::nav(Nav::Open(open));
            }
        }
        Action::MemberView => {
            let member_arn = s.form.member.text().trim().to_string();
            return Reply::nav(Nav::Open(Open::Member {
                member_arn,
                admin_arn: ctx.options.admin_arn.clone(),
            }));
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
