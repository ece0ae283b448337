//! Who may do what, as the real service decides it from the bearer, and
//! the lookups every handler starts with.

use serde_json::Value;

use super::super::bodies;
use super::super::dataset::{Channel, Dataset};
use super::super::wire::{ApiError, shown};

pub(super) const INVALID_BEARER: &str = "Unauthorized: An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header.";

/// The bearer's ID (`user/...`), or 401 when it is no user of the app instance.
pub(super) fn known_bearer<'a>(data: &Dataset, bearer: &'a str) -> Result<&'a str, ApiError> {
    data.id_of(bearer)
        .filter(|_| data.is_user(bearer))
        .ok_or_else(|| ApiError::unauthorized(INVALID_BEARER))
}

/// The channel at `arn`; `missing` builds the error for an unknown one
/// (400 with Code NotFound, or 404, as the operation models it).
pub(super) fn channel<'a>(
    data: &'a Dataset,
    arn: &str,
    missing: fn(String) -> ApiError,
) -> Result<&'a Channel, ApiError> {
    data.channel(arn)
        .ok_or_else(|| missing(format!("Channel {} not found.", shown(arn))))
}

/// Members (not banned), moderators and AppInstanceAdmins may read a channel.
pub(super) fn reads(data: &Dataset, channel: &Channel, bearer_id: &str, bearer: &str) -> bool {
    channel.membership(bearer_id).is_some() || moderates(data, channel, bearer_id, bearer)
}

/// Moderators and AppInstanceAdmins may see hidden members and bans.
pub(super) fn moderates(data: &Dataset, channel: &Channel, bearer_id: &str, bearer: &str) -> bool {
    channel.is_moderator(bearer_id) || data.is_admin(bearer)
}

/// `{"Arn", "Name"}` of user or bot `id`.
pub(super) fn identity(data: &Dataset, id: &str) -> Value {
    bodies::identity(&data.member_arn(id), data.name_of(id))
}
