//! Following a run (`scan`, `member`) to its end on the command line: every
//! event as it arrives, until the run ends or Ctrl-C / SIGTERM stops it;
//! then what went wrong, on stderr, and the exit code.

use std::process::ExitCode;

use tokio::sync::mpsc::UnboundedReceiver;

use crate::aws::{Clients, RegionProblem};
use crate::error::{CallError, ErrorKind};
use crate::explain::Context;
use crate::output::text::{error_text, plural};
use crate::sanitize;
use crate::scan::{Listing, RunHandle, Summary};
use crate::stop_signals::StopSignals;

use super::{EXIT_FAILED, EXIT_OK, Setup, invalid};

/// The clients for a run about `arn` (in region `arn_region`), and the
/// region its calls go to; an exit code (2) when something refuses every
/// call before one is sent.
pub async fn connect(
    setup: &Setup,
    arn: &str,
    arn_region: &str,
) -> Result<(Clients, String), ExitCode> {
    let clients = Clients::connect(&setup.aws).await;
    if let Err(problem) = clients.preflight() {
        return Err(invalid(&format!("{problem}; nothing was sent")));
    }
    // Every call goes to the ARN's region; a contrary --region is a
    // contradiction to resolve before anything is sent.
    let region = match clients.info().region_for(arn) {
        Ok(region) => region,
        Err(problem @ RegionProblem::Conflict { .. }) => {
            return Err(invalid(&format!("{problem} Nothing was sent.")));
        }
        Err(RegionProblem::Unreadable) => arn_region.to_string(),
    };
    Ok((clients, region))
}

/// Ctrl-C and SIGTERM, listened for before anything is sent, so an early
/// one still ends the run cleanly.
pub fn stop_signals() -> Result<StopSignals, ExitCode> {
    StopSignals::interrupt_or_terminate().map_err(|e| {
        eprintln!("error: cannot listen for Ctrl-C: {e}");
        ExitCode::from(EXIT_FAILED)
    })
}

/// Hand each event to `apply` (with `live` true) until the run ends, or
/// until a stop signal: then cancel the run and hand over what had already
/// arrived (`live` false: the progress bar has no more to show). Returns
/// whether it was interrupted.
pub async fn follow<E>(
    handle: RunHandle,
    events: &mut UnboundedReceiver<E>,
    signals: &mut StopSignals,
    mut apply: impl FnMut(E, bool),
) -> bool {
    let interrupted = loop {
        tokio::select! {
            event = events.recv() => match event {
                Some(event) => apply(event, true),
                None => break false,
            },
            () = signals.recv() => break true,
        }
    };
    if interrupted {
        handle.cancel().await;
        // What arrived before the stop still counts.
        while let Some(event) = events.recv().await {
            apply(event, false);
        }
    }
    interrupted
}

/// How a run ended, for the lines on stderr after its output.
pub struct Ending<'a> {
    /// The sub-command, as the user typed it: "scan", "member".
    pub command: &'static str,
    /// What it lists and reads: "member", "channel".
    pub noun: &'static str,
    pub summary: &'a Summary,
    pub listing: &'a Listing,
    pub interrupted: bool,
    /// Every item listed and read, and the run said it was done.
    pub complete: bool,
    /// Table output: point at the ERROR rows and at the `get` that explains
    /// one (the channel and member of the first that failed).
    pub table_hint: Option<(&'a str, &'a str)>,
    pub table: bool,
    /// A call that failed throttled took more attempts than
    /// `--max-attempts`: say why.
    pub paced_beyond_max: bool,
}

/// Whether any of `errors` is a 429 given up after more attempts than
/// `max_attempts` (the run's paced retries).
pub fn paced_beyond_max<'e>(
    mut errors: impl Iterator<Item = &'e CallError>,
    max_attempts: u32,
) -> bool {
    errors.any(|e| e.kind == ErrorKind::Throttled && e.attempts > max_attempts)
}

/// The listing's error (explained as the listing), the interruption and the
/// failed lookups, on stderr; the exit code: 1 unless everything was read.
pub fn report(ending: &Ending<'_>, ctx: &Context<'_>) -> ExitCode {
    let (summary, noun) = (ending.summary, ending.noun);
    let mut failed = false;
    if let Listing::Failed(err) = ending.listing {
        failed = true;
        // The error carries its operation: the catalog explains it as a
        // listing, with its own rule on who may list.
        match summary.listed() {
            0 => eprintln!("error: {} failed; no {noun} was listed.", err.operation),
            n => eprintln!(
                "error: {} failed after {}; the {noun} list is incomplete.",
                err.operation,
                plural(n as u64, noun)
            ),
        }
        eprint!("{}", error_text(err, ctx));
    }
    if let Listing::Capped(limit) = ending.listing {
        failed = true;
        eprintln!(
            "warning: the listing stopped at --max-items {limit}; there may be more {noun}s (raise --max-items to list them)."
        );
    }
    if ending.interrupted {
        failed = true;
        let of = match ending.listing {
            Listing::Complete => format!("{}", summary.listed()),
            _ => format!("at least {}", summary.listed()),
        };
        eprintln!(
            "{} interrupted: read {} of {of} {noun}s; the output is partial.",
            ending.command,
            summary.finished()
        );
    }
    if summary.errors > 0 {
        failed = true;
        if ending.table {
            eprintln!(
                "{} could not be read (ERROR rows).",
                plural(summary.errors as u64, noun)
            );
            // A real lookup, not a placeholder: the first that failed.
            if let Some((channel, member)) = ending.table_hint {
                let info = ctx.run.cloned().unwrap_or_default();
                eprintln!(
                    "For the full explanation of one:\n  {}",
                    sanitize::line(&crate::aws_cli_command::get_command(&info, channel, member))
                );
            }
        }
    }
    if ending.paced_beyond_max {
        eprintln!("note: {}.", crate::scan::retry::PACING_NOTE);
    }
    if failed || !ending.complete {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::from(EXIT_OK)
    }
}
