//! Facts seen around a failure that change what it means and what to do.
//!
//! `crate::aws` records them where it sees them (the proxy the connection
//! went through, what the profile's credential source did); the catalog
//! picks the words that fit. Strings here are local facts or sanitised
//! output, never a response body.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// The connection went through a proxy named by an environment
    /// variable, and failed.
    Proxy { variable: String, url: String },
    /// The server's TLS certificate was not trusted.
    Certificate {
        /// `host:port` of the TLS connection.
        host: String,
        /// What is wrong with it: "has expired", "is issued by ...".
        problem: String,
        /// The issuer named by the last certificate the server presented
        /// (`CN=..., O=...`), when it could be read.
        issuer: Option<String>,
        /// The proxy the connection was tunnelled through, without
        /// credentials.
        proxy: Option<String>,
        /// The extra bundle in use: `AWS_CA_BUNDLE=/path (1 certificate
        /// added)`.
        bundle: Option<String>,
    },
    /// An `https://` endpoint answered in plain HTTP.
    PlainHttpServer { endpoint: String },
    /// An `http://` endpoint answered with something that is not HTTP
    /// (typically TLS).
    NotPlainHttp { endpoint: String },
    /// The profile's `credential_process` was still running when the call's
    /// time ran out, and was stopped.
    ProcessTimedOut { profile: String, after: Duration },
    /// The profile's `credential_process` exited unsuccessfully.
    ProcessFailed {
        profile: String,
        /// `exit status 3`, `killed by signal 9`.
        status: String,
        /// The first line of its stderr, sanitised.
        stderr: Option<String>,
    },
    /// The profile's `credential_process` could not be started, or printed
    /// no usable credentials.
    ProcessOutput { profile: String, problem: String },
    /// The profile signs in through IAM Identity Center (SSO); `legacy`
    /// when it names `sso_start_url` itself rather than an `sso_session`.
    SsoProfile { profile: String, legacy: bool },
    /// The credentials come from a role assumed through STS, and STS did
    /// not give them: the call was never signed.
    AssumeRole {
        /// The profile that names the role; `None` for the environment's
        /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`.
        profile: Option<String>,
        /// `None` when the configuration read here does not name it.
        role_arn: Option<String>,
        /// The profile whose credentials call STS (`source_profile`).
        source_profile: Option<String>,
        /// `AssumeRoleWithWebIdentity` rather than `AssumeRole`.
        web_identity: bool,
        failure: StsFailure,
    },
    /// The proxy answered the tunnel with 407: it wants credentials.
    ProxyAuthRequired { variable: String, url: String },
    /// The server closed the connection before its whole answer arrived.
    ClosedMidAnswer { endpoint: String },
    /// The named profile is in neither shared file.
    ProfileNotFound {
        profile: String,
        config_file: String,
        existing: Vec<String>,
    },
    /// An error read back from a saved report (`chime-prefs open`, `diff`):
    /// the report holds the explanation it was printed with, not the
    /// evidence behind it, so that explanation is kept and shown as it
    /// was. Its text was sanitised when it was read.
    Reported(Box<super::Rendered>),
}

/// What STS did when asked for the role's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StsFailure {
    /// STS answered with an error (server text, kept raw).
    Refused {
        code: String,
        message: Option<String>,
        request_id: Option<String>,
    },
    /// No answer: connection refused, DNS, timeout.
    Unreachable { detail: String },
    /// Something else on the way (the token file could not be read, an
    /// answer that is not STS's).
    Other { detail: String },
}

impl StsFailure {
    /// STS refused the credentials that signed the request (expired or
    /// unknown keys), rather than the role.
    pub fn source_refused(&self) -> bool {
        matches!(self, StsFailure::Refused { code, .. } if matches!(
            code.as_str(),
            "ExpiredToken"
                | "ExpiredTokenException"
                | "InvalidClientTokenId"
                | "SignatureDoesNotMatch"
                | "UnrecognizedClientException"
                | "InvalidAccessKeyId"
        ))
    }
}

impl Evidence {
    /// Whether trying again can help, where the evidence decides it rather
    /// than the kind: a proxy that wants credentials will want them again;
    /// STS that was unreachable may not be next time.
    pub fn retry_helps(&self) -> Option<bool> {
        match self {
            Evidence::ProxyAuthRequired { .. } => Some(false),
            // The SDK's own retries got the same; a path that cuts
            // answers now and then may not cut the next one.
            Evidence::ClosedMidAnswer { .. } => Some(true),
            Evidence::AssumeRole { failure, .. } => {
                Some(matches!(failure, StsFailure::Unreachable { .. }))
            }
            Evidence::Reported(kept) => Some(kept.retryable),
            _ => None,
        }
    }

    /// The profile the evidence is about, if any.
    pub fn profile(&self) -> Option<&str> {
        match self {
            Evidence::ProcessTimedOut { profile, .. }
            | Evidence::ProcessFailed { profile, .. }
            | Evidence::ProcessOutput { profile, .. }
            | Evidence::SsoProfile { profile, .. }
            | Evidence::ProfileNotFound { profile, .. } => Some(profile),
            Evidence::AssumeRole { profile, .. } => profile.as_deref(),
            _ => None,
        }
    }
}
