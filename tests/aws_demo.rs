//! chime-prefs' own clients against the demo service, for every call of
//! the push path: the model the answers map into, the kinds failures are
//! classified as, and the explanation each gets (about its operation).

use chime_prefs::aws::{AwsSettings, Clients};
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY,
    DemoOptions, DemoServer, TOKEN_MARKER,
};
use chime_prefs::error::ErrorKind;
use chime_prefs::explain::{Context, explain_error};
use chime_prefs::model::{EndpointStatus, EndpointStatusReason, MembershipType};
use chime_prefs::operation::Operation;

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn support() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

async fn clients(server: &DemoServer) -> Clients {
    Clients::connect(&AwsSettings {
        endpoint_url: Some(server.endpoint_url()),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

#[tokio::test]
async fn membership_and_ban_answers_and_their_explanations() {
    let server = demo().await;
    let c = clients(&server).await;
    let alice = arn("user/alice");
    let membership = c
        .describe_channel_membership(&support(), &alice, &alice)
        .await
        .expect("alice is a member");
    assert_eq!(membership.value.kind, Some(MembershipType::Default));
    assert_eq!(
        membership.value.member.and_then(|m| m.name).as_deref(),
        Some("Alice Anders")
    );
    assert_eq!(membership.region, "us-east-1");

    let outsider = arn("user/outsider");
    let err = c
        .describe_channel_membership(&support(), &outsider, &outsider)
        .await
        .expect_err("not a member");
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(
        explain_error(&err, &Context::default()).title,
        "Not a member"
    );

    let ban = c
        .describe_channel_ban(&support(), &arn("user/mallory"), DEMO_ADMIN_ARN)
        .await
        .expect("mallory is banned");
    assert_eq!(
        ban.value.created_by.and_then(|m| m.arn).as_deref(),
        Some(DEMO_ADMIN_ARN)
    );
    let not_banned = c
        .describe_channel_ban(&support(), &alice, DEMO_ADMIN_ARN)
        .await
        .expect_err("alice is not banned");
    assert_eq!(not_banned.kind, ErrorKind::NotFound);
    let rendered = explain_error(&not_banned, &Context::default());
    assert_eq!(rendered.title, "Not banned");
    let not_moderator = c
        .describe_channel_ban(&support(), &alice, &alice)
        .await
        .expect_err("alice is no moderator");
    assert_eq!(not_moderator.kind, ErrorKind::Forbidden);
    let rendered = explain_error(
        &not_moderator,
        &Context {
            bearer: Some(&alice),
            ..Context::default()
        },
    );
    assert_eq!(rendered.title, "Not allowed to check bans");
    assert!(rendered.summary.contains("chime:DescribeChannelBan"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_message_and_a_users_channels() {
    let server = demo().await;
    let c = clients(&server).await;
    let carol = arn("user/carol");
    let message = c
        .get_channel_message(&support(), "msg-mention-carol", &carol, None)
        .await
        .expect("message");
    assert_eq!(
        message.value.attributes.get("mention"),
        Some(&vec!["carol".to_string()])
    );
    assert_eq!(
        message.value.sender.and_then(|s| s.arn).as_deref(),
        Some(arn("user/bob").as_str())
    );
    let missing = c
        .get_channel_message(&support(), "msg-nope", &carol, None)
        .await
        .expect_err("no such message");
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert_eq!(
        explain_error(&missing, &Context::default()).title,
        "No such message"
    );

    let busy = c
        .list_user_memberships(BUSY_MEMBER_ARN, DEMO_ADMIN_ARN)
        .await
        .expect("every page");
    assert_eq!(busy.value.len(), 300);
    assert_eq!(busy.meta.attempts, 6, "six pages of 50");
    assert_eq!(
        busy.value[299]
            .channel
            .as_ref()
            .and_then(|ch| ch.name.as_deref()),
        Some("Project 300")
    );
    let alice = arn("user/alice");
    let denied = c
        .list_user_memberships(BUSY_MEMBER_ARN, &alice)
        .await
        .expect_err("only an admin may ask about another user");
    assert_eq!(denied.kind, ErrorKind::Forbidden);
    assert_eq!(
        denied.operation,
        Operation::ListChannelMembershipsForAppInstanceUser
    );
    server.shutdown().await;
}

#[tokio::test]
async fn endpoints_without_tokens_and_iams_denial() {
    let server = demo().await;
    let c = clients(&server).await;
    let wes = arn("user/wes");
    let endpoints = c.list_endpoints(&wes).await.expect("endpoints");
    let ids: Vec<_> = endpoints
        .value
        .iter()
        .filter_map(|e| e.endpoint_id.clone())
        .collect();
    assert_eq!(ids, ["wes-iphone", "wes-old-android", "wes-tablet"]);
    let ines = c.list_endpoints(&arn("user/ines")).await.expect("ines");
    let state = ines.value[0].state.clone().expect("state");
    assert_eq!(state.status, Some(EndpointStatus::Inactive));
    assert_eq!(state.reason, Some(EndpointStatusReason::InvalidDeviceToken));

    let iphone = c
        .describe_endpoint(&wes, "wes-iphone")
        .await
        .expect("iphone");
    assert!(iphone.value.has_device_token && iphone.value.has_voip_device_token);
    assert!(
        !format!("{:?}", iphone.value).contains(TOKEN_MARKER),
        "a device token reached the model"
    );

    let err = c
        .list_endpoints(&arn("user/ivy"))
        .await
        .expect_err("IAM denies");
    assert_eq!(err.kind, ErrorKind::AccessDenied);
    let rendered = explain_error(&err, &Context::default());
    assert_eq!(rendered.title, "IAM denies the call");
    assert!(
        rendered
            .policy
            .as_deref()
            .is_some_and(|p| p.contains("chime:ListAppInstanceUserEndpoints")),
        "{:?}",
        rendered.policy
    );

    let gone = c
        .describe_endpoint(&arn("user/alice"), "nope")
        .await
        .expect_err("no such endpoint");
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert_eq!(
        explain_error(&gone, &Context::default()).title,
        "No such endpoint"
    );
    server.shutdown().await;
}
