//! Which request is which operation, as plain data: every route the demo
//! serves, written as the service models write it (botocore's
//! `requestUri`): `{label}` path segments, and a `?key=value` the query
//! must carry when several operations share a path. Whether a call needs
//! `x-amz-chime-bearer` comes from [`Operation::takes_bearer`]: messaging
//! calls do, identity calls take none (IAM alone decides).
//!
//! Every Chime and Pinpoint route is a GET. IAM speaks the query protocol:
//! every action is a form POST to `/`, and the form's `Action` is the
//! discriminator (the router reads a POST's form body as its query). Only
//! read-only actions are served: chime-prefs never calls a mutating API.

use crate::operation::Operation;

/// One served route.
#[derive(Debug, Clone, Copy)]
pub(super) struct RouteSpec {
    pub(super) method: &'static str,
    /// The path pattern and, after `?`, the query discriminator.
    pub(super) uri: &'static str,
    pub(super) operation: Operation,
}

impl RouteSpec {
    /// The path pattern, without the query discriminator.
    pub(super) fn path(&self) -> &'static str {
        self.uri.split_once('?').map_or(self.uri, |(path, _)| path)
    }

    /// The `(key, value)` the query must carry, if any.
    pub(super) fn discriminator(&self) -> Option<(&'static str, &'static str)> {
        self.uri
            .split_once('?')
            .and_then(|(_, query)| query.split_once('='))
    }
}

/// The served routes. A route with a discriminator is tried before a
/// plainer route on the same path.
pub(super) const ROUTES: [RouteSpec; 19] = [
    RouteSpec {
        method: "GET",
        uri: "/channels/{channelArn}/memberships/{memberArn}/preferences",
        operation: Operation::GetChannelMembershipPreferences,
    },
    RouteSpec {
        method: "GET",
        uri: "/channels/{channelArn}/memberships",
        operation: Operation::ListChannelMemberships,
    },
    RouteSpec {
        method: "GET",
        uri: "/channels/{channelArn}/memberships/{memberArn}",
        operation: Operation::DescribeChannelMembership,
    },
    RouteSpec {
        method: "GET",
        uri: "/channels/{channelArn}/bans/{memberArn}",
        operation: Operation::DescribeChannelBan,
    },
    RouteSpec {
        method: "GET",
        uri: "/channels/{channelArn}/messages/{messageId}",
        operation: Operation::GetChannelMessage,
    },
    RouteSpec {
        method: "GET",
        uri: "/channels?scope=app-instance-user-memberships",
        operation: Operation::ListChannelMembershipsForAppInstanceUser,
    },
    RouteSpec {
        method: "GET",
        uri: "/app-instance-users/{appInstanceUserArn}/endpoints",
        operation: Operation::ListAppInstanceUserEndpoints,
    },
    RouteSpec {
        method: "GET",
        uri: "/app-instance-users/{appInstanceUserArn}/endpoints/{endpointId}",
        operation: Operation::DescribeAppInstanceUserEndpoint,
    },
    RouteSpec {
        method: "GET",
        uri: "/v1/apps/{application-id}",
        operation: Operation::GetApp,
    },
    RouteSpec {
        method: "GET",
        uri: "/v1/apps/{application-id}/channels/apns",
        operation: Operation::GetApnsChannel,
    },
    RouteSpec {
        method: "GET",
        uri: "/v1/apps/{application-id}/channels/apns_sandbox",
        operation: Operation::GetApnsSandboxChannel,
    },
    RouteSpec {
        method: "GET",
        uri: "/v1/apps/{application-id}/channels/gcm",
        operation: Operation::GetGcmChannel,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=GetRole",
        operation: Operation::GetRole,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=SimulatePrincipalPolicy",
        operation: Operation::SimulatePrincipalPolicy,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=ListRolePolicies",
        operation: Operation::ListRolePolicies,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=GetRolePolicy",
        operation: Operation::GetRolePolicy,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=ListAttachedRolePolicies",
        operation: Operation::ListAttachedRolePolicies,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=GetPolicy",
        operation: Operation::GetPolicy,
    },
    RouteSpec {
        method: "POST",
        uri: "/?Action=GetPolicyVersion",
        operation: Operation::GetPolicyVersion,
    },
];
