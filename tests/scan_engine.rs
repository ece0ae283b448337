//! The scan engine (`chime_prefs::scan`) with the real SDK client against the
//! embedded demo service on loopback: paging, pipelining, per-member
//! failures, throttling and cancellation. No HTTP mocks, no terminal.

use std::time::Duration;

use chime_prefs::aws::{AwsSettings, PrefsClient};
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DemoOptions, DemoServer,
};
use chime_prefs::error::ErrorKind;
use chime_prefs::scan::{self, RowState, ScanEvent, ScanRequest, ScanResults, retry};
use tokio::sync::mpsc;

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

/// A dataset with one generated channel `big` of `count` members, every
/// `hidden_every`-th of them hidden, and `user/admin` as AppInstanceAdmin.
fn generated(count: usize, hidden_every: usize) -> String {
    serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin", "user/outsider"],
        "channels": [{
            "id": "big",
            "generate": {
                "count": count, "prefix": "user/m-", "digits": 5,
                "name_prefix": "Member ", "hidden_every": hidden_every
            }
        }]
    })
    .to_string()
}

async fn demo(opts: DemoOptions) -> DemoServer {
    DemoServer::start(opts).await.expect("demo service starts")
}

async fn client(server: &DemoServer, max_attempts: u32, timeout: Duration) -> PrefsClient {
    PrefsClient::connect(&AwsSettings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(server.endpoint_url()),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        timeout,
        max_attempts,
        ..AwsSettings::default()
    })
    .await
}

fn request(channel_id: &str, concurrency: usize) -> ScanRequest {
    ScanRequest {
        concurrency,
        ..ScanRequest::new(channel(channel_id), arn("user/admin"))
    }
}

/// Run a scan to the end; every event in arrival order, and the aggregate.
async fn scan_all(client: PrefsClient, request: ScanRequest) -> (Vec<ScanEvent>, ScanResults) {
    let mut results = ScanResults::new(request.channel_arn.clone());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(scan::run(client, request, tx));
    let mut events = Vec::new();
    while let Some(event) = rx.recv().await {
        results.apply(event.clone());
        events.push(event);
    }
    task.await.expect("scan task");
    (events, results)
}

