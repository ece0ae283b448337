//! What a scan asks for, and what it reports while it runs.

use crate::error::CallError;
use crate::model::{Lookup, Member};

/// Lookups in flight at once when neither the flag nor the config says.
/// Chosen by measurement (BENCHMARKS.md, "Channel scan").
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Items a listing returns at most unless `--max-items` says otherwise: far
/// above any real channel (10,000 members by default) or user (20,000
/// channels), so reaching it means a service that pages on and on.
pub const DEFAULT_MAX_ITEMS: usize = 100_000;
/// The accepted range for concurrency.
pub const CONCURRENCY_RANGE: std::ops::RangeInclusive<usize> = 1..=64;

/// One scan of one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRequest {
    pub channel_arn: String,
    /// Who lists the members (a member, moderator or AppInstanceAdmin). Each
    /// member's preferences are read with that member's own ARN as bearer.
    pub bearer_arn: String,
    /// Also list HIDDEN members (a second listing pass).
    pub include_hidden: bool,
    /// Lookups in flight at most; clamped to [`CONCURRENCY_RANGE`].
    pub concurrency: usize,
    /// Attempts per call for transient server errors, counting the client's
    /// own retries: with a client built with one attempt, the scan does the
    /// retrying; with a client that already makes this many attempts, the
    /// scan adds none. Throttling has its own, larger allowance (see
    /// `retry::LOOKUP_PATIENCE`).
    ///
    /// Give the scan a client built with `max_attempts: 1` (as
    /// `chime-prefs scan` does): the pacing then hears every 429 at once,
    /// and under throttling it sends a quarter fewer requests and loses no
    /// member where the SDK's own retries did (BENCHMARKS.md, "Channel scan").
    pub max_attempts: u32,
    /// Members listed at most (`--max-items`, DEFAULT and HIDDEN together);
    /// the listing stops there and says so.
    pub max_items: usize,
}

impl ScanRequest {
    pub fn new(channel_arn: impl Into<String>, bearer_arn: impl Into<String>) -> Self {
        Self {
            channel_arn: channel_arn.into(),
            bearer_arn: bearer_arn.into(),
            include_hidden: false,
            concurrency: DEFAULT_CONCURRENCY,
            max_attempts: crate::aws::DEFAULT_MAX_ATTEMPTS,
            max_items: DEFAULT_MAX_ITEMS,
        }
    }
}

/// How one member's lookup ended.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberOutcome {
    Read(Box<Lookup>),
    Failed(CallError),
}

/// Reported by [`super::run`], in this order: `Listed` and `Finished` events
/// interleave (lookups start as soon as the first page arrives), then one of
/// `ListingComplete` / `ListingFailed` once listing ends, and `Done` last.
/// `Finished` may come in any order; its `index` is the member's position
/// in listing order (the count of members in earlier `Listed` events plus its
/// place in its own).
#[derive(Debug, Clone, PartialEq)]
pub enum ScanEvent {
    /// A page of members, appended in listing order.
    Listed { members: Vec<Member> },
    /// Every page was listed; `total` members in all.
    ListingComplete { total: usize },
    /// Listing stopped with this error. Members already listed are still
    /// read, and their `Finished` events still follow.
    ListingFailed(CallError),
    /// Listing stopped at `--max-items` (`limit`): there may be more.
    ListingCapped { limit: usize },
    /// A call was throttled and will be retried; `pace` is the rate the scan
    /// now keeps to (requests per second), `None` while unpaced.
    Throttled {
        index: Option<usize>,
        pace: Option<f64>,
    },
    /// One member's lookup ended.
    Finished {
        index: usize,
        outcome: MemberOutcome,
    },
    /// Nothing more will follow.
    Done,
}
