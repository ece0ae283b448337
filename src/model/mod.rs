//! The project's own view of what the calls return: a membership's push
//! preferences (here), memberships and bans, messages, and devices.
//!
//! Nothing here knows the AWS SDK: `crate::aws` maps SDK output into these
//! types, and every other module (CLI output, TUI, scan) works with them.

mod called;
mod endpoint;
mod membership;
mod message;
mod setup;
mod wire;

pub use called::{Called, Page};
pub use endpoint::{
    AllowMessages, AppInstanceUserEndpoint, EndpointState, EndpointStatus, EndpointStatusReason,
    EndpointType,
};
pub use membership::{
    ChannelBan, ChannelMembership, ChannelMode, ChannelPrivacy, ChannelSummary, MembershipType,
    UserChannelMembership,
};
pub use message::{ChannelMessage, MessagePersistence, MessageStatus, MessageType};
pub use setup::{
    AuthenticationMethod, EvalDecision, MatchedStatement, PinpointApp, PinpointAppRef,
    PolicySource, PushChannel, PushChannelKind, RolePolicy, ServiceRole, SimulatedDecision,
};

use std::time::{Duration, SystemTime};

/// `Preferences.PushNotifications.AllowNotifications`.
///
/// The service may add values: an unknown one is kept verbatim, never an error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AllowNotifications {
    All,
    None,
    Filtered,
    Unknown(String),
}

impl AllowNotifications {
    pub fn from_wire(value: &str) -> Self {
        match value {
            "ALL" => Self::All,
            "NONE" => Self::None,
            "FILTERED" => Self::Filtered,
            other => Self::Unknown(other.to_string()),
        }
    }

    /// The exact text the service sent (unknown values included).
    pub fn as_wire(&self) -> &str {
        match self {
            Self::All => "ALL",
            Self::None => "NONE",
            Self::Filtered => "FILTERED",
            Self::Unknown(other) => other,
        }
    }

    /// One sentence on what the state means for push delivery.
    pub fn meaning(&self) -> &'static str {
        match self {
            Self::All => {
                "Every message sent with a PushNotification configuration is pushed to this member's devices."
            }
            Self::None => "No push notifications at all: the member muted pushes for this channel.",
            Self::Filtered => "Only messages whose attributes match the FilterRule are pushed.",
            Self::Unknown(_) => {
                "A value this version of chime-prefs does not know: the service may have added it. Shown verbatim."
            }
        }
    }
}

/// What a member's preferences say about pushes, as one of five states:
/// the three AllowNotifications values, never set, and a value this version
/// does not know. Each state's label lives here, once, for every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PushState {
    All,
    None,
    Filtered,
    /// No AllowNotifications: the member never set preferences here.
    NotSet,
    /// A value this version does not know (kept verbatim in the response).
    Unknown,
}

impl PushState {
    pub fn of(prefs: &MembershipPreferences) -> PushState {
        PushState::of_allow(prefs.allow())
    }

    pub fn of_allow(allow: Option<&AllowNotifications>) -> PushState {
        match allow {
            Some(AllowNotifications::All) => PushState::All,
            Some(AllowNotifications::None) => PushState::None,
            Some(AllowNotifications::Filtered) => PushState::Filtered,
            Some(AllowNotifications::Unknown(_)) => PushState::Unknown,
            None => PushState::NotSet,
        }
    }

    /// The state's name on screen. An unknown value is shown verbatim
    /// where it is at hand; this is the word for the state as a class.
    pub const fn label(self) -> &'static str {
        match self {
            PushState::All => "ALL",
            PushState::None => "NONE",
            PushState::Filtered => "FILTERED",
            PushState::NotSet => "NOT SET",
            PushState::Unknown => "unknown",
        }
    }
}

/// Where a JSON document failed to parse, 1-based like editors count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for JsonSyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// The FilterRule exactly as the service sent it, plus the parse outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterRuleText {
    pub raw: String,
    pub parsed: Result<serde_json::Value, JsonSyntaxError>,
}

impl FilterRuleText {
    pub fn new(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parsed = serde_json::from_str::<serde_json::Value>(&raw).map_err(|e| JsonSyntaxError {
            line: e.line(),
            column: e.column(),
            message: json_error_message(&e),
        });
        Self { raw, parsed }
    }

    /// Indented JSON when the rule parses, `None` otherwise.
    pub fn pretty(&self) -> Option<String> {
        self.parsed
            .as_ref()
            .ok()
            .and_then(|v| serde_json::to_string_pretty(v).ok())
    }
}

