//! Reports that name their subject, the real binary against the embedded
//! demo: `--output markdown` of every demo story of `diagnose` (and of
//! `member` and `scan`) against golden files, with the time, the port, the
//! version and the request ids redacted; the key facts asserted beside;
//! the `"Report"` object first in every JSON document and read back; and
//! hostile names through the whole path.

use std::path::Path;
use std::process::{Command, Output};

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, ExpectedPush, ROLE_STORIES, STORIES,
    Story, TOKEN_MARKER,
};
use chime_prefs::report::{ReportKind, Subject};
use serde_json::Value;

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

fn diagnose(home: &Path, endpoint: &str, story: &Story, output: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["diagnose", "--endpoint-url", endpoint])
        .args(["--channel-arn", &story.channel_arn()])
        .args(["--member-arn", &story.member_arn()])
        .args(["--admin-arn", DEMO_ADMIN_ARN, "--output", output]);
    if let Some(id) = story.message_id {
        cmd.args(["--message-id", id]);
    }
    cmd
}

fn member(home: &Path, endpoint: &str, id: &str, output: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["member", "--endpoint-url", endpoint, "--timeout", "2"])
        .args(["--member-arn", &arn(id), "--admin-arn", DEMO_ADMIN_ARN])
        .args(["--output", output]);
    cmd
}

fn scan(home: &Path, endpoint: &str, id: &str, output: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["scan", "--endpoint-url", endpoint, "--timeout", "2"])
        .args([
            "--channel-arn",
            &channel(id),
            "--bearer-arn",
            DEMO_ADMIN_ARN,
        ])
        .args(["--include-hidden", "--output", output]);
    cmd
}

/// bob on support: NONE, the issue's example.
fn bob() -> Story {
    STORIES
        .iter()
        .find(|s| s.member == "user/bob")
        .copied()
        .expect("bob's story")
}

fn exit_code_for(push: ExpectedPush) -> i32 {
    match push {
        ExpectedPush::Yes => 0,
        ExpectedPush::No(_) => 1,
        ExpectedPush::Depends | ExpectedPush::Unknown => 3,
    }
}

