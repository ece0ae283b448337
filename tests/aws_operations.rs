//! Every operation the tool calls, through the real SDK clients, against a
//! loopback server that records what arrives: method, path, query and
//! headers (a bearer for messaging calls, none for identity calls), the
//! region the request is signed for (the ARN's), and how each answer maps
//! into the model or into a `CallError`.

mod aws_loopback;

use std::time::{Duration, UNIX_EPOCH};

use aws_loopback::{Loopback, Recorded, Reply, channel, encoded, settings, user};
use chime_prefs::aws::{AwsSettings, Clients, RegionSource};
use chime_prefs::error::ErrorKind;
use chime_prefs::model::{
    AllowMessages, EndpointStatus, EndpointStatusReason, EndpointType, MembershipType,
    MessagePersistence,
};

async fn clients(server: &Loopback) -> Clients {
    let mut s = settings(&server.url());
    // A configured region elsewhere must not win over the ARN's.
    s.region = Some("us-west-2".into());
    s.region_source = Some(RegionSource::Environment("AWS_REGION"));
    Clients::connect(&s).await
}

fn only(server: &Loopback) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().expect("one request")
}

fn assert_messaging(request: &Recorded, bearer: &str) {
    assert_eq!(request.method, "GET");
    assert_eq!(request.header("x-amz-chime-bearer"), Some(bearer));
    assert_eq!(request.signed_region().as_deref(), Some("eu-central-1"));
}

fn assert_identity(request: &Recorded) {
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.header("x-amz-chime-bearer"),
        None,
        "identity calls carry no bearer"
    );
    assert_eq!(request.signed_region().as_deref(), Some("eu-central-1"));
}

#[tokio::test]
async fn describe_channel_membership() {
    let server = Loopback::start(|_, _| {
        Reply::json(
            r#"{"ChannelMembership": {"ChannelArn": "arn:c", "Type": "HIDDEN",
                "Member": {"Arn": "arn:carol", "Name": "Carol"},
                "InvitedBy": {"Arn": "arn:admin"},
                "CreatedTimestamp": 1700000000, "SubChannelId": "s-1"}}"#,
        )
    })
    .await;
    let found = clients(&server)
        .await
        .describe_channel_membership(&channel(), &user("carol"), &user("admin"))
        .await
        .expect("membership");
    let request = only(&server);
    assert_messaging(&request, &user("admin"));
    assert_eq!(
        request.path,
        format!(
            "/channels/{}/memberships/{}",
            encoded(&channel()),
            encoded(&user("carol"))
        )
    );
    assert_eq!(found.value.kind, Some(MembershipType::Hidden));
    assert_eq!(
        found.value.member.and_then(|m| m.name).as_deref(),
        Some("Carol")
    );
    assert_eq!(
        found.value.created,
        Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
    );
    assert_eq!(found.region, "eu-central-1");
    assert_eq!(found.meta.request_id.as_deref(), Some("loopback-0"));
    assert_eq!(found.meta.attempts, 1);
}

#[tokio::test]
async fn not_a_member_and_not_banned_are_not_found() {
    let server =
        Loopback::start(|_, _| Reply::error(404, "NotFoundException", "NotFound", "Not found."))
            .await;
    let c = clients(&server).await;
    let membership = c
        .describe_channel_membership(&channel(), &user("dave"), &user("admin"))
        .await
        .expect_err("404");
    assert_eq!(membership.kind, ErrorKind::NotFound);
    assert_eq!(membership.http_status, Some(404));
    assert_eq!(membership.attempts, 1, "a 404 is not retried");
    let ban = c
        .describe_channel_ban(&channel(), &user("dave"), &user("admin"))
        .await
        .expect_err("404");
    assert_eq!(ban.kind, ErrorKind::NotFound);
    assert_eq!(
        ban.operation,
        chime_prefs::operation::Operation::DescribeChannelBan
    );
    let requests = server.requests();
    assert_eq!(
        requests[1].path,
        format!(
            "/channels/{}/bans/{}",
            encoded(&channel()),
            encoded(&user("dave"))
        )
    );
    assert_messaging(&requests[1], &user("admin"));
}

#[tokio::test]
async fn describe_channel_ban() {
    let server = Loopback::start(|_, _| {
        Reply::json(
            r#"{"ChannelBan": {"ChannelArn": "arn:c", "Member": {"Arn": "arn:mallory"},
                "CreatedBy": {"Arn": "arn:mod"}, "CreatedTimestamp": 1700000000}}"#,
        )
    })
    .await;
    let ban = clients(&server)
        .await
        .describe_channel_ban(&channel(), &user("mallory"), &user("mod"))
        .await
        .expect("banned");
    assert_messaging(&only(&server), &user("mod"));
    assert_eq!(
        ban.value.created_by.and_then(|m| m.arn).as_deref(),
        Some("arn:mod")
    );
}

