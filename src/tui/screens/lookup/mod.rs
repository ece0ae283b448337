//! The lookup screen, the root of the stack: the form, the History list,
//! the result, the FilterRule or the explanation of a failure, and the
//! test panel.
//!
//! - `state` (with `form`, `history`, `outcome`, `test_panel`): its state,
//!   plain data;
//! - `update`: what keys, results and timers do to it; `remember`: what
//!   a finished lookup leaves in the history file;
//! - `keys`: its key table;
//! - `layout`: where its panes go; `docs`: the text of its scrolling panes;
//! - `view`: drawing it, one file per pane.

pub mod docs;
pub mod form;
pub mod history;
pub mod keys;
pub mod layout;
pub mod outcome;
mod remember;
pub mod state;
pub mod test_panel;
mod update;
pub mod view;

use std::time::Instant;

use crossterm::event::{KeyEvent, MouseEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::page::{Ctx, Handoff, Motion, Page, Reply, ViewCtx};
use crate::tui::job::{JobEvent, JobId};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::widgets::filter_input::FilteredList;

pub use form::{Form, FormField};
pub use history::{History, HistoryEntry, LastResult, Origin, with_earlier_runs};
pub use outcome::{Changes, Failed, InFlight, Loaded, Outcome, RuleView};
pub use state::{Focus, LookupScreen, Watch};
pub use test_panel::TestPanel;

impl LookupScreen {
    /// Fetch what the form holds, as Enter would (a prefilled
    /// `--channel-arn`).
    pub fn fetch_now(&mut self, ctx: &mut Ctx) -> Reply {
        update::fetch_form(self, ctx)
    }

    /// Run the history entry at `index`, as selecting it and pressing
    /// Enter would.
    pub fn run_entry(&mut self, index: usize, ctx: &mut Ctx) -> Reply {
        update::run_entry(self, index, ctx)
    }

    /// A closing screen hands over a lookup to show.
    pub fn receive(&mut self, handoff: Handoff, ctx: &mut Ctx) -> Reply {
        update::receive(self, handoff, ctx)
    }
}

impl Page for LookupScreen {
    type Action = keys::Action;

    fn mode(&self) -> Mode {
        match self.focus {
            Focus::Field(_) => Mode::Editing,
            Focus::TestPanel => Mode::Testing,
            Focus::History | Focus::Details => Mode::Browsing,
        }
    }

    fn bindings() -> &'static [Binding<Self, Self::Action>] {
        keys::BINDINGS
    }

    fn apply(&mut self, action: Self::Action, ctx: &mut Ctx) -> Reply {
        update::apply(self, action, ctx)
    }

    fn on_text_key(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Reply {
        update::type_key(self, key);
        Reply::default()
    }

    fn list(&self) -> Option<&dyn FilteredList> {
        (self.focus == Focus::History).then_some(&self.history as &dyn FilteredList)
    }

    fn list_mut(&mut self) -> Option<&mut dyn FilteredList> {
        (self.focus == Focus::History).then_some(&mut self.history as &mut dyn FilteredList)
    }

    fn on_paste(&mut self, text: &str, _ctx: &mut Ctx) -> Reply {
        update::paste(self, text);
        Reply::default()
    }

    fn on_mouse(&mut self, mouse: &MouseEvent, ctx: &mut Ctx) -> Reply {
        update::mouse(self, mouse, ctx);
        Reply::default()
    }

    fn on_move(&mut self, motion: Motion, ctx: &mut Ctx) -> Reply {
        update::move_by(self, motion, ctx);
        Reply::default()
    }

    fn can_move(&self) -> Result<(), String> {
        keys::has_details(self)
    }

    fn on_job(&mut self, id: JobId, event: JobEvent, ctx: &mut Ctx) -> Reply {
        match event {
            JobEvent::Lookup(result) => update::lookup_done(self, id, *result, ctx),
            JobEvent::Scan(_) | JobEvent::Diagnose(_) | JobEvent::Member(_) => Reply::default(),
        }
    }

    fn on_tick(&mut self, ctx: &mut Ctx) -> Reply {
        update::tick(self, ctx)
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        update::keep_in_view(self, ctx);
    }

    fn wakeup(&self) -> Option<Instant> {
        if self.watch.enabled && !self.loading() {
            self.watch.next_due
        } else {
            None
        }
    }

    fn busy(&self) -> bool {
        self.loading()
    }

    fn running_jobs(&self) -> Vec<JobId> {
        self.in_flight.iter().map(|f| f.id).collect()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &ViewCtx) {
        view::render(frame, area, self, view);
    }
}
