//! The explanation catalog: for every [`ErrorKind`], what happened, what it
//! means for GetChannelMembershipPreferences, the likely causes and what to
//! do next. This is data, and it lives here and nowhere else.
//!
//! Text may hold the placeholders `{profile}`, `{member}`, `{bearer}` and
//! `{region}`; [`Explanation::render`] fills them from the lookup at hand.

use crate::error::ErrorKind;
use crate::operation::Operation;

#[derive(Debug)]
pub struct Explanation {
    pub kind: ErrorKind,
    pub title: &'static str,
    /// What this failure means for this operation specifically.
    pub summary: &'static str,
    pub causes: &'static [&'static str],
    /// Causes that only apply when the bearer is not the member; left out
    /// when the context shows they are the same.
    pub bearer_causes: &'static [&'static str],
    pub next_steps: &'static [&'static str],
}

/// Values substituted into the catalog's placeholders.
#[derive(Debug, Default, Clone)]
pub struct Context<'a> {
    pub profile: Option<&'a str>,
    pub region: Option<&'a str>,
    pub member: Option<&'a str>,
    pub bearer: Option<&'a str>,
}

/// The catalog text with placeholders filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub title: String,
    pub summary: String,
    pub causes: Vec<String>,
    pub next_steps: Vec<String>,
    pub retryable: bool,
}

impl Explanation {
    /// The causes that fit the context, bearer-related ones first.
    fn causes_for<'s>(&'s self, ctx: &Context<'_>) -> impl Iterator<Item = &'s str> + 's {
        let same = ctx.bearer.is_some() && ctx.bearer == ctx.member;
        let bearer: &'s [&'s str] = if same { &[] } else { self.bearer_causes };
        bearer.iter().chain(self.causes.iter()).copied()
    }

    pub fn render(&self, ctx: &Context<'_>) -> Rendered {
        let fill = |text: &str| {
            text.replace("{profile}", ctx.profile.unwrap_or("<profile>"))
                .replace("{region}", ctx.region.unwrap_or("<region>"))
                .replace("{member}", ctx.member.unwrap_or("<member ARN>"))
                .replace("{bearer}", ctx.bearer.unwrap_or("<bearer ARN>"))
        };
        Rendered {
            title: fill(self.title),
            summary: fill(self.summary),
            causes: self.causes_for(ctx).map(fill).collect(),
            next_steps: self.next_steps.iter().map(|s| fill(s)).collect(),
            retryable: self.kind.retryable(),
        }
    }
}

/// The explanation of `kind` for `operation`.
pub fn explain(_operation: Operation, kind: ErrorKind) -> &'static Explanation {
    // CATALOG is ordered like ErrorKind::ALL; a unit test keeps them in step.
    let index = ErrorKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &CATALOG[index]
}

/// Things outside GetChannelMembershipPreferences that also stop a push.
/// Shown when the preferences look fine but the member says nothing arrives.
pub const OTHER_REASONS_NO_PUSH: &[&str] = &[
    "The device endpoint (chime-sdk-identity AppInstanceUserEndpoint) has AllowMessages = NONE.",
    "The endpoint is INACTIVE, with StatusReason INVALID_DEVICE_TOKEN or INVALID_PINPOINT_ARN.",
    "The Pinpoint app lacks an FCM or APNS channel, or is in another account or region than the app instance.",
    "The service-linked role ServiceRoleForAmazonChimePushNotification lacks mobiletargeting:SendMessages.",
    "The message was sent without a PushNotification {Title, Body, Type} in SendChannelMessage.",
    "Delivery failures show up as EventBridge events \"Chime Messaging AppInstanceUserEndpoint Delivery Failure\".",
];