#[tokio::test]
async fn get_channel_message_keeps_its_attributes() {
    let server = Loopback::start(|_, _| {
        Reply::json(
            r#"{"ChannelArn": "arn:c", "ChannelMessage": {"MessageId": "m-1",
                "Content": "private words", "Type": "STANDARD", "Persistence": "PERSISTENT",
                "Sender": {"Arn": "arn:alice"},
                "MessageAttributes": {"mention": {"StringValues": ["carol"]}},
                "Target": [{"MemberArn": "arn:carol"}]}}"#,
        )
    })
    .await;
    let message = clients(&server)
        .await
        .get_channel_message(&channel(), "m-1", &user("carol"), None)
        .await
        .expect("message");
    let request = only(&server);
    assert_messaging(&request, &user("carol"));
    assert_eq!(
        request.path,
        format!("/channels/{}/messages/m-1", encoded(&channel()))
    );
    let value = message.value;
    assert_eq!(
        value.attributes.get("mention"),
        Some(&vec!["carol".to_string()])
    );
    assert_eq!(value.persistence, Some(MessagePersistence::Persistent));
    assert_eq!(value.targets, vec!["arn:carol".to_string()]);
    assert!(!format!("{value:?}").contains("private words"));
}

#[tokio::test]
async fn a_users_channels_are_read_page_after_page() {
    let server = Loopback::start(|request, _| {
        let second = request
            .query
            .as_deref()
            .is_some_and(|q| q.contains("next-token=page2"));
        Reply::json(if second {
            r#"{"ChannelMemberships": [{"ChannelSummary": {"ChannelArn": "arn:c2", "Name": "two"}}]}"#
        } else {
            r#"{"ChannelMemberships": [{"ChannelSummary": {"ChannelArn": "arn:c1", "Name": "one", "Mode": "RESTRICTED"},
                "AppInstanceUserMembershipSummary": {"Type": "DEFAULT"}}], "NextToken": "page2"}"#
        })
    })
    .await;
    let all = clients(&server)
        .await
        .list_user_memberships(&user("carol"), &user("carol"))
        .await
        .expect("memberships");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_messaging(request, &user("carol"));
        assert_eq!(request.path, "/channels");
        let query = request.query.as_deref().unwrap_or_default();
        assert!(
            query.contains("scope=app-instance-user-memberships")
                && query.contains(&format!(
                    "app-instance-user-arn={}",
                    encoded(&user("carol"))
                ))
                && query.contains("max-results=50"),
            "{query}"
        );
    }
    let names: Vec<_> = all
        .value
        .iter()
        .filter_map(|m| m.channel.as_ref()?.name.clone())
        .collect();
    assert_eq!(names, ["one", "two"]);
    assert_eq!(all.value[0].kind, Some(MembershipType::Default));
    assert_eq!(all.meta.attempts, 2);
}

#[tokio::test]
async fn a_users_endpoints_are_listed_without_a_bearer() {
    let server = Loopback::start(|request, _| {
        let second = request
            .query
            .as_deref()
            .is_some_and(|q| q.contains("next-token=more"));
        Reply::json(if second {
            r#"{"AppInstanceUserEndpoints": [{"EndpointId": "e-2", "Type": "GCM", "AllowMessages": "NONE",
                "EndpointState": {"Status": "ACTIVE"}}]}"#
        } else {
            r#"{"AppInstanceUserEndpoints": [{"EndpointId": "e-1", "Type": "APNS_SANDBOX", "AllowMessages": "ALL",
                "Name": "Carol's phone",
                "EndpointState": {"Status": "INACTIVE", "StatusReason": "INVALID_DEVICE_TOKEN"}}],
                "NextToken": "more"}"#
        })
    })
    .await;
    let endpoints = clients(&server)
        .await
        .list_endpoints(&user("carol"))
        .await
        .expect("endpoints");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_identity(request);
        assert_eq!(
            request.path,
            format!("/app-instance-users/{}/endpoints", encoded(&user("carol")))
        );
    }
    let first = &endpoints.value[0];
    assert_eq!(first.kind, Some(EndpointType::ApnsSandbox));
    assert_eq!(
        first.state.as_ref().and_then(|s| s.reason.clone()),
        Some(EndpointStatusReason::InvalidDeviceToken)
    );
    let second = &endpoints.value[1];
    assert_eq!(second.allow_messages, Some(AllowMessages::None));
    assert_eq!(
        second.state.as_ref().and_then(|s| s.status.clone()),
        Some(EndpointStatus::Active)
    );
}

