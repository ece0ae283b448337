//! The real `chime-prefs scan` binary against the embedded demo service:
//! input checks, exit codes, the three output formats, and Ctrl-C / SIGTERM.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, interrupt_after, run, stderr, stdout, temp_home};

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

/// One generated channel `big` (see src/demo_service/generate.rs for how
/// members get their preferences), `user/admin` as AppInstanceAdmin.
fn generated(count: usize) -> String {
    serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": [{
            "id": "big",
            "generate": {
                "count": count, "prefix": "user/m-", "digits": 5,
                "name_prefix": "Member ", "filter_rule": "{\"mention\":[\"all, \\\"of\\\" us\"]}"
            }
        }]
    })
    .to_string()
}

/// A hermetic environment: demo credentials, no profile or config files,
/// instance metadata off.
fn scan_as(
    home: &Path,
    endpoint: &str,
    channel_arn: &str,
    bearer_arn: &str,
    extra: &[&str],
) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["--endpoint-url", endpoint, "--region", "us-east-1"])
        // `user/slow` on `support` answers after 120 s.
        .args(["--timeout", "1.5", "scan"])
        .args(["--channel-arn", channel_arn])
        .args(["--bearer-arn", bearer_arn])
        .args(extra);
    cmd
}

/// `scan` of a demo channel, listed by the AppInstanceAdmin.
fn scan_cmd(home: &Path, endpoint: &str, channel_id: &str, extra: &[&str]) -> Command {
    scan_as(
        home,
        endpoint,
        &channel(channel_id),
        &arn("user/admin"),
        extra,
    )
}

