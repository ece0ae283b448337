//! `get` and `scan` judge their ARN flags with the same input check as the
//! TUI's form (`chime_prefs::arn::input`): surrounding whitespace is
//! trimmed, and anything else that is not an ARN character is named with
//! its code point, Unicode name and position, before anything is sent.

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn channel() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

fn member(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

async fn get(server: &DemoServer, tag: &str, channel: &str, member: &str) -> std::process::Output {
    let home = temp_home(tag);
    let mut cmd = hermetic(BIN, &home);
    cmd.args(["get", "--endpoint-url", &server.endpoint_url()])
        .args(["--region", "us-east-1"])
        .args(["--channel-arn", channel, "--member-arn", member]);
    run(cmd).await
}

#[tokio::test(flavor = "multi_thread")]
async fn get_names_lookalikes_and_invisible_characters_and_sends_nothing() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let carol = member("user/carol");
    // (channel, member, the flag named, words stderr must hold)
    let cyrillic = channel().replace("support", "suppоrt");
    let position = cyrillic.chars().position(|c| c == 'о').map(|i| i + 1);
    let cases: Vec<(String, String, &str, String)> = vec![
        (
            cyrillic.clone(),
            carol.clone(),
            "--channel-arn",
            format!(
                "U+043E CYRILLIC SMALL LETTER O at position {}, which looks like \"o\"",
                position.unwrap_or(0)
            ),
        ),
        (
            channel(),
            carol.replace("user/", "user\u{200B}/"),
            "--member-arn",
            "the invisible character U+200B ZERO WIDTH SPACE at position".to_string(),
        ),
        (
            channel().replacen(':', "：", 1),
            carol.clone(),
            "--channel-arn",
            "U+FF1A FULLWIDTH COLON at position 4".to_string(),
        ),
        (
            format!("\u{201C}{}\u{201D}", channel()),
            carol.clone(),
            "--channel-arn",
            "U+201C LEFT DOUBLE QUOTATION MARK at position 1".to_string(),
        ),
        (
            channel().replace("us-east-1", "us\u{2013}east-1"),
            carol.clone(),
            "--channel-arn",
            "U+2013 EN DASH".to_string(),
        ),
        (
            channel(),
            carol.replace("user/", "user/ "),
            "--member-arn",
            "a space at position".to_string(),
        ),
    ];
    for (i, (channel, member, flag, words)) in cases.iter().enumerate() {
        let out = get(&server, &format!("input-{i}"), channel, member).await;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{channel} / {member}: {err}");
        assert!(err.contains("nothing was sent"), "{err}");
        assert!(err.contains(&format!("{flag}: contains")), "{err}");
        assert!(err.contains(words.as_str()), "{words:?} not in {err}");
        assert!(
            !err.chars()
                .any(|c| c != '\n' && chime_prefs::sanitize::is_unsafe(c)),
            "{err:?}"
        );
    }
    assert_eq!(server.request_count(), 0, "invalid input sent a request");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn get_trims_surrounding_whitespace_and_line_breaks() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let out = get(
        &server,
        "input-trim",
        &format!("  {}\n", channel()),
        &format!("\t{}\r\n", member("user/carol")),
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Carol Chen"), "{}", stdout(&out));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_arn_in_the_channel_flag_is_told_in_flag_words() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let carol = member("user/carol");
    let out = get(&server, "input-swap", &carol, &carol).await;
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("fix: Pass it as --member-arn"), "{err}");
    assert!(!err.contains("field"), "TUI words in CLI output: {err}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn scan_judges_its_flags_the_same_way() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("input-scan");
    let mut cmd = hermetic(BIN, &home);
    cmd.args(["scan", "--endpoint-url", &server.endpoint_url()])
        .args(["--region", "us-east-1", "--channel-arn", &channel()])
        .args(["--bearer-arn", &member("user/аdmin")]);
    let out = run(cmd).await;
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--bearer-arn: contains U+0430 CYRILLIC SMALL LETTER A"),
        "{err}"
    );
    assert_eq!(server.request_count(), 0, "invalid input sent a request");
    server.shutdown().await;
}
