//! Each kind's default text, for any operation of either service. The
//! match is exhaustive: a new kind does not compile without its entry.

use crate::error::ErrorKind;

use super::Entry;

pub(super) fn entry(kind: ErrorKind) -> Entry {
    match kind {
        ErrorKind::BadRequest => BAD_REQUEST,
        ErrorKind::Unauthorized => UNAUTHORIZED,
        ErrorKind::Forbidden => FORBIDDEN,
        ErrorKind::AccessDenied => ACCESS_DENIED,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Throttled => THROTTLED,
        ErrorKind::ServiceFailure => SERVICE_FAILURE,
        ErrorKind::ServiceUnavailable => SERVICE_UNAVAILABLE,
        ErrorKind::CredentialsMissing => CREDENTIALS_MISSING,
        ErrorKind::CredentialsExpired => CREDENTIALS_EXPIRED,
        ErrorKind::CredentialsInvalid => CREDENTIALS_INVALID,
        ErrorKind::CredentialProcess => CREDENTIAL_PROCESS,
        ErrorKind::AssumeRoleFailed => ASSUME_ROLE_FAILED,
        ErrorKind::NoRegion => NO_REGION,
        ErrorKind::RegionMismatch => REGION_MISMATCH,
        ErrorKind::EndpointUnreachable => ENDPOINT_UNREACHABLE,
        ErrorKind::CertificateUntrusted => CERTIFICATE_UNTRUSTED,
        ErrorKind::Timeout => TIMEOUT,
        ErrorKind::MalformedResponse => MALFORMED_RESPONSE,
        ErrorKind::UnknownCode => UNKNOWN_CODE,
    }
}

const BAD_REQUEST: Entry = Entry {
    title: "Bad request",
    summary: "{service} rejected the {operation} request itself: something it names does not exist as written, or a parameter is not valid.",
    causes: &[
        "An ARN that looks well-formed names the wrong account, app instance or ID.",
        "The resource was deleted.",
        "A parameter is out of range or in the wrong form.",
    ],
    next_steps: &[
        "Compare the account, app instance and IDs in the ARNs with the customer's console.",
        "Read the service's message above: it usually names the field it disliked.",
    ],
    ..Entry::BLANK
};

const UNAUTHORIZED: Entry = Entry {
    title: "Caller not recognised",
    summary: "{service} did not accept the caller of {operation}.",
    causes: &[
        "An ARN in the request names a user or bot that does not exist.",
        "The credentials belong to another account than the app instance.",
    ],
    next_steps: &["Check the identity: {aws:sts} get-caller-identity"],
    ..Entry::BLANK
};

