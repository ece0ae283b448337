//! What keys do to the push-path screen. j/k move through the checks (or
//! scroll the detail once Enter opened it); PgDn/PgUp scroll the lower
//! pane.

use super::keys::Action;
use super::state::{PushPathScreen, Setup};
use super::view;
use crate::tui::screens::page::{Ctx, Motion, Nav, Reply};
use crate::tui::screens::report;
use crate::tui::theme::Theme;

/// The lower pane's longest scroll at the current size.
fn max_scroll(s: &PushPathScreen, ctx: &Ctx) -> usize {
    let layout = view::layout(ctx.body, s.detail_open);
    let theme = Theme::new(ctx.options.color);
    let lines = view::lower_doc(
        s,
        crate::tui::widgets::inner_width(layout.lower),
        &theme,
        ctx.options,
    )
    .lines
    .len();
    lines.saturating_sub(crate::tui::widgets::inner_height(layout.lower))
}

fn scroll_by(s: &mut PushPathScreen, delta: isize, ctx: &Ctx) {
    let max = max_scroll(s, ctx);
    s.scroll = s.scroll.saturating_add_signed(delta).min(max);
}

pub(super) fn move_by(s: &mut PushPathScreen, motion: Motion, ctx: &Ctx) {
    let page = crate::tui::widgets::inner_height(view::layout(ctx.body, s.detail_open).lower)
        .saturating_sub(1)
        .max(1) as isize;
    match motion {
        Motion::PageDown => scroll_by(s, page, ctx),
        Motion::PageUp => scroll_by(s, -page, ctx),
        Motion::Wheel { delta, .. } => scroll_by(s, delta, ctx),
        Motion::Up | Motion::Down | Motion::Top | Motion::Bottom if s.detail_open => {
            let delta = match motion {
                Motion::Up => -1,
                Motion::Down => 1,
                Motion::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            scroll_by(s, delta, ctx);
        }
        _ => {
            let last = s.diagnosis.checks.len().saturating_sub(1);
            let before = s.selected;
            s.selected = match motion {
                Motion::Up => s.selected.saturating_sub(1),
                Motion::Down => (s.selected + 1).min(last),
                Motion::Top => 0,
                _ => last,
            };
            if s.selected != before {
                s.scroll = 0;
            }
        }
    }
}

pub(super) fn apply(s: &mut PushPathScreen, action: Action, ctx: &mut Ctx) -> Reply {
    match action {
        Action::Detail => {
            s.detail_open = true;
            s.scroll = 0;
        }
        Action::Back if s.detail_open => {
            s.detail_open = false;
            s.scroll = 0;
        }
        Action::Back => return Reply::nav(Nav::Back),
        Action::Copy => return report::copy(s.report(&ctx.options.client), &ctx.options.client),
        Action::Save => return report::save(s.report(&ctx.options.client), &ctx.options.client),
        Action::Rerun => {
            if let Some(offline) = s.offline.clone() {
                return s.run_live(&offline, ctx);
            }
            let effects = s.start(ctx, Setup::Reread);
            return Reply::effects(effects)
                .with_toast("running every call of the push path again, the set-up included");
        }
    }
    Reply::default()
}
