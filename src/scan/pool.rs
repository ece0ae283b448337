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

/// One try's result (an error with what follows it: see
/// [`retry::within`]), and the deadline of the call it belongs to.
type LookupResult = (Result<Lookup, (CallError, Next)>, Instant);

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
            deadline: None,
            last_error: None,
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
                job.deadline,
                job.last_error.clone(),
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
                            (Err((CallError::new(Operation::GetChannelMembershipPreferences, ErrorKind::UnknownCode)
                                .with_detail("the lookup stopped unexpectedly"), Next::GiveUp)), Instant::now()),
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
    fn settle(&mut self, mut job: Job, (result, deadline): LookupResult) -> Option<PoolEvent> {
        job.deadline = Some(deadline);
        let outcome = match result {
            Ok(mut lookup) => {
                lookup.meta.attempts += job.tally.attempts;
                MemberOutcome::Read(Box::new(lookup))
            }
            Err((mut err, Next::OutOfTime)) => {
                retry::gave_up(&mut err, &job.tally, Next::OutOfTime, self.max_attempts);
                MemberOutcome::Failed(err)
            }
            Err((mut err, _)) => {
                match retry::after_error(
                    &err,
                    &mut job.tally,
                    retry::LOOKUP_PATIENCE,
                    self.max_attempts,
                    deadline.saturating_duration_since(Instant::now()),
                    self.jitter.sample(),
                ) {
                    Next::Retry { after, throttled } => {
                        let index = job.index;
                        job.last_error = Some(err);
                        self.queue.retry_at(job, Instant::now() + after);
                        return throttled.then(|| PoolEvent::Throttled {
                            index,
                            pace: self.limiter.rate(),
                        });
                    }
                    next @ (Next::GiveUp | Next::OutOfTime) => {
                        retry::gave_up(&mut err, &job.tally, next, self.max_attempts);
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

/// One try at one lookup, paced by the limiter, which hears how it went
/// (a 429 only when `throttle_counts`), and bounded by the call's
/// `deadline` (from this first try on when it has none yet).
async fn lookup(
    client: PrefsClient,
    limiter: Arc<Limiter>,
    target: Target,
    throttle_counts: bool,
    deadline: Option<Instant>,
    last_error: Option<CallError>,
) -> LookupResult {
    // A retry's wait for the pace counts against its call's budget, so it
    // goes ahead of lookups not yet tried (whose budget has not started).
    let ticket = match deadline {
        Some(_) => limiter.ready_first().await,
        None => limiter.ready().await,
    };
    let deadline = deadline.unwrap_or_else(|| Instant::now() + client.call_budget());
    let result = retry::within(
        deadline,
        Operation::GetChannelMembershipPreferences,
        last_error.as_ref(),
        client.get_preferences(&target),
    )
    .await;
    match &result {
        // The budget ran out: this try said nothing about the pace.
        Err((_, Next::OutOfTime)) => {}
        Err((err, _)) if err.kind == ErrorKind::Throttled => {
            if throttle_counts {
                limiter.throttled(ticket);
            }
        }
        // Any answer from the service (403s included) shows the pace was
        // accepted; local failures say nothing about it.
        Ok(_) => limiter.succeeded(),
        Err((err, _)) if err.http_status.is_some() => limiter.succeeded(),
        Err(_) => {}
    }
    (result, deadline)
}
