//! Who is in a channel and how: DescribeChannelMembership,
//! DescribeChannelBan and ListChannelMembershipsForAppInstanceUser.

use std::time::SystemTime;

use super::Member;
use super::wire::wire_enum;

wire_enum!(
    /// `ChannelMembership.Type`: HIDDEN members are listed only when asked.
    MembershipType {
        Default = "DEFAULT",
        Hidden = "HIDDEN",
    }
);

wire_enum!(
    /// `Channel.Mode`.
    ChannelMode {
        Unrestricted = "UNRESTRICTED",
        Restricted = "RESTRICTED",
    }
);

wire_enum!(
    /// `Channel.Privacy`.
    ChannelPrivacy {
        Public = "PUBLIC",
        Private = "PRIVATE",
    }
);

/// DescribeChannelMembership's `ChannelMembership`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelMembership {
    pub channel_arn: Option<String>,
    pub member: Option<Member>,
    pub invited_by: Option<Member>,
    pub kind: Option<MembershipType>,
    pub created: Option<SystemTime>,
    pub last_updated: Option<SystemTime>,
    pub sub_channel_id: Option<String>,
}

/// DescribeChannelBan's `ChannelBan`. Its absence (NotFound) means the
/// member is not banned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelBan {
    pub channel_arn: Option<String>,
    pub member: Option<Member>,
    pub created_by: Option<Member>,
    pub created: Option<SystemTime>,
}

/// A channel as listed for a user. The name and metadata are server text:
/// sanitise them before display.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelSummary {
    pub channel_arn: Option<String>,
    pub name: Option<String>,
    pub mode: Option<ChannelMode>,
    pub privacy: Option<ChannelPrivacy>,
    pub last_message: Option<SystemTime>,
}

/// One of ListChannelMembershipsForAppInstanceUser's `ChannelMemberships`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserChannelMembership {
    pub channel: Option<ChannelSummary>,
    pub kind: Option<MembershipType>,
    pub read_marker: Option<SystemTime>,
    pub sub_channel_id: Option<String>,
}
