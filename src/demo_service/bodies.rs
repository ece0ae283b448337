//! The operations' JSON answers, in the shapes of the service models
//! (chime-sdk-messaging 2021-05-15, chime-sdk-identity 2021-04-20), built
//! from the dataset's plain data. Timestamps are epoch seconds as JSON
//! numbers, as restJson1 sends them.

use serde_json::{Map, Value, json};

use super::model::{ChannelFacts, Endpoint, Member, Message, TOKEN_MARKER};

/// Epoch seconds as a JSON number, to the millisecond.
pub(super) fn timestamp(secs: f64) -> Value {
    serde_json::Number::from_f64((secs * 1000.0).round() / 1000.0)
        .map_or(Value::Null, Value::Number)
}

/// `{"Arn": ..., "Name": ...}`, `Name` left out when there is none.
pub(super) fn identity(arn: &str, name: Option<&str>) -> Value {
    let mut identity = Map::new();
    identity.insert("Arn".into(), Value::String(arn.into()));
    if let Some(name) = name {
        identity.insert("Name".into(), Value::String(name.into()));
    }
    Value::Object(identity)
}

/// Adds `"NextToken"` when there is a next page.
fn with_token(mut body: Map<String, Value>, next_token: Option<String>) -> Value {
    if let Some(token) = next_token {
        body.insert("NextToken".into(), Value::String(token));
    }
    Value::Object(body)
}

/// GetChannelMembershipPreferences.
pub(super) fn preferences(channel_arn: &str, member_arn: &str, member: &Member) -> Value {
    let mut preferences = Map::new();
    if let Some(allow) = &member.allow {
        let mut push = Map::new();
        push.insert("AllowNotifications".into(), Value::String(allow.clone()));
        if let Some(rule) = &member.filter_rule {
            push.insert("FilterRule".into(), Value::String(rule.clone()));
        }
        preferences.insert("PushNotifications".into(), Value::Object(push));
    }
    json!({
        "ChannelArn": channel_arn,
        "Member": identity(member_arn, member.name.as_deref()),
        "Preferences": Value::Object(preferences),
    })
}

/// ListChannelMemberships: `members` are `(ARN, Name)`.
pub(super) fn memberships(
    channel_arn: &str,
    members: &[(String, Option<String>)],
    next_token: Option<String>,
) -> Value {
    let list = members
        .iter()
        .map(|(arn, name)| json!({ "Member": identity(arn, name.as_deref()) }))
        .collect();
    let mut body = Map::new();
    body.insert("ChannelArn".into(), Value::String(channel_arn.into()));
    body.insert("ChannelMemberships".into(), Value::Array(list));
    with_token(body, next_token)
}

/// DescribeChannelMembership.
pub(super) fn channel_membership(
    channel_arn: &str,
    member: Value,
    invited_by: Option<Value>,
    membership_type: &str,
    joined: f64,
) -> Value {
    let mut membership = Map::new();
    if let Some(invited_by) = invited_by {
        membership.insert("InvitedBy".into(), invited_by);
    }
    membership.insert("Type".into(), Value::String(membership_type.into()));
    membership.insert("Member".into(), member);
    membership.insert("ChannelArn".into(), Value::String(channel_arn.into()));
    membership.insert("CreatedTimestamp".into(), timestamp(joined));
    membership.insert("LastUpdatedTimestamp".into(), timestamp(joined));
    json!({ "ChannelMembership": Value::Object(membership) })
}

/// DescribeChannelBan.
pub(super) fn channel_ban(channel_arn: &str, member: Value, created_by: Value, at: f64) -> Value {
    json!({
        "ChannelBan": {
            "Member": member,
            "ChannelArn": channel_arn,
            "CreatedTimestamp": timestamp(at),
            "CreatedBy": created_by,
        }
    })
}

/// GetChannelMessage. The answer carries no PushNotification: whether a
/// push was asked for cannot be read back.
pub(super) fn channel_message(channel_arn: &str, message: &Message, sender: Value) -> Value {
    let mut body = Map::new();
    body.insert("ChannelArn".into(), Value::String(channel_arn.into()));
    body.insert("MessageId".into(), Value::String(message.id.clone()));
    body.insert("Content".into(), Value::String(message.content.clone()));
    if let Some(metadata) = &message.metadata {
        body.insert("Metadata".into(), Value::String(metadata.clone()));
    }
    body.insert("Type".into(), Value::String("STANDARD".into()));
    body.insert("CreatedTimestamp".into(), timestamp(message.sent_at));
    body.insert("LastUpdatedTimestamp".into(), timestamp(message.sent_at));
    body.insert("Sender".into(), sender);
    body.insert("Redacted".into(), Value::Bool(false));
    body.insert("Persistence".into(), Value::String("PERSISTENT".into()));
    body.insert("Status".into(), json!({ "Value": "SENT" }));
    if !message.attributes.is_empty() {
        let attributes = message
            .attributes
            .iter()
            .map(|(name, values)| (name.clone(), json!({ "StringValues": values })))
            .collect();
        body.insert("MessageAttributes".into(), Value::Object(attributes));
    }
    json!({ "ChannelMessage": Value::Object(body) })
}

