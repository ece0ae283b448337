//! Chime SDK messaging: every call carries `x-amz-chime-bearer`, the
//! AppInstanceUser or bot the service judges.

mod ban;
mod membership;
mod message;
mod preferences;

use aws_sdk_chimesdkmessaging::config::Builder;
use aws_sdk_chimesdkmessaging::types::Identity as AwsIdentity;

use crate::model::Member;

use super::call::Plan;

/// The call's overrides as this service's config.
pub(super) fn overrides(plan: &Plan) -> Builder {
    Builder::default()
        .region(plan.region.clone())
        .retry_config(plan.retry.clone())
        .timeout_config(plan.timeout.clone())
        .interceptor(plan.counter.clone())
}

pub(super) fn member(identity: &AwsIdentity) -> Member {
    Member {
        arn: identity.arn().map(str::to_string),
        name: identity.name().map(str::to_string),
    }
}

pub(super) use crate::aws::time;
