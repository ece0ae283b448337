//! GetChannelMessage: a message's attributes, what FilterRules match. Its
//! content and metadata are dropped here: the push decision does not read
//! them.

use std::collections::BTreeMap;

use aws_sdk_chimesdkmessaging::types::ChannelMessage as AwsMessage;

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{Called, ChannelMessage, MessagePersistence, MessageStatus, MessageType};
use crate::operation::Operation;

use super::{member, overrides, time};

impl Clients {
    /// GetChannelMessage. `sub_channel_id` is needed for elastic channels.
    pub async fn get_channel_message(
        &self,
        channel_arn: &str,
        message_id: &str,
        bearer_arn: &str,
        sub_channel_id: Option<&str>,
    ) -> Result<Called<ChannelMessage>, CallError> {
        let client = self.messaging().await;
        let called = self
            .call(Operation::GetChannelMessage, channel_arn, |plan| {
                client
                    .get_channel_message()
                    .channel_arn(channel_arn)
                    .message_id(message_id)
                    .chime_bearer(bearer_arn)
                    .set_sub_channel_id(sub_channel_id.map(str::to_string))
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        Ok(Called {
            value: called
                .value
                .channel_message()
                .map(message)
                .unwrap_or_default(),
            meta: called.meta,
            region: called.region,
        })
    }
}

pub(super) fn message(aws: &AwsMessage) -> ChannelMessage {
    let attributes: BTreeMap<String, Vec<String>> = aws
        .message_attributes()
        .map(|map| {
            map.iter()
                .map(|(name, value)| (name.clone(), value.string_values().to_vec()))
                .collect()
        })
        .unwrap_or_default();
    ChannelMessage {
        channel_arn: aws.channel_arn().map(str::to_string),
        message_id: aws.message_id().map(str::to_string),
        kind: aws.r#type().map(|t| MessageType::from_wire(t.as_str())),
        persistence: aws
            .persistence()
            .map(|p| MessagePersistence::from_wire(p.as_str())),
        status: aws
            .status()
            .and_then(|s| s.value())
            .map(|v| MessageStatus::from_wire(v.as_str())),
        sender: aws.sender().map(member),
        attributes,
        sub_channel_id: aws.sub_channel_id().map(str::to_string),
        targets: aws
            .target()
            .iter()
            .filter_map(|t| t.member_arn())
            .map(str::to_string)
            .collect(),
        created: time(aws.created_timestamp()),
        redacted: aws.redacted(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_chimesdkmessaging::types::{
        ChannelMessagePersistenceType, ChannelMessageType, MessageAttributeValue, Target,
    };

    #[test]
    fn attributes_and_targets_are_kept_and_content_is_dropped() {
        let aws = AwsMessage::builder()
            .channel_arn("arn:c")
            .message_id("m-1")
            .content("secret words")
            .metadata("more secrets")
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::NonPersistent)
            .message_attributes(
                "mention",
                MessageAttributeValue::builder()
                    .string_values("carol")
                    .string_values("dave")
                    .build(),
            )
            .target(Target::builder().member_arn("arn:carol").build())
            .build();
        let mapped = message(&aws);
        assert_eq!(
            mapped.attributes.get("mention"),
            Some(&vec!["carol".to_string(), "dave".to_string()])
        );
        assert_eq!(mapped.targets, vec!["arn:carol".to_string()]);
        assert_eq!(mapped.kind, Some(MessageType::Standard));
        assert_eq!(mapped.persistence, Some(MessagePersistence::NonPersistent));
        assert!(!format!("{mapped:?}").contains("secret"), "{mapped:?}");
    }
}