async fn demo(opts: DemoOptions) -> DemoServer {
    DemoServer::start(opts).await.expect("demo starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_exits_2_and_sends_nothing() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("invalid");
    let url = server.endpoint_url();

    let cmd = scan_as(&home, &url, &arn("user/alice"), &arn("user/admin"), &[]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--channel-arn: is a user ARN, not a channel ARN"),
        "{}",
        stderr(&out)
    );

    let other = "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/admin";
    let out = run(scan_as(&home, &url, &channel("support"), other, &[])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--bearer-arn: belongs to app instance"),
        "{}",
        stderr(&out)
    );

    let out = run(scan_cmd(&home, &url, "support", &["--concurrency", "0"])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 1 to 64"), "{}", stderr(&out));

    let config = home.join("scan.toml");
    std::fs::write(&config, "[scan]\nconcurrency = 100\n").expect("write config");
    let config = config.to_str().unwrap_or_default();
    let out = run(scan_cmd(&home, &url, "support", &["--config", config])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[scan] concurrency"),
        "{}",
        stderr(&out)
    );

    assert_eq!(server.request_count(), 0, "invalid input sent a request");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn table_lists_failures_with_codes_escapes_server_strings_and_exits_1() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("table");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "support",
        &["--include-hidden"],
    ))
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // The subject first (the channel, who listed, where, when), then the
    // table.
    assert_eq!(
        lines[0],
        format!("Channel:    {}", channel("support")),
        "{text}"
    );
    assert_eq!(
        lines[1],
        format!("Listed by:  {}", arn("user/admin")),
        "{text}"
    );
    let table = lines.iter().position(|l| l.is_empty()).map_or(0, |i| i + 1);
    assert!(lines[table].starts_with("MEMBER"), "{text}");
    let row = |id: &str| {
        lines
            .iter()
            .find(|l| l.contains(&format!(" {id} ")) || l.ends_with(&format!(" {id}")))
            .unwrap_or_else(|| panic!("no row for {id}:\n{text}"))
            .to_string()
    };
    assert!(row("user/alice").contains(" ALL"));
    assert!(row("user/erin").contains("not set"));
    assert!(row("user/carol").contains("FILTERED   {\"mention\":[\"carol\"]}"));
    assert!(row("user/no-error-type").contains("ERROR      ForbiddenException (HTTP 403)"));
    // A ban ends the membership: mallory, banned, is not listed.
    assert!(!text.contains("user/mallory"), "{text}");
    assert!(row("user/outage").contains("ServiceUnavailableException (HTTP 503)"));
    assert!(row("user/throttled").contains("ThrottledClientException (HTTP 429)"));
    assert!(row("user/slow").contains("ERROR      Timeout"));
    assert!(
        row("user/flaky").contains(" ALL"),
        "429s cost retries, not the member"
    );
    assert!(row("user/hidden").contains(" ALL"));
    // Listing order: the hidden member comes after every DEFAULT member.
    assert!(lines[table + 20].contains("user/hidden"), "{text}");

    // The hostile name and rule are visible and inert.
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "raw {bad:?} reached stdout");
    }
    assert!(
        row("user/hostile").contains("Holly\\e]0;pwned\\a"),
        "{text}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("20 members: 4 ALL, 1 NONE, 6 FILTERED, 1 not set, 1 unknown, 7 errors")
    );
    let err = stderr(&out);
    assert!(err.contains("7 members could not be read"), "{err}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_is_rfc_4180_with_verbatim_values() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("csv");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "support",
        &["--output", "csv"],
    ))
    .await;
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.ends_with("\r\n"));
    let records: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        records[0],
        "Arn,Name,AllowNotifications,FilterRule,ErrorCode,ErrorMessage"
    );
    assert_eq!(
        records.len(),
        20,
        "header and 19 DEFAULT members (not mallory, banned)"
    );
    let record = |id: &str| {
        records
            .iter()
            .find(|r| r.starts_with(&format!("{},", arn(id))))
            .unwrap_or_else(|| panic!("no record for {id}"))
            .to_string()
    };
    // Quotes doubled, fields with commas quoted, control characters verbatim
    // (stdout is a pipe, not a terminal).
    assert_eq!(
        record("user/carol"),
        format!(
            "{},Carol Chen,FILTERED,\"{{\"\"mention\"\":[\"\"carol\"\"]}}\",,",
            arn("user/carol")
        )
    );
    assert_eq!(
        record("user/hostile"),
        format!(
            "{},Holly\u{1b}]0;pwned\u{7} Hostile\u{1b}[2J\u{9b}\u{202e}elitsoH\u{7},FILTERED,\"{{\"\"mention\"\":[\"\"\\u001b[31mhostile\\u001b[0m\"\"]}}\",,",
            arn("user/hostile")
        )
    );
    assert_eq!(
        record("user/erin"),
        format!("{},Erin Evans,,,,", arn("user/erin"))
    );
    let forbidden = record("user/no-error-type");
    assert!(
        forbidden.ends_with(",,,ForbiddenException,Forbidden: this response deliberately has no x-amzn-ErrorType header."),
        "{forbidden}"
    );
    // Nothing else on stderr (no progress when stderr is not a terminal)
    // but, when user/throttled took more attempts than --max-attempts
    // within its budget (how many fit depends on the machine's load), why.
    let err = stderr(&out);
    let note = format!("note: {}.\n", chime_prefs::scan::retry::PACING_NOTE);
    assert!(err.is_empty() || err == note, "{err}");
    server.shutdown().await;
}

