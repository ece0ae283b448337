//! A role the profile's credentials come from, and why it could not be
//! assumed: STS's own answer (found by its error type in the credentials
//! error's chain), STS out of reach, or the web identity token unreadable.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_chimesdkmessaging::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use crate::error::{CallError, ErrorKind, Evidence, StsFailure};
use crate::operation::Operation;

use super::ProfileFacts;

const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-RequestId", "x-amz-request-id"];

fn sources<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |e| (*e).source())
}

/// Why STS could not be reached, from the io error underneath.
fn unreachable_detail(err: &(dyn StdError + 'static)) -> String {
    match sources(err).find_map(|e| e.downcast_ref::<std::io::Error>()) {
        Some(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        Some(io) => io.to_string(),
        None => sources(err)
            .last()
            .map_or_else(|| err.to_string(), |e| e.to_string()),
    }
}

/// A role the credentials come from could not be assumed: STS answered
/// with an error, could not be reached, or the web identity token could
/// not be read. Said as "could not assume role ARN: STS ...", never as
/// missing credentials.
pub(crate) fn assume_role_failure(
    operation: Operation,
    err: &(dyn StdError + 'static),
    creds: &CredentialsError,
    profile: &ProfileFacts,
) -> Option<CallError> {
    use aws_sdk_sts::operation::assume_role::AssumeRoleError;
    use aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError;
    let found = sources(err).find_map(|e| {
        if let Some(sts) = e.downcast_ref::<SdkError<AssumeRoleError, HttpResponse>>() {
            Some((sts_failure(sts), false))
        } else {
            e.downcast_ref::<SdkError<AssumeRoleWithWebIdentityError, HttpResponse>>()
                .map(|sts| (sts_failure(sts), true))
        }
    });
    let web_role = profile
        .role
        .as_ref()
        .filter(|r| r.web_identity)
        .map(|r| r.role_arn.clone())
        .or_else(|| profile.env_web_identity.clone());
    let (failure, web_identity) = match found {
        Some(found) => found,
        // The token file could not be read: the provider's own error.
        None if web_role.is_some()
            && matches!(creds, CredentialsError::ProviderError(_))
            && sources(err).any(|e| e.is::<std::io::Error>()) =>
        {
            let io = sources(err)
                .find_map(|e| e.downcast_ref::<std::io::Error>())
                .map(|e| e.to_string())
                .unwrap_or_default();
            (
                StsFailure::Other {
                    detail: format!("the web identity token file could not be read ({io})"),
                },
                true,
            )
        }
        None => return None,
    };
    // The profile's own role, unless the environment's web identity role
    // is the one that failed.
    let own = profile
        .role
        .as_ref()
        .filter(|r| r.web_identity == web_identity);
    let (named, role_arn, source_profile) = match own {
        // Chained roles: which one STS refused is not known, so none is
        // named as the one.
        Some(role) if !role.through.is_empty() => (Some(profile.selected.clone()), None, None),
        Some(role) => (
            Some(profile.selected.clone()),
            Some(role.role_arn.clone()),
            role.source_profile.clone(),
        ),
        None => (None, web_role.filter(|_| web_identity), None),
    };
    let call = if web_identity {
        "AssumeRoleWithWebIdentity"
    } else {
        "AssumeRole"
    };
    let role_text = match own {
        Some(role) if !role.through.is_empty() => format!(
            "{} or a role it is assumed through ({})",
            role.role_arn,
            role.through.join(", ")
        ),
        _ => role_arn
            .clone()
            .unwrap_or_else(|| "(not named in the configuration)".to_string()),
    };
    let detail = match &failure {
        StsFailure::Refused { code, message, .. } => format!(
            "could not assume role {role_text}: STS {call} answered {code}{}",
            message
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default()
        ),
        StsFailure::Unreachable { detail } => {
            format!("could not assume role {role_text}: STS could not be reached: {detail}")
        }
        StsFailure::Other { detail } => format!("could not assume role {role_text}: {detail}"),
    };
    Some(
        CallError::new(operation, ErrorKind::AssumeRoleFailed)
            .with_detail(detail)
            .with_evidence(Evidence::AssumeRole {
                profile: named,
                role_arn,
                source_profile,
                web_identity,
                failure,
            }),
    )
}

/// What STS did, from its own error: the code and message it answered,
/// or why no answer came.
fn sts_failure<E>(err: &SdkError<E, HttpResponse>) -> StsFailure
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        SdkError::ServiceError(service) => StsFailure::Refused {
            code: service.err().code().map_or_else(
                || format!("HTTP {}", service.raw().status().as_u16()),
                str::to_string,
            ),
            message: service.err().message().map(str::to_string),
            request_id: REQUEST_ID_HEADERS
                .iter()
                .find_map(|h| service.raw().headers().get(*h))
                .map(str::to_string),
        },
        SdkError::TimeoutError(_) => StsFailure::Unreachable {
            detail: "no answer within the timeout".into(),
        },
        SdkError::DispatchFailure(failure) if failure.is_timeout() => StsFailure::Unreachable {
            detail: "connection or read timed out".into(),
        },
        SdkError::DispatchFailure(_) => StsFailure::Unreachable {
            detail: unreachable_detail(err),
        },
        SdkError::ResponseError(response) => StsFailure::Other {
            detail: format!(
                "the STS endpoint answered HTTP {} with a body that is not STS's",
                response.raw().status().as_u16()
            ),
        },
        _ => StsFailure::Other {
            detail: err.to_string(),
        },
    }
}
