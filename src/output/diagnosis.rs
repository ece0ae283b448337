//! `diagnose` output: text for people (verdict first, then the checklist,
//! then the manual checks) and JSON for scripts.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::diagnose::{Check, Diagnosis, Status};
use crate::explain::{self, Context};
use crate::output::json::error_value;
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
pub(crate) fn command(cmd: &crate::aws_cli_command::CliCommand, ctx: &Context<'_>) -> String {
    match ctx.run {
        Some(info) => cmd.render(info),
        None => cmd.render(&crate::aws::ClientInfo {
            profile: ctx.profile.map(str::to_string),
            ..Default::default()
        }),
    }
}

/// The IAM actions that would let a check run (`iam:GetRole`, ...).
pub(crate) fn needed_actions(check: &Check) -> Vec<String> {
    check.needs.iter().map(|op| op.iam_action()).collect()
}

/// One check as `diagnose --output json` writes it (also what `member`
/// writes for the checks behind the devices).
pub fn check_value(c: &Check, ctx: &Context<'_>) -> Value {
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
    if !c.needs.is_empty() {
        v["IamActionsToRun"] = json!(needed_actions(c));
    }
    if let Some(err) = &c.error {
        v["Error"] = error_value(err, ctx);
    }
    v
}

pub fn diagnosis_value(d: &Diagnosis, ctx: &Context<'_>) -> Value {
    let checks: Vec<Value> = d.checks.iter().map(|c| check_value(c, ctx)).collect();
    let manual: Vec<Value> = d
        .manual
        .iter()
        .map(|m| json!({"What": m.what, "Command": m.command.as_ref().map(|c| command(c, ctx))}))
        .collect();
    let mut value = json!({
        "Verdict": {
            "Push": d.verdict.push.as_str(),
            "Reason": d.verdict.reason,
            "BlockingCheck": d.verdict.blocking.map(|b| b.id()),
        },
        "Checks": checks,
        "ManualChecks": manual,
    });
    if d.interrupted {
        value["Interrupted"] = Value::Bool(true);
    }
    value
}

/// The verdict line, and the blocking check's when one blocks.
pub fn verdict_text(d: &Diagnosis) -> String {
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
    out
}

/// The text output without a subject: the verdict, then the checklist.
#[cfg(test)]
pub fn diagnosis_text(d: &Diagnosis, ctx: &Context<'_>) -> String {
    format!("{}\n{}", verdict_text(d), checklist_text(d, ctx))
}