/// Member names a spreadsheet would run as formulas (OWASP's CSV injection
/// examples) come out with a leading `'`; JSON stays verbatim.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_neutralises_cells_a_spreadsheet_would_run() {
    let names = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,1)",
        "\t=1",
        "\r=1",
        "Plain = name",
    ];
    let members: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| serde_json::json!({"id": format!("user/m{i}"), "name": name, "allow": "ALL"}))
        .collect();
    let data = serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": [{"id": "sheet", "members": members}]
    })
    .to_string();
    let server = demo(DemoOptions {
        data: Some(data),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("csv-injection");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "sheet",
        &["--output", "csv"],
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let expected = [
        "'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"",
        ",'+1+cmd|' /C calc'!A0,",
        ",'-2+3,",
        ",\"'@SUM(1,1)\",",
        ",'\t=1,",
        ",\"'\r=1\",",
        ",Plain = name,",
    ];
    for cell in expected {
        assert!(text.contains(cell), "{cell:?} not in {text:?}");
    }
    let json = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "sheet",
        &["--output", "json"],
    ))
    .await;
    assert!(
        stdout(&json).contains("\"Name\": \"-2+3\""),
        "{}",
        stdout(&json)
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_has_members_in_order_and_the_summary_of_a_generated_channel() {
    let count = 400;
    let server = demo(DemoOptions {
        data: Some(generated(count)),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("json");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "big",
        &["--output", "json", "--concurrency", "16"],
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "",
        "nothing on stderr when it is not a terminal"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["ChannelArn"], channel("big"));
    assert_eq!(doc["Partial"], false);
    let members = doc["Members"].as_array().expect("Members");
    assert_eq!(members.len(), count);
    for (i, m) in members.iter().enumerate() {
        assert_eq!(m["Arn"], arn(&format!("user/m-{:05}", i + 1)));
    }
    // generate.rs: n % 20 in 0..=2 NONE, 3..=5 FILTERED, 6 never set, else ALL.
    let expect = |f: fn(usize) -> bool| (1..=count).filter(|&n| f(n % 20)).count();
    assert_eq!(
        doc["Summary"],
        serde_json::json!({
            "ALL": expect(|r| r >= 7),
            "NONE": expect(|r| r <= 2),
            "FILTERED": expect(|r| (3..=5).contains(&r)),
            "NotSet": expect(|r| r == 6),
            "Unknown": 0,
            "Errors": 0
        })
    );
    // Each read member carries the request id of its own lookup.
    let without_id = |m: &serde_json::Value| {
        let mut m = m.clone();
        let id = m.as_object_mut().and_then(|o| o.remove("RequestId"));
        assert!(
            id.as_ref()
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.is_empty()),
            "a request id: {id:?}"
        );
        m
    };
    assert_eq!(
        without_id(&members[2]),
        serde_json::json!({
            "Arn": arn("user/m-00003"),
            "Name": "Member 00003",
            "AllowNotifications": "FILTERED",
            "FilterRule": "{\"mention\":[\"all, \\\"of\\\" us\"]}"
        })
    );
    assert_eq!(
        without_id(&members[5]),
        serde_json::json!({ "Arn": arn("user/m-00006"), "Name": "Member 00006" }),
        "never set: no AllowNotifications at all"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_errors_carry_the_get_error_object() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("json-errors");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "support",
        &["--output", "json"],
    ))
    .await;
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let member = |id: &str| {
        doc["Members"]
            .as_array()
            .and_then(|ms| ms.iter().find(|m| m["Arn"] == arn(id)))
            .cloned()
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let forbidden = member("user/no-error-type");
    assert!(forbidden.get("AllowNotifications").is_none());
    let error = &forbidden["Error"];
    assert_eq!(error["Code"], "ForbiddenException");
    assert_eq!(error["HttpStatus"], 403);
    assert_eq!(error["Retryable"], false);
    assert!(error["RequestId"].is_string());
    assert!(error["Explanation"]["NextSteps"].is_array());
    assert_eq!(member("user/outage")["Error"]["Attempts"], 3);
    assert_eq!(member("user/mystery")["AllowNotifications"], "SOMETIMES");
    // mallory, banned, is no longer listed: one error fewer.
    assert_eq!(doc["Summary"]["Errors"], 7);
    assert_eq!(doc["Summary"]["Unknown"], 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bearer_not_allowed_to_list_exits_1_with_the_explanation() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("listing");
    let out = run(scan_as(
        &home,
        &server.endpoint_url(),
        &channel("support"),
        &arn("user/outsider"),
        &[],
    ))
    .await;
    assert_eq!(out.status.code(), Some(1));
    // What was asked, and no empty table.
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("Channel:    {}\n", channel("support"))),
        "{text}"
    );
    assert!(!text.contains("MEMBER"), "no empty table: {text}");
    assert!(!text.contains("\n\n"), "nothing below the subject: {text}");
    let err = stderr(&out);
    assert!(
        err.contains("ListChannelMemberships failed; no member was listed"),
        "{err}"
    );
    assert!(
        err.contains("the bearer must be a member, moderator or AppInstanceAdmin"),
        "{err}"
    );
    // Explained as the listing that failed, not as reading preferences.
    assert!(
        err.contains("error: Not allowed to list the channel's members (HTTP 403)"),
        "{err}"
    );
    assert!(
        err.contains("Operation:     ListChannelMemberships"),
        "{err}"
    );
    assert!(
        err.contains("chime:ListChannelMemberships") && !err.contains("preferences"),
        "{err}"
    );
    assert!(
        err.contains("Request id:") && err.contains("Next steps:"),
        "{err}"
    );
    assert_eq!(server.request_count(), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_prints_what_was_read_marked_partial_and_exits_1() {
    let server = demo(DemoOptions {
        data: Some(generated(3000)),
        latency: Duration::from_millis(100),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("sigint");
    let cmd = scan_cmd(
        &home,
        &server.endpoint_url(),
        "big",
        &["--output", "json", "--concurrency", "4"],
    );
    let out = interrupt_after(&server, cmd, 30, "-INT").await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["Partial"], true);
    let members = doc["Members"].as_array().expect("Members");
    assert!(
        !members.is_empty() && members.len() < 3000,
        "{}",
        members.len()
    );
    let not_read = doc["Summary"]["NotRead"].as_u64().expect("NotRead");
    assert!(not_read > 0);
    assert!(
        stderr(&out).contains("scan interrupted: read"),
        "{}",
        stderr(&out)
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_a_csv_scan_with_a_note_on_stderr() {
    let server = demo(DemoOptions {
        data: Some(generated(3000)),
        latency: Duration::from_millis(100),
        ..DemoOptions::default()
    })
    .await;
    let home = temp_home("sigterm");
    let cmd = scan_cmd(
        &home,
        &server.endpoint_url(),
        "big",
        &["--output", "csv", "--concurrency", "4"],
    );
    let out = interrupt_after(&server, cmd, 30, "-TERM").await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let mut records: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    // The last record says the list is partial, in-band.
    let last = records.pop().unwrap_or("");
    assert!(
        last.starts_with(",,,,Partial,interrupted (Ctrl-C or SIGTERM): read "),
        "{last}"
    );
    let read = records.len() - 1;
    assert!(read > 0 && read < 3000, "{read}");
    // Listing order, whatever order the lookups finished in (members still
    // in flight when the signal came are left out).
    let numbers: Vec<u32> = records[1..]
        .iter()
        .map(|r| {
            r.split(',')
                .next()
                .and_then(|a| a.rsplit("user/m-").next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unexpected record {r}"))
        })
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("scan interrupted: read {read} of ")),
        "{err}"
    );
    server.shutdown().await;
}

/// The "done": every one of town-hall's 10,000 members read, hidden
/// ones included, in the documented proportions (src/demo_service/generate.rs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn town_hall_reads_all_10000_members() {
    let server = demo(DemoOptions::default()).await;
    let home = temp_home("town-hall");
    let out = run(scan_cmd(
        &home,
        &server.endpoint_url(),
        "town-hall",
        &[
            "--include-hidden",
            "--concurrency",
            "32",
            "--output",
            "json",
        ],
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["Members"].as_array().map(Vec::len), Some(10_000));
    let summary = &value["Summary"];
    assert_eq!(
        (
            &summary["ALL"],
            &summary["NONE"],
            &summary["FILTERED"],
            &summary["NotSet"],
            &summary["Errors"]
        ),
        (
            &6500.into(),
            &1500.into(),
            &1500.into(),
            &500.into(),
            &0.into()
        ),
        "{summary}"
    );
    assert_eq!(value["Partial"], false);
    server.shutdown().await;
}
