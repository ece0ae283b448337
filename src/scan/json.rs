//! `scan --output json`: one document, members in listing order, values
//! verbatim, absent fields omitted. A member's error has the same shape as
//! `get --output json`'s.

use serde_json::{Map, Value, json};

use crate::explain::Context;
use crate::output::json::{error_value, to_aws_cli_text};

use super::results::{Row, RowState, ScanResults};

/// The document as a value. `ctx` gives profile, region and the listing
/// bearer for explanations; each member's own ARN fills in the rest.
pub fn scan_value(results: &ScanResults, ctx: &Context<'_>) -> Value {
    let mut root = Map::new();
    root.insert(
        "ChannelArn".into(),
        Value::String(results.channel_arn().to_string()),
    );
    let members: Vec<Value> = results
        .finished_rows()
        .map(|row| member_value(row, ctx))
        .collect();
    root.insert("Members".into(), Value::Array(members));

    let s = results.summary();
    let mut summary = Map::new();
    for (key, n) in [
        ("ALL", s.all),
        ("NONE", s.none),
        ("FILTERED", s.filtered),
        ("NotSet", s.not_set),
        ("Unknown", s.unknown),
        ("Errors", s.errors),
    ] {
        summary.insert(key.into(), json!(n));
    }
    let partial = !results.is_complete();
    if partial {
        summary.insert("NotRead".into(), json!(s.pending));
    }
    root.insert("Summary".into(), Value::Object(summary));
    if let Some(err) = results.listing_error() {
        let listing_ctx = Context {
            member: None,
            ..ctx.clone()
        };
        root.insert("ListingError".into(), error_value(err, &listing_ctx));
    }
    if partial {
        root.insert("Partial".into(), Value::Bool(true));
    }
    Value::Object(root)
}

fn member_value(row: &Row, ctx: &Context<'_>) -> Value {
    let mut map = Map::new();
    if let Some(arn) = &row.member.arn {
        map.insert("Arn".into(), Value::String(arn.clone()));
    }
    if let Some(name) = &row.member.name {
        map.insert("Name".into(), Value::String(name.clone()));
    }
    match &row.state {
        RowState::Read(lookup) => {
            if let Some(allow) = lookup.response.allow() {
                map.insert(
                    "AllowNotifications".into(),
                    Value::String(allow.as_wire().to_string()),
                );
            }
            if let Some(rule) = lookup.response.filter_rule() {
                map.insert("FilterRule".into(), Value::String(rule.raw.clone()));
            }
        }
        RowState::Failed(err) => {
            let arn = row.member.arn.as_deref();
            let member_ctx = Context {
                member: arn,
                bearer: arn,
                ..ctx.clone()
            };
            map.insert("Error".into(), error_value(err, &member_ctx));
        }
        RowState::Pending => {}
    }
    Value::Object(map)
}

/// Indented like the AWS CLI (four spaces), trailing newline included.
pub fn scan_json(results: &ScanResults, ctx: &Context<'_>) -> String {
    let mut text = to_aws_cli_text(&scan_value(results, ctx));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, LookupError};
    use crate::model::{
        AllowNotifications, CallMeta, FilterRuleText, Lookup, Member, MembershipPreferences,
        Preferences, PushNotifications,
    };
    use crate::scan::{MemberOutcome, ScanEvent};
    use std::time::{Duration, SystemTime};

    fn read(allow: Option<&str>, rule: Option<&str>) -> MemberOutcome {
        MemberOutcome::Read(Box::new(Lookup {
            response: MembershipPreferences {
                preferences: Some(Preferences {
                    push_notifications: Some(PushNotifications {
                        allow: allow.map(AllowNotifications::from_wire),
                        filter_rule: rule.map(FilterRuleText::new),
                    }),
                }),
                ..MembershipPreferences::default()
            },
            meta: CallMeta {
                request_id: None,
                latency: Duration::ZERO,
                attempts: 1,
                fetched_at: SystemTime::UNIX_EPOCH,
            },
        }))
    }

    fn sample(finish_all: bool) -> ScanResults {
        let mut results = ScanResults::new("arn:c");
        results.apply(ScanEvent::Listed {
            members: vec![
                Member {
                    arn: Some("arn:a".into()),
                    name: Some("A \"quoted\"".into()),
                },
                Member {
                    arn: Some("arn:b".into()),
                    name: None,
                },
                Member {
                    arn: Some("arn:c1".into()),
                    name: Some("C".into()),
                },
            ],
        });
        results.apply(ScanEvent::ListingComplete { total: 3 });
        let mut err = LookupError::new(ErrorKind::Forbidden);
        err.http_status = Some(403);
        results.apply(ScanEvent::Finished {
            index: 1,
            outcome: MemberOutcome::Failed(err),
        });
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("FILTERED"), Some("{\"mention\":[\"a\"]}")),
        });
        if finish_all {
            results.apply(ScanEvent::Finished {
                index: 2,
                outcome: read(None, None),
            });
            results.apply(ScanEvent::Done);
        }
        results
    }

    #[test]
    fn complete_scan_document() {
        let value = scan_value(&sample(true), &Context::default());
        assert_eq!(value["ChannelArn"], "arn:c");
        let members = value["Members"].as_array().expect("members");
        assert_eq!(members.len(), 3);
        assert_eq!(members[0]["Name"], "A \"quoted\"");
        assert_eq!(members[0]["AllowNotifications"], "FILTERED");
        assert_eq!(members[0]["FilterRule"], "{\"mention\":[\"a\"]}");
        assert!(members[0].get("Error").is_none());
        assert!(members[1].get("Name").is_none());
        assert_eq!(members[1]["Error"]["Code"], "ForbiddenException");
        assert_eq!(members[1]["Error"]["HttpStatus"], 403);
        assert!(members[2].get("AllowNotifications").is_none());
        assert_eq!(
            value["Summary"],
            json!({"ALL": 0, "NONE": 0, "FILTERED": 1, "NotSet": 1, "Unknown": 0, "Errors": 1})
        );
        assert!(value.get("Partial").is_none());
        let keys: Vec<&String> = value.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["ChannelArn", "Members", "Summary"]);
    }

    #[test]
    fn a_partial_scan_says_so_and_lists_only_what_was_read() {
        let value = scan_value(&sample(false), &Context::default());
        assert_eq!(value["Partial"], true);
        assert_eq!(value["Members"].as_array().map(Vec::len), Some(2));
        assert_eq!(value["Summary"]["NotRead"], 1);
    }

    #[test]
    fn the_error_explanation_knows_the_member_was_its_own_bearer() {
        // Each lookup's bearer is the member itself, so the explanation
        // leaves out "the bearer is not the member" and fills no placeholder.
        let value = scan_value(&sample(true), &Context::default());
        let causes = value["Members"][1]["Error"]["Explanation"]["LikelyCauses"].to_string();
        assert!(!causes.contains("is not the member"), "{causes}");
        assert!(
            !causes.contains("<bearer ARN>") && !causes.contains("<member ARN>"),
            "{causes}"
        );
        assert!(causes.contains("banned"), "{causes}");
    }

    #[test]
    fn four_space_indent_and_trailing_newline() {
        let text = scan_json(&sample(true), &Context::default());
        assert!(text.starts_with("{\n    \"ChannelArn\": \"arn:c\",\n"));
        assert!(text.ends_with("}\n"));
    }
}
