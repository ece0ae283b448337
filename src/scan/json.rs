//! `scan --output json`: one document, members in listing order, values
//! verbatim, absent fields omitted. A member's error has the same shape as
//! `get --output json`'s.

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::explain::Context;
use crate::output::json::{error_value, to_aws_cli_text};

use super::results::{Row, RowState, ScanResults};

/// The document as a value (the tests compare the stream with it). `ctx`
/// gives profile, region and the listing bearer for explanations; each
/// member's own ARN fills in the rest.
#[cfg(test)]
pub fn scan_value(results: &ScanResults, ctx: &Context<'_>) -> Value {
    let Value::Object(rest) = scan_value_without_members(results, ctx) else {
        return Value::Null;
    };
    let members: Vec<Value> = results
        .finished_rows()
        .map(|row| member_value(row, ctx))
        .collect();
    let mut root = Map::new();
    for (key, value) in rest {
        root.insert(key.clone(), value);
        if key == "ChannelArn" {
            root.insert("Members".into(), Value::Array(members.clone()));
        }
    }
    Value::Object(root)
}

/// Every key but `Members`, in document order.
fn scan_value_without_members(results: &ScanResults, ctx: &Context<'_>) -> Value {
    let mut root = Map::new();
    root.insert(
        "ChannelArn".into(),
        Value::String(results.channel_arn().to_string()),
    );
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
    // Always there, so a script cannot take a partial list for a whole one.
    root.insert("Partial".into(), Value::Bool(partial));
    if let Some(reason) = results.partial_reason() {
        root.insert("PartialReason".into(), Value::String(reason));
    }
    // How the members were listed, so a report read back says it too.
    root.insert(
        "IncludeHidden".into(),
        Value::Bool(results.include_hidden()),
    );
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
            // The request id a ticket quotes to AWS Support.
            if let Some(id) = &lookup.meta.request_id {
                map.insert("RequestId".into(), Value::String(id.clone()));
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
/// `head`: the fields written before the document's own (the report's
/// subject).
#[cfg(test)]
pub fn scan_json(head: &Map<String, Value>, results: &ScanResults, ctx: &Context<'_>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_scan_json(&mut out, head, results, ctx);
    String::from_utf8(out).unwrap_or_default()
}

/// The document written member by member after the `head` fields: a
/// 10,000-member document is never held in memory as one value.
pub fn write_scan_json(
    out: &mut impl Write,
    head: &Map<String, Value>,
    results: &ScanResults,
    ctx: &Context<'_>,
) -> std::io::Result<()> {
    let Value::Object(mut root) = scan_value_without_members(results, ctx) else {
        return Ok(());
    };
    let mut first = head.clone();
    first.insert(
        "ChannelArn".into(),
        root.shift_remove("ChannelArn").unwrap_or(Value::Null),
    );
    let members = results.finished_rows().map(|row| member_value(row, ctx));
    write_streamed(out, &first, ("Members", members), &root)
}

/// A document as `to_aws_cli_text` prints it, written piece by piece: the
/// `first` fields, then an array whose items are made and written one at a
/// time, then the `rest` of the fields.
pub fn write_streamed(
    out: &mut impl Write,
    first: &Map<String, Value>,
    (key, items): (&str, impl Iterator<Item = Value>),
    rest: &Map<String, Value>,
) -> std::io::Result<()> {
    out.write_all(b"{\n")?;
    for (name, value) in first {
        write_field(out, name, value, false)?;
    }
    let mut items = items.peekable();
    let key = to_aws_cli_text(&Value::String(key.to_string()));
    if items.peek().is_none() {
        writeln!(out, "    {key}: [],")?;
    } else {
        writeln!(out, "    {key}: [")?;
        while let Some(item) = items.next() {
            write_indented(out, &to_aws_cli_text(&item), "        ")?;
            out.write_all(if items.peek().is_some() {
                b",\n"
            } else {
                b"\n"
            })?;
        }
        out.write_all(b"    ],\n")?;
    }
    let count = rest.len();
    for (i, (key, value)) in rest.iter().enumerate() {
        write_field(out, key, value, i + 1 == count)?;
    }
    out.write_all(b"}\n")
}

/// `    "key": value` with the value's continuation lines indented to match.
fn write_field(out: &mut impl Write, key: &str, value: &Value, last: bool) -> std::io::Result<()> {
    out.write_all(b"    ")?;
    out.write_all(to_aws_cli_text(&Value::String(key.to_string())).as_bytes())?;
    out.write_all(b": ")?;
    let text = to_aws_cli_text(value);
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.write_all(first.as_bytes())?;
    }
    for line in lines {
        out.write_all(b"\n    ")?;
        out.write_all(line.as_bytes())?;
    }
    out.write_all(if last { b"\n" } else { b",\n" })
}

/// Every line of pretty-printed JSON, indented. Strings in JSON text carry
/// no raw line breaks, so splitting on them is safe.
fn write_indented(out: &mut impl Write, text: &str, indent: &str) -> std::io::Result<()> {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(indent.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{CallError, ErrorKind};
    use crate::model::Member;
    use crate::scan::fixtures::read;
    use crate::scan::{MemberOutcome, ScanEvent};

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
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
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
        assert_eq!(value["Partial"], false);
        assert!(value.get("PartialReason").is_none());
        let keys: Vec<&String> = value.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            [
                "ChannelArn",
                "Members",
                "Summary",
                "Partial",
                "IncludeHidden"
            ]
        );
        assert_eq!(value["IncludeHidden"], false);
    }

    #[test]
    fn a_partial_scan_says_so_and_lists_only_what_was_read() {
        let value = scan_value(&sample(false), &Context::default());
        assert_eq!(value["Partial"], true);
        assert!(
            value["PartialReason"]
                .as_str()
                .is_some_and(|r| r.starts_with("interrupted")),
            "{value:#}"
        );
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
    fn written_member_by_member_it_is_byte_identical_to_the_whole_value() {
        let mut listing_failed = sample(false);
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::ServiceUnavailable,
        );
        err.message = Some("down\nand \"out\"".into());
        listing_failed.apply(ScanEvent::ListingFailed(err));
        let empty = ScanResults::new("arn:empty");
        let mut head = Map::new();
        head.insert("Report".into(), json!({"Format": "f", "Kind": "scan"}));
        for results in [sample(true), sample(false), listing_failed, empty] {
            let ctx = Context::default();
            let mut whole = to_aws_cli_text(&scan_value(&results, &ctx));
            whole.push('\n');
            assert_eq!(scan_json(&Map::new(), &results, &ctx), whole);
            // With the report's subject first.
            let mut doc = head.clone();
            if let Value::Object(body) = scan_value(&results, &ctx) {
                doc.extend(body);
            }
            let mut whole = to_aws_cli_text(&Value::Object(doc));
            whole.push('\n');
            assert_eq!(scan_json(&head, &results, &ctx), whole);
        }
    }

    #[test]
    fn four_space_indent_and_trailing_newline() {
        let text = scan_json(&Map::new(), &sample(true), &Context::default());
        assert!(text.starts_with("{\n    \"ChannelArn\": \"arn:c\",\n"));
        assert!(text.ends_with("}\n"));
    }
}
