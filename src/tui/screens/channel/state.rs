//! The channel screen's choices: which rows (a state filter) and in which
//! order (a sort).

use crate::model::PushState;
use crate::scan::{Row, RowState};

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
    pub fn nothing_shown(self) -> String {
        match (self, self.state()) {
            (StateFilter::NotSet, _) => {
                "Every member has set preferences (0 shows everyone).".to_string()
            }
            (_, Some(state)) => format!("No member has {} (0 shows everyone).", state.label()),
            (StateFilter::Errors, _) => "No lookup failed (0 shows everyone).".to_string(),
            _ => "No members listed.".to_string(),
        }
    }

    pub fn keeps(self, row: &Row) -> bool {
        match (self, &row.state) {
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

pub fn state_rank(row: &Row) -> u8 {
    match &row.state {
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
