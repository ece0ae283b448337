//! The real Rust SDK clients (chime-sdk-messaging and chime-sdk-identity)
//! against the demo service, for every route the push path and the member
//! view add: the answers deserialize into the SDK's types (timestamps,
//! enums, maps) and each error lands on the SDK's modelled variant, or,
//! where the model has none, keeps its code and status.

use aws_sdk_chimesdkidentity as identity;
use aws_sdk_chimesdkmessaging as messaging;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY,
    DemoOptions, DemoServer, TOKEN_MARKER,
};
use messaging::types::{ChannelMembershipType, ChannelPrivacy};

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn support() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

fn credentials() -> aws_credential_types::Credentials {
    aws_credential_types::Credentials::new(
        DEMO_ACCESS_KEY_ID,
        DEMO_SECRET_ACCESS_KEY,
        None,
        None,
        "demo",
    )
}

fn messaging_client(server: &DemoServer) -> messaging::Client {
    let config = messaging::Config::builder()
        .behavior_version(messaging::config::BehaviorVersion::latest())
        .region(messaging::config::Region::new("us-east-1"))
        .endpoint_url(server.endpoint_url())
        .credentials_provider(credentials())
        .retry_config(messaging::config::retry::RetryConfig::disabled())
        .build();
    messaging::Client::from_conf(config)
}

