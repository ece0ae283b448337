//! A member's push state on screen: one word per state, from
//! [`PushState::label`], and an unknown value verbatim (made safe).

use crate::model::{AllowNotifications, PushState};
use crate::sanitize;

/// `ALL`, `NONE`, `FILTERED`, `NOT SET`, or the unknown value as sent.
pub fn state_text(allow: Option<&AllowNotifications>) -> String {
    match (PushState::of_allow(allow), allow) {
        (PushState::Unknown, Some(value)) => sanitize::line(value.as_wire()).into_owned(),
        (state, _) => state.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_states_use_their_label_and_unknown_ones_are_verbatim_and_safe() {
        assert_eq!(state_text(None), "NOT SET");
        assert_eq!(state_text(Some(&AllowNotifications::Filtered)), "FILTERED");
        let odd = AllowNotifications::from_wire("SOME\u{1b}TIMES");
        assert_eq!(state_text(Some(&odd)), "SOME\\eTIMES");
    }
}
