//! A table's choices: which rows (a state filter, keys `0`–`5`) and in
//! which order (a sort).

use super::kind::Words;
use crate::model::PushState;
use crate::scan::RowState;

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    Everyone,
    All,
    None,
    Filtered,
    NotSet,
    Errors,
}

impl StateFilter {
    /// The filters of keys 0 to 5, in order.
    pub const ALL: [StateFilter; 6] = [
        StateFilter::Everyone,
        StateFilter::All,
        StateFilter::None,
        StateFilter::Filtered,
        StateFilter::NotSet,
        StateFilter::Errors,
    ];

    /// The push state the filter keeps, for the four that keep one.
    pub const fn state(self) -> Option<PushState> {
        match self {
            StateFilter::All => Some(PushState::All),
            StateFilter::None => Some(PushState::None),
            StateFilter::Filtered => Some(PushState::Filtered),
            StateFilter::NotSet => Some(PushState::NotSet),
            StateFilter::Everyone | StateFilter::Errors => None,
        }
    }

    pub const fn label(self) -> &'static str {
        match (self, self.state()) {
            (_, Some(state)) => state.label(),
            (StateFilter::Errors, _) => "errors",
            _ => "everyone",
        }
    }

    /// What the table says when the filter leaves no row.
    pub fn empty_note(self, words: &Words) -> String {
        let hint = words.everyone_hint;
        match (self, self.state()) {
            (StateFilter::NotSet, _) => format!("{} ({hint}).", words.all_set),
            (_, Some(state)) => format!("No {} has {} ({hint}).", words.noun, state.label()),
            (StateFilter::Errors, _) => format!("No lookup failed ({hint})."),
            _ => words.none_listed.to_string(),
        }
    }

    /// Whether a row in `state` is shown.
    pub fn keeps_state(self, state: &RowState) -> bool {
        match (self, state) {
            (StateFilter::Everyone, _) => true,
            (StateFilter::Errors, RowState::Failed(_)) => true,
            (_, RowState::Read(lookup)) => self.state() == Some(PushState::of(&lookup.response)),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// As ListChannelMemberships listed them.
    Listing,
    /// Errors first, then NONE, FILTERED, NOT SET, unknown, ALL: the
    /// members most likely to miss pushes on top.
    State,
    Name,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Listing => SortKey::State,
            SortKey::State => SortKey::Name,
            SortKey::Name => SortKey::Listing,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Listing => "listing order",
            SortKey::State => "state",
            SortKey::Name => "name",
        }
    }
}

/// The sort by state's rank of a row in `state` (lower first).
pub fn rank_of(state: &RowState) -> u8 {
    match state {
        RowState::Failed(_) => 0,
        RowState::Read(lookup) => match PushState::of(&lookup.response) {
            PushState::None => 1,
            PushState::Filtered => 2,
            PushState::NotSet => 3,
            PushState::Unknown => 4,
            PushState::All => 5,
        },
        RowState::Pending => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AllowNotifications, Lookup, MembershipPreferences};

    #[test]
    fn the_filters_use_the_push_state_labels() {
        let labels: Vec<&str> = StateFilter::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(
            labels,
            ["everyone", "ALL", "NONE", "FILTERED", "NOT SET", "errors"]
        );
        assert_eq!(StateFilter::NotSet.label(), PushState::NotSet.label());
    }

    #[test]
    fn an_empty_filter_never_reads_like_no_member_is_errors() {
        use crate::tui::screens::channel::ChannelMembers;
        use crate::tui::screens::lookup_table::TableKind;
        let words = ChannelMembers::WORDS;
        for filter in StateFilter::ALL {
            let text = filter.empty_note(words);
            assert!(
                !text.contains("is errors") && !text.contains("is everyone"),
                "{text}"
            );
        }
        assert_eq!(
            StateFilter::Errors.empty_note(words),
            "No lookup failed (0 shows everyone)."
        );
        assert_eq!(
            StateFilter::NotSet.empty_note(words),
            "Every member has set preferences (0 shows everyone)."
        );
        assert_eq!(
            StateFilter::None.empty_note(words),
            "No member has NONE (0 shows everyone)."
        );
    }

    #[test]
    fn a_filter_keeps_the_rows_of_its_state() {
        let read = |allow: Option<AllowNotifications>| {
            RowState::Read(Box::new(Lookup {
                response: MembershipPreferences {
                    preferences: Some(crate::model::Preferences {
                        push_notifications: Some(crate::model::PushNotifications {
                            allow,
                            filter_rule: None,
                        }),
                    }),
                    ..MembershipPreferences::default()
                },
                meta: crate::model::CallMeta {
                    request_id: None,
                    latency: std::time::Duration::ZERO,
                    attempts: 1,
                    fetched_at: std::time::UNIX_EPOCH,
                },
            }))
        };
        let never_set = read(None);
        assert!(StateFilter::NotSet.keeps_state(&never_set));
        assert!(!StateFilter::All.keeps_state(&never_set));
        assert!(StateFilter::Everyone.keeps_state(&never_set));
        assert!(!StateFilter::Errors.keeps_state(&never_set));
        assert!(StateFilter::None.keeps_state(&read(Some(AllowNotifications::None))));
        assert_eq!(rank_of(&read(Some(AllowNotifications::None))), 1);
    }
}
