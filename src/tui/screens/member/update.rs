//! What keys and the member picture's events do to the member screen.

use super::keys::Action;
use super::state::MemberScreen;
use super::view;
use crate::member::MemberEvent;
use crate::model::Target;
use crate::scan::RowState;
use crate::tui::screens::page::{Ctx, Handoff, Motion, Nav, Reply};

/// Rows of the channel table at the current size.
pub fn table_rows(screen: &MemberScreen, ctx: &Ctx) -> usize {
    view::table_rows(screen, ctx.body).max(1)
}

pub(super) fn member_event(screen: &mut MemberScreen, event: MemberEvent, ctx: &Ctx) {
    if event == MemberEvent::Done {
        screen.running = false;
    }
    screen.results.apply(event);
    screen.last_event = ctx.now;
}

pub(super) fn move_by(screen: &mut MemberScreen, motion: Motion, ctx: &Ctx) {
    let rows = table_rows(screen, ctx);
    let page = rows.saturating_sub(1).max(1) as isize;
    let delta = motion.delta(page);
    let len = screen.visible_rows().len();
    screen.cursor.move_by(delta, len, rows);
}

pub(super) fn keep_in_view(screen: &mut MemberScreen, ctx: &Ctx) {
    let rows = table_rows(screen, ctx);
    let len = screen.visible_rows().len();
    screen.cursor.keep_in_view(len, rows);
}

/// Enter: the selected channel's lookup for the member, handed to the
/// lookup screen as if fetched there (it was: with the member as bearer).
fn open_selected(screen: &MemberScreen) -> Reply {
    let Some(row) = screen.selected_row() else {
        return Reply::default();
    };
    let Some(channel_arn) = row.arn() else {
        return Reply::toast("The listing gave this channel no ARN: there is nothing to look up");
    };
    let member_arn = screen.member_arn().to_string();
    let target = Target {
        channel_arn: channel_arn.to_string(),
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

pub(super) fn apply(screen: &mut MemberScreen, action: Action, ctx: &mut Ctx) -> Reply {
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
        Action::Stop => {
            return Reply::effects(screen.stop()).with_toast("stopped; what was read stays");
        }
        Action::Rerun => {
            return Reply::effects(screen.start(ctx))
                .with_toast("listing the member's channels again");
        }
    }
    Reply::default()
}
