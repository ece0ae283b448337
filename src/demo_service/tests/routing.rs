//! The route table: every operation has exactly one route, a GET for Chime
//! and Pinpoint, a form POST to `/` for IAM's query protocol; the query (or
//! form) discriminator picks the operation, and the bearer policy follows
//! the operation (identity, Pinpoint and IAM calls take none).

use super::super::route_match::{Routed, route};
use super::super::route_table::ROUTES;
use super::http;
use super::{arn, assert_error, auth_for, enc, start, support};
use crate::operation::{Operation, Service};

fn found(method: &str, path: &str, query: Option<&str>) -> Option<Operation> {
    match route(method, path, query) {
        Routed::Found(matched) => Some(matched.operation),
        _ => None,
    }
}

#[test]
fn every_operation_has_exactly_one_route_and_nothing_else_is_routed() {
    for operation in Operation::ALL {
        let routes: Vec<_> = ROUTES.iter().filter(|r| r.operation == operation).collect();
        assert_eq!(routes.len(), 1, "{operation}");
        // IAM's query protocol POSTs every action; only read-only ones are
        // routed (the names say so: Get, List, Simulate).
        let method = if operation.service() == Service::Iam {
            "POST"
        } else {
            "GET"
        };
        assert_eq!(
            routes[0].method, method,
            "{operation}: the tool never mutates"
        );
        assert!(
            ["Get", "List", "Describe", "Simulate"]
                .iter()
                .any(|verb| operation.api_name().starts_with(verb)),
            "{operation}"
        );
        if operation.service() == Service::Iam {
            assert_eq!(
                routes[0].discriminator(),
                Some(("Action", operation.api_name())),
                "{operation}"
            );
        }
    }
    assert_eq!(ROUTES.len(), Operation::ALL.len());
    let identity = ROUTES
        .iter()
        .filter(|r| r.path().starts_with("/app-instance-users/"));
    for route in identity {
        assert_eq!(
            route.operation.service(),
            Service::Identity,
            "{}",
            route.uri
        );
        assert!(!route.operation.takes_bearer(), "{}", route.uri);
    }
    let messaging = ROUTES.iter().filter(|r| r.path().starts_with("/channels"));
    for route in messaging {
        assert!(route.operation.takes_bearer(), "{}", route.uri);
    }
    for route in ROUTES.iter().filter(|r| r.path().starts_with("/v1/apps/")) {
        assert_eq!(
            route.operation.service(),
            Service::Pinpoint,
            "{}",
            route.uri
        );
        assert!(!route.operation.takes_bearer(), "{}", route.uri);
    }
}

#[test]
fn pinpoint_paths_and_iam_actions_route_to_their_operation() {
    for (path, operation) in [
        ("/v1/apps/abc", Operation::GetApp),
        ("/v1/apps/abc/channels/apns", Operation::GetApnsChannel),
        (
            "/v1/apps/abc/channels/apns_sandbox",
            Operation::GetApnsSandboxChannel,
        ),
        ("/v1/apps/abc/channels/gcm", Operation::GetGcmChannel),
    ] {
        assert_eq!(found("GET", path, None), Some(operation), "{path}");
        assert_eq!(route("DELETE", path, None), Routed::WrongMethod(operation));
    }
    assert_eq!(found("GET", "/v1/apps/abc/channels/baidu", None), None);
    for operation in Operation::ALL
        .into_iter()
        .filter(|o| o.service() == Service::Iam)
    {
        let form = format!("Action={}&Version=2010-05-08", operation.api_name());
        assert_eq!(found("POST", "/", Some(&form)), Some(operation), "{form}");
    }
    for mutating in [
        "CreateRole",
        "PutRolePolicy",
        "DeleteRole",
        "AttachRolePolicy",
    ] {
        let form = format!("Action={mutating}&Version=2010-05-08");
        assert_eq!(route("POST", "/", Some(&form)), Routed::Unknown, "{form}");
    }
}

#[test]
fn paths_with_labels_match_their_operation() {
    let c = enc(&support());
    let m = enc(&arn("user/alice"));
    let cases = [
        (
            format!("/channels/{c}/memberships/{m}/preferences"),
            None,
            Operation::GetChannelMembershipPreferences,
        ),
        (
            format!("/channels/{c}/memberships"),
            Some("max-results=5&type=HIDDEN"),
            Operation::ListChannelMemberships,
        ),
        (
            format!("/channels/{c}/memberships/{m}"),
            Some("sub-channel-id=x"),
            Operation::DescribeChannelMembership,
        ),
        (
            format!("/channels/{c}/bans/{m}"),
            None,
            Operation::DescribeChannelBan,
        ),
        (
            format!("/channels/{c}/messages/msg-1"),
            None,
            Operation::GetChannelMessage,
        ),
        (
            "/channels".to_string(),
            Some("max-results=2&scope=app-instance-user-memberships&app-instance-user-arn=x"),
            Operation::ListChannelMembershipsForAppInstanceUser,
        ),
        (
            format!("/app-instance-users/{m}/endpoints"),
            Some("max-results=1"),
            Operation::ListAppInstanceUserEndpoints,
        ),
        (
            format!("/app-instance-users/{m}/endpoints/alice-iphone"),
            None,
            Operation::DescribeAppInstanceUserEndpoint,
        ),
    ];
    for (path, query, operation) in &cases {
        assert_eq!(found("GET", path, *query), Some(*operation), "{path}");
        assert_eq!(
            route("PUT", path, *query),
            Routed::WrongMethod(*operation),
            "{path}"
        );
    }
    let Routed::Found(matched) = route("GET", &cases[0].0, None) else {
        panic!("preferences route");
    };
    assert_eq!(matched.label("channelArn").ok(), Some(support()));
    assert_eq!(matched.label("memberArn").ok(), Some(arn("user/alice")));
}

