//! ListChannelMembershipsForAppInstanceUser: every channel one user is a
//! member of. The bearer may list its own; only an AppInstanceAdmin may
//! list another user's.

use axum::http::StatusCode;
use axum::response::Response;

use super::super::bodies;
use super::super::paging::{self, ListId, Query};
use super::super::wire::{ApiError, json_response};
use super::Request;
use super::access;

pub(super) fn list(request: &Request<'_>) -> Result<Response, ApiError> {
    let query = Query::parse(request.query)?;
    let max = query.max_results()?;
    let data = &request.state.dataset;
    let bearer = request.bearer();
    access::known_bearer(data, bearer)?;
    let user_arn = query.get("app-instance-user-arn").unwrap_or(bearer);
    if user_arn != bearer && !data.is_admin(bearer) {
        return Err(ApiError::forbidden(
            "Forbidden: only an AppInstanceAdmin may list another AppInstanceUser's channel \
             memberships; set x-amz-chime-bearer to the user's own ARN, or to an \
             AppInstanceAdmin's.",
        ));
    }
    let Some(user_id) = data.id_of(user_arn).filter(|_| data.is_user(user_arn)) else {
        return Err(ApiError::forbidden(
            "Forbidden: An invalid app instance user ARN was supplied for the input parameter.",
        ));
    };
    let memberships = data.memberships_of(user_id);
    let list = ListId {
        whose: user_id,
        which: "CHANNELS",
    };
    let (range, next_token) = paging::window(memberships.len(), query.next_token(), list, max)?;
    let items = memberships[range]
        .iter()
        .map(|(channel, member)| bodies::user_membership(&channel.arn, &channel.facts, member))
        .collect();
    let body = bodies::user_memberships(items, next_token);
    Ok(json_response(StatusCode::OK, &body))
}
