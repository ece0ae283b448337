//! ListChannelMemberships and DescribeChannelMembership.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::paging::{self, ListId, ListQuery};
use super::super::wire::{ApiError, json_response, shown};
use super::Request;
use super::access;

/// ListChannelMemberships: members, moderators and AppInstanceAdmins may
/// list; only moderators and AppInstanceAdmins may list HIDDEN members.
pub(super) fn list(request: &Request<'_>) -> Result<Response, ApiError> {
    let channel_arn = request.label("channelArn")?;
    let query = ListQuery::parse(request.query)?;
    let data = &request.state.dataset;
    let bearer = request.bearer();
    let bearer_id = access::known_bearer(data, bearer)?;
    let channel = access::channel(data, &channel_arn, ApiError::bad_request_not_found)?;
    if !access::reads(data, channel, bearer_id, bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only members of the channel, its moderators and AppInstanceAdmins can \
             list its memberships.",
        ));
    }
    if query.hidden && !access::moderates(data, channel, bearer_id, bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only channel moderators and AppInstanceAdmins can list HIDDEN members.",
        ));
    }
    let roster = &channel.roster;
    let list = ListId::members(&channel.id, query.hidden);
    let start = match &query.next_token {
        Some(token) => paging::decode_token(token, list, roster.len())?,
        None => 0,
    };
    let (members, next) = paging::page(roster, query.hidden, start, query.max_results);
    let members: Vec<(String, Option<String>)> = members
        .into_iter()
        .map(|m| (data.member_arn(&m.id), m.name))
        .collect();
    let next_token = next.map(|position| paging::encode_token(list, position));
    let body = bodies::memberships(&channel.arn, &members, next_token);
    Ok(json_response(StatusCode::OK, &body))
}

/// DescribeChannelMembership: 404 NotFoundException when the member is not
/// in the channel (a ban ends the membership). Members, moderators and
/// AppInstanceAdmins may ask about anyone; anyone may ask about themself.
pub(super) fn describe(request: &Request<'_>) -> Result<Response, ApiError> {
    let channel_arn = request.label("channelArn")?;
    let member_arn = request.label("memberArn")?;
    let data = &request.state.dataset;
    let bearer = request.bearer();
    let bearer_id = access::known_bearer(data, bearer)?;
    let channel = access::channel(data, &channel_arn, ApiError::not_found)?;
    if bearer != member_arn && !access::reads(data, channel, bearer_id, bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only members of the channel, its moderators and AppInstanceAdmins can \
             describe its memberships.",
        ));
    }
    let (position, member) = data
        .id_of(&member_arn)
        .and_then(|id| channel.roster.find_at(id))
        .filter(|(_, member)| member.banned.is_none())
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Member {} is not a member of channel {}.",
                shown(&member_arn),
                shown(&channel_arn)
            ))
        })?;
    let invited_by = channel
        .facts
        .created_by
        .as_deref()
        .map(|id| access::identity(data, id));
    let body = bodies::channel_membership(
        &channel.arn,
        bodies::identity(&member_arn, member.name.as_deref()),
        invited_by,
        member.membership_type(),
        channel.joined(position, &member),
    );
    Ok(json_response(StatusCode::OK, &body))
}
