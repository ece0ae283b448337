//! The scan itself: listing and lookups pipelined, concurrency bounded,
//! pace adapted to throttling. No terminal, no printing: it reports
//! [`ScanEvent`]s and nothing else.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::{Id, JoinHandle, JoinSet};
use tokio::time::Instant;

use crate::aws::PrefsClient;
use crate::error::{CallError, ErrorKind};
use crate::model::{Lookup, Target};

use super::event::{CONCURRENCY_RANGE, MemberOutcome, ScanEvent, ScanRequest};
use super::limiter::Limiter;
use super::listing::{self, ListingMsg};
use super::queue::{Job, Queue};
use super::retry::{self, Jitter, Next, Tally};

/// Run one scan to the end, reporting on `events`.
///
/// It stops early, dropping every request in flight, when the receiver is
/// dropped or when the task running it is aborted. `Done` is sent last
/// unless it stopped early.
pub async fn run(client: PrefsClient, request: ScanRequest, events: UnboundedSender<ScanEvent>) {
    tokio::select! {
        biased;
        () = events.closed() => tracing::debug!("scan receiver dropped; stopping"),
        () = drive(client, request, &events) => {
            let _ = events.send(ScanEvent::Done);
        }
    }
}

/// A scan running on its own task. Dropping the handle (or
/// [`ScanHandle::cancel`]) stops it.
#[derive(Debug)]
pub struct ScanHandle {
    task: JoinHandle<()>,
}

/// Spawn [`run`] on the current runtime; events arrive on the receiver.
pub fn spawn(
    client: PrefsClient,
    request: ScanRequest,
) -> (ScanHandle, UnboundedReceiver<ScanEvent>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(run(client, request, tx));
    (ScanHandle { task }, rx)
}

impl ScanHandle {
    /// Stop issuing requests, drop those in flight, and wait until the scan
    /// has stopped. Events sent before that stay in the receiver; after it
    /// the receiver yields `None` once drained.
    pub async fn cancel(mut self) {
        self.task.abort();
        let _ = (&mut self.task).await;
    }

    /// Whether the scan has ended (finished or cancelled).
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for ScanHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type LookupResult = Result<Lookup, CallError>;

async fn drive(client: PrefsClient, mut request: ScanRequest, events: &UnboundedSender<ScanEvent>) {
    request.concurrency = request
        .concurrency
        .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
    request.max_attempts = request.max_attempts.max(1);
    let limiter = Arc::new(Limiter::new());
    let mut jitter = Jitter::from_clock();

    // Both JoinSets abort their tasks when dropped: a cancelled scan leaves
    // nothing running behind it.
    let (list_tx, mut list_rx) = mpsc::unbounded_channel();
    let mut listing_task = JoinSet::new();
    listing_task.spawn(listing::list_all(
        client.clone(),
        request.clone(),
        Arc::clone(&limiter),
        list_tx,
    ));
    let mut listing_open = true;
    let mut listed = 0usize;

    let mut queue = Queue::default();
    let mut inflight: JoinSet<LookupResult> = JoinSet::new();
    let mut running: HashMap<Id, Job> = HashMap::new();

    loop {
        queue.release_due(Instant::now());
        while inflight.len() < request.concurrency {
            let Some(job) = queue.pop_ready() else { break };
            let target = Target {
                channel_arn: request.channel_arn.clone(),
                member_arn: job.member_arn.clone(),
                // Only the member may read its own preferences.
                bearer_arn: job.member_arn.clone(),
            };
            // Only a member's first 429 may lower the pace (see limiter.rs).
            let first_throttle_counts = job.tally.throttled == 0;
            let handle = inflight.spawn(lookup(
                client.clone(),
                Arc::clone(&limiter),
                target,
                first_throttle_counts,
            ));
            running.insert(handle.id(), job);
        }
        if !listing_open && inflight.is_empty() && queue.is_empty() {
            return;
        }
        let next_due = queue.next_due();
        tokio::select! {
            Some(joined) = inflight.join_next_with_id() => {
                let (job, result) = match joined {
                    Ok((id, result)) => (running.remove(&id), result),
                    Err(join_error) => (
                        running.remove(&join_error.id()),
                        Err(CallError::new(crate::operation::Operation::GetChannelMembershipPreferences, ErrorKind::UnknownCode)
                            .with_detail("the lookup stopped unexpectedly")),
                    ),
                };
                if let Some(job) = job {
                    settle(job, result, &request, &limiter, &mut queue, &mut jitter, events);
                }
            }
            msg = list_rx.recv(), if listing_open => match msg {
                Some(ListingMsg::Page(members)) => {
                    let first = listed;
                    listed += members.len();
                    let arns: Vec<Option<String>> = members.iter().map(|m| m.arn.clone()).collect();
                    let _ = events.send(ScanEvent::Listed { members });
                    for (offset, arn) in arns.into_iter().enumerate() {
                        let index = first + offset;
                        match arn {
                            Some(member_arn) => queue.push(Job { index, member_arn, tally: Tally::default() }),
                            None => {
                                let err = CallError::new(crate::operation::Operation::ListChannelMemberships, ErrorKind::MalformedResponse)
                                    .with_detail("ListChannelMemberships gave this member without an ARN");
                                let _ = events.send(ScanEvent::Finished { index, outcome: MemberOutcome::Failed(err) });
                            }
                        }
                    }
                }
                Some(ListingMsg::Throttled) => {
                    let _ = events.send(ScanEvent::Throttled { index: None, pace: limiter.rate() });
                }
                Some(ListingMsg::Complete) => {
                    listing_open = false;
                    let _ = events.send(ScanEvent::ListingComplete { total: listed });
                }
                Some(ListingMsg::Failed(err)) => {
                    listing_open = false;
                    let _ = events.send(ScanEvent::ListingFailed(err));
                }
                None => {
                    listing_open = false;
                    let _ = events.send(ScanEvent::ListingFailed(
                        CallError::new(crate::operation::Operation::ListChannelMemberships, ErrorKind::UnknownCode).with_detail("listing stopped unexpectedly"),
                    ));
                }
            },
            () = sleep_until_due(next_due), if next_due.is_some() => {}
        }
    }
}

async fn sleep_until_due(due: Option<Instant>) {
    if let Some(due) = due {
        tokio::time::sleep_until(due).await;
    }
}

/// One attempt at one member's preferences, paced by the limiter, which
/// hears how it went (a 429 only when `throttle_counts`).
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

/// Report a finished lookup, or put it back in the queue to try again.
fn settle(
    mut job: Job,
    result: LookupResult,
    request: &ScanRequest,
    limiter: &Limiter,
    queue: &mut Queue,
    jitter: &mut Jitter,
    events: &UnboundedSender<ScanEvent>,
) {
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
                request.max_attempts,
                jitter.sample(),
            ) {
                Next::Retry { after, throttled } => {
                    if throttled {
                        let _ = events.send(ScanEvent::Throttled {
                            index: Some(job.index),
                            pace: limiter.rate(),
                        });
                    }
                    queue.retry_at(job, Instant::now() + after);
                    return;
                }
                Next::GiveUp => {
                    err.attempts = job.tally.attempts;
                    MemberOutcome::Failed(err)
                }
            }
        }
    };
    let _ = events.send(ScanEvent::Finished {
        index: job.index,
        outcome,
    });
}
