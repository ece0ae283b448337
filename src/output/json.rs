//! `--output json`: byte-for-byte what the AWS CLI prints.
//!
//! The AWS CLI (botocore) orders keys as the service model lists members,
//! drops absent and null members, keeps every value verbatim, and prints with
//! `json.dumps(indent=4, ensure_ascii=False)`. serde_json's pretty printer
//! with a four-space indent produces the same bytes, escapes included.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::CallError;
use crate::explain::{self, Context};
use crate::model::MembershipPreferences;

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_string(), value);
    }
}

/// The response object in the AWS CLI's key order.
pub fn preferences_value(prefs: &MembershipPreferences) -> Value {
    let mut root = Map::new();
    insert_some(
        &mut root,
        "ChannelArn",
        prefs.channel_arn.clone().map(Value::String),
    );
    insert_some(
        &mut root,
        "Member",
        prefs.member.as_ref().map(|m| {
            let mut member = Map::new();
            insert_some(&mut member, "Arn", m.arn.clone().map(Value::String));
            insert_some(&mut member, "Name", m.name.clone().map(Value::String));
            Value::Object(member)
        }),
    );
    insert_some(
        &mut root,
        "Preferences",
        prefs.preferences.as_ref().map(|p| {
            let mut preferences = Map::new();
            insert_some(
                &mut preferences,
                "PushNotifications",
                p.push_notifications.as_ref().map(|push| {
                    let mut map = Map::new();
                    insert_some(
                        &mut map,
                        "AllowNotifications",
                        push.allow
                            .as_ref()
                            .map(|a| Value::String(a.as_wire().to_string())),
                    );
                    insert_some(
                        &mut map,
                        "FilterRule",
                        push.filter_rule
                            .as_ref()
                            .map(|r| Value::String(r.raw.clone())),
                    );
                    Value::Object(map)
                }),
            );
            Value::Object(preferences)
        }),
    );
    Value::Object(root)
}

