//! The channel screen: a live table of every member's push state, filled
//! in as the scan reports, with per-state counts, a state filter and a
//! sort. `Enter` hands the selected member to the lookup screen.
//!
//! - `state`: its state; `filter`: the row filter and sort; `counts`: the
//!   counts above the table;
//! - `update`: keys, scan events; `keys`: its key table; `view`: drawing.

pub mod counts;
pub mod filter;
pub mod keys;
pub mod state;
mod update;
pub mod view;

use crossterm::event::MouseEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::page::{Ctx, Motion, Page, Reply, ViewCtx};
use crate::tui::job::{JobEvent, JobId};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::widgets::filter_input::FilteredList;

pub use filter::{SortKey, StateFilter};
pub use state::ChannelScreen;

impl Page for ChannelScreen {
    type Action = keys::Action;

    fn mode(&self) -> Mode {
        Mode::Channel
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

    fn on_mouse(&mut self, mouse: &MouseEvent, ctx: &mut Ctx) -> Reply {
        update::mouse(self, mouse, ctx);
        Reply::default()
    }

    fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply {
        update::move_by(self, motion, ctx);
        Reply::default()
    }

    fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply {
        if let JobEvent::Scan(event) = event
            && id == self.id
        {
            update::scan_event(self, *event, ctx);
        }
        Reply::default()
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        update::keep_in_view(self, ctx);
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
