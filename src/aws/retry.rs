//! Retry classification the SDK lacks for Chime.
//!
//! The SDK's standard retry strategy does not know Chime's
//! `ThrottledClientException` as a throttling error, so a 429 from Chime is
//! returned at once instead of being retried with backoff. This classifier
//! marks it (and any 429, even without an `x-amzn-ErrorType` header) as
//! throttling, so the standard strategy backs off and retries.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};

const THROTTLED_EXCEPTIONS: [&str; 2] = ["ThrottledClientException", "ThrottlingException"];

#[derive(Debug, Default, Clone, Copy)]
pub struct ChimeThrottlingClassifier;

impl ClassifyRetry for ChimeThrottlingClassifier {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(response) = ctx.response() else {
            return RetryAction::NoActionIndicated;
        };
        let status = response.status().as_u16();
        let error_type = response
            .headers()
            .get("x-amzn-ErrorType")
            .map(|value| value.split(':').next().unwrap_or(value));
        let throttled_by_name = error_type.is_some_and(|t| THROTTLED_EXCEPTIONS.contains(&t));
        if status == 429 || throttled_by_name {
            RetryAction::throttling_error()
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "Chime ThrottledClientException"
    }

    fn priority(&self) -> RetryClassifierPriority {
        // After the modeled-error classifier, so this verdict wins for 429s.
        RetryClassifierPriority::run_after(
            RetryClassifierPriority::modeled_as_retryable_classifier(),
        )
    }
}

/// A TLS handshake that failed on the server's certificate fails the same
/// way every time: the SDK would retry it as a connection error, so this
/// forbids the retry.
#[derive(Debug, Default, Clone, Copy)]
pub struct CertificateClassifier;

impl ClassifyRetry for CertificateClassifier {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let untrusted = ctx
            .output_or_error()
            .and_then(|result| result.err())
            .and_then(|err| err.as_connector_error())
            .is_some_and(|err| super::trust::certificate_problem(err).is_some());
        if untrusted {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "untrusted TLS certificate"
    }

    fn priority(&self) -> RetryClassifierPriority {
        // After the transient-error classifier, which calls it a
        // connection error to retry.
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}
