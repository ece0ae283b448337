//! Channel scan: list a channel's members and read each one's preferences.
//!
//! The engine ([`run`], [`spawn`]) is free of terminal code: it reports
//! [`ScanEvent`]s, which [`ScanResults::apply`] folds into plain data (rows in
//! listing order, per-state counts). `chime-prefs scan` prints that data with
//! [`table`], [`json`] or [`csv`]; a UI can render it as it grows.
//!
//! How it works:
//! - listing (ListChannelMemberships, 50 a page, DEFAULT then HIDDEN) and
//!   lookups are pipelined: lookups start as soon as the first page arrives;
//! - at most `concurrency` lookups are in flight, each with the member's own
//!   ARN as bearer (only the owner may read a membership's preferences);
//! - request starts are paced by an AIMD [`limiter`] once the service
//!   throttles, and a throttled call goes back in the queue ([`retry`]), so
//!   throttling slows a scan down instead of losing members; `--timeout`
//!   still bounds each call, its paced retries included;
//! - a member listed twice keeps one row, and the listing stops at
//!   `--max-items` ([`ScanRequest::max_items`]) and says so: a list that is
//!   not whole carries its [`ScanResults::partial_reason`] into every
//!   output format.

mod engine;
mod event;
#[cfg(test)]
pub(crate) mod fixtures;
mod handle;
pub(crate) mod listing;
mod pool;
mod queue;
pub(crate) mod results;
mod summary;

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod limiter;
pub(crate) mod progress;
pub mod retry;
pub(crate) mod table;

pub use engine::{ScanHandle, run, spawn};
pub use event::{
    CONCURRENCY_RANGE, DEFAULT_CONCURRENCY, DEFAULT_MAX_ITEMS, MemberOutcome, ScanEvent,
    ScanRequest,
};
pub use handle::RunHandle;
pub use pool::{LookupPool, PoolEvent};
pub use results::{Listing, Row, RowState, ScanResults, Unfinished};
pub use summary::{PushState, Summary};
