//! The member screen: every channel one member is in, with the push state
//! on each, filled in live as the member picture (`crate::member`)
//! reports, per-state counts, the channel view's filters and sort, and the
//! member's devices beside it. `Enter` hands the selected channel's lookup
//! to the lookup screen.
//!
//! - `state`: its state; `update`: keys, the run's events; `keys`: its
//!   key table; `view`: drawing.

pub mod keys;
pub mod state;
mod update;
pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::page::{Ctx, Motion, Page, Reply, ViewCtx};
use crate::tui::job::{JobEvent, JobId};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::widgets::filter_input::FilteredList;

pub use state::MemberScreen;

impl Page for MemberScreen {
    type Action = keys::Action;

    fn mode(&self) -> Mode {
        Mode::Member
    }

    fn bindings() -> &'static [Binding<Self, Self::Action>] {
        keys::BINDINGS
    }

    fn apply(&mut self, action: Self::Action, ctx: &mut Ctx) -> Reply {
        update::apply(self, action, ctx)
    }

    fn list(&self) -> Option<&dyn FilteredList> {
        Some(self)
    }

    fn list_mut(&mut self) -> Option<&mut dyn FilteredList> {
        Some(self)
    }

    fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply {
        update::move_by(self, motion, ctx);
        Reply::default()
    }

    fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply {
        if let JobEvent::Member(event) = event
            && id == self.id
            && self.running
        {
            update::member_event(self, *event, ctx);
        }
        Reply::default()
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        update::keep_in_view(self, ctx);
    }

    fn busy(&self) -> bool {
        self.running
    }

    fn running_jobs(&self) -> Vec<JobId> {
        if self.running {
            vec![self.id]
        } else {
            Vec::new()
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &ViewCtx) {
        view::render(frame, area, self, view);
    }
}
