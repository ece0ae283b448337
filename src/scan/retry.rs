//! What the scan does with a failed call: try again later, or report it.
//!
//! Throttling is the scan's own doing (too many requests), so a throttled
//! call is put back in the queue, with a growing per-call delay on top of the
//! limiter's pace, until its [`Patience`] runs out: only a call that is
//! throttled again and again while others get through is reported.
//! Transient server errors (5xx, connection failures) are retried up to the
//! user's `--max-attempts`, counting the attempts the SDK client already made.
//! Everything else is reported at once.
//!
//! Whatever the error, `--timeout` bounds the whole call, its retries (and
//! its paced retries after a 429) included: no retry is planned past the
//! call's budget. A paced retry after a 429 is the scan slowing itself down,
//! not a new try at a failing request, so `--max-attempts` does not limit it
//! (the patience and the budget do); [`PACING_NOTE`] says so in the output.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{CallError, ErrorKind};
use crate::operation::Operation;

/// How long a throttled call keeps its place before it is reported: both
/// limits must be reached. Attempts count the client's own retries; tries
/// count trips through the scan's queue, so a client that retries 429s
/// itself (three attempts a try) still gets a few paced second chances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patience {
    pub throttled_attempts: u32,
    pub throttled_tries: u32,
}

/// A member's lookup. With a one-attempt client the last retry comes about
/// 3 s after the first 429.
pub const LOOKUP_PATIENCE: Patience = Patience {
    throttled_attempts: 8,
    throttled_tries: 4,
};

/// A listing page: losing one loses up to 50 members and every page after
/// it, so it waits about 20 s before giving up.
pub const LISTING_PATIENCE: Patience = Patience {
    throttled_attempts: 24,
    throttled_tries: 12,
};

/// Why a throttled call may have been tried more often than
/// `--max-attempts`: printed wherever such a call is reported.
pub const PACING_NOTE: &str = "a 429 is retried at the scan's slower pace, which --max-attempts does not \
     limit (it is the scan slowing down, not a new try at a failing request); --timeout bounds \
     each call, these retries included";

const THROTTLE_BACKOFF_BASE: Duration = Duration::from_millis(50);
const THROTTLE_BACKOFF_CAP: Duration = Duration::from_secs(1);
const ERROR_BACKOFF_BASE: Duration = Duration::from_millis(100);
const ERROR_BACKOFF_CAP: Duration = Duration::from_secs(2);

/// Attempts so far for one call (a lookup or a listing page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every attempt sent, as counted by the client.
    pub attempts: u32,
    /// Of those, the ones that ended throttled.
    pub throttled: u32,
    /// Tries that ended throttled.
    pub throttled_tries: u32,
    /// Tries made through this policy (each may hold several attempts).
    pub tries: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Try again after this delay.
    Retry { after: Duration, throttled: bool },
    /// Report the error.
    GiveUp,
    /// Report the error: a retry would have run past the call's budget
    /// (`--timeout`, retries included).
    OutOfTime,
}

/// Decide what follows `err`, and update `tally`. `left` is what remains
/// of the call's budget; `jitter` is in [0, 1).
pub fn after_error(
    err: &CallError,
    tally: &mut Tally,
    patience: Patience,
    max_attempts: u32,
    left: Duration,
    jitter: f64,
) -> Next {
    match decide(err, tally, patience, max_attempts, jitter) {
        Next::Retry { after, .. } if after >= left => Next::OutOfTime,
        next => next,
    }
}

fn decide(
    err: &CallError,
    tally: &mut Tally,
    patience: Patience,
    max_attempts: u32,
    jitter: f64,
) -> Next {
    // A call that failed before anything was sent still counts as one try.
    let attempts = err.attempts.max(1);
    tally.attempts += attempts;
    tally.tries += 1;
    match err.kind {
        ErrorKind::Throttled => {
            tally.throttled += attempts;
            tally.throttled_tries += 1;
            if tally.throttled >= patience.throttled_attempts
                && tally.throttled_tries >= patience.throttled_tries
            {
                Next::GiveUp
            } else {
                Next::Retry {
                    after: backoff(
                        THROTTLE_BACKOFF_BASE,
                        THROTTLE_BACKOFF_CAP,
                        tally.tries,
                        jitter,
                    ),
                    throttled: true,
                }
            }
        }
        ErrorKind::ServiceFailure
        | ErrorKind::ServiceUnavailable
        | ErrorKind::EndpointUnreachable
            if tally.attempts < max_attempts =>
        {
            Next::Retry {
                after: backoff(ERROR_BACKOFF_BASE, ERROR_BACKOFF_CAP, tally.tries, jitter),
                throttled: false,
            }
        }
        // Timeout is not retried here: --timeout is the budget of a whole
        // call, retries included.
        _ => Next::GiveUp,
    }
}

