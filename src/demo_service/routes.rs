//! The checks every request goes through, in this order: path → method
//! (route_match.rs; an IAM POST's form body is routed as its query) →
//! SigV4 header, scoped to the operation's signing name → rate limit →
//! bearer header (only for operations that take one) → the bearer's rate
//! limit → operation (handlers/). Errors take the shape of the service
//! asked: Chime's and Pinpoint's JSON, IAM's XML.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;

use super::auth;
use super::handlers::{self, Request};
use super::route_match::{Routed, route};
use super::route_table::ROUTES;
use super::state::{LoggedRequest, ServerState};
use super::wire::{ApiError, REQUEST_ID_HEADER};
use crate::operation::Service;

/// Longest request path (bytes) the service accepts.
const MAX_PATH: usize = 4096;
const BEARER_HEADER: &str = "x-amz-chime-bearer";

pub(super) fn router(state: Arc<ServerState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

async fn handle(
    State(state): State<Arc<ServerState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.requests.fetch_add(1, Ordering::Relaxed);
    let request_id = state.ids.next();
    if !state.latency.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(state.latency) => {}
            () = state.stopped() => {}
        }
    }
    // IAM's query protocol: the action and its parameters are the form body.
    let form = (method == Method::POST && uri.path() == "/")
        .then(|| std::str::from_utf8(&body).ok())
        .flatten();
    let query = form.or(uri.query());
    let routed = route(method.as_str(), uri.path(), query);
    let service = service_of(&routed, uri.path(), query);
    if let Ok(mut log) = state.log.lock() {
        log.push(LoggedRequest {
            method: method.as_str().chars().take(16).collect(),
            operation: match &routed {
                Routed::Found(matched) => Some(matched.operation),
                _ => None,
            },
            iam_action: form
                .and_then(|f| iam_action(Some(f)))
                .map(|a| super::wire::shown(a).into_owned()),
        });
    }
    let mut response = match dispatch(&state, &method, &uri, query, &headers, &routed).await {
        Ok(response) => response,
        Err(error) => error.into_service_response(service, &request_id),
    };
    // Debug level only, and never the Authorization header or the ARNs.
    tracing::debug!(
        %method,
        operation = routed.operation_name(),
        status = response.status().as_u16(),
        request_id = %request_id,
        "demo service request"
    );
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// The service a request is for, to answer in its shape: `/` is IAM's,
/// `/v1/apps` Pinpoint's.
fn service_of(routed: &Routed<'_>, path: &str, query: Option<&str>) -> Option<Service> {
    match routed {
        Routed::Found(matched) => Some(matched.operation.service()),
        Routed::WrongMethod(operation) => Some(operation.service()),
        Routed::Unknown if path == "/" && iam_action(query).is_some() => Some(Service::Iam),
        Routed::Unknown if path.starts_with("/v1/apps") => Some(Service::Pinpoint),
        Routed::Unknown => None,
    }
}

async fn dispatch(
    state: &ServerState,
    method: &Method,
    uri: &Uri,
    query: Option<&str>,
    headers: &HeaderMap,
    routed: &Routed<'_>,
) -> Result<Response, ApiError> {
    if uri.path().len() > MAX_PATH {
        return Err(ApiError::bad_request(format!(
            "The request path is longer than {MAX_PATH} bytes."
        )));
    }
    let matched = match routed {
        Routed::Found(matched) => matched,
        Routed::Unknown if uri.path() == "/" => {
            if let Some(action) = iam_action(query) {
                return Err(unknown_iam_action(action));
            }
            return Err(unknown_operation());
        }
        Routed::Unknown => return Err(unknown_operation()),
        Routed::WrongMethod(operation) => {
            let served = if operation.service() == Service::Iam {
                "POST"
            } else {
                "GET"
            };
            return Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowedException",
                "MethodNotAllowed",
                format!(
                    "The chime-prefs demo service is read-only: only {served} is served here, not {}.",
                    method_name(method)
                ),
            ));
        }
    };
    let access_key = auth::check(headers, matched.operation.service())?;
    if let Some(bucket) = &state.bucket
        && !bucket.try_take()
    {
        return Err(ApiError::throttled());
    }
    let bearer = if matched.operation.takes_bearer() {
        let bearer = bearer(headers)?;
        if let Some(buckets) = &state.bearer_buckets
            && !buckets.try_take(bearer)
        {
            return Err(ApiError::throttled());
        }
        Some(bearer)
    } else {
        None
    };
    handlers::call(Request {
        state,
        route: matched,
        bearer,
        query,
        access_key: &access_key,
    })
    .await
}

/// The `Action` of an IAM query-protocol request, as sent.
fn iam_action(form: Option<&str>) -> Option<&str> {
    form?
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
}

/// An IAM action the demo does not serve: it serves only read-only ones.
fn unknown_iam_action(action: &str) -> ApiError {
    let action = super::wire::shown(action);
    let served: Vec<&str> = ROUTES
        .iter()
        .filter(|r| r.operation.service() == Service::Iam)
        .map(|r| r.operation.api_name())
        .collect();
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "InvalidAction",
        "InvalidAction",
        format!(
            "The chime-prefs demo service is read-only: IAM action {action} is not served. It serves {}.",
            served.join(", ")
        ),
    )
}

fn unknown_operation() -> ApiError {
    let served: Vec<String> = ROUTES
        .iter()
        .map(|r| format!("{} {}", r.method, r.uri))
        .collect();
    ApiError::new(
        StatusCode::NOT_FOUND,
        "UnknownOperationException",
        "NotFound",
        format!(
            "No operation at this path. The demo serves {}; each ARN percent-encoded as one \
             path segment (':' as %3A, '/' as %2F).",
            served.join(", ")
        ),
    )
}

fn method_name(method: &Method) -> &str {
    let name = method.as_str();
    if name.len() <= 16 && name.bytes().all(|b| b.is_ascii_alphabetic()) {
        name
    } else {
        "this method"
    }
}

fn bearer(headers: &HeaderMap) -> Result<&str, ApiError> {
    let value = headers
        .get(BEARER_HEADER)
        .ok_or_else(|| ApiError::bad_request("x-amz-chime-bearer header is required"))?;
    value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|bearer| !bearer.is_empty())
        .ok_or_else(|| ApiError::bad_request("x-amz-chime-bearer header must be a non-empty ARN"))
}
