//! A global token bucket for `--tps N`: N requests per second, bursts of N.

use std::sync::Mutex;

use tokio::time::Instant;

#[derive(Debug)]
pub(super) struct TokenBucket {
    rate: f64,
    burst: f64,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

impl TokenBucket {
    /// A full bucket allowing `tps` requests per second (`tps` ≥ 1).
    pub(super) fn new(tps: u32) -> Self {
        let rate = f64::from(tps.max(1));
        Self {
            rate,
            burst: rate,
            state: Mutex::new(Bucket {
                tokens: rate,
                refilled: Instant::now(),
            }),
        }
    }

    /// Takes one token; `false` means the request is over the limit.
    pub(super) fn try_take(&self) -> bool {
        let mut bucket = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let elapsed = now.saturating_duration_since(bucket.refilled).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate).min(self.burst);
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
