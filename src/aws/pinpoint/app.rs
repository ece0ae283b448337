//! GetApp: whether the Pinpoint app a device endpoint names exists, and
//! its name.

use aws_sdk_pinpoint::types::ApplicationResponse;

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{Called, PinpointApp, PinpointAppRef};
use crate::operation::Operation;

use super::overrides;

impl Clients {
    /// GetApp (`GET /v1/apps/{id}`), in the app ARN's region. A deleted
    /// app is a NotFound error.
    pub async fn get_app(&self, app: &PinpointAppRef) -> Result<Called<PinpointApp>, CallError> {
        let client = self.pinpoint().await;
        let called = self
            .call(Operation::GetApp, &app.arn(), |plan| {
                client
                    .get_app()
                    .application_id(&app.app_id)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        Ok(Called {
            value: called
                .value
                .application_response()
                .map(|r| application(r, &app.app_id))
                .unwrap_or_else(|| PinpointApp {
                    id: app.app_id.clone(),
                    ..PinpointApp::default()
                }),
            meta: called.meta,
            region: called.region,
        })
    }
}

fn application(aws: &ApplicationResponse, asked: &str) -> PinpointApp {
    PinpointApp {
        id: aws.id().unwrap_or(asked).to_string(),
        arn: aws.arn().map(str::to_string),
        name: aws.name().map(str::to_string),
        created: aws.creation_date().map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_maps_and_a_missing_id_keeps_the_one_asked() {
        let aws = ApplicationResponse::builder()
            .arn("arn:aws:mobiletargeting:us-east-1:1:apps/p")
            .name("Demo app")
            .creation_date("2024-01-02T03:04:05.000Z")
            .build();
        let app = application(&aws, "p");
        assert_eq!(app.id, "p");
        assert_eq!(app.name.as_deref(), Some("Demo app"));
        assert_eq!(app.created.as_deref(), Some("2024-01-02T03:04:05.000Z"));
    }
}
