//! Chime SDK identity: calls take no bearer; IAM alone decides.

mod endpoints;

use aws_sdk_chimesdkidentity::config::Builder;

use super::call::Plan;

/// The call's overrides as this service's config.
pub(super) fn overrides(plan: &Plan) -> Builder {
    Builder::default()
        .region(plan.region.clone())
        .retry_config(plan.retry.clone())
        .timeout_config(plan.timeout.clone())
        .interceptor(plan.counter.clone())
}
