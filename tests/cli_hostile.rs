//! The real binary (`diagnose`, `scan`, `member`) against a loopback server
//! that answers what AWS never should: values this version does not know,
//! 2xx answers without the structure the operation promises, listings that
//! repeat themselves or never end, a throttling storm. Every fact shown is
//! what the server said; every verdict follows from facts.

use std::process::Output;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod aws_loopback;
mod common;

use aws_loopback::{Loopback, Recorded, Reply, channel, user};
use common::{BIN, hermetic, run, stderr, stdout, temp_home};

const PINPOINT: &str = "arn:aws:mobiletargeting:eu-central-1:111122223333:apps/app1";

/// Which call a request is, from its path and query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Membership,
    Ban,
    Preferences,
    ListMembers,
    UserChannels,
    ListEndpoints,
    DescribeEndpoint,
    /// Behind the device: Pinpoint's GetApp and channel reads, IAM's
    /// GetRole and SimulatePrincipalPolicy.
    App,
    PushChannel,
    GetRole,
    Simulate,
    Other,
}

fn call_of(r: &Recorded) -> Call {
    let p = r.path.as_str();
    if let Some(rest) = p.strip_prefix("/v1/apps/") {
        return if rest.contains("/channels/") {
            Call::PushChannel
        } else {
            Call::App
        };
    }
    if p == "/" && r.method == "POST" {
        return match r.form("Action").as_deref() {
            Some("GetRole") => Call::GetRole,
            Some("SimulatePrincipalPolicy") => Call::Simulate,
            _ => Call::Other,
        };
    }
    if p.starts_with("/app-instance-users/") {
        return match p.rsplit_once("/endpoints") {
            Some((_, "")) => Call::ListEndpoints,
            Some(_) => Call::DescribeEndpoint,
            None => Call::Other,
        };
    }
    if p == "/channels" {
        return Call::UserChannels;
    }
    if p.ends_with("/preferences") {
        Call::Preferences
    } else if p.contains("/bans/") {
        Call::Ban
    } else if p.ends_with("/memberships") {
        Call::ListMembers
    } else if p.contains("/memberships/") {
        Call::Membership
    } else {
        Call::Other
    }
}

fn endpoint(id: &str, allow: &str, status: &str) -> Value {
    json!({
        "AppInstanceUserArn": user("carol"),
        "EndpointId": id,
        "Name": format!("{id} phone"),
        "Type": "APNS",
        "AllowMessages": allow,
        "EndpointState": {"Status": status},
    })
}

/// Healthy answers for every call; `change` replaces the ones a test makes
/// hostile.
fn healthy(call: Call) -> Reply {
    match call {
        Call::Membership => Reply::json(
            &json!({"ChannelMembership": {
                "Type": "DEFAULT",
                "Member": {"Arn": user("carol")},
                "ChannelArn": channel(),
            }})
            .to_string(),
        ),
        Call::Ban => Reply::error(404, "NotFoundException", "NotFound", "not banned"),
        Call::Preferences => Reply::json(
            &json!({
                "ChannelArn": channel(),
                "Member": {"Arn": user("carol"), "Name": "Carol"},
                "Preferences": {"PushNotifications": {"AllowNotifications": "ALL"}},
            })
            .to_string(),
        ),
        Call::ListEndpoints => Reply::json(
            &json!({"AppInstanceUserEndpoints": [endpoint("e1", "ALL", "ACTIVE")]}).to_string(),
        ),
        Call::DescribeEndpoint => Reply::json(
            &json!({"AppInstanceUserEndpoint": {
                "EndpointId": "e1",
                "Type": "APNS",
                "AllowMessages": "ALL",
                "EndpointState": {"Status": "ACTIVE"},
                "ResourceArn": PINPOINT,
            }})
            .to_string(),
        ),
        Call::ListMembers => Reply::json(
            &json!({
                "ChannelArn": channel(),
                "ChannelMemberships": [{"Member": {"Arn": user("carol"), "Name": "Carol"}}],
            })
            .to_string(),
        ),
        Call::UserChannels => Reply::json(
            &json!({"ChannelMemberships": [{
                "ChannelSummary": {"Name": "support", "ChannelArn": channel()},
                "AppInstanceUserMembershipSummary": {"Type": "DEFAULT"},
            }]})
            .to_string(),
        ),
        Call::App => {
            Reply::json(&json!({"Arn": PINPOINT, "Id": "app1", "Name": "App"}).to_string())
        }
        Call::PushChannel => Reply::json(
            &json!({"Platform": "APNS", "Enabled": true, "IsArchived": false,
                "DefaultAuthenticationMethod": "TOKEN", "HasTokenKey": true, "HasCredential": true})
            .to_string(),
        ),
        Call::GetRole => Reply::xml(&format!(
            "<GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>ServiceRoleForAmazonChimePushNotification</RoleName><RoleId>R</RoleId><Arn>arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>{}</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>",
            "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22messaging.chime.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
        )),
        Call::Simulate => Reply::xml(
            "<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>mobiletargeting:SendMessages</EvalActionName><EvalDecision>allowed</EvalDecision></member></EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>",
        ),
        Call::Other => Reply::error(404, "NotFoundException", "NotFound", "no such route"),
    }
}

