//! Routing on the raw (still percent-encoded) path, and the checks every
//! request goes through, in this order: path → method → SigV4 header →
//! rate limit → bearer header → operation.
//!
//! Each ARN is ONE path segment (`:` → `%3A`, `/` → `%2F`), so the path is
//! split on `/` before any percent-decoding.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use super::auth;
use super::operations;
use super::paging::check_percent_escapes;
use super::state::ServerState;
use super::wire::{ApiError, REQUEST_ID_HEADER};

/// Longest request path (bytes) the service accepts.
const MAX_PATH: usize = 4096;
const BEARER_HEADER: &str = "x-amz-chime-bearer";

pub(super) fn router(state: Arc<ServerState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// The two routes, with their segments still percent-encoded.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Route<'a> {
    Preferences { channel: &'a str, member: &'a str },
    Memberships { channel: &'a str },
    Unknown,
}

impl<'a> Route<'a> {
    pub(super) fn parse(path: &'a str) -> Self {
        let segments: Vec<&str> = path.split('/').collect();
        match segments.as_slice() {
            ["", "channels", channel, "memberships"] => Route::Memberships { channel },
            [
                "",
                "channels",
                channel,
                "memberships",
                member,
                "preferences",
            ] => Route::Preferences { channel, member },
            _ => Route::Unknown,
        }
    }

    fn operation(&self) -> &'static str {
        match self {
            Route::Preferences { .. } => "GetChannelMembershipPreferences",
            Route::Memberships { .. } => "ListChannelMemberships",
            Route::Unknown => "unknown",
        }
    }
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
    let route = Route::parse(uri.path());
    let mut response = match dispatch(&state, &method, &uri, &headers, &route).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    // Debug level only, and never the Authorization header or the ARNs.
    tracing::debug!(
        %method,
        operation = route.operation(),
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
    route: &Route<'_>,
) -> Result<Response, ApiError> {
    if uri.path().len() > MAX_PATH {
        return Err(ApiError::bad_request(format!(
            "The request path is longer than {MAX_PATH} bytes."
        )));
    }
    if *route == Route::Unknown {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "UnknownOperationException",
            "NotFound",
            "No operation at this path. The demo serves GET /channels/{channelArn}/memberships \
             and GET /channels/{channelArn}/memberships/{memberArn}/preferences, each ARN \
             percent-encoded as one path segment (':' as %3A, '/' as %2F).",
        ));
    }
    if method != Method::GET {
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
    auth::check(headers)?;
    if let Some(bucket) = &state.bucket {
        if !bucket.try_take() {
            return Err(ApiError::throttled());
        }
    }
    let bearer = bearer(headers)?;
    match *route {
        Route::Preferences { channel, member } => {
            let channel = decode_segment(channel, "ChannelArn")?;
            let member = decode_segment(member, "MemberArn")?;
            operations::get_preferences(state, bearer, &channel, &member).await
        }
        Route::Memberships { channel } => {
            let channel = decode_segment(channel, "ChannelArn")?;
            operations::list_memberships(state, bearer, &channel, uri.query())
        }
        Route::Unknown => Err(ApiError::bad_request("Unknown route.")),
    }
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

/// Percent-decodes one path segment into an ARN; strict about malformed
/// escapes and UTF-8, since a real ARN never needs either.
pub(super) fn decode_segment(raw: &str, what: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "{what} in the path is not valid percent-encoded UTF-8."
        ))
    };
    if !check_percent_escapes(raw) {
        return Err(bad());
    }
    let decoded = percent_decode_str(raw).decode_utf8().map_err(|_| bad())?;
    if decoded.is_empty() {
        return Err(ApiError::bad_request(format!("{what} must not be empty.")));
    }
    Ok(decoded.into_owned())
}
