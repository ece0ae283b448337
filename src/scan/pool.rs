//! Paced, retried GetChannelMembershipPreferences lookups for a stream of
//! targets: the part of a scan that does not care what was listed. The
//! channel scan feeds it members; the member picture feeds it channels.
//!
//! At most `concurrency` lookups are in flight; each start waits for the
//! [`Limiter`]; a throttled or transiently failed lookup goes back in the
//! queue ([`retry`](super::retry)) instead of being lost.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::task::{Id, JoinSet};
use tokio::time::Instant;

use crate::aws::PrefsClient;
use crate::error::{CallError, ErrorKind};
use crate::model::{Lookup, Target};
use crate::operation::Operation;

use super::event::MemberOutcome;
use super::limiter::Limiter;
use super::queue::{Job, Queue};
use super::retry::{self, Jitter, Next, Tally};

type LookupResult = Result<Lookup, CallError>;

/// What the pool reports.
#[derive(Debug)]
pub enum PoolEvent {
    /// A lookup ended (read, or failed for good).
    Finished {
        index: usize,
        outcome: MemberOutcome,
    },
    /// A lookup was throttled and will be tried again; `pace` is the rate
    /// now kept to.
    Throttled { index: usize, pace: Option<f64> },
}

/// The lookups of one run. Dropping it aborts every lookup in flight.
pub struct LookupPool {
    client: PrefsClient,
    limiter: Arc<Limiter>,
    concurrency: usize,
    max_attempts: u32,
    queue: Queue,
    inflight: JoinSet<LookupResult>,
    running: HashMap<Id, Job>,
    jitter: Jitter,
}

impl LookupPool {
    pub fn new(
        client: PrefsClient,
        limiter: Arc<Limiter>,
        concurrency: usize,
        max_attempts: u32,
    ) -> Self {
        Self {
            client,
            limiter,
            concurrency: concurrency.max(1),
            max_attempts: max_attempts.max(1),
            queue: Queue::default(),
            inflight: JoinSet::new(),
            running: HashMap::new(),
            jitter: Jitter::from_clock(),
        }
    }

    /// Queue a lookup, after everything already waiting.
    pub fn push(&mut self, index: usize, target: Target) {
        self.queue.push(Job {
            index,
            target,
            tally: Tally::default(),
        });
    }

    /// Nothing in flight and nothing waiting.
    pub fn is_idle(&self) -> bool {
        self.inflight.is_empty() && self.queue.is_empty()
    }

    fn fill(&mut self) {
        self.queue.release_due(Instant::now());
        while self.inflight.len() < self.concurrency {
            let Some(job) = self.queue.pop_ready() else {
                break;
            };
            // Only a lookup's first 429 may lower the pace (see limiter.rs).
            let first_throttle_counts = job.tally.throttled == 0;
            let handle = self.inflight.spawn(lookup(
                self.client.clone(),
                Arc::clone(&self.limiter),
                job.target.clone(),
                first_throttle_counts,
            ));
            self.running.insert(handle.id(), job);
        }
    }

    /// The next thing to report; `None` once idle. Cancel-safe: dropping
    /// the future loses nothing.
    pub async fn next(&mut self) -> Option<PoolEvent> {
        loop {
            self.fill();
            if self.is_idle() {
                return None;
            }
            let next_due = self.queue.next_due();
            tokio::select! {
                Some(joined) = self.inflight.join_next_with_id() => {
                    let (job, result) = match joined {
                        Ok((id, result)) => (self.running.remove(&id), result),
                        Err(join_error) => (
                            self.running.remove(&join_error.id()),
                            Err(CallError::new(Operation::GetChannelMembershipPreferences, ErrorKind::UnknownCode)
                                .with_detail("the lookup stopped unexpectedly")),
                        ),
                    };
                    if let Some(job) = job
                        && let Some(event) = self.settle(job, result)
                    {
                        return Some(event);
                    }
                }
                () = sleep_until_due(next_due), if next_due.is_some() => {}
            }
        }
    }

    /// Report a finished lookup, or put it back in the queue.
    fn settle(&mut self, mut job: Job, result: LookupResult) -> Option<PoolEvent> {
        let outcome = match result {
            Ok(mut lookup) => {
                lookup.meta.attempts += job.tally.attempts;
                MemberOutcome::Read(Box::new(lookup))
            }
            Err(mut err) => {
                match retry::after_error(
                    &err,
                    &mut job.tally,
                    retry::LOOKUP_PATIENCE,
                    self.max_attempts,
                    self.jitter.sample(),
                ) {
                    Next::Retry { after, throttled } => {
                        let index = job.index;
                        self.queue.retry_at(job, Instant::now() + after);
                        return throttled.then(|| PoolEvent::Throttled {
                            index,
                            pace: self.limiter.rate(),
                        });
                    }
                    Next::GiveUp => {
                        err.attempts = job.tally.attempts;
                        MemberOutcome::Failed(err)
                    }
                }
            }
        };
        Some(PoolEvent::Finished {
            index: job.index,
            outcome,
        })
    }
}

async fn sleep_until_due(due: Option<Instant>) {
    if let Some(due) = due {
        tokio::time::sleep_until(due).await;
    }
}

/// One attempt at one lookup, paced by the limiter, which hears how it went
/// (a 429 only when `throttle_counts`).
async fn lookup(
    client: PrefsClient,
    limiter: Arc<Limiter>,
    target: Target,
    throttle_counts: bool,
) -> LookupResult {
    let ticket = limiter.ready().await;
    let result = client.get_preferences(&target).await;
    match &result {
        Err(err) if err.kind == ErrorKind::Throttled => {
            if throttle_counts {
                limiter.throttled(ticket);
            }
        }
        // Any answer from the service (403s included) shows the pace was
        // accepted; local failures say nothing about it.
        Ok(_) => limiter.succeeded(),
        Err(err) if err.http_status.is_some() => limiter.succeeded(),
        Err(_) => {}
    }
    result
}
