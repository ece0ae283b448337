//! chime-sdk-identity: ListAppInstanceUserEndpoints (paging) and
//! DescribeAppInstanceUserEndpoint (tokens, ResourceArn), IAM denial, 404s.

use serde_json::{Value, json};

use super::super::{DemoOptions, TOKEN_MARKER};
use super::{arn, assert_error, endpoints_path, get_signed, start, start_with};

const APP: &str = super::super::APP_INSTANCE_ARN;

/// Walks every page; returns the endpoint IDs and the page sizes.
async fn walk(addr: std::net::SocketAddr, user: &str, max: usize) -> (Vec<String>, Vec<usize>) {
    let (mut ids, mut sizes, mut token) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let mut query = format!("max-results={max}");
        if let Some(t) = &token {
            query.push_str(&format!("&next-token={t}"));
        }
        let reply = get_signed(addr, &endpoints_path(user, None, &query)).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.request_id();
        let body = reply.json();
        let page = body["AppInstanceUserEndpoints"].as_array().expect("list");
        sizes.push(page.len());
        for e in page {
            assert_eq!(e["AppInstanceUserArn"], user);
            ids.push(e["EndpointId"].as_str().expect("id").to_string());
        }
        match body.get("NextToken") {
            Some(t) => token = Some(t.as_str().expect("token").to_string()),
            None => return (ids, sizes),
        }
        assert!(sizes.len() < 200, "paging does not end");
    }
}

#[tokio::test]
async fn endpoint_summaries_have_the_model_fields_and_no_secrets() {
    let server = start().await;
    let addr = server.addr();
    let reply = get_signed(addr, &endpoints_path(&arn("user/alice"), None, "")).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(
        body,
        json!({"AppInstanceUserEndpoints": [
            {"AppInstanceUserArn": arn("user/alice"), "EndpointId": "alice-iphone",
             "Name": "Alice's iPhone", "Type": "APNS", "AllowMessages": "ALL",
             "EndpointState": {"Status": "ACTIVE"}},
            {"AppInstanceUserArn": arn("user/alice"), "EndpointId": "alice-android",
             "Name": "Alice's Pixel", "Type": "GCM", "AllowMessages": "ALL",
             "EndpointState": {"Status": "ACTIVE"}}
        ]})
    );
    assert!(
        !reply.text().contains(TOKEN_MARKER),
        "summaries carry no token"
    );
    let ines = get_signed(addr, &endpoints_path(&arn("user/ines"), None, ""))
        .await
        .json();
    assert_eq!(
        ines["AppInstanceUserEndpoints"][0]["EndpointState"],
        json!({"Status": "INACTIVE", "StatusReason": "INVALID_DEVICE_TOKEN"})
    );
    let mona = get_signed(addr, &endpoints_path(&arn("user/mona"), None, ""))
        .await
        .json();
    assert_eq!(mona["AppInstanceUserEndpoints"][0]["AllowMessages"], "NONE");
    let sandy = get_signed(addr, &endpoints_path(&arn("user/sandy"), None, ""))
        .await
        .json();
    assert_eq!(sandy["AppInstanceUserEndpoints"][0]["Type"], "APNS_SANDBOX");
    let nico = get_signed(addr, &endpoints_path(&arn("user/nico"), None, ""))
        .await
        .json();
    assert_eq!(nico, json!({"AppInstanceUserEndpoints": []}));
    server.shutdown().await;
}

#[tokio::test]
async fn describing_an_endpoint_gives_its_pinpoint_app_tokens_and_times() {
    let server = start().await;
    let addr = server.addr();
    let path = endpoints_path(&arn("user/alice"), Some("alice-iphone"), "");
    let reply = get_signed(addr, &path).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let endpoint = &reply.json()["AppInstanceUserEndpoint"];
    assert_eq!(endpoint["EndpointId"], "alice-iphone");
    assert_eq!(endpoint["Type"], "APNS");
    assert_eq!(
        endpoint["ResourceArn"],
        "arn:aws:mobiletargeting:us-east-1:111122223333:apps/5f8e2a9c41d74b0e9a3c6d1f2b7e8a90"
    );
    let tokens = &endpoint["EndpointAttributes"];
    for key in ["DeviceToken", "VoipDeviceToken"] {
        let token = tokens[key].as_str().expect("a fake token is present");
        assert!(token.starts_with(TOKEN_MARKER), "{token}");
    }
    for key in ["CreatedTimestamp", "LastUpdatedTimestamp"] {
        let at = endpoint[key]
            .as_f64()
            .expect("epoch seconds as a JSON number");
        assert!((1.7e9..2.0e9).contains(&at), "{key}: {at}");
    }
    assert_eq!(endpoint["EndpointState"], json!({"Status": "ACTIVE"}));
    let android = get_signed(
        addr,
        &endpoints_path(&arn("user/alice"), Some("alice-android"), ""),
    )
    .await
    .json();
    let attributes = &android["AppInstanceUserEndpoint"]["EndpointAttributes"];
    assert!(attributes.get("VoipDeviceToken").is_none());
    assert!(attributes["DeviceToken"].is_string());
    let rhea = get_signed(
        addr,
        &endpoints_path(&arn("user/rhea"), Some("rhea-android"), ""),
    )
    .await
    .json();
    let resource = rhea["AppInstanceUserEndpoint"]["ResourceArn"]
        .as_str()
        .expect("ResourceArn");
    assert!(
        resource.starts_with("arn:aws:mobiletargeting:eu-west-1:"),
        "{resource}"
    );
    let hostile = get_signed(
        addr,
        &endpoints_path(&arn("user/hostile"), Some("hostile-phone"), ""),
    )
    .await
    .json();
    let name = hostile["AppInstanceUserEndpoint"]["Name"]
        .as_str()
        .expect("Name");
    assert!(
        name.contains('\u{1b}') && name.contains('\u{202e}'),
        "{name:?}"
    );
    server.shutdown().await;
}

