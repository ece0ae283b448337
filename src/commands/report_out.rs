//! Printing a report (`diagnose`, `member`, `scan`): one path for the
//! three, through the same renderings the TUI copies and saves.

use std::io::{IsTerminal as _, Write as _};

use crate::explain::Context;
use crate::report::Report;

/// Which rendering of a report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendering {
    Text,
    Json,
    Markdown,
}

/// Print `report` on stdout. JSON to a pipe is written row by row; on a
/// terminal it is made whole and escaped (see `output::json`). Text and
/// Markdown hold no control character (server text is escaped).
pub fn print(report: &Report, rendering: Rendering, ctx: &Context<'_>) {
    match rendering {
        Rendering::Json if std::io::stdout().is_terminal() => {
            super::print_stdout(&crate::output::json::terminal_safe(&report.to_json(ctx)));
        }
        Rendering::Json => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = report
                .write_json(&mut stdout, ctx)
                .and_then(|()| stdout.flush());
        }
        Rendering::Text => super::print_stdout(&report.to_text(ctx)),
        Rendering::Markdown => super::print_stdout(&report.to_markdown(ctx)),
    }
}
