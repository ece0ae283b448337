//! Reports read back (`Report::from_json`), on what the real binary
//! prints against the embedded demo: every story's `diagnose --output
//! json`, member pictures and channel scans read back into a report that
//! prints the same bytes again.

use std::path::Path;
use std::process::Command;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, ROLE_STORIES,
    STORIES, Story,
};
use chime_prefs::explain::Context;
use chime_prefs::report::Report;

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

/// The document printed again from what was read, with the context a
/// reopened report has: the subject's own settings.
fn printed_again(label: &str, text: &str) -> String {
    let report = Report::from_json(text).unwrap_or_else(|e| panic!("{label}: {e}\n{text}"));
    let info = report.subject.client_info();
    let ctx = Context {
        profile: report.subject.profile.as_deref(),
        region: report.subject.region.as_deref(),
        member: report.subject.member_arn.as_deref(),
        bearer: report.subject.member_arn.as_deref(),
        channel: report.subject.channel_arn.as_deref(),
        run: Some(&info),
    };
    report.to_json(&ctx)
}

fn diagnose(home: &Path, url: &str, story: &Story, key: Option<&str>) -> Command {
    let mut cmd = hermetic(BIN, home);
    if let Some(key) = key {
        cmd.env("AWS_ACCESS_KEY_ID", key);
    }
    cmd.args(["diagnose", "--endpoint-url", url, "--output", "json"])
        .args(["--channel-arn", &story.channel_arn()])
        .args(["--member-arn", &story.member_arn()])
        .args(["--admin-arn", DEMO_ADMIN_ARN]);
    if let Some(id) = story.message_id {
        cmd.args(["--message-id", id]);
    }
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_story_the_binary_prints_reads_back_to_the_same_bytes() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let home = temp_home("report-read-stories");
    let mut runs: Vec<(String, Command)> = STORIES
        .iter()
        .map(|s| {
            let label = format!("{} on {} ({:?})", s.member, s.channel, s.message_id);
            (label, diagnose(&home, &url, s, None))
        })
        .collect();
    for role in ROLE_STORIES {
        runs.push((
            role.access_key_id.to_string(),
            diagnose(&home, &url, &role.story, Some(role.access_key_id)),
        ));
    }
    let outputs = futures_util::future::join_all(
        runs.into_iter()
            .map(|(label, cmd)| async move { (label, run(cmd).await) }),
    )
    .await;
    assert!(outputs.len() >= 45, "every story and role story");
    for (label, out) in outputs {
        let text = stdout(&out);
        assert!(
            text.starts_with("{\n    \"Report\": {"),
            "{label}: {}",
            stderr(&out)
        );
        assert_eq!(printed_again(&label, &text), text, "{label}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_pictures_and_scans_the_binary_prints_read_back_to_the_same_bytes() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let home = temp_home("report-read-pictures");
    let mut runs: Vec<(String, Command)> = Vec::new();
    for member in ["alice", "wes", "ivy", "pia", "nico", "mallory"] {
        let arn = format!("{APP_INSTANCE_ARN}/user/{member}");
        let mut cmd = hermetic(BIN, &home);
        cmd.args(["member", "--endpoint-url", &url, "--output", "json"])
            .args(["--member-arn", &arn, "--admin-arn", DEMO_ADMIN_ARN]);
        runs.push((member.to_string(), cmd));
    }
    let mut busy = hermetic(BIN, &home);
    busy.args(["member", "--endpoint-url", &url, "--output", "json"])
        .args(["--member-arn", BUSY_MEMBER_ARN, "--max-items", "40"]);
    runs.push(("busy, capped".into(), busy));
    for (channel, extra) in [
        ("support", vec![]),
        ("mobile", vec!["--include-hidden"]),
        ("support", vec!["--max-items", "4"]),
    ] {
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "scan",
            "--endpoint-url",
            &url,
            "--output",
            "json",
            "--timeout",
            "3",
        ])
        .args([
            "--channel-arn",
            &format!("{APP_INSTANCE_ARN}/channel/{channel}"),
        ])
        .args(["--bearer-arn", DEMO_ADMIN_ARN])
        .args(extra.clone());
        runs.push((format!("scan {channel} {extra:?}"), cmd));
    }
    for (label, cmd) in runs {
        let out = run(cmd).await;
        let text = stdout(&out);
        assert!(
            text.starts_with("{\n    \"Report\": {"),
            "{label}: {}",
            stderr(&out)
        );
        assert_eq!(printed_again(&label, &text), text, "{label}");
    }
}
