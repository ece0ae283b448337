//! The region comes from the channel ARN: the real binary, with a region
//! elsewhere in the environment and the profile, calls the ARN's region
//! (seen at a stand-in HTTPS proxy on 127.0.0.1, so nothing leaves the
//! machine); a contrary or malformed `--region` is invalid input.

use std::sync::{Arc, Mutex};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

fn channel_in(region: &str) -> String {
    APP_INSTANCE_ARN.replace("us-east-1", region) + "/channel/support"
}

fn member_in(region: &str) -> String {
    APP_INSTANCE_ARN.replace("us-east-1", region) + "/user/alice"
}

/// Records each CONNECT line and refuses the tunnel.
async fn proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let mut reader = BufReader::new(socket);
            let mut line = String::new();
            if reader.read_line(&mut line).await.is_ok()
                && let Ok(mut all) = record.lock()
            {
                all.push(line.trim().to_string());
            }
            let _ = reader
                .get_mut()
                .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    (url, seen)
}

fn get(home: &std::path::Path, region: &str) -> std::process::Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["--max-attempts", "1", "get"]).args([
        "--channel-arn",
        &channel_in(region),
        "--member-arn",
        &member_in(region),
    ]);
    cmd
}

#[tokio::test(flavor = "multi_thread")]
async fn the_arns_region_beats_the_environment_and_the_profile() {
    let home = temp_home("region-arn");
    std::fs::write(home.join("aws-config"), "[default]\nregion = us-west-2\n").expect("config");
    let (proxy_url, seen) = proxy().await;
    let mut cmd = get(&home, "us-east-1");
    cmd.env("AWS_REGION", "us-west-2")
        .env("HTTPS_PROXY", &proxy_url);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        seen.lock().map(|l| l.clone()).unwrap_or_default(),
        ["CONNECT messaging-chime.us-east-1.amazonaws.com:443 HTTP/1.1"]
    );
    let err = stderr(&out);
    assert!(
        err.starts_with("error: Could not connect through the proxy"),
        "{err}"
    );
    assert!(err.contains("HTTPS_PROXY is set"), "{err}");
    assert!(err.contains("Region:        us-east-1"), "{err}");
    assert!(!err.contains("DNS"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_region_without_chime_is_still_warned_about() {
    let home = temp_home("region-unsupported");
    let (proxy_url, seen) = proxy().await;
    let mut cmd = get(&home, "us-west-2");
    cmd.env("HTTPS_PROXY", &proxy_url);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "warning: Region us-west-2 has no Chime SDK messaging; it runs only in us-east-1 and eu-central-1."
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        seen.lock().map(|l| l.clone()).unwrap_or_default(),
        ["CONNECT messaging-chime.us-west-2.amazonaws.com:443 HTTP/1.1"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contrary_or_malformed_region_flag_is_invalid_input() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let home = temp_home("region-flag");
    let url = server.endpoint_url();
    for (region, expected) in [
        (
            "eu-central-1",
            "--region eu-central-1 contradicts the ARN, which is in us-east-1",
        ),
        ("US-EAST-1", "--region \"US-EAST-1\" is not a region name"),
    ] {
        let mut cmd = get(&home, "us-east-1");
        cmd.args(["--endpoint-url", &url, "--region", region]);
        let out = run(cmd).await;
        assert_eq!(out.status.code(), Some(2), "{region}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        assert_eq!(stdout(&out), "");

        let mut scan = hermetic(BIN, &home);
        scan.args(["--endpoint-url", &url, "--region", region, "scan"])
            .args([
                "--channel-arn",
                &channel_in("us-east-1"),
                "--bearer-arn",
                &member_in("us-east-1"),
            ]);
        let out = run(scan).await;
        assert_eq!(
            out.status.code(),
            Some(2),
            "scan {region}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
    assert_eq!(server.request_count(), 0, "nothing may be sent");
    server.shutdown().await;
}