async fn server(change: impl Fn(Call, usize) -> Option<Reply> + Send + Sync + 'static) -> Loopback {
    Loopback::start(move |r, i| {
        let call = call_of(r);
        change(call, i).unwrap_or_else(|| healthy(call))
    })
    .await
}

fn json_out(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(out), stderr(out)))
}

fn check<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["Checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["Id"] == id))
        .unwrap_or_else(|| panic!("no {id} check: {v:#}"))
}

async fn diagnose(server: &Loopback, tag: &str, extra: &[&str]) -> Output {
    let home = temp_home(tag);
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "diagnose",
        "--endpoint-url",
        &server.url(),
        "--channel-arn",
        &channel(),
        "--member-arn",
        &user("carol"),
    ]);
    cmd.args(extra);
    run(cmd).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_healthy_server_is_a_yes() {
    let s = server(|_, _| None).await;
    let out = diagnose(&s, "hostile-healthy", &["--output", "json"]).await;
    let v = json_out(&out);
    assert_eq!(v["Verdict"]["Push"], "yes", "{v:#}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_values_this_version_does_not_know_are_unknown_and_verbatim() {
    for (tag, device, said) in [
        (
            "allow",
            endpoint("e1", "MENTIONS_ONLY", "ACTIVE"),
            "AllowMessages MENTIONS_ONLY",
        ),
        (
            "status",
            endpoint("e1", "ALL", "SUSPENDED"),
            "EndpointState.Status SUSPENDED",
        ),
        (
            "type",
            {
                let mut e = endpoint("e1", "ALL", "ACTIVE");
                e["Type"] = json!("HUAWEI");
                e
            },
            "Type HUAWEI",
        ),
        (
            "reason",
            {
                let mut e = endpoint("e1", "ALL", "ACTIVE");
                e["EndpointState"]["StatusReason"] = json!("RATE_LIMITED");
                e
            },
            "EndpointState.StatusReason RATE_LIMITED",
        ),
    ] {
        let body = json!({"AppInstanceUserEndpoints": [device]}).to_string();
        let s =
            server(move |call, _| (call == Call::ListEndpoints).then(|| Reply::json(&body))).await;
        let out = diagnose(&s, &format!("hostile-{tag}"), &["--output", "json"]).await;
        let v = json_out(&out);
        assert_eq!(v["Verdict"]["Push"], "unknown", "{tag}: {v:#}");
        assert_eq!(out.status.code(), Some(3), "{tag}");
        let endpoints = check(&v, "endpoints");
        assert_eq!(endpoints["Status"], "unknown", "{tag}: {endpoints:#}");
        let text = endpoints.to_string();
        assert!(text.contains(said), "{tag}: {text}");
        assert!(!text.contains("muted"), "{tag}: {text}");
        assert!(!text.contains("INACTIVE"), "{tag}: {text}");

        // The text output says the same, verbatim.
        let out = diagnose(&s, &format!("hostile-{tag}-text"), &[]).await;
        let text = stdout(&out);
        assert!(
            text.starts_with("Would a push arrive? UNKNOWN"),
            "{tag}: {text}"
        );
        assert!(text.contains(said), "{tag}: {text}");
        assert_eq!(out.status.code(), Some(3), "{tag}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_describe_answer_is_malformed_not_a_membership_or_a_ban() {
    let s =
        server(|call, _| matches!(call, Call::Membership | Call::Ban).then(|| Reply::json("{}")))
            .await;
    let admin = user("admin");
    let out = diagnose(
        &s,
        "hostile-empty-describe",
        &["--admin-arn", &admin, "--output", "json"],
    )
    .await;
    let v = json_out(&out);
    assert_eq!(v["Verdict"]["Push"], "unknown", "{v:#}");
    assert_eq!(out.status.code(), Some(3));
    for (id, field) in [("membership", "ChannelMembership"), ("ban", "ChannelBan")] {
        let c = check(&v, id);
        assert_eq!(c["Status"], "unknown", "{id}: {c:#}");
        assert_eq!(c["Error"]["Code"], "MalformedResponse", "{id}: {c:#}");
        let text = c.to_string();
        assert!(text.contains(field), "{id} names {field}: {text}");
        assert!(!text.contains("unnamed moderator"), "{text}");
        assert!(!text.contains("DEFAULT"), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_without_its_id_is_malformed_not_no_device() {
    let s = server(|call, _| {
        (call == Call::ListEndpoints).then(|| {
            let mut e = endpoint("e1", "ALL", "ACTIVE");
            e.as_object_mut().map(|o| o.remove("EndpointId"));
            Reply::json(&json!({"AppInstanceUserEndpoints": [e]}).to_string())
        })
    })
    .await;
    let out = diagnose(&s, "hostile-no-id", &["--output", "json"]).await;
    let v = json_out(&out);
    let c = check(&v, "endpoints");
    assert_eq!(c["Status"], "unknown", "{c:#}");
    assert_eq!(c["Error"]["Code"], "MalformedResponse", "{c:#}");
    assert!(c.to_string().contains("EndpointId"), "{c:#}");
    assert!(!c.to_string().contains("no device endpoint"), "{c:#}");
    assert_eq!(out.status.code(), Some(3));
}

async fn member(server: &Loopback, tag: &str, format: &str) -> Output {
    let home = temp_home(tag);
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "member",
        "--endpoint-url",
        &server.url(),
        "--member-arn",
        &user("carol"),
        "--output",
        format,
    ]);
    run(cmd).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_keeps_an_unknown_device_value_verbatim_in_every_format() {
    let body = json!({"AppInstanceUserEndpoints": [
        endpoint("e1", "MENTIONS_ONLY", "ACTIVE"),
        endpoint("e2", "ALL", "ACTIVE"),
    ]})
    .to_string();
    let s = Arc::new(
        server(move |call, _| (call == Call::ListEndpoints).then(|| Reply::json(&body))).await,
    );

    let out = member(&s, "hostile-member-table", "table").await;
    let text = stdout(&out);
    assert!(
        text.contains("1 of 2 devices unknown (AllowMessages MENTIONS_ONLY is a value this version does not know)"),
        "{text}"
    );
    assert!(!text.contains("devices muted"), "{text}");
    assert!(!text.contains("would not receive"), "{text}");

    let out = member(&s, "hostile-member-json", "json").await;
    let v = json_out(&out);
    let first = &v["Endpoints"][0];
    assert_eq!(first["AllowMessages"], "MENTIONS_ONLY", "{v:#}");
    assert_eq!(first["EndpointState"]["Status"], "ACTIVE", "{v:#}");
    assert!(
        first["Finding"]
            .as_str()
            .is_some_and(|f| f.starts_with("unknown:")),
        "{first:#}"
    );
}

fn throttled() -> Reply {
    Reply::error(
        429,
        "ThrottledClientException",
        "Throttled",
        "Rate exceeded",
    )
}

async fn storm(command: &str, tag: &str) -> (Output, usize, Duration) {
    let s = server(|_, _| Some(throttled())).await;
    let home = temp_home(tag);
    let mut cmd = hermetic(BIN, &home);
    cmd.arg(command);
    match command {
        "scan" => cmd.args(["--channel-arn", &channel(), "--bearer-arn", &user("admin")]),
        _ => cmd.args(["--member-arn", &user("carol")]),
    };
    cmd.args([
        "--endpoint-url",
        &s.url(),
        "--timeout",
        "3",
        "--max-attempts",
        "1",
    ]);
    let started = Instant::now();
    let out = run(cmd).await;
    (out, s.count(), started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_bounds_a_scan_listing_under_a_429_storm_and_says_why() {
    let (out, requests, elapsed) = storm("scan", "hostile-storm-scan").await;
    // The listing's patience alone allows 24 attempts (about 20 s); three
    // seconds of backoff from 50 ms doubling allows far fewer.
    assert!(
        (2..=14).contains(&requests),
        "{requests} requests in {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(15), "hang guard: {elapsed:?}");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("ThrottledClientException"), "{err}");
    assert!(
        err.contains("--timeout bounds each call, retries included"),
        "{err}"
    );
    // More attempts than --max-attempts 1: the output says why.
    assert!(err.contains("--max-attempts does not"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_bounds_a_member_listing_under_a_429_storm() {
    let (out, requests, elapsed) = storm("member", "hostile-storm-member").await;
    // The channel listing (paced retries, within --timeout) and the one
    // endpoint list (one attempt).
    assert!(
        (2..=15).contains(&requests),
        "{requests} requests in {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(15), "hang guard: {elapsed:?}");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--timeout bounds each call"),
        "{}",
        stderr(&out)
    );
}
