//! ARNs in the path: one percent-encoded segment each, decoded strictly.

use super::http;
use super::{arn, assert_error, enc, get_as, own_prefs, prefs_path, start, support};

#[tokio::test]
async fn arns_are_single_percent_encoded_segments() {
    let server = start().await;
    let addr = server.addr();
    let alice = arn("user/alice");
    // Lowercase escapes, and ':' left unescaped, decode the same.
    let lower = prefs_path(&support(), &alice)
        .replace("%3A", "%3a")
        .replace("%2F", "%2f");
    assert_eq!(get_as(addr, &lower, &alice).await.status, 200);
    let colons = prefs_path(&support(), &alice).replace("%3A", ":");
    assert_eq!(get_as(addr, &colons, &alice).await.status, 200);
    // A raw '/' inside an ARN splits it into several segments: not a route.
    let split = format!(
        "/channels/{}/memberships/{alice}/preferences",
        enc(&support())
    );
    let reply = get_as(addr, &split, &alice).await;
    assert_error(&reply, 404, "UnknownOperationException", "NotFound");
    // %2F is part of the segment, never a separator.
    let swapped = format!(
        "/channels/{}%2Fmemberships%2F{}/preferences",
        enc(&support()),
        enc(&alice)
    );
    assert_eq!(get_as(addr, &swapped, &alice).await.status, 404);
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_segments_are_bad_requests() {
    let server = start().await;
    let addr = server.addr();
    let alice = arn("user/alice");
    let member = enc(&alice);
    for channel in ["%ZZ", "abc%", "%E2%28%A1", "%FF%FE", "%00%C0"] {
        let path = format!("/channels/{channel}/memberships/{member}/preferences");
        let message = assert_error(
            &get_as(addr, &path, &alice).await,
            400,
            "BadRequestException",
            "BadRequest",
        );
        assert!(message.contains("ChannelArn"), "{message}");
    }
    let empty = format!("/channels//memberships/{member}/preferences");
    assert_error(
        &get_as(addr, &empty, &alice).await,
        400,
        "BadRequestException",
        "BadRequest",
    );
    // The decoded text is never echoed when it is not printable.
    let control = format!("/channels/%1B%5B2J/memberships/{member}/preferences");
    let message = assert_error(
        &get_as(addr, &control, &alice).await,
        400,
        "BadRequestException",
        "NotFound",
    );
    assert!(!message.contains('\u{1b}'), "{message:?}");
    let huge = format!(
        "/channels/{}/memberships/{member}/preferences",
        "a".repeat(20_000)
    );
    assert_error(
        &get_as(addr, &huge, &alice).await,
        400,
        "BadRequestException",
        "BadRequest",
    );
    // Raw non-UTF-8 bytes in the request target: the server must survive.
    let mut bytes = http::request_bytes(addr, "GET", "/channels/X/memberships", &[]);
    bytes.splice(14..15, [0xff, 0xfe]);
    let reply = http::raw(addr, &bytes).await;
    assert!((400..500).contains(&reply.status), "{}", reply.status);
    assert_eq!(own_prefs(addr, "user/alice").await.status, 200);
    server.shutdown().await;
}
