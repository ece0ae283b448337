//! The one path every call goes through: its region (the ARN's; for a
//! global service such as IAM, the partition's signing region), its time
//! budget, the profile's credentials, attempt counting, latency, the request
//! id, classification of failures, and a tracing span named by the
//! operation. The operation files only say which SDK call to make and how
//! its output maps into the model.

use std::error::Error as StdError;
use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

use aws_config::Region;
use aws_sdk_chimesdkmessaging::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_chimesdkmessaging::operation::RequestId;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use tracing::Instrument as _;

use crate::error::{CallError, ErrorKind};
use crate::model::{CallMeta, Called};
use crate::operation::Operation;

use super::attempts::AttemptCounter;
use super::classify::{self, Site};
use super::clients::{CONNECT_TIMEOUT, Clients};
use super::region::RegionProblem;

/// What one call overrides in its service's config: the ARN's region, the
/// attempts and the time left. Each service turns it into its own config
/// builder (`messaging::overrides`, `identity::overrides`).
pub(super) struct Plan {
    pub region: Region,
    pub retry: RetryConfig,
    pub timeout: TimeoutConfig,
    pub counter: AttemptCounter,
}

/// The budget for one call: `--timeout` covers everything, credentials
/// included. The first attempt may use all of it; retries get what is left
/// (the SDK's operation timeout stops them when it runs out).
fn timeouts(remaining: Duration) -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(remaining))
        .operation_timeout(remaining)
        .operation_attempt_timeout(remaining)
        .build()
}

impl Clients {
    /// `--timeout`: the budget of one call, its retries included. Whoever
    /// retries on top of the client (the scan's paced retries) keeps to it
    /// too.
    pub fn call_budget(&self) -> Duration {
        self.shared.settings.timeout
    }

    /// Run one call about `arn` (whose region it goes to). `send` makes the
    /// SDK call with the plan's overrides.
    pub(super) async fn call<O, E, F, Fut>(
        &self,
        operation: Operation,
        arn: &str,
        send: F,
    ) -> Result<Called<O>, CallError>
    where
        F: FnOnce(Plan) -> Fut,
        Fut: Future<Output = Result<O, SdkError<E, HttpResponse>>>,
        O: RequestId,
        E: ProvideErrorMetadata + StdError + 'static,
    {
        self.call_checked(operation, arn, send, |_| None).await
    }

