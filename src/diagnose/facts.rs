//! What the calls of a diagnosis found, as plain data: the input of the
//! pure [`evaluate`](super::evaluate). Each fact is pending while its call
//! runs, so a screen can evaluate after every answer and fill in live.

use std::time::SystemTime;

use crate::error::CallError;
use crate::filter::Attributes;
use crate::model::AllowNotifications;
pub use crate::model::{
    AllowMessages, EndpointStatus, EndpointStatusReason, EndpointType, MembershipType,
};

/// One call's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<T> {
    /// The call has not answered yet.
    Pending,
    /// The call was not made; the text says why (and what would make it).
    NotAsked(String),
    Known {
        value: T,
        request_id: Option<String>,
    },
    Failed(CallError),
}

impl<T> Fact<T> {
    pub fn known(value: T, request_id: Option<String>) -> Self {
        Fact::Known { value, request_id }
    }

    pub fn is_pending(&self) -> bool {
        matches!(self, Fact::Pending)
    }
}

/// DescribeChannelMembership: `None` when the service said NotFound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipFact {
    /// `Type` as sent (`None`: not given).
    pub kind: Option<MembershipType>,
    pub invited_by: Option<String>,
    pub created: Option<SystemTime>,
}

/// DescribeChannelBan: `None` when the service said NotFound (not banned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BanFact {
    /// ARN (or name) of whoever banned the member.
    pub created_by: Option<String>,
    pub created: Option<SystemTime>,
}

/// GetChannelMembershipPreferences, reduced to what decides a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreferencesFact {
    /// `None`: never set (the documented default applies).
    pub allow: Option<AllowNotifications>,
    pub filter_rule: Option<String>,
}

/// One device endpoint: the list's summary, plus the describe call's answer
/// (the Pinpoint app). The device token is never part of it. Every value is
/// as the service sent it: `None` where it sent none, `Unknown` (verbatim)
/// where it sent one this version does not know; neither is guessed into a
/// known meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointFact {
    pub id: String,
    pub name: Option<String>,
    /// `Type`.
    pub kind: Option<EndpointType>,
    /// `AllowMessages`: NONE mutes the device.
    pub allow_messages: Option<AllowMessages>,
    /// `EndpointState.Status`.
    pub status: Option<EndpointStatus>,
    /// `EndpointState.StatusReason`.
    pub status_reason: Option<EndpointStatusReason>,
    /// DescribeAppInstanceUserEndpoint's ResourceArn (the Pinpoint app).
    pub resource_arn: Fact<Option<String>>,
}

impl EndpointFact {
    /// How a device is named on screen: its name (server text: sanitise
    /// it) or its id, with its platform.
    pub fn label(&self) -> String {
        let kind = self.kind.as_ref().map_or("no Type given", |k| k.as_wire());
        match &self.name {
            Some(name) if !name.is_empty() => format!("{name} ({kind})"),
            _ => format!("{} ({kind})", self.id),
        }
    }

    /// The values this version cannot judge, each named with its field:
    /// "AllowMessages SOMETIMES is a value this version does not know",
    /// "no EndpointState.Status given". Empty when every value is known.
    pub fn unknown_values(&self) -> Vec<String> {
        fn unknown(field: &str, value: Option<&str>, known: bool) -> Option<String> {
            match value {
                None => Some(format!("no {field} given")),
                Some(v) if !known => {
                    Some(format!("{field} {v} is a value this version does not know"))
                }
                Some(_) => None,
            }
        }
        let allow = self.allow_messages.as_ref();
        let status = self.status.as_ref();
        let kind = self.kind.as_ref();
        [
            unknown(
                "AllowMessages",
                allow.map(|a| a.as_wire()),
                !matches!(allow, Some(AllowMessages::Unknown(_))),
            ),
            unknown(
                "EndpointState.Status",
                status.map(|s| s.as_wire()),
                !matches!(status, Some(EndpointStatus::Unknown(_))),
            ),
            // A reason is optional: only an unknown one is a gap.
            match &self.status_reason {
                Some(EndpointStatusReason::Unknown(v)) => Some(format!(
                    "EndpointState.StatusReason {v} is a value this version does not know"
                )),
                _ => None,
            },
            unknown(
                "Type",
                kind.map(|k| k.as_wire()),
                !matches!(kind, Some(EndpointType::Unknown(_))),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The message the filter rule is judged against.
#[derive(Debug, Clone, PartialEq)]
pub enum MessageInput {
    /// Neither `--message-id` nor `--attributes`.
    None,
    /// `--attributes`: given by the user.
    Attributes(Attributes),
    /// `--message-id`: GetChannelMessage's MessageAttributes.
    Message {
        id: String,
        attributes: Fact<Attributes>,
    },
}

/// The app instance the channel belongs to, from the channel ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub region: String,
    pub account: String,
    pub channel_arn: String,
    pub member_arn: String,
    pub admin_arn: Option<String>,
}

/// Everything the verdict is decided from.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub scope: Scope,
    /// Warnings from the pre-send ARN checks (errors stop before sending).
    pub arn_warnings: Vec<String>,
    pub membership: Fact<Option<MembershipFact>>,
    pub ban: Fact<Option<BanFact>>,
    pub preferences: Fact<PreferencesFact>,
    pub message: MessageInput,
    pub endpoints: Fact<Vec<EndpointFact>>,
}

impl Facts {
    /// Nothing asked yet: every call pending, the ban not asked without an
    /// admin bearer.
    pub fn pending(scope: Scope, message: MessageInput) -> Self {
        let ban = if scope.admin_arn.is_some() {
            Fact::Pending
        } else {
            Fact::NotAsked(
                "needs an AppInstanceAdmin or moderator bearer: pass --admin-arn (or set [aws] admin_arn)"
                    .to_string(),
            )
        };
        Facts {
            scope,
            arn_warnings: Vec::new(),
            membership: Fact::Pending,
            ban,
            preferences: Fact::Pending,
            message,
            endpoints: Fact::Pending,
        }
    }

    /// Only the member's devices to ask about (the endpoint list and each
    /// endpoint's describe): the member picture, which judges devices once
    /// for all of a member's channels. `scope.channel_arn` is not used.
    pub fn devices_only(scope: Scope) -> Self {
        const WHY: &str = "only the member's devices are asked about";
        Facts {
            scope,
            arn_warnings: Vec::new(),
            membership: Fact::NotAsked(WHY.to_string()),
            ban: Fact::NotAsked(WHY.to_string()),
            preferences: Fact::NotAsked(WHY.to_string()),
            message: MessageInput::None,
            endpoints: Fact::Pending,
        }
    }

    /// True when no call is still running.
    pub fn complete(&self) -> bool {
        let message_pending = matches!(
            &self.message,
            MessageInput::Message { attributes, .. } if attributes.is_pending()
        );
        let endpoint_pending = match &self.endpoints {
            Fact::Pending => true,
            Fact::Known { value, .. } => value.iter().any(|e| e.resource_arn.is_pending()),
            _ => false,
        };
        !(self.membership.is_pending()
            || self.ban.is_pending()
            || self.preferences.is_pending()
            || message_pending
            || endpoint_pending)
    }
}
