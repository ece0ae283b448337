//! The progress bar on stderr of `chime-prefs scan` and `member` (on a
//! terminal only).
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

/// The counting bar for `unit` ("members", "channels"): with indicatif's
/// rate and ETA, or (`paced`) with the caller's in the message, for a run
/// whose pace is known up front.
fn bar_template(unit: &str, paced: bool) -> String {
    if paced {
        format!("{{spinner}} {{wide_bar}} {{pos}}/{{len}} {unit}  {{msg}}")
    } else {
        format!("{{spinner}} {{wide_bar}} {{pos}}/{{len}} {unit}  {{rate}}  ETA {{eta}}  {{msg}}")
    }
}

/// A spinner until the first item is listed, then a bar counting finished
/// items against those listed. `chime-prefs scan` drives it with
/// [`Progress::show`]; other runs (the member picture) with its parts.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// True once the bar style (with a length) is shown.
    counting: bool,
    unit: &'static str,
    /// The caller says the pace and the time left (see [`bar_template`]).
    paced: bool,
}

impl Progress {
    /// The scan's bar on stderr when `enabled` (stderr is a terminal), else
    /// nothing.
    pub fn new(enabled: bool) -> Progress {
        Progress::of(enabled, "members", "listing members…", false)
    }

    /// A bar counting `unit`, with `message` beside the spinner until the
    /// first is listed; nothing unless `enabled`. A `paced` run says its
    /// pace and time left in the message itself.
    pub fn of(enabled: bool, unit: &'static str, message: &str, paced: bool) -> Progress {
        if !enabled {
            return Progress {
                bar: None,
                counting: false,
                unit,
                paced,
            };
        }
        let mut progress = Progress::drawn_to(ProgressDrawTarget::stderr(), unit, message);
        progress.paced = paced;
        if let Some(bar) = &progress.bar {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        progress
    }

    fn drawn_to(target: ProgressDrawTarget, unit: &'static str, message: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, target)
            .with_style(style(SPINNER))
            .with_message(message.to_string());
        Progress {
            bar: Some(bar),
            counting: false,
            unit,
            paced: false,
        }
    }

    /// Called before the event is applied to `results`.
    pub fn show(&mut self, event: &ScanEvent, results: &ScanResults) {
        match event {
            ScanEvent::Listed { members } => self.listed(results.rows().len() + members.len()),
            ScanEvent::ListingComplete { total } => {
                self.listing_complete(*total, "no members listed");
            }
            ScanEvent::Throttled {
                pace: Some(pace), ..
            } => self.message(format!("throttled; slowed to {pace:.1}/s")),
            ScanEvent::Finished { .. } => self.finished_one(),
            _ => {}
        }
    }

    fn start_counting(&mut self) {
        if let Some(bar) = &self.bar
            && !self.counting
        {
            bar.set_style(style(&bar_template(self.unit, self.paced)));
            self.counting = true;
        }
    }

    /// `listed` items so far, listing still running.
    pub fn listed(&mut self, listed: usize) {
        if listed == 0 || self.bar.is_none() {
            return;
        }
        if let Some(bar) = &self.bar {
            bar.set_length(listed as u64);
        }
        if !self.counting {
            self.start_counting();
            self.message("listing…");
        }
    }

    /// Every item listed: `total`; `none` is said when there are none.
    pub fn listing_complete(&mut self, total: usize, none: &str) {
        let Some(bar) = &self.bar else { return };
        if total == 0 {
            bar.unset_length();
            bar.set_message(none.to_string());
            return;
        }
        bar.set_length(total as u64);
        bar.set_message("");
        self.start_counting();
    }

    /// The note after the counts.
    pub fn message(&self, message: impl Into<String>) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.into());
        }
    }

    pub fn finished_one(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Items counted so far, and the length (`None` before any is listed);
    /// both 0 and `None` without a bar.
    pub fn position(&self) -> (u64, Option<u64>) {
        self.bar
            .as_ref()
            .map_or((0, None), |bar| (bar.position(), bar.length()))
    }

    /// A line above the bar (terminal only, like the bar).
    pub fn println(&self, line: impl AsRef<str>) {
        if let Some(bar) = &self.bar {
            bar.println(line);
        }
    }

    /// A bar drawn nowhere, for tests.
    #[cfg(test)]
    pub(crate) fn hidden(unit: &'static str, message: &str, paced: bool) -> Progress {
        let mut progress = Progress::drawn_to(ProgressDrawTarget::hidden(), unit, message);
        progress.paced = paced;
        progress
    }

    /// The note after the counts, for tests.
    #[cfg(test)]
    pub(crate) fn note(&self) -> Option<String> {
        self.bar.as_ref().map(ProgressBar::message)
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
        Progress::drawn_to(ProgressDrawTarget::hidden(), "members", "listing members…")
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