pub static CATALOG: [Explanation; 15] = [
    Explanation {
        kind: ErrorKind::BadRequest,
        title: "Bad request",
        summary: "The service rejected the request itself: for this operation that usually means the channel or the membership does not exist as written, or a header is missing.",
        causes: &[
            "The member is not (or no longer) a member of this channel.",
            "The channel ARN names a channel that does not exist in this app instance.",
            "A typo in an ARN that still looked well-formed (wrong account, app instance or ID).",
            "The x-amz-chime-bearer header was missing (only when calling through a proxy that strips it).",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Check the membership exists: aws chime-sdk-messaging list-channel-memberships --channel-arn <channel> --chime-bearer {bearer}",
            "Compare the account, app instance and IDs in both ARNs with the customer's console.",
            "Read the service message below: it usually names the field it disliked.",
        ],
    },
    Explanation {
        kind: ErrorKind::Unauthorized,
        title: "Bearer not recognised",
        summary: "The service did not accept the x-amz-chime-bearer ARN as an AppInstanceUser or AppInstanceBot of this app instance.",
        causes: &[
            "The bearer ARN ({bearer}) does not name an existing AppInstanceUser or AppInstanceBot.",
            "The bearer belongs to another app instance, account or region than the channel.",
            "The user was deleted, or the ARN was copied with a typo.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Confirm the user exists: aws chime-sdk-identity describe-app-instance-user --app-instance-user-arn {bearer}",
            "Use the member's own ARN as the bearer (chime-prefs does by default).",
            "Check that the region in the ARN ({region}) is where the app instance lives.",
        ],
    },
    Explanation {
        kind: ErrorKind::Forbidden,
        title: "Not allowed to read these preferences",
        summary: "Only the member who owns a membership may read its preferences. A 403 here usually means the bearer is not the member, the member left or was banned, or IAM denies chime:GetChannelMembershipPreferences.",
        causes: &[
            "The member was banned from the channel, or left it.",
            "Your IAM principal lacks chime:GetChannelMembershipPreferences on the channel or app instance.",
            "An SCP or permissions boundary denies the action.",
        ],
        bearer_causes: &[
            "The bearer ({bearer}) is not the member ({member}): admins and moderators get 403 for other members.",
        ],
        next_steps: &[
            "Call with the member's own ARN as bearer: leave --bearer-arn out.",
            "Check for a ban: aws chime-sdk-messaging list-channel-bans --channel-arn <channel> --chime-bearer <moderator ARN>",
            "Check IAM with the policy simulator for chime:GetChannelMembershipPreferences.",
        ],
    },
    Explanation {
        kind: ErrorKind::NotFound,
        title: "Not found",
        summary: "The service found no such resource: the channel, the membership or the ban named in the request does not exist.",
        causes: &[
            "The member is not (or no longer) a member of this channel.",
            "The channel ARN names a channel that does not exist in this app instance.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Compare the account, app instance and IDs in the ARNs with the customer's console.",
        ],
    },
    Explanation {
        kind: ErrorKind::Throttled,
        title: "Throttled",
        summary: "The request rate for this bearer or account went over the limit (10 requests/s per bearer in us-east-1, 5 in eu-central-1). chime-prefs already retried with backoff.",
        causes: &[
            "Another tool or the customer's app is calling with the same bearer at the same time.",
            "A scan or loop ran with too much concurrency.",
            "The account's messaging quotas are lower than the defaults.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Wait a few seconds, then retry.",
            "Raise --max-attempts, or lower scan concurrency.",
            "If it persists, check Service Quotas for Amazon Chime SDK messaging in {region}.",
        ],
    },
    Explanation {
        kind: ErrorKind::ServiceFailure,
        title: "Service failure",
        summary: "Amazon Chime SDK messaging had an internal error while reading the preferences. Nothing is wrong with your request.",
        causes: &[
            "A transient fault inside the service.",
            "An ongoing incident in {region}.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Retry in a few seconds: the error is usually transient.",
            "Check the AWS Health Dashboard for Amazon Chime in {region}.",
            "If it persists, open a support case and quote the request id below.",
        ],
    },
    Explanation {
        kind: ErrorKind::ServiceUnavailable,
        title: "Service unavailable",
        summary: "The messaging service could not take the request right now.",
        causes: &[
            "A temporary outage or deployment in {region}.",
            "Load shedding during an incident.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Retry after a short wait.",
            "Check the AWS Health Dashboard for Amazon Chime in {region}.",
            "Quote the request id below if you contact AWS Support.",
        ],
    },
    Explanation {
        kind: ErrorKind::CredentialsMissing,
        title: "No AWS credentials",
        summary: "No credentials were found in the environment, the shared config files, SSO, or the instance role, so the request could not be signed.",
        causes: &[
            "No AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and no profile with credentials.",
            "The profile named by --profile or AWS_PROFILE ({profile}) has no credentials.",
            "Running outside AWS without a configured profile.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Pick a profile: chime-prefs --profile <name> ...",
            "For SSO profiles: aws sso login --profile {profile}",
            "Check what the CLI sees: aws sts get-caller-identity --profile {profile}",
        ],
    },
    Explanation {
        kind: ErrorKind::CredentialsExpired,
        title: "Credentials or SSO session expired",
        summary: "The credentials were found but have expired, so AWS refused the signature before looking at the preferences.",
        causes: &[
            "The SSO session for profile {profile} expired.",
            "Temporary credentials (AWS_SESSION_TOKEN) from an assumed role ran out.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Refresh the SSO session: aws sso login --profile {profile}",
            "Re-assume the role or refresh the environment's temporary credentials.",
            "Then retry.",
        ],
    },
    Explanation {
        kind: ErrorKind::CredentialsInvalid,
        title: "Credentials rejected",
        summary: "AWS did not recognise the access key or the request signature.",
        causes: &[
            "The access key was deleted or deactivated.",
            "The secret key does not belong to the access key.",
            "The system clock is off by more than 5 minutes.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Check the identity: aws sts get-caller-identity --profile {profile}",
            "Check the clock: date -u",
            "Rotate or re-enter the profile's keys.",
        ],
    },
    Explanation {
        kind: ErrorKind::NoRegion,
        title: "No region",
        summary: "No AWS region was configured and none could be taken from the ARNs, so there is no endpoint to call.",
        causes: &[
            "No --region flag, AWS_REGION, or region in the profile, and no channel ARN to read it from.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Pass --region us-east-1 or --region eu-central-1 (the only regions with Chime SDK messaging).",
            "Or set region in ~/.aws/config for profile {profile}.",
        ],
    },
    Explanation {
        kind: ErrorKind::EndpointUnreachable,
        title: "Endpoint unreachable",
        summary: "chime-prefs could not connect to the messaging endpoint: the request never reached the service.",
        causes: &[
            "DNS could not resolve the host (a typo in --endpoint-url, or no network).",
            "Connection refused: nothing listens at --endpoint-url (a stopped demo service?).",
            "A proxy or firewall blocks HTTPS to messaging-chime.{region}.amazonaws.com.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Check --endpoint-url and AWS_ENDPOINT_URL; leave them unset for real AWS.",
            "Test reachability: curl -sI https://messaging-chime.{region}.amazonaws.com",
            "For the demo service, start it first: chime-prefs serve-demo",
        ],
    },
    Explanation {
        kind: ErrorKind::Timeout,
        title: "Timed out",
        summary: "No complete answer arrived within --timeout. The service may still have processed the read, which is harmless: this operation changes nothing.",
        causes: &[
            "A slow or stalled network path, or a proxy holding the connection.",
            "The endpoint accepts connections but never answers.",
            "--timeout is set very low.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Retry, or raise --timeout (seconds, retries included).",
            "Check connectivity to the endpoint from this machine.",
        ],
    },
    Explanation {
        kind: ErrorKind::MalformedResponse,
        title: "Response could not be read",
        summary: "Something answered, but not with a response this operation can have: often a proxy, captive portal or load balancer page instead of the service.",
        causes: &[
            "--endpoint-url points at something that is not Chime SDK messaging.",
            "A corporate proxy replaced the response with an HTML page.",
            "A truncated response.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Check --endpoint-url; for real AWS leave it unset.",
            "Try the same call with the AWS CLI and --debug to see the raw response.",
            "Quote the request id (if any) to AWS Support.",
        ],
    },
    Explanation {
        kind: ErrorKind::UnknownCode,
        title: "Unrecognised error",
        summary: "The service answered with an error this version of chime-prefs does not know. The code and message below are verbatim.",
        causes: &[
            "A new error the service added.",
            "Something other than the service (a proxy, a gateway) produced the error.",
        ],
        bearer_causes: &[],
        next_steps: &[
            "Read the code and message below.",
            "Check --endpoint-url if you set one.",
            "Quote the request id to AWS Support.",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_complete_entry_in_order() {
        for (index, kind) in ErrorKind::ALL.iter().enumerate() {
            let entry = explain(Operation::GetChannelMembershipPreferences, *kind);
            assert_eq!(entry.kind, *kind, "catalog out of order at {index}");
            assert!(!entry.title.is_empty());
            assert!(entry.summary.len() > 30, "{kind:?} summary too thin");
            assert!(!entry.causes.is_empty(), "{kind:?} has no causes");
            assert!(!entry.next_steps.is_empty(), "{kind:?} has no next steps");
            assert!(!kind.code().is_empty());
        }
    }

    #[test]
    fn retryability_matches_the_service_model() {
        for kind in [
            ErrorKind::Throttled,
            ErrorKind::ServiceFailure,
            ErrorKind::ServiceUnavailable,
        ] {
            assert!(kind.retryable(), "{kind:?}");
        }
        for kind in [
            ErrorKind::BadRequest,
            ErrorKind::Unauthorized,
            ErrorKind::Forbidden,
        ] {
            assert!(!kind.retryable(), "{kind:?}");
        }
    }

    #[test]
    fn forbidden_explains_the_owner_rule_and_iam() {
        let text = explain(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        )
        .summary;
        assert!(text.contains("bearer is not the member"));
        assert!(text.contains("chime:GetChannelMembershipPreferences"));
    }

    #[test]
    fn the_bearer_cause_is_left_out_when_the_bearer_is_the_member() {
        let alice = "arn:aws:chime:us-east-1:1:app-instance/a/user/alice";
        let admin = "arn:aws:chime:us-east-1:1:app-instance/a/user/admin";
        let entry = explain(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        let same = entry.render(&Context {
            member: Some(alice),
            bearer: Some(alice),
            ..Context::default()
        });
        assert!(
            !same.causes.iter().any(|c| c.contains("is not the member")),
            "{:?}",
            same.causes
        );
        let other = entry.render(&Context {
            member: Some(alice),
            bearer: Some(admin),
            ..Context::default()
        });
        assert!(
            other.causes[0].contains("is not the member"),
            "{:?}",
            other.causes
        );
        let unknown = entry.render(&Context::default());
        assert!(unknown.causes[0].contains("is not the member"));
    }

    #[test]
    fn render_fills_placeholders() {
        let ctx = Context {
            profile: Some("support"),
            ..Context::default()
        };
        let rendered = explain(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::CredentialsExpired,
        )
        .render(&ctx);
        assert!(
            rendered
                .next_steps
                .iter()
                .any(|s| s == "Refresh the SSO session: aws sso login --profile support")
        );
        let unfilled = explain(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::CredentialsExpired,
        )
        .render(&Context::default());
        assert!(unfilled.next_steps[0].contains("<profile>"));
        assert!(!rendered.summary.contains('{'));
    }
}
