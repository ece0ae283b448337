//! `diagnose` output: text for people (verdict first, then the checklist,
//! then the manual checks) and JSON for scripts.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::diagnose::{Check, Diagnosis, Status};
use crate::explain::{self, Context};
use crate::output::json::{error_value, to_aws_cli_text};
use crate::output::text::server_message;
use crate::sanitize;

/// The word a status is shown with in text output.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Pass => "PASS",
        Status::Fail => "FAIL",
        Status::Warn => "WARN",
        Status::Unknown => "UNKNOWN",
        Status::Skipped => "SKIPPED",
        Status::Pending => "…",
    }
}

fn evidence_object(check: &Check) -> Value {
    let mut map = Map::new();
    for (key, value) in &check.evidence {
        let mut name = key.clone();
        let mut n = 2;
        while map.contains_key(&name) {
            name = format!("{key} ({n})");
            n += 1;
        }
        map.insert(name, Value::String(value.clone()));
    }
    Value::Object(map)
}

/// A manual check's command with the flags of the run.
fn command(cmd: &crate::aws_cli_command::CliCommand, ctx: &Context<'_>) -> String {
    match ctx.run {
        Some(info) => cmd.render(info),
        None => cmd.render(&crate::aws::ClientInfo {
            profile: ctx.profile.map(str::to_string),
            ..Default::default()
        }),
    }
}

pub fn diagnosis_value(d: &Diagnosis, ctx: &Context<'_>) -> Value {
    let checks: Vec<Value> = d
        .checks
        .iter()
        .map(|c| {
            let mut v = json!({
                "Id": c.id.id(),
                "Status": c.status.as_str(),
                "Finding": c.finding,
                "Operation": c.operation.map(|op| op.api_name()),
                "RequestId": c.request_id,
                "Evidence": evidence_object(c),
            });
            if !c.advice.is_empty() {
                v["Advice"] = json!(c.advice);
            }
            if let Some(err) = &c.error {
                v["Error"] = error_value(err, ctx);
            }
            v
        })
        .collect();
    let manual: Vec<Value> = d
        .manual
        .iter()
        .map(|m| json!({"What": m.what, "Command": m.command.as_ref().map(|c| command(c, ctx))}))
        .collect();
    json!({
        "Verdict": {
            "Push": d.verdict.push.as_str(),
            "Reason": d.verdict.reason,
            "BlockingCheck": d.verdict.blocking.map(|b| b.id()),
        },
        "Checks": checks,
        "ManualChecks": manual,
    })
}

pub fn diagnosis_json(d: &Diagnosis, ctx: &Context<'_>) -> String {
    let mut text = to_aws_cli_text(&diagnosis_value(d, ctx));
    text.push('\n');
    text
}

