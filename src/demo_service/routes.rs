//! The checks every request goes through, in this order: path → method
//! (route_match.rs) → SigV4 header → rate limit → bearer header (only for
//! operations that take one) → the bearer's rate limit → operation
//! (handlers/).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::auth;
use super::handlers::{self, Request};
use super::route_match::{Routed, route};
use super::route_table::ROUTES;
use super::state::ServerState;
use super::wire::{ApiError, REQUEST_ID_HEADER};

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
) -> Response {
    state.requests.fetch_add(1, Ordering::Relaxed);
    let request_id = state.ids.next();
    if !state.latency.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(state.latency) => {}
            () = state.stopped() => {}
        }
    }
    let routed = route(method.as_str(), uri.path(), uri.query());
    let mut response = match dispatch(&state, &method, &uri, &headers, &routed).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
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

async fn dispatch(
    state: &ServerState,
    method: &Method,
    uri: &Uri,
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
        Routed::Unknown => return Err(unknown_operation()),
        Routed::WrongMethod(_) => {
            return Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowedException",
                "MethodNotAllowed",
                format!(
                    "The chime-prefs demo service is read-only: only GET is served here, not {}.",
                    method_name(method)
                ),
            ));
        }
    };
    auth::check(headers)?;
    if let Some(bucket) = &state.bucket {
        if !bucket.try_take() {
            return Err(ApiError::throttled());
        }
    }
    let bearer = if matched.operation.takes_bearer() {
        let bearer = bearer(headers)?;
        if let Some(buckets) = &state.bearer_buckets {
            if !buckets.try_take(bearer) {
                return Err(ApiError::throttled());
            }
        }
        Some(bearer)
    } else {
        None
    };
    handlers::call(Request {
        state,
        route: matched,
        bearer,
        query: uri.query(),
    })
    .await
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
