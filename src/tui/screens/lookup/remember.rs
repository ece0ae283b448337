//! What a finished lookup leaves in the history file: the record the
//! runtime appends (`Effect::Remember`), when the history is kept. The
//! member's name and the rule text only with `history_details`; never a
//! credential (a lookup's result holds none).

use crate::error::CallError;
use crate::history::{Mode, Outcome, Record};
use crate::model::{Lookup, Target};
use crate::tui::msg::Effect;

use super::history::LastResult;

/// The effect that keeps this lookup, or `None` when the history is off.
/// `last` is what the list shows for it: the state, or the short error.
pub fn remember(
    mode: Mode,
    target: &Target,
    result: &Result<Lookup, CallError>,
    last: &LastResult,
) -> Option<Effect> {
    let Mode::On { details } = mode else {
        return None;
    };
    let outcome = if last.ok {
        Outcome::State(last.text.clone())
    } else {
        Outcome::Error(last.text.clone())
    };
    let (time, request_id) = match result {
        Ok(lookup) => (Some(lookup.meta.fetched_at), lookup.meta.request_id.clone()),
        // A failure has no time of its own: the writer stamps it.
        Err(error) => (None, error.request_id.clone()),
    };
    let response = result
        .as_ref()
        .ok()
        .map(|l| &l.response)
        .filter(|_| details);
    Some(Effect::Remember(Box::new(Record {
        time,
        channel_arn: target.channel_arn.clone(),
        member_arn: target.member_arn.clone(),
        bearer_arn: (target.bearer_arn != target.member_arn).then(|| target.bearer_arn.clone()),
        outcome,
        request_id,
        member_name: response.and_then(|r| r.member_name()).map(str::to_string),
        filter_rule: response
            .and_then(|r| r.filter_rule())
            .map(|r| r.raw.clone()),
    })))
}
