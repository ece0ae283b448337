//! A table's state: what its kind lists, the results as they arrive, and
//! the choices of rows and order. Plain data, changed only by `update`.

use std::time::{Instant, SystemTime};

use super::filter::{self, SortKey, StateFilter};
use super::rows::{LookupResults, LookupRow, row_texts};
use super::source::{RowOf, TableSource};
use crate::scan::Unfinished;
use crate::tui::captured::Captured;
use crate::tui::job::JobId;
use crate::tui::msg::Effect;
use crate::tui::screens::page::Ctx;
use crate::tui::widgets::list::ListCursor;

#[derive(Debug, Clone, PartialEq)]
pub struct LookupTable<K: TableSource> {
    /// The job filling the table; events of any other id are stale.
    pub id: JobId,
    /// What the table lists (a channel's members, a member's channels).
    pub source: K,
    pub results: K::Results,
    pub filter: StateFilter,
    pub sort: SortKey,
    /// Position in the filtered, sorted rows.
    pub cursor: ListCursor,
    pub running: bool,
    pub started: Instant,
    /// When the last event arrived (for the rate, and the time it took).
    pub last_event: Instant,
    /// When the job started, or finished once it did: what the report
    /// says it was captured at.
    pub captured: SystemTime,
    /// The saved report shown, while offline (`chime-prefs open`): the
    /// rows are the captured ones and no call is made until `r`.
    pub offline: Option<Captured>,
}

impl<K: TableSource> LookupTable<K> {
    /// A table of `results`, captured at `captured`, with no job running:
    /// start one with [`LookupTable::start`].
    pub fn new(source: K, results: K::Results, now: Instant, captured: SystemTime) -> Self {
        LookupTable {
            id: JobId(0),
            source,
            results,
            filter: StateFilter::Everyone,
            sort: SortKey::Listing,
            cursor: ListCursor::default(),
            running: false,
            started: now,
            last_event: now,
            captured,
            offline: None,
        }
    }

    /// A table of `source` and the effect that starts filling it.
    pub fn opened(source: K, ctx: &mut Ctx) -> (Self, Vec<Effect>) {
        let results = source.new_results();
        let mut table = LookupTable::new(source, results, ctx.now, ctx.wall);
        let effects = table.start(ctx);
        (table, effects)
    }

    /// (Re)start the job, stopping the one running; the rows are replaced
    /// by the new job's. The state filter and the sort stay. Until the job
    /// is done, a report of the table says it was still running.
    pub fn start(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let mut effects = self.stop();
        self.id = ctx.ids.next_id();
        self.results = self.source.new_results();
        self.results.mark_unfinished(Unfinished::Running);
        self.cursor = ListCursor::default();
        self.running = true;
        self.started = ctx.now;
        self.last_event = ctx.now;
        self.captured = ctx.wall;
        effects.push(Effect::Start {
            id: self.id,
            job: self.source.job(ctx),
        });
        effects
    }

    /// Stop a running job, keeping what it read; a report of the table
    /// says it was stopped (`x`).
    pub fn stop(&mut self) -> Vec<Effect> {
        if self.running {
            self.running = false;
            self.results.mark_unfinished(Unfinished::Stopped);
            vec![Effect::Cancel { id: self.id }]
        } else {
            Vec::new()
        }
    }

    /// Indices into `results.rows()` of the rows shown, in display order.
    pub fn visible_rows(&self) -> Vec<usize> {
        let rows = self.results.rows();
        let query = &self.cursor.filter;
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| self.filter.keeps_state(rows[i].state()))
            .filter(|&i| query.matches(row_texts(&rows[i])))
            .collect();
        match self.sort {
            SortKey::Listing => {}
            SortKey::State => shown.sort_by_key(|&i| filter::rank_of(rows[i].state())),
            SortKey::Name => {
                shown.sort_by_cached_key(|&i| rows[i].name().unwrap_or("").to_lowercase())
            }
        }
        shown
    }

    /// The selected row, if any is shown.
    pub fn selected_row(&self) -> Option<&RowOf<K>> {
        let index = *self.visible_rows().get(self.cursor.selected())?;
        self.results.rows().get(index)
    }

    /// Seconds from the start to the last event.
    pub fn elapsed_secs(&self) -> f64 {
        self.last_event
            .saturating_duration_since(self.started)
            .as_secs_f64()
    }
}
