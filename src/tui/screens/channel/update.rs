//! What keys and scan events do to the channel screen.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::counts;
use super::keys::Action;
use super::state::ChannelScreen;
use crate::model::Target;
use crate::scan::{RowState, ScanEvent};
use crate::tui::screens::page::{Ctx, Handoff, Motion, Nav, Reply};
use crate::tui::widgets::{inner_height, inner_width};

/// Rows of the member table on screen: the pane minus its borders, the
/// counts and the column headings.
pub fn table_rows(screen: &ChannelScreen, ctx: &Ctx) -> usize {
    let counts = counts::row_count(screen, inner_width(ctx.body));
    inner_height(ctx.body).saturating_sub(counts + 1).max(1)
}

pub(super) fn scan_event(screen: &mut ChannelScreen, event: ScanEvent, ctx: &Ctx) {
    if event == ScanEvent::Done {
        screen.running = false;
    }
    screen.results.apply(event);
    screen.last_event = ctx.now;
}

pub(super) fn move_by(screen: &mut ChannelScreen, motion: Motion, ctx: &Ctx) {
    let rows = table_rows(screen, ctx);
    let page = rows.saturating_sub(1).max(1) as isize;
    let delta = motion.delta(page);
    let len = screen.visible_rows().len();
    screen.cursor.move_by(delta, len, rows);
}

pub(super) fn keep_in_view(screen: &mut ChannelScreen, ctx: &Ctx) {
    let rows = table_rows(screen, ctx);
    let len = screen.visible_rows().len();
    screen.cursor.keep_in_view(len, rows);
}

/// Enter: hand the selected member's lookup to the lookup screen, as if it
/// had been fetched there (it was: by the scan, with its own bearer).
fn open_selected(screen: &ChannelScreen) -> Reply {
    let Some(&index) = screen.visible_rows().get(screen.cursor.selected()) else {
        return Reply::default();
    };
    let row = &screen.results.rows()[index];
    let Some(member_arn) = row.member.arn.clone() else {
        return Reply::toast("The listing gave this member no ARN: there is nothing to look up");
    };
    let target = Target {
        channel_arn: screen.channel_arn.clone(),
        bearer_arn: member_arn.clone(),
        member_arn,
    };
    let result = match &row.state {
        RowState::Read(lookup) => Some(Ok((**lookup).clone())),
        RowState::Failed(error) => Some(Err(error.clone())),
        RowState::Pending => None,
    };
    Reply::nav(Nav::Hand(Box::new(Handoff::ShowLookup { target, result })))
}

pub(super) fn apply(screen: &mut ChannelScreen, action: Action, ctx: &mut Ctx) -> Reply {
    match action {
        Action::Open => return open_selected(screen),
        Action::Back => return Reply::nav(Nav::Back),
        Action::Filter(filter) => {
            screen.filter = filter;
            screen.cursor.reset();
        }
        Action::CycleSort => {
            screen.sort = screen.sort.next();
            screen.cursor.reset();
        }
        Action::Stop => return Reply::effects(screen.stop()).with_toast("scan stopped"),
        Action::Rescan => return Reply::effects(screen.start(screen.include_hidden, ctx)),
        Action::ToggleHidden => return Reply::effects(screen.start(!screen.include_hidden, ctx)),
    }
    Reply::default()
}

/// A click on a table row selects it.
pub(super) fn mouse(screen: &mut ChannelScreen, mouse: &MouseEvent, ctx: &Ctx) {
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return;
    }
    let counts = counts::row_count(screen, inner_width(ctx.body));
    let first_row = ctx.body.y + 1 + counts as u16 + 1;
    if mouse.row >= first_row {
        let len = screen.visible_rows().len();
        screen.cursor.click(usize::from(mouse.row - first_row), len);
    }
}
