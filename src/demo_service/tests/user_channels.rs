//! ListChannelMembershipsForAppInstanceUser: paging, the summaries, the
//! owner/admin rule and parameter validation.

use serde_json::{Value, json};

use super::super::BUSY_MEMBER_ARN;
use super::{arn, assert_error, channel, get_as, start, support, user_channels_path};

/// Walks every page as `bearer`; returns the items and the page sizes.
async fn walk(addr: std::net::SocketAddr, bearer: &str, query: &str) -> (Vec<Value>, Vec<usize>) {
    let (mut items, mut sizes, mut token) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let mut q = query.to_string();
        if let Some(t) = &token {
            q.push_str(&format!("&next-token={t}"));
        }
        let reply = get_as(addr, &user_channels_path(q.trim_start_matches('&')), bearer).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.request_id();
        let body = reply.json();
        let page = body["ChannelMemberships"].as_array().expect("list");
        sizes.push(page.len());
        items.extend(page.iter().cloned());
        match body.get("NextToken") {
            Some(t) => token = Some(t.as_str().expect("token").to_string()),
            None => return (items, sizes),
        }
        assert!(sizes.len() < 100, "paging does not end");
    }
}

fn arns(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            i["ChannelSummary"]["ChannelArn"]
                .as_str()
                .expect("ChannelArn")
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn the_busy_member_lists_300_channels_across_pages() {
    let server = start().await;
    let addr = server.addr();
    let (items, sizes) = walk(addr, BUSY_MEMBER_ARN, "max-results=50").await;
    assert_eq!(sizes, [50; 6]);
    let expected: Vec<String> = (1..=300)
        .map(|n| channel(&format!("project-{n:03}")))
        .collect();
    assert_eq!(arns(&items), expected);
    let (items, sizes) = walk(addr, BUSY_MEMBER_ARN, "max-results=7").await;
    assert_eq!(sizes.len(), 43);
    assert_eq!(sizes.last(), Some(&6));
    assert_eq!(arns(&items), expected, "the same channels at any page size");
    let (_, sizes) = walk(addr, BUSY_MEMBER_ARN, "").await;
    assert_eq!(sizes, [50; 6], "50 a page by default");
    let hidden: Vec<&str> = items
        .iter()
        .filter(|i| i["AppInstanceUserMembershipSummary"]["Type"] == "HIDDEN")
        .map(|i| i["ChannelSummary"]["Name"].as_str().expect("Name"))
        .collect();
    assert_eq!(hidden, ["Project 100", "Project 200", "Project 300"]);
    // Her preferences on every one of them are hers to read.
    for n in [1, 3, 6, 7, 300] {
        let path = super::prefs_path(&channel(&format!("project-{n:03}")), BUSY_MEMBER_ARN);
        let reply = get_as(addr, &path, BUSY_MEMBER_ARN).await;
        assert_eq!(reply.status, 200, "project-{n:03}: {}", reply.text());
    }
    server.shutdown().await;
}

#[tokio::test]
async fn summaries_carry_the_channel_and_the_membership() {
    let server = start().await;
    let addr = server.addr();
    let alice = arn("user/alice");
    let (items, sizes) = walk(addr, &alice, "").await;
    assert_eq!(sizes, [5]);
    let names: Vec<&str> = items
        .iter()
        .map(|i| i["ChannelSummary"]["Name"].as_str().expect("Name"))
        .collect();
    assert_eq!(
        names,
        [
            "Support",
            "Mobile beta",
            "Random",
            "Design reviews",
            "Announcements"
        ]
    );
    let support_item = &items[0];
    assert_eq!(
        support_item["ChannelSummary"],
        json!({
            "Name": "Support",
            "ChannelArn": support(),
            "Mode": "RESTRICTED",
            "Privacy": "PRIVATE",
            "Metadata": "{\"team\":\"customer-support\"}",
            "LastMessageTimestamp": 1736942400.0
        })
    );
    assert_eq!(
        support_item["AppInstanceUserMembershipSummary"],
        json!({"Type": "DEFAULT", "ReadMarkerTimestamp": 1736942400.0})
    );
    let random = &items[2]["ChannelSummary"];
    assert_eq!(
        (&random["Mode"], &random["Privacy"]),
        (&json!("UNRESTRICTED"), &json!("PUBLIC"))
    );
    assert!(random.get("Metadata").is_none());
    assert_eq!(
        items[4]["AppInstanceUserMembershipSummary"]["Type"], "HIDDEN",
        "alice is a HIDDEN member of announcements"
    );
    // An explicit app-instance-user-arn equal to the bearer is the same list.
    let query = format!("app-instance-user-arn={}", super::enc(&alice));
    let (same, _) = walk(addr, &alice, &query).await;
    assert_eq!(same, items);
    // A ban ends the membership; a user in no channel has an empty list.
    for id in ["user/mallory", "user/outsider"] {
        let (items, sizes) = walk(addr, &arn(id), "").await;
        assert!(items.is_empty() && sizes == [0], "{id}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn only_an_admin_may_list_another_users_channels() {
    let server = start().await;
    let addr = server.addr();
    let of = |user: &str| format!("app-instance-user-arn={}", super::enc(user));
    let (items, _) = walk(addr, &arn("user/admin"), &of(BUSY_MEMBER_ARN)).await;
    assert_eq!(items.len(), 300);
    let (items, _) = walk(addr, &arn("user/admin"), &of(&arn("user/alice"))).await;
    assert_eq!(items.len(), 5);
    for bearer in ["user/alice", "bot/triage", "user/th-00001"] {
        let reply = get_as(
            addr,
            &user_channels_path(&of(BUSY_MEMBER_ARN)),
            &arn(bearer),
        )
        .await;
        let message = assert_error(&reply, 403, "ForbiddenException", "Forbidden");
        assert!(message.contains("AppInstanceAdmin"), "{message}");
    }
    for user in [
        arn("user/ghost"),
        "arn:aws:chime:us-east-1:111122223333:app-instance/other/user/alice".to_string(),
        String::new(),
    ] {
        let reply = get_as(addr, &user_channels_path(&of(&user)), &arn("user/admin")).await;
        let message = assert_error(&reply, 403, "ForbiddenException", "Forbidden");
        assert_eq!(
            message,
            "Forbidden: An invalid app instance user ARN was supplied for the input parameter."
        );
    }
    assert_error(
        &get_as(addr, &user_channels_path(""), &arn("user/ghost")).await,
        401,
        "UnauthorizedClientException",
        "Unauthorized",
    );
    // A token from one user's list is no good for another's.
    let first = get_as(addr, &user_channels_path("max-results=1"), BUSY_MEMBER_ARN)
        .await
        .json();
    let token = first["NextToken"].as_str().expect("token").to_string();
    let reply = get_as(
        addr,
        &user_channels_path(&format!("next-token={token}")),
        &arn("user/alice"),
    )
    .await;
    assert_error(&reply, 400, "BadRequestException", "BadRequest");
    server.shutdown().await;
}

#[tokio::test]
async fn max_results_is_validated_as_the_service_does() {
    let server = start().await;
    let addr = server.addr();
    for value in ["0", "51", "-1", "1000", "ten", ""] {
        let reply = get_as(
            addr,
            &user_channels_path(&format!("max-results={value}")),
            BUSY_MEMBER_ARN,
        )
        .await;
        let message = assert_error(&reply, 400, "BadRequestException", "BadRequest");
        assert!(
            message.contains("'maxResults' failed to satisfy constraint"),
            "{message}"
        );
    }
    for value in ["1", "50"] {
        let reply = get_as(
            addr,
            &user_channels_path(&format!("max-results={value}")),
            BUSY_MEMBER_ARN,
        )
        .await;
        assert_eq!(reply.status, 200);
    }
    server.shutdown().await;
}
