//! The server itself: rate limit, latency, request counting, lifecycle.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::super::{DemoOptions, DemoServer};
use super::{assert_error, own_prefs, start, start_with};

#[tokio::test]
async fn tps_limit_allows_a_burst_then_throttles_then_refills() {
    let server = start_with(DemoOptions {
        tps: Some(3),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let started = Instant::now();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(own_prefs(addr, "user/alice").await.status);
    }
    // Refilling takes 333 ms per token; on a very slow machine one may come back.
    if started.elapsed() < Duration::from_millis(300) {
        assert_eq!(statuses, [200, 200, 200, 429, 429]);
    } else {
        assert_eq!(&statuses[..3], [200, 200, 200]);
        assert!(statuses.contains(&429), "{statuses:?}");
    }
    let reply = own_prefs(addr, "user/alice").await;
    if reply.status == 429 {
        assert_error(&reply, 429, "ThrottledClientException", "Throttled");
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(own_prefs(addr, "user/alice").await.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let latency = Duration::from_millis(250);
    let server = start_with(DemoOptions {
        latency,
        ..DemoOptions::default()
    })
    .await;
    for path in ["user/alice", "user/throttled"] {
        let started = Instant::now();
        let reply = own_prefs(server.addr(), path).await;
        let elapsed = started.elapsed();
        assert!(reply.status == 200 || reply.status == 429);
        assert!(elapsed >= latency, "{elapsed:?}");
        assert!(elapsed < latency + Duration::from_secs(3), "{elapsed:?}");
    }
    let started = Instant::now();
    let reply = super::http::request(server.addr(), "GET", "/nowhere", &[]).await;
    assert_eq!(reply.status, 404);
    assert!(started.elapsed() >= latency);
    server.shutdown().await;
}

#[tokio::test]
async fn request_count_counts_every_request_and_nothing_else() {
    let server = start().await;
    assert_eq!(server.request_count(), 0);
    own_prefs(server.addr(), "user/alice").await;
    own_prefs(server.addr(), "user/outage").await;
    super::http::request(server.addr(), "PUT", "/x", &[("Content-Length", "0")]).await;
    assert_eq!(server.request_count(), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn endpoint_url_and_shutdown() {
    let server = start().await;
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    assert_eq!(
        server.endpoint_url(),
        format!("http://127.0.0.1:{}", addr.port())
    );
    let started = Instant::now();
    server.shutdown().await;
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening"
    );
}

#[tokio::test]
async fn unspecified_listen_address_gives_a_loopback_endpoint() {
    let listen: SocketAddr = "0.0.0.0:0".parse().expect("addr");
    let server = start_with(DemoOptions {
        listen,
        ..DemoOptions::default()
    })
    .await;
    assert!(server.endpoint_url().starts_with("http://127.0.0.1:"));
    server.shutdown().await;
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    let server = start().await;
    let addr = server.addr();
    drop(server);
    let deadline = Instant::now() + Duration::from_secs(2);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still listening after drop");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn bind_failure_names_the_address() {
    let first = start().await;
    let listen = first.addr();
    let err = DemoServer::start(DemoOptions {
        listen,
        ..DemoOptions::default()
    })
    .await
    .expect_err("port in use");
    assert!(err.is_bind());
    let text = err.to_string();
    assert!(text.contains(&listen.to_string()), "{text}");
    assert!(std::error::Error::source(&err).is_some());
    first.shutdown().await;
}

#[tokio::test]
async fn bad_options_and_data_are_refused_before_binding() {
    let err = DemoServer::start(DemoOptions {
        tps: Some(0),
        ..DemoOptions::default()
    })
    .await
    .expect_err("tps 0");
    assert!(err.to_string().contains("at least 1"), "{err}");
    let data = Some("{\"app_instance_arn\": 5}".to_string());
    let err = DemoServer::start(DemoOptions {
        data,
        ..DemoOptions::default()
    })
    .await
    .expect_err("bad data");
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[tokio::test]
async fn bearer_tps_limits_each_bearer_on_its_own() {
    use super::{arn, endpoints_path, get_signed};
    let server = start_with(DemoOptions {
        bearer_tps: Some(2),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let started = Instant::now();
    let mut alice = Vec::new();
    for _ in 0..4 {
        alice.push(own_prefs(addr, "user/alice").await.status);
    }
    // Another bearer has its own allowance, and identity calls (no bearer) none.
    let bob = own_prefs(addr, "user/bob").await.status;
    let identity = get_signed(addr, &endpoints_path(&arn("user/alice"), None, "")).await;
    if started.elapsed() < Duration::from_millis(400) {
        assert_eq!(alice, [200, 200, 429, 429]);
    } else {
        assert_eq!(&alice[..2], [200, 200]);
    }
    assert_eq!(bob, 200);
    assert_eq!(identity.status, 200);
    let reply = own_prefs(addr, "user/alice").await;
    if reply.status == 429 {
        let message = assert_error(&reply, 429, "ThrottledClientException", "Throttled");
        assert_eq!(message, "Rate exceeded");
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(own_prefs(addr, "user/alice").await.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn a_zero_bearer_rate_is_refused() {
    let err = DemoServer::start(DemoOptions {
        bearer_tps: Some(0),
        ..DemoOptions::default()
    })
    .await
    .expect_err("bearer tps 0");
    assert!(err.to_string().contains("at least 1"), "{err}");
}