/// One item of ListChannelMembershipsForAppInstanceUser.
pub(super) fn user_membership(channel_arn: &str, facts: &ChannelFacts, member: &Member) -> Value {
    let mut summary = Map::new();
    summary.insert("Name".into(), Value::String(facts.name.clone()));
    summary.insert("ChannelArn".into(), Value::String(channel_arn.into()));
    summary.insert("Mode".into(), Value::String(facts.mode.as_str().into()));
    summary.insert(
        "Privacy".into(),
        Value::String(facts.privacy.as_str().into()),
    );
    if let Some(metadata) = &facts.metadata {
        summary.insert("Metadata".into(), Value::String(metadata.clone()));
    }
    let last_message = facts.last_message();
    if let Some(at) = last_message {
        summary.insert("LastMessageTimestamp".into(), timestamp(at));
    }
    let mut membership = Map::new();
    membership.insert(
        "Type".into(),
        Value::String(member.membership_type().into()),
    );
    // The member has read everything there is.
    if let Some(at) = last_message {
        membership.insert("ReadMarkerTimestamp".into(), timestamp(at));
    }
    json!({
        "ChannelSummary": Value::Object(summary),
        "AppInstanceUserMembershipSummary": Value::Object(membership),
    })
}

/// ListChannelMembershipsForAppInstanceUser.
pub(super) fn user_memberships(items: Vec<Value>, next_token: Option<String>) -> Value {
    let mut body = Map::new();
    body.insert("ChannelMemberships".into(), Value::Array(items));
    with_token(body, next_token)
}

fn endpoint_fields(user_arn: &str, endpoint: &Endpoint) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("AppInstanceUserArn".into(), Value::String(user_arn.into()));
    fields.insert("EndpointId".into(), Value::String(endpoint.id.clone()));
    fields.insert("Name".into(), Value::String(endpoint.name.clone()));
    fields.insert("Type".into(), Value::String(endpoint.kind.clone()));
    fields.insert(
        "AllowMessages".into(),
        Value::String(endpoint.allow_messages.clone()),
    );
    let mut state = Map::new();
    state.insert("Status".into(), Value::String(endpoint.status.clone()));
    if let Some(reason) = &endpoint.status_reason {
        state.insert("StatusReason".into(), Value::String(reason.clone()));
    }
    fields.insert("EndpointState".into(), Value::Object(state));
    fields
}

/// ListAppInstanceUserEndpoints: summaries carry no ResourceArn, token or
/// timestamps.
pub(super) fn endpoint_list(
    user_arn: &str,
    endpoints: &[Endpoint],
    next_token: Option<String>,
) -> Value {
    let list = endpoints
        .iter()
        .map(|e| Value::Object(endpoint_fields(user_arn, e)))
        .collect();
    let mut body = Map::new();
    body.insert("AppInstanceUserEndpoints".into(), Value::Array(list));
    with_token(body, next_token)
}

/// DescribeAppInstanceUserEndpoint, with fake device tokens that start with
/// [`TOKEN_MARKER`] (clients must never show them).
pub(super) fn endpoint_detail(
    user_arn: &str,
    endpoint: &Endpoint,
    resource_arn: &str,
    created: f64,
) -> Value {
    let mut fields = endpoint_fields(user_arn, endpoint);
    fields.insert("ResourceArn".into(), Value::String(resource_arn.into()));
    let mut tokens = Map::new();
    tokens.insert(
        "DeviceToken".into(),
        Value::String(format!("{TOKEN_MARKER}device-{}", endpoint.id)),
    );
    if endpoint.voip {
        tokens.insert(
            "VoipDeviceToken".into(),
            Value::String(format!("{TOKEN_MARKER}voip-{}", endpoint.id)),
        );
    }
    fields.insert("EndpointAttributes".into(), Value::Object(tokens));
    fields.insert("CreatedTimestamp".into(), timestamp(created));
    fields.insert("LastUpdatedTimestamp".into(), timestamp(created));
    json!({ "AppInstanceUserEndpoint": Value::Object(fields) })
}
