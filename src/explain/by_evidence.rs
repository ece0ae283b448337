//! Text for what the evidence shows, where it says more than the kind: the
//! proxy that failed, the credential_process that hung, the SSO session
//! that ran out, the IAM Deny that no Allow can lift.

use crate::error::{CallError, ErrorKind, Evidence, IamDenial, StsFailure};

use super::Entry;

#[cfg(test)]
pub(super) const ALL: &[Entry] = &[
    IAM_EXPLICIT_DENY,
    PROXY,
    PLAIN_HTTP_SERVER,
    NOT_PLAIN_HTTP,
    PROCESS_TIMED_OUT,
    PROCESS_FAILED,
    PROCESS_OUTPUT,
    SSO_SESSION,
    SSO_LEGACY_SESSION,
    PROFILE_NOT_FOUND,
    ASSUME_ROLE_DENIED,
    ASSUME_ROLE_SOURCE_REFUSED,
    ASSUME_ROLE_UNREACHABLE,
    ASSUME_ROLE_OTHER,
    WEB_IDENTITY_DENIED,
    PROXY_AUTH_REQUIRED,
    CLOSED_MID_ANSWER,
];

pub(super) fn entry(err: &CallError, denial: Option<&IamDenial>) -> Option<Entry> {
    if err.kind == ErrorKind::AccessDenied && denial.is_some_and(|d| d.explicit_deny) {
        return Some(IAM_EXPLICIT_DENY);
    }
    Some(match (err.evidence.as_deref()?, err.kind) {
        (Evidence::Proxy { .. }, ErrorKind::EndpointUnreachable | ErrorKind::Timeout) => PROXY,
        (Evidence::PlainHttpServer { .. }, _) => PLAIN_HTTP_SERVER,
        (Evidence::NotPlainHttp { .. }, _) => NOT_PLAIN_HTTP,
        (Evidence::ProcessTimedOut { .. }, _) => PROCESS_TIMED_OUT,
        (Evidence::ProcessFailed { .. }, _) => PROCESS_FAILED,
        (Evidence::ProcessOutput { .. }, _) => PROCESS_OUTPUT,
        (
            Evidence::SsoProfile { legacy, .. },
            ErrorKind::CredentialsExpired | ErrorKind::CredentialsMissing,
        ) if !err.was_sent() => {
            if *legacy {
                SSO_LEGACY_SESSION
            } else {
                SSO_SESSION
            }
        }
        (Evidence::ProfileNotFound { .. }, _) => PROFILE_NOT_FOUND,
        (
            Evidence::AssumeRole {
                failure,
                web_identity,
                ..
            },
            _,
        ) => match failure {
            StsFailure::Unreachable { .. } => ASSUME_ROLE_UNREACHABLE,
            StsFailure::Other { .. } => ASSUME_ROLE_OTHER,
            f if f.source_refused() => ASSUME_ROLE_SOURCE_REFUSED,
            _ if *web_identity => WEB_IDENTITY_DENIED,
            _ => ASSUME_ROLE_DENIED,
        },
        (Evidence::ProxyAuthRequired { .. }, _) => PROXY_AUTH_REQUIRED,
        (Evidence::ClosedMidAnswer { .. }, _) => CLOSED_MID_ANSWER,
        _ => return None,
    })
}

const IAM_EXPLICIT_DENY: Entry = Entry {
    title: "An IAM Deny blocks the call",
    summary: "AWS IAM refused the call before {service} looked at it: an explicit Deny stops {principal} from performing {iam_action}, so {operation} did not run. || AWS IAM refused the call before {service} looked at it: an explicit Deny stops your IAM principal from performing {iam_action}, so {operation} did not run.",
    causes: &[
        "IAM gives its reason: {denial_reason}.",
        "A service control policy, permissions boundary, session policy or identity policy has a Deny for {iam_action}: an Allow statement will not help while it stands.",
    ],
    next_steps: &[
        "Ask who administers the account's SCPs and boundaries to lift the Deny for {iam_action}[ on {resource}].",
        "Or call with another principal that the Deny does not cover.",
    ],
    ..Entry::BLANK
};

const PROXY: Entry = Entry {
    title: "Could not connect through the proxy",
    summary: "{proxy_var} is set, so chime-prefs connects to {service} through the proxy at {proxy_url}; that connection failed, and {operation} never reached the service.",
    causes: &[
        "Nothing listens at {proxy_url}: the proxy is down, or {proxy_var} is left over from another network.",
        "The proxy refused the tunnel to {endpoint_host} (an allow-list or proxy authentication). || The proxy refused the tunnel to the {service} endpoint (an allow-list or proxy authentication).",
    ],
    next_steps: &[
        "Check the proxy: curl -sI -x {proxy_url} {endpoint_url} || Check the proxy with curl -sI -x {proxy_url} against the endpoint.",
        "If the endpoint should be reached directly, add its host to NO_PROXY.",
        "Or run the same command again without the proxy, with env -u {proxy_var} in front of it.",
    ],
    ..Entry::BLANK
};

