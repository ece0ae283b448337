//! Attempts and time, through the real SDK against a loopback server: the
//! per-call retry override is honoured (one client, fewer attempts for the
//! scan), and `--timeout` is the whole call's budget, so one slow answer
//! within it succeeds.

mod aws_loopback;

use std::time::Duration;

use aws_loopback::{Loopback, Reply, channel, settings, user};
use chime_prefs::aws::Clients;
use chime_prefs::error::ErrorKind;
use chime_prefs::model::Target;

fn target() -> Target {
    Target {
        channel_arn: channel(),
        member_arn: user("carol"),
        bearer_arn: user("carol"),
    }
}

const PREFERENCES: &str = r#"{"ChannelArn": "arn:c", "Member": {"Arn": "arn:carol"},
    "Preferences": {"PushNotifications": {"AllowNotifications": "ALL"}}}"#;

#[tokio::test]
async fn the_per_call_retry_override_is_honoured() {
    let server = Loopback::start(|_, _| {
        Reply::error(500, "ServiceFailureException", "ServiceFailure", "boom")
    })
    .await;
    let clients = Clients::connect(&settings(&server.url())).await;
    let mut seen = 0;
    for (handle, expected) in [
        (clients.clone(), 3),
        (clients.with_max_attempts(1), 1),
        (clients.with_max_attempts(2), 2),
    ] {
        let err = handle.get_preferences(&target()).await.expect_err("500");
        assert_eq!(err.kind, ErrorKind::ServiceFailure);
        assert_eq!(err.attempts, expected);
        assert_eq!(
            server.count() - seen,
            expected as usize,
            "requests the server saw"
        );
        seen = server.count();
    }
    assert_eq!(
        clients.max_attempts(),
        3,
        "the original handle is unchanged"
    );
}

/// Under a 2 s budget with 3 attempts, each attempt used to get a third
/// (at least a second), so a 1.6 s answer failed three times.
#[tokio::test]
async fn one_slow_answer_within_the_budget_succeeds() {
    let server =
        Loopback::start(|_, _| Reply::json(PREFERENCES).after(Duration::from_millis(1600))).await;
    let mut s = settings(&server.url());
    s.timeout = Duration::from_secs(2);
    s.max_attempts = 3;
    let found = Clients::connect(&s)
        .await
        .get_preferences(&target())
        .await
        .expect("the first attempt may use the whole budget");
    assert_eq!(found.meta.attempts, 1);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn an_answer_slower_than_the_budget_times_out_once() {
    let server =
        Loopback::start(|_, _| Reply::json(PREFERENCES).after(Duration::from_millis(2500))).await;
    let mut s = settings(&server.url());
    s.timeout = Duration::from_secs(1);
    let err = Clients::connect(&s)
        .await
        .get_preferences(&target())
        .await
        .expect_err("too slow");
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert_eq!(server.count(), 1, "no time was left for a retry");
}

/// After a fast failure, the retry gets the rest of the budget: 1.3 s is
/// more than a third of 3 s (what each attempt used to get), and fits in
/// what is left after the backoff (at most a second).
#[tokio::test]
async fn a_retry_uses_what_is_left() {
    let server = Loopback::start(|_, index| {
        if index == 0 {
            Reply::error(
                503,
                "ServiceUnavailableException",
                "ServiceUnavailable",
                "later",
            )
        } else {
            Reply::json(PREFERENCES).after(Duration::from_millis(1300))
        }
    })
    .await;
    let mut s = settings(&server.url());
    s.timeout = Duration::from_secs(3);
    let found = Clients::connect(&s)
        .await
        .get_preferences(&target())
        .await
        .expect("the retry fits in what is left");
    assert_eq!(found.meta.attempts, 2);
}
