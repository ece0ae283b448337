//! Corporate TLS inspection: the real binary against a TLS server on
//! 127.0.0.1 whose certificate is issued by a test CA (tests/fixtures/tls),
//! in front of the demo service, directly and through a CONNECT proxy.
//!
//! Every child runs with a cleared environment (`hermetic`), so it sees
//! exactly the trust settings each case sets: the machines here export
//! SSL_CERT_FILE, SSL_CERT_DIR and AWS_CA_BUNDLE globally.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

const ISSUER: &str = "CN=Example Corp TLS Inspection CA, O=Example Corp";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// A TLS terminator on 127.0.0.1 in front of `backend`, with the fixture's
/// server certificate; counts the TCP connections it accepts.
async fn tls_server(backend: SocketAddr) -> (SocketAddr, Arc<AtomicUsize>) {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .expect("server.pem")
        .collect::<Result<_, _>>()
        .expect("certificates");
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).expect("server.key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepts = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepts);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                if let Ok(mut plain) = TcpStream::connect(backend).await {
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                }
            });
        }
    });
    (addr, accepts)
}

/// A CONNECT proxy on 127.0.0.1 that tunnels to wherever it is asked and
/// records each request line.
async fn connect_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let record = Arc::clone(&record);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match socket.read(&mut byte).await {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let line = head.lines().next().unwrap_or_default().to_string();
                if let Ok(mut all) = record.lock() {
                    all.push(line.clone());
                }
                let target = line.split(' ').nth(1).unwrap_or_default().to_string();
                let Ok(mut upstream) = TcpStream::connect(&target).await else {
                    return;
                };
                if socket
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .is_ok()
                {
                    let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
                }
            });
        }
    });
    (url, seen)
}

fn get(home: &Path, endpoint: &str) -> Command {
    get_as(home, endpoint, "json")
}

fn get_as(home: &Path, endpoint: &str, output: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.args([
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
        "--max-attempts",
        "3",
        "get",
        "--output",
        output,
        "--channel-arn",
        &format!("{APP_INSTANCE_ARN}/channel/support"),
        "--member-arn",
        &format!("{APP_INSTANCE_ARN}/user/carol"),
    ]);
    cmd
}

fn assert_found(out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    assert!(
        stdout(out).contains("\"AllowNotifications\""),
        "{}",
        stdout(out)
    );
}

fn assert_untrusted(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", stdout(out));
    let err = stderr(out);
    for expected in [
        "The server's certificate is not trusted",
        "Code:          CertificateUntrusted",
        "Attempts:      1\n",
        "Retry helps:   no",
        &format!("(issuer: {ISSUER})"),
        "AWS_CA_BUNDLE",
        "ca_bundle",
        "SSL_CERT_FILE",
    ] {
        assert!(err.contains(expected), "{expected:?} missing in:\n{err}");
    }
    assert!(!err.contains("proxy is down"), "{err}");
    assert!(!err.contains("Endpoint unreachable"), "{err}");
    err
}