pub fn diagnosis_text(d: &Diagnosis, ctx: &Context<'_>) -> String {
    let mut out = String::new();
    let push = d.verdict.push.as_str().to_uppercase();
    let _ = writeln!(
        out,
        "Would a push arrive? {push}: {}",
        sanitize::line(&d.verdict.reason)
    );
    if let Some(b) = d.verdict.blocking {
        let _ = writeln!(out, "Blocking check: {}", b.id());
    }
    out.push('\n');
    let width = d.checks.iter().map(|c| c.id.id().len()).max().unwrap_or(0);
    let mut shown: Vec<(&str, &str)> = Vec::new();
    for c in &d.checks {
        let _ = writeln!(
            out,
            "{:<9} {:<width$}  {}",
            format!("[{}]", status_label(c.status)),
            c.id.id(),
            sanitize::line(&c.finding),
        );
        let indent = " ".repeat(12 + width);
        for (key, value) in &c.evidence {
            let _ = writeln!(
                out,
                "{indent}{}: {}",
                sanitize::line(key),
                sanitize::line(value)
            );
        }
        if let (Some(op), Some(rid)) = (c.operation, &c.request_id) {
            let _ = writeln!(out, "{indent}{op} request id: {}", sanitize::line(rid));
        }
        if c.status != Status::Pass {
            for line in &c.advice {
                let _ = writeln!(out, "{indent}→ {}", sanitize::line(line));
            }
            if let Some(err) = &c.error {
                let rendered = explain::explain(err.operation, err.kind).render(ctx);
                let _ = writeln!(out, "{indent}{}: {}", rendered.title, rendered.summary);
                if let Some(message) = &err.message {
                    // The same message from several calls is shown once.
                    let line = match shown.iter().find(|(m, _)| *m == message.as_str()) {
                        Some((_, first)) => format!("the same as for the {first} check above"),
                        None => {
                            shown.push((message.as_str(), c.id.id()));
                            server_message(message)
                        }
                    };
                    let _ = writeln!(out, "{indent}Message: {line}");
                }
                for step in &rendered.next_steps {
                    let _ = writeln!(out, "{indent}→ {step}");
                }
            }
        }
    }
    if !d.manual.is_empty() {
        out.push_str("\nBeyond these APIs, check by hand:\n");
        for m in &d.manual {
            let _ = writeln!(out, "  - {}", sanitize::line(&m.what));
            if let Some(cmd) = &m.command {
                let _ = writeln!(out, "      {}", sanitize::line(&command(cmd, ctx)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{
        EndpointFact, EndpointType, Fact, Facts, MessageInput, PreferencesFact, Scope, evaluate,
    };
    use crate::error::{CallError, ErrorKind};
    use crate::model::AllowNotifications;
    use crate::operation::Operation;

    fn facts() -> Facts {
        let scope = Scope {
            region: "us-east-1".into(),
            account: "111122223333".into(),
            channel_arn: "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support"
                .into(),
            member_arn: "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice".into(),
            admin_arn: None,
        };
        let mut f = Facts::pending(scope, MessageInput::None);
        f.membership = Fact::Failed(CallError::new(
            Operation::DescribeChannelMembership,
            ErrorKind::Throttled,
        ));
        f.preferences = Fact::known(
            PreferencesFact {
                allow: Some(AllowNotifications::None),
                filter_rule: None,
            },
            Some("req-\u{1b}[2J".into()),
        );
        f.endpoints = Fact::known(
            vec![EndpointFact {
                id: "e1".into(),
                name: Some("evil\u{1b}]0;pwned\u{7}".into()),
                kind: Some(EndpointType::Apns),
                allow_messages: Some(crate::model::AllowMessages::None),
                status: Some(crate::model::EndpointStatus::Active),
                status_reason: None,
                resource_arn: Fact::known(None, None),
            }],
            None,
        );
        f
    }

    #[test]
    fn json_has_the_documented_shape() {
        let v = diagnosis_value(&evaluate(&facts()), &Context::default());
        assert_eq!(v["Verdict"]["Push"], "no");
        assert_eq!(v["Verdict"]["BlockingCheck"], "preferences");
        let checks = v["Checks"].as_array().expect("array");
        let ids: Vec<&str> = checks.iter().filter_map(|c| c["Id"].as_str()).collect();
        assert_eq!(
            ids,
            [
                "arns",
                "membership",
                "ban",
                "preferences",
                "filter-rule",
                "endpoints"
            ]
        );
        let membership = &checks[1];
        assert_eq!(membership["Status"], "unknown");
        assert_eq!(membership["Operation"], "DescribeChannelMembership");
        assert_eq!(membership["Error"]["Code"], "ThrottledClientException");
        assert_eq!(checks[2]["Status"], "skipped");
        assert!(checks[2].get("Error").is_none());
        assert_eq!(checks[3]["Evidence"]["AllowNotifications"], "NONE");
        assert!(v["ManualChecks"].as_array().is_some_and(|m| !m.is_empty()));
    }

    #[test]
    fn text_puts_the_verdict_first_and_escapes_server_text() {
        let text = diagnosis_text(&evaluate(&facts()), &Context::default());
        assert!(text.starts_with("Would a push arrive? NO: NONE"), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("evil\\e]0;pwned\\a"), "{text}");
        let verdict_at = text.find("Would a push").unwrap_or(usize::MAX);
        let manual_at = text.find("check by hand").unwrap_or(0);
        let checks_at = text.find("[FAIL]").unwrap_or(usize::MAX);
        assert!(verdict_at < checks_at && checks_at < manual_at, "{text}");
    }
}
