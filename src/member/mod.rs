//! The member picture: every channel one member is in, the push state on
//! each, and the member's devices, for the ticket that names no channel.
//!
//! Built on the channel scan and the diagnosis, not beside them:
//! - ListChannelMembershipsForAppInstanceUser is read page after page with
//!   the scan's listing ([`crate::scan`]'s paced pages), and each channel's
//!   GetChannelMembershipPreferences (the member as bearer) goes through the
//!   scan's [`LookupPool`](crate::scan::LookupPool);
//! - every one of those calls shares one pace, started at and capped by the
//!   bearer's documented quota ([`bearer_quota`]: 10/s in us-east-1, 5/s in
//!   eu-central-1), so it settles at the quota and a 429 costs a retry, not
//!   a channel; listing pages take the next slot first, so the total (and
//!   the time the run will take) is known early;
//! - the devices are the diagnosis's endpoint calls, asked once, and judged
//!   by its endpoints check ([`crate::diagnose::endpoints_check`]), and
//!   the set-up behind them (the Pinpoint apps, their channels, Chime's
//!   role and its permission) read by the diagnosis's runner and judged by
//!   its checks (`setup`).
//!
//! The engine ([`run`], [`spawn`]) reports [`MemberEvent`]s, which
//! [`MemberResults::apply`] folds into plain data; `chime-prefs member`
//! prints it with [`table`], [`json`] or [`csv`], and a screen can render it
//! as it grows.

mod engine;
mod event;
mod results;
mod setup;
mod summary;

pub mod csv;
pub mod json;
pub mod progress;
pub mod table;

pub use engine::{run, spawn};
pub use event::{MemberEvent, MemberRequest, bearer_quota};
pub use results::{ChannelRow, DeviceCounts, MemberParts, MemberResults, scope_of};
pub use setup::{SETUP_CHECKS, setup_note, setup_table, setup_value};
pub use summary::{devices_text, estimate, summary_line, time_left};

#[cfg(test)]
mod tests;
