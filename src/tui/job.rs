//! Work the TUI runs in the background, as data. A screen asks for a job
//! with [`Effect::Start`](super::msg::Effect); the runtime's one registry
//! runs it and sends its results back as [`Msg::Job`](super::msg::Msg)
//! with the same id. A screen drops every result whose id it no longer
//! waits for: stale results never reach the screen.

use crate::diagnose::{Event as DiagnoseEvent, Facts};
use crate::error::CallError;
use crate::member::{MemberEvent, MemberRequest};
use crate::model::{Lookup, Target};
use crate::scan::{ScanEvent, ScanRequest};

/// Names one job for as long as the TUI runs; never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(pub u64);

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Hands out job ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobIds {
    next: u64,
}

impl Default for JobIds {
    fn default() -> Self {
        JobIds { next: 1 }
    }
}

impl JobIds {
    pub fn next_id(&mut self) -> JobId {
        let id = JobId(self.next);
        self.next += 1;
        id
    }
}

/// Every kind of background work, one variant each.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// GetChannelMembershipPreferences for one target; answers once.
    Lookup { target: Target },
    /// Every member of a channel (`crate::scan`); answers per member.
    ChannelScan { request: ScanRequest },
    /// Every call of a push-path diagnosis (`crate::diagnose::run`) that
    /// the facts still wait for; answers per call.
    Diagnose { facts: Box<Facts> },
    /// Every channel of one member, with its preferences, and the
    /// member's devices (`crate::member`); answers per channel.
    MemberChannels { request: MemberRequest },
    /// Open the connection to a region's messaging endpoint before the
    /// first lookup there (TCP and the TLS handshake, no request, no
    /// credentials); never answers: a failure shows when a lookup fails.
    WarmUp { region: String },
}

impl Job {
    /// A short name for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Lookup { .. } => "lookup",
            Job::ChannelScan { .. } => "channel scan",
            Job::Diagnose { .. } => "diagnose",
            Job::MemberChannels { .. } => "member channels",
            Job::WarmUp { .. } => "warm-up",
        }
    }
}

/// What a job reports.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    /// The lookup finished.
    Lookup(Box<Result<Lookup, CallError>>),
    /// The scan made progress.
    Scan(Box<ScanEvent>),
    /// One call of the diagnosis answered.
    Diagnose(Box<DiagnoseEvent>),
    /// The member picture made progress.
    Member(Box<MemberEvent>),
}
