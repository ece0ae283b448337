//! The real SDK client against the embedded demo service over loopback:
//! every AllowNotifications value and every error kind the service can
//! produce. No HTTP mocks.

use std::time::Duration;

use chime_prefs::aws::{AwsSettings, Clients};
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DemoOptions, DemoServer,
};
use chime_prefs::error::ErrorKind;
use chime_prefs::model::{AllowNotifications, Lookup, Target};

fn settings(endpoint: &str) -> AwsSettings {
    AwsSettings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        timeout: Duration::from_secs(10),
        max_attempts: 3,
        ..AwsSettings::default()
    }
}

fn target(member: &str) -> Target {
    let member_arn = format!("{APP_INSTANCE_ARN}/{member}");
    Target {
        channel_arn: format!("{APP_INSTANCE_ARN}/channel/support"),
        bearer_arn: member_arn.clone(),
        member_arn,
    }
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo service starts")
}

async fn lookup(member: &str) -> Lookup {
    let server = demo().await;
    let client = Clients::connect(&settings(&server.endpoint_url())).await;
    let result = client.get_preferences(&target(member)).await;
    server.shutdown().await;
    match result {
        Ok(found) => found,
        Err(e) => panic!(
            "{member}: unexpected {:?} {:?} {:?}",
            e.kind, e.code, e.message
        ),
    }
}

async fn failure(
    member: &str,
    adjust: impl FnOnce(&mut AwsSettings),
) -> chime_prefs::error::CallError {
    let server = demo().await;
    let mut s = settings(&server.endpoint_url());
    adjust(&mut s);
    let client = Clients::connect(&s).await;
    let result = client.get_preferences(&target(member)).await;
    server.shutdown().await;
    match result {
        Ok(found) => panic!(
            "{member}: expected an error, got {:?}",
            found.response.allow()
        ),
        Err(e) => e,
    }
}

#[tokio::test]
async fn every_allow_notifications_value() {
    for (member, expected) in [
        ("user/alice", AllowNotifications::All),
        ("user/bob", AllowNotifications::None),
        ("user/carol", AllowNotifications::Filtered),
        ("user/dave", AllowNotifications::Filtered),
        ("bot/triage", AllowNotifications::All),
        (
            "user/mystery",
            AllowNotifications::Unknown("SOMETIMES".into()),
        ),
    ] {
        let found = lookup(member).await;
        assert_eq!(found.response.allow(), Some(&expected), "{member}");
        assert_eq!(
            found.response.member_arn(),
            Some(target(member).member_arn.as_str())
        );
        assert!(
            found.meta.request_id.is_some(),
            "{member} lacks a request id"
        );
        assert_eq!(found.meta.attempts, 1);
    }
}

