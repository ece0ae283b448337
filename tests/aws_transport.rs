//! The wrong scheme for the server, through the real SDK: an https://
//! endpoint answered in plain HTTP, and an http:// endpoint that answers
//! TLS. Each is said as such, not as a generic unreachable endpoint.

mod aws_loopback;

use aws_loopback::{Loopback, Reply, channel, settings, user};
use chime_prefs::aws::Clients;
use chime_prefs::error::{ErrorKind, Evidence};
use chime_prefs::explain::{Context, explain_error};
use chime_prefs::model::Target;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn target() -> Target {
    Target {
        channel_arn: channel(),
        member_arn: user("carol"),
        bearer_arn: user("carol"),
    }
}

#[tokio::test]
async fn an_https_endpoint_that_speaks_plain_http() {
    let server = Loopback::start(|_, _| Reply::json("{}")).await;
    let https = format!("https://{}", server.addr);
    let mut s = settings(&https);
    s.max_attempts = 1;
    let err = Clients::connect(&s)
        .await
        .get_preferences(&target())
        .await
        .expect_err("no TLS there");
    assert_eq!(err.kind, ErrorKind::EndpointUnreachable, "{err:?}");
    assert_eq!(
        err.evidence.as_deref(),
        Some(&Evidence::PlainHttpServer {
            endpoint: https.clone()
        })
    );
    let rendered = explain_error(&err, &Context::default());
    assert!(rendered.title.contains("plain HTTP"), "{}", rendered.title);
    assert!(
        rendered
            .next_steps
            .iter()
            .any(|s| s.contains(&format!("--endpoint-url http://{}", server.addr))),
        "{:?}",
        rendered.next_steps
    );
}

/// A TLS server answers a plain-HTTP request with a TLS alert record.
#[tokio::test]
async fn an_http_endpoint_that_speaks_tls() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            // alert(21), TLS 1.2, length 2, fatal(2), protocol_version(70)
            let _ = socket
                .write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])
                .await;
        }
    });
    let http = format!("http://{addr}");
    let mut s = settings(&http);
    s.max_attempts = 1;
    let err = Clients::connect(&s)
        .await
        .get_preferences(&target())
        .await
        .expect_err("not HTTP");
    server.abort();
    assert_eq!(
        err.evidence.as_deref(),
        Some(&Evidence::NotPlainHttp { endpoint: http }),
        "{err:?}"
    );
    let rendered = explain_error(&err, &Context::default());
    assert!(
        rendered.summary.contains("not plain HTTP"),
        "{}",
        rendered.summary
    );
}
