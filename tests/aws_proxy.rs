//! Real AWS endpoints through a proxy the environment names, with a
//! stand-in proxy on 127.0.0.1 (nothing leaves the machine: the clients
//! only ever connect to it). It shows where each service's calls go (the
//! ARN's region, whatever the configuration says), and that a refused or
//! dead proxy is explained as the proxy, naming the variable.
//!
//! One test only: it sets HTTPS_PROXY for this whole test binary.

mod aws_loopback;

use std::sync::{Arc, Mutex};

use aws_loopback::{channel, user};
use chime_prefs::aws::{AwsSettings, Clients, RegionSource};
use chime_prefs::demo_service::{DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};
use chime_prefs::error::{ErrorKind, Evidence};
use chime_prefs::explain::{Context, explain_error};
use chime_prefs::model::Target;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Accepts connections, records each CONNECT line, and refuses the tunnel.
async fn refusing_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
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
                let _ = reader
                    .get_mut()
                    .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
                    .await;
            });
        }
    });
    (url, seen)
}

fn settings() -> AwsSettings {
    AwsSettings {
        // Real AWS endpoints; a region elsewhere in the configuration.
        region: Some("us-west-2".into()),
        region_source: Some(RegionSource::Environment("AWS_REGION")),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        max_attempts: 1,
        ..AwsSettings::default()
    }
}

#[tokio::test]
async fn calls_go_to_the_arns_region_and_a_failing_proxy_is_named() {
    let (proxy, seen) = refusing_proxy().await;
    // SAFETY: the only test in this binary, before any client is built.
    unsafe {
        std::env::set_var("HTTPS_PROXY", &proxy);
        for var in [
            "https_proxy",
            "ALL_PROXY",
            "all_proxy",
            "NO_PROXY",
            "no_proxy",
        ] {
            std::env::remove_var(var);
        }
    }
    let clients = Clients::connect(&settings()).await;
    let target = Target {
        channel_arn: channel(),
        member_arn: user("carol"),
        bearer_arn: user("carol"),
    };
    let messaging = clients
        .get_preferences(&target)
        .await
        .expect_err("the proxy refuses");
    let identity = clients
        .list_endpoints(&user("carol"))
        .await
        .expect_err("the proxy refuses");
    let lines = seen.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(
        lines,
        [
            "CONNECT messaging-chime.eu-central-1.amazonaws.com:443 HTTP/1.1",
            "CONNECT identity-chime.eu-central-1.amazonaws.com:443 HTTP/1.1",
        ]
    );
    for err in [&messaging, &identity] {
        assert_eq!(err.kind, ErrorKind::EndpointUnreachable, "{err:?}");
        assert_eq!(
            err.evidence.as_deref(),
            Some(&Evidence::Proxy {
                variable: "HTTPS_PROXY".into(),
                url: proxy.clone()
            })
        );
        let rendered = explain_error(err, &Context::default());
        assert_eq!(rendered.title, "Could not connect through the proxy");
        assert!(
            rendered.summary.starts_with("HTTPS_PROXY is set")
                && rendered.summary.contains(&proxy)
                && rendered.summary.contains(err.operation.api_name()),
            "{}",
            rendered.summary
        );
    }

    // A proxy that is not running at all.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let dead_url = format!("http://{dead}");
    // SAFETY: as above; no request is in flight.
    unsafe {
        std::env::set_var("HTTPS_PROXY", &dead_url);
    }
    let err = Clients::connect(&settings())
        .await
        .get_preferences(&target)
        .await
        .expect_err("nothing listens there");
    assert_eq!(err.kind, ErrorKind::EndpointUnreachable, "{err:?}");
    assert_eq!(
        err.evidence.as_deref(),
        Some(&Evidence::Proxy {
            variable: "HTTPS_PROXY".into(),
            url: dead_url.clone()
        })
    );
    let rendered = explain_error(&err, &Context::default());
    assert!(
        rendered.causes[0].contains(&format!("Nothing listens at {dead_url}")),
        "{:?}",
        rendered.causes
    );
}
