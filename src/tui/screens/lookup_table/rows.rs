//! What a table of lookups reads of what fills it: the rows, the per-state
//! counts, how far the listing got. The channel scan's results and the
//! member picture implement it; a new list implements it for its results.

use crate::error::CallError;
use crate::member::{ChannelRow, MemberEvent, MemberResults};
use crate::scan::{Listing, Row, RowState, ScanEvent, ScanResults, Summary};

/// One row of a table of lookups.
pub trait LookupRow {
    fn state(&self) -> &RowState;
    /// The row's name, when the listing gave one (server text: sanitise
    /// before display).
    fn name(&self) -> Option<&str>;
    fn arn(&self) -> Option<&str>;
}

/// The results a table of lookups shows, built from its job's events.
pub trait LookupResults: std::fmt::Debug + Clone + PartialEq + 'static {
    type Row: LookupRow;
    /// What the job reports.
    type Event;
    /// Every listed row, in listing order.
    fn rows(&self) -> &[Self::Row];
    fn summary(&self) -> &Summary;
    fn listing(&self) -> &Listing;
    fn listing_error(&self) -> Option<&CallError> {
        match self.listing() {
            Listing::Failed(err) => Some(err),
            _ => None,
        }
    }
    /// Every row was listed and has an outcome.
    fn is_complete(&self) -> bool;
    /// How many calls were throttled and retried.
    fn throttled(&self) -> u64;
    /// The pace kept after throttling (requests per second), if known.
    fn pace(&self) -> Option<f64>;
    /// Fold in one event; true when it was the job's last.
    fn apply_event(&mut self, event: Self::Event) -> bool;
}

impl LookupRow for Row {
    fn state(&self) -> &RowState {
        &self.state
    }
    fn name(&self) -> Option<&str> {
        self.member.name.as_deref()
    }
    fn arn(&self) -> Option<&str> {
        self.member.arn.as_deref()
    }
}

impl LookupRow for ChannelRow {
    fn state(&self) -> &RowState {
        &self.state
    }
    fn name(&self) -> Option<&str> {
        ChannelRow::name(self)
    }
    fn arn(&self) -> Option<&str> {
        ChannelRow::arn(self)
    }
}

impl LookupResults for ScanResults {
    type Row = Row;
    type Event = ScanEvent;
    fn rows(&self) -> &[Row] {
        ScanResults::rows(self)
    }
    fn summary(&self) -> &Summary {
        ScanResults::summary(self)
    }
    fn listing(&self) -> &Listing {
        ScanResults::listing(self)
    }
    fn is_complete(&self) -> bool {
        ScanResults::is_complete(self)
    }
    fn throttled(&self) -> u64 {
        ScanResults::throttled(self)
    }
    fn pace(&self) -> Option<f64> {
        ScanResults::pace(self)
    }
    fn apply_event(&mut self, event: ScanEvent) -> bool {
        let done = event == ScanEvent::Done;
        self.apply(event);
        done
    }
}

impl LookupResults for MemberResults {
    type Row = ChannelRow;
    type Event = MemberEvent;
    fn rows(&self) -> &[ChannelRow] {
        MemberResults::rows(self)
    }
    fn summary(&self) -> &Summary {
        MemberResults::summary(self)
    }
    fn listing(&self) -> &Listing {
        MemberResults::listing(self)
    }
    fn is_complete(&self) -> bool {
        MemberResults::is_complete(self)
    }
    fn throttled(&self) -> u64 {
        MemberResults::throttled(self)
    }
    /// The member picture always keeps a pace: the bearer's quota, or
    /// lower after throttling.
    fn pace(&self) -> Option<f64> {
        Some(MemberResults::pace(self))
    }
    fn apply_event(&mut self, event: MemberEvent) -> bool {
        let done = event == MemberEvent::Done;
        self.apply(event);
        done
    }
}
