//! What every request handler shares.

use std::sync::Mutex;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use tokio::sync::watch;

use super::dataset::Dataset;
use super::faults::FlakyCounters;
use super::request_id::RequestIds;
use super::throttle::{BearerBuckets, TokenBucket};
use crate::operation::Operation;

#[derive(Debug)]
pub(super) struct ServerState {
    pub(super) dataset: Dataset,
    pub(super) latency: Duration,
    /// `--tps`: every request.
    pub(super) bucket: Option<TokenBucket>,
    /// `--bearer-tps`: each bearer on its own.
    pub(super) bearer_buckets: Option<BearerBuckets>,
    pub(super) requests: AtomicU64,
    pub(super) ids: RequestIds,
    pub(super) flaky: FlakyCounters,
    /// What was asked, in order: for tests that check only read-only
    /// operations were sent.
    pub(super) log: Mutex<Vec<LoggedRequest>>,
    shutdown: watch::Receiver<bool>,
}

/// One request as the demo routed it: never an ARN, a body or a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    /// The operation it was routed to; `None` when none was.
    pub operation: Option<Operation>,
    /// For a POST to `/` (IAM's query protocol), the form's `Action` as
    /// sent, whether served or refused.
    pub iam_action: Option<String>,
}

/// The rate limits, in requests per second.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Limits {
    pub(super) tps: Option<u32>,
    pub(super) bearer_tps: Option<u32>,
}

impl ServerState {
    pub(super) fn new(
        dataset: Dataset,
        latency: Duration,
        limits: Limits,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self {
            dataset,
            latency,
            bucket: limits.tps.map(TokenBucket::new),
            bearer_buckets: limits.bearer_tps.map(BearerBuckets::new),
            requests: AtomicU64::new(0),
            ids: RequestIds::new(),
            flaky: FlakyCounters::default(),
            log: Mutex::new(Vec::new()),
            shutdown,
        }
    }

    /// Resolves once the server is asked to stop (or its owner is gone).
    pub(super) async fn stopped(&self) {
        let mut shutdown = self.shutdown.clone();
        // An error means the sender is gone: the server is being dropped.
        let _ = shutdown.wait_for(|stop| *stop).await;
    }
}
