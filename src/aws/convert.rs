//! SDK output types → the project's own model.

use aws_sdk_chimesdkmessaging::operation::get_channel_membership_preferences::GetChannelMembershipPreferencesOutput as AwsPrefsOutput;
use aws_sdk_chimesdkmessaging::types::Identity as AwsIdentity;

use crate::model::{
    AllowNotifications, FilterRuleText, Member, MembershipPreferences, Preferences,
    PushNotifications,
};

pub(super) fn member(identity: &AwsIdentity) -> Member {
    Member {
        arn: identity.arn().map(str::to_string),
        name: identity.name().map(str::to_string),
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
