//! ListAppInstanceUserEndpoints and DescribeAppInstanceUserEndpoint
//! (chime-sdk-identity). No bearer: IAM alone decides, and the dataset's
//! `iam_denied` users are refused as IAM refuses, before the service looks
//! at anything else.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::model::{EPOCH, Endpoint};
use super::super::paging::{self, ListId, Query};
use super::super::wire::{ApiError, json_response, shown};
use super::Request;

/// ListAppInstanceUserEndpoints, paginated.
pub(super) fn list(request: &Request<'_>) -> Result<Response, ApiError> {
    let user_arn = request.label("appInstanceUserArn")?;
    let user_id = allowed_user(request, &user_arn)?;
    let query = Query::parse(request.query)?;
    let max = query.max_results()?;
    let endpoints = request.state.dataset.endpoints(user_id);
    let list = ListId {
        whose: user_id,
        which: "ENDPOINTS",
    };
    let (range, next_token) = paging::window(endpoints.len(), query.next_token(), list, max)?;
    let body = bodies::endpoint_list(&user_arn, &endpoints[range], next_token);
    Ok(json_response(StatusCode::OK, &body))
}

/// DescribeAppInstanceUserEndpoint, with its (fake) device tokens.
pub(super) fn describe(request: &Request<'_>) -> Result<Response, ApiError> {
    let user_arn = request.label("appInstanceUserArn")?;
    let endpoint_id = request.label("endpointId")?;
    let user_id = allowed_user(request, &user_arn)?;
    let data = &request.state.dataset;
    let endpoints = data.endpoints(user_id);
    let Some((index, endpoint)) = endpoints
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == endpoint_id)
    else {
        return Err(ApiError::not_found(format!(
            "Endpoint {} of AppInstanceUser {} not found.",
            shown(&endpoint_id),
            shown(&user_arn)
        )));
    };
    let resource_arn = endpoint
        .resource_arn
        .as_deref()
        .unwrap_or(data.default_pinpoint_app());
    let body = bodies::endpoint_detail(
        &user_arn,
        endpoint,
        resource_arn,
        registered(index, endpoint),
    );
    Ok(json_response(StatusCode::OK, &body))
}

/// When endpoint number `index` was registered (epoch seconds).
fn registered(index: usize, endpoint: &Endpoint) -> f64 {
    endpoint
        .created
        .unwrap_or(EPOCH + 86_400.0 * (index as f64 + 1.0) + 0.5)
}

/// The user's ID once IAM allows the call and the user exists: IAM's 403
/// AccessDeniedException first, then 404 NotFoundException for an ARN that
/// is no AppInstanceUser of the app instance (bots have no endpoints).
fn allowed_user<'a>(request: &Request<'_>, user_arn: &'a str) -> Result<&'a str, ApiError> {
    let data = &request.state.dataset;
    let id = data.id_of(user_arn);
    if id.is_some_and(|id| data.iam_denies(id)) {
        return Err(ApiError::access_denied(format!(
            "User: arn:aws:iam::{}:user/demo is not authorized to perform: {} on resource: {}",
            data.account(),
            request.route.operation.iam_action(),
            user_arn
        )));
    }
    id.filter(|id| id.starts_with("user/") && data.is_user(user_arn))
        .ok_or_else(|| {
            ApiError::not_found(format!("AppInstanceUser {} not found.", shown(user_arn)))
        })
}