/// Pretty-print like Python's `json.dumps(indent=4, ensure_ascii=False)`.
pub fn to_aws_cli_text(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serializing a Value or a derive(Serialize) type into memory cannot fail.
    if value.serialize(&mut serializer).is_err() {
        return "{}".to_string();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The AWS CLI's stdout for a successful lookup, trailing newline included.
pub fn preferences_json(prefs: &MembershipPreferences) -> String {
    let mut text = to_aws_cli_text(&preferences_value(prefs));
    text.push('\n');
    text
}

/// The error object for `get --output json` (and per member in `scan`),
/// explained as the operation that failed.
pub fn error_value(err: &CallError, ctx: &Context<'_>) -> Value {
    let rendered = explain::explain_error(err, ctx);
    let mut explanation = json!({
        "Title": rendered.title,
        "Summary": rendered.summary,
        "LikelyCauses": rendered.causes,
        "NextSteps": rendered.next_steps,
    });
    if let Some(policy) = rendered
        .policy
        .as_deref()
        .and_then(|p| serde_json::from_str::<Value>(p).ok())
        && let Some(map) = explanation.as_object_mut()
    {
        map.insert("PolicyStatement".into(), policy);
    }
    json!({
        "Operation": err.operation.api_name(),
        "Code": err.display_code(),
        "Message": err.message.clone().or_else(|| err.detail.clone()).unwrap_or_else(|| rendered.title.clone()),
        "HttpStatus": err.http_status,
        "RequestId": err.request_id,
        "Region": err.region,
        "Retryable": err.retryable(),
        "Attempts": err.attempts,
        "Explanation": explanation,
    })
}

pub fn error_json(err: &CallError, ctx: &Context<'_>) -> String {
    let mut text = to_aws_cli_text(&json!({ "Error": error_value(err, ctx) }));
    text.push('\n');
    text
}

/// serde_json escapes C0 controls but writes DEL, C1 controls and bidi or
/// zero-width characters raw. `\uXXXX` escapes mean the same JSON and cannot
/// act on a terminal. Outside strings, JSON text is plain ASCII, so only
/// string contents change.
///
/// Used when stdout is a terminal: on a pipe, `get --output json` stays
/// byte-identical to the AWS CLI, which writes those characters raw.
pub fn terminal_safe(json: &str) -> String {
    if !json
        .chars()
        .any(|c| crate::sanitize::is_unsafe(c) && c != '\n')
    {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if crate::sanitize::is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::model::{
        AllowNotifications, FilterRuleText, Member, Preferences, PushNotifications,
    };

    #[test]
    fn matches_the_aws_cli_layout_and_key_order() {
        let prefs = MembershipPreferences {
            channel_arn: Some("arn:c".into()),
            member: Some(Member {
                arn: Some("arn:m".into()),
                name: Some("Zoë \"Z\"".into()),
            }),
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: Some(AllowNotifications::Filtered),
                    filter_rule: Some(FilterRuleText::new("{\"mention\":[\"carol\"]}")),
                }),
            }),
        };
        let expected = "{\n    \"ChannelArn\": \"arn:c\",\n    \"Member\": {\n        \"Arn\": \"arn:m\",\n        \"Name\": \"Zoë \\\"Z\\\"\"\n    },\n    \"Preferences\": {\n        \"PushNotifications\": {\n            \"AllowNotifications\": \"FILTERED\",\n            \"FilterRule\": \"{\\\"mention\\\":[\\\"carol\\\"]}\"\n        }\n    }\n}\n";
        assert_eq!(preferences_json(&prefs), expected);
    }

    #[test]
    fn empty_preferences_print_as_an_empty_object_and_absent_fields_are_omitted() {
        let prefs = MembershipPreferences {
            channel_arn: Some("arn:c".into()),
            member: Some(Member {
                arn: Some("arn:m".into()),
                name: None,
            }),
            preferences: Some(Preferences::default()),
        };
        let text = preferences_json(&prefs);
        assert!(text.contains("\"Preferences\": {}"), "{text}");
        assert!(!text.contains("Name"));
    }

    #[test]
    fn control_characters_are_escaped_like_python() {
        let prefs = MembershipPreferences {
            member: Some(Member {
                arn: None,
                name: Some("a\u{1b}]0;x\u{7}\t\u{202e}".into()),
            }),
            ..MembershipPreferences::default()
        };
        assert!(preferences_json(&prefs).contains("\"a\\u001b]0;x\\u0007\\t\u{202e}\""));
    }

    #[test]
    fn on_a_terminal_c1_and_bidi_characters_become_json_escapes() {
        let prefs = MembershipPreferences {
            member: Some(Member {
                arn: None,
                name: Some("a\u{9b}31m\u{202e}b\u{7f}".into()),
            }),
            ..MembershipPreferences::default()
        };
        let raw = preferences_json(&prefs);
        let safe = terminal_safe(&raw);
        assert!(safe.contains(r#""a\u009b31m\u202eb\u007f""#), "{safe}");
        let reparsed: Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(reparsed, serde_json::from_str::<Value>(&raw).expect("JSON"));
        assert!(
            !safe
                .chars()
                .any(|c| crate::sanitize::is_unsafe(c) && c != '\n')
        );
    }

    #[test]
    fn error_object_has_the_documented_shape() {
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        err.http_status = Some(403);
        err.request_id = Some("req-1".into());
        err.attempts = 1;
        let value = error_value(&err, &Context::default());
        assert_eq!(value["Code"], "ForbiddenException");
        assert_eq!(value["HttpStatus"], 403);
        assert_eq!(value["Retryable"], false);
        assert!(
            value["Explanation"]["LikelyCauses"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        );
        let timeout = error_value(
            &CallError::new(
                crate::operation::Operation::GetChannelMembershipPreferences,
                ErrorKind::Timeout,
            ),
            &Context::default(),
        );
        assert!(timeout["HttpStatus"].is_null());
        assert_eq!(timeout["Code"], "Timeout");
    }
}
