//! Every AWS call chime-prefs makes, named once.
//!
//! The explanation catalog, the demo service's router, logs and the AWS CLI
//! command a user can copy all read these facts from here, so that a new
//! call is one new variant. Every operation is read-only (Get, List,
//! Describe, Simulate): the Chime and Pinpoint calls are GETs, IAM's query
//! protocol makes its read-only actions POSTs. chime-prefs never calls a
//! mutating API.

/// The services the tool reads: the two Chime SDK services, and behind the
/// device, AWS End User Messaging push (the Pinpoint API) and IAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    Messaging,
    Identity,
    /// AWS End User Messaging push: the Pinpoint API (`pinpoint.REGION`,
    /// signing name `mobiletargeting`, REST/JSON).
    Pinpoint,
    /// IAM: global (`iam.amazonaws.com`, signed for us-east-1), the query
    /// protocol.
    Iam,
}

impl Service {
    pub const ALL: [Service; 4] = [
        Service::Messaging,
        Service::Identity,
        Service::Pinpoint,
        Service::Iam,
    ];

    /// The AWS CLI's name for the service (`aws chime-sdk-messaging ...`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Service::Messaging => "chime-sdk-messaging",
            Service::Identity => "chime-sdk-identity",
            Service::Pinpoint => "pinpoint",
            Service::Iam => "iam",
        }
    }

    /// The first label of the service's regional host name.
    pub fn host_prefix(self) -> &'static str {
        match self {
            Service::Messaging => "messaging-chime",
            Service::Identity => "identity-chime",
            Service::Pinpoint => "pinpoint",
            Service::Iam => "iam",
        }
    }

    /// The SigV4 signing name (`chime` for both Chime SDK services).
    pub fn signing_name(self) -> &'static str {
        match self {
            Service::Messaging | Service::Identity => "chime",
            Service::Pinpoint => "mobiletargeting",
            Service::Iam => "iam",
        }
    }

    /// Whether the service has one endpoint for the whole partition (IAM)
    /// rather than one per region.
    pub fn is_global(self) -> bool {
        self == Service::Iam
    }

    /// The prefix of the service's IAM actions (`chime:`, `mobiletargeting:`,
    /// `iam:`).
    pub fn iam_prefix(self) -> &'static str {
        match self {
            Service::Messaging | Service::Identity => "chime",
            Service::Pinpoint => "mobiletargeting",
            Service::Iam => "iam",
        }
    }

    /// The endpoint, for real AWS: regional, or IAM's global one.
    pub fn endpoint(self, region: &str) -> String {
        if self.is_global() {
            return format!("https://{}.amazonaws.com", self.host_prefix());
        }
        format!("https://{}.{region}.amazonaws.com", self.host_prefix())
    }

    /// The suffix aws-config reads for a per-service endpoint
    /// (`AWS_ENDPOINT_URL_<SUFFIX>`).
    pub fn endpoint_env_suffix(self) -> &'static str {
        match self {
            Service::Messaging => "CHIME_SDK_MESSAGING",
            Service::Identity => "CHIME_SDK_IDENTITY",
            Service::Pinpoint => "PINPOINT",
            Service::Iam => "IAM",
        }
    }
}

/// Every call the tool can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    GetChannelMembershipPreferences,
    ListChannelMemberships,
    DescribeChannelMembership,
    DescribeChannelBan,
    GetChannelMessage,
    ListChannelMembershipsForAppInstanceUser,
    ListAppInstanceUserEndpoints,
    DescribeAppInstanceUserEndpoint,
    // Pinpoint (AWS End User Messaging push)
    GetApp,
    GetApnsChannel,
    GetApnsSandboxChannel,
    GetGcmChannel,
    // IAM
    GetRole,
    SimulatePrincipalPolicy,
    ListRolePolicies,
    GetRolePolicy,
    ListAttachedRolePolicies,
    GetPolicy,
    GetPolicyVersion,
}

