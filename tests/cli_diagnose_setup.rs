//! `chime-prefs diagnose` behind the device, the real binary against the
//! embedded demo: the account-wide role stories (told by the access key the
//! caller signs with), which way the permission answer was reached, each
//! app, channel and the role read once per diagnosis, only read-only
//! actions sent (the demo's request log), and no channel secret in any
//! output or log.

use std::process::Command;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, ExpectedPush, ROLE_STORIES, STORIES,
    Story, TOKEN_MARKER,
};
use chime_prefs::operation::{Operation, Service};
use serde_json::Value;

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

/// The demo's legacy FCM server key (Legacy Android's GCM channel).
const GCM_SECRET: &str = "AAAAdemo-secret-fcm-server-key";

fn diagnose(home: &std::path::Path, endpoint: &str, story: &Story) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args([
        "diagnose",
        "--endpoint-url",
        endpoint,
        "--channel-arn",
        &story.channel_arn(),
        "--member-arn",
        &story.member_arn(),
        "--admin-arn",
        DEMO_ADMIN_ARN,
    ]);
    cmd
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

fn check<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["Checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["Id"] == id))
        .unwrap_or_else(|| panic!("no check {id}: {v:#}"))
}

fn exit_code(push: ExpectedPush) -> i32 {
    match push {
        ExpectedPush::Yes => 0,
        ExpectedPush::No(_) => 1,
        ExpectedPush::Depends | ExpectedPush::Unknown => 3,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_story_reaches_its_verdict_by_the_access_key() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-role-stories");
    let url = demo.endpoint_url();
    for role in ROLE_STORIES {
        let story = &role.story;
        let mut cmd = diagnose(&home, &url, story);
        cmd.env("AWS_ACCESS_KEY_ID", role.access_key_id)
            .args(["--output", "json"]);
        let out = run(cmd).await;
        let v = json(&out);
        let label = format!("{} as {}", story.member, role.access_key_id);
        assert_eq!(v["Verdict"]["Push"], story.push.as_str(), "{label}: {v:#}");
        assert_eq!(
            v["Verdict"]["BlockingCheck"].as_str(),
            story.push.blocking_check(),
            "{label}: {v:#}"
        );
        assert_eq!(out.status.code(), Some(exit_code(story.push)), "{label}");
        let permission = check(&v, "role-permission");
        match role.access_key_id {
            "AKIDEMONOSIMULATE01" => {
                // Refused simulation: the answer says it came from the policies.
                assert_eq!(permission["Status"], "pass", "{permission:#}");
                let text = permission.to_string();
                assert!(text.contains("evaluated locally"), "{text}");
                assert!(
                    text.contains("SimulatePrincipalPolicy was refused"),
                    "{text}"
                );
            }
            "AKIDEMOROLENOPERM01" => {
                assert_eq!(permission["Status"], "fail", "{permission:#}");
                assert!(
                    permission.to_string().contains("SimulatePrincipalPolicy"),
                    "{permission:#}"
                );
            }
            _ => {
                assert_eq!(check(&v, "service-role")["Status"], "fail", "{v:#}");
            }
        }
    }
    demo.shutdown().await;
}

/// Every story in turn, on one demo: only Get/List/Describe/Simulate
/// operations reached it (IAM's as POSTs, everything else as GETs), none
/// refused as unknown; and nothing any diagnosis printed carries a device
/// token or the GCM channel's server key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_read_only_actions_are_sent_and_no_secret_is_shown() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-read-only");
    let url = demo.endpoint_url();
    let log = home.join("diagnose.log");
    let mut runs = Vec::new();
    for story in STORIES.iter().filter(|s| s.channel == "mobile") {
        for output in ["text", "json"] {
            let mut cmd = diagnose(&home, &url, story);
            cmd.args(["--output", output])
                .env("CHIME_PREFS_LOG", "trace")
                .arg("--log-file")
                .arg(&log);
            runs.push(run(cmd).await);
        }
    }
    for role in ROLE_STORIES {
        let mut cmd = diagnose(&home, &url, &role.story);
        cmd.env("AWS_ACCESS_KEY_ID", role.access_key_id);
        runs.push(run(cmd).await);
    }
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!logged.is_empty(), "the log file was written");
    for out in &runs {
        let all = format!("{}{}", stdout(out), stderr(out));
        assert!(!all.contains(GCM_SECRET), "the server key leaked:\n{all}");
        assert!(!all.contains(TOKEN_MARKER), "a device token leaked");
    }
    assert!(
        !logged.contains(GCM_SECRET),
        "the server key reached the log"
    );
    assert!(!logged.contains(TOKEN_MARKER));
    let requests = demo.request_log();
    assert!(requests.len() > 50, "{}", requests.len());
    for request in &requests {
        let operation = request
            .operation
            .unwrap_or_else(|| panic!("a request the demo did not route: {request:?}"));
        let verb_ok = ["Get", "List", "Describe", "Simulate"]
            .iter()
            .any(|v| operation.api_name().starts_with(v));
        assert!(verb_ok, "{request:?}");
        if operation.service() == Service::Iam {
            assert_eq!(request.method, "POST", "{request:?}");
            assert_eq!(
                request.iam_action.as_deref(),
                Some(operation.api_name()),
                "{request:?}"
            );
        } else {
            assert_eq!(request.method, "GET", "{request:?}");
        }
    }
    for needed in [
        Operation::GetApp,
        Operation::GetGcmChannel,
        Operation::GetApnsChannel,
        Operation::GetRole,
        Operation::SimulatePrincipalPolicy,
        Operation::ListRolePolicies,
        Operation::GetPolicyVersion,
    ] {
        assert!(
            requests.iter().any(|r| r.operation == Some(needed)),
            "{needed} was asked in some story"
        );
    }
    demo.shutdown().await;
}

