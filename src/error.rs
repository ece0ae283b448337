//! Why a call failed, in the project's own terms.
//!
//! `crate::aws` classifies SDK errors into a [`CallError`]; the explanation
//! for each ([`Operation`], [`ErrorKind`]) lives in `crate::explain`. The
//! error owns its facts (code, retryability); the catalog owns the words.

mod evidence;
mod iam;
mod rendered;

use std::fmt;

use crate::operation::Operation;

pub use evidence::{Evidence, StsFailure};
pub use iam::IamDenial;
pub use rendered::Rendered;

/// Every way a call can fail. The first eight are what the services (and
/// IAM in front of them) answer; the rest happen before or around the HTTP
/// exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    /// The service's own ForbiddenException: its rules on who may call.
    Forbidden,
    /// IAM's AccessDeniedException: no policy allows the action.
    AccessDenied,
    NotFound,
    Throttled,
    ServiceFailure,
    ServiceUnavailable,
    CredentialsMissing,
    CredentialsExpired,
    CredentialsInvalid,
    /// The profile's `credential_process` failed, hung or printed no
    /// usable credentials.
    CredentialProcess,
    /// The profile's role (or the environment's web identity role) could
    /// not be assumed: STS refused or could not be reached.
    AssumeRoleFailed,
    NoRegion,
    /// `--region` names another region than the ARN: nothing was sent.
    RegionMismatch,
    EndpointUnreachable,
    /// The TLS handshake failed on the server's certificate: not issued by
    /// an authority this machine trusts (a TLS-inspecting proxy), expired,
    /// or for another name. Nothing was sent.
    CertificateUntrusted,
    Timeout,
    MalformedResponse,
    UnknownCode,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 20] = [
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::AccessDenied,
        ErrorKind::NotFound,
        ErrorKind::Throttled,
        ErrorKind::ServiceFailure,
        ErrorKind::ServiceUnavailable,
        ErrorKind::CredentialsMissing,
        ErrorKind::CredentialsExpired,
        ErrorKind::CredentialsInvalid,
        ErrorKind::CredentialProcess,
        ErrorKind::AssumeRoleFailed,
        ErrorKind::NoRegion,
        ErrorKind::RegionMismatch,
        ErrorKind::EndpointUnreachable,
        ErrorKind::CertificateUntrusted,
        ErrorKind::Timeout,
        ErrorKind::MalformedResponse,
        ErrorKind::UnknownCode,
    ];

    /// Stable code for the kind: the exception name for modelled kinds,
    /// a plain name for local ones (scripts match it).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequestException",
            ErrorKind::Unauthorized => "UnauthorizedClientException",
            ErrorKind::Forbidden => "ForbiddenException",
            ErrorKind::AccessDenied => "AccessDeniedException",
            ErrorKind::NotFound => "NotFoundException",
            ErrorKind::Throttled => "ThrottledClientException",
            ErrorKind::ServiceFailure => "ServiceFailureException",
            ErrorKind::ServiceUnavailable => "ServiceUnavailableException",
            ErrorKind::CredentialsMissing => "CredentialsMissing",
            ErrorKind::CredentialsExpired => "CredentialsExpired",
            ErrorKind::CredentialsInvalid => "CredentialsInvalid",
            ErrorKind::CredentialProcess => "CredentialProcessFailed",
            ErrorKind::AssumeRoleFailed => "AssumeRoleFailed",
            ErrorKind::NoRegion => "NoRegion",
            ErrorKind::RegionMismatch => "RegionMismatch",
            ErrorKind::EndpointUnreachable => "EndpointUnreachable",
            ErrorKind::CertificateUntrusted => "CertificateUntrusted",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::MalformedResponse => "MalformedResponse",
            ErrorKind::UnknownCode => "UnknownError",
        }
    }

    /// The kind whose [`code`](Self::code) this is, as reports write it.
    pub fn from_code(code: &str) -> Option<ErrorKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether trying again later may succeed (the service model's retry
    /// advice, plus the transient local failures).
    pub fn retryable(self) -> bool {
        matches!(
            self,
            ErrorKind::Throttled
                | ErrorKind::ServiceFailure
                | ErrorKind::ServiceUnavailable
                | ErrorKind::EndpointUnreachable
                | ErrorKind::Timeout
        )
    }

    /// The modelled exception for a service error code or `x-amzn-ErrorType`.
    pub fn from_exception(code: &str) -> Option<ErrorKind> {
        // The header may carry a suffix: "ForbiddenException:http://internal..."
        let code = code.split(':').next().unwrap_or(code).trim();
        Some(match code {
            "BadRequestException" => ErrorKind::BadRequest,
            // IAM's query protocol says NoSuchEntity (404).
            "NotFoundException" | "ResourceNotFoundException" | "NoSuchEntity" => {
                ErrorKind::NotFound
            }
            // Pinpoint's 405 and 413, IAM's InvalidInput: the request itself.
            "MethodNotAllowedException" | "PayloadTooLargeException" | "InvalidInput" => {
                ErrorKind::BadRequest
            }
            "UnauthorizedClientException" => ErrorKind::Unauthorized,
            "ForbiddenException" => ErrorKind::Forbidden,
            "AccessDeniedException" | "AccessDenied" => ErrorKind::AccessDenied,
            "ThrottledClientException" | "ThrottlingException" | "TooManyRequestsException" => {
                ErrorKind::Throttled
            }
            "ServiceFailureException"
            | "InternalFailure"
            | "InternalServerError"
            | "InternalServerErrorException" => ErrorKind::ServiceFailure,
            "ServiceUnavailableException" | "ServiceUnavailable" => ErrorKind::ServiceUnavailable,
            "ExpiredTokenException"
            | "ExpiredToken"
            | "RequestExpired"
            | "TokenRefreshRequired" => ErrorKind::CredentialsExpired,
            "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "IncompleteSignatureException"
            | "InvalidClientTokenId"
            | "SignatureDoesNotMatch" => ErrorKind::CredentialsInvalid,
            "MissingAuthenticationTokenException" | "MissingAuthenticationToken" => {
                ErrorKind::CredentialsMissing
            }
            _ => return None,
        })
    }

    /// The body's `Code` field, used when the `x-amzn-ErrorType` header is
    /// missing and the SDK therefore reports no code at all.
    pub fn from_body_code(code: &str) -> Option<ErrorKind> {
        Some(match code {
            "NotFound" => ErrorKind::NotFound,
            "BadRequest"
            | "Conflict"
            | "PreconditionFailed"
            | "ResourceLimitExceeded"
            | "Unprocessable" => ErrorKind::BadRequest,
            "Unauthorized" => ErrorKind::Unauthorized,
            "Forbidden" => ErrorKind::Forbidden,
            "AccessDenied" => ErrorKind::AccessDenied,
            "Throttled" | "Throttling" => ErrorKind::Throttled,
            "ServiceFailure" => ErrorKind::ServiceFailure,
            "ServiceUnavailable" => ErrorKind::ServiceUnavailable,
            other => return ErrorKind::from_exception(other),
        })
    }

    /// The last resort: the HTTP status alone.
    pub fn from_status(status: u16) -> Option<ErrorKind> {
        Some(match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            429 => ErrorKind::Throttled,
            500 => ErrorKind::ServiceFailure,
            502..=504 => ErrorKind::ServiceUnavailable,
            _ => return None,
        })
    }
}

