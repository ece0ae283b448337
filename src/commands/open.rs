//! `chime-prefs open FILE.json`: a saved report (or the JSON `diagnose`,
//! `member` or `scan` printed) in the TUI, on the screen it came from,
//! offline and read-only: nothing is called until `r` runs its subject
//! live with this run's settings.
//!
//! The file is read whole before anything else (`crate::report::read`),
//! and every way it can be wrong (missing, too large, not JSON, not a
//! report, another format version, truncated, a field of the wrong type,
//! ARNs missing) is one line on stderr and exit code 2, before the
//! terminal is taken.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use crate::cli::{GlobalArgs, OpenArgs};
use crate::report::Report;
use crate::report::subject::parse_time;
use crate::sanitize;
use crate::tui::app::App;
use crate::tui::captured::Captured;
use crate::tui::screens::Screen;
use crate::tui::screens::lookup::with_earlier_runs;
use crate::tui::update;

use super::invalid;
use super::tui::{clients, config_entries, load_history, prepare, run_app, ui_options};

/// The report in `path`; `Err` is the one line to print, naming the
/// file (`Report::read_file` caps the size and checks every field).
pub fn read_report(path: &Path) -> Result<Report, String> {
    let name = sanitize::line(&path.display().to_string()).into_owned();
    Report::read_file(path).map_err(|e| format!("{name}: {e}"))
}

/// How old a report taken at `captured_at` is at `now`; `None` when it
/// claims a later time (another machine's clock).
pub fn age_at(captured_at: &str, now: SystemTime) -> Option<Duration> {
    now.duration_since(parse_time(captured_at)?).ok()
}

pub async fn run(global: &GlobalArgs, args: &OpenArgs) -> ExitCode {
    let report = match read_report(&args.file) {
        Ok(report) => report,
        Err(why) => return invalid(&sanitize::line(&why)),
    };
    let now = Instant::now();
    let age = age_at(&report.subject.captured_at, SystemTime::now());
    let captured = Captured::new(report.subject.clone(), age, now);
    let screen = match Screen::from_report(report, captured) {
        Ok(screen) => screen,
        Err(why) => {
            let name = sanitize::line(&args.file.display().to_string()).into_owned();
            return invalid(&sanitize::line(&format!("{name}: {why}")));
        }
    };
    let (mut setup, watch_interval) = match prepare(global) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let clients = match clients(&setup.aws).await {
        Ok(clients) => clients,
        Err(code) => return code,
    };
    // The history is the TUI's: the lookups of earlier runs are listed,
    // and those run live from here are kept ([ui] history turns it off).
    let mode = setup.file.ui.history_mode(false);
    let options = ui_options(&setup, &clients, watch_interval, false, mode);
    let history = load_history(mode);
    let entries = with_earlier_runs(
        config_entries(std::mem::take(&mut setup.file.targets)),
        history.records,
    );
    let mut app = App::new(options, entries, (80, 24));
    if let Some(warning) = history.warning {
        update::notice_at_start(&mut app, warning, now);
    }
    update::show_saved(&mut app, screen, now);
    let log_rules = setup.file.ui.log_filter_rules.unwrap_or(false);
    // Nothing to start: the report is shown as it was captured.
    run_app(clients, app, Vec::new(), log_rules, history.file).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_is_from_the_reports_time_and_none_from_the_future() {
        let at = std::time::UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        assert_eq!(
            age_at("2026-11-30T00:53:20Z", at + Duration::from_secs(90)),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            age_at("2026-11-30T00:53:20Z", at - Duration::from_secs(1)),
            None
        );
        assert_eq!(age_at("yesterday", at), None);
    }
}
