//! The set-up behind the member's devices, printed: the same four checks
//! `diagnose` makes after `endpoints` (pinpoint-app, push-channels,
//! service-role, role-permission), judged by the diagnosis itself
//! ([`MemberResults::setup_checks`](super::MemberResults::setup_checks)) from what the member picture's device
//! calls read: the table's section, the JSON's `SetupChecks` (each check
//! as `diagnose --output json` writes it), and a line on stderr beside
//! CSV.

use std::fmt::Write as _;

use serde_json::Value;

use crate::diagnose::{Check, CheckId, Status};
use crate::explain::Context;
use crate::output::diagnosis::{check_value, status_label};
use crate::sanitize;

/// The checks behind the devices, in the order `diagnose` lists them.
pub const SETUP_CHECKS: [CheckId; 4] = [
    CheckId::PinpointApp,
    CheckId::PushChannels,
    CheckId::ServiceRole,
    CheckId::RolePermission,
];

/// "Behind the devices:" and one line per check (status, id, finding),
/// with what to do under a check that does not pass. Server text is
/// sanitised. Empty when there is no check.
pub fn setup_table(checks: &[Check]) -> String {
    let mut out = String::new();
    if checks.is_empty() {
        return out;
    }
    out.push_str("Behind the devices:\n");
    let width = checks.iter().map(|c| c.id.id().len()).max().unwrap_or(0);
    let indent = " ".repeat(14 + width);
    for c in checks {
        let _ = writeln!(
            out,
            "  {:<9} {:<width$}  {}",
            format!("[{}]", status_label(c.status)),
            c.id.id(),
            sanitize::line(&c.finding)
        );
        if c.status == Status::Pass {
            continue;
        }
        for line in &c.advice {
            let _ = writeln!(out, "{indent}→ {}", sanitize::line(line));
        }
        if !c.needs.is_empty() {
            let actions: Vec<String> = c.needs.iter().map(|op| op.iam_action()).collect();
            let _ = writeln!(
                out,
                "{indent}→ To run this check, allow {}.",
                actions.join(", ")
            );
        }
    }
    out
}

/// The checks as `diagnose --output json` writes its own.
pub fn setup_value(checks: &[Check], ctx: &Context<'_>) -> Value {
    Value::Array(checks.iter().map(|c| check_value(c, ctx)).collect())
}

/// One line for stderr (beside CSV, which has a record per channel only):
/// `None` when every check passes.
pub fn setup_note(checks: &[Check]) -> Option<String> {
    let worst: Vec<String> = checks
        .iter()
        .filter(|c| c.status != Status::Pass)
        .map(|c| {
            format!(
                "{} {}: {}",
                c.id.id(),
                status_label(c.status),
                sanitize::line(&c.finding)
            )
        })
        .collect();
    (!worst.is_empty()).then(|| format!("behind the devices: {}", worst.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arn::{Field, parse_member};
    use crate::diagnose::fixtures::{
        PINPOINT, app, app_ref, channel, endpoint, known, role, simulated,
    };
    use crate::diagnose::{EndpointType, Event, Fact};
    use crate::member::MemberResults;
    use crate::member::{MemberEvent, MemberRequest};
    use crate::model::{AuthenticationMethod, EvalDecision, PushChannelKind};

    const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";

    fn results() -> MemberResults {
        let member = parse_member(ALICE, Field::Member).expect("ARN");
        MemberResults::new(&MemberRequest::new(&member, ALICE))
    }

    /// The device events of a member whose only Android's app is on the
    /// legacy FCM server key.
    fn legacy_fcm() -> Vec<Event> {
        let mut pixel = endpoint("pixel", EndpointType::Gcm, PINPOINT);
        pixel.resource_arn = Fact::Pending;
        let legacy = crate::model::PushChannel {
            default_authentication_method: Some(AuthenticationMethod::Key),
            has_fcm_service_credentials: Some(false),
            ..channel(PushChannelKind::Gcm)
        };
        vec![
            Event::Role(known(Some(role()))),
            Event::Endpoints(known(vec![pixel])),
            Event::EndpointResource {
                endpoint_id: "pixel".into(),
                resource_arn: known(Some(PINPOINT.to_string())),
            },
            Event::App {
                app: app_ref(PINPOINT),
                fact: known(Some(app(PINPOINT))),
            },
            Event::Channel {
                app: app_ref(PINPOINT),
                kind: PushChannelKind::Gcm,
                fact: known(Some(legacy)),
            },
            Event::Permission {
                app: app_ref(PINPOINT),
                fact: simulated(PINPOINT, EvalDecision::Allowed),
            },
        ]
    }

    #[test]
    fn the_devices_set_up_is_asked_and_judged_by_the_diagnosis() {
        let mut r = results();
        for e in legacy_fcm() {
            r.apply(MemberEvent::Devices(e));
        }
        let checks = r.setup_checks();
        let ids: Vec<CheckId> = checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, SETUP_CHECKS);
        let statuses: Vec<Status> = checks.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [Status::Pass, Status::Fail, Status::Skipped, Status::Skipped]
        );
        let table = setup_table(&checks);
        assert!(table.starts_with("Behind the devices:\n"), "{table}");
        assert!(
            table.contains(
                "  [FAIL]    push-channels    the GCM (FCM) channel is on the legacy FCM"
            ),
            "{table}"
        );
        assert!(
            table.contains("→ Upload the Firebase service-account JSON key"),
            "{table}"
        );
        let value = setup_value(&checks, &Context::default());
        assert_eq!(value[1]["Id"], "push-channels");
        assert_eq!(value[1]["Status"], "fail");
        let note = setup_note(&checks).expect("a note");
        assert!(
            note.starts_with("behind the devices: push-channels FAIL: "),
            "{note}"
        );
    }

    #[test]
    fn server_text_in_a_finding_is_escaped() {
        let check = Check {
            id: CheckId::PinpointApp,
            status: Status::Fail,
            finding: "app \u{1b}]0;x\u{7}".into(),
            operation: None,
            request_id: None,
            evidence: Vec::new(),
            error: None,
            advice: vec!["do \u{1b}[2J".into()],
            needs: Vec::new(),
        };
        let table = setup_table(std::slice::from_ref(&check));
        assert!(
            !table.chars().any(|c| c == '\u{1b}' || c == '\u{7}'),
            "{table:?}"
        );
        assert!(table.contains("app \\e]0;x\\a"), "{table}");
        let note = setup_note(&[check]).expect("a note");
        assert!(!note.contains('\u{1b}'), "{note:?}");
    }
}
