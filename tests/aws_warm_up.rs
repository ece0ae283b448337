//! `Clients::warm_up`: the connection the TUI opens ahead of the first
//! lookup. Against a loopback server that counts TCP connections and the
//! bytes clients send: the warm-up opens one connection and sends nothing
//! on it (over HTTPS: nothing but the TLS handshake), reads no credentials,
//! and the first lookup then uses that connection.
//!
//! One test only: it sets the process environment (credentials from a
//! credential_process, AWS_CA_BUNDLE) for this whole test binary.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chime_prefs::aws::{AwsSettings, Clients};
use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};
use chime_prefs::model::Target;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Default)]
struct Counts {
    accepts: AtomicUsize,
    /// Bytes of application data clients sent (after TLS, if any).
    bytes: AtomicUsize,
}

/// Forwards each connection to `backend`, counting connections and bytes;
/// with `tls`, terminates TLS first (the fixture's certificate).
async fn counting_front(backend: SocketAddr, tls: bool) -> (SocketAddr, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let counts = Arc::new(Counts::default());
    let seen = Arc::clone(&counts);
    let acceptor = tls.then(acceptor);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            seen.accepts.fetch_add(1, Ordering::SeqCst);
            let seen = Arc::clone(&seen);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                match acceptor {
                    Some(acceptor) => {
                        if let Ok(stream) = acceptor.accept(socket).await {
                            forward(stream, backend, seen).await;
                        }
                    }
                    None => forward(socket, backend, seen).await,
                }
            });
        }
    });
    (addr, counts)
}

async fn forward<S>(client: S, backend: SocketAddr, seen: Arc<Counts>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let Ok(server) = TcpStream::connect(backend).await else {
        return;
    };
    let (mut client_rx, mut client_tx) = tokio::io::split(client);
    let (mut server_rx, mut server_tx) = server.into_split();
    let up = async {
        let mut buf = [0u8; 8192];
        while let Ok(n) = client_rx.read(&mut buf).await {
            if n == 0 {
                break;
            }
            seen.bytes.fetch_add(n, Ordering::SeqCst);
            if server_tx.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    let down = tokio::io::copy(&mut server_rx, &mut client_tx);
    let _ = tokio::join!(up, down);
}

fn acceptor() -> tokio_rustls::TlsAcceptor {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .expect("server.pem")
        .collect::<Result<_, _>>()
        .expect("certificates");
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).expect("server.key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server config");
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

fn target() -> Target {
    let member = format!("{APP_INSTANCE_ARN}/user/carol");
    Target {
        channel_arn: format!("{APP_INSTANCE_ARN}/channel/support"),
        member_arn: member.clone(),
        bearer_arn: member,
    }
}

async fn wait_for(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_warm_connection_carries_the_first_lookup_and_nothing_before_it() {
    let home = std::env::temp_dir().join(format!("chime-prefs-warm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("home");
    let marker = home.join("credentials-were-read");
    let config = home.join("config");
    std::fs::write(
        &config,
        format!(
            "[default]\ncredential_process = sh -c 'touch {}; echo {{\\\"Version\\\":1,\\\"AccessKeyId\\\":\\\"AKIDEMOCHIMEPREFS00\\\",\\\"SecretAccessKey\\\":\\\"demo-secret-not-a-real-key\\\"}}'\n",
            marker.display()
        ),
    )
    .expect("config");
    // SAFETY: the only test in this binary, before any client is built.
    unsafe {
        for var in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "HTTPS_PROXY",
            "https_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            std::env::remove_var(var);
        }
        std::env::set_var("AWS_CONFIG_FILE", &config);
        std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", home.join("none"));
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        std::env::set_var(
            "AWS_CA_BUNDLE",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls/ca.pem"),
        );
    }
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");

    for tls in [false, true] {
        let _ = std::fs::remove_file(&marker);
        let (front, counts) = counting_front(demo.addr(), tls).await;
        let scheme = if tls { "https" } else { "http" };
        let settings = AwsSettings {
            endpoint_url: Some(format!("{scheme}://{front}")),
            max_attempts: 1,
            ..AwsSettings::default()
        };
        let clients = Clients::connect(&settings).await;
        let before = demo.request_count();

        clients.warm_up("us-east-1").await;
        wait_for("the warm-up's connection", || {
            counts.accepts.load(Ordering::SeqCst) == 1
        })
        .await;
        // A second warm-up of the same region keeps the one connection.
        clients.warm_up("us-east-1").await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(counts.accepts.load(Ordering::SeqCst), 1, "{scheme}");
        assert_eq!(
            counts.bytes.load(Ordering::SeqCst),
            0,
            "{scheme}: nothing but the handshake"
        );
        assert_eq!(demo.request_count(), before, "{scheme}");
        assert!(!marker.exists(), "{scheme}: no credentials were read");

        let lookup = clients.get_preferences(&target()).await;
        assert!(lookup.is_ok(), "{scheme}: {lookup:?}");
        assert_eq!(
            counts.accepts.load(Ordering::SeqCst),
            1,
            "{scheme}: the lookup used the warm connection"
        );
        assert!(counts.bytes.load(Ordering::SeqCst) > 0, "{scheme}");
        assert!(marker.exists(), "{scheme}: the lookup read credentials");
    }

    // An unreachable host: the warm-up returns quietly.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let clients = Clients::connect(&AwsSettings {
        endpoint_url: Some(format!("https://{closed}")),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await;
    clients.warm_up("us-east-1").await;
    demo.shutdown().await;
}
