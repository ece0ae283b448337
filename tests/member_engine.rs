//! The member picture engine (`chime_prefs::member`) with the real SDK
//! client against the embedded demo service on loopback: paging, the
//! owner/admin rule, per-channel failures, pacing at the bearer's quota
//! and cancellation. No HTTP mocks, no terminal; counts, not times.

use std::time::Duration;

use chime_prefs::arn::{Field, parse_member};
use chime_prefs::aws::{AwsSettings, PrefsClient};
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY,
    DemoOptions, DemoServer,
};
use chime_prefs::diagnose::{Fact, Status};
use chime_prefs::error::ErrorKind;
use chime_prefs::explain::Context;
use chime_prefs::member::{self, MemberEvent, MemberRequest, MemberResults};
use chime_prefs::model::MembershipType;
use chime_prefs::operation::Operation;
use chime_prefs::scan::{PushState, RowState};
use tokio::sync::mpsc;

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

async fn demo(opts: DemoOptions) -> DemoServer {
    DemoServer::start(opts).await.expect("demo service starts")
}

async fn client(server: &DemoServer) -> PrefsClient {
    PrefsClient::connect(&AwsSettings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(server.endpoint_url()),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        timeout: Duration::from_secs(10),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await
}

/// The picture of `member`, listed by `lister`, at `quota` requests a second.
fn request(member: &str, lister: &str, quota: f64) -> MemberRequest {
    let member = parse_member(member, Field::Member).expect("member ARN");
    MemberRequest {
        bearer_quota: quota,
        concurrency: 16,
        max_attempts: 3,
        ..MemberRequest::new(&member, lister)
    }
}

/// Run to the end; every event in arrival order, and the aggregate.
async fn picture(client: PrefsClient, request: MemberRequest) -> (Vec<MemberEvent>, MemberResults) {
    let mut results = MemberResults::new(&request);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(member::run(client, request, tx));
    let mut events = Vec::new();
    while let Some(event) = rx.recv().await {
        results.apply(event.clone());
        events.push(event);
    }
    task.await.expect("member task");
    (events, results)
}

fn channel_number(row: &chime_prefs::member::ChannelRow) -> usize {
    row.arn()
        .and_then(|a| a.rsplit("channel/project-").next())
        .and_then(|n| n.parse().ok())
        .expect("a project channel")
}

fn throttles(events: &[MemberEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, MemberEvent::Throttled { .. }))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_through_all_300_channels_of_a_busy_member_in_listing_order() {
    let server = demo(DemoOptions::default()).await;
    let (events, results) = picture(
        client(&server).await,
        request(BUSY_MEMBER_ARN, BUSY_MEMBER_ARN, 1000.0),
    )
    .await;

    assert!(results.is_complete());
    let pages: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            MemberEvent::Listed { channels } => Some(channels.len()),
            _ => None,
        })
        .collect();
    assert_eq!(pages, [50; 6], "300 channels on 6 pages");
    assert!(matches!(events.last(), Some(MemberEvent::Done)));
    let numbers: Vec<usize> = results.rows().iter().map(channel_number).collect();
    assert_eq!(numbers, (1..=300).collect::<Vec<_>>());
    for row in results.rows() {
        let n = channel_number(row);
        let hidden = row.channel.kind == Some(MembershipType::Hidden);
        assert_eq!(hidden, n.is_multiple_of(100), "project-{n:03}");
        // series.rs: n % 20 in 0..=2 NONE, 3..=5 FILTERED, 6 never set, else ALL.
        let expected = match n % 20 {
            0..=2 => PushState::None,
            3..=5 => PushState::Filtered,
            6 => PushState::NotSet,
            _ => PushState::All,
        };
        assert_eq!(row.push_state(), Some(expected), "project-{n:03}");
    }
    let s = results.summary();
    assert_eq!(
        (s.all, s.none, s.filtered, s.not_set, s.errors),
        (195, 45, 45, 15, 0)
    );
    assert_eq!(results.name(), Some("Bea Busy"));

    // The devices, judged once by the diagnosis's check.
    let counts = results.device_counts().expect("devices listed");
    assert_eq!((counts.total, counts.inactive), (2, 1));
    assert_eq!(counts.reasons, ["INVALID_DEVICE_TOKEN"]);
    assert_eq!(results.devices_check().status, Status::Warn);
    let Fact::Known { value, .. } = results.devices() else {
        panic!("devices known");
    };
    assert!(
        value
            .iter()
            .all(|d| matches!(d.resource_arn, Fact::Known { .. })),
        "every endpoint described"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_admin_may_list_another_members_channels() {
    let server = demo(DemoOptions::default()).await;
    let alice = arn("user/alice");

    // bob is a user, not an AppInstanceAdmin.
    let (_, results) = picture(
        client(&server).await,
        request(&alice, &arn("user/bob"), 100.0),
    )
    .await;
    assert!(results.is_done() && !results.is_complete());
    assert!(results.rows().is_empty());
    let err = results.listing_error().expect("the listing failed");
    assert_eq!(
        err.operation,
        Operation::ListChannelMembershipsForAppInstanceUser
    );
    assert_eq!(
        (err.kind, err.http_status),
        (ErrorKind::Forbidden, Some(403))
    );
    let explained = chime_prefs::explain::explain_error(
        err,
        &Context {
            member: Some(&alice),
            bearer: Some(&arn("user/bob")),
            ..Context::default()
        },
    );
    assert_eq!(explained.title, "Not allowed to list this user's channels");
    // The devices do not depend on the listing.
    assert_eq!(results.device_counts().map(|c| c.total), Some(2));

    // The admin may, and the member may list its own.
    for lister in [DEMO_ADMIN_ARN, alice.as_str()] {
        let (_, results) = picture(client(&server).await, request(&alice, lister, 100.0)).await;
        assert!(results.is_complete(), "listed by {lister}");
        let states: Vec<(String, Option<PushState>, Option<MembershipType>)> = results
            .rows()
            .iter()
            .map(|r| {
                let id = r.arn().and_then(|a| a.rsplit('/').next()).unwrap_or("");
                (id.to_string(), r.push_state(), r.channel.kind.clone())
            })
            .collect();
        let default = Some(MembershipType::Default);
        assert_eq!(
            states,
            [
                ("support".into(), Some(PushState::All), default.clone()),
                ("mobile".into(), Some(PushState::All), default.clone()),
                ("random".into(), Some(PushState::None), default.clone()),
                ("design".into(), Some(PushState::Filtered), default),
                (
                    "announcements".into(),
                    Some(PushState::NotSet),
                    Some(MembershipType::Hidden)
                ),
            ]
        );
    }
    server.shutdown().await;
}

/// `user/mixed` is in five channels: one answers, four fail in four ways;
/// a sixth, where mixed was banned, is not in the member's list at all.
fn mixed_dataset() -> String {
    let member = |fault: Option<&str>| {
        let mut m = serde_json::json!({"id": "user/mixed", "name": "Max Mixed", "allow": "ALL"});
        if let Some(fault) = fault {
            m["fault"] = fault.into();
        }
        m
    };
    let channel = |id: &str, m: serde_json::Value| serde_json::json!({"id": id, "members": [m]});
    let mut banned = member(None);
    banned["banned"] = serde_json::json!({"by": "user/admin", "at": 1736900000});
    serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": [
            channel("ok", member(None)),
            channel("outage", member(Some("unavailable"))),
            channel("failure", member(Some("failure"))),
            channel("teapot", member(Some("teapot"))),
            channel("garbage", member(Some("garbage"))),
            channel("banned", banned),
        ]
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_channel_fails_on_its_own_and_the_rest_are_read() {
    let server = demo(DemoOptions {
        data: Some(mixed_dataset()),
        ..DemoOptions::default()
    })
    .await;
    let mixed = arn("user/mixed");
    let (_, results) = picture(client(&server).await, request(&mixed, &mixed, 100.0)).await;
    assert!(results.is_complete(), "the list and every outcome are in");
    let outcomes: Vec<(String, Option<ErrorKind>)> = results
        .rows()
        .iter()
        .map(|r| {
            let id = r.arn().and_then(|a| a.rsplit('/').next()).unwrap_or("");
            let kind = match &r.state {
                RowState::Failed(err) => {
                    assert_eq!(err.operation, Operation::GetChannelMembershipPreferences);
                    Some(err.kind)
                }
                RowState::Read(_) => None,
                RowState::Pending => panic!("{id} still pending"),
            };
            (id.to_string(), kind)
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("ok".to_string(), None),
            ("outage".to_string(), Some(ErrorKind::ServiceUnavailable)),
            ("failure".to_string(), Some(ErrorKind::ServiceFailure)),
            ("teapot".to_string(), Some(ErrorKind::UnknownCode)),
            ("garbage".to_string(), Some(ErrorKind::MalformedResponse)),
        ]
    );
    let s = results.summary();
    assert_eq!((s.all, s.errors), (1, 4));
    // 5xx are retried up to max_attempts, the others reported at once.
    let attempts = |id: &str| {
        results
            .rows()
            .iter()
            .find(|r| r.arn().is_some_and(|a| a.ends_with(id)))
            .and_then(|r| match &r.state {
                RowState::Failed(err) => Some(err.attempts),
                _ => None,
            })
    };
    assert_eq!(attempts("/outage"), Some(3));
    assert_eq!(attempts("/teapot"), Some(1));
    assert_eq!(results.name(), Some("Max Mixed"));
    // A member without endpoints: the check fails, as in the diagnosis.
    assert_eq!(results.device_counts().map(|c| c.total), Some(0));
    assert_eq!(results.devices_check().status, Status::Fail);
    server.shutdown().await;
}

/// The command's own setting: paced at the bearer's quota (10/s in
/// us-east-1) against a service that enforces it per bearer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_bearers_quota_every_one_of_300_channels_is_read() {
    let server = demo(DemoOptions {
        bearer_tps: Some(10),
        ..DemoOptions::default()
    })
    .await;
    let busy = parse_member(BUSY_MEMBER_ARN, Field::Member).expect("ARN");
    let request = MemberRequest {
        max_attempts: 3,
        ..MemberRequest::new(&busy, BUSY_MEMBER_ARN)
    };
    assert_eq!(request.bearer_quota, 10.0);
    let (events, results) = picture(client(&server).await, request).await;
    assert!(results.is_complete());
    assert_eq!(results.rows().len(), 300);
    assert_eq!(results.summary().read(), 300);
    assert_eq!(results.summary().errors, 0);
    assert!(
        throttles(&events) <= 3,
        "paced at the quota, the service barely throttles: {} 429s",
        throttles(&events)
    );
    server.shutdown().await;
}

