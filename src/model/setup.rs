//! Behind the device: the Pinpoint (AWS End User Messaging push) app a
//! device endpoint names, its push channels, and the IAM role Chime sends
//! with.
//!
//! No secret is ever kept here: a GCM channel's `Credential` and any APNs
//! key or certificate are dropped where the SDK hands them over, and only
//! whether one was there is recorded. Every string is server text
//! (sanitise before display). A field the service left out stays `None`:
//! a check that needs it is unknown, never a guess.

use std::time::SystemTime;

use super::endpoint::EndpointType;
use super::wire::wire_enum;

/// A Pinpoint application, from its ARN
/// (`arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID`): where to call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PinpointAppRef {
    pub region: String,
    pub account: String,
    pub app_id: String,
}

impl PinpointAppRef {
    /// A device endpoint's `ResourceArn`, strictly: the `mobiletargeting`
    /// service, an `apps/ID` resource with a non-empty id and nothing after
    /// it. Anything else is `None` (not a Pinpoint app this tool can read).
    pub fn parse(arn: &str) -> Option<PinpointAppRef> {
        let mut parts = arn.splitn(6, ':');
        let (_, _, service, region, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        let id = resource.strip_prefix("apps/")?;
        if service != "mobiletargeting" || id.is_empty() || id.contains('/') {
            return None;
        }
        Some(PinpointAppRef {
            region: region.to_string(),
            account: account.to_string(),
            app_id: id.to_string(),
        })
    }

    /// The app's ARN, as a device endpoint's `ResourceArn` names it.
    pub fn arn(&self) -> String {
        format!(
            "arn:aws:mobiletargeting:{}:{}:apps/{}",
            self.region, self.account, self.app_id
        )
    }

    /// The resource `mobiletargeting:SendMessages` is allowed on.
    pub fn messages_arn(&self) -> String {
        format!("{}/messages", self.arn())
    }
}

/// GetApp's `ApplicationResponse`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PinpointApp {
    pub id: String,
    pub arn: Option<String>,
    pub name: Option<String>,
    /// `CreationDate`, as the service wrote it (an ISO 8601 string).
    pub created: Option<String>,
}

/// Which push channel of an app a device's endpoint type needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PushChannelKind {
    /// `GetApnsChannel`: production (App Store, TestFlight) builds.
    Apns,
    /// `GetApnsSandboxChannel`: development builds.
    ApnsSandbox,
    /// `GetGcmChannel`: Firebase Cloud Messaging.
    Gcm,
}

impl PushChannelKind {
    /// The channel an endpoint of this type is pushed through; `None` for a
    /// type this version does not know (its check is unknown).
    pub fn for_endpoint(kind: &EndpointType) -> Option<PushChannelKind> {
        match kind {
            EndpointType::Apns => Some(PushChannelKind::Apns),
            EndpointType::ApnsSandbox => Some(PushChannelKind::ApnsSandbox),
            EndpointType::Gcm => Some(PushChannelKind::Gcm),
            EndpointType::Unknown(_) => None,
        }
    }

    /// The path segment (`/v1/apps/{id}/channels/<this>`) and the
    /// `Platform` value the service reports.
    pub fn path_segment(self) -> &'static str {
        match self {
            PushChannelKind::Apns => "apns",
            PushChannelKind::ApnsSandbox => "apns_sandbox",
            PushChannelKind::Gcm => "gcm",
        }
    }

    pub fn platform(self) -> &'static str {
        match self {
            PushChannelKind::Apns => "APNS",
            PushChannelKind::ApnsSandbox => "APNS_SANDBOX",
            PushChannelKind::Gcm => "GCM",
        }
    }
}

wire_enum!(
    /// A channel's `DefaultAuthenticationMethod`. For GCM, KEY is the
    /// legacy server key (shut down by Google in 2024) and TOKEN is FCM v1
    /// service-account credentials; for APNs, CERTIFICATE or TOKEN.
    AuthenticationMethod {
        Key = "KEY",
        Token = "TOKEN",
        Certificate = "CERTIFICATE",
    }
);

/// A push channel's settings, as GetApnsChannel, GetApnsSandboxChannel and
/// GetGcmChannel return them, without any secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushChannel {
    pub kind: PushChannelKind,
    pub application_id: Option<String>,
    pub platform: Option<String>,
    pub enabled: Option<bool>,
    pub is_archived: Option<bool>,
    pub default_authentication_method: Option<AuthenticationMethod>,
    /// APNs: a token key (.p8) is stored.
    pub has_token_key: Option<bool>,
    /// A credential is stored (the legacy field; for GCM, the server key).
    pub has_credential: Option<bool>,
    /// GCM: FCM v1 service-account credentials are stored.
    pub has_fcm_service_credentials: Option<bool>,
    /// `LastModifiedDate`, as the service wrote it.
    pub last_modified: Option<String>,
    pub version: Option<i32>,
}

/// GetRole's `Role`, with the trust policy decoded (IAM sends it
/// percent-encoded; aws-sdk-iam does not decode it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRole {
    pub name: String,
    pub arn: String,
    pub path: String,
    /// The trust policy as JSON text, decoded; `None` when absent.
    pub trust_policy: Option<String>,
    pub last_used: Option<SystemTime>,
    pub last_used_region: Option<String>,
    pub permissions_boundary_arn: Option<String>,
}

wire_enum!(
    /// SimulatePrincipalPolicy's `EvalDecision` / `EvalResourceDecision`.
    EvalDecision {
        Allowed = "allowed",
        ExplicitDeny = "explicitDeny",
        ImplicitDeny = "implicitDeny",
    }
);

/// One statement the simulator matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStatement {
    pub source_policy_id: Option<String>,
    pub source_policy_type: Option<String>,
}

/// SimulatePrincipalPolicy's answer for one (action, resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedDecision {
    pub action: String,
    pub resource: String,
    pub decision: EvalDecision,
    pub matched_statements: Vec<MatchedStatement>,
    /// Context keys the simulator could not decide: not an allow.
    pub missing_context_values: Vec<String>,
}

/// Where one of a role's policies comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySource {
    /// An inline policy (ListRolePolicies + GetRolePolicy), by name.
    Inline { name: String },
    /// A managed policy attached to the role (ListAttachedRolePolicies +
    /// GetPolicy + GetPolicyVersion): its ARN and the default version read.
    Attached { arn: String, version_id: String },
}

/// One of a role's permission policies, its document decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolePolicy {
    pub source: PolicySource,
    /// The policy document as JSON text.
    pub document: String,
}
