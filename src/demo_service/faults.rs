//! What the deliberate faults do (`"fault": "..."` on a dataset member; the
//! names are in model.rs), so that clients can be tested against every
//! failure the real service (or a broken proxy in front of it) can produce.
//! A fault is applied to GetChannelMembershipPreferences only, after the
//! bearer, channel and owner checks passed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::model::Fault;
use super::wire::ApiError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// How long a `slow` member makes the caller wait (unless the server stops first).
pub(super) const SLOW_DELAY: Duration = Duration::from_secs(120);

/// The body a `garbage` member answers with, as a misconfigured proxy would.
pub(super) const GARBAGE_BODY: &str = "<html>502 Bad Gateway</html>";

/// Per-member attempt counters for `flaky` members.
#[derive(Debug, Default)]
pub(super) struct FlakyCounters(Mutex<HashMap<String, u64>>);

impl FlakyCounters {
    /// Returns this member's attempt number (0, 1, 2, ...) and counts the attempt.
    fn next_attempt(&self, member_arn: &str) -> u64 {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let counter = map.entry(member_arn.to_string()).or_insert(0);
        let attempt = *counter;
        *counter = counter.wrapping_add(1);
        attempt
    }
}

/// Applies `fault` for a request on `member_arn`'s preferences; `stopped`
/// resolves when the server is asked to stop. `Some(response)` ends the
/// request; `None` means "answer normally".
pub(super) async fn apply(
    fault: Fault,
    member_arn: &str,
    flaky: &FlakyCounters,
    stopped: impl std::future::Future<Output = ()>,
) -> Option<Response> {
    let error = match fault {
        Fault::Throttled => ApiError::throttled(),
        Fault::Unavailable => {
            ApiError::unavailable("Service Unavailable: the demo member 'outage' is always down.")
        }
        Fault::Failure => {
            ApiError::service_failure("Service Failure: the demo member 'failure' always fails.")
        }
        Fault::Flaky => {
            if flaky.next_attempt(member_arn) % 3 == 2 {
                return None;
            }
            ApiError::throttled()
        }
        Fault::NoErrorType => ApiError::forbidden(
            "Forbidden: this response deliberately has no x-amzn-ErrorType header.",
        )
        .without_error_type(),
        Fault::Garbage => return Some(garbage()),
        Fault::Slow => {
            tokio::select! {
                () = tokio::time::sleep(SLOW_DELAY) => return None,
                () = stopped => ApiError::unavailable(
                    "Service Unavailable: the demo service is shutting down.",
                ),
            }
        }
        Fault::Teapot => ApiError::new(
            StatusCode::IM_A_TEAPOT,
            "TeapotException",
            "Teapot",
            "I'm a teapot: this error type is not in the service model.",
        ),
    };
    Some(error.into_response())
}

fn garbage() -> Response {
    let mut response = GARBAGE_BODY.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}
