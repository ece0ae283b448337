//! The scan's progress bar on stderr (`chime-prefs scan` on a terminal).
//!
//! Until the listing has found a member the length is unknown and only a
//! spinner turns: a bar at "0 of 0" would be drawn full, as if the scan were
//! done before it began. A channel with no members stays a spinner with a
//! note.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use super::event::ScanEvent;
use super::results::ScanResults;

const SPINNER: &str = "{spinner} {msg}";
const BAR: &str = "{spinner} {wide_bar} {pos}/{len} members  {rate}  ETA {eta}  {msg}";

pub struct Progress {
    bar: Option<ProgressBar>,
    /// True once the bar style (with a length) is shown.
    counting: bool,
}

impl Progress {
    /// A bar on stderr when `enabled` (stderr is a terminal), else nothing.
    pub fn new(enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                bar: None,
                counting: false,
            };
        }
        let progress = Progress::drawn_to(ProgressDrawTarget::stderr());
        if let Some(bar) = &progress.bar {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        progress
    }

    fn drawn_to(target: ProgressDrawTarget) -> Progress {
        let bar = ProgressBar::with_draw_target(None, target)
            .with_style(style(SPINNER))
            .with_message("listing members…");
        Progress {
            bar: Some(bar),
            counting: false,
        }
    }

    /// Called before the event is applied to `results`.
    pub fn show(&mut self, event: &ScanEvent, results: &ScanResults) {
        let Some(bar) = &self.bar else { return };
        match event {
            ScanEvent::Listed { members } => {
                let listed = results.rows().len() + members.len();
                if listed > 0 {
                    if !self.counting {
                        bar.set_style(style(BAR));
                        bar.set_message("listing…");
                        self.counting = true;
                    }
                    bar.set_length(listed as u64);
                }
            }
            ScanEvent::ListingComplete { total: 0 } => {
                bar.unset_length();
                bar.set_message("no members listed");
            }
            ScanEvent::ListingComplete { total } => {
                if !self.counting {
                    bar.set_style(style(BAR));
                    self.counting = true;
                }
                bar.set_length(*total as u64);
                bar.set_message("");
            }
            ScanEvent::Throttled {
                pace: Some(pace), ..
            } => bar.set_message(format!("throttled; slowed to {pace:.1}/s")),
            ScanEvent::Finished { .. } => bar.inc(1),
            _ => {}
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// The bar takes what the line leaves, so it never wraps.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}/s", state.per_sec());
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;
    use crate::scan::fixtures::read;

    fn hidden() -> Progress {
        Progress::drawn_to(ProgressDrawTarget::hidden())
    }

    fn length(progress: &Progress) -> Option<u64> {
        progress.bar.as_ref().and_then(ProgressBar::length)
    }

    #[test]
    fn nothing_listed_is_not_a_full_bar() {
        let mut progress = hidden();
        let mut results = ScanResults::new("arn:c");
        // Before anything is listed, the length is unknown, not 0 (which
        // indicatif draws as a full bar).
        assert_eq!(length(&progress), None);
        for event in [
            ScanEvent::Listed { members: vec![] },
            ScanEvent::ListingComplete { total: 0 },
        ] {
            progress.show(&event, &results);
            results.apply(event);
            assert_eq!(length(&progress), None);
        }
        assert!(!progress.counting);
        let bar = progress.bar.as_ref().expect("bar");
        assert_eq!(bar.message(), "no members listed");
    }

    #[test]
    fn members_count_up_to_the_listed_total() {
        let mut progress = hidden();
        let mut results = ScanResults::new("arn:c");
        let member = |id: &str| Member {
            arn: Some(format!("arn:{id}")),
            name: None,
        };
        let events = [
            ScanEvent::Listed {
                members: vec![member("a"), member("b")],
            },
            ScanEvent::Finished {
                index: 0,
                outcome: read(Some("ALL"), None),
            },
            ScanEvent::Listed {
                members: vec![member("c")],
            },
            ScanEvent::ListingComplete { total: 3 },
        ];
        for event in events {
            progress.show(&event, &results);
            results.apply(event);
        }
        let bar = progress.bar.as_ref().expect("bar");
        assert_eq!((bar.position(), bar.length()), (1, Some(3)));
        assert!(progress.counting);
    }

    #[test]
    fn disabled_draws_nothing() {
        let mut progress = Progress::new(false);
        progress.show(
            &ScanEvent::ListingComplete { total: 5 },
            &ScanResults::new("arn:c"),
        );
        assert!(progress.bar.is_none());
        progress.finish();
    }
}
