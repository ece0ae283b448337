//! The real `chime-prefs member` binary against the embedded demo service:
//! input checks, exit codes, the three output formats (JSON preferences
//! equal to `get`'s), formula-safe CSV, terminal safety, and Ctrl-C.

use std::path::Path;
use std::process::Command;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, TOKEN_MARKER,
};

mod common;

use common::{BIN, hermetic, interrupt_after, run, stderr, stdout, temp_home};

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

fn member_cmd(home: &Path, endpoint: &str, member_arn: &str, extra: &[&str]) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["--endpoint-url", endpoint, "--timeout", "5", "member"])
        .args(["--member-arn", member_arn])
        .args(extra);
    cmd
}

fn get_cmd(home: &Path, endpoint: &str, channel_arn: &str, member_arn: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["--endpoint-url", endpoint, "get", "--output", "json"])
        .args(["--channel-arn", channel_arn, "--member-arn", member_arn]);
    cmd
}

async fn demo(opts: DemoOptions) -> DemoServer {
    DemoServer::start(opts).await.expect("demo starts")
}

/// `user/sheet` in channels whose names a spreadsheet would run, one with
/// terminal escapes, and one where reading fails.
fn hostile_dataset() -> String {
    let names = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,1)",
        "Ops \u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}\u{202e}",
        "Plain = name",
    ];
    let mut channels: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({
                "id": format!("c{i}"), "name": name,
                "members": [{"id": "user/sheet", "name": "Sheet", "allow": "ALL"}]
            })
        })
        .collect();
    channels.push(serde_json::json!({
        "id": "down", "name": "Down",
        "members": [{"id": "user/sheet", "name": "Sheet", "allow": "ALL", "fault": "unavailable"}]
    }));
    serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": channels
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_exits_2_and_sends_nothing() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("member-invalid");
    let url = server.endpoint_url();
    let other_admin = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin";
    let config = home.join("member.toml");
    std::fs::write(&config, format!("[aws]\nadmin_arn = \"{other_admin}\"\n")).expect("config");
    let config = config.to_str().unwrap_or_default().to_string();
    let alice = arn("user/alice");
    let support = channel("support");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec![],
            &support,
            "--member-arn: is a channel ARN, not a user or bot ARN",
        ),
        (
            vec!["--admin-arn", other_admin],
            &alice,
            "--admin-arn: belongs to app instance",
        ),
        (
            vec!["--config", &config],
            &alice,
            "--admin-arn: belongs to app instance",
        ),
        (vec!["--concurrency", "0"], &alice, "from 1 to 64"),
        (vec!["--region", "eu-central-1"], &alice, "us-east-1"),
    ];
    for (extra, member, words) in cases {
        let out = run(member_cmd(&home, &url, member, &extra)).await;
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(words), "{extra:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "");
    }
    assert_eq!(server.request_count(), 0, "invalid input sent a request");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_table_shows_every_channel_the_summary_and_the_devices() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("member-table");
    let out = run(member_cmd(
        &home,
        &server.endpoint_url(),
        &arn("user/alice"),
        &[],
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "",
        "nothing on stderr when it is not a terminal"
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // The subject first: who, where, when, by which version.
    assert_eq!(
        lines[0],
        format!("Member:    Alice Anders  {}", arn("user/alice"))
    );
    assert_eq!(lines[1], "Region:    us-east-1", "{text}");
    assert_eq!(
        lines[2],
        format!("Endpoint:  {}", server.endpoint_url()),
        "{text}"
    );
    assert!(
        lines[3].starts_with("Captured:  20")
            && lines[3].ends_with(&format!("Z, chime-prefs {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert_eq!(lines[4], "", "{text}");
    assert!(lines[5].starts_with("CHANNEL "), "{text}");
    let row = |id: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().any(|w| w == id))
            .unwrap_or_else(|| panic!("no row for {id}:\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        row("support").ends_with("PRIVATE RESTRICTED DEFAULT ALL"),
        "{text}"
    );
    assert!(
        row("random").ends_with("PUBLIC UNRESTRICTED DEFAULT NONE"),
        "{text}"
    );
    assert!(
        row("design").ends_with("DEFAULT FILTERED {\"mention\":[\"alice\"]}"),
        "{text}"
    );
    assert!(
        row("announcements").ends_with("HIDDEN not set channel default applies"),
        "{text}"
    );
    assert!(text.contains(
        "\nmuted on 1 of 5 channels, filtered on 1, never set on 1, ALL on 2; both devices active\n"
    ));
    assert!(
        text.contains("\nAlice's iPhone (APNS)  can receive\n"),
        "{text}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_preferences_are_what_get_prints_for_each_channel() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("member-json");
    let url = server.endpoint_url();
    let alice = arn("user/alice");
    let out = run(member_cmd(&home, &url, &alice, &["--output", "json"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        doc["Member"],
        serde_json::json!({"Arn": alice, "Name": "Alice Anders"})
    );
    assert_eq!(doc["Partial"], false);
    let channels = doc["Channels"].as_array().expect("Channels");
    assert_eq!(channels.len(), 5);
    for c in channels {
        let channel_arn = c["ChannelArn"].as_str().expect("ChannelArn");
        let got = run(get_cmd(&home, &url, channel_arn, &alice)).await;
        assert_eq!(got.status.code(), Some(0), "{}", stderr(&got));
        let get: serde_json::Value = serde_json::from_slice(&got.stdout).expect("get JSON");
        assert_eq!(
            c.get("Preferences"),
            get.get("Preferences"),
            "{channel_arn}"
        );
        assert!(c.get("Error").is_none());
    }
    let design = channels
        .iter()
        .find(|c| c["ChannelArn"] == channel("design"))
        .expect("design");
    assert_eq!(
        (
            &design["Name"],
            &design["Privacy"],
            &design["Mode"],
            &design["MembershipType"]
        ),
        (
            &"Design reviews".into(),
            &"PRIVATE".into(),
            &"UNRESTRICTED".into(),
            &"DEFAULT".into()
        )
    );
    let endpoints = doc["Endpoints"].as_array().expect("Endpoints");
    assert_eq!(endpoints.len(), 2);
    assert!(endpoints.iter().all(|e| e["Finding"] == "can receive"));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(TOKEN_MARKER),
        "no device token in the output"
    );
    let summary = &doc["Summary"];
    assert_eq!(
        (&summary["Channels"], &summary["NONE"], &summary["Errors"]),
        (&5.into(), &1.into(), &0.into())
    );
    assert_eq!(summary["Devices"]["Check"], "pass");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_is_formula_safe_and_a_failed_channel_exits_1() {
    let server = demo(DemoOptions {
        data: Some(hostile_dataset()),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("member-csv");
    let url = server.endpoint_url();
    let sheet = arn("user/sheet");
    let out = run(member_cmd(&home, &url, &sheet, &["--output", "csv"])).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let records: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        records[0],
        "ChannelArn,Name,Privacy,Mode,MembershipType,AllowNotifications,FilterRule,ErrorCode,ErrorMessage"
    );
    assert_eq!(records.len(), 8, "header and seven channels");
    for cell in [
        ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",",
        ",'+1+cmd|' /C calc'!A0,",
        ",'-2+3,",
        ",\"'@SUM(1,1)\",",
        ",Plain = name,",
    ] {
        assert!(text.contains(cell), "{cell:?} not in {text:?}");
    }
    assert_eq!(
        records[7],
        format!(
            "{},Down,PUBLIC,UNRESTRICTED,DEFAULT,,,ServiceUnavailableException,Service Unavailable: the demo member 'outage' is always down.",
            channel("down")
        )
    );

    // The table: escapes made visible, the failure explained on stderr.
    let out = run(member_cmd(&home, &url, &sheet, &[])).await;
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "raw {bad:?} reached stdout");
    }
    assert!(text.contains("Ops \\e]0;pwned\\a\\e[2J"), "{text}");
    let err = stderr(&out);
    assert!(
        err.contains("1 channel could not be read (ERROR rows)."),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "chime-prefs --endpoint-url {url} get --channel-arn {} --member-arn {sheet}",
            channel("down")
        )),
        "{err}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lister_who_is_not_an_admin_is_refused_and_explained() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("member-forbidden");
    let url = server.endpoint_url();
    let alice = arn("user/alice");
    let bob = arn("user/bob");
    // The flag, and the config file's [aws] admin_arn, are both the lister.
    let config = home.join("bob.toml");
    std::fs::write(&config, format!("[aws]\nadmin_arn = \"{bob}\"\n")).expect("config");
    let config = config.to_str().unwrap_or_default();
    for extra in [vec!["--admin-arn", bob.as_str()], vec!["--config", config]] {
        let out = run(member_cmd(&home, &url, &alice, &extra)).await;
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let err = stderr(&out);
        assert!(
            err.contains(
                "error: ListChannelMembershipsForAppInstanceUser failed; no channel was listed."
            ),
            "{err}"
        );
        assert!(
            err.contains("error: Not allowed to list this user's channels (HTTP 403)"),
            "{err}"
        );
        assert!(
            err.contains(&format!("The bearer ({bob}) is another user")),
            "{err}"
        );
        // The devices are still there.
        let text = stdout(&out);
        assert!(
            text.contains("no channel listed; both devices active"),
            "{text}"
        );
    }
    // With the demo's admin, alice's channels are listed.
    let out = run(member_cmd(
        &home,
        &url,
        &alice,
        &["--admin-arn", DEMO_ADMIN_ARN],
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_prints_what_was_read_marked_partial_and_exits_1() {
    let server = demo(DemoOptions {
        bearer_tps: Some(10),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("member-sigint");
    let cmd = member_cmd(
        &home,
        &server.endpoint_url(),
        BUSY_MEMBER_ARN,
        &["--output", "json"],
    );
    let out = interrupt_after(&server, cmd, 30, "-INT").await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["Partial"], true);
    let read = doc["Channels"].as_array().map_or(0, Vec::len);
    assert!(read > 0 && read < 300, "{read}");
    assert_eq!(doc["Summary"]["Channels"], 300, "the list was complete");
    assert!(doc["Summary"]["NotRead"].as_u64().is_some_and(|n| n > 0));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("member interrupted: read {read} of 300 channels")),
        "{err}"
    );
    server.shutdown().await;
}

/// The set-up behind the member's devices, as `diagnose` judges it: gina's
/// only device's app still sends through the legacy FCM server key, which
/// the table names under "Behind the devices", the JSON in SetupChecks,
/// and CSV on stderr; alice's set-up passes every check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checks_behind_the_devices_name_a_legacy_fcm_channel() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("member-setup");
    let url = server.endpoint_url();
    let gina = arn("user/gina");

    let out = run(member_cmd(&home, &url, &gina, &[])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let section = text
        .split_once("\nBehind the devices:\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no set-up section:\n{text}"));
    let line = |id: &str| {
        section
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .unwrap_or_else(|| panic!("no {id} line:\n{text}"))
            .to_string()
    };
    assert!(line("pinpoint-app").contains("[PASS]"), "{text}");
    assert!(line("push-channels").contains("[FAIL]"), "{text}");
    assert!(line("push-channels").contains("legacy FCM"), "{text}");
    assert!(
        section.contains("→ Upload the Firebase service-account JSON key"),
        "{text}"
    );

    let out = run(member_cmd(&home, &url, &gina, &["--output", "json"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let checks = doc["SetupChecks"].as_array().expect("SetupChecks");
    let ids: Vec<&str> = checks.iter().filter_map(|c| c["Id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "pinpoint-app",
            "push-channels",
            "service-role",
            "role-permission"
        ]
    );
    assert_eq!(checks[1]["Status"], "fail");
    assert_eq!(checks[1]["Operation"], "GetGcmChannel");

    let out = run(member_cmd(&home, &url, &gina, &["--output", "csv"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("behind the devices: push-channels FAIL: "),
        "{}",
        stderr(&out)
    );
    assert!(
        !stdout(&out).contains("push-channels"),
        "CSV: channels only"
    );

    let out = run(member_cmd(
        &home,
        &url,
        &arn("user/alice"),
        &["--output", "json"],
    ))
    .await;
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let statuses: Vec<&str> = doc["SetupChecks"]
        .as_array()
        .expect("SetupChecks")
        .iter()
        .filter_map(|c| c["Status"].as_str())
        .collect();
    assert_eq!(statuses, ["pass", "pass", "pass", "pass"]);
    server.shutdown().await;
}
