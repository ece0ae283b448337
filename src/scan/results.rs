//! The scan so far, as plain data: rows in listing order and per-state
//! counts, built by applying [`ScanEvent`]s. The CLI printers read it; a UI
//! can render it at any moment.

use crate::error::CallError;
use crate::model::{Lookup, Member};

use super::event::{MemberOutcome, ScanEvent};
use super::summary::{PushState, Summary};
use crate::output::text::plural;

#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// Listed, lookup not finished.
    Pending,
    Read(Box<Lookup>),
    Failed(CallError),
}

/// One listed member.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As ListChannelMemberships gave it.
    pub member: Member,
    pub state: RowState,
}

impl Row {
    pub fn is_finished(&self) -> bool {
        !matches!(self.state, RowState::Pending)
    }
}

/// A listed row's lookup ended: its state and the counts follow. A row that
/// already had an outcome is left as it is (that would be an engine bug:
/// the counts stay consistent anyway); returns whether it was settled.
pub(crate) fn settle(state: &mut RowState, summary: &mut Summary, outcome: MemberOutcome) -> bool {
    if !matches!(state, RowState::Pending) {
        return false;
    }
    summary.pending -= 1;
    *state = match outcome {
        MemberOutcome::Read(lookup) => {
            summary.add(PushState::of(&lookup.response));
            RowState::Read(lookup)
        }
        MemberOutcome::Failed(err) => {
            summary.errors += 1;
            RowState::Failed(err)
        }
    };
    true
}

#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    InProgress,
    Complete,
    Failed(CallError),
    /// Stopped at `--max-items`: the service had more to list.
    Capped(usize),
}

/// Why a run's output (`noun`s listed and read) is not the whole list, in
/// words for the output itself; `None` when it is. `done`: the run said it
/// would report nothing more (false after Ctrl-C or SIGTERM).
pub fn partial_reason(
    done: bool,
    listing: &Listing,
    summary: &Summary,
    noun: &str,
) -> Option<String> {
    let listed = summary.listed() as u64;
    let of = match listing {
        Listing::Complete => plural(listed, noun),
        _ => format!("at least {}", plural(listed, noun)),
    };
    if !done {
        return Some(format!(
            "interrupted (Ctrl-C or SIGTERM): read {} of {of}",
            summary.finished()
        ));
    }
    match listing {
        Listing::Failed(err) => Some(format!(
            "{} failed after {} {}: the list is incomplete",
            err.operation,
            plural(listed, noun),
            if listed == 1 {
                "was listed"
            } else {
                "were listed"
            }
        )),
        Listing::InProgress => Some(format!("the listing did not finish: {of}")),
        Listing::Capped(limit) => Some(format!(
            "the listing stopped at --max-items {limit}; there may be more {noun}s"
        )),
        Listing::Complete if summary.pending > 0 => {
            Some(format!("{} of {of} not read", summary.pending))
        }
        Listing::Complete => None,
    }
}

