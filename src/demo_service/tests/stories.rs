//! Every push-path story (stories.rs) read back from the running service:
//! a small oracle applies issue 10's rules to the raw answers, link by
//! link, and must reach each story's verdict. It also keeps the story
//! table, the dataset and the public constants in step.

use std::net::SocketAddr;

use serde_json::Value;

use super::super::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, ExpectedPush, STORIES, Story,
};
use super::http::Reply;
use super::{arn, channel_path, endpoints_path, get_as, get_signed, prefs_path, start};
use crate::filter::{Attributes, check};

/// A link's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Pass,
    Fail,
    /// The call failed.
    Unknown,
    /// Only the message would decide.
    Depends,
}

/// Retries throttling and 5xx, as a client would (the flaky member).
async fn call(addr: SocketAddr, path: &str, bearer: Option<&str>) -> Reply {
    let mut reply = None;
    for _ in 0..3 {
        let answer = match bearer {
            Some(bearer) => get_as(addr, path, bearer).await,
            None => get_signed(addr, path).await,
        };
        let retry = answer.status == 429 || answer.status >= 500;
        reply = Some(answer);
        if !retry {
            break;
        }
    }
    reply.expect("at least one attempt")
}

fn json_of(reply: &Reply) -> Option<Value> {
    (reply.status == 200)
        .then(|| serde_json::from_slice(&reply.body).ok())
        .flatten()
}

async fn membership(addr: SocketAddr, story: &Story) -> Link {
    let member = story.member_arn();
    let path = channel_path(&story.channel_arn(), "memberships", &member);
    match call(addr, &path, Some(&member)).await.status {
        200 => Link::Pass,
        404 => Link::Fail,
        _ => Link::Unknown,
    }
}

async fn ban(addr: SocketAddr, story: &Story) -> Link {
    let path = channel_path(&story.channel_arn(), "bans", &story.member_arn());
    match call(addr, &path, Some(DEMO_ADMIN_ARN)).await.status {
        404 => Link::Pass,
        200 => Link::Fail,
        _ => Link::Unknown,
    }
}

/// The preferences link and, for FILTERED, the filter-rule link.
async fn preferences(addr: SocketAddr, story: &Story) -> (Link, Option<Link>) {
    let member = story.member_arn();
    let reply = call(
        addr,
        &prefs_path(&story.channel_arn(), &member),
        Some(&member),
    )
    .await;
    let Some(body) = json_of(&reply) else {
        return (Link::Unknown, None);
    };
    let push = &body["Preferences"]["PushNotifications"];
    match push["AllowNotifications"].as_str() {
        None | Some("ALL") => (Link::Pass, None),
        Some("NONE") => (Link::Fail, None),
        Some("FILTERED") => {
            let rule = push["FilterRule"].as_str().unwrap_or("");
            (Link::Pass, Some(filter(addr, story, rule).await))
        }
        Some(_) => (Link::Unknown, None),
    }
}

