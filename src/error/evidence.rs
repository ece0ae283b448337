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
    /// The named profile is in neither shared file.
    ProfileNotFound {
        profile: String,
        config_file: String,
        existing: Vec<String>,
    },
}

impl Evidence {
    /// The profile the evidence is about, if any.
    pub fn profile(&self) -> Option<&str> {
        match self {
            Evidence::ProcessTimedOut { profile, .. }
            | Evidence::ProcessFailed { profile, .. }
            | Evidence::ProcessOutput { profile, .. }
            | Evidence::SsoProfile { profile, .. }
            | Evidence::ProfileNotFound { profile, .. } => Some(profile),
            _ => None,
        }
    }
}