/// One diagnosis of a member with two devices on two apps: each app, its
/// channel, the role and each permission read once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_app_channel_and_the_role_are_read_once_per_diagnosis() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("diagnose-once");
    let tess = STORIES
        .iter()
        .find(|s| s.member == "user/tess")
        .expect("tess's story");
    let out = run(diagnose(&home, &demo.endpoint_url(), tess)).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("[WARN]    push-channels"),
        "{}",
        stdout(&out)
    );
    let count = |op: Operation| {
        demo.request_log()
            .iter()
            .filter(|r| r.operation == Some(op))
            .count()
    };
    assert_eq!(count(Operation::GetApp), 2, "two apps");
    assert_eq!(count(Operation::GetApnsChannel), 1);
    assert_eq!(count(Operation::GetGcmChannel), 1);
    assert_eq!(count(Operation::GetRole), 1);
    assert_eq!(
        count(Operation::SimulatePrincipalPolicy),
        3,
        "the start-up probe and one per app"
    );
    assert_eq!(
        count(Operation::ListRolePolicies),
        0,
        "the simulator answered"
    );
    assert!(APP_INSTANCE_ARN.contains("111122223333"));
    demo.shutdown().await;
}

/// `member` shows the same checks behind the member's devices: dora's only
/// device goes through a disabled APNs channel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_shows_the_checks_behind_the_devices() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("member-setup");
    let dora = format!("{APP_INSTANCE_ARN}/user/dora");
    let member = |output: &str| {
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "--endpoint-url",
            &demo.endpoint_url(),
            "--timeout",
            "5",
            "member",
        ])
        .args(["--member-arn", &dora, "--output", output]);
        cmd
    };
    let out = run(member("json")).await;
    let v = json(&out);
    let setup = v["Summary"]["Devices"]["Setup"]
        .as_array()
        .unwrap_or_else(|| panic!("no Setup: {v:#}"));
    let ids: Vec<&str> = setup.iter().filter_map(|c| c["Id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "pinpoint-app",
            "push-channels",
            "service-role",
            "role-permission"
        ]
    );
    assert_eq!(setup[0]["Status"], "pass", "{v:#}");
    assert_eq!(setup[1]["Status"], "fail", "{v:#}");
    assert!(
        setup[1]["Finding"]
            .as_str()
            .is_some_and(|f| f.contains("disabled")),
        "{v:#}"
    );
    let text = run(member("table")).await;
    assert!(
        stdout(&text).contains("behind the devices, push-channels fail"),
        "{}",
        stdout(&text)
    );
    demo.shutdown().await;
}
