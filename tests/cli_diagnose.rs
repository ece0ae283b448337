//! `chime-prefs diagnose`, the real binary against the embedded demo: every
//! story of the demo's push-path table reaches its verdict and blocking
//! check, with the documented exit codes, and no device token ever leaks.

use std::process::Command;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, ExpectedPush, STORIES, Story,
    TOKEN_MARKER,
};
use serde_json::Value;

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn diagnose(home: &std::path::Path, endpoint: &str, channel: &str, member: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args([
        "diagnose",
        "--endpoint-url",
        endpoint,
        "--channel-arn",
        channel,
        "--member-arn",
        member,
    ]);
    cmd
}

fn exit_code_for(push: ExpectedPush) -> i32 {
    match push {
        ExpectedPush::Yes => 0,
        ExpectedPush::No(_) => 1,
        ExpectedPush::Depends | ExpectedPush::Unknown => 3,
    }
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

async fn run_story(
    home: &std::path::Path,
    endpoint: &str,
    story: &Story,
) -> (Story, std::process::Output) {
    let mut cmd = diagnose(home, endpoint, &story.channel_arn(), &story.member_arn());
    cmd.args(["--admin-arn", DEMO_ADMIN_ARN, "--output", "json"]);
    if let Some(id) = story.message_id {
        cmd.args(["--message-id", id]);
    }
    (*story, run(cmd).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_demo_story_reaches_its_verdict_and_blocking_check() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-stories");
    let url = demo.endpoint_url();
    let runs = STORIES.iter().map(|story| run_story(&home, &url, story));
    let results = futures_util::future::join_all(runs).await;
    assert!(results.len() >= 25, "the table covers every path");
    let mut verdicts = std::collections::BTreeSet::new();
    let mut blocking = std::collections::BTreeSet::new();
    for (story, out) in results {
        let label = format!(
            "{} on {} ({:?})",
            story.member, story.channel, story.message_id
        );
        let v = json(&out);
        assert_eq!(v["Verdict"]["Push"], story.push.as_str(), "{label}: {v:#}");
        assert_eq!(
            v["Verdict"]["BlockingCheck"].as_str(),
            story.push.blocking_check(),
            "{label}: {v:#}"
        );
        assert_eq!(
            out.status.code(),
            Some(exit_code_for(story.push)),
            "{label}"
        );
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains(TOKEN_MARKER),
            "{label}: a device token leaked"
        );
        for check in v["Checks"].as_array().expect("checks") {
            if check["Status"] == "unknown" {
                assert!(
                    check["Error"]["Code"].is_string(),
                    "{label}: an unknown check carries its error: {check:#}"
                );
            }
        }
        verdicts.insert(story.push.as_str());
        if let Some(b) = story.push.blocking_check() {
            blocking.insert(b);
        }
    }
    assert_eq!(
        verdicts.len(),
        4,
        "yes, no, depends and unknown all shown: {verdicts:?}"
    );
    for id in [
        "membership",
        "ban",
        "preferences",
        "filter-rule",
        "endpoints",
    ] {
        assert!(
            blocking.contains(id),
            "{id} blocks in some story: {blocking:?}"
        );
    }
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identity_call_denied_by_iam_is_unknown_and_names_the_principal() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-iam");
    let mut cmd = diagnose(
        &home,
        &demo.endpoint_url(),
        &format!("{APP_INSTANCE_ARN}/channel/mobile"),
        &format!("{APP_INSTANCE_ARN}/user/ivy"),
    );
    cmd.args(["--output", "json"]);
    let out = run(cmd).await;
    let v = json(&out);
    assert_eq!(v["Verdict"]["Push"], "unknown", "{v:#}");
    let endpoints = v["Checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["Id"] == "endpoints"))
        .expect("endpoints check");
    assert_eq!(endpoints["Status"], "unknown");
    assert_eq!(endpoints["Operation"], "ListAppInstanceUserEndpoints");
    let error = endpoints["Error"].to_string();
    assert!(
        error.contains("chime:ListAppInstanceUserEndpoints"),
        "{error}"
    );
    assert!(
        error.contains("arn:aws:iam::111122223333:user/demo"),
        "{error}"
    );
    assert_eq!(out.status.code(), Some(3));
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_output_leads_with_the_verdict_and_without_an_admin_the_ban_is_skipped() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-text");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let out = run(diagnose(
        &home,
        &demo.endpoint_url(),
        &channel,
        &format!("{APP_INSTANCE_ARN}/user/bob"),
    ))
    .await;
    let text = stdout(&out);
    assert!(text.starts_with("Would a push arrive? NO: NONE"), "{text}");
    assert!(text.contains("Blocking check: preferences"), "{text}");
    assert!(
        text.contains("[SKIPPED] ban") && text.contains("--admin-arn"),
        "{text}"
    );
    // The role and the channels are checks now: only the PushNotification
    // is left to check by hand.
    assert!(
        text.contains("check by hand") && text.contains("PushNotification"),
        "{text}"
    );
    assert!(!text.contains("aws iam get-role"), "{text}");
    assert_eq!(out.status.code(), Some(1));

    // Mallory without an admin: the ban cannot be seen, so the lost
    // membership is what blocks.
    let mut cmd = diagnose(
        &home,
        &demo.endpoint_url(),
        &channel,
        &format!("{APP_INSTANCE_ARN}/user/mallory"),
    );
    cmd.args(["--output", "json"]);
    let v = json(&run(cmd).await);
    assert_eq!(v["Verdict"]["BlockingCheck"], "membership", "{v:#}");

    // The admin from the config file runs the ban check.
    std::fs::create_dir_all(home.join("config/chime-prefs")).expect("dir");
    std::fs::write(
        home.join("config/chime-prefs/config.toml"),
        format!("[aws]\nadmin_arn = \"{DEMO_ADMIN_ARN}\"\n"),
    )
    .expect("config");
    let mut cmd = diagnose(
        &home,
        &demo.endpoint_url(),
        &channel,
        &format!("{APP_INSTANCE_ARN}/user/mallory"),
    );
    cmd.args(["--output", "json"]);
    let v = json(&run(cmd).await);
    assert_eq!(v["Verdict"]["BlockingCheck"], "ban", "{v:#}");
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attributes_decide_a_filtered_member() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-attrs");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let carol = format!("{APP_INSTANCE_ARN}/user/carol");
    for (attrs, push, code) in [
        (r#"{"mention": "carol"}"#, "yes", 0),
        (r#"{"mention": ["bob"]}"#, "no", 1),
    ] {
        let mut cmd = diagnose(&home, &demo.endpoint_url(), &channel, &carol);
        cmd.args(["--attributes", attrs, "--output", "json"]);
        let out = run(cmd).await;
        let v = json(&out);
        assert_eq!(v["Verdict"]["Push"], push, "{attrs}: {v:#}");
        assert_eq!(out.status.code(), Some(code));
        let filter = v["Checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["Id"] == "filter-rule"))
            .expect("filter-rule");
        let evidence = filter["Evidence"].to_string();
        assert!(
            evidence.contains("Reason 1"),
            "per-clause reasons: {evidence}"
        );
    }
    demo.shutdown().await;
}

#[test]
fn bad_input_exits_2_and_sends_nothing() {
    let home = temp_home("diagnose-invalid");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let alice = format!("{APP_INSTANCE_ARN}/user/alice");
    // Port 9 on loopback: nothing listens, and nothing may be sent anyway.
    let endpoint = "http://127.0.0.1:9";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--admin-arn", "admin"], "--admin-arn"),
        (
            vec![
                "--admin-arn",
                "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin",
            ],
            "app-instance/other",
        ),
        (vec!["--message-id", "bad id"], "--message-id"),
        (vec!["--attributes", "not json"], "--attributes"),
        (
            vec!["--message-id", "m1", "--attributes", "{}"],
            "cannot be used with",
        ),
        (vec!["--region", "eu-central-1"], "eu-central-1"),
    ];
    for (extra, expected) in cases {
        let mut cmd = diagnose(&home, endpoint, &channel, &alice);
        cmd.args(&extra);
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{extra:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{extra:?}");
    }
    let mut cmd = diagnose(&home, endpoint, "arn:aws:chime:us-east-1:1:nope", &alice);
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--channel-arn"), "{}", stderr(&out));
}
