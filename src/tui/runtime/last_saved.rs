//! `d`'s look-up ([`Effect::FindSaved`](crate::tui::msg::Effect)): the
//! most recent report of the same subject (its kind, channel and member)
//! saved in the reports directory, other than the one on screen. Done off
//! the event loop; the answer comes back as [`Msg::LastSaved`].
//!
//! Saved files are named by time, kind, channel and member
//! (`crate::tui::screens::report::file_stem`), so only the files named
//! for this subject are read, newest first, until one really is of it
//! (its `"Report"` object names the same ARNs). A file that cannot be
//! read is passed over: another may still answer.

use std::path::Path;

use tokio::sync::mpsc::UnboundedSender;

use super::save::reports_dir;
use crate::report::Report;
use crate::report::Subject;
use crate::tui::job::JobId;
use crate::tui::msg::Found;
use crate::tui::msg::Msg;
use crate::tui::screens::report::file_stem;

/// Look for `subject`'s last saved report in the background and answer
/// on `tx` with `id`.
pub(super) fn spawn(id: JobId, subject: Subject, tx: UnboundedSender<Msg>) {
    tokio::task::spawn_blocking(move || {
        let result = match reports_dir() {
            Some(dir) => last_saved(&dir, &subject),
            None => Ok(Found::Nothing),
        };
        // The receiver is gone only when the TUI is closing.
        let _ = tx.send(Msg::LastSaved { id, result });
    });
}

/// The file-name part after the time: `diagnose_support_bob`.
fn subject_part(subject: &Subject) -> String {
    let stem = file_stem(subject);
    stem.split_once('_')
        .map_or(stem.clone(), |(_, rest)| rest.to_string())
}

/// Whether `name` is a saved JSON report named for `part`
/// (`<time>_<part>.json`, or `<time>_<part>-2.json` for a second one).
fn named_for(name: &str, part: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let stem = match stem.rsplit_once('-') {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => stem,
    };
    stem.strip_suffix(part)
        .is_some_and(|time| time.ends_with('_') && time.len() > 1)
}

fn same_subject(a: &Subject, b: &Subject) -> bool {
    a.kind == b.kind && a.channel_arn == b.channel_arn && a.member_arn == b.member_arn
}

/// The most recent report of `current`'s subject saved in `dir` other
/// than `current` itself (the same capture time). `Err` says why `dir`
/// could not be listed; a directory that is not there holds nothing.
pub fn last_saved(dir: &Path, current: &Subject) -> Result<Found, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => {
            return Err(format!(
                "d could not read the saved reports in {}: {e}",
                dir.display()
            ));
        }
    };
    let part = subject_part(current);
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| named_for(name, &part))
        .collect();
    // The time leads the name: newest first.
    names.sort_unstable_by(|a, b| b.cmp(a));
    let mut only_this_one = false;
    for name in names {
        let report = match Report::read_file(&dir.join(&name)) {
            Ok(report) => report,
            Err(e) => {
                tracing::warn!(file = %name, error = %e, "a saved report could not be read");
                continue;
            }
        };
        if !same_subject(&report.subject, current) {
            continue;
        }
        if report.subject.captured_at == current.captured_at {
            only_this_one = true;
            continue;
        }
        return Ok(Found::Report(Box::new(report)));
    }
    Ok(if only_this_one {
        Found::OnlyThisOne
    } else {
        Found::Nothing
    })
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::diagnose::fixtures::scope;
    use crate::diagnose::{Facts, MessageInput, evaluate};
    use crate::report::{Body, ReportKind};

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "chime-prefs-last-saved-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    /// bob's diagnosis captured `secs` after 2026-11-30T00:53:20Z.
    fn report(member: &str, secs: u64) -> Report {
        let scope = scope(false);
        let mut subject = Subject::new(
            ReportKind::Diagnose,
            UNIX_EPOCH + Duration::from_secs(1_796_000_000 + secs),
        );
        subject.channel_arn = Some(scope.channel_arn.clone());
        subject.member_arn = Some(scope.member_arn.replace("alice", member));
        let diagnosis = evaluate(&Facts::pending(scope, MessageInput::None));
        Report {
            subject,
            body: Body::Diagnosis(Box::new(diagnosis)),
        }
    }

    /// `report` saved in `dir` under its file name (`-n` for a second).
    fn save(dir: &Path, report: &Report, suffix: &str) {
        let name = format!("{}{suffix}.json", file_stem(&report.subject));
        save_as(dir, report, &name);
    }

    fn save_as(dir: &Path, report: &Report, name: &str) {
        let client = crate::aws::ClientInfo::default();
        let ctx = report.subject.context(&client);
        std::fs::write(dir.join(name), report.to_json(&ctx)).expect("saved");
    }

    #[test]
    fn the_newest_other_report_of_the_same_subject_is_found() {
        let dir = temp("newest");
        let current = report("bob", 300);
        assert_eq!(last_saved(&dir, &current.subject), Ok(Found::Nothing));
        assert_eq!(
            last_saved(&dir.join("missing"), &current.subject),
            Ok(Found::Nothing)
        );
        // The one on screen, saved: nothing else to compare with.
        save(&dir, &current, "");
        assert_eq!(last_saved(&dir, &current.subject), Ok(Found::OnlyThisOne));
        // Older ones of bob, one of another member, a broken one, and a
        // file that only claims bob's name.
        save(&dir, &report("bob", 0), "");
        save(&dir, &report("bob", 100), "");
        save(&dir, &report("alice", 200), "");
        let stem = file_stem(&report("bob", 250).subject);
        std::fs::write(dir.join(format!("{stem}.json")), "{\"Report\": ").expect("broken");
        let mut impostor = report("carol", 260);
        impostor.subject.captured_at = report("bob", 260).subject.captured_at;
        let name = format!("{}-2.json", file_stem(&report("bob", 260).subject));
        save_as(&dir, &impostor, &name);
        match last_saved(&dir, &current.subject) {
            Ok(Found::Report(found)) => {
                assert_eq!(found.subject.captured_at, "2026-11-30T00:55:00Z");
                assert_eq!(found.subject.member_arn, current.subject.member_arn);
            }
            other => panic!("{other:?}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_files_named_for_the_subject_are_read() {
        let part = "diagnose_support_bob";
        for yes in [
            "20261202T134832Z_diagnose_support_bob.json",
            "20261202T134832Z_diagnose_support_bob-2.json",
            "20261202T134832Z_diagnose_support_bob-17.json",
        ] {
            assert!(named_for(yes, part), "{yes}");
        }
        for no in [
            "20261202T134832Z_diagnose_support_bob.md",
            "20261202T134832Z_diagnose_support_bobby.json",
            "20261202T134832Z_diagnose_support_rebob.json",
            "20261202T134832Z_diagnose_support_bob-x.json",
            "diagnose_support_bob.json",
            "_diagnose_support_bob.json",
            "20261202T134832Z_member_bob.json",
        ] {
            assert!(!named_for(no, part), "{no}");
        }
    }
}
