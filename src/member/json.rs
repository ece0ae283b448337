//! `member --output json`: one document, channels in listing order, values
//! verbatim, absent fields omitted, written channel by channel:
//!
//! `{"Member": {"Arn", "Name"}, "Channels": [{"ChannelArn", "Name",
//! "Privacy", "Mode", "MembershipType", "Preferences", "RequestId", "Error"}],
//! "Endpoints": [...], "SetupChecks": [...], "Summary": {...}, "ListingError"?, "EndpointsError"?,
//! "Partial": bool}`. A channel's `Preferences` is what the AWS CLI (and
//! `get --output json`) prints for it; its `Error` has `get`'s shape.

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::diagnose::{EndpointFact, Fact};
use crate::explain::Context;
use crate::output::json::{error_value, preferences_value};
use crate::scan::RowState;
use crate::scan::json::write_streamed;

use super::results::{ChannelRow, MemberResults};
use super::summary::summary_line;

fn insert_str(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.into(), Value::String(value.to_string()));
    }
}

fn channel_value(row: &ChannelRow, results: &MemberResults, ctx: &Context<'_>) -> Value {
    let mut map = Map::new();
    let summary = row.summary();
    insert_str(&mut map, "ChannelArn", row.arn());
    insert_str(&mut map, "Name", row.name());
    insert_str(
        &mut map,
        "Privacy",
        summary
            .and_then(|s| s.privacy.as_ref())
            .map(|p| p.as_wire()),
    );
    insert_str(
        &mut map,
        "Mode",
        summary.and_then(|s| s.mode.as_ref()).map(|m| m.as_wire()),
    );
    insert_str(
        &mut map,
        "MembershipType",
        row.channel.kind.as_ref().map(|k| k.as_wire()),
    );
    match &row.state {
        RowState::Read(lookup) => {
            if let Some(prefs) = preferences_value(&lookup.response).get("Preferences") {
                map.insert("Preferences".into(), prefs.clone());
            }
            // The request id a ticket quotes to AWS Support.
            insert_str(&mut map, "RequestId", lookup.meta.request_id.as_deref());
        }
        RowState::Failed(err) => {
            let member = Some(results.member_arn());
            let channel_ctx = Context {
                member,
                bearer: member,
                channel: row.arn(),
                ..ctx.clone()
            };
            map.insert("Error".into(), error_value(err, &channel_ctx));
        }
        RowState::Pending => {}
    }
    Value::Object(map)
}

fn endpoint_value(device: &EndpointFact, results: &MemberResults) -> Value {
    let mut map = Map::new();
    map.insert("EndpointId".into(), Value::String(device.id.clone()));
    insert_str(&mut map, "Name", device.name.as_deref());
    // Each value verbatim as the service sent it; absent when it sent none.
    insert_str(&mut map, "Type", device.kind.as_ref().map(|k| k.as_wire()));
    insert_str(
        &mut map,
        "AllowMessages",
        device.allow_messages.as_ref().map(|a| a.as_wire()),
    );
    let mut state = Map::new();
    insert_str(
        &mut state,
        "Status",
        device.status.as_ref().map(|s| s.as_wire()),
    );
    insert_str(
        &mut state,
        "StatusReason",
        device.status_reason.as_ref().map(|r| r.as_wire()),
    );
    map.insert("EndpointState".into(), Value::Object(state));
    if let Fact::Known {
        value: Some(arn), ..
    } = &device.resource_arn
    {
        map.insert("ResourceArn".into(), Value::String(arn.clone()));
    }
    map.insert(
        "Finding".into(),
        Value::String(crate::diagnose::device_finding(device, results.scope())),
    );
    Value::Object(map)
}