/// A failed call: what kind, plus every fact that helps a person or AWS
/// Support. Server-supplied strings are kept raw here and sanitised where
/// they are displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    /// The call that failed; the explanation speaks about it.
    pub operation: Operation,
    pub kind: ErrorKind,
    pub http_status: Option<u16>,
    /// The exception name or body code the service sent, if any.
    pub code: Option<String>,
    /// The service's own message, if any.
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub attempts: u32,
    /// A short local description (e.g. "connection refused"); never a body.
    pub detail: Option<String>,
    /// The region the call was for (the ARN's), when one was chosen.
    pub region: Option<String>,
    /// What was seen around the failure (a proxy in the way, the profile's
    /// credential source, ...), for an explanation that fits it.
    pub evidence: Option<Box<Evidence>>,
}

impl CallError {
    pub fn new(operation: Operation, kind: ErrorKind) -> Self {
        Self {
            operation,
            kind,
            http_status: None,
            code: None,
            message: None,
            request_id: None,
            attempts: 0,
            detail: None,
            region: None,
            evidence: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(Box::new(evidence));
        self
    }

    /// Whether a request reached a server: only then did AWS (or something
    /// in its place) judge it.
    pub fn was_sent(&self) -> bool {
        self.http_status.is_some()
    }

    /// The IAM denial in the service's message, when it is one:
    /// `User: P is not authorized to perform: chime:A on resource: R`.
    pub fn iam_denial(&self) -> Option<IamDenial> {
        self.message.as_deref().and_then(IamDenial::parse)
    }

    /// The `Code` shown to users and scripts: the exception name where the
    /// service gave one, else the catalog's stable code for the kind.
    pub fn display_code(&self) -> String {
        let catalog = self.kind.code();
        match (&self.code, self.kind) {
            (Some(code), ErrorKind::UnknownCode) => code.clone(),
            (Some(code), _) if code.ends_with("Exception") => {
                code.split(':').next().unwrap_or(code).to_string()
            }
            _ => catalog.to_string(),
        }
    }

    /// Whether trying again may succeed: the kind's answer, unless the
    /// evidence knows better (a proxy asking for credentials, STS down).
    pub fn retryable(&self) -> bool {
        self.evidence
            .as_deref()
            .and_then(Evidence::retry_helps)
            .unwrap_or_else(|| self.kind.retryable())
    }

    /// The request id, or why there is none: no response arrived, or the
    /// one that did carried none.
    pub fn request_id_or_why(&self) -> &str {
        match (&self.request_id, self.was_sent()) {
            (Some(id), _) => id,
            (None, false) => "(none: no response reached the service)",
            (None, true) => "(none: the response carried no request id)",
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.operation, self.display_code())?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CallError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exception_names_map_to_kinds_even_with_header_suffix() {
        assert_eq!(
            ErrorKind::from_exception("ForbiddenException:http://internal.amazon.com/"),
            Some(ErrorKind::Forbidden)
        );
        assert_eq!(
            ErrorKind::from_exception("ThrottledClientException"),
            Some(ErrorKind::Throttled)
        );
        assert_eq!(ErrorKind::from_exception("TeapotException"), None);
        // Pinpoint and IAM's own names.
        assert_eq!(
            ErrorKind::from_exception("NoSuchEntity"),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(
            ErrorKind::from_exception("TooManyRequestsException"),
            Some(ErrorKind::Throttled)
        );
        assert_eq!(
            ErrorKind::from_exception("MethodNotAllowedException"),
            Some(ErrorKind::BadRequest)
        );
        assert_eq!(
            ErrorKind::from_exception("AccessDenied"),
            Some(ErrorKind::AccessDenied)
        );
    }

    #[test]
    fn body_codes_and_status_are_fallbacks() {
        assert_eq!(
            ErrorKind::from_body_code("Forbidden"),
            Some(ErrorKind::Forbidden)
        );
        assert_eq!(
            ErrorKind::from_body_code("NotFound"),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(ErrorKind::from_status(404), Some(ErrorKind::NotFound));
        assert_eq!(
            ErrorKind::from_body_code("Throttling"),
            Some(ErrorKind::Throttled)
        );
        assert_eq!(ErrorKind::from_body_code("Weird"), None);
        assert_eq!(ErrorKind::from_status(429), Some(ErrorKind::Throttled));
        assert_eq!(
            ErrorKind::from_status(503),
            Some(ErrorKind::ServiceUnavailable)
        );
        assert_eq!(ErrorKind::from_status(418), None);
    }

    #[test]
    fn display_code_prefers_exception_names() {
        let mut e = CallError::new(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        assert_eq!(e.display_code(), "ForbiddenException");
        e.code = Some("Forbidden".into());
        assert_eq!(e.display_code(), "ForbiddenException");
        let mut u = CallError::new(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::UnknownCode,
        );
        u.code = Some("TeapotException".into());
        assert_eq!(u.display_code(), "TeapotException");
        assert_eq!(
            CallError::new(
                Operation::GetChannelMembershipPreferences,
                ErrorKind::Timeout
            )
            .display_code(),
            "Timeout"
        );
    }
}
