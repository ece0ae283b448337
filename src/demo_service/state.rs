//! What every request handler shares.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use tokio::sync::watch;

use super::dataset::Dataset;
use super::faults::FlakyCounters;
use super::request_id::RequestIds;
use super::throttle::{BearerBuckets, TokenBucket};

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
    shutdown: watch::Receiver<bool>,
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
