//! The member picture's progress bar (a terminal only): channels read of
//! those listed, the pace and the time left, and once the list is complete
//! the estimate for the whole run, said up front. The pace is known (the
//! bearer's quota), so the time left is what is left over the pace, not
//! indicatif's guess from the rate so far (which starts at zero).

use crate::scan::Listing;
use crate::scan::progress::Progress;

use super::event::MemberEvent;
use super::results::MemberResults;
use super::summary::{estimate, time_left};

/// A spinner on stderr until the first channel is listed, when `enabled`.
pub fn bar(enabled: bool) -> Progress {
    Progress::of(enabled, "channels", "listing the member's channels…", true)
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
                progress.message(time_left(results.summary().pending, results.pace()));
            }
        }
        MemberEvent::Throttled {
            pace: Some(pace), ..
        } => progress.message(format!("throttled; slowed to {pace:.1}/s")),
        MemberEvent::Finished { .. } => {
            progress.finished_one();
            // Once the list is complete, what is left is known exactly.
            if *results.listing() == Listing::Complete {
                let remaining = results.summary().pending.saturating_sub(1);
                progress.message(time_left(remaining, results.pace()));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arn::{Field, parse_member};
    use crate::member::MemberRequest;
    use crate::model::UserChannelMembership;
    use crate::scan::fixtures::read;

    #[test]
    fn the_bar_counts_channels_and_says_the_time_left_at_the_pace() {
        let busy = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/busy";
        let member = parse_member(busy, Field::Member).expect("ARN");
        let request = MemberRequest::new(&member, busy);
        let mut results = MemberResults::new(&request);
        let mut progress = Progress::hidden("channels", "listing…", true);
        let page = || MemberEvent::Listed {
            channels: vec![UserChannelMembership::default(); 50],
        };
        for event in [
            page(),
            page(),
            MemberEvent::ListingComplete { total: 100 },
            MemberEvent::Finished {
                index: 0,
                outcome: read(Some("ALL"), None),
            },
        ] {
            show(&mut progress, &event, &results);
            results.apply(event);
        }
        assert_eq!(progress.position(), (1, Some(100)));
        assert_eq!(
            progress.note().as_deref(),
            Some("10/s per bearer, about 10 s left")
        );
        show(
            &mut progress,
            &MemberEvent::Throttled {
                index: Some(1),
                pace: Some(8.0),
            },
            &results,
        );
        assert_eq!(
            progress.note().as_deref(),
            Some("throttled; slowed to 8.0/s")
        );
    }
}
