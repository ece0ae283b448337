//! The member screen: every channel one member is in, with the push state
//! on each, filled in live as the member picture (`crate::member`)
//! reports: a [`LookupTable`] of kind [`MemberChannels`], with the
//! member's devices beside it. `Enter` hands the selected channel's lookup
//! to the lookup screen.
//!
//! - `kind`: what the table lists and how its rows read; `keys`: its words
//!   and key table; `view`: the devices pane, or the devices under the
//!   table on a narrow terminal.

pub mod keys;
pub mod kind;
pub mod view;

pub use kind::MemberChannels;

use crate::tui::screens::lookup_table::LookupTable;

/// The member screen.
pub type MemberScreen = LookupTable<MemberChannels>;