#[tokio::test(flavor = "multi_thread")]
async fn a_test_ca_is_trusted_through_aws_ca_bundle_or_the_profile_and_explained_otherwise() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let (tls, accepts) = tls_server(demo.addr()).await;
    let endpoint = format!("https://{tls}");
    let home = temp_home("trust-direct");
    let ca = fixture("ca.pem");

    let mut with_env = get(&home, &endpoint);
    with_env.env("AWS_CA_BUNDLE", &ca);
    assert_found(&run(with_env).await);

    std::fs::write(
        home.join("aws-config"),
        format!("[profile corp]\nca_bundle = {}\n", ca.display()),
    )
    .expect("config");
    let mut with_profile = get(&home, &endpoint);
    with_profile.args(["--profile", "corp"]);
    assert_found(&run(with_profile).await);

    // The system store alone does not hold the test CA.
    let before = accepts.load(Ordering::SeqCst);
    let untrusted = run(get_as(&home, &endpoint, "text")).await;
    let err = assert_untrusted(&untrusted);
    assert!(
        err.contains(&format!(
            "The certificate that {tls} presented is issued by"
        )),
        "{err}"
    );
    // One attempt of the call, one connection to read the chain: the SDK
    // did not retry (--max-attempts 3).
    assert_eq!(accepts.load(Ordering::SeqCst) - before, 2);

    // A bundle that does not hold the CA is named in the explanation.
    let other = home.join("other.pem");
    std::fs::copy(fixture("server.pem"), &other).expect("copy");
    let mut wrong_bundle = get_as(&home, &endpoint, "text");
    wrong_bundle.env("AWS_CA_BUNDLE", &other);
    let err = assert_untrusted(&run(wrong_bundle).await);
    assert!(
        err.contains(&format!("AWS_CA_BUNDLE={}", other.display())),
        "{err}"
    );
    demo.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn through_a_connect_proxy_the_certificate_is_the_problem_not_the_proxy() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let (tls, _) = tls_server(demo.addr()).await;
    let (proxy, seen) = connect_proxy().await;
    let endpoint = format!("https://{tls}");
    let home = temp_home("trust-proxy");

    let mut trusted = get(&home, &endpoint);
    trusted
        .env("HTTPS_PROXY", &proxy)
        .env("AWS_CA_BUNDLE", fixture("ca.pem"));
    assert_found(&run(trusted).await);
    let tunnels = seen.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(tunnels, [format!("CONNECT {tls} HTTP/1.1")]);

    let mut untrusted = get_as(&home, &endpoint, "text");
    untrusted.env("HTTPS_PROXY", &proxy);
    let err = assert_untrusted(&run(untrusted).await);
    assert!(err.contains(&format!("(through {proxy})")), "{err}");
    assert!(
        !err.contains("Could not connect through the proxy"),
        "{err}"
    );
    // The call's tunnel and the one that read the chain.
    assert_eq!(seen.lock().map(|l| l.len()).unwrap_or_default(), 3);
    demo.shutdown().await;
}

/// A plain-HTTP run reads no CA certificate: with SSL_CERT_FILE naming a
/// malformed PEM, an http `get` logs nothing about the trust store, while
/// the same settings over HTTPS do warn about it.
#[tokio::test(flavor = "multi_thread")]
async fn a_plain_http_run_reads_no_trust_store() {
    let demo = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let (tls, _) = tls_server(demo.addr()).await;
    let home = temp_home("trust-http");
    let malformed = home.join("malformed.pem");
    std::fs::write(
        &malformed,
        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
    )
    .expect("write");
    let logged = |name: &str, endpoint: String| {
        let log = home.join(name);
        let mut cmd = get(&home, &endpoint);
        cmd.env("SSL_CERT_FILE", &malformed)
            .env("SSL_CERT_DIR", home.join("no-such-dir"))
            .env("AWS_CA_BUNDLE", fixture("ca.pem"))
            .env("CHIME_PREFS_LOG", "debug")
            .arg("--log-file")
            .arg(&log);
        (cmd, log)
    };

    let (http, http_log) = logged("http.log", demo.endpoint_url());
    assert_found(&run(http).await);
    let text = std::fs::read_to_string(&http_log).expect("the http run wrote a log");
    assert!(text.contains("call done"), "the log is written:\n{text}");
    // Neither chime-prefs' loader nor the SDK's ("native root CA
    // certificate loading errors") may have looked at the file.
    for read in ["trust store", "root CA", "malformed.pem"] {
        assert!(!text.contains(read), "{read:?} in:\n{text}");
    }

    let (https, https_log) = logged("https.log", format!("https://{tls}"));
    assert_found(&run(https).await);
    let text = std::fs::read_to_string(&https_log).expect("the https run wrote a log");
    assert!(
        text.contains("trust store") && text.contains("malformed.pem"),
        "the same settings over HTTPS read the store:\n{text}"
    );
    demo.shutdown().await;
}
