//! `chime-prefs diff`, the real binary on pairs of reports it captured
//! from the embedded demo: the OLD report from the demo's own data, the
//! NEW one from the same demo with its state changed (a dataset given to
//! the demo service, as `serve-demo --data` takes): alice's iPhone gone
//! INACTIVE, carol muting support (a check newly failing), alice's
//! preference on design changed, erin leaving support. And broken, foreign
//! and hostile inputs: a clear message, exit 2, nothing that acts on a
//! terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer};
use serde_json::Value;

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

/// The demo's data with the state changed, as the service would then
/// answer: alice's iPhone INACTIVE (INVALID_DEVICE_TOKEN), carol's
/// preference on support NONE, alice's on design ALL, erin no longer on
/// support.
fn changed_dataset() -> String {
    let mut data: Value =
        serde_json::from_str(include_str!("../assets/demo-data.json")).expect("demo data");
    let iphone = data["endpoints"]["user/alice"]
        .as_array_mut()
        .and_then(|list| list.iter_mut().find(|e| e["id"] == "alice-iphone"))
        .expect("alice's iPhone");
    iphone["status"] = "INACTIVE".into();
    iphone["status_reason"] = "INVALID_DEVICE_TOKEN".into();
    for channel in data["channels"].as_array_mut().expect("channels") {
        let id = channel["id"].as_str().unwrap_or_default().to_string();
        let Some(members) = channel["members"].as_array_mut() else {
            continue;
        };
        if id == "support" {
            members.retain(|m| m["id"] != "user/erin");
        }
        for m in members.iter_mut() {
            match (id.as_str(), m["id"].as_str()) {
                ("support", Some("user/carol")) => {
                    m["allow"] = "NONE".into();
                    if let Some(m) = m.as_object_mut() {
                        m.remove("filter_rule");
                    }
                }
                ("design", Some("user/alice")) => {
                    m["allow"] = "ALL".into();
                    if let Some(m) = m.as_object_mut() {
                        m.remove("filter_rule");
                    }
                }
                _ => {}
            }
        }
    }
    data.to_string()
}

/// Runs `args` against `url` and writes its stdout to `home/name`.
async fn capture(home: &Path, url: &str, name: &str, args: &[&str]) -> PathBuf {
    let mut cmd = hermetic(BIN, home);
    cmd.args(args)
        .args(["--endpoint-url", url, "--output", "json"]);
    let out = run(cmd).await;
    let text = stdout(&out);
    assert!(
        text.starts_with("{\n    \"Report\": {"),
        "{args:?}: {}",
        stderr(&out)
    );
    let path = home.join(name);
    std::fs::write(&path, text).expect("write the report");
    path
}

fn diff(home: &Path, old: &Path, new: &Path, extra: &[&str]) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.arg("diff").arg(old).arg(new).args(extra);
    cmd
}

fn no_control_characters(label: &str, out: &Output) {
    for (name, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{label}: a control character on {name}: {text:?}"
        );
    }
}

struct Pair {
    old: PathBuf,
    new: PathBuf,
}

/// Each report captured twice: from the demo as it ships, then as changed.
async fn pairs(home: &Path) -> Vec<(&'static str, Pair)> {
    let before = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let after = DemoServer::start(DemoOptions {
        data: Some(changed_dataset()),
        ..DemoOptions::default()
    })
    .await
    .expect("changed demo");
    let alice = arn("user/alice");
    let carol = arn("user/carol");
    let support = arn("channel/support");
    let diagnose_alice = [
        "diagnose",
        "--channel-arn",
        &support,
        "--member-arn",
        &alice,
        "--admin-arn",
        DEMO_ADMIN_ARN,
    ];
    let diagnose_carol = [
        "diagnose",
        "--channel-arn",
        &support,
        "--member-arn",
        &carol,
        "--admin-arn",
        DEMO_ADMIN_ARN,
    ];
    let member_alice = ["member", "--member-arn", &alice];
    let scan_support = [
        "scan",
        "--channel-arn",
        &support,
        "--bearer-arn",
        DEMO_ADMIN_ARN,
        "--timeout",
        "3",
    ];
    let mut out = Vec::new();
    for (label, args) in [
        ("diagnose-alice", &diagnose_alice[..]),
        ("diagnose-carol", &diagnose_carol[..]),
        ("member-alice", &member_alice[..]),
        ("scan-support", &scan_support[..]),
    ] {
        let old = capture(
            home,
            &before.endpoint_url(),
            &format!("{label}-old.json"),
            args,
        )
        .await;
        let new = capture(
            home,
            &after.endpoint_url(),
            &format!("{label}-new.json"),
            args,
        )
        .await;
        out.push((label, Pair { old, new }));
    }
    out
}

