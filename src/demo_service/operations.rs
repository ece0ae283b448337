//! The two served operations, after routing, authentication and throttling.

use axum::http::StatusCode;
use axum::response::Response;

use super::dataset::Channel;
use super::faults;
use super::paging::{self, ListQuery};
use super::state::ServerState;
use super::wire::{self, ApiError, json_response, shown};

const INVALID_BEARER: &str = "Unauthorized: An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header.";

/// GetChannelMembershipPreferences.
pub(super) async fn get_preferences(
    state: &ServerState,
    bearer: &str,
    channel_arn: &str,
    member_arn: &str,
) -> Result<Response, ApiError> {
    let data = &state.dataset;
    if !data.is_user(bearer) {
        return Err(ApiError::unauthorized(INVALID_BEARER));
    }
    let channel = find_channel(state, channel_arn)?;
    if bearer != member_arn {
        return Err(ApiError::forbidden(
            "Forbidden: only the member who owns the membership can read its preferences; \
             set x-amz-chime-bearer to the member's ARN.",
        ));
    }
    let member = data
        .id_of(member_arn)
        .and_then(|id| channel.roster.find(id))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Member {} is not a member of channel {}.",
                shown(member_arn),
                shown(channel_arn)
            ))
        })?;
    if let Some(fault) = member.fault {
        if let Some(response) = faults::apply(fault, member_arn, state).await {
            return Ok(response);
        }
    }
    let body = wire::preferences(&channel.arn, member_arn, &member);
    Ok(json_response(StatusCode::OK, &body))
}

/// ListChannelMemberships.
pub(super) fn list_memberships(
    state: &ServerState,
    bearer: &str,
    channel_arn: &str,
    query: Option<&str>,
) -> Result<Response, ApiError> {
    let query = ListQuery::parse(query)?;
    let data = &state.dataset;
    if !data.is_user(bearer) {
        return Err(ApiError::unauthorized(INVALID_BEARER));
    }
    let channel = find_channel(state, channel_arn)?;
    let bearer_is_member = data
        .id_of(bearer)
        .and_then(|id| channel.roster.find(id))
        .is_some_and(|member| member.fault != Some(faults::Fault::Banned));
    if !bearer_is_member && !data.is_admin(bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only members of the channel and AppInstanceAdmins can list its memberships.",
        ));
    }
    let roster = &channel.roster;
    let start = match &query.next_token {
        Some(token) => paging::decode_token(token, &channel.id, query.hidden, roster.len())?,
        None => 0,
    };
    let (members, next) = paging::page(roster, query.hidden, start, query.max_results);
    let members: Vec<(String, Option<String>)> = members
        .into_iter()
        .map(|m| (data.member_arn(&m.id), m.name))
        .collect();
    let next_token = next.map(|position| paging::encode_token(&channel.id, query.hidden, position));
    let body = wire::memberships(&channel.arn, &members, next_token);
    Ok(json_response(StatusCode::OK, &body))
}

fn find_channel<'a>(state: &'a ServerState, channel_arn: &str) -> Result<&'a Channel, ApiError> {
    state
        .dataset
        .channel(channel_arn)
        .ok_or_else(|| ApiError::not_found(format!("Channel {} not found.", shown(channel_arn))))
}
