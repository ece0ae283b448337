//! The dataset format, the embedded file and the demo targets.

use serde_json::json;

use super::super::dataset::Dataset;
use super::super::{APP_INSTANCE_ARN, demo_targets};
use super::{arn, support};

#[test]
fn embedded_dataset_parses_and_has_the_documented_world() {
    let data = Dataset::embedded();
    assert_eq!(data.app_instance_arn(), APP_INSTANCE_ARN);
    let channels = data.channel_arns();
    assert_eq!(
        channels[..6],
        [
            support(),
            super::town_hall(),
            super::channel("mobile"),
            super::channel("random"),
            super::channel("design"),
            super::channel("announcements"),
        ]
    );
    assert_eq!(channels.len(), 6 + 300, "and the 300 project channels");
    assert_eq!(channels[6], super::channel("project-001"));
    assert_eq!(channels[305], super::channel("project-300"));
    assert!(data.is_user(&arn("user/busy")));
    assert!(data.is_user(&arn("user/ivy")));
    assert!(data.is_user(&arn("user/nico")));
    assert_eq!(data.endpoints("user/alice").len(), 2);
    assert!(data.endpoints("user/nico").is_empty());
    assert!(data.iam_denies("user/ivy"));
    assert_eq!(data.memberships_of("user/busy").len(), 300);
    let alice: Vec<&str> = data
        .memberships_of("user/alice")
        .iter()
        .map(|(c, _)| c.id.as_str())
        .collect();
    assert_eq!(
        alice,
        ["support", "mobile", "random", "design", "announcements"]
    );
    assert!(
        data.memberships_of("user/mallory").is_empty(),
        "a ban ends the membership"
    );
    assert!(data.is_user(&arn("user/admin")));
    assert!(data.is_admin(&arn("user/admin")));
    assert!(data.is_user(&arn("user/outsider")));
    assert!(data.is_user(&arn("bot/triage")));
    assert!(data.is_user(&arn("user/th-10000")));
    assert!(!data.is_user(&arn("user/ghost")));
    assert!(!data.is_user(&arn("user/th-10001")));
    assert!(!data.is_admin(&arn("user/alice")));
    let channel = data.channel(&support()).expect("support");
    assert_eq!(channel.roster.len(), 21);
    assert_eq!(
        data.channel(&super::town_hall())
            .expect("town hall")
            .roster
            .len(),
        10_000
    );
}

#[test]
fn demo_targets_cover_the_support_channel_in_order() {
    let targets = demo_targets(&Dataset::embedded());
    let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        &names[..10],
        [
            "alice",
            "bob",
            "carol",
            "dave",
            "erin",
            "frank",
            "mallory",
            "triage",
            "throttled",
            "outage"
        ]
    );
    assert!(
        !names.contains(&"slow"),
        "the 120 s member is not a demo target"
    );
    assert_eq!(targets.len(), 20);
    let mallory = &targets[6];
    assert_eq!(mallory.note, "403: banned");
    assert_eq!(mallory.member_arn, arn("user/mallory"));
    assert_eq!(mallory.channel_arn, support());
    assert_eq!(mallory.bearer_arn, None);
    assert_eq!(targets[8].note, "429 always");
    assert_eq!(targets[7].member_arn, arn("bot/triage"));
    for target in &targets {
        assert!(!target.note.is_empty());
        assert!(
            !target.note.chars().any(char::is_control),
            "{:?}",
            target.note
        );
    }
}

#[test]
fn default_notes_are_derived_and_sanitized() {
    let text = json!({
        "app_instance_arn": APP_INSTANCE_ARN,
        "channels": [{"id": "c", "members": [
            {"id": "user/a", "allow": "NONE"},
            {"id": "user/b"},
            {"id": "user/c", "allow": "ALL", "fault": "teapot"},
            {"id": "user/d", "allow": "FILTERED", "hidden": true},
            {"id": "user/e", "allow": "ALL", "note": "two\nlines \u{1b}[2J\u{202e}"},
            {"id": "user/f", "allow": "ALL", "demo": false}
        ]}]
    })
    .to_string();
    let targets = demo_targets(&Dataset::from_json(&text).expect("valid"));
    let notes: Vec<&str> = targets.iter().map(|t| t.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "NONE",
            "never set",
            "418 TeapotException (unknown error)",
            "FILTERED with no rule (hidden)",
            "two?lines ?[2J?"
        ]
    );
}

fn error_of(value: serde_json::Value) -> String {
    Dataset::from_json(&value.to_string())
        .expect_err("invalid")
        .to_string()
}

#[test]
fn dataset_errors_name_the_json_path() {
    let channel = |members: serde_json::Value| json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "ok", "members": []}, {"id": "c", "members": members}]});
    let cases = [
        (
            channel(json!([{"id": "alice"}])),
            "channels[1].members[0].id",
        ),
        (
            channel(json!([{"id": "user/a"}, {"id": "user/a"}])),
            "channels[1].members[1].id",
        ),
        (
            channel(json!([{"id": "user/a", "filter_rule": "{}"}])),
            "channels[1].members[0].filter_rule",
        ),
        (
            json!({"app_instance_arn": "arn:aws:sns:x", "channels": []}),
            "app_instance_arn",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "admins": ["admin"], "channels": []}),
            "admins[0]",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "a/b", "members": []}]}),
            "channels[0].id",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "c"}]}),
            "channels[0]:",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "c", "generate": {"count": 200000, "prefix": "user/x"}}]}),
            "channels[0].generate.count",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "c", "generate": {"count": 1000, "prefix": "user/x", "digits": 3}}]}),
            "channels[0].generate.digits",
        ),
        (
            json!({"app_instance_arn": APP_INSTANCE_ARN, "channels": [{"id": "c", "generate": {"count": 10, "prefix": "room/"}}]}),
            "channels[0].generate.prefix",
        ),
    ];
    for (value, path) in cases {
        let message = error_of(value);
        assert!(message.contains(path), "{message} lacks {path}");
        assert!(message.starts_with("invalid demo dataset at "), "{message}");
    }
}

