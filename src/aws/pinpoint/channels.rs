//! GetApnsChannel, GetApnsSandboxChannel and GetGcmChannel: a push
//! channel's settings. A GCM channel's `Credential` (the legacy server
//! key) and any APNs key or certificate are secrets: the SDK hands the
//! response over, and only the booleans and metadata below leave this
//! file. Never format an SDK channel type: its `Debug` prints the key.

use aws_sdk_pinpoint::types::{
    ApnsChannelResponse, ApnsSandboxChannelResponse, GcmChannelResponse,
};

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{AuthenticationMethod, Called, PinpointAppRef, PushChannel, PushChannelKind};
use crate::operation::Operation;

use super::overrides;

impl Clients {
    /// The app's channel of `kind` (`GET /v1/apps/{id}/channels/<kind>`).
    /// A channel never set up may answer 404 (NotFound) or 200 with
    /// `Enabled: false`: both reach the caller as the service said them.
    pub async fn get_push_channel(
        &self,
        app: &PinpointAppRef,
        kind: PushChannelKind,
    ) -> Result<Called<PushChannel>, CallError> {
        let client = self.pinpoint().await;
        let arn = app.arn();
        let id = app.app_id.as_str();
        let (value, meta, region) = match kind {
            PushChannelKind::Apns => {
                let called = self
                    .call(Operation::GetApnsChannel, &arn, |plan| {
                        client
                            .get_apns_channel()
                            .application_id(id)
                            .customize()
                            .config_override(overrides(&plan))
                            .send()
                    })
                    .await?;
                let value = called.value.apns_channel_response().map(apns);
                (value, called.meta, called.region)
            }
            PushChannelKind::ApnsSandbox => {
                let called = self
                    .call(Operation::GetApnsSandboxChannel, &arn, |plan| {
                        client
                            .get_apns_sandbox_channel()
                            .application_id(id)
                            .customize()
                            .config_override(overrides(&plan))
                            .send()
                    })
                    .await?;
                let value = called
                    .value
                    .apns_sandbox_channel_response()
                    .map(apns_sandbox);
                (value, called.meta, called.region)
            }
            PushChannelKind::Gcm => {
                let called = self
                    .call(Operation::GetGcmChannel, &arn, |plan| {
                        client
                            .get_gcm_channel()
                            .application_id(id)
                            .customize()
                            .config_override(overrides(&plan))
                            .send()
                    })
                    .await?;
                let value = called.value.gcm_channel_response().map(gcm);
                (value, called.meta, called.region)
            }
        };
        Ok(Called {
            value: value.unwrap_or_else(|| PushChannel::empty(kind)),
            meta,
            region,
        })
    }
}

impl PushChannel {
    /// A channel answer without a body: every field unknown.
    fn empty(kind: PushChannelKind) -> PushChannel {
        PushChannel {
            kind,
            application_id: None,
            platform: None,
            enabled: None,
            is_archived: None,
            default_authentication_method: None,
            has_token_key: None,
            has_credential: None,
            has_fcm_service_credentials: None,
            last_modified: None,
            version: None,
        }
    }
}

/// The fields every channel response has in common, read through the
/// accessors the SDK generates for each type alike.
macro_rules! common {
    ($aws:expr, $kind:expr) => {
        PushChannel {
            application_id: $aws.application_id().map(str::to_string),
            platform: $aws.platform().map(str::to_string),
            enabled: $aws.enabled(),
            is_archived: $aws.is_archived(),
            default_authentication_method: $aws
                .default_authentication_method()
                .map(AuthenticationMethod::from_wire),
            has_credential: $aws.has_credential(),
            last_modified: $aws.last_modified_date().map(str::to_string),
            version: $aws.version(),
            ..PushChannel::empty($kind)
        }
    };
}

fn apns(aws: &ApnsChannelResponse) -> PushChannel {
    PushChannel {
        has_token_key: aws.has_token_key(),
        ..common!(aws, PushChannelKind::Apns)
    }
}

fn apns_sandbox(aws: &ApnsSandboxChannelResponse) -> PushChannel {
    PushChannel {
        has_token_key: aws.has_token_key(),
        ..common!(aws, PushChannelKind::ApnsSandbox)
    }
}

/// Everything but `Credential`, which is the legacy FCM server key.
fn gcm(aws: &GcmChannelResponse) -> PushChannel {
    PushChannel {
        has_fcm_service_credentials: aws.has_fcm_service_credentials(),
        ..common!(aws, PushChannelKind::Gcm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER_KEY: &str = "AAAA-legacy-fcm-server-key-0123456789";

    #[test]
    fn a_gcm_channel_keeps_only_whether_credentials_are_there() {
        let aws = GcmChannelResponse::builder()
            .application_id("p")
            .platform("GCM")
            .enabled(true)
            .is_archived(false)
            .credential(SERVER_KEY)
            .has_credential(true)
            .has_fcm_service_credentials(false)
            .default_authentication_method("KEY")
            .last_modified_date("2023-05-01T00:00:00.000Z")
            .version(3)
            .build();
        let channel = gcm(&aws);
        assert!(!format!("{channel:?}").contains(SERVER_KEY));
        assert_eq!(channel.kind, PushChannelKind::Gcm);
        assert_eq!(channel.enabled, Some(true));
        assert_eq!(channel.has_credential, Some(true));
        assert_eq!(channel.has_fcm_service_credentials, Some(false));
        assert_eq!(
            channel.default_authentication_method,
            Some(AuthenticationMethod::Key)
        );
        assert_eq!(channel.version, Some(3));
        assert_eq!(channel.has_token_key, None);
    }

    #[test]
    fn an_apns_channel_keeps_its_auth_method_and_key_flag() {
        let aws = ApnsSandboxChannelResponse::builder()
            .platform("APNS_SANDBOX")
            .enabled(false)
            .default_authentication_method("TOKEN")
            .has_token_key(true)
            .build();
        let channel = apns_sandbox(&aws);
        assert_eq!(channel.kind, PushChannelKind::ApnsSandbox);
        assert_eq!(channel.enabled, Some(false));
        assert_eq!(channel.has_token_key, Some(true));
        assert_eq!(
            channel.default_authentication_method,
            Some(AuthenticationMethod::Token)
        );
        assert_eq!(apns(&ApnsChannelResponse::builder().build()).enabled, None);
    }
}
