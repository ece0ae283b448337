//! The member picture: the member's channels listed and each one's
//! preferences read, pipelined, every call at one pace (the bearer's
//! quota); the devices asked about once, beside them. No terminal, no
//! printing: it reports [`MemberEvent`]s and nothing else.

use std::collections::HashSet;
use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinSet;

use crate::aws::PrefsClient;
use crate::diagnose;
use crate::error::{CallError, ErrorKind};
use crate::model::{Target, UserChannelMembership};
use crate::operation::Operation;
use crate::scan::limiter::Limiter;
use crate::scan::listing::{self, ListingMsg, Paging};
use crate::scan::{CONCURRENCY_RANGE, LookupPool, MemberOutcome, PoolEvent, RunHandle};

use super::event::{MemberEvent, MemberRequest};

const LISTING: Operation = Operation::ListChannelMembershipsForAppInstanceUser;

/// Run one member picture to the end, reporting on `events`.
///
/// It stops early, dropping every request in flight, when the receiver is
/// dropped or when the task running it is aborted. `Done` is sent last
/// unless it stopped early.
pub async fn run(
    client: PrefsClient,
    request: MemberRequest,
    events: UnboundedSender<MemberEvent>,
) {
    tokio::select! {
        biased;
        () = events.closed() => tracing::debug!("member receiver dropped; stopping"),
        () = drive(client, request, &events) => {
            let _ = events.send(MemberEvent::Done);
        }
    }
}

/// Spawn [`run`] on the current runtime; events arrive on the receiver.
/// Dropping the handle (or `RunHandle::cancel`) stops it.
pub fn spawn(
    client: PrefsClient,
    request: MemberRequest,
) -> (RunHandle, UnboundedReceiver<MemberEvent>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (RunHandle::spawn(run(client, request, tx)), rx)
}

async fn list_channels(
    client: PrefsClient,
    request: MemberRequest,
    limiter: Arc<Limiter>,
    tx: UnboundedSender<ListingMsg<UserChannelMembership>>,
) {
    let paging = Paging {
        operation: LISTING,
        limiter: &limiter,
        max_attempts: request.max_attempts,
        budget: client.call_budget(),
        max_items: request.max_items,
        tx: &tx,
    };
    let (client, request) = (&client, &request);
    let listed = listing::pages(&paging, &mut 0, |token| async move {
        client
            .list_user_memberships_page(&request.member_arn, &request.lister_arn, token)
            .await
            .map(|called| called.value)
    })
    .await;
    if listed {
        let _ = tx.send(ListingMsg::Complete);
    }
}

async fn drive(
    client: PrefsClient,
    mut request: MemberRequest,
    events: &UnboundedSender<MemberEvent>,
) {
    request.concurrency = request
        .concurrency
        .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
    request.max_attempts = request.max_attempts.max(1);
    // One pace for every call that carries a bearer: Chime limits them per
    // bearer, and here they (nearly) all carry the member's.
    let limiter = Arc::new(Limiter::capped(request.bearer_quota));

    // The JoinSet and the pool abort their tasks when dropped: a cancelled
    // run leaves nothing running behind it.
    let mut tasks = JoinSet::new();
    let (list_tx, mut list_rx) = mpsc::unbounded_channel();
    tasks.spawn(list_channels(
        client.clone(),
        request.clone(),
        Arc::clone(&limiter),
        list_tx,
    ));
    // The identity calls take no bearer: they are not paced with the rest.
    let (device_tx, mut device_rx) = mpsc::unbounded_channel();
    let devices = super::results::devices_facts(request.scope());
    let device_client = client.clone();
    tasks.spawn(async move {
        diagnose::run(&device_client, &devices, &device_tx).await;
    });

    let mut listing_open = true;
    let mut devices_open = true;
    let mut listed = 0usize;
    let mut seen = HashSet::new();
    let mut pool = LookupPool::new(
        client,
        Arc::clone(&limiter),
        request.concurrency,
        request.max_attempts,
    );

    loop {
        if !listing_open && !devices_open && pool.is_idle() {
            return;
        }
        let busy = !pool.is_idle();
        tokio::select! {
            Some(event) = pool.next(), if busy => match event {
                PoolEvent::Finished { index, outcome } => {
                    let _ = events.send(MemberEvent::Finished { index, outcome });
                }
                PoolEvent::Throttled { index, pace } => {
                    let _ = events.send(MemberEvent::Throttled { index: Some(index), pace });
                }
            },
            event = device_rx.recv(), if devices_open => match event {
                Some(event) => {
                    let _ = events.send(MemberEvent::Devices(event));
                }
                None => devices_open = false,
            },
            msg = list_rx.recv(), if listing_open => match msg {
                Some(ListingMsg::Page(mut channels)) => {
                    // A channel listed twice keeps its first row.
                    channels.retain(|c| {
                        c.channel
                            .as_ref()
                            .and_then(|s| s.channel_arn.as_ref())
                            .is_none_or(|arn| seen.insert(arn.clone()))
                    });
                    let first = listed;
                    listed += channels.len();
                    let arns: Vec<Option<String>> = channels
                        .iter()
                        .map(|c| c.channel.as_ref().and_then(|s| s.channel_arn.clone()))
                        .collect();
                    let _ = events.send(MemberEvent::Listed { channels });
                    for (offset, arn) in arns.into_iter().enumerate() {
                        let index = first + offset;
                        match arn {
                            Some(channel_arn) => pool.push(index, Target {
                                channel_arn,
                                member_arn: request.member_arn.clone(),
                                // Only the member may read its own preferences.
                                bearer_arn: request.member_arn.clone(),
                            }),
                            None => {
                                let err = CallError::new(LISTING, ErrorKind::MalformedResponse)
                                    .with_detail(format!("{LISTING} gave this channel without an ARN"));
                                let _ = events.send(MemberEvent::Finished { index, outcome: MemberOutcome::Failed(err) });
                            }
                        }
                    }
                }
                Some(ListingMsg::Throttled) => {
                    let _ = events.send(MemberEvent::Throttled { index: None, pace: limiter.rate() });
                }
                Some(ListingMsg::Complete) => {
                    listing_open = false;
                    let _ = events.send(MemberEvent::ListingComplete { total: listed });
                }
                Some(ListingMsg::Failed(err)) => {
                    listing_open = false;
                    let _ = events.send(MemberEvent::ListingFailed(err));
                }
                Some(ListingMsg::Capped(limit)) => {
                    listing_open = false;
                    let _ = events.send(MemberEvent::ListingCapped { limit });
                }
                None => {
                    listing_open = false;
                    let _ = events.send(MemberEvent::ListingFailed(
                        CallError::new(LISTING, ErrorKind::UnknownCode).with_detail("listing stopped unexpectedly"),
                    ));
                }
            },
        }
    }
}
