//! Test fixtures shared by the scan module's unit tests.

use std::time::{Duration, SystemTime};

use crate::model::{
    AllowNotifications, CallMeta, FilterRuleText, Lookup, MembershipPreferences, Preferences,
    PushNotifications,
};

use super::MemberOutcome;

/// A member read with this state and rule (both verbatim, `None` = absent).
pub(crate) fn read(allow: Option<&str>, rule: Option<&str>) -> MemberOutcome {
    MemberOutcome::Read(Box::new(Lookup {
        response: MembershipPreferences {
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: allow.map(AllowNotifications::from_wire),
                    filter_rule: rule.map(FilterRuleText::new),
                }),
            }),
            ..MembershipPreferences::default()
        },
        meta: CallMeta {
            request_id: None,
            latency: Duration::ZERO,
            attempts: 1,
            fetched_at: SystemTime::UNIX_EPOCH,
        },
    }))
}
