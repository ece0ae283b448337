//! Deliberate misbehaviour attached to dataset members (`"fault": "..."`), so
//! that clients can be tested against every failure the real service (or a
//! broken proxy in front of it) can produce.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::state::ServerState;
use super::wire::ApiError;

/// How long a `slow` member makes the caller wait (unless the server stops first).
pub(super) const SLOW_DELAY: Duration = Duration::from_secs(120);

/// The body a `garbage` member answers with, as a misconfigured proxy would.
pub(super) const GARBAGE_BODY: &str = "<html>502 Bad Gateway</html>";

/// A fault, applied only after the bearer, channel and owner checks passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Fault {
    /// 403 ForbiddenException: the member is banned (even when asking as herself).
    Banned,
    /// 429 ThrottledClientException on every attempt.
    Throttled,
    /// 503 ServiceUnavailableException on every attempt.
    Unavailable,
    /// 500 ServiceFailureException on every attempt.
    Failure,
    /// 429, 429, then the normal answer, cycling (a per-member counter mod 3).
    Flaky,
    /// 403 with a JSON error body but no `x-amzn-ErrorType` header.
    NoErrorType,
    /// 200 with an HTML body.
    Garbage,
    /// The normal answer, after [`SLOW_DELAY`].
    Slow,
    /// 418 with the unmodelled error type `TeapotException`.
    Teapot,
}

impl Fault {
    /// A one-line description, used as the default demo-target note.
    pub(super) fn note(self) -> &'static str {
        match self {
            Fault::Banned => "403: banned",
            Fault::Throttled => "429 always",
            Fault::Unavailable => "503 always",
            Fault::Failure => "500 always",
            Fault::Flaky => "429, 429, then the answer (cycles)",
            Fault::NoErrorType => "403 without x-amzn-ErrorType",
            Fault::Garbage => "200 with a body that is not JSON",
            Fault::Slow => "answers after 120 s",
            Fault::Teapot => "418 TeapotException (unknown error)",
        }
    }
}

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

/// Applies `fault` for a request on `member_arn`'s preferences. `Some(response)`
/// ends the request; `None` means "answer normally".
pub(super) async fn apply(fault: Fault, member_arn: &str, state: &ServerState) -> Option<Response> {
    let error = match fault {
        Fault::Banned => ApiError::forbidden(
            "Forbidden: the member is banned from this channel, so its preferences cannot be read.",
        ),
        Fault::Throttled => ApiError::throttled(),
        Fault::Unavailable => {
            ApiError::unavailable("Service Unavailable: the demo member 'outage' is always down.")
        }
        Fault::Failure => {
            ApiError::service_failure("Service Failure: the demo member 'failure' always fails.")
        }
        Fault::Flaky => {
            if state.flaky.next_attempt(member_arn) % 3 == 2 {
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
                () = state.stopped() => ApiError::unavailable(
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
