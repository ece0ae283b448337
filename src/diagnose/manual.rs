//! The one link no API exposes: whether the message carried a
//! PushNotification. Everything behind the device (the Pinpoint app, its
//! push channels and the role Chime sends with) is read as facts and judged
//! by the checks.

use super::facts::{Facts, MessageInput};
use crate::aws_cli_command::CliCommand;

/// A check the user makes by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualCheck {
    pub what: String,
    /// `None` when no command can show it. Rendered with the flags of
    /// the run where it is shown ([`CliCommand::render`]).
    pub command: Option<CliCommand>,
}

pub(super) fn manual_checks(facts: &Facts) -> Vec<ManualCheck> {
    let message = match &facts.message {
        MessageInput::Message { id, .. } => format!("message {id}"),
        _ => "the message".to_string(),
    };
    vec![ManualCheck {
        what: format!(
            "{} was sent with a PushNotification (Title, Body, Type) in SendChannelMessage; GetChannelMessage does not return it, so ask the sender's code or logs",
            capitalise(&message)
        ),
        command: None,
    }]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
