//! A user's devices: ListAppInstanceUserEndpoints and
//! DescribeAppInstanceUserEndpoint. Device tokens are dropped right here;
//! the model only learns whether one was registered.

use aws_sdk_chimesdkidentity::types::{
    AppInstanceUserEndpoint as AwsEndpoint, AppInstanceUserEndpointSummary as AwsSummary,
    EndpointState as AwsState,
};

use crate::aws::Clients;
use crate::aws::paging;
use crate::error::CallError;
use crate::model::{
    AllowMessages, AppInstanceUserEndpoint, Called, EndpointState, EndpointStatus,
    EndpointStatusReason, EndpointType, Page,
};
use crate::operation::Operation;

use super::overrides;

const PAGE_SIZE: i32 = 50;

impl Clients {
    /// One page of ListAppInstanceUserEndpoints. No bearer: IAM decides.
    pub async fn list_endpoints_page(
        &self,
        user_arn: &str,
        next_token: Option<String>,
    ) -> Result<Called<Page<AppInstanceUserEndpoint>>, CallError> {
        let client = self.identity().await;
        let called = self
            .call_checked(
                Operation::ListAppInstanceUserEndpoints,
                user_arn,
                |plan| {
                    client
                        .list_app_instance_user_endpoints()
                        .app_instance_user_arn(user_arn)
                        .max_results(PAGE_SIZE)
                        .set_next_token(next_token)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
                // An endpoint without its id cannot be described or named:
                // dropping it could turn a device into "no device".
                |out| {
                    out.app_instance_user_endpoints()
                        .iter()
                        .position(|e| e.endpoint_id().is_none_or(str::is_empty))
                        .map(|i| format!("AppInstanceUserEndpoints[{i}].EndpointId"))
                },
            )
            .await?;
        Ok(Called {
            value: Page {
                items: called
                    .value
                    .app_instance_user_endpoints()
                    .iter()
                    .map(summary)
                    .collect(),
                next_token: called.value.next_token().map(str::to_string),
            },
            meta: called.meta,
            region: called.region,
        })
    }

    /// Every endpoint of `user_arn`.
    pub async fn list_endpoints(
        &self,
        user_arn: &str,
    ) -> Result<Called<Vec<AppInstanceUserEndpoint>>, CallError> {
        paging::all_pages(Operation::ListAppInstanceUserEndpoints, |token| {
            self.list_endpoints_page(user_arn, token)
        })
        .await
    }

    /// DescribeAppInstanceUserEndpoint: the summary's fields plus the
    /// Pinpoint app and whether tokens are registered.
    pub async fn describe_endpoint(
        &self,
        user_arn: &str,
        endpoint_id: &str,
    ) -> Result<Called<AppInstanceUserEndpoint>, CallError> {
        let client = self.identity().await;
        let called = self
            .call_checked(
                Operation::DescribeAppInstanceUserEndpoint,
                user_arn,
                |plan| {
                    client
                        .describe_app_instance_user_endpoint()
                        .app_instance_user_arn(user_arn)
                        .endpoint_id(endpoint_id)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
                |out| {
                    out.app_instance_user_endpoint()
                        .is_none()
                        .then(|| "AppInstanceUserEndpoint".to_string())
                },
            )
            .await?;
        Ok(Called {
            value: called
                .value
                .app_instance_user_endpoint()
                .map(endpoint)
                .unwrap_or_default(),
            meta: called.meta,
            region: called.region,
        })
    }
}

fn state(aws: &AwsState) -> EndpointState {
    EndpointState {
        status: Some(aws.status().as_str())
            .filter(|s| !s.is_empty())
            .map(EndpointStatus::from_wire),
        reason: aws
            .status_reason()
            .map(|r| EndpointStatusReason::from_wire(r.as_str())),
    }
}

pub(super) fn summary(aws: &AwsSummary) -> AppInstanceUserEndpoint {
    AppInstanceUserEndpoint {
        app_instance_user_arn: aws.app_instance_user_arn().map(str::to_string),
        endpoint_id: aws.endpoint_id().map(str::to_string),
        name: aws.name().map(str::to_string),
        kind: aws.r#type().map(|t| EndpointType::from_wire(t.as_str())),
        allow_messages: aws
            .allow_messages()
            .map(|a| AllowMessages::from_wire(a.as_str())),
        state: aws.endpoint_state().map(state),
        ..AppInstanceUserEndpoint::default()
    }
}

pub(super) fn endpoint(aws: &AwsEndpoint) -> AppInstanceUserEndpoint {
    let attributes = aws.endpoint_attributes();
    AppInstanceUserEndpoint {
        app_instance_user_arn: aws.app_instance_user_arn().map(str::to_string),
        endpoint_id: aws.endpoint_id().map(str::to_string),
        name: aws.name().map(str::to_string),
        kind: aws.r#type().map(|t| EndpointType::from_wire(t.as_str())),
        allow_messages: aws
            .allow_messages()
            .map(|a| AllowMessages::from_wire(a.as_str())),
        state: aws.endpoint_state().map(state),
        resource_arn: aws.resource_arn().map(str::to_string),
        // Only whether a token is there: the tokens themselves go no further.
        has_device_token: attributes.is_some_and(|a| !a.device_token().is_empty()),
        has_voip_device_token: attributes
            .and_then(|a| a.voip_device_token())
            .is_some_and(|t| !t.is_empty()),
        created: crate::aws::time(aws.created_timestamp()),
        last_updated: crate::aws::time(aws.last_updated_timestamp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_chimesdkidentity::types::{
        AllowMessages as AwsAllow, AppInstanceUserEndpointType, EndpointAttributes,
        EndpointStatus as AwsStatus, EndpointStatusReason as AwsReason,
    };

    const TOKEN: &str = "d3v1c3t0k3n-0123456789abcdef";

    fn inactive() -> AwsState {
        AwsState::builder()
            .status(AwsStatus::Inactive)
            .status_reason(AwsReason::InvalidDeviceToken)
            .build()
            .expect("status is set")
    }

    #[test]
    fn device_tokens_are_dropped_and_only_their_presence_kept() {
        let aws = AwsEndpoint::builder()
            .app_instance_user_arn("arn:u")
            .endpoint_id("e-1")
            .name("Carol's \u{1b}[31miPhone")
            .r#type(AppInstanceUserEndpointType::ApnsSandbox)
            .resource_arn("arn:aws:mobiletargeting:us-east-1:1:apps/p")
            .endpoint_attributes(
                EndpointAttributes::builder()
                    .device_token(TOKEN)
                    .build()
                    .expect("token is set"),
            )
            .allow_messages(AwsAllow::All)
            .endpoint_state(inactive())
            .build();
        let mapped = endpoint(&aws);
        assert!(mapped.has_device_token);
        assert!(!mapped.has_voip_device_token);
        assert!(!format!("{mapped:?}").contains(TOKEN), "{mapped:?}");
        assert_eq!(mapped.kind, Some(EndpointType::ApnsSandbox));
        assert_eq!(
            mapped.state,
            Some(EndpointState {
                status: Some(EndpointStatus::Inactive),
                reason: Some(EndpointStatusReason::InvalidDeviceToken)
            })
        );
        assert!(!mapped.can_receive());
        assert_eq!(
            mapped.resource_arn.as_deref(),
            Some("arn:aws:mobiletargeting:us-east-1:1:apps/p")
        );
    }

    #[test]
    fn a_summary_has_no_token_or_pinpoint_app() {
        let aws = AwsSummary::builder()
            .endpoint_id("e-2")
            .r#type(AppInstanceUserEndpointType::Gcm)
            .allow_messages(AwsAllow::None)
            .endpoint_state(
                AwsState::builder()
                    .status(AwsStatus::Active)
                    .build()
                    .expect("status"),
            )
            .build();
        let mapped = summary(&aws);
        assert_eq!(mapped.allow_messages, Some(AllowMessages::None));
        assert!(!mapped.has_device_token);
        assert_eq!(mapped.resource_arn, None);
        assert!(!mapped.can_receive(), "NONE stops pushes");
    }
}
