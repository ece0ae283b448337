//! Tests of the demo service over real HTTP on loopback, with a raw client.

mod dataset_tests;
mod describe;
mod front_door;
mod http;
mod identity;
mod listing;
mod paths;
mod preferences;
mod routing;
mod server;
mod setup;
mod stories;
mod user_channels;

use std::net::SocketAddr;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{APP_INSTANCE_ARN, DemoOptions, DemoServer};
use http::Reply;

/// What the AWS SDKs escape in a path label: everything but unreserved characters.
const LABEL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub(crate) const SIGNATURE: &str =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

pub(crate) fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

pub(crate) fn support() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

pub(crate) fn town_hall() -> String {
    format!("{APP_INSTANCE_ARN}/channel/town-hall")
}

/// One ARN as one path segment (`:` → `%3A`, `/` → `%2F`).
pub(crate) fn enc(arn: &str) -> String {
    utf8_percent_encode(arn, LABEL).to_string()
}

pub(crate) fn prefs_path(channel_arn: &str, member_arn: &str) -> String {
    format!(
        "/channels/{}/memberships/{}/preferences",
        enc(channel_arn),
        enc(member_arn)
    )
}

pub(crate) fn list_path(channel_arn: &str, query: &str) -> String {
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("/channels/{}/memberships{query}", enc(channel_arn))
}

/// A SigV4-shaped Authorization header for access key ID `key`.
pub(crate) fn auth_for(key: &str) -> String {
    auth_scoped(key, "chime")
}

/// The same, scoped to signing name `service` (`mobiletargeting`, `iam`).
pub(crate) fn auth_scoped(key: &str, service: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential={key}/20250101/us-east-1/{service}/aws4_request, \
         SignedHeaders=host;x-amz-chime-bearer;x-amz-date, Signature={SIGNATURE}"
    )
}

/// GET `path` signed with the demo key, as `bearer`.
pub(crate) async fn get_as(addr: SocketAddr, path: &str, bearer: &str) -> Reply {
    let auth = auth_for("AKIDEMOCHIMEPREFS00");
    http::request(
        addr,
        "GET",
        path,
        &[
            ("Authorization", &auth),
            ("X-Amz-Date", "20250101T000000Z"),
            ("x-amz-chime-bearer", bearer),
        ],
    )
    .await
}

/// GET `path` signed with the demo key, without a bearer (identity calls).
pub(crate) async fn get_signed(addr: SocketAddr, path: &str) -> Reply {
    let auth = auth_for("AKIDEMOCHIMEPREFS00");
    http::request(
        addr,
        "GET",
        path,
        &[("Authorization", &auth), ("X-Amz-Date", "20250101T000000Z")],
    )
    .await
}

pub(crate) fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

/// `/channels/{c}/<what>/{m}`: `memberships`, `bans` or `messages`.
pub(crate) fn channel_path(channel_arn: &str, what: &str, item: &str) -> String {
    format!("/channels/{}/{what}/{}", enc(channel_arn), enc(item))
}

/// ListChannelMembershipsForAppInstanceUser with extra query `query`.
pub(crate) fn user_channels_path(query: &str) -> String {
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("&{query}")
    };
    format!("/channels?scope=app-instance-user-memberships{query}")
}

/// `/app-instance-users/{user}/endpoints[/{id}][?query]`.
pub(crate) fn endpoints_path(user_arn: &str, id: Option<&str>, query: &str) -> String {
    let mut path = format!("/app-instance-users/{}/endpoints", enc(user_arn));
    if let Some(id) = id {
        path.push('/');
        path.push_str(&enc(id));
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(query);
    }
    path
}

/// The preferences of support member `id`, asked by the member itself.
pub(crate) async fn own_prefs(addr: SocketAddr, id: &str) -> Reply {
    let member = arn(id);
    get_as(addr, &prefs_path(&support(), &member), &member).await
}

pub(crate) async fn start() -> DemoServer {
    start_with(DemoOptions::default()).await
}

pub(crate) async fn start_with(opts: DemoOptions) -> DemoServer {
    DemoServer::start(opts).await.expect("demo server starts")
}

/// Asserts an error answer: status, `x-amzn-ErrorType`, body `Code`, JSON
/// content type and a request id. Returns the body's `Message`.
pub(crate) fn assert_error(reply: &Reply, status: u16, error_type: &str, code: &str) -> String {
    assert_eq!(reply.status, status, "body: {}", reply.text());
    assert_eq!(reply.error_type(), Some(error_type));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(body["Code"], code, "body: {body}");
    reply.request_id();
    body["Message"].as_str().expect("Message").to_string()
}
