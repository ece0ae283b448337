//! The channel screen: a live table of every member's push state, filled
//! in as the scan reports: a [`LookupTable`] of kind [`ChannelMembers`].
//! `h` scans again with or without HIDDEN members. `Enter` hands the
//! selected member to the lookup screen.
//!
//! - `kind`: what the table lists and how its rows read; `keys`: its words
//!   and key table.

pub mod keys;
pub mod kind;

pub use crate::tui::screens::lookup_table::{SortKey, StateFilter};
pub use kind::ChannelMembers;

use crate::tui::screens::lookup_table::LookupTable;

/// The channel view.
pub type ChannelScreen = LookupTable<ChannelMembers>;