#[test]
fn the_query_discriminator_decides_and_unknown_shapes_are_not_routed() {
    let scoped = |query: &str| found("GET", "/channels", Some(query));
    assert_eq!(
        scoped("scope=app-instance-user-memberships"),
        Some(Operation::ListChannelMembershipsForAppInstanceUser)
    );
    assert_eq!(
        scoped(
            "scope=app-instance-user-memberships"
                .replace('-', "%2D")
                .as_str()
        ),
        Some(Operation::ListChannelMembershipsForAppInstanceUser),
        "escapes decode"
    );
    // ListChannels and ListChannelsModeratedByAppInstanceUser are not served.
    assert_eq!(found("GET", "/channels", None), None);
    assert_eq!(scoped("scope=app-instance-user-moderated-channels"), None);
    assert_eq!(scoped("scopes=app-instance-user-memberships"), None);
    assert_eq!(route("POST", "/channels", None), Routed::Unknown);
    let c = enc(&support());
    for path in [
        format!("/channels/{c}"),
        format!("/channels/{c}/memberships/"),
        format!("/channels/{c}/bans"),
        format!("/channels/{c}/messages"),
        format!("/channels/{c}/moderators/x"),
        "/app-instance-users/x".to_string(),
        "/app-instance-users/x/endpoints/".to_string(),
        "/app-instance-users/x/endpoints/y/z".to_string(),
    ] {
        assert_eq!(found("GET", &path, None), None, "{path}");
    }
}

#[tokio::test]
async fn identity_calls_need_no_bearer_and_messaging_calls_do() {
    let server = start().await;
    let addr = server.addr();
    let auth = auth_for("AKIDEMOCHIMEPREFS00");
    let signed = [
        ("Authorization", auth.as_str()),
        ("X-Amz-Date", "20250101T000000Z"),
    ];
    let alice = enc(&arn("user/alice"));
    let c = enc(&support());
    for path in [
        format!("/app-instance-users/{alice}/endpoints"),
        format!("/app-instance-users/{alice}/endpoints/alice-iphone"),
    ] {
        let reply = http::request(addr, "GET", &path, &signed).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text());
    }
    for path in [
        format!("/channels/{c}/memberships/{alice}"),
        format!("/channels/{c}/bans/{alice}"),
        format!("/channels/{c}/messages/msg-mention-carol"),
        "/channels?scope=app-instance-user-memberships".to_string(),
    ] {
        let reply = http::request(addr, "GET", &path, &signed).await;
        let message = assert_error(&reply, 400, "BadRequestException", "BadRequest");
        assert_eq!(message, "x-amz-chime-bearer header is required", "{path}");
    }
    // The SigV4 front door applies to identity calls too.
    let path = format!("/app-instance-users/{alice}/endpoints");
    let reply = http::request(addr, "GET", &path, &[]).await;
    assert_error(
        &reply,
        403,
        "MissingAuthenticationTokenException",
        "MissingAuthenticationToken",
    );
    server.shutdown().await;
}

#[tokio::test]
async fn other_methods_on_new_routes_are_405_and_unknown_paths_404() {
    let server = start().await;
    let addr = server.addr();
    let alice = enc(&arn("user/alice"));
    let c = enc(&support());
    for (method, path) in [
        ("DELETE", format!("/channels/{c}/bans/{alice}")),
        ("POST", format!("/channels/{c}/bans/{alice}")),
        ("PUT", format!("/channels/{c}/memberships/{alice}")),
        (
            "DELETE",
            format!("/channels/{c}/messages/msg-mention-carol"),
        ),
        (
            "POST",
            "/channels?scope=app-instance-user-memberships".into(),
        ),
        (
            "PUT",
            format!("/app-instance-users/{alice}/endpoints/alice-iphone"),
        ),
        ("POST", format!("/app-instance-users/{alice}/endpoints")),
    ] {
        let reply = http::request(addr, method, &path, &[("Content-Length", "0")]).await;
        let message = assert_error(&reply, 405, "MethodNotAllowedException", "MethodNotAllowed");
        assert!(message.contains("read-only"), "{message}");
        assert_eq!(reply.header("allow"), Some("GET"));
    }
    let reply = http::request(addr, "GET", &format!("/channels/{c}"), &[]).await;
    let message = assert_error(&reply, 404, "UnknownOperationException", "NotFound");
    assert!(
        message.contains("GET /app-instance-users/{appInstanceUserArn}/endpoints")
            && message.contains("GET /channels?scope=app-instance-user-memberships"),
        "the message lists what is served: {message}"
    );
    server.shutdown().await;
}