/// Every key but `Channels`, in document order.
fn value_without_channels(results: &MemberResults, ctx: &Context<'_>) -> Map<String, Value> {
    let mut root = Map::new();
    let mut member = Map::new();
    member.insert("Arn".into(), Value::String(results.member_arn().into()));
    insert_str(&mut member, "Name", results.name());
    root.insert("Member".into(), Value::Object(member));

    let endpoints: Vec<Value> = match results.devices() {
        Fact::Known { value, .. } => value.iter().map(|d| endpoint_value(d, results)).collect(),
        _ => Vec::new(),
    };
    root.insert("Endpoints".into(), Value::Array(endpoints));
    // The checks behind the devices, as `diagnose` writes them.
    root.insert(
        "SetupChecks".into(),
        super::setup::setup_value(&results.setup_checks(), ctx),
    );

    let s = results.summary();
    let mut summary = Map::new();
    summary.insert("Channels".into(), json!(s.listed()));
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
    summary.insert("Throttled".into(), json!(results.throttled()));
    let check = results.devices_check();
    let mut devices = Map::new();
    if let Some(counts) = results.device_counts() {
        devices.insert("Total".into(), json!(counts.total));
        devices.insert("Inactive".into(), json!(counts.inactive));
        devices.insert("Muted".into(), json!(counts.muted));
    }
    devices.insert("Check".into(), json!(check.status.as_str()));
    devices.insert("Finding".into(), json!(check.finding));
    let setup: Vec<Value> = results
        .setup_checks()
        .iter()
        .map(|c| json!({"Id": c.id.id(), "Status": c.status.as_str(), "Finding": c.finding}))
        .collect();
    devices.insert("Setup".into(), Value::Array(setup));
    summary.insert("Devices".into(), Value::Object(devices));
    summary.insert("Text".into(), Value::String(summary_line(results)));
    root.insert("Summary".into(), Value::Object(summary));

    let member_arn = Some(results.member_arn());
    if let Some(err) = results.listing_error() {
        let listing_ctx = Context {
            member: member_arn,
            channel: None,
            ..ctx.clone()
        };
        root.insert("ListingError".into(), error_value(err, &listing_ctx));
    }
    if let Fact::Failed(err) = results.devices() {
        let identity_ctx = Context {
            member: member_arn,
            bearer: None,
            channel: None,
            ..ctx.clone()
        };
        root.insert("EndpointsError".into(), error_value(err, &identity_ctx));
    }
    root.insert("Partial".into(), Value::Bool(partial));
    if let Some(reason) = results.partial_reason() {
        root.insert("PartialReason".into(), Value::String(reason));
    }
    root
}

/// The document as one value (for tests and small pictures).
pub fn member_value(results: &MemberResults, ctx: &Context<'_>) -> Value {
    let rest = value_without_channels(results, ctx);
    let channels: Vec<Value> = results
        .finished_rows()
        .map(|row| channel_value(row, results, ctx))
        .collect();
    let mut root = Map::new();
    for (key, value) in rest {
        let after_member = key == "Member";
        root.insert(key, value);
        if after_member {
            root.insert("Channels".into(), Value::Array(channels.clone()));
        }
    }
    Value::Object(root)
}

/// Indented like the AWS CLI (four spaces), trailing newline included.
/// `head`: the fields written before the document's own (the report's
/// subject).
pub fn member_json(
    head: &Map<String, Value>,
    results: &MemberResults,
    ctx: &Context<'_>,
) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_member_json(&mut out, head, results, ctx);
    String::from_utf8(out).unwrap_or_default()
}

/// [`member_json`], written channel by channel: a 20,000-channel document
/// is never held in memory as one value.
pub fn write_member_json(
    out: &mut impl Write,
    head: &Map<String, Value>,
    results: &MemberResults,
    ctx: &Context<'_>,
) -> std::io::Result<()> {
    let mut root = value_without_channels(results, ctx);
    let mut first = head.clone();
    first.insert(
        "Member".into(),
        root.shift_remove("Member").unwrap_or(Value::Null),
    );
    let channels = results
        .finished_rows()
        .map(|row| channel_value(row, results, ctx));
    write_streamed(out, &first, ("Channels", channels), &root)
}
