//! What every request goes through: routing, methods, the SigV4 header check,
//! the bearer header, request ids.

use super::http::{self, Reply};
use super::{SIGNATURE, arn, assert_error, auth_for, prefs_path, start, support};

async fn with_auth(addr: std::net::SocketAddr, auth: Option<&str>, date: bool) -> Reply {
    let alice = arn("user/alice");
    let mut headers = vec![("x-amz-chime-bearer", alice.as_str())];
    if let Some(auth) = auth {
        headers.push(("Authorization", auth));
    }
    if date {
        headers.push(("X-Amz-Date", "20250101T000000Z"));
    }
    http::request(addr, "GET", &prefs_path(&support(), &alice), &headers).await
}

#[tokio::test]
async fn missing_authorization_is_missing_authentication_token() {
    let server = start().await;
    let reply = with_auth(server.addr(), None, true).await;
    let message = assert_error(
        &reply,
        403,
        "MissingAuthenticationTokenException",
        "MissingAuthenticationToken",
    );
    assert_eq!(message, "Missing Authentication Token");
    assert_eq!(reply.json()["message"], "Missing Authentication Token");
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_authorization_is_incomplete_signature() {
    let server = start().await;
    let addr = server.addr();
    let good = auth_for("AKIDEMOCHIMEPREFS00");
    let malformed = [
        "Bearer abc".to_string(),
        "AWS4-HMAC-SHA256".to_string(),
        "AWS4-HMAC-SHA256Credential=x".to_string(),
        good.replace("Credential=", "Cred="),
        good.replace(", Signature=", ", Sig="),
        good.replace("SignedHeaders=host;", "SignedHeaders="),
        good.replace(SIGNATURE, "xyz"),
        good.replace("/20250101/", "/2025-01-01/"),
        good.replace("/aws4_request", "/aws5_request"),
        good.replace("/us-east-1/", "//"),
        good.replace("AKIDEMOCHIMEPREFS00", "AKID+BAD"),
        good.replace("AKIDEMOCHIMEPREFS00/", ""),
    ];
    for auth in &malformed {
        let reply = with_auth(addr, Some(auth), true).await;
        assert_error(
            &reply,
            403,
            "IncompleteSignatureException",
            "IncompleteSignature",
        );
    }
    let no_date = with_auth(addr, Some(&good), false).await;
    let message = assert_error(
        &no_date,
        403,
        "IncompleteSignatureException",
        "IncompleteSignature",
    );
    assert!(message.contains("X-Amz-Date"), "{message}");
    let wrong_service = good.replace("/chime/", "/messaging-chime/");
    let reply = with_auth(addr, Some(&wrong_service), true).await;
    let message = assert_error(&reply, 403, "InvalidSignatureException", "InvalidSignature");
    assert!(message.contains("'chime'"), "{message}");
    assert_eq!(with_auth(addr, Some(&good), true).await.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn credential_faults_follow_the_access_key_id() {
    let server = start().await;
    let addr = server.addr();
    let reply = with_auth(addr, Some(&auth_for("EXPIREDKEY0001")), true).await;
    let message = assert_error(&reply, 403, "ExpiredTokenException", "ExpiredToken");
    assert_eq!(
        message,
        "The security token included in the request is expired"
    );
    let reply = with_auth(addr, Some(&auth_for("INVALIDKEY0001")), true).await;
    let message = assert_error(
        &reply,
        403,
        "UnrecognizedClientException",
        "UnrecognizedClient",
    );
    assert_eq!(
        message,
        "The security token included in the request is invalid."
    );
    // Any other well-formed key works, whatever the signature.
    let other = auth_for("AKIAANYTHING").replace(SIGNATURE, &"f".repeat(64));
    assert_eq!(with_auth(addr, Some(&other), true).await.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn missing_bearer_is_a_bad_request() {
    let server = start().await;
    let auth = auth_for("AKIDEMOCHIMEPREFS00");
    let path = prefs_path(&support(), &arn("user/alice"));
    let headers = [
        ("Authorization", auth.as_str()),
        ("X-Amz-Date", "20250101T000000Z"),
    ];
    let reply = http::request(server.addr(), "GET", &path, &headers).await;
    let message = assert_error(&reply, 400, "BadRequestException", "BadRequest");
    assert_eq!(message, "x-amz-chime-bearer header is required");
    let list = super::list_path(&support(), "");
    let reply = http::request(server.addr(), "GET", &list, &headers).await;
    assert_error(&reply, 400, "BadRequestException", "BadRequest");
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_routes_are_404_with_json_and_request_id() {
    let server = start().await;
    let addr = server.addr();
    for path in [
        "/",
        "/channels",
        "/channels/x/memberships/",
        "/nope?x=1",
        "/channels/a/b/c/d/e/f",
    ] {
        for method in ["GET", "POST", "DELETE"] {
            let reply = http::request(addr, method, path, &[]).await;
            assert_error(&reply, 404, "UnknownOperationException", "NotFound");
        }
    }
    server.shutdown().await;
}

#[tokio::test]
async fn mutating_methods_are_405_read_only() {
    let server = start().await;
    let addr = server.addr();
    let prefs = prefs_path(&support(), &arn("user/alice"));
    let list = super::list_path(&support(), "");
    for (method, path) in [
        ("PUT", &prefs),
        ("DELETE", &prefs),
        ("POST", &list),
        ("HEAD", &list),
    ] {
        let reply = http::request(addr, method, path, &[("Content-Length", "0")]).await;
        assert_eq!(reply.status, 405, "{method} {path}");
        assert_eq!(reply.error_type(), Some("MethodNotAllowedException"));
        assert_eq!(reply.header("allow"), Some("GET"));
        reply.request_id();
        if method != "HEAD" {
            let message = reply.json()["Message"]
                .as_str()
                .expect("Message")
                .to_string();
            assert!(message.contains("read-only"), "{message}");
        }
    }
    server.shutdown().await;
}

#[tokio::test]
async fn request_ids_are_fresh_on_every_answer() {
    let server = start().await;
    let addr = server.addr();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..5 {
        ids.insert(super::own_prefs(addr, "user/alice").await.request_id());
        ids.insert(http::request(addr, "GET", "/", &[]).await.request_id());
        ids.insert(with_auth(addr, None, true).await.request_id());
    }
    assert_eq!(ids.len(), 15);
    server.shutdown().await;
}
