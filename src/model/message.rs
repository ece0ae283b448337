//! GetChannelMessage: what a filter rule is matched against. The message's
//! content and metadata are not kept: the push decision does not read
//! them, and they are the customer's data.

use std::collections::BTreeMap;
use std::time::SystemTime;

use super::Member;
use super::wire::wire_enum;

wire_enum!(
    /// `ChannelMessage.Type`.
    MessageType {
        Standard = "STANDARD",
        Control = "CONTROL",
    }
);

wire_enum!(
    /// `ChannelMessage.Persistence`.
    MessagePersistence {
        Persistent = "PERSISTENT",
        NonPersistent = "NON_PERSISTENT",
    }
);

wire_enum!(
    /// `ChannelMessage.Status.Value` (channel flows).
    MessageStatus {
        Sent = "SENT",
        Pending = "PENDING",
        Failed = "FAILED",
        Denied = "DENIED",
    }
);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelMessage {
    pub channel_arn: Option<String>,
    pub message_id: Option<String>,
    pub kind: Option<MessageType>,
    pub persistence: Option<MessagePersistence>,
    pub status: Option<MessageStatus>,
    pub sender: Option<Member>,
    /// `MessageAttributes`: name -> `StringValues`, what FilterRules match.
    pub attributes: BTreeMap<String, Vec<String>>,
    pub sub_channel_id: Option<String>,
    /// `Target[].MemberArn`: a targeted message reaches only these members.
    pub targets: Vec<String>,
    pub created: Option<SystemTime>,
    pub redacted: bool,
}
