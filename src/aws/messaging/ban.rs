//! DescribeChannelBan: whether a member is banned. NotFound is the good
//! answer (not banned) and stays a `CallError` of kind NotFound, which the
//! catalog explains as such.

use aws_sdk_chimesdkmessaging::types::ChannelBan as AwsChannelBan;

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{Called, ChannelBan};
use crate::operation::Operation;

use super::{member, overrides, time};

impl Clients {
    /// DescribeChannelBan. The bearer should be a moderator or an
    /// AppInstanceAdmin.
    pub async fn describe_channel_ban(
        &self,
        channel_arn: &str,
        member_arn: &str,
        bearer_arn: &str,
    ) -> Result<Called<ChannelBan>, CallError> {
        let client = self.messaging().await;
        let called = self
            .call_checked(
                Operation::DescribeChannelBan,
                channel_arn,
                |plan| {
                    client
                        .describe_channel_ban()
                        .channel_arn(channel_arn)
                        .member_arn(member_arn)
                        .chime_bearer(bearer_arn)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
                // The ban is the answer: without it there is no fact at all.
                |out| {
                    out.channel_ban()
                        .is_none()
                        .then(|| "ChannelBan".to_string())
                },
            )
            .await?;
        Ok(Called {
            value: called.value.channel_ban().map(ban).unwrap_or_default(),
            meta: called.meta,
            region: called.region,
        })
    }
}

pub(super) fn ban(aws: &AwsChannelBan) -> ChannelBan {
    ChannelBan {
        channel_arn: aws.channel_arn().map(str::to_string),
        member: aws.member().map(member),
        created_by: aws.created_by().map(member),
        created: time(aws.created_timestamp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_chimesdkmessaging::types::Identity;
    use aws_smithy_types::DateTime;

    #[test]
    fn a_ban_maps_member_creator_and_time() {
        let aws = AwsChannelBan::builder()
            .channel_arn("arn:c")
            .member(Identity::builder().arn("arn:m").name("Mallory").build())
            .created_by(Identity::builder().arn("arn:mod").build())
            .created_timestamp(DateTime::from_secs(1_700_000_000))
            .build();
        let mapped = ban(&aws);
        assert_eq!(mapped.channel_arn.as_deref(), Some("arn:c"));
        assert_eq!(
            mapped.member.as_ref().and_then(|m| m.name.as_deref()),
            Some("Mallory")
        );
        assert_eq!(
            mapped.created_by.and_then(|m| m.arn).as_deref(),
            Some("arn:mod")
        );
        assert_eq!(
            mapped.created,
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000))
        );
    }
}
