//! The real `chime-prefs` binary against the embedded demo service: exit
//! codes, output formats, config precedence, and byte-for-byte agreement
//! with the AWS CLI.

use std::process::Command;

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn channel() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

fn member(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn get_cmd(home: &std::path::Path, endpoint: &str, member_id: &str, output: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args([
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
        "get",
        "--output",
        output,
    ])
    .args([
        "--channel-arn",
        &channel(),
        "--member-arn",
        &member(member_id),
    ]);
    cmd
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

#[tokio::test(flavor = "multi_thread")]
async fn text_output_and_exit_codes() {
    let server = demo().await;
    let home = temp_home("text");
    let url = server.endpoint_url();

    let ok = run(get_cmd(&home, &url, "user/carol", "text")).await;
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let out = stdout(&ok);
    assert!(out.contains("AllowNotifications: FILTERED"), "{out}");
    assert!(out.contains("\"mention\": ["), "pretty-printed rule: {out}");

    let denied = run(get_cmd(&home, &url, "user/mallory", "text")).await;
    assert_eq!(denied.status.code(), Some(1));
    let err = stderr(&denied);
    assert!(
        err.contains("error: Not allowed to read these preferences (HTTP 403)"),
        "{err}"
    );
    assert!(err.contains("Request id:"), "{err}");
    assert!(err.contains("Next steps:"), "{err}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn text_output_shows_the_rules_description_and_findings() {
    let server = demo().await;
    let home = temp_home("rule-notes");
    let url = server.endpoint_url();
    let cases: [(&str, &[&str]); 5] = [
        (
            "user/carol",
            &[
                "\n  Description: Push only when attribute mention is \"carol\". Assumed, as in SNS",
                "\n  Size: 21 of 2048 bytes; Complexity: 2 of 20\n  Findings: none\n",
            ],
        ),
        (
            "user/dave",
            &[
                "\n  Description: Push when any of: (1) mention is \"dave\"; (2) type is anything \
                 but \"Room\". Assumed",
                "\n  Size: 67 of 2048 bytes; Complexity: 4 of 20\n  Findings: none\n",
            ],
        ),
        (
            "user/frank",
            &[
                "\n  Size: 20 of 2048 bytes\n  Findings (1 error):\n    error [invalid-json] at $: \
                 not valid JSON at line 1, column 20: EOF while parsing a list\n",
            ],
        ),
        (
            "user/filtered-no-rule",
            &["FilterRule: (none)\n  Findings (1 warning):\n    \
                 warning [filtered-without-rule] at $: AllowNotifications is FILTERED but there \
                 is no FilterRule."],
        ),
        (
            "user/double",
            &[
                "\n  Description (of the decoded rule): Push only when attribute mention is \
                 \"double\".",
                "\n  Findings (1 error):\n    error [double-encoded] at $: the rule is a JSON \
                 string whose content is itself JSON: it was serialized twice.",
            ],
        ),
    ];
    for (id, expected) in cases {
        let out = run(get_cmd(&home, &url, id, "text")).await;
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        let text = stdout(&out);
        // From "FilterRule" to the request id: the notes sit under the rule.
        let rule_section = text
            .find("FilterRule")
            .and_then(|start| {
                let rest = &text[start..];
                rest.find("\nRequest id:").map(|end| &rest[..end])
            })
            .unwrap_or_else(|| panic!("{id}: no FilterRule section: {text}"));
        for words in expected {
            assert!(
                rule_section.contains(words),
                "{id}: {words:?} not in:\n{text}"
            );
        }
        // Each finding is said once: no "did not parse" beside the
        // invalid-json error, no second copy of a finding.
        assert!(!rule_section.contains("did not parse"), "{id}:\n{text}");
        let findings: Vec<&str> = rule_section
            .lines()
            .filter(|l| {
                l.trim_start().starts_with("error [") || l.trim_start().starts_with("warning [")
            })
            .collect();
        let mut unique = findings.clone();
        unique.dedup();
        assert_eq!(findings, unique, "{id}: a finding repeated:\n{text}");
    }
    // ALL without a rule has nothing to say about a rule.
    let out = run(get_cmd(&home, &url, "user/alice", "text")).await;
    assert!(!stdout(&out).contains("Findings"), "{}", stdout(&out));
    // Preferences that allow pushes point at the rest of the push path,
    // with the ARNs in hand rather than placeholders, and the flags of
    // this run so that it reaches the same service.
    let expected = format!(
        "chime-prefs --region us-east-1 --endpoint-url {url} diagnose --channel-arn {} --member-arn {}",
        channel(),
        member("user/alice")
    );
    assert!(stdout(&out).contains(&expected), "{}", stdout(&out));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_server_strings_are_escaped_in_text_output() {
    let server = demo().await;
    let home = temp_home("hostile");
    let out = run(get_cmd(
        &home,
        &server.endpoint_url(),
        "user/hostile",
        "text",
    ))
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "raw ESC reached stdout");
    assert!(!text.contains('\u{7}'), "raw BEL reached stdout");
    assert!(
        !text.contains('\u{202e}'),
        "raw bidi override reached stdout"
    );
    assert!(!text.contains('\u{9b}'), "raw C1 CSI reached stdout");
    assert!(text.contains("\\e]0;pwned"), "{text}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_input_exits_2_and_sends_nothing() {
    let server = demo().await;
    let home = temp_home("invalid");
    let mut cmd = hermetic(BIN, &home);
    cmd.args(["--endpoint-url", &server.endpoint_url(), "get"])
        .args([
            "--channel-arn",
            &member("user/alice"),
            "--member-arn",
            &member("user/alice"),
        ]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--channel-arn: is a user ARN, not a channel ARN"),
        "{err}"
    );
    assert!(err.contains("fix:"), "{err}");
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn json_errors_have_the_documented_shape_and_exit_1() {
    let server = demo().await;
    let home = temp_home("jsonerr");
    let out = run(get_cmd(
        &home,
        &server.endpoint_url(),
        "user/mallory",
        "json",
    ))
    .await;
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let error = &value["Error"];
    assert_eq!(error["Code"], "ForbiddenException");
    assert_eq!(error["HttpStatus"], 403);
    assert_eq!(error["Retryable"], false);
    assert_eq!(error["Attempts"], 1);
    assert!(error["RequestId"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(
        error["Explanation"]["NextSteps"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_credentials_are_explained() {
    let server = demo().await;
    let home = temp_home("nocreds");
    let mut cmd = get_cmd(&home, &server.endpoint_url(), "user/alice", "json");
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["Error"]["Code"], "CredentialsMissing");
    assert!(value["Error"]["HttpStatus"].is_null());
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn config_precedence_flags_then_env_then_file() {
    let server = demo().await;
    let home = temp_home("precedence");
    let config = home.join("chime-prefs.toml");
    std::fs::write(
        &config,
        format!(
            "[aws]\nregion = \"eu-central-1\"\nendpoint_url = \"{}\"\n",
            server.endpoint_url()
        ),
    )
    .expect("write config");
    let base = |home: &std::path::Path| {
        let mut cmd = hermetic(BIN, home);
        cmd.args(["--config", config.to_str().unwrap_or_default(), "get"])
            .args([
                "--channel-arn",
                &channel(),
                "--member-arn",
                &member("user/alice"),
            ]);
        cmd
    };
    // The channel is in us-east-1: every call goes there, whatever the
    // configuration says; the text output says which region was used and
    // names the configured one it did not use.
    let region_line = |out: &std::process::Output| {
        stdout(out)
            .lines()
            .find(|l| l.starts_with("Region:"))
            .unwrap_or_default()
            .to_string()
    };

    // The file alone: its endpoint is used, its region is not.
    let out = run(base(&home)).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        region_line(&out),
        "Region:      us-east-1, from the channel ARN (the chime-prefs config file names eu-central-1, which is not used)"
    );

    // The environment beats the file.
    let mut cmd = base(&home);
    cmd.env("AWS_REGION", "us-west-2");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        region_line(&out),
        "Region:      us-east-1, from the channel ARN (AWS_REGION names us-west-2, which is not used)"
    );

    // A flag that agrees with the ARN beats the environment.
    let mut cmd = base(&home);
    cmd.env("AWS_REGION", "us-west-2")
        .args(["--region", "us-east-1"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        region_line(&out),
        "Region:      us-east-1, from the channel ARN"
    );

    // A flag that contradicts the ARN is refused before anything is sent.
    let sent = server.request_count();
    let mut cmd = base(&home);
    cmd.env("AWS_REGION", "us-east-1")
        .args(["--region", "eu-central-1"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("--region eu-central-1") && err.contains("us-east-1"),
        "{err}"
    );
    assert_eq!(server.request_count(), sent, "nothing may be sent");

    // A bad key in the file is an error naming key and line.
    std::fs::write(&config, "[aws]\nregoin = \"x\"\n").expect("write");
    let out = run(base(&home)).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("regoin") && stderr(&out).contains("line 2"),
        "{}",
        stderr(&out)
    );
    server.shutdown().await;
}

fn aws_cli_available() -> bool {
    let found = Command::new("aws")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CHIME_PREFS_REQUIRE_AWSCLI").is_some() {
        panic!("CHIME_PREFS_REQUIRE_AWSCLI is set but the AWS CLI is not installed");
    }
    found
}

fn aws_cli_cmd(home: &std::path::Path, endpoint: &str, member_id: &str) -> Command {
    let mut cmd = hermetic("aws", home);
    let m = member(member_id);
    cmd.args([
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
        "--output",
        "json",
    ])
    .args(["chime-sdk-messaging", "get-channel-membership-preferences"])
    .args([
        "--channel-arn",
        &channel(),
        "--member-arn",
        &m,
        "--chime-bearer",
        &m,
    ]);
    cmd
}

#[tokio::test(flavor = "multi_thread")]
async fn json_output_is_byte_identical_to_the_aws_cli() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("awscli");
    let url = server.endpoint_url();
    let members = [
        "user/alice",
        "user/bob",
        "user/carol",
        "user/dave",
        "user/erin",
        "user/frank",
        "bot/triage",
        "user/mystery",
        "user/hostile",
        "user/double",
        "user/filtered-no-rule",
    ];
    let mut runs = Vec::new();
    for id in members {
        runs.push((
            id,
            tokio::spawn(run(aws_cli_cmd(&home, &url, id))),
            tokio::spawn(run(get_cmd(&home, &url, id, "json"))),
        ));
    }
    for (id, theirs, ours) in runs {
        let theirs = theirs.await.expect("aws");
        let ours = ours.await.expect("ours");
        assert!(
            theirs.status.success(),
            "aws cli failed for {id}: {}",
            stderr(&theirs)
        );
        assert_eq!(ours.status.code(), Some(0), "{id}: {}", stderr(&ours));
        assert_eq!(
            stdout(&ours),
            stdout(&theirs),
            "{id}: output differs from the AWS CLI"
        );
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_aws_cli_parses_every_demo_error() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("awscli-errors");
    let url = server.endpoint_url();
    let cases = [
        ("user/outsider", "BadRequestException"),
        ("user/ghost", "UnauthorizedClientException"),
        ("user/mallory", "ForbiddenException"),
        ("user/failure", "ServiceFailureException"),
        ("user/outage", "ServiceUnavailableException"),
        ("user/throttled", "ThrottledClientException"),
        ("user/teapot", "TeapotException"),
    ];
    let mut runs = Vec::new();
    for (id, code) in cases {
        let mut cmd = aws_cli_cmd(&home, &url, id);
        // The CLI retries throttling and 5xx too; one attempt keeps this quick.
        cmd.env("AWS_MAX_ATTEMPTS", "1");
        runs.push((id, code, tokio::spawn(run(cmd))));
    }
    for (id, code, out) in runs {
        let out = out.await.expect("aws");
        assert!(!out.status.success(), "{id} should fail");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("An error occurred ({code})")),
            "{id}: {err}"
        );
    }
    server.shutdown().await;
}

/// The command line has no keys to press and no form fields: its
/// explanations speak of running the command again, in every format.
#[tokio::test(flavor = "multi_thread")]
async fn cli_explanations_name_no_tui_keys_or_fields() {
    let server = demo().await;
    let home = temp_home("no-tui-words");
    let url = server.endpoint_url();
    for id in [
        "user/throttled",
        "user/outage",
        "user/failure",
        "user/mallory",
    ] {
        for output in ["text", "json"] {
            let mut cmd = get_cmd(&home, &url, id, output);
            cmd.args(["--max-attempts", "1"]);
            let out = run(cmd).await;
            assert_eq!(out.status.code(), Some(1), "{id}: {}", stderr(&out));
            let all = format!("{}{}", stdout(&out), stderr(&out));
            for tui_word in ["press ", "member field", "channel field", "bearer field"] {
                assert!(
                    !all.contains(tui_word),
                    "{id} {output}: {tui_word:?} in\n{all}"
                );
            }
        }
    }
    server.shutdown().await;
}
