//! AWS End User Messaging push (the Pinpoint API): the app a device
//! endpoint names and its push channels. REST/JSON GETs, signed as
//! `mobiletargeting`, in the app ARN's region. No call carries a bearer.

mod app;
mod channels;

use aws_sdk_pinpoint::config::Builder;

use super::call::Plan;

/// The call's overrides as this service's config.
pub(super) fn overrides(plan: &Plan) -> Builder {
    Builder::default()
        .region(plan.region.clone())
        .retry_config(plan.retry.clone())
        .timeout_config(plan.timeout.clone())
        .interceptor(plan.counter.clone())
}
