//! The scan itself: listing and lookups pipelined, concurrency bounded,
//! pace adapted to throttling. No terminal, no printing: it reports
//! [`ScanEvent`]s and nothing else.

use std::collections::HashSet;
use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinSet;

use crate::aws::PrefsClient;
use crate::error::{CallError, ErrorKind};
use crate::model::Target;
use crate::operation::Operation;

use super::event::{CONCURRENCY_RANGE, MemberOutcome, ScanEvent, ScanRequest};
use super::handle::RunHandle;
use super::limiter::Limiter;
use super::listing::{self, ListingMsg};
use super::pool::{LookupPool, PoolEvent};

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
pub type ScanHandle = RunHandle;

/// Spawn [`run`] on the current runtime; events arrive on the receiver.
pub fn spawn(
    client: PrefsClient,
    request: ScanRequest,
) -> (ScanHandle, UnboundedReceiver<ScanEvent>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (RunHandle::spawn(run(client, request, tx)), rx)
}

async fn drive(client: PrefsClient, mut request: ScanRequest, events: &UnboundedSender<ScanEvent>) {
    request.concurrency = request
        .concurrency
        .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
    request.max_attempts = request.max_attempts.max(1);
    let limiter = Arc::new(Limiter::new());

    // The JoinSet and the pool abort their tasks when dropped: a cancelled
    // scan leaves nothing running behind it.
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
    let mut seen = HashSet::new();
    let mut pool = LookupPool::new(
        client,
        Arc::clone(&limiter),
        request.concurrency,
        request.max_attempts,
    );

    loop {
        if !listing_open && pool.is_idle() {
            return;
        }
        let busy = !pool.is_idle();
        tokio::select! {
            Some(event) = pool.next(), if busy => match event {
                PoolEvent::Finished { index, outcome } => {
                    let _ = events.send(ScanEvent::Finished { index, outcome });
                }
                PoolEvent::Throttled { index, pace } => {
                    let _ = events.send(ScanEvent::Throttled { index: Some(index), pace });
                }
            },
            msg = list_rx.recv(), if listing_open => match msg {
                Some(ListingMsg::Page(mut members)) => {
                    // A member listed twice (a service that repeats itself)
                    // keeps its first row.
                    members.retain(|m| m.arn.as_ref().is_none_or(|arn| seen.insert(arn.clone())));
                    let first = listed;
                    listed += members.len();
                    let arns: Vec<Option<String>> = members.iter().map(|m| m.arn.clone()).collect();
                    let _ = events.send(ScanEvent::Listed { members });
                    for (offset, arn) in arns.into_iter().enumerate() {
                        let index = first + offset;
                        match arn {
                            Some(member_arn) => pool.push(index, Target {
                                channel_arn: request.channel_arn.clone(),
                                // Only the member may read its own preferences.
                                bearer_arn: member_arn.clone(),
                                member_arn,
                            }),
                            None => {
                                let err = CallError::new(Operation::ListChannelMemberships, ErrorKind::MalformedResponse)
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
                Some(ListingMsg::Capped(limit)) => {
                    listing_open = false;
                    let _ = events.send(ScanEvent::ListingCapped { limit });
                }
                None => {
                    listing_open = false;
                    let _ = events.send(ScanEvent::ListingFailed(
                        CallError::new(Operation::ListChannelMemberships, ErrorKind::UnknownCode).with_detail("listing stopped unexpectedly"),
                    ));
                }
            },
        }
    }
}
