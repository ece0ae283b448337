//! Text for what the evidence shows, where it says more than the kind: the
//! proxy that failed, the credential_process that hung, the SSO session
//! that ran out, the IAM Deny that no Allow can lift.

use crate::error::{CallError, ErrorKind, Evidence, IamDenial};

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
        "The proxy refused the tunnel to {host} (an allow-list or proxy authentication). || The proxy refused the tunnel to the {service} endpoint (an allow-list or proxy authentication).",
    ],
    next_steps: &[
        "Check the proxy: curl -sI -x {proxy_url} https://{host} || Check the proxy with curl -sI -x {proxy_url} against the endpoint.",
        "If the endpoint should be reached directly, add its host to NO_PROXY.",
        "Or run without the proxy: env -u {proxy_var} chime-prefs ...",
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
        "Show the command: aws configure get credential_process --profile {profile}",
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
        "Show the command: aws configure get credential_process --profile {profile}",
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
        "Show the command: aws configure get credential_process --profile {profile}",
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
    next_steps: &[
        "Sign in first: aws sso login --profile {profile}",
        "Then retry.",
    ],
    ..Entry::BLANK
};

const SSO_LEGACY_SESSION: Entry = Entry {
    title: "SSO session expired",
    summary: "Profile {profile} signs in through IAM Identity Center (SSO, with sso_start_url in the profile), and its session has expired or was never started on this machine, so chime-prefs did not send {operation}.",
    causes: &[
        "The SSO token cached for the profile's sso_start_url (in ~/.aws/sso/cache) expired.",
        "aws sso login was never run for this profile on this machine.",
    ],
    next_steps: &[
        "Sign in first: aws sso login --profile {profile}",
        "Then retry.",
    ],
    ..Entry::BLANK
};

const PROFILE_NOT_FOUND: Entry = Entry {
    title: "No such profile",
    summary: "Profile {profile} does not exist in {config_file} or the shared credentials file, so chime-prefs did not send {operation}.",
    causes: &["A typo in --profile or AWS_PROFILE, or the profile lives on another machine."],
    next_steps: &[
        "Use one of the profiles that exist: {profiles}. || No profile exists yet: create one with aws configure --profile {profile}.",
    ],
    ..Entry::BLANK
};
