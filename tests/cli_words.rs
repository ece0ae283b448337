//! Issue 14 §7's wording list, as the real binary prints it against the
//! embedded demo: "a message with the given attributes does not match"
//! (never "the given attributes does"), "both devices active" (never
//! "all 2 devices active"), and a rule's parse error said once.

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnose_and_member_speak_plain_english() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("cli-words");
    let channel = format!("{APP_INSTANCE_ARN}/channel/support");
    let carol = format!("{APP_INSTANCE_ARN}/user/carol");
    for (attrs, says) in [
        (
            r#"{"mention":["bob"]}"#,
            "a message with the given attributes does not match the rule",
        ),
        (
            r#"{"mention":["carol"]}"#,
            "a message with the given attributes matches the rule",
        ),
    ] {
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "diagnose",
            "--endpoint-url",
            &demo.endpoint_url(),
            "--channel-arn",
            &channel,
            "--member-arn",
            &carol,
            "--attributes",
            attrs,
        ]);
        let out = run(cmd).await;
        let text = stdout(&out);
        assert!(text.contains(says), "{says}:\n{text}\n{}", stderr(&out));
        // "the given attributes" is never the subject of "does".
        assert_eq!(
            text.matches("the given attributes").count(),
            text.matches("a message with the given attributes").count(),
            "{text}"
        );
    }

    // frank's rule is not JSON: the parse error is said once.
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "diagnose",
        "--endpoint-url",
        &demo.endpoint_url(),
        "--channel-arn",
        &channel,
        "--member-arn",
        &format!("{APP_INSTANCE_ARN}/user/frank"),
    ]);
    let out = run(cmd).await;
    let text = stdout(&out);
    let check = text
        .lines()
        .skip_while(|l| !l.contains("filter-rule  "))
        .take_while(|l| !l.starts_with("[PASS]    endpoints"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        check.matches("EOF while parsing a list").count(),
        1,
        "{check}"
    );

    // alice has two devices, both active.
    let mut cmd = hermetic(BIN, &home);
    cmd.args([
        "member",
        "--endpoint-url",
        &demo.endpoint_url(),
        "--member-arn",
        &format!("{APP_INSTANCE_ARN}/user/alice"),
    ]);
    let out = run(cmd).await;
    let text = stdout(&out);
    assert!(
        text.contains("both devices active"),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(!text.contains("all 2 devices"), "{text}");
    demo.shutdown().await;
}
