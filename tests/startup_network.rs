//! chime-prefs makes no network call at start-up beyond the request
//! itself: with keys in the environment and no region configured,
//! aws-config would otherwise ask instance metadata (IMDS) for a region.
//! A local listener stands in for IMDS and must see no connection.

use std::net::TcpListener;
use std::process::Command;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, DemoOptions, DemoServer,
};

#[tokio::test(flavor = "multi_thread")]
async fn get_never_asks_instance_metadata_when_keys_are_in_the_environment() {
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo");
    let imds = TcpListener::bind("127.0.0.1:0").expect("fake IMDS");
    imds.set_nonblocking(true).expect("nonblocking");
    let imds_url = format!("http://{}", imds.local_addr().expect("addr"));
    let home = std::env::temp_dir().join(format!("chime-prefs-imds-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chime-prefs"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds_url)
        .env("AWS_ACCESS_KEY_ID", DEMO_ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", DEMO_SECRET_ACCESS_KEY)
        .args([
            "--endpoint-url",
            &server.endpoint_url(),
            "get",
            "--output",
            "json",
        ])
        .args([
            "--channel-arn",
            &format!("{APP_INSTANCE_ARN}/channel/support"),
        ])
        .args(["--member-arn", &format!("{APP_INSTANCE_ARN}/user/alice")]);
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"AllowNotifications\": \"ALL\""));
    match imds.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Ok((_, peer)) => panic!("instance metadata was asked (connection from {peer})"),
        Err(e) => panic!("listener: {e}"),
    }
    server.shutdown().await;
}
