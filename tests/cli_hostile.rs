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
use common::{BIN, hermetic, interrupt_when, run, stderr, stdout, temp_home};

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
    /// Behind the device: Pinpoint's GetApp and channel reads, and IAM's
    /// form POSTs (the action is in the body).
    PinpointApp,
    PinpointChannel,
    /// IAM: GetRole (true) or any other action (false).
    Iam(bool),
    Other,
}

fn call_of(r: &Recorded) -> Call {
    let p = r.path.as_str();
    if let Some(action) = r.form("Action") {
        return Call::Iam(action == "GetRole");
    }
    if let Some(rest) = p.strip_prefix("/v1/apps/") {
        return if rest.contains("/channels/") {
            Call::PinpointChannel
        } else {
            Call::PinpointApp
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
        Call::PinpointApp => {
            Reply::json(&json!({"Arn": PINPOINT, "Id": "app1", "Name": "carol's app"}).to_string())
        }
        Call::PinpointChannel => Reply::json(
            &json!({"ApplicationId": "app1", "Platform": "APNS", "Enabled": true,
                "IsArchived": false, "HasTokenKey": true, "HasCredential": true,
                "DefaultAuthenticationMethod": "TOKEN", "Version": 1})
            .to_string(),
        ),
        Call::Iam(get_role) => Reply::xml(&iam_answer(get_role)),
        Call::Other => Reply::error(404, "NotFoundException", "NotFound", "no such route"),
    }
}

/// IAM's healthy answers: the role exists and trusts Chime, and the
/// simulator allows SendMessages on whatever it is asked about.
fn iam_answer(get_role: bool) -> String {
    let action = if get_role {
        "GetRole"
    } else {
        "SimulatePrincipalPolicy"
    };
    let result = match action {
        "GetRole" => {
            let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
            let trust = percent_encoding::utf8_percent_encode(
                trust,
                percent_encoding::NON_ALPHANUMERIC,
            );
            format!(
                "<Role><Path>/</Path><AssumeRolePolicyDocument>{trust}</AssumeRolePolicyDocument><RoleId>AROAEXAMPLE</RoleId><RoleName>ServiceRoleForAmazonChimePushNotification</RoleName><Arn>arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></Role>"
            )
        }
        _ => "<IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>mobiletargeting:SendMessages</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision><MatchedStatements/><MissingContextValues/></member></EvaluationResults>".to_string(),
    };
    format!(
        "<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-{action}</RequestId></ResponseMetadata></{action}Response>"
    )
}

async fn server(change: impl Fn(Call, usize) -> Option<Reply> + Send + Sync + 'static) -> Loopback {
    Loopback::start(move |r, i| {
        let call = call_of(r);
        change(call, i).unwrap_or_else(|| healthy(call))
    })
    .await
}

async fn server_by(
    change: impl Fn(Call, &Recorded) -> Option<Reply> + Send + Sync + 'static,
) -> Loopback {
    Loopback::start(move |r, _| {
        let call = call_of(r);
        change(call, r).unwrap_or_else(|| healthy(call))
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_diagnose_says_so_and_shows_what_it_had() {
    // The device list never answers in time; everything else does.
    let s = server(|call, _| {
        (call == Call::ListEndpoints).then(|| healthy(call).after(Duration::from_secs(60)))
    })
    .await;
    for (signal, format) in [("-INT", "text"), ("-TERM", "json")] {
        let home = temp_home(&format!("hostile-diagnose-{format}"));
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "diagnose",
            "--endpoint-url",
            &s.url(),
            "--channel-arn",
            &channel(),
            "--member-arn",
            &user("carol"),
            "--output",
            format,
        ]);
        let seen = s.count();
        // Membership, preferences and the endpoint list were asked, and
        // the two quick answers have had time to arrive.
        let asked = std::sync::Mutex::new(None::<Instant>);
        let ready = || {
            let mut at = asked.lock().expect("lock");
            if s.count() < seen + 3 {
                return 0;
            }
            let at = *at.get_or_insert_with(Instant::now);
            u64::from(at.elapsed() > Duration::from_millis(500))
        };
        let out = interrupt_when(ready, cmd, 1, signal).await;
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        let text = stdout(&out);
        if format == "text" {
            assert!(
                text.starts_with(
                    "Would a push arrive? UNKNOWN: interrupted (Ctrl-C or SIGTERM) before the endpoints, pinpoint-app, push-channels, service-role, role-permission checks answered"
                ),
                "{text}"
            );
            assert!(text.contains("[PASS]    membership"), "{text}");
            assert!(
                text.contains("not answered: interrupted (Ctrl-C or SIGTERM) while asking ListAppInstanceUserEndpoints"),
                "{text}"
            );
            assert!(
                text.trim_end().ends_with(
                    "Interrupted (Ctrl-C or SIGTERM): the checks above are what had been answered."
                ),
                "{text}"
            );
        } else {
            let v = json_out(&out);
            assert_eq!(v["Interrupted"], true, "{v:#}");
            // An interrupted document names its subject too, first.
            assert_eq!(v["Report"]["Kind"], "diagnose", "{v:#}");
            assert_eq!(v["Report"]["MemberArn"], user("carol"), "{v:#}");
            assert_eq!(v["Verdict"]["Push"], "unknown", "{v:#}");
            assert_eq!(check(&v, "preferences")["Status"], "pass", "{v:#}");
            assert_eq!(check(&v, "endpoints")["Status"], "unknown", "{v:#}");
        }
    }
}

/// Two members (and two channels) listed; the preferences of the second
/// (dave, or the channel `slow`) never come in time.
async fn half_stalled() -> Loopback {
    server_by(|call, r| match call {
        Call::ListMembers => Some(Reply::json(
            &json!({"ChannelMemberships": [
                {"Member": {"Arn": user("carol"), "Name": "Carol"}},
                {"Member": {"Arn": user("dave"), "Name": "Dave"}},
            ]})
            .to_string(),
        )),
        Call::UserChannels => Some(Reply::json(
            &json!({"ChannelMemberships": [
                {"ChannelSummary": {"Name": "support", "ChannelArn": channel()}},
                {"ChannelSummary": {"Name": "slow", "ChannelArn": format!("{}/channel/slow", aws_loopback::APP)}},
            ]})
            .to_string(),
        )),
        Call::Preferences if r.path.contains("dave") || r.path.contains("slow") => {
            Some(healthy(call).after(Duration::from_secs(60)))
        }
        _ => None,
    })
    .await
}

async fn interrupted(command: &str, format: &str) -> Output {
    let s = half_stalled().await;
    let home = temp_home(&format!("hostile-interrupt-{command}-{format}"));
    let mut cmd = hermetic(BIN, &home);
    cmd.arg(command);
    match command {
        "scan" => cmd.args(["--channel-arn", &channel(), "--bearer-arn", &user("admin")]),
        _ => cmd.args(["--member-arn", &user("carol")]),
    };
    cmd.args(["--endpoint-url", &s.url(), "--output", format]);
    // The listing and both lookups were sent (and the member's endpoint
    // list); the first lookup has answered by then or soon after.
    let want = if command == "scan" { 3 } else { 4 };
    // The set-up calls behind the device (Pinpoint, IAM) are not counted:
    // they run beside the listing.
    let chime_calls = || {
        s.requests()
            .iter()
            .filter(|r| {
                !matches!(
                    call_of(r),
                    Call::PinpointApp | Call::PinpointChannel | Call::Iam(_)
                )
            })
            .count() as u64
    };
    let out = interrupt_when(chime_calls, cmd, want, "-INT").await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_scan_or_member_says_so_in_its_output() {
    for command in ["scan", "member"] {
        let noun = if command == "scan" {
            "members"
        } else {
            "channels"
        };
        let out = interrupted(command, "table").await;
        let text = stdout(&out);
        let last = text.trim_end().lines().last().unwrap_or("");
        assert!(
            last.starts_with("Partial output: interrupted (Ctrl-C or SIGTERM): read ")
                && last.ends_with(&format!(" of 2 {noun}.")),
            "{command}: {text}"
        );

        let out = interrupted(command, "csv").await;
        let text = stdout(&out);
        let last = text.trim_end().lines().last().unwrap_or("");
        assert!(
            last.contains(",Partial,interrupted (Ctrl-C or SIGTERM): read "),
            "{command}: {text:?}"
        );

        let out = interrupted(command, "json").await;
        let v = json_out(&out);
        assert_eq!(v["Partial"], true, "{command}: {v:#}");
        assert_eq!(v["Report"]["Kind"], command, "{command}: {v:#}");
        let first = v.as_object().and_then(|o| o.keys().next().cloned());
        assert_eq!(first.as_deref(), Some("Report"), "{command}: {v:#}");
        assert!(
            v["PartialReason"]
                .as_str()
                .is_some_and(|r| r.starts_with("interrupted")),
            "{command}: {v:#}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_channel_says_0_members_and_why_hidden_ones_may_be_missing() {
    let s = server(|call, _| {
        (call == Call::ListMembers).then(|| Reply::json(r#"{"ChannelMemberships": []}"#))
    })
    .await;
    let home = temp_home("hostile-empty-channel");
    for (extra, said) in [
        (None, "--include-hidden"),
        (Some("--include-hidden"), "DEFAULT or HIDDEN"),
    ] {
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "scan",
            "--endpoint-url",
            &s.url(),
            "--channel-arn",
            &channel(),
            "--bearer-arn",
            &user("admin"),
        ]);
        cmd.args(extra);
        let out = run(cmd).await;
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        // The subject first, then what the channel holds.
        assert!(text.starts_with("Channel: "), "{text}");
        let body = text.split_once("\n\n").map(|(_, b)| b).unwrap_or_default();
        assert!(body.starts_with("0 members: "), "{text}");
        assert!(text.contains(said), "{text}");
    }
    // JSON says it is whole.
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "scan",
        "--endpoint-url",
        &s.url(),
        "--channel-arn",
        &channel(),
        "--bearer-arn",
        &user("admin"),
        "--output",
        "json",
    ]);
    let v = json_out(&run(cmd).await);
    assert_eq!(v["Partial"], false, "{v:#}");
}

/// A listing that pages on and on, each page repeating the same member
/// and a new member, with a fresh NextToken every time.
fn endless(r: &Recorded, call: Call) -> Option<Reply> {
    let page: u64 = r
        .query
        .as_deref()
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("next-token=")))
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let next = (page + 1).to_string();
    match call {
        Call::ListMembers => Some(Reply::json(
            &json!({
                "ChannelMemberships": [
                    {"Member": {"Arn": user("carol"), "Name": "Carol"}},
                    {"Member": {"Arn": user(&format!("m{page}")), "Name": "M"}},
                ],
                "NextToken": next,
            })
            .to_string(),
        )),
        Call::UserChannels => Some(Reply::json(
            &json!({
                "ChannelMemberships": [
                    {"ChannelSummary": {"Name": "support", "ChannelArn": channel()}},
                    {"ChannelSummary": {"Name": "c", "ChannelArn": format!("{}/channel/c{page}", aws_loopback::APP)}},
                ],
                "NextToken": next,
            })
            .to_string(),
        )),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_row_is_kept_once_and_an_endless_listing_stops_at_max_items() {
    let s = server_by(|call, r| endless(r, call)).await;
    let home = temp_home("hostile-endless");
    for command in ["scan", "member"] {
        let mut cmd = hermetic(BIN, &home);
        cmd.arg(command);
        match command {
            "scan" => cmd.args(["--channel-arn", &channel(), "--bearer-arn", &user("admin")]),
            _ => cmd.args(["--member-arn", &user("carol")]),
        };
        cmd.args([
            "--endpoint-url",
            &s.url(),
            "--max-items",
            "7",
            "--output",
            "json",
        ]);
        let out = run(cmd).await;
        assert_eq!(out.status.code(), Some(1), "{command}: {}", stderr(&out));
        let v = json_out(&out);
        let rows = v[if command == "scan" {
            "Members"
        } else {
            "Channels"
        }]
        .as_array()
        .cloned()
        .unwrap_or_default();
        // 7 items listed (4 pages, the last cut to its repeated item); the
        // repeated one (carol, or support) kept once: 4 rows.
        assert_eq!(rows.len(), 4, "{command}: {v:#}");
        let arns: std::collections::BTreeSet<String> = rows
            .iter()
            .map(|r| {
                r[if command == "scan" {
                    "Arn"
                } else {
                    "ChannelArn"
                }]
                .to_string()
            })
            .collect();
        assert_eq!(arns.len(), rows.len(), "{command}: a row twice: {v:#}");
        assert_eq!(v["Partial"], true, "{command}");
        assert_eq!(
            v["PartialReason"],
            format!(
                "the listing stopped at --max-items 7; there may be more {}",
                if command == "scan" {
                    "members"
                } else {
                    "channels"
                }
            ),
            "{command}"
        );
        assert!(
            stderr(&out).contains("stopped at --max-items 7"),
            "{command}: {}",
            stderr(&out)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_10_kb_server_message_is_shown_once_cut_with_its_length() {
    let message = format!("BIG-MESSAGE {}", "x".repeat(10_000));
    let total = message.chars().count();
    let s = server(move |_, _| {
        Some(Reply::error(
            403,
            "ForbiddenException",
            "Forbidden",
            &message,
        ))
    })
    .await;
    let admin = user("admin");
    let out = diagnose(&s, "hostile-big-message", &["--admin-arn", &admin]).await;
    let text = stdout(&out);
    assert_eq!(text.matches("BIG-MESSAGE").count(), 1, "{text}");
    assert!(
        text.contains(&format!(
            "(cut: {total} characters in all; --output json has it whole)"
        )),
        "{text}"
    );
    assert!(
        text.matches("Message: the same as for the membership check above")
            .count()
            >= 2,
        "{text}"
    );
    assert!(text.len() < 8_000, "{} bytes", text.len());

    // `get` too.
    let home = temp_home("hostile-big-message-get");
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "get",
        "--endpoint-url",
        &s.url(),
        "--channel-arn",
        &channel(),
        "--member-arn",
        &user("carol"),
    ]);
    let out = run(cmd).await;
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(all.matches("BIG-MESSAGE").count(), 1, "{all}");
    assert!(all.len() < 8_000, "{} bytes", all.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_listed_twice_is_one_device() {
    let body = json!({"AppInstanceUserEndpoints": [
        endpoint("e1", "ALL", "ACTIVE"),
        endpoint("e1", "ALL", "ACTIVE"),
    ]})
    .to_string();
    let s = server(move |call, _| (call == Call::ListEndpoints).then(|| Reply::json(&body))).await;
    let out = diagnose(&s, "hostile-device-twice", &["--output", "json"]).await;
    let v = json_out(&out);
    let endpoints = check(&v, "endpoints");
    assert_eq!(
        endpoints["Finding"], "1 of 1 device can receive",
        "{endpoints:#}"
    );
    assert_eq!(v["Verdict"]["Push"], "yes", "{v:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lookup_paced_beyond_max_attempts_says_why() {
    let s = server(|call, _| (call == Call::Preferences).then(throttled)).await;
    let home = temp_home("hostile-paced-lookup");
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "scan",
        "--endpoint-url",
        &s.url(),
        "--channel-arn",
        &channel(),
        "--bearer-arn",
        &user("admin"),
        "--max-attempts",
        "1",
        "--timeout",
        "5",
        "--output",
        "json",
    ]);
    let started = Instant::now();
    let out = run(cmd).await;
    assert!(started.elapsed() < Duration::from_secs(30), "hang guard");
    assert_eq!(out.status.code(), Some(1));
    let v = json_out(&out);
    let attempts = v["Members"][0]["Error"]["Attempts"].as_u64().unwrap_or(0);
    // Paced retries beyond --max-attempts 1, bounded by the patience.
    assert!((2..=8).contains(&attempts), "{v:#}");
    assert!(
        stderr(&out).contains(
            "note: a 429 is retried at the scan's slower pace, which --max-attempts does not limit"
        ),
        "{}",
        stderr(&out)
    );
}
