//! Who is in a channel: ListChannelMemberships (a channel's members),
//! DescribeChannelMembership (one member), and
//! ListChannelMembershipsForAppInstanceUser (one user's channels).

use aws_sdk_chimesdkmessaging::types::{
    ChannelMembership as AwsMembership,
    ChannelMembershipForAppInstanceUserSummary as AwsUserMembership,
    ChannelMembershipType as AwsMembershipType, ChannelSummary as AwsChannelSummary,
};

use crate::aws::Clients;
use crate::aws::paging;
use crate::error::CallError;
use crate::model::{
    Called, ChannelMembership, ChannelMode, ChannelPrivacy, ChannelSummary, MembershipPage,
    MembershipType, Page, UserChannelMembership,
};
use crate::operation::Operation;

use super::{member, overrides, time};

/// The service's largest page.
const PAGE_SIZE: i32 = 50;

impl Clients {
    /// One page of ListChannelMemberships (DEFAULT or HIDDEN members).
    pub async fn list_memberships(
        &self,
        channel_arn: &str,
        bearer_arn: &str,
        hidden: bool,
        next_token: Option<String>,
    ) -> Result<MembershipPage, CallError> {
        let client = self.messaging().await;
        let kind = if hidden {
            AwsMembershipType::Hidden
        } else {
            AwsMembershipType::Default
        };
        let called = self
            .call(Operation::ListChannelMemberships, channel_arn, |plan| {
                client
                    .list_channel_memberships()
                    .channel_arn(channel_arn)
                    .chime_bearer(bearer_arn)
                    .max_results(PAGE_SIZE)
                    .r#type(kind)
                    .set_next_token(next_token)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        Ok(MembershipPage {
            // A membership without its Member stays a row (with no ARN),
            // which the scan reports as malformed, rather than vanishing.
            members: called
                .value
                .channel_memberships()
                .iter()
                .map(|m| m.member().map(member).unwrap_or_default())
                .collect(),
            next_token: called.value.next_token().map(str::to_string),
            meta: Some(called.meta),
        })
    }

    /// DescribeChannelMembership. A member who is not in the channel is a
    /// `CallError` of kind NotFound.
    pub async fn describe_channel_membership(
        &self,
        channel_arn: &str,
        member_arn: &str,
        bearer_arn: &str,
    ) -> Result<Called<ChannelMembership>, CallError> {
        let client = self.messaging().await;
        let called = self
            .call_checked(
                Operation::DescribeChannelMembership,
                channel_arn,
                |plan| {
                    client
                        .describe_channel_membership()
                        .channel_arn(channel_arn)
                        .member_arn(member_arn)
                        .chime_bearer(bearer_arn)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
                |out| {
                    out.channel_membership()
                        .is_none()
                        .then(|| "ChannelMembership".to_string())
                },
            )
            .await?;
        Ok(Called {
            value: called
                .value
                .channel_membership()
                .map(membership)
                .unwrap_or_default(),
            meta: called.meta,
            region: called.region,
        })
    }

    /// One page of ListChannelMembershipsForAppInstanceUser: the channels
    /// `user_arn` is in. Only an AppInstanceAdmin bearer may ask about
    /// another user than itself.
    pub async fn list_user_memberships_page(
        &self,
        user_arn: &str,
        bearer_arn: &str,
        next_token: Option<String>,
    ) -> Result<Called<Page<UserChannelMembership>>, CallError> {
        let client = self.messaging().await;
        let called = self
            .call(
                Operation::ListChannelMembershipsForAppInstanceUser,
                user_arn,
                |plan| {
                    client
                        .list_channel_memberships_for_app_instance_user()
                        .app_instance_user_arn(user_arn)
                        .chime_bearer(bearer_arn)
                        .max_results(PAGE_SIZE)
                        .set_next_token(next_token)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
            )
            .await?;
        Ok(Called {
            value: Page {
                items: called
                    .value
                    .channel_memberships()
                    .iter()
                    .map(user_membership)
                    .collect(),
                next_token: called.value.next_token().map(str::to_string),
            },
            meta: called.meta,
            region: called.region,
        })
    }

    /// Every page of ListChannelMembershipsForAppInstanceUser.
    pub async fn list_user_memberships(
        &self,
        user_arn: &str,
        bearer_arn: &str,
    ) -> Result<Called<Vec<UserChannelMembership>>, CallError> {
        paging::all_pages(
            Operation::ListChannelMembershipsForAppInstanceUser,
            |token| self.list_user_memberships_page(user_arn, bearer_arn, token),
        )
        .await
    }
}

fn membership_type(kind: &AwsMembershipType) -> MembershipType {
    MembershipType::from_wire(kind.as_str())
}

pub(super) fn membership(aws: &AwsMembership) -> ChannelMembership {
    ChannelMembership {
        channel_arn: aws.channel_arn().map(str::to_string),
        member: aws.member().map(member),
        invited_by: aws.invited_by().map(member),
        kind: aws.r#type().map(membership_type),
        created: time(aws.created_timestamp()),
        last_updated: time(aws.last_updated_timestamp()),
        sub_channel_id: aws.sub_channel_id().map(str::to_string),
    }
}

fn channel_summary(aws: &AwsChannelSummary) -> ChannelSummary {
    ChannelSummary {
        channel_arn: aws.channel_arn().map(str::to_string),
        name: aws.name().map(str::to_string),
        mode: aws.mode().map(|m| ChannelMode::from_wire(m.as_str())),
        privacy: aws.privacy().map(|p| ChannelPrivacy::from_wire(p.as_str())),
        last_message: time(aws.last_message_timestamp()),
    }
}

pub(super) fn user_membership(aws: &AwsUserMembership) -> UserChannelMembership {
    let summary = aws.app_instance_user_membership_summary();
    UserChannelMembership {
        channel: aws.channel_summary().map(channel_summary),
        kind: summary.and_then(|s| s.r#type()).map(membership_type),
        read_marker: time(summary.and_then(|s| s.read_marker_timestamp())),
        sub_channel_id: summary.and_then(|s| s.sub_channel_id()).map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_chimesdkmessaging::types::{
        AppInstanceUserMembershipSummary, ChannelMode as AwsMode, ChannelPrivacy as AwsPrivacy,
        Identity,
    };
    use aws_smithy_types::DateTime;

    #[test]
    fn a_membership_maps_type_inviter_and_times() {
        let aws = AwsMembership::builder()
            .channel_arn("arn:c")
            .member(Identity::builder().arn("arn:m").build())
            .invited_by(Identity::builder().arn("arn:admin").name("Admin").build())
            .r#type(AwsMembershipType::Hidden)
            .created_timestamp(DateTime::from_secs(10))
            .sub_channel_id("sub-1")
            .build();
        let mapped = membership(&aws);
        assert_eq!(mapped.kind, Some(MembershipType::Hidden));
        assert_eq!(
            mapped.invited_by.and_then(|m| m.name).as_deref(),
            Some("Admin")
        );
        assert_eq!(mapped.sub_channel_id.as_deref(), Some("sub-1"));
        assert_eq!(mapped.last_updated, None);
        assert!(mapped.created.is_some());
    }

    #[test]
    fn a_users_channel_keeps_unknown_values_verbatim() {
        let aws = AwsUserMembership::builder()
            .channel_summary(
                AwsChannelSummary::builder()
                    .channel_arn("arn:c")
                    .name("support\u{1b}[2J")
                    .mode(AwsMode::Restricted)
                    .privacy(AwsPrivacy::from("SECRET"))
                    .build(),
            )
            .app_instance_user_membership_summary(
                AppInstanceUserMembershipSummary::builder()
                    .r#type(AwsMembershipType::Default)
                    .build(),
            )
            .build();
        let mapped = user_membership(&aws);
        let channel = mapped.channel.expect("channel");
        assert_eq!(channel.mode, Some(ChannelMode::Restricted));
        assert_eq!(
            channel.privacy,
            Some(ChannelPrivacy::Unknown("SECRET".into()))
        );
        // Server text is kept raw; display sanitises it.
        assert_eq!(channel.name.as_deref(), Some("support\u{1b}[2J"));
        assert_eq!(mapped.kind, Some(MembershipType::Default));
    }
}
