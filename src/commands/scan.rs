//! `chime-prefs scan`: every member's preferences on a channel.
//!
//! The engine (`crate::scan`) does the work; this file checks the input,
//! shows progress on a terminal, stops cleanly on Ctrl-C or SIGTERM, and
//! prints the results.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::time::SystemTime;

use crate::arn::{self};
use crate::cli::{GlobalArgs, ScanArgs, ScanFormat};
use crate::explain::Context;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::scan::progress::Progress;
use crate::scan::{self, CONCURRENCY_RANGE, DEFAULT_CONCURRENCY, ScanRequest, ScanResults};

use super::follow::{Ending, connect, follow, paced_beyond_max, report, stop_signals};
use super::report_out;
use super::{EXIT_FAILED, Setup, invalid};

pub async fn run(global: &GlobalArgs, args: &ScanArgs) -> ExitCode {
    let started = SystemTime::now();
    let setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (channel, bearer) = match arn::check_lister(&args.channel_arn, &args.bearer_arn) {
        Ok(valid) => valid,
        Err(problems) => return super::invalid_arns(&problems),
    };
    let concurrency = match (args.concurrency, setup.file.scan.concurrency) {
        (Some(flag), _) => flag,
        (None, Some(file)) if CONCURRENCY_RANGE.contains(&file) => file,
        (None, Some(file)) => {
            return invalid(&format!(
                "[scan] concurrency in the config file must be from {} to {}, got {file}",
                CONCURRENCY_RANGE.start(),
                CONCURRENCY_RANGE.end()
            ));
        }
        (None, None) => DEFAULT_CONCURRENCY,
    };
    let (clients, region) = match connect(&setup, &channel.raw, &channel.scope.region).await {
        Ok(connected) => connected,
        Err(code) => return code,
    };
    for warning in arn::region_warnings(&channel, None) {
        eprintln!("warning: {warning}");
    }
    let mut signals = match stop_signals() {
        Ok(s) => s,
        Err(code) => return code,
    };

    // The scan retries throttling and server errors itself, so its calls
    // make one attempt each: every 429 reaches the pacing at once, and the
    // SDK's retry quota cannot run dry mid-scan. --max-attempts still bounds
    // the attempts for server errors (BENCHMARKS.md, "Channel scan").
    let client = clients.with_max_attempts(1);
    let request = ScanRequest {
        channel_arn: channel.raw.clone(),
        bearer_arn: bearer.raw.clone(),
        include_hidden: args.include_hidden,
        concurrency,
        max_attempts: setup.aws.max_attempts,
        max_items: args.max_items,
    };
    tracing::info!(concurrency, include_hidden = args.include_hidden, endpoint = ?setup.aws.endpoint_url, "scan");

    let (handle, mut events) = scan::spawn(client, request);
    let mut results =
        ScanResults::new(channel.raw.clone()).with_include_hidden(args.include_hidden);
    let mut progress = Progress::new(std::io::stderr().is_terminal());
    let interrupted = follow(handle, &mut events, &mut signals, |event, live| {
        if live {
            progress.show(&event, &results);
        }
        results.apply(event);
    })
    .await;
    progress.finish();
    tracing::info!(
        interrupted,
        complete = results.is_complete(),
        throttled = results.throttled(),
        "scan ended"
    );

    let mut subject = Subject::new(ReportKind::Scan, started).with_run(clients.info(), &region);
    subject.channel_arn = Some(channel.raw.clone());
    subject.bearer_arn = Some(bearer.raw.clone());
    let report = Report {
        subject,
        body: Body::Scan(Box::new(results)),
    };
    let ctx = report.subject.context(clients.info());
    report_out::print(&report, args.output.into(), &ctx);
    let Body::Scan(results) = &report.body else {
        return ExitCode::from(EXIT_FAILED);
    };
    report_on_stderr(
        results,
        interrupted,
        args.output,
        setup.aws.max_attempts,
        &ctx,
    )
}

/// Errors, interruption and hints on stderr; the exit code.
fn report_on_stderr(
    results: &ScanResults,
    interrupted: bool,
    format: ScanFormat,
    max_attempts: u32,
    ctx: &Context<'_>,
) -> ExitCode {
    let ending = Ending {
        command: "scan",
        noun: "member",
        summary: results.summary(),
        listing: results.listing(),
        interrupted,
        complete: results.is_complete(),
        table_hint: first_failed(results).map(|arn| (results.channel_arn(), arn)),
        table: format == ScanFormat::Table,
        paced_beyond_max: paced_beyond_max(errors(results), max_attempts),
    };
    report(&ending, ctx)
}

/// Every error of the run: the listing's and each member's.
fn errors(results: &ScanResults) -> impl Iterator<Item = &crate::error::CallError> {
    let rows = results.rows().iter().filter_map(|row| match &row.state {
        scan::RowState::Failed(err) => Some(err),
        _ => None,
    });
    results.listing_error().into_iter().chain(rows)
}

fn first_failed(results: &ScanResults) -> Option<&str> {
    results
        .rows()
        .iter()
        .find(|row| matches!(row.state, scan::RowState::Failed(_)))
        .and_then(|row| row.member.arn.as_deref())
}
