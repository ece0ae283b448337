//! The push-path screen: "would a push reach this member's phone, and if
//! not, which link breaks?" The checklist fills in live as each call of
//! the diagnosis answers; the verdict sits on top; `Enter` on a check
//! shows its evidence, advice and explanation.
//!
//! - `state`: the facts so far and their evaluation; `update`: keys and
//!   the diagnosis's events; `keys`: its key table; `view`: drawing;
//! - `report`: the screen's report, for `y` (copy) and `s` (save);
//! - `offline`: the screen built from a saved report, and `r` running it
//!   live.

pub mod keys;
mod offline;
mod report;
pub mod state;
mod update;
pub mod view;

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::page::{Ctx, Motion, Open, Page, Reply, ViewCtx};
use crate::tui::captured::Captured;
use crate::tui::job::{JobEvent, JobId};
use crate::tui::keymap::{Binding, Mode};

pub use state::PushPathScreen;

impl Page for PushPathScreen {
    type Action = keys::Action;

    fn mode(&self) -> Mode {
        Mode::PushPath
    }

    fn bindings() -> &'static [Binding<Self, Self::Action>] {
        keys::BINDINGS
    }

    fn apply(&mut self, action: Self::Action, ctx: &mut Ctx) -> Reply {
        update::apply(self, action, ctx)
    }

    fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply {
        update::move_by(self, motion, ctx);
        Reply::default()
    }

    fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply {
        if let JobEvent::Diagnose(event) = event
            && id == self.id
            && self.running
        {
            self.apply_event(*event, ctx);
        }
        Reply::default()
    }

    fn on_tick(&mut self, ctx: &mut Ctx) -> Reply {
        self.now = ctx.now;
        if let Some(offline) = &mut self.offline {
            offline.tick(ctx.now);
        }
        Reply::default()
    }

    /// The set-up's age (or the saved report's) changes on the minute:
    /// draw it then.
    fn wakeup(&self) -> Option<Instant> {
        let setup = self
            .setup_read
            .map(|read| crate::tui::setup_cache::next_age_change(read, self.now));
        let offline = self.offline.as_ref().and_then(Captured::next_change);
        setup.into_iter().chain(offline).min()
    }

    fn captured(&self) -> Option<&Captured> {
        self.offline.as_ref()
    }

    fn reopen(&mut self, open: &Open) {
        if let Open::PushPath { attributes, .. } = open {
            self.set_attributes(attributes.clone());
        }
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