/// One try of a call, bounded by the call's `deadline`. When the deadline
/// passes first (the try is dropped, its request abandoned), the error is
/// what the service said to the try before, if one was made (`last`): the
/// budget ran out retrying it; else a Timeout.
pub async fn within<T>(
    deadline: Instant,
    operation: Operation,
    last: Option<&CallError>,
    call: impl Future<Output = Result<T, CallError>>,
) -> Result<T, (CallError, Next)> {
    match tokio::time::timeout_at(deadline, call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err((err, Next::GiveUp)),
        Err(_) => Err(match last {
            Some(last) => (last.clone(), Next::OutOfTime),
            None => (
                CallError::new(operation, ErrorKind::Timeout).with_detail(
                    "no answer within --timeout, which bounds each call, retries included",
                ),
                Next::GiveUp,
            ),
        }),
    }
}

/// The error of a call given up (`next` is GiveUp or OutOfTime): every
/// attempt it made, and why it stopped where that is not plain.
pub fn gave_up(err: &mut CallError, tally: &Tally, next: Next, max_attempts: u32) {
    err.attempts = tally.attempts.max(err.attempts);
    let mut notes = Vec::new();
    if next == Next::OutOfTime {
        notes.push(format!(
            "stopped after {} attempts: --timeout bounds each call, retries included",
            err.attempts
        ));
    }
    if tally.throttled > 0 && tally.attempts > max_attempts {
        notes.push(PACING_NOTE.to_string());
    }
    if !notes.is_empty() {
        let notes = notes.join("; ");
        err.detail = Some(match err.detail.take() {
            Some(detail) => format!("{detail}; {notes}"),
            None => notes,
        });
    }
}

