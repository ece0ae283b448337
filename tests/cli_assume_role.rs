//! A profile whose credentials come from a role, through STS, and STS
//! that refuses or is not there: the real binary names the role and what
//! STS did ("could not assume role ARN: STS ..."), never "No AWS
//! credentials" or SSO advice. STS is a loopback server the test starts
//! (`AWS_ENDPOINT_URL_STS`); the demo service must see no request.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod common;

use common::{BIN, hermetic, run, stderr, temp_home};

const ROLE: &str = "arn:aws:iam::111122223333:role/ChimeSupport";

/// A stand-in STS that answers every request with `status` and an STS
/// error of `code`; counts the requests.
async fn sts(status: u16, code: &'static str, message: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                // Headers, then as much body as Content-Length says.
                loop {
                    let Ok(n) = socket.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&request).to_ascii_lowercase();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                count.fetch_add(1, Ordering::SeqCst);
                let body = format!(
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>sts-req-1</RequestId></ErrorResponse>"
                );
                let answer = format!(
                    "HTTP/1.1 {status} Refused\r\ncontent-type: text/xml\r\nx-amzn-requestid: sts-req-1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

/// A loopback port nothing listens on.
fn closed_port_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    format!("http://127.0.0.1:{port}")
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

/// `get` with STS at `sts_url`, keys only where the profile has them.
fn get(home: &Path, endpoint: &str, sts_url: &str, profile: Option<&str>) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_ENDPOINT_URL_STS", sts_url)
        .args(["--endpoint-url", endpoint, "--timeout", "10"]);
    if let Some(profile) = profile {
        cmd.args(["--profile", profile]);
    }
    cmd.args([
        "get",
        "--channel-arn",
        &format!("{APP_INSTANCE_ARN}/channel/support"),
        "--member-arn",
        &format!("{APP_INSTANCE_ARN}/user/alice"),
    ]);
    cmd
}

fn role_profile(home: &Path) {
    std::fs::write(
        home.join("aws-config"),
        format!(
            "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n\n\
             [profile support]\nrole_arn = {ROLE}\nsource_profile = base\nregion = us-east-1\n"
        ),
    )
    .expect("write AWS config");
}

/// What every failure to assume a role must not say.
fn assert_not_missing_credentials(err: &str) {
    for wrong in ["No AWS credentials", "sso", "SSO", "CredentialsMissing"] {
        assert!(!err.contains(wrong), "{wrong:?} in:\n{err}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_role_sts_refuses_is_named_with_sts_answer() {
    let server = demo().await;
    let home = temp_home("assume-denied");
    role_profile(&home);
    let (sts_url, seen) = sts(
        403,
        "AccessDenied",
        "User: arn:aws:iam::111122223333:user/base is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/ChimeSupport",
    )
    .await;
    let out = run(get(
        &home,
        &server.endpoint_url(),
        &sts_url,
        Some("support"),
    ))
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("error: Could not assume the role"), "{err}");
    assert!(err.contains("Code:          AssumeRoleFailed"), "{err}");
    assert!(
        err.contains(&format!(
            "could not assume role {ROLE}: STS AssumeRole answered AccessDenied: User: arn:aws:iam::111122223333:user/base is not authorized"
        )),
        "{err}"
    );
    assert!(err.contains("Retry helps:   no"), "{err}");
    let endpoint = server.endpoint_url();
    assert!(
        err.contains(&format!(
            "1. See which principal asks for the role: aws --profile base --region us-east-1 --endpoint-url {endpoint} sts get-caller-identity\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "aws --profile base --endpoint-url {endpoint} iam get-role --role-name ChimeSupport\n"
        )),
        "{err}"
    );
    assert_not_missing_credentials(&err);
    assert!(seen.load(Ordering::SeqCst) >= 1, "STS was asked");

    // A chain of roles: which one STS refused is not known, so neither is
    // named as the one.
    let first = "arn:aws:iam::111122223333:role/Jump";
    std::fs::write(
        home.join("aws-config"),
        format!(
            "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n\n\
             [profile jump]\nrole_arn = {first}\nsource_profile = base\n\n\
             [profile chained]\nrole_arn = {ROLE}\nsource_profile = jump\n"
        ),
    )
    .expect("write AWS config");
    let out = run(get(
        &home,
        &server.endpoint_url(),
        &sts_url,
        Some("chained"),
    ))
    .await;
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "could not assume role {ROLE} or a role it is assumed through ({first}): STS AssumeRole answered AccessDenied"
        )),
        "{err}"
    );
    assert!(
        err.contains("  Could not assume the role: STS AssumeRole answered AccessDenied"),
        "{err}"
    );
    assert_not_missing_credentials(&err);
    role_profile(&home);
    assert_eq!(server.request_count(), 0, "nothing was signed");

    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_source_keys_and_an_unreachable_sts_are_told_apart() {
    let server = demo().await;
    let home = temp_home("assume-expired");
    role_profile(&home);
    let (sts_url, _) = sts(
        403,
        "ExpiredToken",
        "The security token included in the request is expired",
    )
    .await;
    let out = run(get(
        &home,
        &server.endpoint_url(),
        &sts_url,
        Some("support"),
    ))
    .await;
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "Could not assume role {ROLE}: STS AssumeRole refused the credentials that ask for it (ExpiredToken: The security token included in the request is expired)"
        )),
        "{err}"
    );
    assert!(
        err.contains("source credentials of profile base have expired"),
        "{err}"
    );
    assert_not_missing_credentials(&err);

    let out = run(get(
        &home,
        &server.endpoint_url(),
        &closed_port_url(),
        Some("support"),
    ))
    .await;
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "could not assume role {ROLE}: STS could not be reached: connection refused"
        )),
        "{err}"
    );
    assert!(err.contains("Retry helps:   yes"), "{err}");
    assert!(!err.contains("Endpoint unreachable"), "{err}");
    assert_not_missing_credentials(&err);
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_web_identity_role_is_named_too() {
    let server = demo().await;
    let home = temp_home("assume-web");
    std::fs::write(home.join("token"), "eyJhbGciOiJSUzI1NiJ9.e30.sig").expect("token");
    let (sts_url, _) = sts(
        403,
        "AccessDenied",
        "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    )
    .await;
    // The environment's web identity, no profile at all.
    let mut cmd = get(&home, &server.endpoint_url(), &sts_url, None);
    cmd.env("AWS_WEB_IDENTITY_TOKEN_FILE", home.join("token"))
        .env("AWS_ROLE_ARN", ROLE);
    let out = run(cmd).await;
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "could not assume role {ROLE}: STS AssumeRoleWithWebIdentity answered AccessDenied"
        )),
        "{err}"
    );
    assert!(
        err.contains("trust policy does not trust the token's issuer"),
        "{err}"
    );
    assert_not_missing_credentials(&err);

    // A profile's web_identity_token_file that is not there.
    std::fs::write(
        home.join("aws-config"),
        format!(
            "[profile pod]\nrole_arn = {ROLE}\nweb_identity_token_file = {}\n",
            home.join("no-such-token").display()
        ),
    )
    .expect("write AWS config");
    let out = run(get(&home, &server.endpoint_url(), &sts_url, Some("pod"))).await;
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "could not assume role {ROLE}: the web identity token file could not be read"
        )),
        "{err}"
    );
    assert_not_missing_credentials(&err);
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}