const PLAIN_HTTP_SERVER: Entry = Entry {
    title: "The endpoint speaks plain HTTP, not HTTPS",
    summary: "The endpoint {endpoint} starts with https://, but the server there answered in plain HTTP, so no TLS connection could be made and {operation} was not sent.",
    causes: &[
        "A local service (the demo, a local stack) listens without TLS.",
        "A port meant for HTTP was given with https://.",
    ],
    next_steps: &["Use http:// for this endpoint: --endpoint-url {endpoint_fixed}"],
    ..Entry::BLANK
};

const NOT_PLAIN_HTTP: Entry = Entry {
    title: "The endpoint does not speak plain HTTP",
    summary: "The endpoint {endpoint} starts with http://, but what answered there is not plain HTTP (most likely it expects TLS), so {operation} got no answer it could read.",
    causes: &["The server expects HTTPS on this port."],
    next_steps: &["Use https:// for this endpoint: --endpoint-url {endpoint_fixed}"],
    ..Entry::BLANK
};

const PROCESS_TIMED_OUT: Entry = Entry {
    title: "credential_process did not finish",
    summary: "The credential_process of profile {profile} was still running after {seconds} s, the call's whole time (--timeout); chime-prefs stopped it and did not send {operation}.",
    causes: &[
        "It waits for input it cannot get here: a browser sign-in, a prompt or a hardware key.",
        "It is slow, or stuck on the network.",
    ],
    next_steps: &[
        "Show the command: {aws:configure} get credential_process",
        "Run it by hand and watch where it waits; if it just needs longer, raise --timeout.",
    ],
    ..Entry::BLANK
};

const PROCESS_FAILED: Entry = Entry {
    title: "credential_process failed",
    summary: "The credential_process of profile {profile} exited with {status}[: {stderr}]; chime-prefs did not send {operation}.",
    causes: &[
        "Its own sign-in or configuration failed, as its error says.",
        "It needs a terminal or a browser that it cannot get here.",
    ],
    next_steps: &[
        "Show the command: {aws:configure} get credential_process",
        "Run it by hand to see its whole error, fix that, then run this command again.",
    ],
    ..Entry::BLANK
};

const PROCESS_OUTPUT: Entry = Entry {
    title: "credential_process gave no credentials",
    summary: "The credential_process of profile {profile} {problem}; chime-prefs did not send {operation}.",
    causes: &[
        "The command in the profile is misspelt or not on PATH.",
        "It printed something other than the JSON object with Version 1, AccessKeyId and SecretAccessKey.",
    ],
    next_steps: &[
        "Show the command: {aws:configure} get credential_process",
        "Run it by hand: its output must be the JSON credentials object and nothing else.",
    ],
    ..Entry::BLANK
};

const SSO_SESSION: Entry = Entry {
    title: "SSO session expired",
    summary: "Profile {profile} signs in through IAM Identity Center (SSO), and its session has expired or was never started on this machine, so chime-prefs did not send {operation}.",
    causes: &[
        "The SSO session's token (in ~/.aws/sso/cache) expired: they last hours, not days.",
        "aws sso login was never run for this profile on this machine.",
    ],
    next_steps: &["Sign in first: {aws:sso} login", "Then retry."],
    ..Entry::BLANK
};

const SSO_LEGACY_SESSION: Entry = Entry {
    title: "SSO session expired",
    summary: "Profile {profile} signs in through IAM Identity Center (SSO, with sso_start_url in the profile), and its session has expired or was never started on this machine, so chime-prefs did not send {operation}.",
    causes: &[
        "The SSO token cached for the profile's sso_start_url (in ~/.aws/sso/cache) expired.",
        "aws sso login was never run for this profile on this machine.",
    ],
    next_steps: &["Sign in first: {aws:sso} login", "Then retry."],
    ..Entry::BLANK
};

const PROFILE_NOT_FOUND: Entry = Entry {
    title: "No such profile",
    summary: "Profile {profile} does not exist in {config_file} or the shared credentials file, so chime-prefs did not send {operation}.",
    causes: &[
        "A typo in --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE, or the profile lives on another machine.",
    ],
    next_steps: &[
        "Use one of the profiles that exist: {profiles}. || No profile exists yet: create one with aws configure --profile {profile}.",
    ],
    ..Entry::BLANK
};

const ASSUME_ROLE_DENIED: Entry = Entry {
    title: "Could not assume the role",
    summary: "Could not assume role {role_arn}: STS {sts_call} answered {sts_code}[: {sts_message}]. [Profile {profile} gets its credentials from that role, so ]chime-prefs had nothing to sign {operation} with and sent nothing. || Could not assume the role: STS {sts_call} answered {sts_code}[: {sts_message}]. [Profile {profile} gets its credentials from that role, so ]chime-prefs had nothing to sign {operation} with and sent nothing.",
    causes: &[
        "The role's trust policy does not name the principal of the source credentials[ (profile {source_profile})].",
        "That principal's own policies do not allow sts:AssumeRole on {role_arn}, or an SCP denies it. || That principal's own policies do not allow sts:AssumeRole on the role, or an SCP denies it.",
        "The role_arn in the profile names another account or role than intended.",
    ],
    next_steps: &[
        "See which principal asks for the role: {aws_source:sts} get-caller-identity || See which principal asks for the role with aws sts get-caller-identity, signed the way the role is assumed.",
        "Read the role's trust policy: {aws_source:iam} get-role --role-name {role_name} || Read the role's trust policy: {aws:iam} get-role --role-name {role_name}",
    ],
    ..Entry::BLANK
};