/// The checklist (each check with its evidence, advice and error), the
/// manual checks, and the interruption if any.
pub fn checklist_text(d: &Diagnosis, ctx: &Context<'_>) -> String {
    let mut out = String::new();
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
            if value.contains('\n') {
                // A policy or statement, pretty-printed: one line each,
                // indented under its name.
                let _ = writeln!(out, "{indent}{}:", sanitize::line(key));
                for line in sanitize::block(value).lines() {
                    let _ = writeln!(out, "{indent}  {line}");
                }
            } else {
                let _ = writeln!(
                    out,
                    "{indent}{}: {}",
                    sanitize::line(key),
                    sanitize::line(value)
                );
            }
        }
        if let (Some(op), Some(rid)) = (c.operation, &c.request_id) {
            let _ = writeln!(out, "{indent}{op} request id: {}", sanitize::line(rid));
        }
        if c.status != Status::Pass {
            for line in &c.advice {
                let _ = writeln!(out, "{indent}→ {}", sanitize::line(line));
            }
            if !c.needs.is_empty() {
                let _ = writeln!(
                    out,
                    "{indent}→ To run this check, allow {}.",
                    needed_actions(c).join(", ")
                );
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
    if d.interrupted {
        let _ = writeln!(
            out,
            "{INTERRUPTED}: the checks above are what had been answered."
        );
    }
    out
}

const INTERRUPTED: &str = "Interrupted (Ctrl-C or SIGTERM)";

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
                member_name: None,
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
                "endpoints",
                "pinpoint-app",
                "push-channels",
                "service-role",
                "role-permission"
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

    /// A diagnosis with the set-up behind the device: the trust policy
    /// (with hostile server text in it), the role may not send.
    fn setup_facts() -> Facts {
        use crate::diagnose::fixtures::*;
        let mut f = healthy();
        let mut r = role();
        r.trust_policy = Some(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"chime\u001b[2J","Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#
                .into(),
        );
        f.role = known(Some(r));
        f.permission.insert(
            app_ref(PINPOINT),
            known(crate::diagnose::PermissionAnswer::ReadPolicies {
                refused: err(Operation::SimulatePrincipalPolicy, ErrorKind::AccessDenied),
                policies: vec![crate::model::RolePolicy {
                    source: crate::model::PolicySource::Inline { name: "deny".into() },
                    document: r#"{"Statement":{"Effect":"Deny","Action":"mobiletargeting:*","Resource":"*"}}"#.into(),
                }],
            }),
        );
        f
    }

    #[test]
    fn text_shows_policies_pretty_and_escaped() {
        let d = evaluate(&setup_facts());
        let text = diagnosis_text(&d, &Context::default());
        assert!(
            text.starts_with("Would a push arrive? NO: a policy of the role denies"),
            "{text}"
        );
        assert!(text.contains("Blocking check: role-permission"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
        // The trust policy, one JSON line per text line, under its name.
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_end() == "Trust policy:".trim_end() || l.trim() == "Trust policy:")
            .expect("the trust policy is shown");
        assert_eq!(lines[at + 1].trim(), "{", "{text}");
        assert!(
            lines[at + 2].trim_start().starts_with("\"Version\""),
            "{text}"
        );
        // Re-serialised: a control character in server text is a JSON
        // escape, never the character.
        assert!(
            text.contains("\"Sid\": \"chime\\u001b[2J\""),
            "escaped: {text}"
        );
        // The matched Deny, pretty too, with where it comes from.
        assert!(
            text.contains("Matched statement (abc123): inline policy deny, statement 1:"),
            "{text}"
        );
        assert!(text.contains("\"Effect\": \"Deny\""), "{text}");
        assert!(
            text.contains("SimulatePrincipalPolicy was refused"),
            "the way the answer came: {text}"
        );
        for id in [
            "pinpoint-app",
            "push-channels",
            "service-role",
            "role-permission",
        ] {
            assert!(text.contains(id), "{id}: {text}");
        }
    }

    #[test]
    fn json_carries_the_new_checks_and_what_would_let_them_run() {
        let mut f = setup_facts();
        f.role = Fact::NotAsked("no IAM calls were made".into());
        f.permission.clear();
        let v = diagnosis_value(&evaluate(&f), &Context::default());
        assert_eq!(v["Verdict"]["Push"], "unknown");
        let reason = v["Verdict"]["Reason"].as_str().unwrap_or_default();
        assert!(reason.contains("iam:GetRole"), "{reason}");
        let checks = v["Checks"].as_array().expect("array");
        let role = checks
            .iter()
            .find(|c| c["Id"] == "service-role")
            .expect("service-role");
        assert_eq!(role["Status"], "unknown");
        assert_eq!(role["IamActionsToRun"], json!(["iam:GetRole"]));
        let channels = checks
            .iter()
            .find(|c| c["Id"] == "push-channels")
            .expect("push-channels");
        assert_eq!(channels["Status"], "pass");
        assert!(
            channels["Evidence"]["GCM channel of abc123"]
                .as_str()
                .is_some_and(|e| e.contains("FCM v1 service-account credentials")),
            "{channels}"
        );
        assert_eq!(channels["Operation"], "GetApnsChannel");
        let v = diagnosis_value(&evaluate(&setup_facts()), &Context::default());
        let role = v["Checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["Id"] == "service-role").cloned())
            .expect("service-role");
        assert_eq!(role["Status"], "warn", "a trust condition: {role}");
        assert!(
            role["Evidence"]["Trust policy"]
                .as_str()
                .is_some_and(|t| t.contains("\n  \"Statement\": [")),
            "pretty: {role}"
        );
    }
}
