//! GetApp and the three channel reads of AWS End User Messaging push (the
//! Pinpoint API): `{"Message", "RequestID"}` errors, 404 for an app or
//! channel that is not there, and IAM's 403 for an app marked `iam_denied`.
//! A GCM channel's `Credential` is served as Pinpoint serves it: the tool
//! must drop it, and the tests check that it does.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::super::push_setup::{AppFault, DemoApp};
use super::super::wire::{ApiError, json_response, shown};
use super::Request;

/// GetApp: `ApplicationResponse`.
pub(super) fn get_app(request: &Request<'_>) -> Result<Response, ApiError> {
    let app = allowed_app(request)?;
    let id = request.label("application-id")?;
    let body = json!({
        "Arn": app.arn,
        "Id": id,
        "Name": app.name,
        "CreationDate": app.created,
        "tags": {},
    });
    Ok(json_response(StatusCode::OK, &without_nulls(body)))
}

/// GetApnsChannel, GetApnsSandboxChannel, GetGcmChannel: the channel named
/// by `kind` (`apns`, `apns_sandbox`, `gcm`).
pub(super) fn get_channel(request: &Request<'_>, kind: &str) -> Result<Response, ApiError> {
    let app = allowed_app(request)?;
    let id = request.label("application-id")?;
    let Some(channel) = app.channels.get(kind) else {
        return Err(ApiError::not_found("Resource not found"));
    };
    let platform = match kind {
        "apns" => "APNS",
        "apns_sandbox" => "APNS_SANDBOX",
        _ => "GCM",
    };
    let mut body = json!({
        "ApplicationId": id,
        "CreationDate": "2024-12-01T09:00:00.000Z",
        "Enabled": channel.enabled,
        "HasCredential": channel.has_credential,
        "Id": kind,
        "IsArchived": channel.archived,
        "LastModifiedBy": "demo",
        "LastModifiedDate": channel.last_modified,
        "Platform": platform,
        "Version": channel.version,
        "DefaultAuthenticationMethod": channel.auth,
    });
    if kind == "gcm" {
        body["HasFcmServiceCredentials"] = json!(channel.has_fcm_service_credentials);
        body["Credential"] = json!(channel.credential);
    } else {
        body["HasTokenKey"] = json!(channel.has_token_key);
    }
    Ok(json_response(StatusCode::OK, &without_nulls(body)))
}

/// The app, once IAM allows the call: 403 for an `iam_denied` app, then
/// 404 for one that does not exist.
fn allowed_app<'a>(request: &'a Request<'_>) -> Result<&'a DemoApp, ApiError> {
    let id = request.label("application-id")?;
    let data = &request.state.dataset;
    let app = data.setup().app(&id);
    if let Some(app) = app.filter(|a| a.fault == Some(AppFault::IamDenied)) {
        return Err(ApiError::access_denied(format!(
            "User: arn:aws:iam::{}:user/demo is not authorized to perform: {} on resource: {}",
            data.setup().account(),
            request.route.operation.iam_action(),
            app.arn
        )));
    }
    app.ok_or_else(|| {
        tracing::debug!(app = %shown(&id), "demo: no such Pinpoint app");
        ApiError::not_found("Resource not found")
    })
}

/// Fields the data leave out are left out of the answer, as the service
/// leaves out what it does not have.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}
