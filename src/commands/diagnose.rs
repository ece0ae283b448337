//! `chime-prefs diagnose`: would a message reach this member's phone, and
//! if not, which link breaks.

use std::process::ExitCode;
use std::time::SystemTime;

use crate::arn;
use crate::aws::{Clients, RegionProblem};
use crate::cli::{DiagnoseArgs, GlobalArgs};
use crate::diagnose::{self, Diagnosis, Facts, MessageInput, Push, Scope, Status};
use crate::report::{Body, Report, ReportKind, Subject};

use super::follow::stop_signals;
use super::json_arg::read_attributes;
use super::report_out;
use super::{EXIT_FAILED, EXIT_OK, Setup};

/// Exit code for `depends` and `unknown`.
pub const EXIT_UNDECIDED: u8 = 3;

/// A message id as the service allows it: 1 to 128 of `[-_a-zA-Z0-9]`.
fn check_message_id(id: &str) -> Result<&str, String> {
    let id = id.trim_ascii();
    if id.is_empty() || id.len() > 128 {
        return Err(format!(
            "--message-id must be 1 to 128 characters, got {}",
            id.len()
        ));
    }
    match id
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some((i, c)) => Err(format!(
            "--message-id holds {} at position {}: a message id has only letters, digits, - and _",
            arn::input::describe_code_point(c),
            i + 1
        )),
        None => Ok(id),
    }
}

pub async fn run(global: &GlobalArgs, args: &DiagnoseArgs) -> ExitCode {
    let started = SystemTime::now();
    let setup = match Setup::load(global) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let check = arn::check_form(&args.channel_arn, &args.member_arn, None, None);
    let Some(target) = check.target.clone() else {
        let problems: Vec<_> = check.problems().into_iter().cloned().collect();
        return super::invalid_arns(&problems);
    };
    let channel = match arn::parse_channel(&target.channel_arn) {
        Ok(c) => c,
        Err(problem) => return super::invalid_arns(&[problem]),
    };
    let admin_arg = args.admin_arn.clone().or(setup.file.aws.admin_arn.clone());
    let admin = match admin_arg.as_deref().map(|a| arn::check_admin(&channel, a)) {
        None => None,
        Some(Ok(admin)) => Some(admin.raw),
        Some(Err(problem)) => return super::invalid_arns(&[problem]),
    };
    let message = match (&args.message_id, &args.attributes) {
        (Some(id), _) => match check_message_id(id) {
            Ok(id) => MessageInput::Message {
                id: id.to_string(),
                attributes: diagnose::Fact::Pending,
            },
            Err(message) => return super::invalid(&message),
        },
        (None, Some(value)) => match read_attributes("--attributes", value) {
            Ok(attrs) => MessageInput::Attributes(attrs),
            Err(message) => return super::invalid(&message),
        },
        (None, None) => MessageInput::None,
    };

    let clients = Clients::connect(&setup.aws).await;
    if let Err(problem) = clients.preflight() {
        return super::invalid(&format!("{problem}; nothing was sent"));
    }
    let region = match clients.info().region_for(&target.channel_arn) {
        Ok(region) => region,
        Err(problem @ RegionProblem::Conflict { .. }) => {
            return super::invalid(&format!("{problem} Nothing was sent."));
        }
        Err(RegionProblem::Unreadable) => channel.scope.region.clone(),
    };
    let scope = Scope {
        region: region.clone(),
        account: channel.scope.account.clone(),
        channel_arn: target.channel_arn.clone(),
        member_arn: target.member_arn.clone(),
        admin_arn: admin,
    };
    let mut facts = Facts::pending(scope, message);
    facts.arn_warnings = check.warnings.clone();
    // The clock the APNs certificate age inference reads (evaluation has
    // none of its own).
    facts.read_at = Some(std::time::SystemTime::now());
    tracing::info!(region = %region, admin = facts.scope.admin_arn.is_some(), "diagnose");

    let mut signals = match stop_signals() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    // Ctrl-C or SIGTERM drops the calls still running; what had arrived
    // is judged and shown, said to be incomplete.
    let interrupted = tokio::select! {
        () = diagnose::run(&clients, &facts, &tx) => false,
        () = signals.recv() => true,
    };
    drop(tx);
    while let Some(event) = rx.recv().await {
        facts.apply(event);
    }
    let mut result = diagnose::evaluate(&facts);
    if interrupted {
        mark_interrupted(&mut result);
    }
    tracing::info!(verdict = result.verdict.push.as_str(), blocking = ?result.verdict.blocking.map(|b| b.id()), "diagnosis");

    let mut subject = Subject::new(ReportKind::Diagnose, started).with_run(clients.info(), &region);
    subject.channel_arn = Some(target.channel_arn.clone());
    subject.member_arn = Some(target.member_arn.clone());
    subject.member_name = facts.member_name().map(str::to_string);
    subject.admin_arn = facts.scope.admin_arn.clone();
    subject.set_message(&facts.message);
    let push = result.verdict.push;
    let report = Report {
        subject,
        body: Body::Diagnosis(Box::new(result)),
    };
    let ctx = report.subject.context(clients.info());
    report_out::print(&report, args.output.into(), &ctx);
    ExitCode::from(match push {
        Push::Yes => EXIT_OK,
        Push::No => EXIT_FAILED,
        Push::Depends | Push::Unknown | Push::Pending => EXIT_UNDECIDED,
    })
}

const BY_SIGNAL: &str = "interrupted (Ctrl-C or SIGTERM)";

/// A diagnosis stopped before every call answered: the checks still asking
/// were not answered (unknown, not pending), and a verdict that waited for
/// them is unknown. A check that failed on what had arrived still decides.
fn mark_interrupted(d: &mut Diagnosis) {
    d.interrupted = true;
    let mut unanswered = Vec::new();
    for check in &mut d.checks {
        if check.status == Status::Pending {
            check.status = Status::Unknown;
            check.finding = format!("not answered: {BY_SIGNAL} while asking");
            if let Some(op) = check.operation {
                check.finding.push_str(&format!(" {op}"));
            }
            unanswered.push(check.id.id());
        }
    }
    if d.verdict.push == Push::Pending {
        d.verdict.push = Push::Unknown;
        d.verdict.reason = format!(
            "{BY_SIGNAL} before the {} check{} answered; no check had failed",
            unanswered.join(", "),
            if unanswered.len() == 1 { "" } else { "s" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_checked_like_the_service_does() {
        assert_eq!(check_message_id(" abc-123_X "), Ok("abc-123_X"));
        assert!(check_message_id("").is_err());
        assert!(check_message_id(&"a".repeat(129)).is_err());
        let err = check_message_id("ab c").expect_err("space");
        assert!(err.contains("position 3"), "{err}");
        let err = check_message_id("a\u{430}").expect_err("cyrillic");
        assert!(err.contains("U+0430"), "{err}");
    }
}