fn identity_client(server: &DemoServer) -> identity::Client {
    let config = identity::Config::builder()
        .behavior_version(identity::config::BehaviorVersion::latest())
        .region(identity::config::Region::new("us-east-1"))
        .endpoint_url(server.endpoint_url())
        .credentials_provider(credentials())
        .retry_config(identity::config::retry::RetryConfig::disabled())
        .build();
    identity::Client::from_conf(config)
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

#[tokio::test]
async fn membership_ban_and_message_deserialize_and_404s_are_not_found() {
    let server = demo().await;
    let client = messaging_client(&server);
    let alice = arn("user/alice");
    let described = client
        .describe_channel_membership()
        .channel_arn(support())
        .member_arn(&alice)
        .chime_bearer(&alice)
        .send()
        .await
        .unwrap_or_else(|e| panic!("describe: {:?}", e.code()));
    let membership = described.channel_membership().expect("membership");
    assert_eq!(membership.r#type(), Some(&ChannelMembershipType::Default));
    assert_eq!(
        membership.member().and_then(|m| m.name()),
        Some("Alice Anders")
    );
    assert!(
        membership
            .created_timestamp()
            .is_some_and(|t| t.secs() > 1_700_000_000)
    );
    let outsider = arn("user/outsider");
    let err = client
        .describe_channel_membership()
        .channel_arn(support())
        .member_arn(&outsider)
        .chime_bearer(&outsider)
        .send()
        .await
        .expect_err("not a member");
    assert!(err.into_service_error().is_not_found_exception());

    let ban = client
        .describe_channel_ban()
        .channel_arn(support())
        .member_arn(arn("user/mallory"))
        .chime_bearer(DEMO_ADMIN_ARN)
        .send()
        .await
        .unwrap_or_else(|e| panic!("ban: {:?}", e.code()));
    let ban = ban.channel_ban().expect("ban");
    assert_eq!(ban.created_by().and_then(|b| b.arn()), Some(DEMO_ADMIN_ARN));
    assert_eq!(
        ban.created_timestamp().map(|t| t.secs()),
        Some(1_736_150_400)
    );
    let err = client
        .describe_channel_ban()
        .channel_arn(support())
        .member_arn(&alice)
        .chime_bearer(DEMO_ADMIN_ARN)
        .send()
        .await
        .expect_err("not banned");
    assert!(err.into_service_error().is_not_found_exception());
    let err = client
        .describe_channel_ban()
        .channel_arn(support())
        .member_arn(&alice)
        .chime_bearer(&alice)
        .send()
        .await
        .expect_err("not a moderator");
    assert!(err.into_service_error().is_forbidden_exception());

    let carol = arn("user/carol");
    let message = client
        .get_channel_message()
        .channel_arn(support())
        .message_id("msg-mention-carol")
        .chime_bearer(&carol)
        .send()
        .await
        .unwrap_or_else(|e| panic!("message: {:?}", e.code()));
    let message = message.channel_message().expect("message");
    let attributes = message.message_attributes().expect("attributes");
    assert_eq!(
        attributes.get("mention").map(|v| v.string_values()),
        Some(&["carol".to_string()][..])
    );
    assert_eq!(
        message.sender().and_then(|s| s.arn()),
        Some(arn("user/bob").as_str())
    );
    assert_eq!(
        message.created_timestamp().map(|t| t.secs()),
        Some(1_736_935_200)
    );
    let err = client
        .get_channel_message()
        .channel_arn(support())
        .message_id("msg-nope")
        .chime_bearer(&carol)
        .send()
        .await
        .expect_err("no such message");
    assert!(err.into_service_error().is_not_found_exception());
    server.shutdown().await;
}

#[tokio::test]
async fn a_users_channels_page_through_and_the_owner_rule_holds() {
    let server = demo().await;
    let client = messaging_client(&server);
    let mut token: Option<String> = None;
    let mut channels = Vec::new();
    let mut pages = 0;
    loop {
        let page = client
            .list_channel_memberships_for_app_instance_user()
            .app_instance_user_arn(BUSY_MEMBER_ARN)
            .chime_bearer(DEMO_ADMIN_ARN)
            .max_results(50)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap_or_else(|e| panic!("page: {:?}", e.code()));
        pages += 1;
        for item in page.channel_memberships() {
            let summary = item.channel_summary().expect("summary");
            assert_eq!(summary.privacy(), Some(&ChannelPrivacy::Private));
            channels.push(summary.name().unwrap_or("").to_string());
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() || pages > 10 {
            break;
        }
    }
    assert_eq!((pages, channels.len()), (6, 300));
    assert_eq!(channels[299], "Project 300");

    let alice = arn("user/alice");
    let own = client
        .list_channel_memberships_for_app_instance_user()
        .chime_bearer(&alice)
        .send()
        .await
        .unwrap_or_else(|e| panic!("own: {:?}", e.code()));
    let types: Vec<Option<&ChannelMembershipType>> = own
        .channel_memberships()
        .iter()
        .map(|m| {
            m.app_instance_user_membership_summary()
                .and_then(|s| s.r#type())
        })
        .collect();
    assert_eq!(types.len(), 5);
    assert_eq!(types[4], Some(&ChannelMembershipType::Hidden));
    let err = client
        .list_channel_memberships_for_app_instance_user()
        .app_instance_user_arn(BUSY_MEMBER_ARN)
        .chime_bearer(&alice)
        .send()
        .await
        .expect_err("not an admin");
    assert!(err.into_service_error().is_forbidden_exception());
    let err = client
        .list_channel_memberships_for_app_instance_user()
        .chime_bearer(&alice)
        .max_results(51)
        .send()
        .await
        .expect_err("out of range");
    assert!(err.into_service_error().is_bad_request_exception());
    let err = client
        .list_channel_memberships()
        .channel_arn(support())
        .r#type(ChannelMembershipType::Hidden)
        .chime_bearer(&alice)
        .send()
        .await
        .expect_err("HIDDEN needs a moderator");
    assert!(err.into_service_error().is_forbidden_exception());
    let hidden = client
        .list_channel_memberships()
        .channel_arn(support())
        .r#type(ChannelMembershipType::Hidden)
        .chime_bearer(arn("bot/triage"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("moderator: {:?}", e.code()));
    assert_eq!(hidden.channel_memberships().len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn endpoints_deserialize_and_iam_denials_keep_their_code() {
    let server = demo().await;
    let client = identity_client(&server);
    let wes = arn("user/wes");
    let mut ids = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
            .list_app_instance_user_endpoints()
            .app_instance_user_arn(&wes)
            .max_results(2)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap_or_else(|e| panic!("endpoints: {:?}", e.code()));
        for endpoint in page.app_instance_user_endpoints() {
            ids.push(endpoint.endpoint_id().unwrap_or("").to_string());
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() || ids.len() > 10 {
            break;
        }
    }
    assert_eq!(ids, ["wes-iphone", "wes-old-android", "wes-tablet"]);
    let ines = client
        .list_app_instance_user_endpoints()
        .app_instance_user_arn(arn("user/ines"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("ines: {:?}", e.code()));
    let state = ines.app_instance_user_endpoints()[0]
        .endpoint_state()
        .expect("state");
    assert_eq!(state.status().as_str(), "INACTIVE");
    assert_eq!(
        state.status_reason().map(|r| r.as_str()),
        Some("INVALID_DEVICE_TOKEN")
    );

    let described = client
        .describe_app_instance_user_endpoint()
        .app_instance_user_arn(&wes)
        .endpoint_id("wes-iphone")
        .send()
        .await
        .unwrap_or_else(|e| panic!("describe: {:?}", e.code()));
    let endpoint = described.app_instance_user_endpoint().expect("endpoint");
    let attributes = endpoint.endpoint_attributes().expect("attributes");
    assert!(attributes.device_token().starts_with(TOKEN_MARKER));
    assert!(
        attributes
            .voip_device_token()
            .is_some_and(|t| t.starts_with(TOKEN_MARKER))
    );
    assert!(
        endpoint
            .resource_arn()
            .is_some_and(|r| r.starts_with("arn:aws:mobiletargeting:us-east-1:111122223333:apps/"))
    );
    assert!(endpoint.created_timestamp().is_some());
    assert_eq!(endpoint.r#type().map(|t| t.as_str()), Some("APNS"));

    // IAM's 403 and the unmodelled 404: not modelled, code and status kept.
    let err = client
        .list_app_instance_user_endpoints()
        .app_instance_user_arn(arn("user/ivy"))
        .send()
        .await
        .expect_err("IAM denies");
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert!(
        err.message().is_some_and(
            |m| m.contains("not authorized to perform: chime:ListAppInstanceUserEndpoints")
        ),
        "{:?}",
        err.message()
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(403));
    let err = client
        .describe_app_instance_user_endpoint()
        .app_instance_user_arn(arn("user/alice"))
        .endpoint_id("nope")
        .send()
        .await
        .expect_err("no such endpoint");
    assert_eq!(err.code(), Some("NotFoundException"));
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(404));
    server.shutdown().await;
}
