//! `chime-prefs member`: every channel of one member, the push state on
//! each, and the member's devices.
//!
//! The engine (`crate::member`) does the work; this file checks the input,
//! shows progress (and the estimate) on a terminal, stops cleanly on Ctrl-C
//! or SIGTERM, and prints the results.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::time::SystemTime;

use crate::arn::{self, Field};
use crate::cli::{GlobalArgs, MemberArgs, ScanFormat};
use crate::diagnose::Fact;
use crate::error::ErrorKind;
use crate::explain::Context;
use crate::member::{self, MemberRequest, MemberResults};
use crate::output::text::error_text;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::scan::{self, DEFAULT_CONCURRENCY};

use super::follow::{Ending, connect, follow, paced_beyond_max, report, stop_signals};
use super::report_out;
use super::{EXIT_FAILED, Setup};

/// What to do about an admin of another app instance.
const ADMIN_FIX: &str = "An AppInstanceAdmin of the member's own app instance can list its channels: \
                         check the ARN, or leave --admin-arn out to list as the member";

pub async fn run(global: &GlobalArgs, args: &MemberArgs) -> ExitCode {
    let started = SystemTime::now();
    let setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let member = match arn::parse_member(&args.member_arn, Field::Member) {
        Ok(m) => m,
        Err(problem) => return super::invalid_arns(&[problem]),
    };
    // Where the admin came from, for the hint if it may not list.
    let admin_source = if args.admin_arn.is_some() {
        "--admin-arn"
    } else {
        "[aws] admin_arn in the config file"
    };
    let admin_arg = args.admin_arn.clone().or(setup.file.aws.admin_arn.clone());
    let admin = match admin_arg
        .as_deref()
        .map(|a| arn::check_member_admin(&member, a, ADMIN_FIX))
    {
        None => None,
        Some(Ok(admin)) => Some(admin),
        Some(Err(problem)) => return super::invalid_arns(&[problem]),
    };
    let (clients, region) = match connect(&setup, &member.raw, &member.scope.region).await {
        Ok(connected) => connected,
        Err(code) => return code,
    };
    if !arn::MESSAGING_REGIONS.contains(&region.as_str()) {
        eprintln!(
            "warning: Region {region} has no Chime SDK messaging; it runs only in us-east-1 and \
             eu-central-1. Expect an unreachable endpoint."
        );
    }
    let mut signals = match stop_signals() {
        Ok(s) => s,
        Err(code) => return code,
    };

    let lister = admin.as_ref().unwrap_or(&member).raw.clone();
    let request = MemberRequest {
        concurrency: args.concurrency.unwrap_or(DEFAULT_CONCURRENCY),
        max_attempts: setup.aws.max_attempts,
        max_items: args.max_items,
        ..MemberRequest::new(&member, lister.clone())
    };
    tracing::info!(concurrency = request.concurrency, quota = request.bearer_quota, admin = admin.is_some(), endpoint = ?setup.aws.endpoint_url, "member");

    // As for `scan`: one attempt a call, so every 429 reaches the pace.
    let (handle, mut events) = member::spawn(clients.with_max_attempts(1), request.clone());
    let mut results = MemberResults::new(&request);
    let mut progress = member::progress::bar(std::io::stderr().is_terminal());
    let interrupted = follow(handle, &mut events, &mut signals, |event, live| {
        if live {
            member::progress::show(&mut progress, &event, &results);
        }
        results.apply(event);
    })
    .await;
    progress.finish();
    tracing::info!(
        interrupted,
        complete = results.is_complete(),
        throttled = results.throttled(),
        "member ended"
    );

    let mut subject = Subject::new(ReportKind::Member, started).with_run(clients.info(), &region);
    subject.member_arn = Some(member.raw.clone());
    subject.member_name = results.name().map(str::to_string);
    subject.bearer_arn = admin.as_ref().map(|a| a.raw.clone());
    let report = Report {
        subject,
        body: Body::Member(Box::new(results)),
    };
    let ctx = report.subject.context(clients.info());
    report_out::print(&report, args.output.into(), &ctx);
    let Body::Member(results) = &report.body else {
        return ExitCode::from(EXIT_FAILED);
    };
    let code = report_on_stderr(
        results,
        interrupted,
        args.output,
        setup.aws.max_attempts,
        &ctx,
    );
    if admin.is_some()
        && results
            .listing_error()
            .is_some_and(|err| err.kind == ErrorKind::Forbidden)
    {
        eprintln!(
            "The member may always list its own channels: without {admin_source}, chime-prefs lists them as the member."
        );
    }
    code
}

/// Errors, interruption and hints on stderr; the exit code.
fn report_on_stderr(
    results: &MemberResults,
    interrupted: bool,
    format: ScanFormat,
    max_attempts: u32,
    ctx: &Context<'_>,
) -> ExitCode {
    if let (Fact::Failed(err), ScanFormat::Table) = (results.devices(), format) {
        eprintln!(
            "warning: {} failed; the member's devices are unknown.",
            err.operation
        );
        let identity = Context {
            bearer: None,
            ..ctx.clone()
        };
        eprint!("{}", error_text(err, &identity));
    }
    // CSV has a record per channel only: the set-up behind the devices is
    // said on stderr when a check does not pass (table and JSON carry it).
    if format == ScanFormat::Csv
        && let Some(note) = member::setup_note(&results.setup_checks())
    {
        eprintln!("{note}");
    }
    let first_failed = results
        .rows()
        .iter()
        .find(|row| matches!(row.state, scan::RowState::Failed(_)))
        .and_then(|row| row.arn());
    let ending = Ending {
        command: "member",
        noun: "channel",
        summary: results.summary(),
        listing: results.listing(),
        interrupted,
        complete: results.is_complete(),
        table_hint: first_failed.map(|channel| (channel, results.member_arn())),
        table: format == ScanFormat::Table,
        paced_beyond_max: paced_beyond_max(
            results
                .listing_error()
                .into_iter()
                .chain(results.rows().iter().filter_map(|row| match &row.state {
                    scan::RowState::Failed(err) => Some(err),
                    _ => None,
                })),
            max_attempts,
        ),
    };
    report(&ending, ctx)
}
