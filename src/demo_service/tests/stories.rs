//! Every push-path story (stories.rs) read back from the running service:
//! a small oracle applies issue 10's rules to the raw answers, link by
//! link, and issue 15's chain through every link behind the device (read
//! through the real SDK clients), and must reach each story's verdict. It also keeps the story
//! table, the dataset and the public constants in step.

use std::net::SocketAddr;

use serde_json::Value;

use super::super::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, ExpectedPush, ROLE_STORIES, STORIES, Story,
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

/// At least one endpoint that is ACTIVE and allows messages; those are the
/// devices the links behind the device judge next (type, ResourceArn).
async fn endpoints(addr: SocketAddr, story: &Story) -> (Link, Vec<(String, String)>) {
    let member = story.member_arn();
    let Some(list) = json_of(&call(addr, &endpoints_path(&member, None, ""), None).await) else {
        return (Link::Unknown, Vec::new());
    };
    let mut deliverable = Vec::new();
    for summary in list["AppInstanceUserEndpoints"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = summary["EndpointId"].as_str().unwrap_or("");
        let reply = call(addr, &endpoints_path(&member, Some(id), ""), None).await;
        let Some(detail) = json_of(&reply) else {
            return (Link::Unknown, Vec::new());
        };
        let endpoint = &detail["AppInstanceUserEndpoint"];
        if endpoint["EndpointState"]["Status"] == "ACTIVE" && endpoint["AllowMessages"] == "ALL" {
            deliverable.push((
                endpoint["Type"].as_str().unwrap_or("").to_string(),
                endpoint["ResourceArn"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    let link = if deliverable.is_empty() {
        Link::Fail
    } else {
        Link::Pass
    };
    (link, deliverable)
}

/// A device's fate at one link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Survives,
    Cut,
    Unknown,
}

/// The chain-through-every-link rule: a link fails when it leaves no
/// device, passes (or warns) while one survives, and is unknown when only
/// unanswered devices are left. With no device left before it, it says
/// nothing new.
fn chain<T: Clone>(judged: &[(T, Fate)]) -> (Link, Vec<T>) {
    let survivors: Vec<T> = judged
        .iter()
        .filter(|(_, f)| *f == Fate::Survives)
        .map(|(d, _)| d.clone())
        .collect();
    let link = if judged.is_empty() || !survivors.is_empty() {
        Link::Pass
    } else if judged.iter().any(|(_, f)| *f == Fate::Unknown) {
        Link::Unknown
    } else {
        Link::Fail
    };
    (link, survivors)
}

/// The links behind the device, through the real SDK clients signed with
/// `key`: pinpoint-app, push-channels, service-role, role-permission.
async fn behind_the_device(
    url: &str,
    key: &str,
    devices: Vec<(String, String)>,
) -> Vec<(&'static str, Link)> {
    use crate::aws::{AwsSettings, Clients, role_arn};
    use crate::error::ErrorKind;
    use crate::model::{EndpointType, EvalDecision, PinpointAppRef, PushChannelKind};
    let clients = Clients::connect(&AwsSettings {
        endpoint_url: Some(url.to_string()),
        static_credentials: Some((key.into(), "demo-secret".into())),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await;
    let mut links = Vec::new();
    // pinpoint-app: the app exists, in the app instance's region and account.
    let mut judged = Vec::new();
    for (kind, arn) in devices {
        let fate = match PinpointAppRef::parse(&arn) {
            Some(app) if app.region == "us-east-1" && app.account == "111122223333" => {
                match clients.get_app(&app).await {
                    Ok(_) => Fate::Survives,
                    Err(e) if e.kind == ErrorKind::NotFound => Fate::Cut,
                    Err(_) => Fate::Unknown,
                }
            }
            _ => Fate::Cut,
        };
        judged.push(((kind, arn), fate));
    }
    let (link, devices) = chain(&judged);
    links.push(("pinpoint-app", link));
    // push-channels: enabled, not archived, with a credential (FCM v1 for GCM).
    let mut judged = Vec::new();
    for (kind, arn) in devices {
        let app = PinpointAppRef::parse(&arn).expect("parsed above");
        let fate = match PushChannelKind::for_endpoint(&EndpointType::from_wire(&kind)) {
            None => Fate::Unknown,
            Some(channel_kind) => match clients.get_push_channel(&app, channel_kind).await {
                Ok(channel) => {
                    let c = channel.value;
                    let usable = c.enabled == Some(true)
                        && c.is_archived != Some(true)
                        && (channel_kind != PushChannelKind::Gcm
                            || c.has_fcm_service_credentials == Some(true));
                    if usable { Fate::Survives } else { Fate::Cut }
                }
                Err(e) if e.kind == ErrorKind::NotFound => Fate::Cut,
                Err(_) => Fate::Unknown,
            },
        };
        judged.push((app, fate));
    }
    let (link, apps) = chain(&judged);
    links.push(("push-channels", link));
    // service-role: exists and trusts Chime's messaging principal.
    let role = clients
        .get_role("111122223333", "ServiceRoleForAmazonChimePushNotification")
        .await;
    let role_link = match &role {
        Ok(role) => {
            let trusted = role
                .value
                .trust_policy
                .as_deref()
                .and_then(|t| crate::policy::PolicyDocument::parse(t).ok())
                .is_some_and(|t| {
                    crate::policy::trusts_service(&t, "messaging.chime.amazonaws.com")
                        .is_clear_allow()
                });
            if trusted { Link::Pass } else { Link::Fail }
        }
        Err(e) if e.kind == ErrorKind::NotFound => Link::Fail,
        Err(_) => Link::Unknown,
    };
    links.push(("service-role", role_link));
    // role-permission: simulated, or read from the policies when refused.
    let mut judged = Vec::new();
    if role_link == Link::Pass {
        for app in apps {
            let role = role_arn("111122223333");
            let fate = match clients.simulate_send(&role, &app).await {
                Ok(d) if d.value.decision == EvalDecision::Allowed => Fate::Survives,
                Ok(_) => Fate::Cut,
                Err(e) if e.kind == ErrorKind::AccessDenied => {
                    match clients
                        .role_policies(&role, "ServiceRoleForAmazonChimePushNotification")
                        .await
                    {
                        Ok(policies) => {
                            let documents: Vec<_> = policies
                                .value
                                .iter()
                                .filter_map(|p| {
                                    crate::policy::PolicyDocument::parse(&p.document).ok()
                                })
                                .collect();
                            let decision = crate::policy::may(
                                &documents,
                                "mobiletargeting:SendMessages",
                                &app.messages_arn(),
                            );
                            if decision.is_clear_allow() {
                                Fate::Survives
                            } else {
                                Fate::Cut
                            }
                        }
                        Err(_) => Fate::Unknown,
                    }
                }
                Err(_) => Fate::Unknown,
            };
            judged.push(((), fate));
        }
    }
    links.push(("role-permission", chain(&judged).0));
    links
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

async fn diagnose(addr: SocketAddr, story: &Story, key: &str) -> ExpectedPush {
    let mut links = vec![
        ("membership", membership(addr, story).await),
        ("ban", ban(addr, story).await),
    ];
    let (prefs, rule) = preferences(addr, story).await;
    links.push(("preferences", prefs));
    if let Some(rule) = rule {
        links.push(("filter-rule", rule));
    }
    let (link, devices) = endpoints(addr, story).await;
    links.push(("endpoints", link));
    links.extend(behind_the_device(&format!("http://{addr}"), key, devices).await);
    verdict(&links)
}

#[tokio::test]
async fn every_story_reads_back_to_its_verdict() {
    let server = start().await;
    let addr = server.addr();
    for story in STORIES {
        assert_eq!(
            diagnose(addr, story, "AKIDEMOCHIMEPREFS00").await,
            story.push,
            "{} on {} (message {:?}): {}",
            story.name(),
            story.channel,
            story.message_id,
            story.facts
        );
    }
    for role in ROLE_STORIES {
        let story = &role.story;
        assert_eq!(
            diagnose(addr, story, role.access_key_id).await,
            story.push,
            "{} signing as {}: {}",
            story.name(),
            role.access_key_id,
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
        "pinpoint-app",
        "push-channels",
    ] {
        assert!(blocking.contains(&check), "{check}");
    }
    let role_blocking: Vec<&str> = ROLE_STORIES
        .iter()
        .filter_map(|r| r.story.push.blocking_check())
        .collect();
    assert!(role_blocking.contains(&"service-role"));
    assert!(role_blocking.contains(&"role-permission"));
    // With the demo's own key, the same member on the same channel is YES:
    // the account-wide role stories leave the main ones as they are.
    for role in ROLE_STORIES {
        assert!(
            STORIES.iter().any(|s| s.member == role.story.member
                && s.channel == role.story.channel
                && s.message_id.is_none()
                && s.push == ExpectedPush::Yes),
            "{}",
            role.access_key_id
        );
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