/// A pace above what the service allows (a wrong quota, or the customer's
/// app using the same bearer): 429s come, the pace drops, and still no
/// channel is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_costs_retries_not_channels() {
    let data = serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": [],
        "channel_series": [{
            "id_prefix": "project-", "count": 60, "digits": 3,
            "member": {"id": "user/busy", "name": "Bea Busy"}
        }]
    })
    .to_string();
    let server = demo(DemoOptions {
        data: Some(data),
        bearer_tps: Some(5),
        ..DemoOptions::default()
    })
    .await;
    let (events, results) = picture(
        client(&server).await,
        request(BUSY_MEMBER_ARN, BUSY_MEMBER_ARN, 12.0),
    )
    .await;
    assert!(throttles(&events) > 0, "the service throttled");
    assert!(results.throttled() > 0);
    assert!(
        results.pace() < 12.0,
        "the pace came down: {}",
        results.pace()
    );
    assert!(results.is_complete());
    assert_eq!(
        (results.summary().read(), results.summary().errors),
        (60, 0)
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_keeps_what_was_read_marks_it_partial_and_stops_every_call() {
    let server = demo(DemoOptions {
        bearer_tps: Some(10),
        latency: Duration::from_millis(20),
        ..DemoOptions::default()
    })
    .await;
    let request = request(BUSY_MEMBER_ARN, BUSY_MEMBER_ARN, 10.0);
    let mut results = MemberResults::new(&request);
    let (handle, mut events) = member::spawn(client(&server).await, request);
    let mut finished = 0;
    while finished < 20 {
        let event = tokio::time::timeout(Duration::from_secs(30), events.recv())
            .await
            .expect("progress")
            .expect("an event");
        finished += usize::from(matches!(event, MemberEvent::Finished { .. }));
        results.apply(event);
    }
    handle.cancel().await;
    while let Some(event) = events.recv().await {
        assert!(
            !matches!(event, MemberEvent::Done),
            "no Done after a cancel"
        );
        results.apply(event);
    }
    assert!(!results.is_done() && !results.is_complete());
    let read = results.finished_rows().count();
    assert!((20..300).contains(&read), "{read}");
    let doc = member::json::member_value(&results, &Context::default());
    assert_eq!(doc["Partial"], true);
    assert_eq!(doc["Channels"].as_array().map(Vec::len), Some(read));

    // Nothing is left running: the service hears nothing more.
    let seen = server.request_count();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(server.request_count(), seen);
    server.shutdown().await;
}
