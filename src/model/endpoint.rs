//! A user's devices: ListAppInstanceUserEndpoints and
//! DescribeAppInstanceUserEndpoint.
//!
//! Device tokens are not kept at all: `crate::aws` drops them where the
//! SDK hands them over and records only whether one was there. The name is
//! server text (sanitise before display).

use std::time::SystemTime;

use super::wire::wire_enum;

wire_enum!(
    /// `AppInstanceUserEndpoint.Type`. APNS_SANDBOX reaches development
    /// builds only.
    EndpointType {
        Apns = "APNS",
        ApnsSandbox = "APNS_SANDBOX",
        Gcm = "GCM",
    }
);

wire_enum!(
    /// `AllowMessages`: NONE stops every push to the device.
    AllowMessages {
        All = "ALL",
        None = "NONE",
    }
);

wire_enum!(
    /// `EndpointState.Status`.
    EndpointStatus {
        Active = "ACTIVE",
        Inactive = "INACTIVE",
    }
);

wire_enum!(
    /// `EndpointState.StatusReason`: a fresh token is needed
    /// (INVALID_DEVICE_TOKEN), or the Pinpoint app is gone
    /// (INVALID_PINPOINT_ARN).
    EndpointStatusReason {
        InvalidDeviceToken = "INVALID_DEVICE_TOKEN",
        InvalidPinpointArn = "INVALID_PINPOINT_ARN",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndpointState {
    pub status: Option<EndpointStatus>,
    pub reason: Option<EndpointStatusReason>,
}

/// One endpoint. The list call fills the summary's fields; Describe also
/// the Pinpoint app, the token flags and the timestamps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppInstanceUserEndpoint {
    pub app_instance_user_arn: Option<String>,
    pub endpoint_id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<EndpointType>,
    pub allow_messages: Option<AllowMessages>,
    pub state: Option<EndpointState>,
    /// The Pinpoint application ARN (Describe only).
    pub resource_arn: Option<String>,
    /// Whether a device token was registered (the token itself is dropped).
    pub has_device_token: bool,
    pub has_voip_device_token: bool,
    pub created: Option<SystemTime>,
    pub last_updated: Option<SystemTime>,
}

impl AppInstanceUserEndpoint {
    /// Whether this endpoint can receive pushes at all: ALL and ACTIVE.
    pub fn can_receive(&self) -> bool {
        self.allow_messages == Some(AllowMessages::All)
            && self
                .state
                .as_ref()
                .is_some_and(|s| s.status == Some(EndpointStatus::Active))
    }
}
