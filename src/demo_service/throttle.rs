//! Rate limits: `--tps N` for the whole service (N requests per second,
//! bursts of N), and `--bearer-tps N` for each `x-amz-chime-bearer` on its
//! own, as Chime limits API calls per AppInstanceUser (10 per second in
//! us-east-1, 5 in eu-central-1).

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::time::Instant;

/// Most bearers tracked at once; beyond it, idle (full) buckets are dropped.
const MAX_TRACKED_BEARERS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

impl Bucket {
    fn full(rate: f64) -> Self {
        Bucket {
            tokens: rate,
            refilled: Instant::now(),
        }
    }

    /// Refills for the time passed, then takes a token if there is one.
    fn try_take(&mut self, rate: f64) -> bool {
        let now = Instant::now();
        let elapsed = now.saturating_duration_since(self.refilled).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(rate);
        self.refilled = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    fn is_full(&self, rate: f64) -> bool {
        let elapsed = Instant::now()
            .saturating_duration_since(self.refilled)
            .as_secs_f64();
        self.tokens + elapsed * rate >= rate
    }
}

/// One token bucket for every request.
#[derive(Debug)]
pub(super) struct TokenBucket {
    rate: f64,
    state: Mutex<Bucket>,
}

impl TokenBucket {
    /// A full bucket allowing `tps` requests per second (`tps` ≥ 1).
    pub(super) fn new(tps: u32) -> Self {
        let rate = f64::from(tps.max(1));
        Self {
            rate,
            state: Mutex::new(Bucket::full(rate)),
        }
    }

    /// Takes one token; `false` means the request is over the limit.
    pub(super) fn try_take(&self) -> bool {
        let mut bucket = self.state.lock().unwrap_or_else(|p| p.into_inner());
        bucket.try_take(self.rate)
    }
}

/// One token bucket per bearer.
#[derive(Debug)]
pub(super) struct BearerBuckets {
    rate: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl BearerBuckets {
    /// `tps` requests per second for each bearer (`tps` ≥ 1).
    pub(super) fn new(tps: u32) -> Self {
        Self {
            rate: f64::from(tps.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one of `bearer`'s tokens; `false` means it is over its limit.
    pub(super) fn try_take(&self, bearer: &str) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if !buckets.contains_key(bearer) && buckets.len() >= MAX_TRACKED_BEARERS {
            let rate = self.rate;
            buckets.retain(|_, bucket| !bucket.is_full(rate));
        }
        buckets
            .entry(bearer.to_string())
            .or_insert_with(|| Bucket::full(self.rate))
            .try_take(self.rate)
    }
}
