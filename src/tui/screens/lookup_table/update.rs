//! What keys, the mouse and the job's events do to a table.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::action::Action;
use super::kind::TableKind;
use super::rows::{LookupResults, LookupRow};
use super::source::EventOf;
use super::state::LookupTable;
use super::view;
use crate::scan::RowState;
use crate::tui::captured::Captured;
use crate::tui::screens::page::{Ctx, Handoff, Motion, Nav, Reply};
use crate::tui::screens::report;

/// Rows of the table at the current size.
pub fn table_rows<K: TableKind>(table: &LookupTable<K>, ctx: &Ctx) -> usize {
    view::table_rows(table, ctx.body).max(1)
}

pub(super) fn job_event<K: TableKind>(table: &mut LookupTable<K>, event: EventOf<K>, ctx: &Ctx) {
    if table.results.apply_event(event) {
        table.running = false;
        table.captured = ctx.wall;
    }
    table.last_event = ctx.now;
}

pub(super) fn move_by<K: TableKind>(table: &mut LookupTable<K>, motion: Motion, ctx: &Ctx) {
    let rows = table_rows(table, ctx);
    let page = rows.saturating_sub(1).max(1) as isize;
    let delta = motion.delta(page);
    let len = table.visible_rows().len();
    table.cursor.move_by(delta, len, rows);
}

pub(super) fn keep_in_view<K: TableKind>(table: &mut LookupTable<K>, ctx: &Ctx) {
    let rows = table_rows(table, ctx);
    let len = table.visible_rows().len();
    table.cursor.keep_in_view(len, rows);
}

/// Enter: hand the selected row's lookup to the lookup screen, as if it
/// had been fetched there (it was, by the job, as the row's own bearer).
fn open_selected<K: TableKind>(table: &LookupTable<K>) -> Reply {
    let Some(row) = table.selected_row() else {
        return Reply::default();
    };
    let Some(arn) = row.arn() else {
        return Reply::toast(format!(
            "The listing gave this {} no ARN: there is nothing to look up",
            K::WORDS.noun
        ));
    };
    let target = table.source.target(arn);
    let result = match row.state() {
        RowState::Read(lookup) => Some(Ok((**lookup).clone())),
        RowState::Failed(error) => Some(Err(error.clone())),
        // The lookup screen would fetch it: a saved report calls nothing.
        RowState::Pending if table.offline.is_some() => {
            return Reply::toast(Captured::refused(&format!(
                "Enter on a {} the report never read",
                K::WORDS.noun
            )));
        }
        RowState::Pending => None,
    };
    Reply::nav(Nav::Hand(Box::new(Handoff::ShowLookup { target, result })))
}

pub(super) fn apply<K: TableKind>(
    table: &mut LookupTable<K>,
    action: Action<K::Extra>,
    ctx: &mut Ctx,
) -> Reply {
    if let Some(offline) = table.offline.clone() {
        match action {
            Action::Live => return table.run_live(&offline, ctx),
            Action::Rerun => return Reply::toast(Captured::refused("R")),
            // A kind's own keys start calls (h scans again).
            Action::Kind(_) => return Reply::toast(Captured::refused("That key")),
            _ => {}
        }
    }
    match action {
        Action::Open => return open_selected(table),
        Action::Back => return Reply::nav(Nav::Back),
        Action::Filter(filter) => {
            table.filter = filter;
            table.cursor.reset();
        }
        Action::CycleSort => {
            table.sort = table.sort.next();
            table.cursor.reset();
        }
        Action::Stop => return Reply::effects(table.stop()).with_toast(K::WORDS.stopped),
        Action::Rerun => {
            let reply = Reply::effects(table.start(ctx));
            return match K::WORDS.rerun {
                Some(toast) => reply.with_toast(toast),
                None => reply,
            };
        }
        Action::Copy => {
            return report::copy(table.report(&ctx.options.client), &ctx.options.client);
        }
        Action::Save => {
            return report::save(table.report(&ctx.options.client), &ctx.options.client);
        }
        Action::Kind(extra) => return K::extra(table, extra, ctx),
        // Refused by its check on a live table.
        Action::Live => {}
    }
    Reply::default()
}

/// A click on a table row selects it.
pub(super) fn mouse<K: TableKind>(table: &mut LookupTable<K>, mouse: &MouseEvent, ctx: &Ctx) {
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return;
    }
    let (area, _) = K::split(ctx.body);
    if !area.contains(Position::new(mouse.column, mouse.row)) {
        return;
    }
    let first_row = area.y + 1 + view::header_rows(table, ctx.body) as u16 + 1;
    if mouse.row >= first_row {
        let len = table.visible_rows().len();
        table.cursor.click(usize::from(mouse.row - first_row), len);
    }
}