/// A dataset whose user `many` has 120 endpoints.
fn many_endpoints() -> String {
    let endpoints: Vec<Value> = (1..=120)
        .map(|n| json!({"id": format!("e{n:03}"), "name": format!("Device {n}"), "type": "GCM"}))
        .collect();
    json!({
        "app_instance_arn": APP,
        "endpoints": {"user/many": endpoints, "user/few": [{"id": "only", "name": "one", "type": "APNS"}]},
        "channels": []
    })
    .to_string()
}

#[tokio::test]
async fn endpoint_pages_cover_every_endpoint_once() {
    let server = start_with(DemoOptions {
        data: Some(many_endpoints()),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let many = arn("user/many");
    let (ids, sizes) = walk(addr, &many, 50).await;
    assert_eq!(sizes, [50, 50, 20]);
    let expected: Vec<String> = (1..=120).map(|n| format!("e{n:03}")).collect();
    assert_eq!(ids, expected);
    let (_, sizes) = walk(addr, &many, 40).await;
    assert_eq!(sizes, [40, 40, 40], "an exact last page has no NextToken");
    let (ids, sizes) = walk(addr, &arn("user/few"), 1).await;
    assert_eq!((ids, sizes), (vec!["only".to_string()], vec![1]));
    // A token is only good for the list it came from.
    let first = get_signed(addr, &endpoints_path(&many, None, "max-results=1"))
        .await
        .json();
    let token = first["NextToken"].as_str().expect("token").to_string();
    let elsewhere = endpoints_path(&arn("user/few"), None, &format!("next-token={token}"));
    assert_error(
        &get_signed(addr, &elsewhere).await,
        400,
        "BadRequestException",
        "BadRequest",
    );
    for query in [
        "max-results=0",
        "max-results=51",
        "max-results=x",
        "next-token=zz!",
    ] {
        let reply = get_signed(addr, &endpoints_path(&many, None, query)).await;
        assert_error(&reply, 400, "BadRequestException", "BadRequest");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn iam_denies_identity_calls_on_a_denied_user() {
    let server = start().await;
    let addr = server.addr();
    let ivy = arn("user/ivy");
    for (path, action) in [
        (
            endpoints_path(&ivy, None, ""),
            "chime:ListAppInstanceUserEndpoints",
        ),
        (
            endpoints_path(&ivy, Some("ivy-iphone"), ""),
            "chime:DescribeAppInstanceUserEndpoint",
        ),
        (
            endpoints_path(&ivy, None, "max-results=999"),
            "chime:ListAppInstanceUserEndpoints",
        ),
    ] {
        let reply = get_signed(addr, &path).await;
        assert_eq!(reply.status, 403, "{}", reply.text());
        assert_eq!(
            reply.error_type(),
            Some(
                "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/"
            )
        );
        let body = reply.json();
        let expected = format!(
            "User: arn:aws:iam::111122223333:user/demo is not authorized to perform: \
             {action} on resource: {ivy}"
        );
        assert_eq!(body["Message"], expected);
        assert_eq!(body["message"], expected);
        assert_eq!(body["Code"], "AccessDenied");
        reply.request_id();
    }
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_users_endpoints_and_bots_are_404() {
    let server = start().await;
    let addr = server.addr();
    for user in [
        arn("user/ghost"),
        arn("bot/triage"),
        "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice".to_string(),
    ] {
        let reply = get_signed(addr, &endpoints_path(&user, None, "")).await;
        assert_error(&reply, 404, "NotFoundException", "NotFound");
    }
    let reply = get_signed(
        addr,
        &endpoints_path(&arn("user/alice"), Some("bob-iphone"), ""),
    )
    .await;
    let message = assert_error(&reply, 404, "NotFoundException", "NotFound");
    assert!(message.contains("bob-iphone"), "{message}");
    let raw = format!("{}/%ZZ", endpoints_path(&arn("user/alice"), None, ""));
    let reply = get_signed(addr, &raw).await;
    let message = assert_error(&reply, 400, "BadRequestException", "BadRequest");
    assert!(message.contains("EndpointId"), "{message}");
    server.shutdown().await;
}
