//! The endpoint and the network, named truly by the real binary: FIPS and
//! dual-stack hosts (seen in the CONNECT line a loopback proxy receives, so
//! nothing leaves the machine), a proxy that wants credentials (407, not
//! worth retrying), and a server that closes the connection mid-answer
//! (not "unreachable"; a request id missing from a response that did
//! arrive is not "no response reached the service").

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use chime_prefs::demo_service::APP_INSTANCE_ARN;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

mod common;

use common::{BIN, hermetic, run, stderr, temp_home};

/// A proxy that records each CONNECT line and answers `answer`.
async fn proxy(answer: &'static str) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let record = Arc::clone(&record);
            tokio::spawn(async move {
                let mut reader = BufReader::new(socket);
                let mut line = String::new();
                if reader.read_line(&mut line).await.is_ok()
                    && let Ok(mut all) = record.lock()
                {
                    all.push(line.trim().to_string());
                }
                // The rest of the request head.
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header).await {
                        Ok(n) if n > 2 => {}
                        _ => break,
                    }
                }
                let _ = reader.get_mut().write_all(answer.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

/// A server that reads a request and answers `answer`, then closes.
async fn cutting_server(answer: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    url
}

fn closed_port() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    format!("http://127.0.0.1:{port}")
}

/// `get` for a channel in us-east-1, with `extra` set up by the caller.
fn get(home: &Path) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args(["--timeout", "10", "get"]).args([
        "--channel-arn",
        &format!("{APP_INSTANCE_ARN}/channel/support"),
        "--member-arn",
        &format!("{APP_INSTANCE_ARN}/user/alice"),
    ]);
    cmd
}

#[tokio::test(flavor = "multi_thread")]
async fn fips_and_dual_stack_hosts_are_the_ones_named() {
    let home = temp_home("endpoints-fips");
    // The CONNECT line shows the host the SDK really calls.
    let (url, seen) = proxy("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
    let mut cmd = get(&home);
    cmd.env("HTTPS_PROXY", &url)
        .env("AWS_USE_FIPS_ENDPOINT", "true");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let connects = seen.lock().expect("lock").clone();
    assert!(
        !connects.is_empty()
            && connects
                .iter()
            .all(|c| c.starts_with("CONNECT messaging-chime-fips.us-east-1.amazonaws.com:443 ")),
        "{connects:?}"
    );
    let err = stderr(&out);
    assert!(
        err.contains(
            "The proxy refused the tunnel to messaging-chime-fips.us-east-1.amazonaws.com "
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "Check the proxy: curl -sI -x {url} https://messaging-chime-fips.us-east-1.amazonaws.com\n"
        )),
        "{err}"
    );
    assert!(!err.contains("messaging-chime.us-east-1"), "{err}");

    // The profile's use_dualstack_endpoint, and no proxy: a closed port
    // as the proxy fails at once, and the hint names the dual-stack host.
    std::fs::write(
        home.join("aws-config"),
        "[default]\nuse_dualstack_endpoint = true\n",
    )
    .expect("write AWS config");
    let (url, seen) = proxy("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
    let mut cmd = get(&home);
    cmd.env("HTTPS_PROXY", &url);
    let out = run(cmd).await;
    let connects = seen.lock().expect("lock").clone();
    assert!(
        !connects.is_empty()
            && connects
                .iter()
                .all(|c| c.starts_with("CONNECT messaging-chime.us-east-1.api.aws:443 ")),
        "{connects:?}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("https://messaging-chime.us-east-1.api.aws\n"),
        "{err}"
    );
    let mut cmd = get(&home);
    cmd.env("HTTPS_PROXY", closed_port());
    let out = run(cmd).await;
    let err = stderr(&out);
    assert!(
        err.contains("https://messaging-chime.us-east-1.api.aws\n"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proxy_that_wants_credentials_is_not_worth_retrying() {
    let home = temp_home("endpoints-407");
    let (url, _) = proxy(
        "HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm=\"corp\"\r\ncontent-length: 0\r\n\r\n",
    )
    .await;
    let mut cmd = get(&home);
    cmd.env("HTTPS_PROXY", &url);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: The proxy wants credentials"),
        "{err}"
    );
    assert!(err.contains("407 Proxy Authentication Required"), "{err}");
    assert!(err.contains("Retry helps:   no"), "{err}");
    assert!(
        err.contains("Request id:    (none: no response reached the service)"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_closed_mid_answer_is_not_unreachable() {
    let home = temp_home("endpoints-cut");
    // Cut inside the headers: nothing usable arrived.
    let head = cutting_server("HTTP/1.1 200 OK\r\ncontent-ty").await;
    // Cut inside the body: a response arrived, without a request id.
    let body = cutting_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"ChannelArn\": \"arn:aws:ch",
    )
    .await;
    for (url, sent) in [(head, false), (body, true)] {
        let mut cmd = get(&home);
        cmd.args(["--endpoint-url", &url, "--max-attempts", "1"]);
        let out = run(cmd).await;
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("error: The connection closed mid-answer"),
            "{err}"
        );
        assert!(!err.contains("Endpoint unreachable"), "{err}");
        assert!(!err.contains("EndpointUnreachable"), "{err}");
        assert!(err.contains(&format!("{url} accepted")), "{err}");
        let request_id = if sent {
            "Request id:    (none: the response carried no request id)"
        } else {
            "Request id:    (none: no response reached the service)"
        };
        assert!(err.contains(request_id), "{err}");
    }
    // Nothing listening is unreachable, as before.
    let mut cmd = get(&home);
    cmd.args(["--endpoint-url", &closed_port(), "--max-attempts", "1"]);
    let err = stderr(&run(cmd).await);
    assert!(err.starts_with("error: Endpoint unreachable"), "{err}");
}
