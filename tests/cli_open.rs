//! `chime-prefs open FILE.json`, the real binary, for every way the file
//! can be wrong: one clear line on stderr and exit code 2, never a panic,
//! no control character from the file on the terminal, and nothing sent.
//! A good report without a terminal is refused as the TUI is. (The TUI
//! itself, on a terminal, is in tui_pty.rs.)

use std::path::Path;
use std::process::Output;

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

async fn open(home: &Path, file: &Path) -> Output {
    let mut cmd = hermetic(BIN, home);
    cmd.arg("open").arg(file);
    run(cmd).await
}

/// A report `diagnose` printed for bob on support, from the demo.
async fn diagnose_json(home: &Path) -> String {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let mut cmd = hermetic(BIN, home);
    cmd.args(["diagnose", "--endpoint-url", &server.endpoint_url()]);
    cmd.args([
        "--channel-arn",
        &format!("{APP_INSTANCE_ARN}/channel/support"),
    ]);
    cmd.args(["--member-arn", &format!("{APP_INSTANCE_ARN}/user/bob")]);
    cmd.args(["--output", "json"]);
    let out = run(cmd).await;
    server.shutdown().await;
    stdout(&out)
}

/// Exit 2, one line on stderr naming the file, nothing on stdout, no
/// control character, no panic.
fn assert_refused(out: &Output, file: &str, why: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{why}: {err}");
    assert!(stdout(out).is_empty(), "{why}: {}", stdout(out));
    assert_eq!(err.lines().count(), 1, "{why}: one line: {err}");
    assert!(
        err.starts_with("error: ") && err.contains(file),
        "{why}: {err}"
    );
    assert!(!err.contains("panicked"), "{why}: {err}");
    assert!(
        !err.trim_end().chars().any(char::is_control),
        "{why}: a control character reached the terminal: {err:?}"
    );
    err
}

#[tokio::test]
async fn every_way_a_file_can_be_wrong_is_one_line_and_exit_2() {
    let home = temp_home("open-wrong");
    let good = diagnose_json(&home).await;
    assert!(good.contains("\"Format\": \"chime-prefs/1\""), "{good}");
    let other_format = good.replace("chime-prefs/1", "chime-prefs/9");
    let truncated = &good[..good.len() / 2];
    let wrong_type = good.replacen("\"CapturedAt\": \"", "\"CapturedAt\": 17, \"x\": \"", 1);
    let hostile = good.replace(
        "chime-prefs/1",
        "chime-prefs/\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}9",
    );
    let no_member = {
        let mut doc: serde_json::Value = serde_json::from_str(&good).expect("JSON");
        doc["Report"]
            .as_object_mut()
            .expect("Report")
            .remove("MemberArn");
        doc.to_string()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "other-format.json",
            other_format.into_bytes(),
            "chime-prefs/9",
        ),
        ("truncated.json", truncated.as_bytes().to_vec(), ""),
        ("wrong-type.json", wrong_type.into_bytes(), "CapturedAt"),
        ("hostile.json", hostile.into_bytes(), ""),
        ("not-json.json", b"<html>not a report</html>".to_vec(), ""),
        ("other-tool.json", br#"{"Checks": []}"#.to_vec(), "Report"),
        ("empty.json", Vec::new(), ""),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x1b], ""),
        ("no-member.json", no_member.into_bytes(), "MemberArn"),
    ];
    for (name, bytes, says) in cases {
        let path = home.join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = assert_refused(&open(&home, &path).await, name, name);
        assert!(err.contains(says), "{name}: {err}");
    }
    let missing = assert_refused(
        &open(&home, &home.join("missing.json")).await,
        "missing.json",
        "missing",
    );
    assert!(missing.contains("cannot be read"), "{missing}");
    let dir = assert_refused(&open(&home, &home).await, "open-wrong", "a directory");
    assert!(dir.contains("directory"), "{dir}");
    // A file name with escapes in it is shown escaped.
    let named = home.join("evil\u{1b}[2J.json");
    std::fs::write(&named, "{").expect("write");
    assert_refused(&open(&home, &named).await, "evil", "a hostile file name");
}

#[cfg(unix)]
#[tokio::test]
async fn an_endless_file_is_refused_at_the_size_cap() {
    let home = temp_home("open-endless");
    let err = assert_refused(
        &open(&home, Path::new("/dev/zero")).await,
        "/dev/zero",
        "endless",
    );
    assert!(err.contains("larger than 64 MiB"), "{err}");
}

#[tokio::test]
async fn a_good_report_without_a_terminal_is_refused_as_the_tui_is() {
    let home = temp_home("open-no-tty");
    let path = home.join("bob.json");
    std::fs::write(&path, diagnose_json(&home).await).expect("write");
    let out = open(&home, &path).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the TUI needs a terminal"),
        "{}",
        stderr(&out)
    );
}
