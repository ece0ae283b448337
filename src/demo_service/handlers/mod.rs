//! One handler per served operation, after routing, authentication and
//! throttling. Each answers exactly as the real service would for the
//! demo's data: the same shapes, the same errors for the same reasons.

mod access;
mod bans;
mod endpoints;
mod iam;
mod memberships;
mod messages;
mod pinpoint;
mod preferences;
mod user_channels;

use axum::response::Response;

use super::route_match::Matched;
use super::state::ServerState;
use super::wire::ApiError;
use crate::operation::Operation;

/// A routed request.
pub(super) struct Request<'a> {
    pub(super) state: &'a ServerState,
    pub(super) route: &'a Matched<'a>,
    /// `x-amz-chime-bearer`, for the operations that take one.
    pub(super) bearer: Option<&'a str>,
    /// The raw query string (for IAM, the form body).
    pub(super) query: Option<&'a str>,
    /// The caller's access key ID: it picks the IAM world the caller sees.
    pub(super) access_key: &'a str,
}

impl Request<'_> {
    fn bearer(&self) -> &str {
        self.bearer.unwrap_or("")
    }

    fn label(&self, name: &str) -> Result<String, ApiError> {
        self.route.label(name)
    }
}

/// Runs the operation the request was routed to.
pub(super) async fn call(request: Request<'_>) -> Result<Response, ApiError> {
    match request.route.operation {
        Operation::GetChannelMembershipPreferences => preferences::get(&request).await,
        Operation::ListChannelMemberships => memberships::list(&request),
        Operation::DescribeChannelMembership => memberships::describe(&request),
        Operation::DescribeChannelBan => bans::describe(&request),
        Operation::GetChannelMessage => messages::get(&request),
        Operation::ListChannelMembershipsForAppInstanceUser => user_channels::list(&request),
        Operation::ListAppInstanceUserEndpoints => endpoints::list(&request),
        Operation::DescribeAppInstanceUserEndpoint => endpoints::describe(&request),
        Operation::GetApp => pinpoint::get_app(&request),
        Operation::GetApnsChannel => pinpoint::get_channel(&request, "apns"),
        Operation::GetApnsSandboxChannel => pinpoint::get_channel(&request, "apns_sandbox"),
        Operation::GetGcmChannel => pinpoint::get_channel(&request, "gcm"),
        Operation::GetRole
        | Operation::SimulatePrincipalPolicy
        | Operation::ListRolePolicies
        | Operation::GetRolePolicy
        | Operation::ListAttachedRolePolicies
        | Operation::GetPolicy
        | Operation::GetPolicyVersion => iam::call(&request),
    }
}
