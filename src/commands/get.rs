//! `chime-prefs get`: one lookup, printed for people or scripts.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::arn;
use crate::aws::{Clients, RegionProblem};
use crate::cli::{GetArgs, GlobalArgs};
use crate::explain::Context;
use crate::output::{OutputFormat, filter_text, json, text};

use super::{EXIT_FAILED, EXIT_OK, Setup};

pub async fn run(global: &GlobalArgs, args: &GetArgs) -> ExitCode {
    let setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // No client region: calls go to the channel ARN's region, whatever
    // the configuration names (a contrary --region is refused below).
    let check = arn::check_form(
        &args.channel_arn,
        &args.member_arn,
        args.bearer_arn.as_deref(),
        None,
    );
    let Some(target) = check.target.clone() else {
        let problems: Vec<_> = check.problems().into_iter().cloned().collect();
        return super::invalid_arns(&problems);
    };
    let client = Clients::connect(&setup.aws).await;
    if let Err(problem) = client.preflight() {
        return super::invalid(&format!("{problem}; nothing was sent"));
    }
    let region = match client.info().region_for(&target.channel_arn) {
        Ok(region) => region,
        Err(problem @ RegionProblem::Conflict { .. }) => {
            return super::invalid(&format!("{problem} Nothing was sent."));
        }
        Err(RegionProblem::Unreadable) => check.arn_region.clone().unwrap_or_default(),
    };
    if args.output == OutputFormat::Json {
        // stdout stays exactly the AWS CLI's JSON; warnings go to stderr.
        for warning in &check.warnings {
            eprintln!("warning: {warning}");
        }
    }
    tracing::info!(region = %region, endpoint = ?setup.aws.endpoint_url, "get");
    let ctx = Context {
        profile: setup.aws.profile.as_deref(),
        run: Some(client.info()),
        region: Some(&region),
        member: Some(&target.member_arn),
        bearer: Some(&target.bearer_arn),
        channel: Some(&target.channel_arn),
    };
    match client.get_preferences(&target).await {
        Ok(lookup) => {
            tracing::info!(request_id = ?lookup.meta.request_id, attempts = lookup.meta.attempts, "lookup ok");
            match args.output {
                OutputFormat::Json => print_json(&json::preferences_json(&lookup.response)),
                OutputFormat::Text => {
                    let prefs = &lookup.response;
                    let notes = filter_text::preference_notes(
                        prefs.allow().map(|a| a.as_wire()),
                        prefs.filter_rule().map(|r| r.raw.as_str()),
                    );
                    let call = text::CallFacts {
                        diagnose_command: crate::aws_cli_command::diagnose_command(
                            client.info(),
                            &target.channel_arn,
                            &target.member_arn,
                        ),
                        region: client.info().region_note(&region, "channel"),
                        endpoint: client
                            .info()
                            .endpoint_for(crate::operation::Service::Messaging, &region),
                    };
                    super::print_stdout(&text::lookup_text(&lookup, &check.warnings, &notes, &call))
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Err(err) => {
            tracing::warn!(kind = ?err.kind, status = ?err.http_status, request_id = ?err.request_id, "lookup failed");
            match args.output {
                OutputFormat::Json => print_json(&json::error_json(&err, &ctx)),
                OutputFormat::Text => {
                    for warning in &check.warnings {
                        eprintln!("warning: {warning}");
                    }
                    super::print_stderr(&text::error_text(&err, &ctx));
                }
            }
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// JSON on stdout: byte-identical to the AWS CLI on a pipe; on a terminal,
/// server characters that could act on it become `\uXXXX` escapes (the
/// same JSON once parsed).
fn print_json(text: &str) {
    if std::io::stdout().is_terminal() {
        super::print_stdout(&json::terminal_safe(text));
    } else {
        super::print_stdout(text);
    }
}
