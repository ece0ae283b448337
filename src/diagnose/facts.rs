//! What the calls of a diagnosis found, as plain data: the input of the
//! pure [`evaluate`](super::evaluate). Each fact is pending while its call
//! runs, so a screen can evaluate after every answer and fill in live.

use std::time::SystemTime;

use crate::error::CallError;
use crate::filter::Attributes;
use crate::model::AllowNotifications;
pub use crate::model::EndpointType;

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
    pub hidden: bool,
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
/// (the Pinpoint app). The device token is never part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointFact {
    pub id: String,
    pub name: Option<String>,
    pub kind: EndpointType,
    /// `AllowMessages`: false for NONE (muted).
    pub allow_messages: bool,
    /// `EndpointState.Status` is ACTIVE.
    pub active: bool,
    pub status_reason: Option<String>,
    /// DescribeAppInstanceUserEndpoint's ResourceArn (the Pinpoint app).
    pub resource_arn: Fact<Option<String>>,
}

impl EndpointFact {
    /// How a device is named on screen: its name (server text: sanitise
    /// it) or its id, with its platform.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) if !name.is_empty() => format!("{name} ({})", self.kind.as_wire()),
            _ => format!("{} ({})", self.id, self.kind.as_wire()),
        }
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
