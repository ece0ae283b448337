//! ListChannelMemberships: paging, hidden members, tokens, permissions.

use serde_json::{Value, json};

use super::super::DemoOptions;
use super::{arn, assert_error, get_as, list_path, start, start_with, support, town_hall};

const APP: &str = super::super::APP_INSTANCE_ARN;

/// A dataset whose `big` channel has 120 members; every 10th is hidden;
/// m001 and m010 moderate it.
fn big_dataset() -> String {
    let members: Vec<Value> = (1..=120)
        .map(|n| {
            json!({"id": format!("user/m{n:03}"), "name": format!("Member {n}"),
                        "allow": "ALL", "hidden": n % 10 == 0})
        })
        .collect();
    json!({
        "app_instance_arn": APP,
        "admins": ["user/boss"],
        "users": ["user/stranger"],
        "channels": [
            {"id": "big", "members": members, "moderators": ["user/m001", "user/m010"]},
            {"id": "other", "members": []}
        ]
    })
    .to_string()
}

fn big() -> String {
    format!("{APP}/channel/big")
}

/// Walks every page; returns the member ARNs and the page sizes.
async fn walk(
    addr: std::net::SocketAddr,
    channel: &str,
    bearer: &str,
    query: &str,
) -> (Vec<String>, Vec<usize>) {
    let (mut arns, mut sizes, mut token) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let mut q = query.to_string();
        if let Some(t) = &token {
            q.push_str(&format!("&next-token={t}"));
        }
        let reply = get_as(addr, &list_path(channel, q.trim_start_matches('&')), bearer).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.request_id();
        let body = reply.json();
        assert_eq!(body["ChannelArn"], channel);
        let page = body["ChannelMemberships"].as_array().expect("list");
        sizes.push(page.len());
        arns.extend(
            page.iter()
                .map(|m| m["Member"]["Arn"].as_str().expect("Arn").to_string()),
        );
        match body.get("NextToken") {
            Some(t) => token = Some(t.as_str().expect("token").to_string()),
            None => return (arns, sizes),
        }
        assert!(sizes.len() < 500, "paging does not end");
    }
}