fn pair<'a>(pairs: &'a [(&str, Pair)], label: &str) -> &'a Pair {
    &pairs.iter().find(|(l, _)| *l == label).expect("captured").1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diffs_of_captured_reports_say_what_changed() {
    let home = temp_home("diff-pairs");
    let pairs = pairs(&home).await;

    // A device gone INACTIVE: named, blocking, with both times.
    let p = pair(&pairs, "diagnose-alice");
    let out = run(diff(&home, &p.old, &p.new, &[])).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Compared the two diagnose reports of member "),
        "{text}"
    );
    assert_eq!(text.matches("  old: captured ").count(), 1, "{text}");
    assert_eq!(text.matches("  new: captured ").count(), 1, "{text}");
    assert!(
        text.contains("[blocks] device Alice's iPhone (APNS): became INACTIVE"),
        "{text}"
    );
    assert!(
        text.contains("[worse] check endpoints: pass → warn"),
        "{text}"
    );
    assert!(text.contains("INVALID_DEVICE_TOKEN"), "{text}");
    no_control_characters("diagnose-alice", &out);

    // A check newly failing, and the verdict that follows, first.
    let p = pair(&pairs, "diagnose-carol");
    let out = run(diff(&home, &p.old, &p.new, &["--output", "json"])).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["Kind"], "diagnose");
    assert_eq!(v["Changed"], true);
    assert!(v["Old"]["CapturedAt"].is_string() && v["New"]["CapturedAt"].is_string());
    let changes = v["Changes"].as_array().expect("changes");
    assert_eq!(changes[0]["Item"], "verdict", "{v:#}");
    assert_eq!(changes[0]["Old"]["Push"], "depends");
    assert_eq!(changes[0]["New"]["Push"], "no");
    let check = changes
        .iter()
        .find(|c| c["Item"] == "check" && c["Key"] == "preferences")
        .expect("the preferences check");
    assert_eq!(check["Importance"], "blocks");
    assert_eq!(check["Change"], "pass → fail");
    assert!(
        check["Old"]["Finding"]
            .as_str()
            .is_some_and(|f| f.starts_with("FILTERED")),
        "{check:#}"
    );
    assert!(
        check["New"]["Finding"]
            .as_str()
            .is_some_and(|f| f.starts_with("NONE")),
        "{check:#}"
    );

    // A member picture: the device and a channel whose preference changed.
    let p = pair(&pairs, "member-alice");
    let out = run(diff(&home, &p.old, &p.new, &["--output", "markdown"])).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.starts_with("### chime-prefs diff: member of member `"),
        "{md}"
    );
    assert!(md.contains("| Old | `"), "{md}");
    assert!(
        md.contains("| blocks | device `alice-iphone` (Alice's iPhone) | became INACTIVE |"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| changed | channel `{}` (Design reviews) | FILTERED → ALL |",
            arn("channel/design")
        )),
        "{md}"
    );
    no_control_characters("member-alice", &out);

    // A scan: carol's preference, erin gone from the channel.
    let p = pair(&pairs, "scan-support");
    let out = run(diff(&home, &p.old, &p.new, &[])).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "[blocks] member {} (Carol Chen): FILTERED → NONE",
            arn("user/carol")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "[blocks] member {} (Erin Evans): removed",
            arn("user/erin")
        )),
        "{text}"
    );
    // The hostile member's name in the scan is inert here too.
    no_control_characters("scan-support", &out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_report_is_no_change_and_stdin_is_one_side() {
    let home = temp_home("diff-same");
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let bob = arn("user/bob");
    let support = arn("channel/support");
    let args = ["diagnose", "--channel-arn", &support, "--member-arn", &bob];
    let old = capture(&home, &url, "bob-1.json", &args).await;
    let new = capture(&home, &url, "bob-2.json", &args).await;
    let out = run(diff(&home, &old, &new, &[])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("No change between the two diagnose reports"),
        "{text}"
    );
    assert!(
        text.contains("  old: captured ") && text.contains("  new: captured "),
        "{text}"
    );

    // NEW from stdin.
    let mut cmd = hermetic(BIN, &home);
    cmd.arg("diff").arg(&old).arg("-");
    cmd.stdin(Stdio::from(std::fs::File::open(&new).expect("open")));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Both from stdin: refused.
    let out = run(diff(&home, Path::new("-"), Path::new("-"), &[])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("at most one of them as -"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_inputs_exit_2_with_a_clear_message_and_nothing_that_acts() {
    let home = temp_home("diff-bad");
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let url = demo.endpoint_url();
    let alice = arn("user/alice");
    let support = arn("channel/support");
    let good = capture(
        &home,
        &url,
        "good.json",
        &[
            "diagnose",
            "--channel-arn",
            &support,
            "--member-arn",
            &alice,
        ],
    )
    .await;
    let scan = capture(
        &home,
        &url,
        "scan.json",
        &[
            "scan",
            "--channel-arn",
            &support,
            "--bearer-arn",
            DEMO_ADMIN_ARN,
            "--timeout",
            "3",
        ],
    )
    .await;
    // `get --output json` is another document: no Report object.
    let mut get = hermetic(BIN, &home);
    get.args(["get", "--endpoint-url", &url, "--output", "json"])
        .args(["--channel-arn", &support, "--member-arn", &alice]);
    let get_out = run(get).await;
    let foreign = home.join("get.json");
    std::fs::write(&foreign, &get_out.stdout).expect("write");

    let good_text = std::fs::read_to_string(&good).expect("read");
    let write = |name: &str, text: &str| {
        let path = home.join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let truncated = write("truncated.json", &good_text[..good_text.len() / 2]);
    let not_json = write("text.json", "Would a push arrive? YES\n");
    let future = write(
        "future.json",
        &good_text.replacen("chime-prefs/1", "chime-prefs/9\\u001b[2J", 1),
    );
    let hostile_kind = write(
        "kind.json",
        &good_text.replacen(
            "\"Kind\": \"diagnose\"",
            "\"Kind\": \"\\u001b]0;pwned\\u0007teapot\"",
            1,
        ),
    );
    let wrong_type = write(
        "type.json",
        &good_text.replacen("\"Checks\": [", "\"Checks\": 7, \"Was\": [", 1),
    );
    let hostile_name = home.join("evil\u{1b}[2Jname.json");
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("truncated", truncated, "the file ends early (line "),
        ("not JSON", not_json, "it is not JSON: line 1, column 1"),
        ("another tool's", foreign, "has no \"Report\" object"),
        ("a future format", future, "reads chime-prefs/1"),
        ("an unknown kind", hostile_kind, "Report.Kind"),
        (
            "a wrong type",
            wrong_type,
            "its Checks is a number, not an array",
        ),
        (
            "a missing file",
            home.join("absent.json"),
            "there is no such file",
        ),
        ("a directory", home.clone(), "it is a directory"),
        ("a hostile file name", hostile_name, "evil\\e[2Jname.json"),
    ];
    for (label, path, words) in cases {
        let out = run(diff(&home, &good, &path, &[])).await;
        assert_eq!(out.status.code(), Some(2), "{label}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with("error: the new report ("), "{label}: {err}");
        assert!(err.contains(words), "{label}: {err}");
        assert!(stdout(&out).is_empty(), "{label}");
        no_control_characters(label, &out);
    }
    // Two kinds.
    let out = run(diff(&home, &good, &scan, &[])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a diagnose report and the new one a scan report"),
        "{}",
        stderr(&out)
    );
}