/// `8-4-4-4-12` hex digits: the demo's request ids.
fn is_request_id(word: &[u8]) -> bool {
    word.len() == 36
        && word.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// What changes from run to run, replaced: the demo's port, the time the
/// report was taken, the tool's version and the request ids.
fn redact(md: &str, endpoint: &str) -> String {
    let md = md
        .replace(endpoint, "http://127.0.0.1:[port]")
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    let md: String = md
        .lines()
        .map(|line| match line.strip_prefix("- **Captured:** ") {
            Some(_) => "- **Captured:** [time]\n".to_string(),
            None => format!("{line}\n"),
        })
        .collect();
    let bytes = md.as_bytes();
    let mut out = String::with_capacity(md.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_request_id(&bytes[i..i + 36]) {
            out.push_str("[request-id]");
            i += 36;
        } else {
            let c = md[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// The checks every Markdown report passes: no control character, no
/// device token, the subject block with its time.
fn assert_clean(label: &str, md: &str) {
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "{label}: a control character: {md:?}"
    );
    assert!(!md.contains(TOKEN_MARKER), "{label}: a device token leaked");
    assert!(md.contains("\n## Subject\n\n"), "{label}: {md}");
    assert!(md.contains("- **Captured:** `20"), "{label}: {md}");
    assert!(
        md.contains(&format!("chime-prefs {}", env!("CARGO_PKG_VERSION"))),
        "{label}: {md}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_demo_story_in_markdown_names_its_subject_and_verdict() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("report-stories");
    let url = demo.endpoint_url();
    let stories = STORIES.iter().map(|s| (*s, None)).chain(
        ROLE_STORIES
            .iter()
            .map(|r| (r.story, Some(r.access_key_id))),
    );
    let runs = stories.map(|(story, key)| {
        let mut cmd = diagnose(&home, &url, &story, "markdown");
        if let Some(key) = key {
            cmd.env("AWS_ACCESS_KEY_ID", key);
        }
        async move { (story, key, run(cmd).await) }
    });
    let results = futures_util::future::join_all(runs).await;
    assert!(results.len() >= 45, "every story: {}", results.len());
    for (story, key, out) in results {
        let name = format!(
            "diagnose_{}_{}_{}{}",
            story.member.replace('/', "_"),
            story.channel,
            story.message_id.unwrap_or("no-message"),
            key.map(|k| format!("_{k}")).unwrap_or_default()
        );
        let md = stdout(&out);
        assert_eq!(
            out.status.code(),
            Some(exit_code_for(story.push)),
            "{name}: {}",
            stderr(&out)
        );
        assert_clean(&name, &md);
        let push = story.push.as_str().to_uppercase();
        let heading = md.lines().next().unwrap_or_default();
        assert!(
            heading.starts_with("# Would a push reach ")
                && heading.ends_with(&format!("? {push}"))
                && heading.contains(&format!("`{}`", story.member))
                && heading.contains(&format!(" on `{}`", story.channel)),
            "{name}: {heading}"
        );
        assert!(
            md.contains(&format!("**Would a push arrive? {push}:**")),
            "{name}: {md}"
        );
        if let Some(blocking) = story.push.blocking_check() {
            assert!(
                md.contains(&format!("**Blocking check:** `{blocking}`")),
                "{name}: {md}"
            );
        }
        assert!(
            md.contains("- **Member:** ") && md.contains(&story.member_arn()),
            "{name}: {md}"
        );
        assert!(md.contains(&story.channel_arn()), "{name}: {md}");
        assert!(
            md.contains(&format!("- **Ban checked by:** `{DEMO_ADMIN_ARN}`")),
            "{name}: {md}"
        );
        insta::assert_snapshot!(name, redact(&md, &url));
    }
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_and_scan_in_markdown() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("report-tables");
    let url = demo.endpoint_url();
    for id in ["user/alice", "user/wes", "user/hostile"] {
        let out = run(member(&home, &url, id, "markdown")).await;
        let name = format!("member_{}", id.replace('/', "_"));
        let md = stdout(&out);
        assert_clean(&name, &md);
        assert!(md.starts_with("# Channels of "), "{name}: {md}");
        assert!(md.contains(&format!("(`{id}`)")), "{name}: {md}");
        assert!(md.contains(&format!("`{}`", arn(id))), "{name}: {md}");
        assert!(md.contains("**Summary:** "), "{name}: {md}");
        assert!(
            md.contains(
                "| Channel | ID | Privacy | Mode | Type | State | Rule or error | Request id |"
            ),
            "{name}: {md}"
        );
        assert!(
            md.contains(&format!("- **Listed by:** `{DEMO_ADMIN_ARN}`")),
            "{name}: {md}"
        );
        insta::assert_snapshot!(name, redact(&md, &url));
    }
    let out = run(member(&home, &url, "user/alice", "markdown")).await;
    assert!(
        stdout(&out).contains("- **Member:** Alice Anders, `"),
        "{}",
        stdout(&out)
    );
    for id in ["support", "mobile"] {
        let out = run(scan(&home, &url, id, "markdown")).await;
        let name = format!("scan_{id}");
        let md = stdout(&out);
        assert_clean(&name, &md);
        assert!(
            md.starts_with(&format!("# Members of `{id}`\n")),
            "{name}: {md}"
        );
        assert!(md.contains(&format!("`{}`", channel(id))), "{name}: {md}");
        assert!(
            md.contains("| Member | ID | State | Rule or error | Request id |"),
            "{name}: {md}"
        );
        insta::assert_snapshot!(name, redact(&md, &url));
    }
    demo.shutdown().await;
}

fn document(label: &str, out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{label}: not JSON ({e}):\n{}\n{}", stdout(out), stderr(out)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_document_leads_with_its_subject() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("report-json");
    let url = demo.endpoint_url();
    let bob = bob();
    let cases = [
        (
            ReportKind::Diagnose,
            diagnose(&home, &url, &bob, "json"),
            "Verdict",
        ),
        (
            ReportKind::Member,
            member(&home, &url, "user/alice", "json"),
            "Member",
        ),
        (
            ReportKind::Scan,
            scan(&home, &url, "support", "json"),
            "ChannelArn",
        ),
    ];
    for (kind, cmd, first) in cases {
        let label = kind.as_str();
        let doc = document(label, &run(cmd).await);
        let keys: Vec<&str> = doc
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys[..2], ["Report", first], "{label}: {keys:?}");
        assert_eq!(doc["Report"]["Format"], "chime-prefs/1", "{label}");
        let subject = Subject::from_document(&doc).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(subject.kind, kind);
        assert_eq!(subject.region.as_deref(), Some("us-east-1"), "{label}");
        assert_eq!(
            subject.endpoint_url.as_deref(),
            Some(url.as_str()),
            "{label}"
        );
        assert_eq!(
            subject.tool,
            format!("chime-prefs {}", env!("CARGO_PKG_VERSION"))
        );
        assert!(
            chime_prefs::report::subject::parse_time(&subject.captured_at).is_some(),
            "{label}: {}",
            subject.captured_at
        );
        match kind {
            ReportKind::Diagnose => {
                assert_eq!(subject.member_arn, Some(arn("user/bob")));
                assert_eq!(subject.member_name.as_deref(), Some("Bob Brown"));
                assert_eq!(subject.channel_arn, Some(channel("support")));
                assert_eq!(subject.admin_arn.as_deref(), Some(DEMO_ADMIN_ARN));
                assert_eq!(doc["Verdict"]["Push"], "no");
            }
            ReportKind::Member => {
                assert_eq!(subject.member_arn, Some(arn("user/alice")));
                assert_eq!(subject.member_name.as_deref(), Some("Alice Anders"));
                assert_eq!(subject.bearer_arn.as_deref(), Some(DEMO_ADMIN_ARN));
                assert_eq!(subject.channel_arn, None);
            }
            ReportKind::Scan => {
                assert_eq!(doc["IncludeHidden"], true, "how it was listed");
                assert_eq!(subject.channel_arn, Some(channel("support")));
                assert_eq!(subject.bearer_arn.as_deref(), Some(DEMO_ADMIN_ARN));
                assert_eq!(subject.member_arn, None);
            }
        }
    }
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bobs_text_report_says_it_is_about_bob() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("report-text");
    let url = demo.endpoint_url();
    let bob = bob();
    let out = run(diagnose(&home, &url, &bob, "text")).await;
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Would a push arrive? NO: NONE"),
        "{text}"
    );
    assert_eq!(lines[1], "Blocking check: preferences", "{text}");
    assert_eq!(
        lines[2],
        format!("Member:          Bob Brown  {}", arn("user/bob")),
        "{text}"
    );
    assert!(text.contains("user/bob"), "{text}");
    assert!(
        text.contains(&format!("\nChannel:         {}\n", channel("support"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("\nBan checked by:  {DEMO_ADMIN_ARN}\n")),
        "{text}"
    );
    assert!(text.contains("\nRegion:          us-east-1\n"), "{text}");
    assert!(
        text.contains(&format!("\nEndpoint:        {url}\n")),
        "{text}"
    );
    assert!(text.contains("\nCaptured:        20"), "{text}");
    assert!(
        text.contains(&format!(
            "Z, chime-prefs {}\n\n[PASS]",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );

    // The attributes judged are part of what was asked: in the text, and
    // in the Report object as `--attributes` takes them.
    let attributes = r#"{"mention":{"StringValues":["bob"]}}"#;
    let mut cmd = diagnose(&home, &url, &bob, "text");
    cmd.args(["--attributes", attributes]);
    let text = stdout(&run(cmd).await);
    assert!(
        text.contains(&format!("\nAttributes:      {attributes}\n")),
        "{text}"
    );
    let mut cmd = diagnose(&home, &url, &bob, "json");
    cmd.args(["--attributes", attributes]);
    let doc = document("attributes", &run(cmd).await);
    assert_eq!(doc["Report"]["MessageAttributes"], attributes);
    assert!(doc["Report"].get("MessageId").is_none());
    demo.shutdown().await;
}

/// Channels and members whose names try everything Markdown could act on.
fn hostile_dataset() -> String {
    let evil = [
        "Pipe | in | name",
        "Tick `code` ``two``",
        "<script>alert(1)</script>",
        "[x](http://evil)",
        "close ]( open",
        "line\nbreak | fake | row",
        "esc \u{1b}[2J\u{1b}]0;pwned\u{7} end",
    ];
    let channels: Vec<Value> = evil
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({
                "id": format!("c{i}"), "name": name,
                "members": [
                    {"id": "user/eve", "name": evil.join(" / "), "allow": "FILTERED",
                     "filter_rule": format!("{{\"mention\": [{}]}}", serde_json::to_string(name).unwrap_or_default())},
                    {"id": format!("user/m{i}"), "name": name, "allow": "ALL"}
                ]
            })
        })
        .collect();
    serde_json::json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": channels
    })
    .to_string()
}

/// `md` without its fenced blocks and code spans: what renders as
/// Markdown rather than as code.
fn outside_code(md: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '`' && (i == 0 || chars[i - 1] != '\\') {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|c| **c == '`').count() == run
                        && chars[j - 1] != '`'
                });
                if let Some(j) = close {
                    i = j + run;
                    continue;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out.push('\n');
    }
    out
}

/// The unescaped `|` of a table row.
fn pipes(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i] == '|' && (i == 0 || chars[i - 1] != '\\'))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_cannot_break_a_table_inject_a_link_or_html() {
    let demo = DemoServer::start(DemoOptions {
        data: Some(hostile_dataset()),
        ..DemoOptions::default()
    })
    .await
    .expect("demo");
    let home = temp_home("report-hostile");
    let url = demo.endpoint_url();
    let outputs = [
        (
            "member",
            run(member(&home, &url, "user/eve", "markdown")).await,
        ),
        ("scan", run(scan(&home, &url, "c5", "markdown")).await),
    ];
    for (label, out) in outputs {
        let md = stdout(&out);
        assert!(
            !md.chars().any(|c| c.is_control() && c != '\n'),
            "{label}: {md:?}"
        );
        // Every row of a table has its header's number of cells.
        let mut header = None;
        let mut rows = 0;
        for line in md.lines() {
            if line.starts_with('|') {
                let n = pipes(line);
                rows += 1;
                match header {
                    None => header = Some(n),
                    Some(h) => assert_eq!(n, h, "{label}: {line}\n{md}"),
                }
            } else {
                header = None;
            }
        }
        assert!(rows >= 3, "{label}: a table: {md}");
        // No raw HTML, no link (a code span shows them as they are), no
        // line made of a name's second half.
        let prose = outside_code(&md);
        assert!(!prose.contains("<script>"), "{label}: {prose}");
        assert!(md.contains("\\<script\\>"), "{label}: {md}");
        assert!(!prose.contains("[x](http"), "{label}: {prose}");
        assert!(!md.contains("\n\"break"), "{label}: {md}");
        assert!(!md.lines().any(|l| l.starts_with("break")), "{label}: {md}");
    }
    demo.shutdown().await;
}