#[tokio::test]
async fn pages_cover_every_visible_member_once_and_the_last_has_no_token() {
    let server = start_with(DemoOptions {
        data: Some(big_dataset()),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let bearer = arn("user/m001");
    let (arns, sizes) = walk(addr, &big(), &bearer, "max-results=50").await;
    assert_eq!(sizes, [50, 50, 8]);
    let expected: Vec<String> = (1..=120)
        .filter(|n| n % 10 != 0)
        .map(|n| arn(&format!("user/m{n:03}")))
        .collect();
    assert_eq!(arns, expected);
    let (_, sizes) = walk(addr, &big(), &bearer, "").await;
    assert_eq!(sizes, [50, 50, 8], "default max-results is 50");
    let (_, sizes) = walk(addr, &big(), &bearer, "max-results=36").await;
    assert_eq!(sizes, [36, 36, 36], "an exact last page has no NextToken");
    let first = get_as(addr, &list_path(&big(), "max-results=2"), &bearer)
        .await
        .json();
    assert_eq!(
        first["ChannelMemberships"][0]["Member"],
        json!({"Arn": arn("user/m001"), "Name": "Member 1"})
    );
    server.shutdown().await;
}

#[tokio::test]
async fn hidden_members_are_listed_only_with_type_hidden() {
    let server = start_with(DemoOptions {
        data: Some(big_dataset()),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let bearer = arn("user/m010");
    let (hidden, sizes) = walk(addr, &big(), &bearer, "type=HIDDEN&max-results=5").await;
    assert_eq!(sizes, [5, 5, 2]);
    let expected: Vec<String> = (1..=12)
        .map(|n| arn(&format!("user/m{:03}", n * 10)))
        .collect();
    assert_eq!(hidden, expected);
    let (default, _) = walk(addr, &big(), &bearer, "type=DEFAULT").await;
    assert_eq!(default.len(), 108);
    server.shutdown().await;
    let embedded = start().await;
    let alice = arn("user/alice");
    let triage = arn("bot/triage");
    let (support_hidden, _) = walk(embedded.addr(), &support(), &triage, "type=HIDDEN").await;
    assert_eq!(support_hidden, [arn("user/hidden")]);
    let (support_all, _) = walk(embedded.addr(), &support(), &alice, "").await;
    assert_eq!(support_all.len(), 19);
    assert!(!support_all.contains(&arn("user/hidden")));
    // A ban ends the membership: mallory, banned, is not listed.
    assert!(!support_all.contains(&arn("user/mallory")));
    assert_eq!(support_all[0], alice);
    embedded.shutdown().await;
}

#[tokio::test]
async fn bad_tokens_and_parameters_are_bad_requests() {
    let server = start_with(DemoOptions {
        data: Some(big_dataset()),
        ..DemoOptions::default()
    })
    .await;
    let addr = server.addr();
    let bearer = arn("user/m001");
    let page = get_as(addr, &list_path(&big(), "max-results=10"), &bearer)
        .await
        .json();
    let token = page["NextToken"].as_str().expect("token").to_string();
    let other_kind = format!("type=HIDDEN&next-token={token}");
    let other_channel = get_as(
        addr,
        &list_path(
            &format!("{APP}/channel/other"),
            &format!("next-token={token}"),
        ),
        &arn("user/boss"),
    )
    .await;
    assert_error(&other_channel, 400, "BadRequestException", "BadRequest");
    let far = base64_json(&json!({"c": "big", "t": "DEFAULT", "o": 100_000}));
    let extra = base64_json(&json!({"c": "big", "t": "DEFAULT", "o": 1, "x": 1}));
    for query in [
        "next-token=garbage!".to_string(),
        "next-token=".to_string(),
        format!("next-token={}", "A".repeat(3000)),
        other_kind,
        format!("next-token={far}"),
        format!("next-token={extra}"),
        "max-results=0".into(),
        "max-results=51".into(),
        "max-results=-1".into(),
        "max-results=ten".into(),
        "type=ALL".into(),
        "type=hidden".into(),
        "max-results=%ZZ".into(),
    ] {
        let reply = get_as(addr, &list_path(&big(), &query), &bearer).await;
        assert_error(&reply, 400, "BadRequestException", "BadRequest");
    }
    let ok = get_as(
        addr,
        &list_path(&big(), &format!("next-token={token}&max-results=1")),
        &bearer,
    )
    .await;
    assert_eq!(
        ok.json()["ChannelMemberships"][0]["Member"]["Arn"],
        arn("user/m012"),
        "m010 is hidden"
    );
    server.shutdown().await;
}

fn base64_json(value: &Value) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

#[tokio::test]
async fn members_and_admins_may_list_others_may_not() {
    let server = start().await;
    let addr = server.addr();
    let ok = |bearer: &'static str, channel: String| async move {
        get_as(addr, &list_path(&channel, "max-results=1"), &arn(bearer)).await
    };
    assert_eq!(ok("user/bob", support()).await.status, 200);
    assert_eq!(ok("user/hidden", support()).await.status, 200);
    assert_eq!(ok("user/admin", support()).await.status, 200);
    assert_eq!(ok("user/admin", town_hall()).await.status, 200);
    assert_eq!(ok("user/th-00042", town_hall()).await.status, 200);
    for (bearer, channel) in [
        ("user/outsider", support()),
        ("user/alice", town_hall()),
        ("user/mallory", support()),
    ] {
        assert_error(
            &ok(bearer, channel).await,
            403,
            "ForbiddenException",
            "Forbidden",
        );
    }
    assert_error(
        &ok("user/ghost", support()).await,
        401,
        "UnauthorizedClientException",
        "Unauthorized",
    );
    let nowhere = format!("{APP}/channel/nowhere");
    assert_error(
        &ok("user/admin", nowhere).await,
        400,
        "BadRequestException",
        "NotFound",
    );
    server.shutdown().await;
}

#[tokio::test]
async fn town_hall_lists_ten_thousand_generated_members() {
    let server = start().await;
    let addr = server.addr();
    let admin = arn("user/admin");
    let (default, sizes) = walk(addr, &town_hall(), &admin, "max-results=50").await;
    assert_eq!(default.len(), 9_980);
    assert_eq!(sizes.len(), 200);
    assert_eq!(default[0], arn("user/th-00001"));
    assert_eq!(default.last(), Some(&arn("user/th-09999")));
    let (hidden, _) = walk(addr, &town_hall(), &admin, "type=HIDDEN").await;
    assert_eq!(hidden.len(), 20);
    assert_eq!(hidden[0], arn("user/th-00500"));
    server.shutdown().await;
}

#[tokio::test]
async fn only_moderators_and_admins_may_list_hidden_members() {
    let server = start().await;
    let addr = server.addr();
    let hidden = |bearer: &'static str, channel: String| async move {
        get_as(addr, &list_path(&channel, "type=HIDDEN"), &arn(bearer)).await
    };
    for (bearer, channel) in [
        ("user/admin", support()),
        ("bot/triage", support()),
        ("user/admin", town_hall()),
        ("user/th-00001", town_hall()),
    ] {
        let reply = hidden(bearer, channel).await;
        assert_eq!(reply.status, 200, "{bearer}: {}", reply.text());
        assert!(
            !reply.json()["ChannelMemberships"]
                .as_array()
                .expect("list")
                .is_empty()
        );
    }
    // Members, even hidden ones, list DEFAULT members only.
    for (bearer, channel) in [
        ("user/alice", support()),
        ("user/hidden", support()),
        ("user/th-00002", town_hall()),
        ("user/th-00500", town_hall()),
    ] {
        let message = assert_error(
            &hidden(bearer, channel.clone()).await,
            403,
            "ForbiddenException",
            "Forbidden",
        );
        assert!(message.contains("HIDDEN"), "{message}");
        let default = get_as(addr, &list_path(&channel, "type=DEFAULT"), &arn(bearer)).await;
        assert_eq!(default.status, 200, "{bearer}");
    }
    server.shutdown().await;
}
