//! What every request handler shares.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use tokio::sync::watch;

use super::dataset::Dataset;
use super::faults::FlakyCounters;
use super::request_id::RequestIds;
use super::throttle::TokenBucket;

#[derive(Debug)]
pub(super) struct ServerState {
    pub(super) dataset: Dataset,
    pub(super) latency: Duration,
    pub(super) bucket: Option<TokenBucket>,
    pub(super) requests: AtomicU64,
    pub(super) ids: RequestIds,
    pub(super) flaky: FlakyCounters,
    shutdown: watch::Receiver<bool>,
}

impl ServerState {
    pub(super) fn new(
        dataset: Dataset,
        latency: Duration,
        tps: Option<u32>,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self {
            dataset,
            latency,
            bucket: tps.map(TokenBucket::new),
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
