//! The member picture's progress bar (a terminal only): channels read of
//! those listed, the pace, an ETA, and once the list is complete the
//! estimate for the whole run, said up front.

use crate::scan::progress::Progress;

use super::event::MemberEvent;
use super::results::MemberResults;
use super::summary::estimate;

/// A spinner on stderr until the first channel is listed, when `enabled`.
pub fn bar(enabled: bool) -> Progress {
    Progress::of(enabled, "channels", "listing the member's channels…")
}

/// Called before the event is applied to `results`.
pub fn show(progress: &mut Progress, event: &MemberEvent, results: &MemberResults) {
    match event {
        MemberEvent::Listed { channels } => {
            progress.listed(results.rows().len() + channels.len());
        }
        MemberEvent::ListingComplete { total } => {
            progress.listing_complete(*total, "the member is in no channel");
            if *total > 0 {
                progress.println(estimate(*total, results.pace()));
                progress.message(format!("paced at {:.0}/s per bearer", results.pace()));
            }
        }
        MemberEvent::Throttled {
            pace: Some(pace), ..
        } => progress.message(format!("throttled; slowed to {pace:.1}/s")),
        MemberEvent::Finished { .. } => progress.finished_one(),
        _ => {}
    }
}
