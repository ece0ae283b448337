//! What a member picture asks for, and what it reports while it runs.

use crate::arn::MemberArn;
use crate::diagnose;
use crate::error::CallError;
use crate::model::UserChannelMembership;
use crate::scan::{DEFAULT_CONCURRENCY, MemberOutcome};

/// Chime's documented API rate per bearer (AppInstanceUser or bot), in
/// requests per second: 10 in us-east-1, 5 in eu-central-1. Any other
/// region (where Chime SDK messaging does not run) gets the lower one.
pub fn bearer_quota(region: &str) -> f64 {
    match region {
        "us-east-1" => 10.0,
        _ => 5.0,
    }
}

/// The picture of one member: every channel it is in, its preferences on
/// each, and its devices.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRequest {
    pub member_arn: String,
    /// Who lists the channels: the member itself, or an AppInstanceAdmin
    /// (only an admin may list another user's). Preferences are always read
    /// with the member as bearer.
    pub lister_arn: String,
    /// The app instance's region and account, which the devices' Pinpoint
    /// apps must match.
    pub region: String,
    pub account: String,
    /// Lookups in flight at most; clamped to `scan::CONCURRENCY_RANGE`.
    pub concurrency: usize,
    /// Attempts per call for transient server errors (see
    /// `scan::ScanRequest::max_attempts`: give it a one-attempt client).
    pub max_attempts: u32,
    /// Requests per second the whole run keeps to: every listing page and
    /// every lookup shares one pace, since they share one bearer (or, with
    /// an admin lister, nearly so). Starts there and never climbs past it.
    pub bearer_quota: f64,
    /// Channels listed at most (`--max-items`); the listing stops there
    /// and says so.
    pub max_items: usize,
}

impl MemberRequest {
    /// Listing as `lister_arn` (the member's own ARN, or an admin's), at the
    /// member's region's quota and the default concurrency.
    pub fn new(member: &MemberArn, lister_arn: impl Into<String>) -> Self {
        Self {
            member_arn: member.raw.clone(),
            lister_arn: lister_arn.into(),
            region: member.scope.region.clone(),
            account: member.scope.account.clone(),
            concurrency: DEFAULT_CONCURRENCY,
            max_attempts: crate::aws::DEFAULT_MAX_ATTEMPTS,
            bearer_quota: bearer_quota(&member.scope.region),
            max_items: crate::scan::DEFAULT_MAX_ITEMS,
        }
    }

    /// What the devices are judged against (the app instance's scope).
    pub fn scope(&self) -> diagnose::Scope {
        diagnose::Scope {
            region: self.region.clone(),
            account: self.account.clone(),
            channel_arn: String::new(),
            member_arn: self.member_arn.clone(),
            admin_arn: None,
        }
    }
}

/// Reported by [`super::run`]: `Listed` and `Finished` interleave (lookups
/// start with the first page), `Devices` whenever the identity calls answer,
/// one of `ListingComplete` / `ListingFailed` once listing ends, and `Done`
/// last. A `Finished` index is the channel's place in listing order.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberEvent {
    /// A page of the member's channels, appended in listing order.
    Listed {
        channels: Vec<UserChannelMembership>,
    },
    /// Every page was listed; `total` channels in all.
    ListingComplete { total: usize },
    /// Listing stopped with this error; channels already listed are still
    /// read.
    ListingFailed(CallError),
    /// Listing stopped at `--max-items` (`limit`): there may be more.
    ListingCapped { limit: usize },
    /// A call was throttled and will be retried; `pace` is the rate now
    /// kept to. `index` is the channel's, `None` for a listing page.
    Throttled {
        index: Option<usize>,
        pace: Option<f64>,
    },
    /// One channel's lookup ended.
    Finished {
        index: usize,
        outcome: MemberOutcome,
    },
    /// An answer about the member's devices (the endpoint list, then each
    /// endpoint's describe), as the diagnosis reports it.
    Devices(diagnose::Event),
    /// Nothing more will follow.
    Done,
}