#[test]
fn dataset_syntax_errors_name_the_line() {
    let text = "{\n  \"app_instance_arn\": \"x\",\n  \"channels\": [ }\n}";
    let message = Dataset::from_json(text).expect_err("syntax").to_string();
    assert!(message.contains("line 3"), "{message}");
    let text = "{\n \"app_instance_arn\": \"x\",\n \"chanels\": []\n}";
    let message = Dataset::from_json(text).expect_err("typo").to_string();
    assert!(
        message.contains("line 3") && message.contains("chanels"),
        "{message}"
    );
    let message = Dataset::from_json("{\"channels\": [], \"app_instance_arn\": 1}")
        .expect_err("type")
        .to_string();
    assert!(message.contains("line 1"), "{message}");
}

#[test]
fn generated_roster_has_the_documented_mix() {
    let data = Dataset::embedded();
    let roster = &data.channel(&super::town_hall()).expect("town hall").roster;
    let mut counts = std::collections::BTreeMap::new();
    let mut hidden = 0;
    for position in 0..roster.len() {
        let member = roster.get(position).expect("member");
        *counts
            .entry(member.allow.clone().unwrap_or_else(|| "unset".into()))
            .or_insert(0) += 1;
        hidden += usize::from(member.hidden);
        if member.allow.as_deref() == Some("FILTERED") {
            assert!(member.filter_rule.is_some());
        }
    }
    let expected: std::collections::BTreeMap<String, i32> = [
        ("ALL", 6500),
        ("NONE", 1500),
        ("FILTERED", 1500),
        ("unset", 500),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(hidden, 20);
    assert!(roster.get(10_000).is_none());
    assert!(roster.find("user/th-0001").is_none());
    assert!(roster.find("user/th-00000").is_none());
    assert_eq!(
        roster.find("user/th-00042").expect("42").name.as_deref(),
        Some("Town Hall Member 00042")
    );
}

#[test]
fn endpoints_bans_messages_and_series_are_checked() {
    let app = APP_INSTANCE_ARN;
    let with = |extra: serde_json::Value| {
        let mut value = json!({"app_instance_arn": app, "channels": []});
        if let (Some(target), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
            target.extend(extra.clone());
        }
        value
    };
    let endpoint = json!({"id": "e1", "name": "phone", "type": "GCM"});
    let cases = [
        (
            with(json!({"endpoints": {"bot/triage": [endpoint.clone()]}})),
            "endpoints.bot/triage",
        ),
        (
            with(json!({"endpoints": {"user/a": [endpoint.clone(), endpoint.clone()]}})),
            "endpoints.user/a[1].id",
        ),
        (with(json!({"iam_denied": ["ivy"]})), "iam_denied[0]"),
        (
            with(
                json!({"channels": [{"id": "c", "members": [{"id": "user/a", "banned": {"by": "admin", "at": 1}}]}]}),
            ),
            "channels[0].members[0].banned.by",
        ),
        (
            with(json!({"channels": [{"id": "c", "members": [], "moderators": ["x"]}]})),
            "channels[0].moderators[0]",
        ),
        (
            with(
                json!({"channels": [{"id": "c", "members": [], "messages": [{"id": "bad id", "sender": "user/a", "content": "", "sent_at": 1}]}]}),
            ),
            "channels[0].messages[0].id",
        ),
        (
            with(
                json!({"channels": [{"id": "c", "members": [], "messages": [{"id": "m", "sender": "user/a", "content": "", "sent_at": 1, "attributes": {"mention": []}}]}]}),
            ),
            "channels[0].messages[0].attributes.mention",
        ),
        (
            with(
                json!({"channel_series": [{"id_prefix": "p-", "count": 0, "member": {"id": "user/a"}}]}),
            ),
            "channel_series[0].count",
        ),
        (
            with(
                json!({"channel_series": [{"id_prefix": "p/", "count": 3, "member": {"id": "user/a"}}]}),
            ),
            "channel_series[0].id_prefix",
        ),
        (
            with(
                json!({"channels": [{"id": "p-001", "members": []}], "channel_series": [{"id_prefix": "p-", "count": 3, "member": {"id": "user/a"}}]}),
            ),
            "duplicate channel",
        ),
    ];
    for (value, words) in cases {
        let message = error_of(value);
        assert!(message.contains(words), "{message} lacks {words}");
    }
    let bad_mode = with(json!({"channels": [{"id": "c", "members": [], "mode": "OPEN"}]}));
    assert!(error_of(bad_mode).contains("OPEN"));
}

#[test]
fn a_series_makes_channels_with_the_documented_mix() {
    let data = Dataset::embedded();
    let busy = data.memberships_of("user/busy");
    let states: Vec<Option<&str>> = busy.iter().map(|(_, m)| m.allow.as_deref()).collect();
    let count = |state: Option<&str>| states.iter().filter(|s| **s == state).count();
    assert_eq!(count(Some("ALL")), 195);
    assert_eq!(count(Some("NONE")), 45);
    assert_eq!(count(Some("FILTERED")), 45);
    assert_eq!(count(None), 15);
    assert_eq!(busy.iter().filter(|(_, m)| m.hidden).count(), 3);
    let (seventh, member) = &busy[6];
    assert_eq!(seventh.id, "project-007");
    assert_eq!(seventh.facts.name, "Project 007");
    assert_eq!(member.allow.as_deref(), Some("ALL"));
    assert_eq!(member.name.as_deref(), Some("Bea Busy"));
}
