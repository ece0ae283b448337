//! DescribeChannelMembership, DescribeChannelBan and GetChannelMessage:
//! shapes, 404s for "not a member", "not banned" and "no such message", and
//! who may ask.

use serde_json::json;

use super::{arn, assert_error, channel, channel_path, get_as, start, support, town_hall};

#[tokio::test]
async fn a_membership_is_described_with_its_type_inviter_and_times() {
    let server = start().await;
    let addr = server.addr();
    let alice = arn("user/alice");
    let reply = get_as(
        addr,
        &channel_path(&support(), "memberships", &alice),
        &alice,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.request_id();
    let membership = &reply.json()["ChannelMembership"];
    assert_eq!(membership["ChannelArn"], support());
    assert_eq!(
        membership["Member"],
        json!({"Arn": alice, "Name": "Alice Anders"})
    );
    assert_eq!(membership["Type"], "DEFAULT");
    assert_eq!(membership["InvitedBy"], json!({"Arn": arn("user/admin")}));
    let created = membership["CreatedTimestamp"].as_f64().expect("a number");
    assert!((1.7e9..2.0e9).contains(&created), "{created}");
    assert_eq!(
        membership["LastUpdatedTimestamp"],
        membership["CreatedTimestamp"]
    );
    // HIDDEN memberships say so, to anyone who may describe them.
    let hidden = arn("user/hidden");
    let described = get_as(
        addr,
        &channel_path(&support(), "memberships", &hidden),
        &alice,
    )
    .await
    .json();
    assert_eq!(described["ChannelMembership"]["Type"], "HIDDEN");
    let in_announcements = get_as(
        addr,
        &channel_path(&channel("announcements"), "memberships", &alice),
        &alice,
    )
    .await
    .json();
    assert_eq!(in_announcements["ChannelMembership"]["Type"], "HIDDEN");
    // Generated members too.
    let th = arn("user/th-00042");
    let reply = get_as(addr, &channel_path(&town_hall(), "memberships", &th), &th).await;
    assert_eq!(
        reply.json()["ChannelMembership"]["Member"]["Name"],
        "Town Hall Member 00042"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn not_a_member_and_banned_are_404_and_strangers_are_403() {
    let server = start().await;
    let addr = server.addr();
    let admin = arn("user/admin");
    // Asking about oneself needs no membership: the answer is the 404.
    for (member, bearer) in [
        ("user/outsider", "user/outsider"),
        ("user/mallory", "user/mallory"),
        ("user/mallory", "user/admin"),
        ("user/ghost", "user/alice"),
        ("user/alice", "user/th-00001"),
    ] {
        let path = channel_path(
            &if member == "user/alice" {
                town_hall()
            } else {
                support()
            },
            "memberships",
            &arn(member),
        );
        let reply = get_as(addr, &path, &arn(bearer)).await;
        let message = assert_error(&reply, 404, "NotFoundException", "NotFound");
        assert!(message.contains("is not a member"), "{member}: {message}");
    }
    // A stranger may not ask about someone else.
    let path = channel_path(&support(), "memberships", &arn("user/alice"));
    for bearer in ["user/outsider", "user/mallory", "user/th-00001"] {
        let reply = get_as(addr, &path, &arn(bearer)).await;
        assert_error(&reply, 403, "ForbiddenException", "Forbidden");
    }
    assert_error(
        &get_as(addr, &path, &arn("user/ghost")).await,
        401,
        "UnauthorizedClientException",
        "Unauthorized",
    );
    let nowhere = channel_path(&channel("nowhere"), "memberships", &admin);
    assert_error(
        &get_as(addr, &nowhere, &admin).await,
        404,
        "NotFoundException",
        "NotFound",
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_ban_names_who_banned_and_when_for_moderators_and_admins() {
    let server = start().await;
    let addr = server.addr();
    let mallory = arn("user/mallory");
    let path = channel_path(&support(), "bans", &mallory);
    for bearer in ["user/admin", "bot/triage"] {
        let reply = get_as(addr, &path, &arn(bearer)).await;
        assert_eq!(reply.status, 200, "{bearer}: {}", reply.text());
        reply.request_id();
        assert_eq!(
            reply.json(),
            json!({"ChannelBan": {
                "Member": {"Arn": mallory, "Name": "Mallory Moss"},
                "ChannelArn": support(),
                "CreatedTimestamp": 1736150400.0,
                "CreatedBy": {"Arn": arn("user/admin")}
            }})
        );
    }
    // Members who are not moderators may not read bans, not even their own.
    for bearer in ["user/alice", "user/mallory", "user/outsider"] {
        let reply = get_as(addr, &path, &arn(bearer)).await;
        let message = assert_error(&reply, 403, "ForbiddenException", "Forbidden");
        assert!(message.contains("moderators"), "{message}");
    }
    // Not banned: 404, members and strangers alike.
    for member in ["user/alice", "user/outsider", "user/ghost"] {
        let path = channel_path(&support(), "bans", &arn(member));
        let reply = get_as(addr, &path, &arn("user/admin")).await;
        let message = assert_error(&reply, 404, "NotFoundException", "NotFound");
        assert!(message.contains("is not banned"), "{message}");
    }
    let th = channel_path(&town_hall(), "bans", &arn("user/th-00002"));
    assert_eq!(get_as(addr, &th, &arn("user/th-00001")).await.status, 404);
    assert_eq!(get_as(addr, &th, &arn("user/th-00002")).await.status, 403);
    server.shutdown().await;
}

#[tokio::test]
async fn messages_carry_their_attributes_and_unknown_ones_are_404() {
    let server = start().await;
    let addr = server.addr();
    let carol = arn("user/carol");
    let path = channel_path(&support(), "messages", "msg-mention-carol");
    let reply = get_as(addr, &path, &carol).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.request_id();
    let body = reply.json();
    let message = &body["ChannelMessage"];
    assert_eq!(message["ChannelArn"], support());
    assert_eq!(message["MessageId"], "msg-mention-carol");
    assert_eq!(
        message["MessageAttributes"],
        json!({"mention": {"StringValues": ["carol"]}, "type": {"StringValues": ["Conversation"]}})
    );
    assert_eq!(
        message["Sender"],
        json!({"Arn": arn("user/bob"), "Name": "Bob Brown"})
    );
    assert_eq!(message["Type"], "STANDARD");
    assert_eq!(message["Persistence"], "PERSISTENT");
    assert_eq!(message["Status"], json!({"Value": "SENT"}));
    assert_eq!(message["Redacted"], false);
    assert_eq!(message["CreatedTimestamp"], 1736935200.0);
    assert!(
        message.get("PushNotification").is_none(),
        "not readable back"
    );
    // Admins and moderators may read; strangers and banned members may not.
    assert_eq!(get_as(addr, &path, &arn("user/admin")).await.status, 200);
    assert_eq!(get_as(addr, &path, &arn("bot/triage")).await.status, 200);
    for bearer in ["user/outsider", "user/mallory"] {
        assert_error(
            &get_as(addr, &path, &arn(bearer)).await,
            403,
            "ForbiddenException",
            "Forbidden",
        );
    }
    let lunch = get_as(
        addr,
        &channel_path(&channel("random"), "messages", "msg-random-lunch"),
        &arn("user/erin"),
    )
    .await
    .json();
    assert!(
        lunch["ChannelMessage"].get("MessageAttributes").is_none(),
        "no attributes, no key"
    );
    for id in ["msg-nope", "msg-random-lunch"] {
        let reply = get_as(addr, &channel_path(&support(), "messages", id), &carol).await;
        let message = assert_error(&reply, 404, "NotFoundException", "NotFound");
        assert!(message.contains(id), "{message}");
    }
    server.shutdown().await;
}
