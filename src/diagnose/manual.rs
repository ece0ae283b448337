//! The links no Chime API exposes: the service-linked role, the Pinpoint
//! app's push channel and the message's PushNotification. Each is given as
//! an AWS CLI command with the ids already known filled in.

use super::evaluate::PinpointApp;
use super::facts::{EndpointType, Fact, Facts, MessageInput};
use crate::aws_cli_command::{CliCommand, CliTarget};
use crate::operation::Service;

/// A check the user runs by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualCheck {
    pub what: String,
    /// `None` when no command can show it. Rendered with the flags of
    /// the run where it is shown ([`CliCommand::render`]).
    pub command: Option<CliCommand>,
}

fn command(service: Service, region: Option<&str>, args: &[&str]) -> CliCommand {
    CliCommand {
        target: CliTarget::Service(service),
        region: region.map(str::to_string),
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

pub(super) fn manual_checks(facts: &Facts) -> Vec<ManualCheck> {
    let mut out = vec![ManualCheck {
        what: "The service-linked role ServiceRoleForAmazonChimePushNotification exists and allows mobiletargeting:SendMessages".to_string(),
        command: Some(command(
            Service::Iam,
            None,
            &["get-role", "--role-name", "ServiceRoleForAmazonChimePushNotification"],
        )),
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
            command: Some(command(
                Service::Pinpoint,
                Some(&facts.scope.region),
                &["get-apps"],
            )),
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
            command: Some(command(
                Service::Pinpoint,
                Some(&app.region),
                &[channel, "--application-id", &app.id],
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