/// Exponential backoff with "equal jitter": between half and all of
/// `base * 2^(try - 1)`, capped.
pub fn backoff(base: Duration, cap: Duration, tries: u32, jitter: f64) -> Duration {
    let exp = tries.saturating_sub(1).min(16);
    let full = base.saturating_mul(1 << exp).min(cap);
    full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// A tiny xorshift generator for jitter: no dependency, no shared state.
#[derive(Debug, Clone)]
pub struct Jitter(u64);

impl Jitter {
    pub fn seeded(seed: u64) -> Self {
        Self(seed | 1)
    }

    /// Seeded from the clock, so concurrent scans do not retry in step.
    pub fn from_clock() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15);
        Self::seeded(nanos)
    }

    /// A number in [0, 1).
    pub fn sample(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(3600);

    fn error(kind: ErrorKind, attempts: u32) -> CallError {
        let mut e = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            kind,
        );
        e.attempts = attempts;
        e
    }

    #[test]
    fn throttling_is_retried_until_patience_runs_out() {
        let mut tally = Tally::default();
        let mut delays = Vec::new();
        while let Next::Retry { after, throttled } = after_error(
            &error(ErrorKind::Throttled, 1),
            &mut tally,
            LOOKUP_PATIENCE,
            3,
            LONG,
            0.999,
        ) {
            assert!(throttled);
            delays.push(after);
        }
        assert_eq!(tally.throttled, LOOKUP_PATIENCE.throttled_attempts);
        assert_eq!(delays.len() as u32, LOOKUP_PATIENCE.throttled_attempts - 1);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]), "{delays:?}");
        assert!(delays.iter().all(|d| *d <= THROTTLE_BACKOFF_CAP));
        // The user's --max-attempts does not cut throttling short.
        assert!(tally.attempts > 3);
    }

    #[test]
    fn a_client_that_retries_itself_still_gets_a_few_paced_tries() {
        let mut tally = Tally::default();
        let mut tries = 0;
        while let Next::Retry { .. } = after_error(
            &error(ErrorKind::Throttled, 3),
            &mut tally,
            LOOKUP_PATIENCE,
            3,
            LONG,
            0.5,
        ) {
            tries += 1;
        }
        assert_eq!(tries, LOOKUP_PATIENCE.throttled_tries - 1);
        assert_eq!(tally.throttled, 3 * LOOKUP_PATIENCE.throttled_tries);
    }

    #[test]
    fn a_listing_page_waits_longer_than_a_member() {
        let count = |patience: Patience| {
            let mut tally = Tally::default();
            let mut tries = 1;
            while let Next::Retry { .. } = after_error(
                &error(ErrorKind::Throttled, 1),
                &mut tally,
                patience,
                3,
                LONG,
                0.5,
            ) {
                tries += 1;
            }
            tries
        };
        assert_eq!(count(LOOKUP_PATIENCE), 8);
        assert_eq!(count(LISTING_PATIENCE), 24);
    }

    #[test]
    fn server_errors_are_retried_up_to_max_attempts_counting_client_attempts() {
        let mut tally = Tally::default();
        let e = error(ErrorKind::ServiceUnavailable, 1);
        assert!(matches!(
            after_error(&e, &mut tally, LOOKUP_PATIENCE, 3, LONG, 0.0),
            Next::Retry {
                throttled: false,
                ..
            }
        ));
        assert!(matches!(
            after_error(&e, &mut tally, LOOKUP_PATIENCE, 3, LONG, 0.0),
            Next::Retry { .. }
        ));
        assert_eq!(
            after_error(&e, &mut tally, LOOKUP_PATIENCE, 3, LONG, 0.0),
            Next::GiveUp
        );
        assert_eq!(tally.attempts, 3);

        // A client that already made its three attempts: reported at once.
        let mut tally = Tally::default();
        let e = error(ErrorKind::ServiceFailure, 3);
        assert_eq!(
            after_error(&e, &mut tally, LOOKUP_PATIENCE, 3, LONG, 0.0),
            Next::GiveUp
        );
    }

    #[test]
    fn client_errors_and_timeouts_are_reported_at_once() {
        for kind in [
            ErrorKind::Forbidden,
            ErrorKind::BadRequest,
            ErrorKind::Unauthorized,
            ErrorKind::MalformedResponse,
            ErrorKind::UnknownCode,
            ErrorKind::Timeout,
            ErrorKind::CredentialsMissing,
        ] {
            let mut tally = Tally::default();
            assert_eq!(
                after_error(&error(kind, 1), &mut tally, LOOKUP_PATIENCE, 10, LONG, 0.0),
                Next::GiveUp,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn no_retry_is_planned_past_the_calls_budget() {
        // Throttled: within patience, but the budget is spent.
        let mut tally = Tally::default();
        let e = error(ErrorKind::Throttled, 1);
        assert!(matches!(
            after_error(&e, &mut tally, LISTING_PATIENCE, 3, LONG, 0.0),
            Next::Retry { .. }
        ));
        assert_eq!(
            after_error(
                &e,
                &mut tally,
                LISTING_PATIENCE,
                3,
                Duration::from_millis(10),
                0.0
            ),
            Next::OutOfTime
        );
        // A 5xx the same.
        let mut tally = Tally::default();
        assert_eq!(
            after_error(
                &error(ErrorKind::ServiceUnavailable, 1),
                &mut tally,
                LOOKUP_PATIENCE,
                3,
                Duration::ZERO,
                0.0
            ),
            Next::OutOfTime
        );
    }

    #[test]
    fn backoff_doubles_with_equal_jitter_and_is_capped() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        assert_eq!(backoff(base, cap, 1, 0.0), Duration::from_millis(50));
        assert_eq!(backoff(base, cap, 1, 1.0), Duration::from_millis(100));
        assert_eq!(backoff(base, cap, 3, 0.0), Duration::from_millis(200));
        assert_eq!(backoff(base, cap, 30, 1.0), cap);
    }

    #[test]
    fn jitter_stays_in_range() {
        let mut j = Jitter::seeded(42);
        let values: Vec<f64> = (0..1000).map(|_| j.sample()).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!((0.4..0.6).contains(&mean), "{mean}");
    }
}
