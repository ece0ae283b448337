//! The member picture in one line, and how long a run will take.

use crate::diagnose::{Fact, Status};
use crate::output::text::plural;
use crate::scan::{Listing, Summary};

use super::results::{DeviceCounts, MemberResults};

/// "muted on 3 of 47 channels, filtered on 5, never set on 30, ALL on 9;
/// 1 of 2 devices inactive (INVALID_DEVICE_TOKEN)"
pub fn summary_line(results: &MemberResults) -> String {
    let channels = channels_part(results.summary(), results.listing());
    let mut line = match devices_part(results) {
        Some(devices) => format!("{channels}; {devices}"),
        None => channels,
    };
    // The first link behind the devices that fails or cuts a device (an
    // unknown one is in the JSON and the screen, with its reason).
    if let Some(check) = results
        .setup_checks()
        .into_iter()
        .find(|c| matches!(c.status, Status::Fail | Status::Warn))
    {
        line.push_str(&format!(
            "; behind the devices, {} {}: {}",
            check.id.id(),
            check.status.as_str(),
            check.finding
        ));
    }
    line
}

fn channels_part(s: &Summary, listing: &Listing) -> String {
    let listed = s.listed();
    if listed == 0 {
        return match listing {
            Listing::Complete => "in no channel".to_string(),
            _ => "no channel listed".to_string(),
        };
    }
    let mut text = format!(
        "muted on {} of {}, filtered on {}, never set on {}, ALL on {}",
        s.none,
        plural(listed as u64, "channel"),
        s.filtered,
        s.not_set,
        s.all
    );
    if s.unknown > 0 {
        text.push_str(&format!(", an unknown state on {}", s.unknown));
    }
    if s.errors > 0 {
        text.push_str(&format!(", {} could not be read", s.errors));
    }
    if s.pending > 0 {
        text.push_str(&format!(", {} not read", s.pending));
    }
    text
}

fn devices_part(results: &MemberResults) -> Option<String> {
    match results.devices() {
        Fact::Pending => Some("devices not known yet".to_string()),
        Fact::NotAsked(_) => None,
        Fact::Failed(err) => Some(format!(
            "devices unknown ({} failed: {})",
            err.operation,
            err.display_code()
        )),
        Fact::Known { value, .. } => Some(devices_text(&DeviceCounts::of(value))),
    }
}

/// "1 of 2 devices inactive (INVALID_DEVICE_TOKEN), 1 muted"
pub fn devices_text(c: &DeviceCounts) -> String {
    if c.total == 0 {
        return "no device registered".to_string();
    }
    let of = |n: usize| {
        if c.total == 1 {
            format!("{n} of 1 device")
        } else {
            format!("{n} of {} devices", c.total)
        }
    };
    let mut parts = Vec::new();
    if c.inactive > 0 {
        parts.push(format!(
            "{} inactive ({})",
            of(c.inactive),
            c.reasons.join(", ")
        ));
    }
    if c.muted > 0 {
        parts.push(if parts.is_empty() {
            format!("{} muted", of(c.muted))
        } else {
            format!("{} muted", c.muted)
        });
    }
    if c.unknown > 0 {
        let what = c.unknown_values.join("; ");
        parts.push(if parts.is_empty() {
            format!("{} unknown ({what})", of(c.unknown))
        } else {
            format!("{} unknown ({what})", c.unknown)
        });
    }
    if parts.is_empty() {
        return match c.total {
            1 => "its 1 device active".to_string(),
            2 => "both devices active".to_string(),
            n => format!("all {n} devices active"),
        };
    }
    parts.join(", ")
}

/// "300 channels at 10/s per bearer: about 30 s"
pub fn estimate(channels: usize, pace: f64) -> String {
    format!(
        "{} at {}: about {}",
        plural(channels as u64, "channel"),
        pace_text(pace),
        duration_words(seconds_for(channels, pace))
    )
}

/// "10/s per bearer, about 24 s left": the progress bar's note.
pub fn time_left(remaining: usize, pace: f64) -> String {
    format!(
        "{}, about {} left",
        pace_text(pace),
        duration_words(seconds_for(remaining, pace))
    )
}

fn seconds_for(calls: usize, pace: f64) -> u64 {
    (calls as f64 / pace.max(f64::MIN_POSITIVE)).ceil() as u64
}

/// "10/s per bearer", "6.4/s per bearer"
fn pace_text(pace: f64) -> String {
    if (pace - pace.round()).abs() < 0.05 {
        format!("{pace:.0}/s per bearer")
    } else {
        format!("{pace:.1}/s per bearer")
    }
}

fn duration_words(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => match seconds % 60 {
            0 => format!("{} min", seconds / 60),
            s => format!("{} min {s} s", seconds / 60),
        },
        _ => match (seconds % 3600) / 60 {
            0 => format!("{} h", seconds / 3600),
            m => format!("{} h {m} min", seconds / 3600),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_is_channels_over_the_pace_in_words() {
        assert_eq!(
            estimate(300, 10.0),
            "300 channels at 10/s per bearer: about 30 s"
        );
        assert_eq!(
            estimate(2000, 10.0),
            "2000 channels at 10/s per bearer: about 3 min 20 s"
        );
        assert_eq!(
            estimate(20_000, 5.0),
            "20000 channels at 5/s per bearer: about 1 h 6 min"
        );
        assert_eq!(estimate(1, 8.0), "1 channel at 8/s per bearer: about 1 s");
        assert_eq!(
            estimate(600, 10.0),
            "600 channels at 10/s per bearer: about 1 min"
        );
        assert_eq!(
            estimate(100, 6.4),
            "100 channels at 6.4/s per bearer: about 16 s"
        );
        assert_eq!(time_left(240, 10.0), "10/s per bearer, about 24 s left");
        assert_eq!(time_left(0, 8.0), "8/s per bearer, about 0 s left");
    }

    fn counts(total: usize, inactive: usize, muted: usize, reasons: &[&str]) -> DeviceCounts {
        DeviceCounts {
            total,
            inactive,
            muted,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            ..DeviceCounts::default()
        }
    }

    #[test]
    fn devices_are_counted_in_words() {
        assert_eq!(
            devices_text(&counts(2, 1, 0, &["INVALID_DEVICE_TOKEN"])),
            "1 of 2 devices inactive (INVALID_DEVICE_TOKEN)"
        );
        assert_eq!(
            devices_text(&counts(3, 1, 1, &["INVALID_DEVICE_TOKEN"])),
            "1 of 3 devices inactive (INVALID_DEVICE_TOKEN), 1 muted"
        );
        assert_eq!(devices_text(&counts(3, 0, 1, &[])), "1 of 3 devices muted");
        assert_eq!(devices_text(&counts(1, 0, 0, &[])), "its 1 device active");
        assert_eq!(devices_text(&counts(2, 0, 0, &[])), "both devices active");
        assert_eq!(devices_text(&counts(3, 0, 0, &[])), "all 3 devices active");
        assert_eq!(
            devices_text(&counts(1, 1, 1, &["INVALID_PINPOINT_ARN"])),
            "1 of 1 device inactive (INVALID_PINPOINT_ARN), 1 muted"
        );
        assert_eq!(devices_text(&counts(0, 0, 0, &[])), "no device registered");
        let unknown = DeviceCounts {
            unknown: 1,
            unknown_values: vec![
                "AllowMessages SOMETIMES is a value this version does not know".into(),
            ],
            ..counts(2, 0, 0, &[])
        };
        assert_eq!(
            devices_text(&unknown),
            "1 of 2 devices unknown (AllowMessages SOMETIMES is a value this version does not know)"
        );
    }
}
