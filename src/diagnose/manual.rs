//! The links no Chime API exposes: the service-linked role, the Pinpoint
//! app's push channel and the message's PushNotification. Each is given as
//! an AWS CLI command with the ids already known filled in.

use super::evaluate::PinpointApp;
use super::facts::{EndpointType, Fact, Facts, MessageInput};

/// A check the user runs by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualCheck {
    pub what: String,
    /// `None` when no command can show it.
    pub command: Option<String>,
}

pub(super) fn manual_checks(facts: &Facts) -> Vec<ManualCheck> {
    let mut out = vec![ManualCheck {
        what: "The service-linked role ServiceRoleForAmazonChimePushNotification exists and allows mobiletargeting:SendMessages".to_string(),
        command: Some(
            "aws iam get-role --role-name ServiceRoleForAmazonChimePushNotification".to_string(),
        ),
    }];
    // One channel check per Pinpoint app and platform the endpoints name.
    let mut apps: Vec<(PinpointApp, &'static str)> = Vec::new();
    if let Fact::Known { value, .. } = &facts.endpoints {
        for e in value {
            let Fact::Known {
                value: Some(arn), ..
            } = &e.resource_arn
            else {
                continue;
            };
            let Some(app) = PinpointApp::parse(arn) else {
                continue;
            };
            let channel = match e.kind {
                Some(EndpointType::Apns) => "get-apns-channel",
                Some(EndpointType::ApnsSandbox) => "get-apns-sandbox-channel",
                Some(EndpointType::Gcm) => "get-gcm-channel",
                Some(EndpointType::Unknown(_)) | None => continue,
            };
            if !apps.iter().any(|(a, c)| *a == app && *c == channel) {
                apps.push((app, channel));
            }
        }
    }
    if apps.is_empty() {
        out.push(ManualCheck {
            what: format!(
                "The Pinpoint app the endpoints use is in {} (account {}) and has an APNS or FCM channel enabled",
                facts.scope.region, facts.scope.account
            ),
            command: Some(format!("aws pinpoint get-apps --region {}", facts.scope.region)),
        });
    }
    for (app, channel) in apps {
        let platform = match channel {
            "get-apns-channel" => "APNS",
            "get-apns-sandbox-channel" => "APNS sandbox",
            _ => "FCM (GCM)",
        };
        out.push(ManualCheck {
            what: format!(
                "Pinpoint app {} has its {platform} channel enabled, with valid credentials",
                app.id
            ),
            command: Some(format!(
                "aws pinpoint {channel} --application-id {} --region {}",
                app.id, app.region
            )),
        });
    }
    let message = match &facts.message {
        MessageInput::Message { id, .. } => format!("message {id}"),
        _ => "the message".to_string(),
    };
    out.push(ManualCheck {
        what: format!(
            "{} was sent with a PushNotification (Title, Body, Type) in SendChannelMessage; GetChannelMessage does not return it, so ask the sender's code or logs",
            capitalise(&message)
        ),
        command: None,
    });
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
