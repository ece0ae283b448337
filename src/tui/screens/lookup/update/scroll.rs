//! Moving around: History's selection, the details pane's and the test
//! panel's scroll, the mouse.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::super::docs;
use super::super::layout::{Pane, inner_height, inner_width};
use super::super::state::{Focus, LookupScreen};
use super::areas;
use crate::tui::screens::page::{Ctx, Motion};
use crate::tui::theme::Theme;

/// Lines the test panel's reasons scroll through, and the rows they get.
fn reasons_range(s: &LookupScreen, ctx: &Ctx) -> (usize, usize) {
    let area = areas(s, ctx).test_panel;
    let lines = s.test_panel.as_ref().map_or(0, |p| {
        docs::test_panel(p, inner_width(area), &Theme::new(false)).len()
    });
    // The first inner row holds the input.
    (lines, inner_height(area).saturating_sub(1))
}

pub(super) fn scroll_reasons(s: &mut LookupScreen, delta: isize, ctx: &Ctx) {
    let (lines, rows) = reasons_range(s, ctx);
    if let Some(panel) = s.test_panel.as_mut() {
        let max = lines.saturating_sub(rows);
        panel.scroll = panel.scroll.min(max).saturating_add_signed(delta).min(max);
    }
}

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

pub(in crate::tui::screens::lookup) fn move_by(
    s: &mut LookupScreen,
    motion: Motion,
    ctx: &mut Ctx,
) {
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

pub(in crate::tui::screens::lookup) fn keep_in_view(s: &mut LookupScreen, ctx: &Ctx) {
    let a = areas(s, ctx);
    s.history.keep_in_view(inner_height(a.history));
    let max = docs::details_line_count(s, ctx.options, inner_width(a.details))
        .saturating_sub(inner_height(a.details));
    s.details_scroll = s.details_scroll.min(max);
}

pub(in crate::tui::screens::lookup) fn mouse(
    s: &mut LookupScreen,
    mouse: &MouseEvent,
    ctx: &mut Ctx,
) {
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
