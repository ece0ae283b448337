//! The `y` and `s` keys of every screen with a report (the push path, the
//! member screen, the channel view): `y` puts the report's Markdown on the
//! clipboard through OSC 52, unless it is longer than terminals take; `s`
//! has the runtime save it as Markdown and JSON under the data directory.
//! Both go through the report API (`crate::report`), so a copy, a saved
//! file and `--output markdown|json` read the same.
//!
//! Also what every screen's report says of its run (region, endpoint,
//! profile, when), and the saved files' names.

use std::time::SystemTime;

use super::page::Reply;
use crate::aws::ClientInfo;
use crate::report::{Report, ReportKind, Subject};
use crate::tui::clipboard;
use crate::tui::msg::{Effect, SaveReport};
use crate::tui::widgets::filter_input::count;

/// A subject of `kind` captured at `captured`, with the run's region,
/// profile and endpoint from the TUI's client settings.
pub fn subject(
    kind: ReportKind,
    client: &ClientInfo,
    region: Option<&str>,
    captured: SystemTime,
) -> Subject {
    let mut subject = Subject::new(kind, captured).with_run(client, region.unwrap_or_default());
    subject.region = region.map(str::to_string);
    subject
}

/// The help of `y` and `s`, on every screen with a report.
pub const COPY_HELP: &str = "Copy the screen's report as Markdown (OSC 52; one too long for terminals is not cut: s saves it)";
pub const SAVE_HELP: &str = "Save the screen's report as Markdown and JSON under the data directory ($XDG_DATA_HOME/chime-prefs/reports/), readable by you alone";

const NOTHING_YET: &str = "no report yet: nothing has been read (wait for the first answer)";

/// `y`: the report's Markdown through OSC 52, or, when it is longer than
/// terminals take, its size and the limit (a cut copy would look whole).
pub fn copy(report: Option<Report>, client: &ClientInfo) -> Reply {
    let Some(report) = report else {
        return Reply::toast(NOTHING_YET);
    };
    let markdown = report.to_markdown(&report.subject.context(client));
    let size = clipboard::payload_len(&markdown);
    if size > clipboard::MAX_PAYLOAD {
        return Reply::toast(crate::tui::screens::Note {
            text: format!(
                "not copied: the report is {} bytes in base64, and OSC 52 copies are kept to {} (many terminals drop longer ones); s saves it as a file",
                count(size),
                count(clipboard::MAX_PAYLOAD)
            ),
            short: Some(format!(
                "report too long to copy ({} > {} bytes): s saves it",
                count(size),
                count(clipboard::MAX_PAYLOAD)
            )),
        });
    }
    let lines = markdown.lines().count();
    Reply::effects(vec![Effect::Copy { text: markdown }]).with_toast(format!(
        "copied the report as Markdown ({lines} lines) through OSC 52"
    ))
}

/// `s`: the report's Markdown and JSON, for the runtime to save.
pub fn save(report: Option<Report>, client: &ClientInfo) -> Reply {
    let Some(report) = report else {
        return Reply::toast(NOTHING_YET);
    };
    let ctx = report.subject.context(client);
    let save = SaveReport {
        stem: file_stem(&report.subject),
        markdown: report.to_markdown(&ctx),
        json: report.to_json(&ctx),
    };
    Reply::effects(vec![Effect::Save(Box::new(save))]).with_toast("saving the report…")
}

/// The longest piece of a file name taken from an ARN.
const PART: usize = 48;

/// A piece of a file name from the last segment of `arn`: only
/// `A-Z a-z 0-9 . _ -`, never leading with a dot, at most [`PART`] long.
fn safe_part(arn: &str) -> String {
    let last = arn.rsplit(['/', ':']).next().unwrap_or(arn);
    let kept: String = last
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    kept.trim_start_matches('.').chars().take(PART).collect()
}

/// The name both files of a report start with: the UTC time it was
/// captured, its kind, the channel's id and the member's
/// (`20261202T134832Z_diagnose_support_bob`).
pub fn file_stem(subject: &Subject) -> String {
    let time: String = subject
        .captured_at
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut parts = vec![time, subject.kind.as_str().to_string()];
    for arn in [&subject.channel_arn, &subject.member_arn]
        .into_iter()
        .flatten()
    {
        let part = safe_part(arn);
        if !part.is_empty() {
            parts.push(part);
        }
    }
    parts.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(channel: Option<&str>, member: Option<&str>) -> Subject {
        let mut s = Subject::new(ReportKind::Diagnose, SystemTime::UNIX_EPOCH);
        s.channel_arn = channel.map(str::to_string);
        s.member_arn = member.map(str::to_string);
        s
    }

    #[test]
    fn a_file_name_says_when_what_and_whom() {
        let s = subject_of(
            Some("arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support"),
            Some("arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/bob"),
        );
        assert_eq!(file_stem(&s), "19700101T000000Z_diagnose_support_bob");
        let mut scan = subject_of(Some("arn:x/channel/mobile"), None);
        scan.kind = ReportKind::Scan;
        assert_eq!(file_stem(&scan), "19700101T000000Z_scan_mobile");
    }

    #[test]
    fn hostile_names_make_safe_file_names() {
        for hostile in [
            "arn:x/user/../../etc/passwd",
            "arn:x/user/..",
            "arn:x/user/a b\u{1b}[2J\u{202e}c|d`e<f>g\\h\0i",
            "arn:x/user/ünïcødé",
            "arn:x/user/",
            &format!("arn:x/user/{}", "x".repeat(500)),
        ] {
            let stem = file_stem(&subject_of(Some(hostile), Some(hostile)));
            assert!(
                stem.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')),
                "{stem:?}"
            );
            assert!(!stem.contains(".."), "{stem:?}");
            assert!(stem.len() <= 17 + 9 + 2 * (PART + 1), "{stem:?}");
        }
        let s = subject_of(Some("arn:x/user/a b|c"), None);
        assert_eq!(file_stem(&s), "19700101T000000Z_diagnose_abc");
    }
}
