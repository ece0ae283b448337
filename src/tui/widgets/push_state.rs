//! A member's push state on screen: one word per state, from
//! [`PushState::label`], and an unknown value verbatim (made safe).

use ratatui::style::Style;

use crate::explain;
use crate::model::{AllowNotifications, PushState};
use crate::sanitize;
use crate::scan::RowState;
use crate::tui::theme::Theme;

/// `ALL`, `NONE`, `FILTERED`, `NOT SET`, or the unknown value as sent.
pub fn state_text(allow: Option<&AllowNotifications>) -> String {
    match (PushState::of_allow(allow), allow) {
        (PushState::Unknown, Some(value)) => sanitize::line(value.as_wire()).into_owned(),
        (state, _) => state.label().to_string(),
    }
}

/// The state, its style and the detail (the rule, or the error) of one
/// lookup row, for every table of lookups (the channel view, the member
/// screen). Server text is made safe here.
pub fn row_cells(state: &RowState, theme: &Theme) -> (String, Style, String) {
    match state {
        RowState::Pending => ("…".to_string(), theme.dim(), String::new()),
        RowState::Read(lookup) => {
            let allow = lookup.response.allow();
            let rule = lookup
                .response
                .filter_rule()
                .map(|r| sanitize::line(&r.raw).into_owned())
                .unwrap_or_default();
            (state_text(allow), theme.badge(allow), rule)
        }
        RowState::Failed(err) => {
            let status = err.http_status.map(|s| format!("{s} ")).unwrap_or_default();
            let title = explain::explain(err.operation, err.kind).title;
            (
                "ERROR".to_string(),
                theme.error_badge(),
                format!("{status}{} · {title}", sanitize::line(&err.display_code())),
            )
        }
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
