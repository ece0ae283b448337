//! The channel view: a live table of every member's push state, filled in
//! as the scan reports, with per-state counts, a state filter and a sort.

use std::time::Instant;

use crate::scan::{PushState, Row, RowState, ScanResults};

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
    pub const ALL: [StateFilter; 6] = [
        StateFilter::Everyone,
        StateFilter::All,
        StateFilter::None,
        StateFilter::Filtered,
        StateFilter::NotSet,
        StateFilter::Errors,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StateFilter::Everyone => "everyone",
            StateFilter::All => "ALL",
            StateFilter::None => "NONE",
            StateFilter::Filtered => "FILTERED",
            StateFilter::NotSet => "NOT SET",
            StateFilter::Errors => "errors",
        }
    }

    /// What an empty table says under this filter.
    pub fn empty_note(self) -> &'static str {
        match self {
            StateFilter::Everyone => "No member was listed.",
            StateFilter::All => "No member has ALL (0 shows everyone).",
            StateFilter::None => "No member has NONE (0 shows everyone).",
            StateFilter::Filtered => "No member has FILTERED (0 shows everyone).",
            StateFilter::NotSet => "Every member has set preferences (0 shows everyone).",
            StateFilter::Errors => "No lookup failed (0 shows everyone).",
        }
    }

    fn keeps(self, row: &Row) -> bool {
        match (self, &row.state) {
            (StateFilter::Everyone, _) => true,
            (StateFilter::Errors, RowState::Failed(_)) => true,
            (_, RowState::Read(lookup)) => matches!(
                (self, PushState::of(&lookup.response)),
                (StateFilter::All, PushState::All)
                    | (StateFilter::None, PushState::None)
                    | (StateFilter::Filtered, PushState::Filtered)
                    | (StateFilter::NotSet, PushState::NotSet)
            ),
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

fn state_rank(row: &Row) -> u8 {
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

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelView {
    /// Results of any other scan id are stale.
    pub id: u64,
    pub channel_arn: String,
    /// Who lists the members.
    pub bearer_arn: String,
    /// HIDDEN members are listed too (a second listing pass).
    pub include_hidden: bool,
    pub results: ScanResults,
    pub filter: StateFilter,
    pub sort: SortKey,
    /// Position in the filtered, sorted rows.
    pub selected: usize,
    pub offset: usize,
    pub running: bool,
    pub started: Instant,
    /// When the last event arrived (for the rate).
    pub last_event: Instant,
    /// Shown instead of the lookup panes; `c` brings it back.
    pub visible: bool,
}

impl ChannelView {
    pub fn new(
        id: u64,
        channel_arn: String,
        bearer_arn: String,
        include_hidden: bool,
        now: Instant,
    ) -> Self {
        ChannelView {
            id,
            include_hidden,
            results: ScanResults::new(channel_arn.clone()),
            channel_arn,
            bearer_arn,
            filter: StateFilter::Everyone,
            sort: SortKey::Listing,
            selected: 0,
            offset: 0,
            running: true,
            started: now,
            last_event: now,
            visible: true,
        }
    }

    /// Indices into `results.rows()` of the rows shown, in display order.
    pub fn visible_rows(&self) -> Vec<usize> {
        let rows = self.results.rows();
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| self.filter.keeps(&rows[i]))
            .collect();
        match self.sort {
            SortKey::Listing => {}
            SortKey::State => shown.sort_by_key(|&i| state_rank(&rows[i])),
            SortKey::Name => shown.sort_by_cached_key(|&i| {
                rows[i].member.name.as_deref().unwrap_or("").to_lowercase()
            }),
        }
        shown
    }

    /// Members per second since the scan started.
    pub fn rate(&self) -> Option<f64> {
        let secs = self
            .last_event
            .saturating_duration_since(self.started)
            .as_secs_f64();
        let done = self.results.summary().finished();
        (secs > 0.2 && done > 0).then(|| done as f64 / secs)
    }

    /// Move the selection and keep it on screen (`visible` rows high).
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let count = self.visible_rows().len();
        if count == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(count - 1);
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_table_says_what_is_missing_in_words() {
        for filter in StateFilter::ALL {
            let note = filter.empty_note();
            assert!(
                !note.contains(" is errors") && !note.contains(" is everyone"),
                "{note}"
            );
            assert!(note.ends_with('.'), "{note}");
        }
        assert_eq!(
            StateFilter::Errors.empty_note(),
            "No lookup failed (0 shows everyone)."
        );
    }
}
