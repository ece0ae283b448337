//! Reading a listing to its end: page after page, with a guard against a
//! service that hands back the token it was given (which would loop
//! forever) and a cap on pages.

use std::future::Future;
use std::time::Duration;

use crate::error::{CallError, ErrorKind};
use crate::model::{CallMeta, Called, Page};
use crate::operation::Operation;

/// 1,000 pages of 50: more than any quota allows (20,000 memberships per
/// user), so reaching it means the service is looping.
const MAX_PAGES: usize = 1000;

pub(super) async fn all_pages<T, F, Fut>(
    operation: Operation,
    mut page: F,
) -> Result<Called<Vec<T>>, CallError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Called<Page<T>>, CallError>>,
{
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    let mut meta: Option<CallMeta> = None;
    for _ in 0..MAX_PAGES {
        let called = page(token.clone()).await?;
        meta = Some(match meta.take() {
            None => called.meta,
            Some(so_far) => CallMeta {
                // The last page's id: the one to quote if the end is wrong.
                request_id: called.meta.request_id.or(so_far.request_id),
                latency: so_far.latency + called.meta.latency,
                attempts: so_far.attempts + called.meta.attempts,
                fetched_at: called.meta.fetched_at,
            },
        });
        let region = called.region;
        items.extend(called.value.items);
        match called.value.next_token {
            Some(next) if token.as_deref() == Some(next.as_str()) => {
                return Err(CallError::new(operation, ErrorKind::MalformedResponse)
                    .with_detail(format!("{operation} returned the same NextToken twice")));
            }
            Some(next) => token = Some(next),
            None => {
                let meta = meta.unwrap_or(CallMeta {
                    request_id: None,
                    latency: Duration::ZERO,
                    attempts: 0,
                    fetched_at: std::time::SystemTime::now(),
                });
                return Ok(Called {
                    value: items,
                    meta,
                    region,
                });
            }
        }
    }
    Err(CallError::new(operation, ErrorKind::MalformedResponse)
        .with_detail(format!("{operation} had more than {MAX_PAGES} pages")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn page(items: &[u32], next: Option<&str>, attempts: u32) -> Called<Page<u32>> {
        Called {
            value: Page {
                items: items.to_vec(),
                next_token: next.map(str::to_string),
            },
            meta: CallMeta {
                request_id: Some(format!("r{attempts}")),
                latency: Duration::from_millis(5),
                attempts,
                fetched_at: SystemTime::UNIX_EPOCH,
            },
            region: "us-east-1".into(),
        }
    }

    #[tokio::test]
    async fn pages_are_joined_and_their_facts_added_up() {
        let all = all_pages(
            Operation::ListAppInstanceUserEndpoints,
            |token| async move {
                Ok(match token.as_deref() {
                    None => page(&[1, 2], Some("a"), 1),
                    Some("a") => page(&[3], Some("b"), 2),
                    _ => page(&[4], None, 1),
                })
            },
        )
        .await
        .expect("all pages");
        assert_eq!(all.value, vec![1, 2, 3, 4]);
        assert_eq!(all.meta.attempts, 4);
        assert_eq!(all.meta.latency, Duration::from_millis(15));
        assert_eq!(all.meta.request_id.as_deref(), Some("r1"));
        assert_eq!(all.region, "us-east-1");
    }

    #[tokio::test]
    async fn a_repeated_token_is_an_error_not_a_loop() {
        let err = all_pages(Operation::ListAppInstanceUserEndpoints, |_| async {
            Ok(page(&[1], Some("same"), 1))
        })
        .await
        .expect_err("loops");
        assert_eq!(err.kind, ErrorKind::MalformedResponse);
        assert!(err.detail.as_deref().unwrap_or("").contains("NextToken"));
    }
}
