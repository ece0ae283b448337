//! `chime-prefs get`: one lookup, printed for people or scripts.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::arn;
use crate::aws::PrefsClient;
use crate::cli::{GetArgs, GlobalArgs};
use crate::explain::Context;
use crate::output::{OutputFormat, filter_text, json, text};

use super::{EXIT_FAILED, EXIT_OK, Setup};

pub async fn run(global: &GlobalArgs, args: &GetArgs) -> ExitCode {
    let setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let check = arn::check_form(
        &args.channel_arn,
        &args.member_arn,
        args.bearer_arn.as_deref(),
        setup.aws.region.as_deref(),
    );
    let Some(target) = check.target.clone() else {
        let problems: Vec<_> = check.problems().into_iter().cloned().collect();
        return super::invalid_arns(&problems);
    };
    if args.output == OutputFormat::Json {
        // stdout stays exactly the AWS CLI's JSON; warnings go to stderr.
        for warning in &check.warnings {
            eprintln!("warning: {warning}");
        }
    }
    tracing::info!(region = ?setup.aws.region, endpoint = ?setup.aws.endpoint_url, "get");
    let client = PrefsClient::connect(&setup.aws).await;
    let region = client.info().region.clone().or(check.arn_region.clone());
    let ctx = Context {
        profile: setup.aws.profile.as_deref(),
        region: region.as_deref(),
        member: Some(&target.member_arn),
        bearer: Some(&target.bearer_arn),
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
                    super::print_stdout(&text::lookup_text(&lookup, &check.warnings, &notes))
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