const WEB_IDENTITY_DENIED: Entry = Entry {
    title: "Could not assume the role",
    summary: "Could not assume role {role_arn} with a web identity token: STS {sts_call} answered {sts_code}[: {sts_message}], so chime-prefs had nothing to sign {operation} with and sent nothing. || Could not assume the role with a web identity token: STS {sts_call} answered {sts_code}[: {sts_message}], so chime-prefs had nothing to sign {operation} with and sent nothing.",
    causes: &[
        "The role's trust policy does not trust the token's issuer (the OIDC provider) or its audience or subject.",
        "The token in the web identity token file has expired: it is refreshed by whatever writes the file (the pod's service account, the CI job).",
    ],
    next_steps: &[
        "Read the role's trust policy: {aws:iam} get-role --role-name {role_name}",
        "Compare its Federated principal and conditions with the token's iss, aud and sub claims.",
    ],
    ..Entry::BLANK
};

const ASSUME_ROLE_SOURCE_REFUSED: Entry = Entry {
    title: "Could not assume the role",
    summary: "Could not assume role {role_arn}: STS {sts_call} refused the credentials that ask for it ({sts_code}[: {sts_message}]), so chime-prefs had nothing to sign {operation} with and sent nothing. || Could not assume the role: STS {sts_call} refused the credentials that ask for it ({sts_code}[: {sts_message}]), so chime-prefs had nothing to sign {operation} with and sent nothing.",
    causes: &[
        "The source credentials[ of profile {source_profile}] have expired (temporary keys in AWS_SESSION_TOKEN or aws_session_token).",
        "Their access key was deleted or deactivated, or the secret key does not belong to it.",
        "The system clock is off by more than 5 minutes.",
    ],
    next_steps: &[
        "Check the source credentials: {aws_source:sts} get-caller-identity || Check the source credentials with aws sts get-caller-identity, signed the way the role is assumed.",
        "Refresh or rotate them, then retry.",
    ],
    ..Entry::BLANK
};

const ASSUME_ROLE_UNREACHABLE: Entry = Entry {
    title: "Could not assume the role",
    summary: "Could not assume role {role_arn}: STS could not be reached ({sts_detail}), so chime-prefs had nothing to sign {operation} with and sent nothing. || Could not assume the role: STS could not be reached ({sts_detail}), so chime-prefs had nothing to sign {operation} with and sent nothing.",
    causes: &[
        "No network path to STS from this machine, or a proxy or firewall blocks it.",
        "AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's endpoint_url sends STS somewhere nothing answers.",
    ],
    next_steps: &[
        "See which STS endpoint is configured: env | grep AWS_ENDPOINT_URL",
        "Retry once STS is reachable.",
    ],
    ..Entry::BLANK
};

const ASSUME_ROLE_OTHER: Entry = Entry {
    title: "Could not assume the role",
    summary: "Could not assume role {role_arn}: {sts_detail}. chime-prefs had nothing to sign {operation} with and sent nothing. || Could not assume the role: {sts_detail}. chime-prefs had nothing to sign {operation} with and sent nothing.",
    causes: &[
        "The web identity token file is missing or unreadable.",
        "Something other than STS answered at the STS endpoint.",
    ],
    next_steps: &[
        "Check the role's settings: {aws:configure} get role_arn || Check AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.",
        "Then retry.",
    ],
    ..Entry::BLANK
};

const PROXY_AUTH_REQUIRED: Entry = Entry {
    title: "The proxy wants credentials",
    summary: "{proxy_var} is set, so chime-prefs connects to {service} through the proxy at {proxy_url}; the proxy answered 407 Proxy Authentication Required, so {operation} never reached the service.",
    causes: &[
        "The proxy needs a user name and password, and {proxy_var} carries none (or wrong ones).",
        "The proxy wants a sign-in scheme (NTLM, Kerberos) that chime-prefs does not speak.",
    ],
    next_steps: &[
        "Put the proxy credentials in the variable: export {proxy_var}=http://USER:PASSWORD@HOST:PORT",
        "Or ask for the endpoint's host to be allowed without authentication, or add it to NO_PROXY if it is reachable directly.",
    ],
    ..Entry::BLANK
};

const CLOSED_MID_ANSWER: Entry = Entry {
    title: "The connection closed mid-answer",
    summary: "{endpoint} accepted {operation} and began to answer, then closed the connection before the whole answer arrived: what was received is not used.",
    causes: &[
        "A proxy, load balancer or firewall cut the connection (an idle or size limit).",
        "The server stopped or crashed while answering.",
    ],
    next_steps: &[
        "Retry: if it is cut again at the same point, something on the path is cutting it.",
        "Check any proxy between this machine and the endpoint.",
    ],
    ..Entry::BLANK
};
