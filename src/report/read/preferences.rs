//! A membership's push preferences read back (the `Preferences` object
//! `get --output json` and `member` write, or `scan`'s flat
//! `AllowNotifications` and `FilterRule`), as the lookup that read them.

use std::time::{Duration, SystemTime};

use crate::model::{
    AllowNotifications, CallMeta, FilterRuleText, Lookup, Member, MembershipPreferences,
    Preferences, PushNotifications,
};

use super::error::ReadError;
use super::fields::Fields;

/// `{"PushNotifications": {"AllowNotifications", "FilterRule"}}`, each
/// level kept absent or present as written. An AllowNotifications this
/// version does not know is kept verbatim.
pub(crate) fn preferences(f: &Fields<'_>) -> Result<Preferences, ReadError> {
    let push = match f.opt_object("PushNotifications")? {
        Some(p) => Some(push_notifications(&p)?),
        None => None,
    };
    Ok(Preferences {
        push_notifications: push,
    })
}

/// `AllowNotifications` and `FilterRule` of one object.
pub(crate) fn push_notifications(f: &Fields<'_>) -> Result<PushNotifications, ReadError> {
    Ok(PushNotifications {
        allow: f
            .opt_str("AllowNotifications")?
            .map(AllowNotifications::from_wire),
        filter_rule: f.opt_str("FilterRule")?.map(FilterRuleText::new),
    })
}

/// The lookup a report's row stands for: its response and request id (if
/// the document has one), read at the report's time (a report keeps no
/// latency).
pub(crate) fn lookup(
    channel_arn: Option<String>,
    member: Member,
    preferences: Option<Preferences>,
    request_id: Option<String>,
    at: SystemTime,
) -> Lookup {
    Lookup {
        response: MembershipPreferences {
            channel_arn,
            member: Some(member),
            preferences,
        },
        meta: CallMeta {
            request_id,
            latency: Duration::ZERO,
            attempts: 1,
            fetched_at: at,
        },
    }
}
