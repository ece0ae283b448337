//! GetChannelMembershipPreferences: every special member, and the owner rule.

use std::time::{Duration, Instant};

use serde_json::json;

use super::http::Reply;
use super::{arn, assert_error, get_as, own_prefs, prefs_path, start, support, town_hall};

fn assert_ok(reply: &Reply, id: &str) -> serde_json::Value {
    assert_eq!(reply.status, 200, "body: {}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.error_type(), None);
    reply.request_id();
    let body = reply.json();
    assert_eq!(body["ChannelArn"], support());
    assert_eq!(body["Member"]["Arn"], arn(id));
    body
}

#[tokio::test]
async fn plain_members_answer_their_preferences() {
    let server = start().await;
    let addr = server.addr();
    let cases = [
        (
            "user/alice",
            json!({"PushNotifications": {"AllowNotifications": "ALL"}}),
        ),
        (
            "user/bob",
            json!({"PushNotifications": {"AllowNotifications": "NONE"}}),
        ),
        (
            "user/carol",
            json!({"PushNotifications": {"AllowNotifications": "FILTERED",
                "FilterRule": "{\"mention\":[\"carol\"]}"}}),
        ),
        ("user/erin", json!({})),
        (
            "bot/triage",
            json!({"PushNotifications": {"AllowNotifications": "ALL"}}),
        ),
        (
            "user/mystery",
            json!({"PushNotifications": {"AllowNotifications": "SOMETIMES"}}),
        ),
        (
            "user/filtered-no-rule",
            json!({"PushNotifications": {"AllowNotifications": "FILTERED"}}),
        ),
        (
            "user/hidden",
            json!({"PushNotifications": {"AllowNotifications": "ALL"}}),
        ),
    ];
    for (id, preferences) in cases {
        let body = assert_ok(&own_prefs(addr, id).await, id);
        assert_eq!(body["Preferences"], preferences, "{id}");
    }
    let alice = assert_ok(&own_prefs(addr, "user/alice").await, "user/alice");
    assert_eq!(alice["Member"]["Name"], "Alice Anders");
    server.shutdown().await;
}

#[tokio::test]
async fn odd_filter_rules_are_passed_through_verbatim() {
    let server = start().await;
    let addr = server.addr();
    let rule = |id: &'static str| async move {
        let body = assert_ok(&own_prefs(addr, id).await, id);
        body["Preferences"]["PushNotifications"]["FilterRule"]
            .as_str()
            .expect("FilterRule")
            .to_string()
    };
    let dave: serde_json::Value = serde_json::from_str(&rule("user/dave").await).expect("JSON");
    assert!(dave["$or"].is_array());
    let frank = rule("user/frank").await;
    assert!(
        serde_json::from_str::<serde_json::Value>(&frank).is_err(),
        "{frank}"
    );
    let double = rule("user/double").await;
    let inner: String = serde_json::from_str(&double).expect("a JSON string");
    assert_eq!(inner, r#"{"mention":["double"]}"#);
    server.shutdown().await;
}

#[tokio::test]
async fn hostile_member_text_arrives_intact_in_valid_json() {
    let server = start().await;
    let body = assert_ok(
        &own_prefs(server.addr(), "user/hostile").await,
        "user/hostile",
    );
    let name = body["Member"]["Name"].as_str().expect("Name");
    for bad in ["\u{1b}]0;pwned\u{7}", "\u{1b}[2J", "\u{9b}", "\u{202e}"] {
        assert!(name.contains(bad), "{name:?} lacks {bad:?}");
    }
    assert!(name.ends_with('\u{7}'));
    let rule = body["Preferences"]["PushNotifications"]["FilterRule"]
        .as_str()
        .expect("rule");
    let parsed: serde_json::Value = serde_json::from_str(rule).expect("valid JSON rule");
    let value = parsed["mention"][0].as_str().expect("value");
    assert!(value.starts_with("\u{1b}[31m"), "{value:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn fault_members_fail_as_documented() {
    let server = start().await;
    let addr = server.addr();
    let banned = assert_error(
        &own_prefs(addr, "user/mallory").await,
        403,
        "ForbiddenException",
        "Forbidden",
    );
    assert!(banned.contains("banned"), "{banned}");
    let cases = [
        (
            "user/throttled",
            429,
            "ThrottledClientException",
            "Throttled",
        ),
        (
            "user/outage",
            503,
            "ServiceUnavailableException",
            "ServiceUnavailable",
        ),
        (
            "user/failure",
            500,
            "ServiceFailureException",
            "ServiceFailure",
        ),
        ("user/teapot", 418, "TeapotException", "Teapot"),
    ];
    for _ in 0..2 {
        for (id, status, error_type, code) in cases {
            assert_error(&own_prefs(addr, id).await, status, error_type, code);
        }
    }
    let rate = assert_error(
        &own_prefs(addr, "user/throttled").await,
        429,
        "ThrottledClientException",
        "Throttled",
    );
    assert_eq!(rate, "Rate exceeded");
    server.shutdown().await;
}

#[tokio::test]
async fn no_error_type_member_has_a_body_but_no_header() {
    let server = start().await;
    let reply = own_prefs(server.addr(), "user/no-error-type").await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.error_type(), None);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json()["Code"], "Forbidden");
    assert!(reply.json()["Message"].is_string());
    reply.request_id();
    server.shutdown().await;
}

