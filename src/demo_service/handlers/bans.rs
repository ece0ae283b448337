//! DescribeChannelBan: moderators and AppInstanceAdmins only; 404
//! NotFoundException when the member is not banned.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::wire::{ApiError, json_response, shown};
use super::Request;
use super::access;

pub(super) fn describe(request: &Request<'_>) -> Result<Response, ApiError> {
    let channel_arn = request.label("channelArn")?;
    let member_arn = request.label("memberArn")?;
    let data = &request.state.dataset;
    let bearer = request.bearer();
    let bearer_id = access::known_bearer(data, bearer)?;
    let channel = access::channel(data, &channel_arn, ApiError::not_found)?;
    if !access::moderates(data, channel, bearer_id, bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only channel moderators and AppInstanceAdmins can read the channel's bans.",
        ));
    }
    let found = data
        .id_of(&member_arn)
        .and_then(|id| channel.roster.find(id))
        .and_then(|member| member.banned.clone().map(|ban| (member, ban)));
    let Some((member, ban)) = found else {
        return Err(ApiError::not_found(format!(
            "Member {} is not banned from channel {}.",
            shown(&member_arn),
            shown(&channel_arn)
        )));
    };
    let body = bodies::channel_ban(
        &channel.arn,
        bodies::identity(&member_arn, member.name.as_deref()),
        access::identity(data, &ban.by),
        ban.at,
    );
    Ok(json_response(StatusCode::OK, &body))
}
