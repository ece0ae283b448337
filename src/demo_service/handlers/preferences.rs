//! GetChannelMembershipPreferences: only the member who owns the
//! membership may read it; a banned member may not.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::faults;
use super::super::wire::{ApiError, json_response, shown};
use super::Request;
use super::access;

pub(super) async fn get(request: &Request<'_>) -> Result<Response, ApiError> {
    let channel_arn = request.label("channelArn")?;
    let member_arn = request.label("memberArn")?;
    let state = request.state;
    let data = &state.dataset;
    let bearer = request.bearer();
    access::known_bearer(data, bearer)?;
    let channel = access::channel(data, &channel_arn, ApiError::bad_request_not_found)?;
    if bearer != member_arn {
        return Err(ApiError::forbidden(
            "Forbidden: only the member who owns the membership can read its preferences; \
             set x-amz-chime-bearer to the member's ARN.",
        ));
    }
    let member = data
        .id_of(&member_arn)
        .and_then(|id| channel.roster.find(id))
        .ok_or_else(|| {
            ApiError::bad_request_not_found(format!(
                "Member {} is not a member of channel {}.",
                shown(&member_arn),
                shown(&channel_arn)
            ))
        })?;
    if member.banned.is_some() {
        return Err(ApiError::forbidden(
            "Forbidden: the member is banned from this channel, so its preferences cannot be read.",
        ));
    }
    if let Some(fault) = member.fault
        && let Some(response) =
            faults::apply(fault, &member_arn, &state.flaky, state.stopped()).await
    {
        return Ok(response);
    }
    let body = bodies::preferences(&channel.arn, &member_arn, &member);
    Ok(json_response(StatusCode::OK, &body))
}
