//! Printing a report (`diagnose`, `member`, `scan`): one path for the
//! three, through the same renderings the TUI copies and saves.

use std::io::{IsTerminal as _, Write as _};

use crate::cli::{DiagnoseFormat, ScanFormat};
use crate::explain::Context;
use crate::report::{Body, Report};

/// Which rendering of a report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendering {
    Text,
    Json,
    Markdown,
    /// A record per row (`member`, `scan`).
    Csv,
}

impl From<DiagnoseFormat> for Rendering {
    fn from(format: DiagnoseFormat) -> Self {
        match format {
            DiagnoseFormat::Text => Rendering::Text,
            DiagnoseFormat::Json => Rendering::Json,
            DiagnoseFormat::Markdown => Rendering::Markdown,
        }
    }
}

impl From<ScanFormat> for Rendering {
    fn from(format: ScanFormat) -> Self {
        match format {
            ScanFormat::Table => Rendering::Text,
            ScanFormat::Json => Rendering::Json,
            ScanFormat::Csv => Rendering::Csv,
            ScanFormat::Markdown => Rendering::Markdown,
        }
    }
}

/// Print `report` on stdout. JSON to a pipe is written row by row; on a
/// terminal it is made whole and escaped (see `output::json`). Text and
/// Markdown hold no control character (server text is escaped); CSV
/// cells are escaped for a terminal only when stdout is one.
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
        Rendering::Csv => {
            let terminal = std::io::stdout().is_terminal();
            match &report.body {
                Body::Member(results) => {
                    super::print_stdout(&crate::member::csv::member_csv(results, terminal));
                }
                Body::Scan(results) => {
                    super::print_stdout(&crate::scan::csv::scan_csv(results, terminal));
                }
                // `diagnose --output` offers no CSV: a checklist is no table.
                Body::Diagnosis(_) => {}
            }
        }
    }
}