fn member_number(row: &chime_prefs::scan::Row) -> usize {
    row.member
        .arn
        .as_deref()
        .and_then(|a| a.rsplit("user/m-").next())
        .and_then(|n| n.parse().ok())
        .expect("generated member ARN")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_through_every_member_in_listing_order_and_pipelines_lookups() {
    // 537 members, every 50th hidden: 527 DEFAULT members on 11 pages (the
    // last short, without NextToken), 10 HIDDEN on one more page.
    let server = demo(DemoOptions {
        data: Some(generated(537, 50)),
        latency: Duration::from_millis(20),
        ..DemoOptions::default()
    })
    .await;
    let client = client(&server, 1, Duration::from_secs(10)).await;
    let mut req = request("big", 8);
    req.include_hidden = true;
    let (events, results) = scan_all(client, req).await;

    assert!(results.is_complete());
    assert_eq!(results.rows().len(), 537);
    let numbers: Vec<usize> = results.rows().iter().map(member_number).collect();
    let mut expected: Vec<usize> = (1..=537).filter(|n| n % 50 != 0).collect();
    expected.extend((1..=537).filter(|n| n % 50 == 0));
    assert_eq!(
        numbers, expected,
        "DEFAULT members first, then HIDDEN, each in roster order"
    );

    let pages: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            ScanEvent::Listed { members } => Some(members.len()),
            _ => None,
        })
        .collect();
    assert_eq!(pages.len(), 12);
    assert!(pages[..10].iter().all(|&n| n == 50), "{pages:?}");
    assert_eq!(&pages[10..], &[27, 10]);

    // Every member read exactly once, and nothing sent twice.
    let finished = events
        .iter()
        .filter(|e| matches!(e, ScanEvent::Finished { .. }))
        .count();
    assert_eq!(finished, 537);
    assert_eq!(results.summary().read(), 537);
    assert_eq!(server.request_count(), 12 + 537);

    // Lookups started before listing ended (pipelined), and Done came last.
    let first_finished = events
        .iter()
        .position(|e| matches!(e, ScanEvent::Finished { .. }))
        .expect("a lookup finished");
    let complete = events
        .iter()
        .position(|e| matches!(e, ScanEvent::ListingComplete { total: 537 }))
        .expect("listing completed");
    assert!(
        first_finished < complete,
        "lookups waited for the whole listing"
    );
    assert_eq!(events.last(), Some(&ScanEvent::Done));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_that_fail_are_reported_with_their_error_and_the_scan_completes() {
    let server = demo(DemoOptions::default()).await;
    // A short timeout for `user/slow`, which answers after 120 s.
    let client = client(&server, 1, Duration::from_millis(1500)).await;
    let (_, results) = scan_all(client, request("support", 8)).await;
    assert!(results.is_complete());

    let outcome = |id: &str| {
        results
            .rows()
            .iter()
            .find(|r| r.member.arn.as_deref() == Some(arn(id).as_str()))
            .map(|r| r.state.clone())
            .unwrap_or_else(|| panic!("{id} was not listed"))
    };
    let failed = |id: &str| match outcome(id) {
        RowState::Failed(err) => err,
        other => panic!("{id}: expected an error, got {other:?}"),
    };
    let read = |id: &str| match outcome(id) {
        RowState::Read(lookup) => lookup,
        other => panic!("{id}: expected preferences, got {other:?}"),
    };

    let banned = failed("user/mallory");
    assert_eq!(banned.kind, ErrorKind::Forbidden);
    assert_eq!(banned.http_status, Some(403));
    assert!(banned.request_id.is_some());
    assert_eq!(banned.attempts, 1, "a 403 is not retried");

    // 5xx: retried by the scan up to max_attempts (3), then reported.
    let outage = failed("user/outage");
    assert_eq!(outage.display_code(), "ServiceUnavailableException");
    assert_eq!(outage.attempts, 3);
    assert_eq!(failed("user/failure").kind, ErrorKind::ServiceFailure);

    // Always throttled: re-queued until the patience or the call's budget
    // (--timeout, 1.5 s here, retries included) ran out, whichever first.
    let throttled = failed("user/throttled");
    assert_eq!(throttled.kind, ErrorKind::Throttled);
    assert!(
        (2..=retry::LOOKUP_PATIENCE.throttled_attempts).contains(&throttled.attempts),
        "{}",
        throttled.attempts
    );
    if throttled.attempts < retry::LOOKUP_PATIENCE.throttled_attempts {
        assert!(
            throttled
                .detail
                .as_deref()
                .is_some_and(|d| d.contains("--timeout bounds each call")),
            "{throttled:?}"
        );
    }

    assert_eq!(failed("user/no-error-type").kind, ErrorKind::Forbidden);
    assert_eq!(failed("user/garbage").kind, ErrorKind::MalformedResponse);
    assert_eq!(failed("user/slow").kind, ErrorKind::Timeout);
    assert_eq!(failed("user/teapot").display_code(), "TeapotException");

    // 429, 429, then the answer: throttling cost attempts, not the member.
    let flaky = read("user/flaky");
    assert_eq!(flaky.meta.attempts, 3);
    assert_eq!(read("user/carol").meta.attempts, 1);

    let summary = results.summary();
    assert_eq!(summary.errors, 8);
    assert_eq!(summary.read(), 12, "20 DEFAULT members, 8 of them failing");
    assert!(results.throttled() >= 2);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttling_service_slows_the_scan_but_loses_no_member() {
    let server = demo(DemoOptions {
        data: Some(generated(180, 100_000)),
        tps: Some(30),
        ..DemoOptions::default()
    })
    .await;
    let client = client(&server, 1, Duration::from_secs(10)).await;
    let (events, results) = scan_all(client, request("big", 8)).await;
    assert!(results.is_complete());
    assert_eq!(results.summary().errors, 0, "{:?}", first_error(&results));
    assert_eq!(results.summary().read(), 180);
    assert!(
        results.throttled() > 0,
        "the demo's 30 requests/s must have throttled an unpaced scan"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ScanEvent::Throttled { pace: Some(_), .. })),
        "the scan paced itself"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_retries_throttling_itself_loses_no_member_either() {
    // What an embedding caller (the TUI) passes: the standard 3-attempt client.
    let server = demo(DemoOptions {
        data: Some(generated(120, 100_000)),
        tps: Some(30),
        ..DemoOptions::default()
    })
    .await;
    let client = client(&server, 3, Duration::from_secs(10)).await;
    let (_, results) = scan_all(client, request("big", 8)).await;
    assert!(results.is_complete());
    assert_eq!(results.summary().errors, 0, "{:?}", first_error(&results));
    assert_eq!(results.summary().read(), 120);
    server.shutdown().await;
}

fn first_error(results: &ScanResults) -> Option<(String, ErrorKind, u32)> {
    results.rows().iter().find_map(|r| match &r.state {
        RowState::Failed(e) => Some((r.member.arn.clone().unwrap_or_default(), e.kind, e.attempts)),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bearer_that_may_not_list_fails_the_listing_and_nothing_else_is_sent() {
    let server = demo(DemoOptions::default()).await;
    let client = client(&server, 1, Duration::from_secs(10)).await;
    let req = ScanRequest::new(channel("support"), arn("user/outsider"));
    let (events, results) = scan_all(client, req).await;
    match &events[..] {
        [ScanEvent::ListingFailed(err), ScanEvent::Done] => {
            assert_eq!(err.kind, ErrorKind::Forbidden);
            assert_eq!(err.http_status, Some(403));
        }
        other => panic!("unexpected events {other:?}"),
    }
    assert!(results.is_done() && !results.is_complete());
    assert_eq!(server.request_count(), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_receiver_stops_the_scan_and_its_requests() {
    let server = demo(DemoOptions {
        data: Some(generated(2000, 100_000)),
        latency: Duration::from_millis(100),
        ..DemoOptions::default()
    })
    .await;
    let client = client(&server, 1, Duration::from_secs(10)).await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(scan::run(client, request("big", 4), tx));
    // Wait for the first finished lookup, then walk away.
    while let Some(event) = rx.recv().await {
        if matches!(event, ScanEvent::Finished { .. }) {
            break;
        }
    }
    drop(rx);
    tokio::time::timeout(Duration::from_secs(30), task)
        .await
        .expect("the scan stops once nobody listens")
        .expect("scan task");
    let sent = server.request_count();
    assert!(
        sent < 2000,
        "the scan went on after the receiver was dropped"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_the_handle_keeps_what_was_reported_before() {
    let server = demo(DemoOptions {
        data: Some(generated(2000, 100_000)),
        latency: Duration::from_millis(100),
        ..DemoOptions::default()
    })
    .await;
    let client = client(&server, 1, Duration::from_secs(10)).await;
    let (handle, mut rx) = scan::spawn(client, request("big", 4));
    let mut results = ScanResults::new(channel("big"));
    while let Some(event) = rx.recv().await {
        let finished = matches!(event, ScanEvent::Finished { .. });
        results.apply(event);
        if finished && results.summary().finished() >= 5 {
            break;
        }
    }
    handle.cancel().await;
    // The receiver drains what was sent, then ends: the sender is gone.
    while let Some(event) = rx.recv().await {
        assert!(
            !matches!(event, ScanEvent::Done),
            "a cancelled scan sends no Done"
        );
        results.apply(event);
    }
    assert!(!results.is_complete());
    let summary = results.summary();
    assert!(
        summary.finished() >= 5 && summary.pending > 0,
        "{summary:?}"
    );
    assert!(
        results
            .finished_rows()
            .all(|r| matches!(r.state, RowState::Read(_)))
    );
    server.shutdown().await;
}