async fn filter(addr: SocketAddr, story: &Story, rule: &str) -> Link {
    if !check(rule, None).valid {
        return Link::Fail;
    }
    let Some(id) = story.message_id else {
        return Link::Depends;
    };
    let path = channel_path(&story.channel_arn(), "messages", id);
    let Some(body) = json_of(&call(addr, &path, Some(&story.member_arn())).await) else {
        return Link::Unknown;
    };
    let mut attributes = Attributes::new();
    if let Some(map) = body["ChannelMessage"]["MessageAttributes"].as_object() {
        for (name, value) in map {
            let values = value["StringValues"]
                .as_array()
                .map(|v| {
                    v.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            attributes.insert(name.clone(), values);
        }
    }
    match check(rule, Some(&attributes)).verdict {
        Some(verdict) if verdict.notify => Link::Pass,
        Some(_) => Link::Fail,
        None => Link::Unknown,
    }
}

/// At least one endpoint that is ACTIVE, allows messages, and whose
/// Pinpoint app is in the app instance's region and account.
async fn endpoints(addr: SocketAddr, story: &Story) -> Link {
    let member = story.member_arn();
    let Some(list) = json_of(&call(addr, &endpoints_path(&member, None, ""), None).await) else {
        return Link::Unknown;
    };
    let mut deliverable = false;
    for summary in list["AppInstanceUserEndpoints"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = summary["EndpointId"].as_str().unwrap_or("");
        let reply = call(addr, &endpoints_path(&member, Some(id), ""), None).await;
        let Some(detail) = json_of(&reply) else {
            return Link::Unknown;
        };
        let endpoint = &detail["AppInstanceUserEndpoint"];
        let same_place = endpoint["ResourceArn"]
            .as_str()
            .is_some_and(|r| r.starts_with("arn:aws:mobiletargeting:us-east-1:111122223333:"));
        deliverable |= endpoint["EndpointState"]["Status"] == "ACTIVE"
            && endpoint["AllowMessages"] == "ALL"
            && same_place;
    }
    if deliverable { Link::Pass } else { Link::Fail }
}

/// Issue 10's verdict from the links, in its order; a failed ban is named
/// before the membership it ended.
fn verdict(links: &[(&'static str, Link)]) -> ExpectedPush {
    let failed = |id: &str| {
        links
            .iter()
            .any(|(l, link)| *l == id && *link == Link::Fail)
    };
    if failed("ban") {
        return ExpectedPush::No("ban");
    }
    if let Some((id, _)) = links.iter().find(|(_, link)| *link == Link::Fail) {
        return ExpectedPush::No(id);
    }
    if links.iter().any(|(_, link)| *link == Link::Unknown) {
        return ExpectedPush::Unknown;
    }
    if links.iter().any(|(_, link)| *link == Link::Depends) {
        return ExpectedPush::Depends;
    }
    ExpectedPush::Yes
}

async fn diagnose(addr: SocketAddr, story: &Story) -> ExpectedPush {
    let mut links = vec![
        ("membership", membership(addr, story).await),
        ("ban", ban(addr, story).await),
    ];
    let (prefs, rule) = preferences(addr, story).await;
    links.push(("preferences", prefs));
    if let Some(rule) = rule {
        links.push(("filter-rule", rule));
    }
    links.push(("endpoints", endpoints(addr, story).await));
    verdict(&links)
}

#[tokio::test]
async fn every_story_reads_back_to_its_verdict() {
    let server = start().await;
    let addr = server.addr();
    for story in STORIES {
        assert_eq!(
            diagnose(addr, story).await,
            story.push,
            "{} on {} (message {:?}): {}",
            story.name(),
            story.channel,
            story.message_id,
            story.facts
        );
    }
    server.shutdown().await;
}

#[test]
fn the_story_table_covers_every_verdict_and_every_endpoint_story() {
    let verdicts: Vec<&str> = STORIES.iter().map(|s| s.push.as_str()).collect();
    for verdict in ["yes", "no", "depends", "unknown"] {
        assert!(verdicts.contains(&verdict), "{verdict}");
    }
    let blocking: Vec<&str> = STORIES
        .iter()
        .filter_map(|s| s.push.blocking_check())
        .collect();
    for check in [
        "membership",
        "ban",
        "preferences",
        "filter-rule",
        "endpoints",
    ] {
        assert!(blocking.contains(&check), "{check}");
    }
    let data = super::super::Dataset::embedded();
    for story in STORIES {
        assert!(data.is_user(&story.member_arn()), "{}", story.member);
        assert!(
            data.channel(&story.channel_arn()).is_some(),
            "{}",
            story.channel
        );
        if let Some(id) = story.message_id {
            let channel = data.channel(&story.channel_arn()).expect("channel");
            assert!(channel.message(id).is_some(), "{id}");
        }
    }
    // The endpoint stories the issue asks for.
    let kinds: Vec<String> = [
        "user/alice",
        "user/ines",
        "user/mona",
        "user/sandy",
        "user/rhea",
    ]
    .iter()
    .flat_map(|u| data.endpoints(u))
    .map(|e| {
        format!(
            "{} {} {} {:?}",
            e.kind, e.allow_messages, e.status, e.status_reason
        )
    })
    .collect();
    assert!(
        kinds.contains(&"APNS ALL ACTIVE None".to_string()),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&"GCM ALL ACTIVE None".to_string()),
        "{kinds:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.ends_with("INACTIVE Some(\"INVALID_DEVICE_TOKEN\")"))
    );
    assert!(kinds.iter().any(|k| k.starts_with("GCM NONE")));
    assert!(kinds.iter().any(|k| k.starts_with("APNS_SANDBOX")));
    assert!(data.endpoints("user/nico").is_empty());
    assert_eq!(DEMO_ADMIN_ARN, arn("user/admin"));
    assert_eq!(BUSY_MEMBER_ARN, arn("user/busy"));
    assert!(data.is_admin(DEMO_ADMIN_ARN));
    assert!(
        STORIES
            .iter()
            .all(|s| s.member_arn().starts_with(APP_INSTANCE_ARN))
    );
}