#[tokio::test]
async fn garbage_member_answers_200_html() {
    let server = start().await;
    let reply = own_prefs(server.addr(), "user/garbage").await;
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert_eq!(reply.text(), "<html>502 Bad Gateway</html>");
    assert!(serde_json::from_slice::<serde_json::Value>(&reply.body).is_err());
    reply.request_id();
    server.shutdown().await;
}

#[tokio::test]
async fn flaky_member_cycles_429_429_200() {
    let server = start().await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let reply = own_prefs(server.addr(), "user/flaky").await;
        if reply.status == 429 {
            assert_eq!(reply.error_type(), Some("ThrottledClientException"));
        } else {
            assert_ok(&reply, "user/flaky");
        }
        statuses.push(reply.status);
    }
    assert_eq!(statuses, [429, 429, 200, 429, 429, 200, 429]);
    server.shutdown().await;
}

#[tokio::test]
async fn slow_member_outlasts_a_client_timeout_and_does_not_block_shutdown() {
    let server = start().await;
    let addr = server.addr();
    let slow = tokio::spawn(async move { own_prefs(addr, "user/slow").await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!slow.is_finished(), "slow member answered early");
    let started = Instant::now();
    server.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let reply = slow.await.expect("client task");
    assert_error(
        &reply,
        503,
        "ServiceUnavailableException",
        "ServiceUnavailable",
    );
}

#[tokio::test]
async fn only_the_owner_may_read_preferences() {
    let server = start().await;
    let addr = server.addr();
    let alice = prefs_path(&support(), &arn("user/alice"));
    for bearer in ["user/bob", "user/admin", "bot/triage"] {
        let message = assert_error(
            &get_as(addr, &alice, &arn(bearer)).await,
            403,
            "ForbiddenException",
            "Forbidden",
        );
        assert!(message.contains("only the member who owns"), "{message}");
    }
    let mallory = prefs_path(&support(), &arn("user/mallory"));
    assert_error(
        &get_as(addr, &mallory, &arn("user/bob")).await,
        403,
        "ForbiddenException",
        "Forbidden",
    );
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_bearers_are_unauthorized() {
    let server = start().await;
    let addr = server.addr();
    let other_instance = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice";
    for bearer in [
        arn("user/ghost"),
        other_instance.to_string(),
        "alice".to_string(),
    ] {
        let path = prefs_path(&support(), &bearer);
        let message = assert_error(
            &get_as(addr, &path, &bearer).await,
            401,
            "UnauthorizedClientException",
            "Unauthorized",
        );
        assert_eq!(
            message,
            "Unauthorized: An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header."
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_channel_and_non_member_are_bad_requests_with_code_not_found() {
    let server = start().await;
    let addr = server.addr();
    let nowhere = format!("{}/channel/nowhere", super::super::APP_INSTANCE_ARN);
    let alice = arn("user/alice");
    let message = assert_error(
        &get_as(addr, &prefs_path(&nowhere, &alice), &alice).await,
        400,
        "BadRequestException",
        "NotFound",
    );
    assert!(message.contains("not found"), "{message}");
    let outsider = arn("user/outsider");
    let path = prefs_path(&support(), &outsider);
    assert_error(
        &get_as(addr, &path, &outsider).await,
        400,
        "BadRequestException",
        "NotFound",
    );
    let path = prefs_path(&town_hall(), &alice);
    assert_error(
        &get_as(addr, &path, &alice).await,
        400,
        "BadRequestException",
        "NotFound",
    );
    server.shutdown().await;
}

#[tokio::test]
async fn generated_town_hall_members_are_served() {
    let server = start().await;
    let addr = server.addr();
    let ask = |n: u32| async move {
        let member = arn(&format!("user/th-{n:05}"));
        get_as(addr, &prefs_path(&town_hall(), &member), &member).await
    };
    let reply = ask(7).await;
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["Member"]["Name"], "Town Hall Member 00007");
    assert_eq!(
        body["Preferences"]["PushNotifications"]["AllowNotifications"],
        "ALL"
    );
    assert_eq!(
        ask(10_000).await.json()["Preferences"]["PushNotifications"]["AllowNotifications"],
        "NONE"
    );
    assert_eq!(
        ask(4).await.json()["Preferences"]["PushNotifications"]["AllowNotifications"],
        "FILTERED"
    );
    assert_eq!(ask(6).await.json()["Preferences"], serde_json::json!({}));
    assert_eq!(ask(10_001).await.status, 401);
    server.shutdown().await;
}
