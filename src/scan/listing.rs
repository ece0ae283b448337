//! ListChannelMemberships, page after page (DEFAULT, then HIDDEN when asked),
//! handed to the engine as each page arrives so lookups start at once.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::aws::PrefsClient;
use crate::error::{CallError, ErrorKind};
use crate::model::{Member, MembershipPage};

use super::event::ScanRequest;
use super::limiter::Limiter;
use super::retry::{self, Jitter, Next, Tally};

#[derive(Debug)]
pub(super) enum ListingMsg {
    Page(Vec<Member>),
    Throttled,
    Complete,
    Failed(CallError),
}

pub(super) async fn list_all(
    client: PrefsClient,
    request: ScanRequest,
    limiter: Arc<Limiter>,
    tx: UnboundedSender<ListingMsg>,
) {
    let mut jitter = Jitter::from_clock();
    let passes: &[bool] = if request.include_hidden {
        &[false, true]
    } else {
        &[false]
    };
    for &hidden in passes {
        let mut token: Option<String> = None;
        loop {
            let page = match one_page(
                &client,
                &request,
                &limiter,
                hidden,
                &token,
                &tx,
                &mut jitter,
            )
            .await
            {
                Ok(page) => page,
                Err(err) => {
                    let _ = tx.send(ListingMsg::Failed(err));
                    return;
                }
            };
            if tx.send(ListingMsg::Page(page.members)).is_err() {
                return;
            }
            match page.next_token {
                // A service that hands back the token it was given would
                // make this loop forever.
                Some(next) if token.as_deref() == Some(next.as_str()) => {
                    let _ = tx.send(ListingMsg::Failed(
                        CallError::new(
                            crate::operation::Operation::ListChannelMemberships,
                            ErrorKind::MalformedResponse,
                        )
                        .with_detail("ListChannelMemberships returned the same NextToken twice"),
                    ));
                    return;
                }
                Some(next) => token = Some(next),
                None => break,
            }
        }
    }
    let _ = tx.send(ListingMsg::Complete);
}

async fn one_page(
    client: &PrefsClient,
    request: &ScanRequest,
    limiter: &Limiter,
    hidden: bool,
    token: &Option<String>,
    tx: &UnboundedSender<ListingMsg>,
    jitter: &mut Jitter,
) -> Result<MembershipPage, CallError> {
    let mut tally = Tally::default();
    loop {
        let ticket = limiter.ready().await;
        let result = client
            .list_memberships(
                &request.channel_arn,
                &request.bearer_arn,
                hidden,
                token.clone(),
            )
            .await;
        let mut err = match result {
            Ok(page) => {
                limiter.succeeded();
                return Ok(page);
            }
            Err(err) => err,
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
            request.max_attempts,
            jitter.sample(),
        ) {
            Next::Retry { after, throttled } => {
                if throttled {
                    let _ = tx.send(ListingMsg::Throttled);
                }
                tokio::time::sleep(after).await;
            }
            Next::GiveUp => {
                err.attempts = tally.attempts;
                return Err(err);
            }
        }
    }
}