/// How a run ended, read back from a report: whether it was done and
/// how its listing ended, from the [`partial_reason`] it printed and its
/// listing error. What the reason does not tell apart reads as the case
/// that prints the same reason: an interrupted run whose listing was
/// capped reads as one whose listing was in progress.
pub fn ending_from_reason(
    reason: Option<&str>,
    listing_error: Option<CallError>,
) -> (bool, Listing) {
    let Some(reason) = reason else {
        return (
            true,
            listing_error.map_or(Listing::Complete, Listing::Failed),
        );
    };
    if reason.starts_with("interrupted (") {
        let listing = match listing_error {
            Some(err) => Listing::Failed(err),
            None if reason.contains(" of at least ") => Listing::InProgress,
            None => Listing::Complete,
        };
        return (false, listing);
    }
    if let Some(err) = listing_error {
        return (true, Listing::Failed(err));
    }
    if reason.starts_with("the listing did not finish") {
        return (true, Listing::InProgress);
    }
    if let Some(rest) = reason.strip_prefix("the listing stopped at --max-items ") {
        let limit = rest.split(';').next().and_then(|n| n.trim().parse().ok());
        if let Some(limit) = limit {
            return (true, Listing::Capped(limit));
        }
    }
    (true, Listing::Complete)
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScanResults {
    channel_arn: String,
    /// HIDDEN members were asked for too (`--include-hidden`).
    include_hidden: bool,
    rows: Vec<Row>,
    summary: Summary,
    listing: Listing,
    done: bool,
    throttled: u64,
    pace: Option<f64>,
}

impl ScanResults {
    pub fn new(channel_arn: impl Into<String>) -> Self {
        Self {
            channel_arn: channel_arn.into(),
            include_hidden: false,
            rows: Vec::new(),
            summary: Summary::default(),
            listing: Listing::InProgress,
            done: false,
            throttled: 0,
            pace: None,
        }
    }

    /// The scan a report holds (`chime-prefs open`, `diff`): the members
    /// whose lookup ended, in listing order, and how many were listed but
    /// not read (a report does not say which). The counts are the rows'.
    /// Whether HIDDEN members were asked for is the document's
    /// `IncludeHidden`: set it with [`ScanResults::with_include_hidden`].
    pub fn from_parts(
        channel_arn: impl Into<String>,
        rows: Vec<Row>,
        not_read: usize,
        listing: Listing,
        done: bool,
    ) -> Self {
        let mut summary = Summary {
            pending: not_read,
            ..Summary::default()
        };
        for row in &rows {
            match &row.state {
                RowState::Read(lookup) => summary.add(PushState::of(&lookup.response)),
                RowState::Failed(_) => summary.errors += 1,
                RowState::Pending => summary.pending += 1,
            }
        }
        Self {
            channel_arn: channel_arn.into(),
            include_hidden: false,
            rows,
            summary,
            listing,
            done,
            throttled: 0,
            pace: None,
        }
    }

    pub fn apply(&mut self, event: ScanEvent) {
        match event {
            ScanEvent::Listed { members } => {
                self.summary.pending += members.len();
                self.rows.extend(members.into_iter().map(|member| Row {
                    member,
                    state: RowState::Pending,
                }));
            }
            ScanEvent::ListingComplete { .. } => self.listing = Listing::Complete,
            ScanEvent::ListingFailed(err) => self.listing = Listing::Failed(err),
            ScanEvent::ListingCapped { limit } => self.listing = Listing::Capped(limit),
            ScanEvent::Throttled { pace, .. } => {
                self.throttled += 1;
                self.pace = pace;
            }
            ScanEvent::Finished { index, outcome } => {
                // An index never listed, or a second outcome for one member,
                // would be an engine bug: keep the counts consistent anyway.
                if let Some(row) = self.rows.get_mut(index) {
                    settle(&mut row.state, &mut self.summary, outcome);
                }
            }
            ScanEvent::Done => self.done = true,
        }
    }

    /// A scan that lists HIDDEN members too.
    pub fn with_include_hidden(mut self, include_hidden: bool) -> Self {
        self.include_hidden = include_hidden;
        self
    }

    pub fn channel_arn(&self) -> &str {
        &self.channel_arn
    }

    /// Whether HIDDEN members were asked for.
    pub fn include_hidden(&self) -> bool {
        self.include_hidden
    }

    /// Every listed member, in listing order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Members whose lookup ended, in listing order.
    pub fn finished_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.is_finished())
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    pub fn listing_error(&self) -> Option<&CallError> {
        match &self.listing {
            Listing::Failed(err) => Some(err),
            _ => None,
        }
    }

    /// The engine said it will report nothing more.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Every member of the channel was listed and has an outcome.
    pub fn is_complete(&self) -> bool {
        self.partial_reason().is_none()
    }

    /// Why the output is not the whole channel; `None` when it is.
    pub fn partial_reason(&self) -> Option<String> {
        partial_reason(self.done, &self.listing, &self.summary, "member")
    }

    /// How many calls were throttled and retried.
    pub fn throttled(&self) -> u64 {
        self.throttled
    }

    /// The pace after the last throttling (requests per second).
    pub fn pace(&self) -> Option<f64> {
        self.pace
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::scan::fixtures::read;

    fn member(id: &str) -> Member {
        Member {
            arn: Some(format!("arn:{id}")),
            name: Some(id.to_uppercase()),
        }
    }

    fn listed(ids: &[&str]) -> ScanEvent {
        ScanEvent::Listed {
            members: ids.iter().map(|id| member(id)).collect(),
        }
    }

    #[test]
    fn rows_keep_listing_order_whatever_the_completion_order() {
        let mut results = ScanResults::new("arn:c");
        results.apply(listed(&["a", "b"]));
        results.apply(ScanEvent::Finished {
            index: 1,
            outcome: read(Some("NONE"), None),
        });
        results.apply(listed(&["c"]));
        results.apply(ScanEvent::Finished {
            index: 2,
            outcome: MemberOutcome::Failed(CallError::new(
                crate::operation::Operation::GetChannelMembershipPreferences,
                ErrorKind::Forbidden,
            )),
        });
        results.apply(ScanEvent::ListingComplete { total: 3 });
        assert!(!results.is_complete());
        assert_eq!(results.summary().pending, 1);
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("ALL"), None),
        });
        results.apply(ScanEvent::Done);
        assert!(results.is_complete());

        let names: Vec<_> = results
            .rows()
            .iter()
            .map(|r| r.member.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["A", "B", "C"]);
        let summary = results.summary();
        assert_eq!(
            (summary.all, summary.none, summary.errors, summary.pending),
            (1, 1, 1, 0)
        );
    }

    #[test]
    fn a_cancelled_scan_is_partial_and_counts_what_was_not_read() {
        let mut results = ScanResults::new("arn:c");
        results.apply(listed(&["a", "b", "c"]));
        results.apply(ScanEvent::Finished {
            index: 2,
            outcome: read(None, None),
        });
        // No Done: the task was stopped.
        assert!(!results.is_done());
        assert!(!results.is_complete());
        assert_eq!(results.finished_rows().count(), 1);
        assert_eq!(results.summary().not_set, 1);
        assert_eq!(results.summary().pending, 2);
    }

    #[test]
    fn listing_failure_is_kept_and_makes_the_scan_incomplete() {
        let mut results = ScanResults::new("arn:c");
        let mut err = CallError::new(
            crate::operation::Operation::GetChannelMembershipPreferences,
            ErrorKind::Forbidden,
        );
        err.http_status = Some(403);
        results.apply(ScanEvent::ListingFailed(err.clone()));
        results.apply(ScanEvent::Done);
        assert_eq!(results.listing_error(), Some(&err));
        assert!(results.is_done());
        assert!(!results.is_complete());
    }

    #[test]
    fn duplicate_or_unknown_indexes_do_not_corrupt_the_counts() {
        let mut results = ScanResults::new("arn:c");
        results.apply(listed(&["a"]));
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("ALL"), None),
        });
        results.apply(ScanEvent::Finished {
            index: 0,
            outcome: read(Some("NONE"), None),
        });
        results.apply(ScanEvent::Finished {
            index: 7,
            outcome: read(Some("NONE"), None),
        });
        let summary = results.summary();
        assert_eq!((summary.all, summary.none, summary.pending), (1, 0, 0));
    }

    #[test]
    fn every_ending_reads_back_from_the_reason_it_printed() {
        let err = CallError::new(
            crate::operation::Operation::ListChannelMemberships,
            ErrorKind::Forbidden,
        );
        let mut summary = Summary {
            all: 2,
            pending: 1,
            ..Summary::default()
        };
        let endings = [
            (true, Listing::Complete),
            (true, Listing::InProgress),
            (true, Listing::Failed(err.clone())),
            (true, Listing::Capped(50)),
            (false, Listing::Complete),
            (false, Listing::InProgress),
            (false, Listing::Failed(err.clone())),
        ];
        for pending in [0, 1] {
            summary.pending = pending;
            for (done, listing) in &endings {
                let reason = partial_reason(*done, listing, &summary, "member");
                let error = match listing {
                    Listing::Failed(e) => Some(e.clone()),
                    _ => None,
                };
                let (done_back, listing_back) = ending_from_reason(reason.as_deref(), error);
                assert_eq!(
                    partial_reason(done_back, &listing_back, &summary, "member"),
                    reason,
                    "{done} {listing:?}"
                );
                assert_eq!((done_back, &listing_back), (*done, listing), "{reason:?}");
            }
        }
    }

    #[test]
    fn throttling_events_are_counted_with_the_latest_pace() {
        let mut results = ScanResults::new("arn:c");
        results.apply(ScanEvent::Throttled {
            index: Some(0),
            pace: Some(16.0),
        });
        results.apply(ScanEvent::Throttled {
            index: None,
            pace: Some(12.8),
        });
        assert_eq!(results.throttled(), 2);
        assert_eq!(results.pace(), Some(12.8));
    }
}
