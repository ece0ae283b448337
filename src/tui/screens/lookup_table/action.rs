//! What a table's keys ask for: the actions every table has, and a kind's
//! own (of its `Extra` type).

use super::filter::StateFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<E> {
    /// Enter: the selected row's lookup, on the lookup screen.
    Open,
    /// Esc: back to the lookup screen; the job goes on.
    Back,
    Filter(StateFilter),
    CycleSort,
    Stop,
    Rerun,
    /// `y`: the report's Markdown to the clipboard.
    Copy,
    /// `s`: the report saved as Markdown and JSON.
    Save,
    /// `r`: a saved report run live.
    Live,
    /// One of the kind's own keys.
    Kind(E),
}

/// A table with no keys of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoExtra {}
