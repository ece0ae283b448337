//! What fills a table of lookups: its results and the job that reads
//! them. The table's state needs only this of its kind; the rest of a kind
//! ([`super::kind::TableKind`]) is about the table, and builds on it.

use super::rows::LookupResults;
use crate::tui::job::{Job, JobEvent};
use crate::tui::screens::page::Ctx;

/// Rows of the table's kind.
pub type RowOf<K> = <<K as TableSource>::Results as LookupResults>::Row;
/// Events of the table's kind.
pub type EventOf<K> = <<K as TableSource>::Results as LookupResults>::Event;

/// What a table lists and how it is read. Plain data (what the table
/// lists), and pure functions of it.
pub trait TableSource: std::fmt::Debug + Clone + PartialEq + Sized + 'static {
    type Results: LookupResults;

    /// Empty results, for a new run.
    fn new_results(&self) -> Self::Results;
    /// The job that fills the table.
    fn job(&self, ctx: &Ctx) -> Job;
    /// This kind's events among a job's.
    fn event(event: JobEvent) -> Option<EventOf<Self>>;
}