impl Operation {
    pub const ALL: [Operation; 19] = [
        Operation::GetChannelMembershipPreferences,
        Operation::ListChannelMemberships,
        Operation::DescribeChannelMembership,
        Operation::DescribeChannelBan,
        Operation::GetChannelMessage,
        Operation::ListChannelMembershipsForAppInstanceUser,
        Operation::ListAppInstanceUserEndpoints,
        Operation::DescribeAppInstanceUserEndpoint,
        Operation::GetApp,
        Operation::GetApnsChannel,
        Operation::GetApnsSandboxChannel,
        Operation::GetGcmChannel,
        Operation::GetRole,
        Operation::SimulatePrincipalPolicy,
        Operation::ListRolePolicies,
        Operation::GetRolePolicy,
        Operation::ListAttachedRolePolicies,
        Operation::GetPolicy,
        Operation::GetPolicyVersion,
    ];

    /// The API name, as in the service model and IAM.
    pub fn api_name(self) -> &'static str {
        match self {
            Operation::GetChannelMembershipPreferences => "GetChannelMembershipPreferences",
            Operation::ListChannelMemberships => "ListChannelMemberships",
            Operation::DescribeChannelMembership => "DescribeChannelMembership",
            Operation::DescribeChannelBan => "DescribeChannelBan",
            Operation::GetChannelMessage => "GetChannelMessage",
            Operation::ListChannelMembershipsForAppInstanceUser => {
                "ListChannelMembershipsForAppInstanceUser"
            }
            Operation::ListAppInstanceUserEndpoints => "ListAppInstanceUserEndpoints",
            Operation::DescribeAppInstanceUserEndpoint => "DescribeAppInstanceUserEndpoint",
            Operation::GetApp => "GetApp",
            Operation::GetApnsChannel => "GetApnsChannel",
            Operation::GetApnsSandboxChannel => "GetApnsSandboxChannel",
            Operation::GetGcmChannel => "GetGcmChannel",
            Operation::GetRole => "GetRole",
            Operation::SimulatePrincipalPolicy => "SimulatePrincipalPolicy",
            Operation::ListRolePolicies => "ListRolePolicies",
            Operation::GetRolePolicy => "GetRolePolicy",
            Operation::ListAttachedRolePolicies => "ListAttachedRolePolicies",
            Operation::GetPolicy => "GetPolicy",
            Operation::GetPolicyVersion => "GetPolicyVersion",
        }
    }

    /// The operation [`api_name`](Self::api_name) names, as reports
    /// write it.
    pub fn from_api_name(name: &str) -> Option<Operation> {
        Self::ALL.into_iter().find(|op| op.api_name() == name)
    }

    pub fn service(self) -> Service {
        match self {
            Operation::ListAppInstanceUserEndpoints
            | Operation::DescribeAppInstanceUserEndpoint => Service::Identity,
            Operation::GetApp
            | Operation::GetApnsChannel
            | Operation::GetApnsSandboxChannel
            | Operation::GetGcmChannel => Service::Pinpoint,
            Operation::GetRole
            | Operation::SimulatePrincipalPolicy
            | Operation::ListRolePolicies
            | Operation::GetRolePolicy
            | Operation::ListAttachedRolePolicies
            | Operation::GetPolicy
            | Operation::GetPolicyVersion => Service::Iam,
            _ => Service::Messaging,
        }
    }

    /// The IAM action a policy must allow (`chime:<ApiName>`,
    /// `mobiletargeting:GetApp`, `iam:GetRole`).
    pub fn iam_action(self) -> String {
        format!("{}:{}", self.service().iam_prefix(), self.api_name())
    }

    /// The operation an [`iam_action`](Self::iam_action) allows, as
    /// reports write it (`IamActionsToRun`).
    pub fn from_iam_action(action: &str) -> Option<Operation> {
        Self::ALL.into_iter().find(|op| op.iam_action() == action)
    }

    /// Whether the call carries `x-amz-chime-bearer`. Identity calls take
    /// none: IAM alone decides.
    pub fn takes_bearer(self) -> bool {
        self.service() == Service::Messaging
    }

    /// Who the service lets make the call, in words.
    pub fn who_may_call(self) -> &'static str {
        match self {
            Operation::GetChannelMembershipPreferences => {
                "only the member who owns the membership, as the bearer"
            }
            Operation::ListChannelMemberships => {
                "channel members, channel moderators and AppInstanceAdmins, as the bearer"
            }
            Operation::DescribeChannelMembership => {
                "channel members, channel moderators and AppInstanceAdmins, as the bearer"
            }
            Operation::DescribeChannelBan => {
                "channel moderators and AppInstanceAdmins, as the bearer"
            }
            Operation::GetChannelMessage => {
                "channel members, channel moderators and AppInstanceAdmins, as the bearer"
            }
            Operation::ListChannelMembershipsForAppInstanceUser => {
                "the user itself, or an AppInstanceAdmin for another user, as the bearer"
            }
            Operation::ListAppInstanceUserEndpoints
            | Operation::DescribeAppInstanceUserEndpoint => {
                "any IAM principal whose policy allows the action (no bearer)"
            }
            _ => "any IAM principal whose policy allows the action",
        }
    }

    /// The AWS CLI's sub-command (`aws chime-sdk-messaging <this>`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Operation::GetChannelMembershipPreferences => "get-channel-membership-preferences",
            Operation::ListChannelMemberships => "list-channel-memberships",
            Operation::DescribeChannelMembership => "describe-channel-membership",
            Operation::DescribeChannelBan => "describe-channel-ban",
            Operation::GetChannelMessage => "get-channel-message",
            Operation::ListChannelMembershipsForAppInstanceUser => {
                "list-channel-memberships-for-app-instance-user"
            }
            Operation::ListAppInstanceUserEndpoints => "list-app-instance-user-endpoints",
            Operation::DescribeAppInstanceUserEndpoint => "describe-app-instance-user-endpoint",
            Operation::GetApp => "get-app",
            Operation::GetApnsChannel => "get-apns-channel",
            Operation::GetApnsSandboxChannel => "get-apns-sandbox-channel",
            Operation::GetGcmChannel => "get-gcm-channel",
            Operation::GetRole => "get-role",
            Operation::SimulatePrincipalPolicy => "simulate-principal-policy",
            Operation::ListRolePolicies => "list-role-policies",
            Operation::GetRolePolicy => "get-role-policy",
            Operation::ListAttachedRolePolicies => "list-attached-role-policies",
            Operation::GetPolicy => "get-policy",
            Operation::GetPolicyVersion => "get-policy-version",
        }
    }

    /// `aws <service> <operation>`, without arguments.
    pub fn cli_command(self) -> String {
        format!("aws {} {}", self.service().cli_name(), self.cli_name())
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_calls_take_no_bearer_and_messaging_calls_do() {
        for op in Operation::ALL {
            assert_eq!(
                op.takes_bearer(),
                op.service() == Service::Messaging,
                "{op}"
            );
        }
        assert!(!Operation::ListAppInstanceUserEndpoints.takes_bearer());
        assert!(Operation::DescribeChannelBan.takes_bearer());
    }

    #[test]
    fn names_agree_with_each_other() {
        for op in Operation::ALL {
            let kebab: String = op
                .api_name()
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let lower = c.to_ascii_lowercase();
                    if c.is_ascii_uppercase() && i > 0 {
                        vec!['-', lower]
                    } else {
                        vec![lower]
                    }
                })
                .collect();
            assert_eq!(op.cli_name(), kebab, "{op}");
            assert_eq!(
                op.iam_action(),
                format!("{}:{}", op.service().iam_prefix(), op.api_name())
            );
        }
        assert_eq!(
            Operation::GetChannelMembershipPreferences.cli_command(),
            "aws chime-sdk-messaging get-channel-membership-preferences"
        );
        assert_eq!(
            Service::Identity.endpoint("us-east-1"),
            "https://identity-chime.us-east-1.amazonaws.com"
        );
        assert_eq!(
            Operation::GetGcmChannel.iam_action(),
            "mobiletargeting:GetGcmChannel"
        );
        assert_eq!(Operation::GetRole.iam_action(), "iam:GetRole");
        assert_eq!(
            Service::Iam.endpoint("eu-central-1"),
            "https://iam.amazonaws.com"
        );
        assert_eq!(
            Service::Pinpoint.endpoint("eu-central-1"),
            "https://pinpoint.eu-central-1.amazonaws.com"
        );
    }
}
