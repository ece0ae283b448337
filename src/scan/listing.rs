//! Listings read page after page, each page handed on as it arrives so
//! lookups start at once: ListChannelMemberships for the channel scan
//! (DEFAULT, then HIDDEN when asked), ListChannelMembershipsForAppInstanceUser
//! for the member picture ([`pages`] serves both).
//!
//! Each page waits for the shared [`Limiter`] ahead of waiting lookups
//! ([`Limiter::ready_first`]), and a throttled or transiently failed page is
//! tried again with [`retry::LISTING_PATIENCE`].

use std::future::Future;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use crate::aws::PrefsClient;
use crate::error::{CallError, ErrorKind};
use crate::model::{Member, Page};
use crate::operation::Operation;

use super::event::ScanRequest;
use super::limiter::Limiter;
use super::retry::{self, Jitter, Next, Tally};

/// What a listing reports, page by page.
#[derive(Debug)]
pub(crate) enum ListingMsg<T> {
    Page(Vec<T>),
    Throttled,
    Complete,
    Failed(CallError),
}

/// How a listing's pages are paced and retried.
pub(crate) struct Paging<'a, T> {
    pub operation: Operation,
    pub limiter: &'a Limiter,
    pub max_attempts: u32,
    /// `--timeout`: each page's budget, its retries included.
    pub budget: std::time::Duration,
    pub tx: &'a UnboundedSender<ListingMsg<T>>,
}

/// Every page of one listing, each sent as a `Page` as it arrives. Returns
/// true when the last page was sent; false when it stopped (a `Failed`
/// was sent, or the receiver is gone), and the caller should send nothing
/// more.
pub(crate) async fn pages<T, F, Fut>(paging: &Paging<'_, T>, mut fetch: F) -> bool
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, CallError>>,
{
    let mut jitter = Jitter::from_clock();
    let mut token: Option<String> = None;
    loop {
        let page = match one_page(paging, &mut fetch, &token, &mut jitter).await {
            Ok(page) => page,
            Err(err) => {
                let _ = paging.tx.send(ListingMsg::Failed(err));
                return false;
            }
        };
        if paging.tx.send(ListingMsg::Page(page.items)).is_err() {
            return false;
        }
        match page.next_token {
            // A service that hands back the token it was given would
            // make this loop forever.
            Some(next) if token.as_deref() == Some(next.as_str()) => {
                let _ = paging.tx.send(ListingMsg::Failed(
                    CallError::new(paging.operation, ErrorKind::MalformedResponse).with_detail(
                        format!("{} returned the same NextToken twice", paging.operation),
                    ),
                ));
                return false;
            }
            Some(next) => token = Some(next),
            None => return true,
        }
    }
}

async fn one_page<T, F, Fut>(
    paging: &Paging<'_, T>,
    fetch: &mut F,
    token: &Option<String>,
    jitter: &mut Jitter,
) -> Result<Page<T>, CallError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, CallError>>,
{
    let limiter = paging.limiter;
    let mut tally = Tally::default();
    let mut deadline = None;
    let mut last: Option<CallError> = None;
    loop {
        let ticket = limiter.ready_first().await;
        // The page's budget runs from its first try.
        let deadline = *deadline.get_or_insert_with(|| Instant::now() + paging.budget);
        let tried = fetch(token.clone());
        let mut err = match retry::within(deadline, paging.operation, last.as_ref(), tried).await {
            Ok(page) => {
                limiter.succeeded();
                return Ok(page);
            }
            Err((mut err, Next::OutOfTime)) => {
                retry::gave_up(&mut err, &tally, Next::OutOfTime, paging.max_attempts);
                return Err(err);
            }
            Err((err, _)) => err,
        };
        if err.kind == ErrorKind::Throttled {
            // Only the page's first 429 may lower the pace (see limiter.rs).
            if tally.throttled == 0 {
                limiter.throttled(ticket);
            }
        } else if err.http_status.is_some() {
            limiter.succeeded();
        }
        match retry::after_error(
            &err,
            &mut tally,
            retry::LISTING_PATIENCE,
            paging.max_attempts,
            deadline.saturating_duration_since(Instant::now()),
            jitter.sample(),
        ) {
            Next::Retry { after, throttled } => {
                if throttled {
                    let _ = paging.tx.send(ListingMsg::Throttled);
                }
                tokio::time::sleep(after).await;
                last = Some(err);
            }
            next @ (Next::GiveUp | Next::OutOfTime) => {
                retry::gave_up(&mut err, &tally, next, paging.max_attempts);
                return Err(err);
            }
        }
    }
}

/// The channel scan's listing: DEFAULT members, then HIDDEN ones when asked.
pub(super) async fn list_all(
    client: PrefsClient,
    request: ScanRequest,
    limiter: Arc<Limiter>,
    tx: UnboundedSender<ListingMsg<Member>>,
) {
    let paging = Paging {
        operation: Operation::ListChannelMemberships,
        limiter: &limiter,
        max_attempts: request.max_attempts,
        budget: client.call_budget(),
        tx: &tx,
    };
    let passes: &[bool] = if request.include_hidden {
        &[false, true]
    } else {
        &[false]
    };
    for &hidden in passes {
        let (client, request) = (&client, &request);
        let listed = pages(&paging, |token| async move {
            let page = client
                .list_memberships(&request.channel_arn, &request.bearer_arn, hidden, token)
                .await?;
            Ok(Page {
                items: page.members,
                next_token: page.next_token,
            })
        })
        .await;
        if !listed {
            return;
        }
    }
    let _ = tx.send(ListingMsg::Complete);
}