const FORBIDDEN: Entry = Entry {
    title: "Not allowed",
    summary: "{service} refused {operation}: it may be called by {who_may_call}. A 403 can also mean IAM denies {iam_action}.",
    causes: &[
        "The bearer[ ({bearer})] is not one of: {who_may_call}.",
        "The bearer was banned from the channel, or left it.",
        "Your IAM principal lacks {iam_action}, or an SCP or permissions boundary denies it.",
    ],
    next_steps: &[
        "Call with a bearer that may call {operation}: {who_may_call}.",
        "Check IAM with the policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const ACCESS_DENIED: Entry = Entry {
    title: "IAM denies the call",
    summary: "AWS IAM refused the call before {service} looked at it: {principal} may not perform {iam_action}[ on {resource}], so {operation} did not run. || AWS IAM refused the call before {service} looked at it: your IAM principal may not perform {iam_action}, so {operation} did not run.",
    causes: &[
        "No identity-based policy of {principal} allows {iam_action}. || No identity-based policy of your IAM principal allows {iam_action}.",
        "An SCP, permissions boundary or session policy denies {iam_action}.",
    ],
    next_steps: &[
        "Attach the policy statement below to {policy_source}, or ask who administers it. || Attach a policy statement allowing {iam_action} to your IAM role or user.",
        "Check with the IAM policy simulator: {aws:iam} simulate-principal-policy --policy-source-arn {policy_source} --action-names {iam_action}[ --resource-arns {resource}] || Check with the IAM policy simulator for {iam_action}.",
    ],
    ..Entry::BLANK
};

const NOT_FOUND: Entry = Entry {
    title: "Not found",
    summary: "{service} found nothing for {operation}: a resource the request names does not exist.",
    causes: &[
        "An ARN or ID names something that was deleted, or never existed in this app instance.",
        "A typo in an ARN that still looked well-formed (wrong account, app instance or ID).",
    ],
    next_steps: &[
        "Compare the account, app instance and IDs in the ARNs with the customer's console.",
    ],
    ..Entry::BLANK
};

const THROTTLED: Entry = Entry {
    title: "Throttled",
    summary: "The request rate for {operation} went over {service}'s limit. chime-prefs already retried with backoff.",
    causes: &[
        "Another tool or the customer's app is calling at the same time.",
        "A scan or loop ran with too much concurrency.",
        "The account's quotas are lower than the defaults.",
    ],
    next_steps: &[
        "Wait a few seconds, then retry.",
        "Raise --max-attempts, or lower scan concurrency.",
        "If it persists, check Service Quotas for Amazon {service}[ in {region}].",
    ],
    ..Entry::BLANK
};

const SERVICE_FAILURE: Entry = Entry {
    title: "Service failure",
    summary: "{service} had an internal error while running {operation}. Nothing is wrong with your request.",
    causes: &[
        "A transient fault inside the service.",
        "An ongoing incident[ in {region}].",
    ],
    next_steps: &[
        "Retry in a few seconds: the error is usually transient.",
        "Check the AWS Health Dashboard for Amazon Chime[ in {region}].",
        "If it persists, open a support case and quote the request id above.",
    ],
    ..Entry::BLANK
};

const SERVICE_UNAVAILABLE: Entry = Entry {
    title: "Service unavailable",
    summary: "{service} could not take the {operation} request right now.",
    causes: &[
        "A temporary outage or deployment[ in {region}].",
        "Load shedding during an incident.",
    ],
    next_steps: &[
        "Retry after a short wait.",
        "Check the AWS Health Dashboard for Amazon Chime[ in {region}].",
        "Quote the request id above if you contact AWS Support.",
    ],
    ..Entry::BLANK
};

const CREDENTIALS_MISSING: Entry = Entry {
    title: "No AWS credentials",
    summary: "No credentials were found in the environment, the shared config files, SSO, or the instance role, so chime-prefs could not sign {operation} and sent nothing.",
    causes: &[
        "No AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and no profile with credentials.",
        "The profile {profile} has no credentials. || No profile was named (--profile, AWS_PROFILE or AWS_DEFAULT_PROFILE), and the default profile has no credentials.",
        "Running outside AWS without a configured profile.",
    ],
    next_steps: &[
        "Name a profile that has credentials with --profile (aws configure list-profiles lists them).",
        "For an SSO profile, sign in first: {aws:sso} login",
        "Check what the AWS CLI sees: {aws:sts} get-caller-identity",
    ],
    ..Entry::BLANK
};

const CREDENTIALS_EXPIRED: Entry = Entry {
    title: "Credentials or SSO session expired",
    summary: "The credentials[ of profile {profile}] have expired, so chime-prefs did not send {operation}.",
    summary_when_sent: Some(
        "AWS refused {operation}: the credentials it was signed with have expired[ (profile {profile})].",
    ),
    causes: &[
        "The SSO session[ of profile {profile}] expired.",
        "Temporary credentials (AWS_SESSION_TOKEN) from an assumed role ran out.",
    ],
    next_steps: &[
        "Refresh the SSO session: {aws:sso} login",
        "Re-assume the role or refresh the environment's temporary credentials.",
        "Then retry.",
    ],
    ..Entry::BLANK
};

const CREDENTIALS_INVALID: Entry = Entry {
    title: "Credentials rejected",
    summary: "AWS did not recognise the access key or the signature of the {operation} request.",
    causes: &[
        "The access key was deleted or deactivated.",
        "The secret key does not belong to the access key.",
        "The system clock is off by more than 5 minutes.",
    ],
    next_steps: &[
        "Check the identity: {aws:sts} get-caller-identity",
        "Check the clock: date -u",
        "Rotate or re-enter the profile's keys.",
    ],
    ..Entry::BLANK
};

const CREDENTIAL_PROCESS: Entry = Entry {
    title: "credential_process failed",
    summary: "The credential_process of profile {profile} gave no credentials, so chime-prefs did not send {operation}. || The profile's credential_process gave no credentials, so chime-prefs did not send {operation}.",
    causes: &[
        "It exited with an error, or printed something other than the JSON credentials object.",
        "It waited for input it cannot get here (a browser sign-in, a prompt).",
    ],
    next_steps: &[
        "Show the command: {aws:configure} get credential_process",
        "Run it by hand and fix what it reports, then run this command again.",
    ],
    ..Entry::BLANK
};

const ASSUME_ROLE_FAILED: Entry = Entry {
    title: "Could not assume the role",
    summary: "The credentials[ of profile {profile}] come from a role assumed through STS, and STS did not give them, so chime-prefs did not send {operation}.",
    causes: &[
        "The role's trust policy does not trust the credentials that ask for it.",
        "Those credentials have expired, or STS could not be reached.",
    ],
    next_steps: &[
        "Check the credentials that assume the role: {aws_source:sts} get-caller-identity || Check the credentials that assume the role with aws sts get-caller-identity.",
        "Then retry.",
    ],
    ..Entry::BLANK
};

const NO_REGION: Entry = Entry {
    title: "No region",
    summary: "No AWS region could be read from the ARN {operation} is about, so there is no endpoint to call and nothing was sent.",
    causes: &[
        "The ARN is not a Chime ARN, whose fourth field names the region (arn:aws:chime:us-east-1:...).",
    ],
    next_steps: &[
        "Paste the whole ARN, as the console or the AWS CLI shows it.",
        "Chime SDK runs in us-east-1 and eu-central-1 only.",
    ],
    ..Entry::BLANK
};

const REGION_MISMATCH: Entry = Entry {
    title: "--region contradicts the ARN",
    summary: "--region names another region than the ARN {operation} is about[, which is in {region}]: Chime resources can only be read in the region their ARN names, so nothing was sent.",
    causes: &["A --region left over from other work, or an ARN from another region."],
    next_steps: &[
        "Leave --region out: chime-prefs uses the ARN's region.",
        "Or pass --region {region}.",
    ],
    ..Entry::BLANK
};

const CERTIFICATE_UNTRUSTED: Entry = Entry {
    title: "The server's certificate is not trusted",
    summary: "The certificate that {tls_host} presented {cert_problem}[ (issuer: {issuer})], so chime-prefs closed the connection during the TLS handshake: {operation} was not sent. || The {service} endpoint presented a TLS certificate that is not trusted here, so chime-prefs closed the connection during the handshake: {operation} was not sent.",
    causes: &[
        "A TLS-inspecting proxy or firewall[ (through {proxy_url})] re-signs HTTPS with its own certificate authority[, {issuer}], which is not in this machine's trust store.",
        "--endpoint-url names a local or test server with its own certificate authority.",
        "{ca_bundle} is in use, but does not hold the authority that issued this certificate.",
    ],
    next_steps: &[
        "Point AWS_CA_BUNDLE (or ca_bundle in the profile, as the AWS CLI reads them) at a PEM file with that authority's certificate[ ({issuer})], from whoever runs the proxy: chime-prefs adds it to the system's trust store.",
        "SSL_CERT_FILE (a PEM file) or SSL_CERT_DIR (a directory of them) replaces the system's trust store instead.",
        "See the issuer that curl is shown on the same connection: curl -sv -o /dev/null https://{tls_host}/",
    ],
    ..Entry::BLANK
};

const ENDPOINT_UNREACHABLE: Entry = Entry {
    title: "Endpoint unreachable",
    summary: "chime-prefs could not connect to the {service} endpoint: {operation} never reached the service.",
    causes: &[
        "DNS could not resolve the host (a typo in --endpoint-url, or no network).",
        "Connection refused: nothing listens at --endpoint-url (a stopped demo service?).",
        "A proxy or firewall blocks HTTPS to {endpoint_host}. || A proxy or firewall blocks HTTPS to the {service} endpoint.",
    ],
    next_steps: &[
        "Check --endpoint-url and AWS_ENDPOINT_URL; leave them unset for real AWS.",
        "Test reachability: curl -sI {endpoint_url} || Test reachability with curl -sI and the endpoint's URL.",
        "For the demo service, start it first: chime-prefs serve-demo",
    ],
    ..Entry::BLANK
};

const TIMEOUT: Entry = Entry {
    title: "Timed out",
    summary: "No complete answer to {operation} arrived within --timeout. The service may still have processed the read, which is harmless: this operation changes nothing.",
    causes: &[
        "A slow or stalled network path, or a proxy holding the connection.",
        "The endpoint accepts connections but never answers.",
        "--timeout is set very low.",
    ],
    next_steps: &[
        "Retry, or raise --timeout (seconds for the whole call, retries included).",
        "Check connectivity to the endpoint from this machine.",
    ],
    ..Entry::BLANK
};

const MALFORMED_RESPONSE: Entry = Entry {
    title: "Response could not be read",
    summary: "Something answered {operation}, but not with a response that operation can have: often a proxy, captive portal or load balancer page instead of {service}.",
    causes: &[
        "--endpoint-url points at something that is not {service}.",
        "A corporate proxy replaced the response with an HTML page.",
        "A truncated response.",
    ],
    next_steps: &[
        "Check --endpoint-url; for real AWS leave it unset.",
        "Try the same call with the AWS CLI to see the raw response: {call_command} --debug || Try the same call with the AWS CLI and --debug to see the raw response.",
        "Quote the request id (if any) to AWS Support.",
    ],
    ..Entry::BLANK
};

const UNKNOWN_CODE: Entry = Entry {
    title: "Unrecognised error",
    summary: "{service} answered {operation} with an error this version of chime-prefs does not know. The code and message above are verbatim.",
    causes: &[
        "A new error the service added.",
        "Something other than the service (a proxy, a gateway) produced the error.",
    ],
    next_steps: &[
        "Read the code and message above.",
        "Check --endpoint-url if you set one.",
        "Quote the request id to AWS Support.",
    ],
    ..Entry::BLANK
};
