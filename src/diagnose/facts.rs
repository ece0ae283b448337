//! What the calls of a diagnosis found, as plain data: the input of the
//! pure [`evaluate`](super::evaluate). Each fact is pending while its call
//! runs, so a screen can evaluate after every answer and fill in live.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::error::CallError;
use crate::filter::Attributes;
pub use crate::model::{
    AllowMessages, EndpointStatus, EndpointStatusReason, EndpointType, MembershipType,
};
use crate::model::{
    AllowNotifications, PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, RolePolicy,
    ServiceRole, SimulatedDecision,
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

/// The role Chime sends with: a customer-made service role that must have
/// exactly this name.
pub const SERVICE_ROLE_NAME: &str = "ServiceRoleForAmazonChimePushNotification";

/// The action the role must be allowed on each app's `/messages` ARN.
pub const SEND_ACTION: &str = "mobiletargeting:SendMessages";

/// Whether the role may send to one app, and which way that was found out.
#[derive(Debug, Clone, PartialEq)]
pub enum PermissionAnswer {
    /// SimulatePrincipalPolicy answered (for [`SEND_ACTION`] on the app's
    /// `/messages` ARN).
    Simulated(Vec<SimulatedDecision>),
    /// The simulation was refused (kept, to say so), so the role's own
    /// policies were read and evaluated locally.
    ReadPolicies {
        refused: CallError,
        policies: Vec<RolePolicy>,
    },
}

/// DescribeChannelMembership: `None` when the service said NotFound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipFact {
    /// `Type` as sent (`None`: not given).
    pub kind: Option<MembershipType>,
    pub invited_by: Option<String>,
    pub created: Option<SystemTime>,
    /// `Member.Name` as the response gave it (server text), for the
    /// report's subject; it decides nothing.
    pub member_name: Option<String>,
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
    /// `Member.Name` as the response gave it (server text), for the
    /// report's subject; it decides nothing.
    pub member_name: Option<String>,
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
    /// Behind the device, read once per diagnosis and shared by every
    /// device that names the same app. GetApp for each app in use: `None`
    /// when the service said NotFound (the app is gone). An app in use with
    /// no entry has not been asked about.
    pub apps: BTreeMap<PinpointAppRef, Fact<Option<PinpointApp>>>,
    /// Each (app, channel) a device in use needs: `None` when the service
    /// said NotFound (no such channel).
    pub channels: BTreeMap<(PinpointAppRef, PushChannelKind), Fact<Option<PushChannel>>>,
    /// GetRole [`SERVICE_ROLE_NAME`] in the app instance's account: `None`
    /// when IAM said NoSuchEntity.
    pub role: Fact<Option<ServiceRole>>,
    /// May the role send to each app in use.
    pub permission: BTreeMap<PinpointAppRef, Fact<PermissionAnswer>>,
    /// When the facts were read, set by whoever reads them (evaluation
    /// keeps no clock): the APNs certificate age inference needs it and is
    /// left out without it.
    pub read_at: Option<SystemTime>,
}

/// What the set-up facts still lack for the devices known so far: the
/// runner asks these (and marks them pending with
/// [`Facts::mark_setup_pending`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetupWanted {
    pub apps: Vec<PinpointAppRef>,
    pub channels: Vec<(PinpointAppRef, PushChannelKind)>,
    pub permissions: Vec<PinpointAppRef>,
}

impl SetupWanted {
    pub fn is_empty(&self) -> bool {
        self.apps.is_empty() && self.channels.is_empty() && self.permissions.is_empty()
    }
}

impl Facts {
    /// The member's name, once its preferences or its membership
    /// answered with one (server text: escape it where it is shown).
    pub fn member_name(&self) -> Option<&str> {
        let preferences = match &self.preferences {
            Fact::Known { value, .. } => value.member_name.as_deref(),
            _ => None,
        };
        let membership = match &self.membership {
            Fact::Known { value: Some(m), .. } => m.member_name.as_deref(),
            _ => None,
        };
        preferences.or(membership)
    }

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
            apps: BTreeMap::new(),
            channels: BTreeMap::new(),
            role: Fact::Pending,
            permission: BTreeMap::new(),
            read_at: None,
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
            apps: BTreeMap::new(),
            channels: BTreeMap::new(),
            role: Fact::NotAsked(WHY.to_string()),
            permission: BTreeMap::new(),
            read_at: None,
        }
    }

    /// The apps and channels the known devices use: each endpoint that may
    /// receive (`AllowMessages` ALL, ACTIVE, no value this version does not
    /// know: what the endpoints check lets through) and whose describe named a
    /// Pinpoint app, with the channel its type needs (`None` for a type this
    /// version does not know). A muted or inactive device is cut before
    /// these links, so its set-up is not read.
    pub fn apps_in_use(&self) -> Vec<(PinpointAppRef, Option<PushChannelKind>)> {
        let mut out = Vec::new();
        let Fact::Known { value, .. } = &self.endpoints else {
            return out;
        };
        let may_receive = |e: &&EndpointFact| {
            e.allow_messages == Some(AllowMessages::All)
                && e.status == Some(EndpointStatus::Active)
                && e.unknown_values().is_empty()
        };
        for e in value.iter().filter(may_receive) {
            let Fact::Known {
                value: Some(arn), ..
            } = &e.resource_arn
            else {
                continue;
            };
            let Some(app) = PinpointAppRef::parse(arn) else {
                continue;
            };
            let pair = (app, e.kind.as_ref().and_then(PushChannelKind::for_endpoint));
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
        out
    }

    /// The set-up facts not yet asked for (no entry at all) for the devices
    /// known so far. The role is a plain fact: ask it when it is pending.
    pub fn setup_wanted(&self) -> SetupWanted {
        let mut wanted = SetupWanted::default();
        for (app, kind) in self.apps_in_use() {
            if !self.apps.contains_key(&app) && !wanted.apps.contains(&app) {
                wanted.apps.push(app.clone());
            }
            if !self.permission.contains_key(&app) && !wanted.permissions.contains(&app) {
                wanted.permissions.push(app.clone());
            }
            if let Some(kind) = kind {
                let key = (app, kind);
                if !self.channels.contains_key(&key) && !wanted.channels.contains(&key) {
                    wanted.channels.push(key);
                }
            }
        }
        wanted
    }

    /// Mark what `wanted` names as pending (the runner is asking it).
    pub fn mark_setup_pending(&mut self, wanted: &SetupWanted) {
        for app in &wanted.apps {
            self.apps.entry(app.clone()).or_insert(Fact::Pending);
        }
        for key in &wanted.channels {
            self.channels.entry(key.clone()).or_insert(Fact::Pending);
        }
        for app in &wanted.permissions {
            self.permission.entry(app.clone()).or_insert(Fact::Pending);
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
        let setup_pending = self.role.is_pending()
            || self.apps.values().any(Fact::is_pending)
            || self.channels.values().any(Fact::is_pending)
            || self.permission.values().any(Fact::is_pending);
        !(self.membership.is_pending()
            || self.ban.is_pending()
            || self.preferences.is_pending()
            || message_pending
            || endpoint_pending
            || setup_pending)
    }
}
