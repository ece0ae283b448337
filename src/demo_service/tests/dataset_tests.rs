//! The dataset format, the embedded file and the demo targets.

use serde_json::json;

use super::super::dataset::Dataset;
use super::super::{APP_INSTANCE_ARN, demo_targets};
use super::{arn, support};

#[test]
fn embedded_dataset_parses_and_has_the_documented_world() {
    let data = Dataset::embedded();
    assert_eq!(data.app_instance_arn(), APP_INSTANCE_ARN);
    assert_eq!(data.channel_arns(), [support(), super::town_hall()]);
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