#[tokio::test]
async fn filter_rules_keep_raw_text_and_parse_outcome() {
    let carol = lookup("user/carol").await;
    let rule = carol.response.filter_rule().expect("carol has a rule");
    assert_eq!(rule.raw, r#"{"mention":["carol"]}"#);
    assert!(rule.parsed.is_ok());

    let dave = lookup("user/dave").await;
    assert!(
        dave.response
            .filter_rule()
            .expect("rule")
            .raw
            .contains("$or")
    );

    let frank = lookup("user/frank").await;
    let rule = frank.response.filter_rule().expect("frank has a rule");
    let err = rule.parsed.as_ref().expect_err("frank's rule is not JSON");
    assert!(err.line >= 1 && err.column >= 1);
}

#[tokio::test]
async fn a_member_without_push_preferences() {
    let erin = lookup("user/erin").await;
    assert!(erin.response.preferences.is_some());
    assert!(erin.response.push().is_none());
    assert_eq!(erin.response.allow(), None);
}

#[tokio::test]
async fn hostile_names_arrive_verbatim_for_the_display_layer_to_escape() {
    let hostile = lookup("user/hostile").await;
    let name = hostile.response.member_name().expect("name");
    assert!(name.contains('\u{1b}'));
    assert!(!chime_prefs::sanitize::line(name).contains('\u{1b}'));
}

#[tokio::test]
async fn the_six_modelled_exceptions() {
    let cases: [(&str, ErrorKind, u16, u32); 6] = [
        ("user/outsider", ErrorKind::BadRequest, 400, 1),
        ("user/ghost", ErrorKind::Unauthorized, 401, 1),
        ("user/mallory", ErrorKind::Forbidden, 403, 1),
        ("user/throttled", ErrorKind::Throttled, 429, 3),
        ("user/failure", ErrorKind::ServiceFailure, 500, 3),
        ("user/outage", ErrorKind::ServiceUnavailable, 503, 3),
    ];
    for (member, kind, status, attempts) in cases {
        let err = failure(member, |_| {}).await;
        assert_eq!(err.kind, kind, "{member}");
        assert_eq!(err.http_status, Some(status), "{member}");
        assert_eq!(err.attempts, attempts, "{member}: retries");
        assert!(err.request_id.is_some(), "{member}: request id");
        assert!(err.message.is_some(), "{member}: message");
        assert!(
            err.display_code().ends_with("Exception"),
            "{member}: {}",
            err.display_code()
        );
    }
}

#[tokio::test]
async fn forbidden_for_a_bearer_other_than_the_member() {
    let server = demo().await;
    let client = Clients::connect(&settings(&server.endpoint_url())).await;
    let mut t = target("user/alice");
    t.bearer_arn = format!("{APP_INSTANCE_ARN}/user/admin");
    let err = client.get_preferences(&t).await.expect_err("403");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    server.shutdown().await;
}

#[tokio::test]
async fn throttling_is_retried_until_success() {
    // user/flaky answers 429, 429, then 200: the SDK alone would give up at
    // the first 429.
    let flaky = lookup("user/flaky").await;
    assert_eq!(flaky.response.allow(), Some(&AllowNotifications::All));
    assert_eq!(flaky.meta.attempts, 3);
}

#[tokio::test]
async fn a_missing_error_type_header_falls_back_to_the_body_code() {
    let err = failure("user/no-error-type", |_| {}).await;
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert_eq!(err.code.as_deref(), Some("Forbidden"));
    assert_eq!(err.http_status, Some(403));
    assert!(err.request_id.is_some());
}

#[tokio::test]
async fn a_body_that_is_not_json() {
    let err = failure("user/garbage", |_| {}).await;
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
    assert_eq!(err.http_status, Some(200));
}

#[tokio::test]
async fn an_unknown_error_code_is_kept_verbatim() {
    let err = failure("user/teapot", |_| {}).await;
    assert_eq!(err.kind, ErrorKind::UnknownCode);
    assert_eq!(err.display_code(), "TeapotException");
    assert_eq!(err.http_status, Some(418));
}

#[tokio::test]
async fn a_silent_server_hits_the_timeout() {
    let started = std::time::Instant::now();
    let err = failure("user/slow", |s| s.timeout = Duration::from_secs(1)).await;
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_endpoint() {
    // Bind then drop a listener: the port is free and refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let mut s = settings(&format!("http://127.0.0.1:{port}"));
    s.max_attempts = 2;
    let client = Clients::connect(&s).await;
    let err = client
        .get_preferences(&target("user/alice"))
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::EndpointUnreachable);
    assert_eq!(err.http_status, None);
    assert_eq!(err.request_id, None);
    assert!(
        err.detail.as_deref().unwrap_or("").contains("refused"),
        "{:?}",
        err.detail
    );
}

#[tokio::test]
async fn expired_and_invalid_credentials() {
    let err = failure("user/alice", |s| {
        s.static_credentials = Some(("EXPIREDKEY000".into(), "x".into()));
    })
    .await;
    assert_eq!(err.kind, ErrorKind::CredentialsExpired);
    assert_eq!(err.http_status, Some(403));

    let err = failure("user/alice", |s| {
        s.static_credentials = Some(("INVALIDKEY000".into(), "x".into()));
    })
    .await;
    assert_eq!(err.kind, ErrorKind::CredentialsInvalid);
}

#[tokio::test]
async fn no_region_anywhere() {
    let server = demo().await;
    let mut s = settings(&server.endpoint_url());
    s.region = None;
    let client = Clients::connect(&s).await;
    let mut t = target("user/alice");
    // Without a configured region the client reads the channel ARN's; an ARN
    // it cannot read leaves it with none.
    t.channel_arn = "support".into();
    let err = client.get_preferences(&t).await.expect_err("no region");
    assert_eq!(err.kind, ErrorKind::NoRegion, "{:?}", err.detail);
    assert_eq!(server.request_count(), 0, "nothing may be sent");
    server.shutdown().await;
}

#[tokio::test]
async fn the_region_comes_from_the_channel_arn_when_none_is_configured() {
    let server = demo().await;
    let mut s = settings(&server.endpoint_url());
    s.region = None;
    let client = Clients::connect(&s).await;
    let found = client
        .get_preferences(&target("user/alice"))
        .await
        .expect("ok");
    assert_eq!(found.response.allow(), Some(&AllowNotifications::All));
    server.shutdown().await;
}
