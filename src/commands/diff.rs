//! `chime-prefs diff OLD.json NEW.json`: what changed between two saved
//! reports. Offline and synchronous.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{DiffArgs, DiffFormat};
use crate::report::Report;
use crate::report::diff::compare;

use super::{EXIT_FAILED, EXIT_INVALID, EXIT_OK};

/// Exit code when the reports differ (as `diff(1)`): `EXIT_FAILED`'s 1.
pub const EXIT_CHANGED: u8 = EXIT_FAILED;

/// Where a report comes from: `-` is stdin.
fn read(which: &str, source: &str) -> Result<Report, String> {
    let result = if source == "-" {
        Report::read_from(std::io::stdin().lock())
    } else {
        Report::read_file(std::path::Path::new(source))
    };
    result.map_err(|e| {
        let name = if source == "-" {
            "stdin".to_string()
        } else {
            crate::sanitize::line(source).into_owned()
        };
        format!("the {which} report ({name}) cannot be used: {e}")
    })
}

fn refuse(message: &str) -> ExitCode {
    super::print_stderr(&format!("error: {}\n", crate::sanitize::line(message)));
    ExitCode::from(EXIT_INVALID)
}

pub fn run(args: &DiffArgs) -> ExitCode {
    if args.old == "-" && args.new == "-" {
        return refuse("OLD and NEW are both - (stdin): give at most one of them as -");
    }
    let old = match read("old", &args.old) {
        Ok(report) => report,
        Err(message) => return refuse(&message),
    };
    let new = match read("new", &args.new) {
        Ok(report) => report,
        Err(message) => return refuse(&message),
    };
    let changes = match compare(&old, &new) {
        Ok(changes) => changes,
        Err(e) => return refuse(&e.to_string()),
    };
    let out = match args.output {
        DiffFormat::Text => changes.to_text(),
        DiffFormat::Markdown => changes.to_markdown(),
        // On a terminal, escape what could act on it (see output::json).
        DiffFormat::Json if std::io::stdout().is_terminal() => {
            crate::output::json::terminal_safe(&changes.to_json())
        }
        DiffFormat::Json => changes.to_json(),
    };
    super::print_stdout(&out);
    if let Some(warning) = &changes.subjects_differ
        && args.output != DiffFormat::Text
    {
        super::print_stderr(&format!("warning: {}\n", crate::sanitize::line(warning)));
    }
    ExitCode::from(if changes.is_empty() {
        EXIT_OK
    } else {
        EXIT_CHANGED
    })
}
