//! GetChannelMembershipPreferences: one member's push preferences.

use aws_sdk_chimesdkmessaging::operation::get_channel_membership_preferences::GetChannelMembershipPreferencesOutput as AwsPrefsOutput;

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{
    AllowNotifications, FilterRuleText, Lookup, MembershipPreferences, Preferences,
    PushNotifications, Target,
};
use crate::operation::Operation;

use super::{member, overrides};

impl Clients {
    /// GetChannelMembershipPreferences, with the target's bearer. Read-only.
    pub async fn get_preferences(&self, target: &Target) -> Result<Lookup, CallError> {
        let client = self.messaging().await;
        let called = self
            .call(
                Operation::GetChannelMembershipPreferences,
                &target.channel_arn,
                |plan| {
                    client
                        .get_channel_membership_preferences()
                        .channel_arn(&target.channel_arn)
                        .member_arn(&target.member_arn)
                        .chime_bearer(&target.bearer_arn)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                },
            )
            .await?;
        Ok(Lookup {
            response: preferences(&called.value),
            meta: called.meta,
        })
    }
}

pub(super) fn preferences(output: &AwsPrefsOutput) -> MembershipPreferences {
    MembershipPreferences {
        channel_arn: output.channel_arn().map(str::to_string),
        member: output.member().map(member),
        preferences: output.preferences().map(|p| Preferences {
            push_notifications: p.push_notifications().map(|push| PushNotifications {
                // as_str() keeps an unknown value's text verbatim. The field is
                // required in the model, so the SDK fills a missing one with
                // an empty value: map that back to "absent".
                allow: Some(push.allow_notifications().as_str())
                    .filter(|a| !a.is_empty())
                    .map(AllowNotifications::from_wire),
                filter_rule: push.filter_rule().map(FilterRuleText::new),
            }),
        }),
    }
}