    /// [`Self::call`], for an operation whose successful answer promises a
    /// structure: `missing` names the field a 2xx answer lacks (`None` when
    /// it is all there), and such an answer is a MalformedResponse naming
    /// it, never a fact.
    pub(super) async fn call_checked<O, E, F, Fut>(
        &self,
        operation: Operation,
        arn: &str,
        send: F,
        missing: impl FnOnce(&O) -> Option<String>,
    ) -> Result<Called<O>, CallError>
    where
        F: FnOnce(Plan) -> Fut,
        Fut: Future<Output = Result<O, SdkError<E, HttpResponse>>>,
        O: RequestId,
        E: ProvideErrorMetadata + StdError + 'static,
    {
        let span = tracing::info_span!(
            "aws",
            operation = operation.api_name(),
            region = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        async move {
            let result = self.call_in_span(operation, arn, send, missing).await;
            let span = tracing::Span::current();
            match &result {
                Ok(called) => {
                    span.record("region", called.region.as_str());
                    span.record("attempts", called.meta.attempts);
                    tracing::debug!(request_id = ?called.meta.request_id, latency_ms = called.meta.latency.as_millis() as u64, "call done");
                }
                Err(err) => {
                    span.record("attempts", err.attempts);
                    tracing::debug!(kind = ?err.kind, status = ?err.http_status, request_id = ?err.request_id, "call failed");
                }
            }
            result
        }
        .instrument(span)
        .await
    }

    async fn call_in_span<O, E, F, Fut>(
        &self,
        operation: Operation,
        arn: &str,
        send: F,
        missing: impl FnOnce(&O) -> Option<String>,
    ) -> Result<Called<O>, CallError>
    where
        F: FnOnce(Plan) -> Fut,
        Fut: Future<Output = Result<O, SdkError<E, HttpResponse>>>,
        O: RequestId,
        E: ProvideErrorMetadata + StdError + 'static,
    {
        let started = Instant::now();
        let shared = &self.shared;
        let region = shared
            .info
            .region_for_call(operation.service(), arn)
            .map_err(|problem| region_error(operation, problem))?;
        let refuse = |kind: ErrorKind| {
            let mut err = CallError::new(operation, kind);
            err.region = Some(region.clone());
            err
        };
        if let Some(evidence) = shared.profile.not_found() {
            return Err(refuse(ErrorKind::CredentialsMissing).with_evidence(evidence));
        }
        let budget = shared.settings.timeout;
        if let Some(process) = &shared.process {
            // Before the SDK asks, so that a hanging process is stopped when
            // the budget runs out and the error can say so.
            if let Err(failure) = process.credentials(budget).await {
                let evidence = failure.evidence(process.profile());
                return Err(refuse(ErrorKind::CredentialProcess)
                    .with_detail(
                        super::credentials::ProcessError {
                            profile: process.profile().to_string(),
                            failure,
                        }
                        .to_string(),
                    )
                    .with_evidence(evidence));
            }
        }
        let remaining = budget.saturating_sub(started.elapsed());
        if remaining.is_zero() {
            return Err(refuse(ErrorKind::Timeout)
                .with_detail("the time ran out before the request could be sent"));
        }
        let counter = AttemptCounter::default();
        let plan = Plan {
            region: Region::new(region.clone()),
            retry: RetryConfig::standard().with_max_attempts(self.max_attempts),
            timeout: timeouts(remaining),
            counter: counter.clone(),
        };
        let result = send(plan).await;
        let latency = started.elapsed();
        let output = match result {
            Ok(output) => output,
            Err(err) => {
                let site = Site {
                    endpoint: shared.info.endpoint_for(operation.service(), &region),
                    profile: &shared.profile,
                };
                let mut out = classify::classify(operation, &err, counter.get(), &site);
                if out.kind == ErrorKind::CertificateUntrusted
                    && let Some(problem) = super::trust::certificate_problem(&err)
                {
                    let left = budget.saturating_sub(started.elapsed());
                    let evidence = shared.trust.evidence(&site.endpoint, &problem, left).await;
                    out.evidence = Some(Box::new(evidence));
                }
                out.region = Some(region);
                return Err(out);
            }
        };
        let request_id = output.request_id().map(str::to_string);
        if let Some(field) = missing(&output) {
            let mut err = CallError::new(operation, ErrorKind::MalformedResponse).with_detail(
                format!("the answer has no {field}, which {operation} always returns"),
            );
            err.http_status = counter.last_status();
            err.request_id = request_id;
            err.attempts = counter.get();
            err.region = Some(region);
            return Err(err);
        }
        Ok(Called {
            meta: CallMeta {
                request_id,
                latency,
                attempts: counter.get(),
                fetched_at: SystemTime::now(),
            },
            value: output,
            region,
        })
    }
}

fn region_error(operation: Operation, problem: RegionProblem) -> CallError {
    match problem {
        RegionProblem::Conflict { ref arn, .. } => {
            let mut err = CallError::new(operation, ErrorKind::RegionMismatch)
                .with_detail(problem.to_string());
            err.region = Some(arn.clone());
            err
        }
        RegionProblem::Unreadable => {
            CallError::new(operation, ErrorKind::NoRegion).with_detail(problem.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_attempt_may_use_the_whole_budget() {
        let t = timeouts(Duration::from_secs(10));
        assert_eq!(t.operation_timeout(), Some(Duration::from_secs(10)));
        assert_eq!(t.operation_attempt_timeout(), Some(Duration::from_secs(10)));
        assert_eq!(t.connect_timeout(), Some(CONNECT_TIMEOUT));
        let short = timeouts(Duration::from_millis(500));
        assert_eq!(short.connect_timeout(), Some(Duration::from_millis(500)));
    }
}
