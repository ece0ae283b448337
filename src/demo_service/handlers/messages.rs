//! GetChannelMessage: members, moderators and AppInstanceAdmins may read;
//! 404 NotFoundException for a message the channel does not have.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::wire::{ApiError, json_response, shown};
use super::Request;
use super::access;

pub(super) fn get(request: &Request<'_>) -> Result<Response, ApiError> {
    let channel_arn = request.label("channelArn")?;
    let message_id = request.label("messageId")?;
    let data = &request.state.dataset;
    let bearer = request.bearer();
    let bearer_id = access::known_bearer(data, bearer)?;
    let channel = access::channel(data, &channel_arn, ApiError::not_found)?;
    if !access::reads(data, channel, bearer_id, bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only members of the channel, its moderators and AppInstanceAdmins can \
             read its messages.",
        ));
    }
    let message = channel.message(&message_id).ok_or_else(|| {
        ApiError::not_found(format!(
            "Message {} not found in channel {}.",
            shown(&message_id),
            shown(&channel_arn)
        ))
    })?;
    let body = bodies::channel_message(
        &channel.arn,
        message,
        access::identity(data, &message.sender),
    );
    Ok(json_response(StatusCode::OK, &body))
}