/// serde_json's Display appends " at line X column Y"; we carry those apart.
fn json_error_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(idx) => text[..idx].to_string(),
        None => text,
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Member {
    pub arn: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PushNotifications {
    pub allow: Option<AllowNotifications>,
    pub filter_rule: Option<FilterRuleText>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preferences {
    pub push_notifications: Option<PushNotifications>,
}

/// The response of GetChannelMembershipPreferences. Every level stays
/// optional so that "absent" and "present but empty" survive the round trip
/// (the AWS CLI prints them differently).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MembershipPreferences {
    pub channel_arn: Option<String>,
    pub member: Option<Member>,
    pub preferences: Option<Preferences>,
}

impl MembershipPreferences {
    pub fn push(&self) -> Option<&PushNotifications> {
        self.preferences.as_ref()?.push_notifications.as_ref()
    }

    pub fn allow(&self) -> Option<&AllowNotifications> {
        self.push()?.allow.as_ref()
    }

    pub fn filter_rule(&self) -> Option<&FilterRuleText> {
        self.push()?.filter_rule.as_ref()
    }

    /// One sentence on what these preferences mean for push delivery,
    /// taking the rule into account.
    pub fn push_meaning(&self) -> &'static str {
        match (self.allow(), self.filter_rule()) {
            (None, _) => {
                "The member never set push preferences here: the channel's default applies (pushes are delivered)."
            }
            (Some(AllowNotifications::Filtered), None) => {
                "FILTERED, but with no FilterRule: undocumented; assumed, as for an SNS subscription without a filter policy, that every message is pushed."
            }
            (Some(allow), _) => allow.meaning(),
        }
    }

    pub fn member_name(&self) -> Option<&str> {
        self.member.as_ref()?.name.as_deref()
    }

    pub fn member_arn(&self) -> Option<&str> {
        self.member.as_ref()?.arn.as_deref()
    }
}

/// Facts about one call, shown beside the result or the error.
#[derive(Debug, Clone, PartialEq)]
pub struct CallMeta {
    pub request_id: Option<String>,
    pub latency: Duration,
    pub attempts: u32,
    pub fetched_at: SystemTime,
}

/// A successful lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    pub response: MembershipPreferences,
    pub meta: CallMeta,
}

/// What to look up: a channel, a member, and who makes the call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    pub channel_arn: String,
    pub member_arn: String,
    pub bearer_arn: String,
}

/// One page of ListChannelMemberships.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MembershipPage {
    pub members: Vec<Member>,
    pub next_token: Option<String>,
    pub meta: Option<CallMeta>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_notifications_round_trips_known_and_unknown_values() {
        for wire in ["ALL", "NONE", "FILTERED", "SOMETIMES", ""] {
            assert_eq!(AllowNotifications::from_wire(wire).as_wire(), wire);
        }
        assert_eq!(
            AllowNotifications::from_wire("ALL"),
            AllowNotifications::All
        );
        assert_eq!(
            AllowNotifications::from_wire("all"),
            AllowNotifications::Unknown("all".into())
        );
    }

    #[test]
    fn the_meaning_accounts_for_a_missing_rule_and_a_missing_state() {
        let prefs = |allow: Option<AllowNotifications>, rule: Option<&str>| MembershipPreferences {
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow,
                    filter_rule: rule.map(FilterRuleText::new),
                }),
            }),
            ..MembershipPreferences::default()
        };
        assert!(
            prefs(Some(AllowNotifications::Filtered), None)
                .push_meaning()
                .contains("no FilterRule")
        );
        assert_eq!(
            prefs(Some(AllowNotifications::Filtered), Some("{}")).push_meaning(),
            AllowNotifications::Filtered.meaning()
        );
        assert!(prefs(None, None).push_meaning().contains("never set"));
        assert_eq!(
            prefs(Some(AllowNotifications::None), None).push_meaning(),
            AllowNotifications::None.meaning()
        );
    }

    #[test]
    fn push_state_follows_allow_notifications() {
        let prefs = |allow: Option<&str>| MembershipPreferences {
            preferences: Some(Preferences {
                push_notifications: Some(PushNotifications {
                    allow: allow.map(AllowNotifications::from_wire),
                    filter_rule: None,
                }),
            }),
            ..MembershipPreferences::default()
        };
        for (allow, state, label) in [
            (Some("ALL"), PushState::All, "ALL"),
            (Some("NONE"), PushState::None, "NONE"),
            (Some("FILTERED"), PushState::Filtered, "FILTERED"),
            (Some("SOMETIMES"), PushState::Unknown, "unknown"),
            (None, PushState::NotSet, "NOT SET"),
        ] {
            assert_eq!(PushState::of(&prefs(allow)), state);
            assert_eq!(state.label(), label);
        }
        assert_eq!(
            PushState::of(&MembershipPreferences::default()),
            PushState::NotSet
        );
    }

    #[test]
    fn filter_rule_keeps_raw_text_and_reports_line_and_column() {
        let ok = FilterRuleText::new(r#"{"mention":["carol"]}"#);
        assert_eq!(ok.raw, r#"{"mention":["carol"]}"#);
        assert_eq!(
            ok.pretty().as_deref(),
            Some("{\n  \"mention\": [\n    \"carol\"\n  ]\n}")
        );

        let bad = FilterRuleText::new("{\n  \"mention\": [\"frank\"");
        let err = bad.parsed.as_ref().expect_err("must not parse");
        assert_eq!((err.line, err.column), (2, 21));
        assert!(!err.message.contains(" at line "), "{}", err.message);
        assert_eq!(bad.pretty(), None);
    }
}