#[tokio::test]
async fn describing_an_endpoint_keeps_no_device_token() {
    const TOKEN: &str = "apns-device-token-0123456789abcdef";
    let server = Loopback::start(|_, _| {
        Reply::json(&format!(
            r#"{{"AppInstanceUserEndpoint": {{"EndpointId": "e-1", "Type": "APNS", "AllowMessages": "ALL",
                "ResourceArn": "arn:aws:mobiletargeting:eu-central-1:111122223333:apps/p1",
                "EndpointAttributes": {{"DeviceToken": "{TOKEN}", "VoipDeviceToken": "{TOKEN}-voip"}},
                "EndpointState": {{"Status": "ACTIVE"}}, "CreatedTimestamp": 1700000000}}}}"#
        ))
    })
    .await;
    let endpoint = clients(&server)
        .await
        .describe_endpoint(&user("carol"), "e-1")
        .await
        .expect("endpoint");
    let request = only(&server);
    assert_identity(&request);
    assert_eq!(
        request.path,
        format!(
            "/app-instance-users/{}/endpoints/e-1",
            encoded(&user("carol"))
        )
    );
    let value = endpoint.value;
    assert!(value.has_device_token && value.has_voip_device_token);
    assert!(value.can_receive());
    assert!(!format!("{value:?}").contains(TOKEN), "{value:?}");
    assert_eq!(
        value.resource_arn.as_deref(),
        Some("arn:aws:mobiletargeting:eu-central-1:111122223333:apps/p1")
    );
}

/// Identity models no 404: the SDK hands it over unhandled, and it is
/// classified by its code, or its status alone.
#[tokio::test]
async fn an_unmodelled_identity_404_is_not_found() {
    for reply in [
        Reply::error(404, "NotFoundException", "NotFound", "No such endpoint."),
        Reply {
            status: 404,
            headers: vec![("content-type".into(), "application/json".into())],
            body: r#"{"Code": "NotFound", "Message": "No such endpoint."}"#.into(),
            delay: Duration::ZERO,
        },
        Reply {
            status: 404,
            headers: Vec::new(),
            body: String::new(),
            delay: Duration::ZERO,
        },
    ] {
        let server = Loopback::start(move |_, _| reply.clone()).await;
        let err = clients(&server)
            .await
            .describe_endpoint(&user("carol"), "gone")
            .await
            .expect_err("404");
        assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
        assert_eq!(err.http_status, Some(404));
        assert_eq!(err.region.as_deref(), Some("eu-central-1"));
    }
}

/// `--endpoint-url` serves both services; a per-service endpoint
/// (`AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY`) sends that service elsewhere.
#[tokio::test]
async fn a_per_service_endpoint_sends_that_service_elsewhere() {
    let messaging =
        Loopback::start(|_, _| Reply::json(r#"{"ChannelBan": {"ChannelArn": "arn:c"}}"#)).await;
    let identity = Loopback::start(|_, _| Reply::json(r#"{"AppInstanceUserEndpoints": []}"#)).await;
    let env = |key: &str| match key {
        "AWS_ENDPOINT_URL" => Some(messaging.url()),
        "AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY" => Some(identity.url()),
        _ => None,
    };
    let mut resolved: AwsSettings = chime_prefs::config::resolve_aws(
        &chime_prefs::config::FlagValues::default(),
        &env,
        &chime_prefs::config::AwsSection::default(),
    )
    .expect("settings");
    resolved.static_credentials = settings("http://unused").static_credentials;
    let c = Clients::connect(&resolved).await;
    c.describe_channel_ban(&channel(), &user("a"), &user("m"))
        .await
        .expect("ban");
    c.list_endpoints(&user("a")).await.expect("endpoints");
    assert_eq!(messaging.count(), 1);
    assert_eq!(identity.count(), 1);
    assert_eq!(
        c.info().endpoint_urls.identity.as_deref(),
        Some(identity.url().as_str())
    );

    // --endpoint-url beats both: one URL for both services.
    let flags = chime_prefs::config::FlagValues {
        endpoint_url: Some(messaging.url()),
        ..Default::default()
    };
    let mut both =
        chime_prefs::config::resolve_aws(&flags, &env, &chime_prefs::config::AwsSection::default())
            .expect("settings");
    both.static_credentials = resolved.static_credentials.clone();
    Clients::connect(&both)
        .await
        .list_endpoints(&user("a"))
        .await
        .expect("endpoints");
    assert_eq!(messaging.count(), 2);
    assert_eq!(identity.count(), 1);
}
