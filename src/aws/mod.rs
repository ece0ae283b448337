//! The only module that knows the AWS SDK.
//!
//! It builds the Chime SDK messaging and identity clients (and, behind the
//! device, the Pinpoint and IAM ones) from the standard
//! aws-config chain (flags, environment, profiles, SSO), adds what the SDK
//! lacks for Chime (a whole-call time budget, a 429 retry classifier,
//! attempt counting, a `credential_process` that cannot outlive the call,
//! the proxy the environment names), and maps every SDK type into
//! `crate::model` and `crate::error` at once.
//!
//! Every call goes through [`call`]: it goes to the region of the ARN it is
//! about, whatever the profile or environment say. The operations live in
//! one file per service and family (`messaging/preferences.rs`, ...).

mod attempts;
mod call;
mod classify;
mod clients;
mod connector;
mod credentials;
mod http;
mod iam;
mod identity;
mod info;
mod messaging;
mod paging;
mod pinpoint;
pub(crate) mod region;
mod retry;
mod settings;
mod trust;

use std::time::SystemTime;

pub use clients::{Clients, SetupProblem};
pub use iam::{CHIME_PUSH_ROLE, role_arn};
pub use info::{ClientInfo, ConfiguredRegion};
pub use region::RegionProblem;
pub use settings::{
    AwsSettings, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT, RegionSource, ServiceEndpoints,
};

/// The name the scan and the TUI knew the clients by.
pub type PrefsClient = Clients;

/// An SDK timestamp as the model keeps it.
pub(crate) fn time(value: Option<&aws_smithy_types::DateTime>) -> Option<SystemTime> {
    value.and_then(|t| SystemTime::try_from(*t).ok())
}
