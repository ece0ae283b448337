//! One table of lookups, configured by each screen that lists lookups:
//! per-state counts, the state filters `0`–`5`, the order (`o`), `/`, the
//! rows filled in live as a job reports, the cursor, scrolling, the mouse,
//! and the report's copy (`y`) and save (`s`).
//! `Enter` hands the selected row's lookup to the lookup screen.
//!
//! A screen is a [`TableKind`]: what fills the table (its [`TableSource`]:
//! its results and its job), what a row opens, its words, its columns, and
//! what it draws beside the table. The channel view (`ChannelMembers`) and
//! the member screen (`MemberChannels`) are two kinds; a new list is a new
//! kind.
//!
//! The files depend on each other one way only, from the bottom up:
//! - `words`: a table's words; `rows`: what the table reads of its results
//!   and rows; `source`: what fills the table;
//! - `filter`: the state filter and the sort; `action`: what the keys ask;
//! - `state`: the table's state (needs only the source of its kind);
//! - `kind`: the trait a kind implements, and its columns;
//! - `offline`: a table built from a saved report, and `r` running it
//!   live;
//! - `counts`: the counts above the table; `keys`: the keys every table has
//!   (`table_bindings!`); `view`: drawing; `update`: keys, the mouse, the
//!   job's events;
//! - `report`: the table's report, for `y` (copy) and `s` (save).
//!
//! `tests/module_cycles.rs` keeps it so.

pub mod action;
pub mod counts;
pub mod filter;
pub mod keys;
pub mod kind;
mod offline;
mod report;
pub mod rows;
pub mod source;
pub mod state;
mod update;
pub mod view;
pub mod words;

use std::time::Instant;

use crossterm::event::MouseEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::page::{Ctx, Motion, Page, Reply, ViewCtx};
use crate::tui::captured::Captured;
use crate::tui::job::{JobEvent, JobId};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::widgets::filter_input::FilteredList;
use crate::tui::widgets::list::ListCursor;

pub use action::{Action, NoExtra};
pub use filter::{SortKey, StateFilter};
pub use kind::{Column, Parties, TableKind};
pub use rows::{LookupResults, LookupRow};
pub use source::TableSource;
pub use state::LookupTable;
pub use words::{KeyWords, Words};

impl<K: TableKind> Page for LookupTable<K> {
    type Action = Action<K::Extra>;

    fn mode(&self) -> Mode {
        K::MODE
    }

    fn bindings() -> &'static [Binding<Self, Self::Action>] {
        K::bindings()
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
        if id == self.id
            && self.running
            && let Some(event) = K::event(event)
        {
            update::job_event(self, event, ctx);
        }
        Reply::default()
    }

    fn on_resize(&mut self, ctx: &mut Ctx) {
        update::keep_in_view(self, ctx);
    }

    fn on_tick(&mut self, ctx: &mut Ctx) -> Reply {
        if let Some(offline) = &mut self.offline {
            offline.tick(ctx.now);
        }
        Reply::default()
    }

    /// A saved report's age changes on the minute: draw it then.
    fn wakeup(&self) -> Option<Instant> {
        self.offline.as_ref().and_then(Captured::next_change)
    }

    fn captured(&self) -> Option<&Captured> {
        self.offline.as_ref()
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

impl<K: TableKind> FilteredList for LookupTable<K> {
    fn cursor(&self) -> &ListCursor {
        &self.cursor
    }
    fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }
    fn shown(&self) -> Vec<usize> {
        self.visible_rows()
    }
    fn total(&self) -> usize {
        self.results.rows().len()
    }
    fn noun(&self) -> &'static str {
        K::WORDS.noun
    }
}
