//! Output into a closed pipe (`chime-prefs get ... | head -0`) ends quietly:
//! no panic message, no exit code 101.

use std::process::Stdio;

mod common;

use common::{BIN, hermetic, temp_home};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

#[tokio::test(flavor = "multi_thread")]
async fn get_into_a_closed_pipe_does_not_panic() {
    let home = temp_home("closed-pipe");
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    for output in ["json", "text"] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut cmd = hermetic(BIN, &home);
        cmd.args([
            "--endpoint-url",
            &server.endpoint_url(),
            "--region",
            "us-east-1",
            "get",
            "--output",
            output,
        ])
        .args([
            "--channel-arn",
            &format!("{APP_INSTANCE_ARN}/channel/support"),
        ])
        .args(["--member-arn", &format!("{APP_INSTANCE_ARN}/user/carol")])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped());
        let out = tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
            .await
            .expect("join");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{output}: {stderr}");
        assert!(!stderr.contains("panicked"), "{output}: {stderr}");
    }
    server.shutdown().await;
}
