//! The demo world as plain data: channel members, bans, device endpoints,
//! messages, channel facts and the names of the deliberate faults. These
//! types are read from the dataset file (format in dataset.rs) and read by
//! every other part of the demo service; they depend on nothing in it.

use std::collections::BTreeMap;

use serde::Deserialize;

/// 2025-01-01T00:00:00Z: the demo's timestamps are offsets from here.
pub(super) const EPOCH: f64 = 1_735_689_600.0;

/// How every fake device token the demo hands out begins, so that tests
/// can check that no token reaches the screen, a log or a copied command.
pub const TOKEN_MARKER: &str = "demo-secret-token-";

/// One channel member as the dataset describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Member {
    pub(super) id: String,
    #[serde(default)]
    pub(super) name: Option<String>,
    /// AllowNotifications, verbatim; `None`: never set (`Preferences {}`).
    #[serde(default)]
    pub(super) allow: Option<String>,
    #[serde(default)]
    pub(super) filter_rule: Option<String>,
    #[serde(default)]
    pub(super) hidden: bool,
    /// Set when the member was banned from the channel.
    #[serde(default)]
    pub(super) banned: Option<Ban>,
    #[serde(default)]
    pub(super) fault: Option<Fault>,
    /// When the member joined (epoch seconds); derived when absent.
    #[serde(default)]
    pub(super) joined: Option<f64>,
    #[serde(default)]
    pub(super) note: Option<String>,
    #[serde(default = "yes")]
    pub(super) demo: bool,
}

fn yes() -> bool {
    true
}

impl Member {
    /// A member with only an ID and a name (preferences never set).
    pub(super) fn plain(id: String, name: Option<String>) -> Member {
        Member {
            id,
            name,
            allow: None,
            filter_rule: None,
            hidden: false,
            banned: None,
            fault: None,
            joined: None,
            note: None,
            demo: false,
        }
    }

    /// `DEFAULT` or `HIDDEN`, as the API names a membership's type.
    pub(super) fn membership_type(&self) -> &'static str {
        if self.hidden { "HIDDEN" } else { "DEFAULT" }
    }
}

/// A channel ban: who banned the member and when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ban {
    /// The moderator or admin (`user/ID` or `bot/ID`).
    pub(super) by: String,
    /// Epoch seconds.
    pub(super) at: f64,
}

/// A deliberate fault a member's GetChannelMembershipPreferences answers
/// with (the behaviour is in faults.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Fault {
    /// 429 ThrottledClientException on every attempt.
    Throttled,
    /// 503 ServiceUnavailableException on every attempt.
    Unavailable,
    /// 500 ServiceFailureException on every attempt.
    Failure,
    /// 429, 429, then the normal answer, cycling (a per-member counter mod 3).
    Flaky,
    /// 403 with a JSON error body but no `x-amzn-ErrorType` header.
    NoErrorType,
    /// 200 with an HTML body.
    Garbage,
    /// The normal answer, after 120 s.
    Slow,
    /// 418 with the unmodelled error type `TeapotException`.
    Teapot,
}

impl Fault {
    /// A one-line description, used as the default demo-target note.
    pub(super) fn note(self) -> &'static str {
        match self {
            Fault::Throttled => "429 always",
            Fault::Unavailable => "503 always",
            Fault::Failure => "500 always",
            Fault::Flaky => "429, 429, then the answer (cycles)",
            Fault::NoErrorType => "403 without x-amzn-ErrorType",
            Fault::Garbage => "200 with a body that is not JSON",
            Fault::Slow => "answers after 120 s",
            Fault::Teapot => "418 TeapotException (unknown error)",
        }
    }
}

/// A channel's mode, as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(super) enum Mode {
    #[default]
    Unrestricted,
    Restricted,
}

impl Mode {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Mode::Unrestricted => "UNRESTRICTED",
            Mode::Restricted => "RESTRICTED",
        }
    }
}

/// A channel's privacy, as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(super) enum Privacy {
    #[default]
    Public,
    Private,
}

impl Privacy {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Privacy::Public => "PUBLIC",
            Privacy::Private => "PRIVATE",
        }
    }
}

/// What a channel is, apart from its members.
#[derive(Debug, Clone, Default)]
pub(super) struct ChannelFacts {
    /// The channel's display name (its ID when the dataset gives none).
    pub(super) name: String,
    pub(super) mode: Mode,
    pub(super) privacy: Privacy,
    pub(super) metadata: Option<String>,
    /// Channel moderators (`user/ID` or `bot/ID`).
    pub(super) moderators: Vec<String>,
    /// Who created the channel (and so invited its members).
    pub(super) created_by: Option<String>,
    /// Epoch seconds.
    pub(super) created: f64,
    pub(super) messages: Vec<Message>,
}

impl ChannelFacts {
    /// The newest message's time, if the channel has messages.
    pub(super) fn last_message(&self) -> Option<f64> {
        self.messages.iter().map(|m| m.sent_at).reduce(f64::max)
    }
}

/// A channel message, with the attributes a filter rule is matched against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Message {
    pub(super) id: String,
    /// `user/ID` or `bot/ID`.
    pub(super) sender: String,
    pub(super) content: String,
    /// MessageAttributes: name → StringValues.
    #[serde(default)]
    pub(super) attributes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) metadata: Option<String>,
    /// Epoch seconds.
    pub(super) sent_at: f64,
}

/// A device endpoint of an AppInstanceUser (chime-sdk-identity).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Endpoint {
    pub(super) id: String,
    pub(super) name: String,
    /// `APNS`, `APNS_SANDBOX` or `GCM`, verbatim.
    #[serde(rename = "type")]
    pub(super) kind: String,
    /// `ALL` or `NONE`, verbatim.
    #[serde(default = "all")]
    pub(super) allow_messages: String,
    /// `ACTIVE` or `INACTIVE`, verbatim.
    #[serde(default = "active")]
    pub(super) status: String,
    /// `INVALID_DEVICE_TOKEN` or `INVALID_PINPOINT_ARN`, verbatim.
    #[serde(default)]
    pub(super) status_reason: Option<String>,
    /// The Pinpoint app; the dataset's default app when absent.
    #[serde(default)]
    pub(super) resource_arn: Option<String>,
    /// Also has a VoIP device token (iOS).
    #[serde(default)]
    pub(super) voip: bool,
    /// Epoch seconds; derived when absent.
    #[serde(default)]
    pub(super) created: Option<f64>,
}

fn all() -> String {
    "ALL".into()
}

fn active() -> String {
    "ACTIVE".into()
}

/// `user/ID` or `bot/ID` with an ID of 1..=64 letters, digits or `-_.@`.
pub(super) fn valid_member_id(id: &str) -> bool {
    match id.split_once('/') {
        Some(("user" | "bot", rest)) => {
            (1..=64).contains(&rest.len())
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.@".contains(&b))
        }
        _ => false,
    }
}

/// A channel, message or endpoint ID: 1..=`max` letters, digits or `-_.`
/// (`.` only where `dot` allows it).
pub(super) fn valid_name(name: &str, max: usize, dot: bool) -> bool {
    (1..=max).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (dot && b == b'.'))
}
