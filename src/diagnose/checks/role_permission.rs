//! `role-permission`: the role Chime sends with may call
//! `mobiletargeting:SendMessages` on each app in use. Asked of IAM's
//! simulator; when that is refused, the role's own policies are read and
//! evaluated locally. The finding says which way the answer came.

use super::service_role::conditions;
use super::{Device, Judged, Link, answered, denied_to_us, failed, not_asked};
use crate::diagnose::check::{Check, CheckId, Status};
use crate::diagnose::facts::{Fact, Facts, PermissionAnswer, SEND_ACTION};
use crate::model::{EvalDecision, PinpointAppRef, PolicySource, RolePolicy, SimulatedDecision};
use crate::operation::Operation;
use crate::policy::{Outcome, PolicyDocument, may};

pub const ID: &str = "role-permission";
pub const TITLE: &str = "Role may send";

const SIMULATE: Operation = Operation::SimulatePrincipalPolicy;

const FIX: &str = "Allow the role mobiletargeting:SendMessages on arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID/messages (and remove any Deny of it). Chime's failures then read \"Unable to send messages. Please verify IAM Permissions Policy on ServiceRoleForAmazonChimePushNotification\".";

pub(super) fn judge(facts: &Facts, devices: &[Device<'_>]) -> Judged {
    let mut check = Check::new(CheckId::RolePermission, Status::Pass, String::new());
    let mut shown: Vec<&PinpointAppRef> = Vec::new();
    let mut ways: Vec<&'static str> = Vec::new();
    let mut cut = false;
    let mut conditional = false;
    let mut local = false;
    let boundary = match &facts.role {
        Fact::Known {
            value: Some(role), ..
        } => role.permissions_boundary_arn.is_some(),
        _ => false,
    };
    let mut outcomes = Vec::new();
    for d in devices {
        let Some(app) = &d.app else {
            outcomes.push(Link::Unknown("no Pinpoint app to ask about".to_string()));
            continue;
        };
        let first = !shown.contains(&app);
        if first {
            shown.push(app);
        }
        let outcome = match facts.permission.get(app) {
            None => not_asked(&mut check, SIMULATE, None),
            Some(Fact::Pending) => Link::Pending,
            Some(Fact::NotAsked(why)) => not_asked(&mut check, SIMULATE, Some(why)),
            Some(Fact::Failed(e)) => {
                let link = failed(&mut check, e);
                if denied_to_us(e) && !check.needs.contains(&SIMULATE) {
                    check.needs.insert(0, SIMULATE);
                }
                link
            }
            Some(Fact::Known {
                value: PermissionAnswer::Simulated(decisions),
                request_id,
            }) => {
                answered(&mut check, SIMULATE, request_id.as_ref());
                if !ways.contains(&"SimulatePrincipalPolicy") {
                    ways.push("SimulatePrincipalPolicy");
                }
                judge_simulated(&mut check, app, decisions, first)
            }
            Some(Fact::Known {
                value: PermissionAnswer::ReadPolicies { refused, policies },
                request_id,
            }) => {
                answered(&mut check, refused.operation, request_id.as_ref());
                local = true;
                if !ways.contains(&"the role's policies, evaluated locally") {
                    ways.push("the role's policies, evaluated locally");
                }
                if first {
                    check = check.evidence(
                        &format!("Answered by ({})", app.app_id),
                        format!(
                            "the role's {}, read and evaluated locally: SimulatePrincipalPolicy was refused ({})",
                            match policies.len() {
                                1 => "1 policy".to_string(),
                                n => format!("{n} policies"),
                            },
                            refused.display_code()
                        ),
                    );
                }
                evaluated(&mut check, app, policies, boundary, first)
            }
        };
        cut |= matches!(outcome, Link::Cut(_));
        conditional |= matches!(outcome, Link::HoldsIf(_));
        outcomes.push(outcome);
    }
    let apps: Vec<&str> = shown.iter().map(|a| a.app_id.as_str()).collect();
    check.finding = format!(
        "the role may send to {} (answered by {})",
        apps.join(", "),
        if ways.is_empty() {
            "nothing yet".to_string()
        } else {
            ways.join(" and ")
        }
    );
    if cut {
        check.advice.push(FIX.to_string());
    }
    if conditional {
        check.advice.push("A condition on the permission cannot be verified from here: make sure Chime's request meets it (aws:SourceAccount and aws:SourceArn are the app instance's account and ARN), or allow without it.".to_string());
    }
    if local {
        check.advice.push("Evaluated locally from the role's identity policies: service control policies and any permissions boundary are not part of that answer. IAM's simulator (iam:SimulatePrincipalPolicy) gives the full one.".to_string());
    }
    Judged { check, outcomes }
}

fn judge_simulated(
    check: &mut Check,
    app: &PinpointAppRef,
    decisions: &[SimulatedDecision],
    first: bool,
) -> Link {
    let resource = app.messages_arn();
    let found = decisions
        .iter()
        .find(|d| d.resource == resource && d.action.eq_ignore_ascii_case(SEND_ACTION))
        .or(match decisions {
            [only] => Some(only),
            _ => None,
        });
    let Some(d) = found else {
        return Link::Unknown(format!(
            "the simulator said nothing about {SEND_ACTION} on {resource}"
        ));
    };
    if first {
        check.evidence.push((
            format!("Answered by ({})", app.app_id),
            "SimulatePrincipalPolicy".into(),
        ));
        check.evidence.push((
            format!("EvalResourceDecision ({})", app.app_id),
            format!(
                "{} for {} on {}",
                d.decision.as_wire(),
                d.action,
                d.resource
            ),
        ));
        for m in &d.matched_statements {
            check.evidence.push((
                format!("Matched statement ({})", app.app_id),
                format!(
                    "{} ({})",
                    m.source_policy_id.as_deref().unwrap_or("(no id)"),
                    m.source_policy_type.as_deref().unwrap_or("(no type)")
                ),
            ));
        }
        if !d.missing_context_values.is_empty() {
            check.evidence.push((
                format!("MissingContextValues ({})", app.app_id),
                d.missing_context_values.join(", "),
            ));
        }
    }
    let missing = d.missing_context_values.join(", ");
    match &d.decision {
        EvalDecision::Allowed if d.missing_context_values.is_empty() => Link::Holds,
        EvalDecision::Allowed => Link::HoldsIf(format!(
            "allowed to send to {}, but the simulator could not decide conditions on {missing}",
            app.app_id
        )),
        EvalDecision::ImplicitDeny if !d.missing_context_values.is_empty() => {
            Link::HoldsIf(format!(
                "may send to {} only if conditions on {missing} hold (the simulator could not decide them)",
                app.app_id
            ))
        }
        EvalDecision::ImplicitDeny => Link::Cut(format!(
            "no policy of the role allows {SEND_ACTION} on app {} (implicitDeny, by SimulatePrincipalPolicy)",
            app.app_id
        )),
        EvalDecision::ExplicitDeny => Link::Cut(format!(
            "a policy of the role denies {SEND_ACTION} on app {} (explicitDeny, by SimulatePrincipalPolicy)",
            app.app_id
        )),
        EvalDecision::Unknown(v) => Link::Unknown(format!(
            "the simulator answered {v:?}, a decision this version does not know"
        )),
    }
}

fn evaluated(
    check: &mut Check,
    app: &PinpointAppRef,
    policies: &[RolePolicy],
    boundary: bool,
    first: bool,
) -> Link {
    let mut docs = Vec::new();
    for p in policies {
        match PolicyDocument::parse(&p.document) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                return Link::Unknown(format!(
                    "the policy {} could not be read: {e}",
                    source(&p.source)
                ));
            }
        }
    }
    let decision = may(&docs, SEND_ACTION, &app.messages_arn());
    if first {
        check.evidence.push((
            format!("Local decision ({})", app.app_id),
            format!(
                "{} for {SEND_ACTION} on {}",
                decision.outcome.as_str(),
                app.messages_arn()
            ),
        ));
        for m in &decision.matched {
            let from = policies
                .get(m.policy)
                .map_or("(unknown policy)".to_string(), |p| source(&p.source));
            check.evidence.push((
                format!(
                    "Matched statement ({}): {from}, statement {}",
                    app.app_id,
                    m.statement + 1
                ),
                m.pretty.clone(),
            ));
        }
    }
    let how = "by the role's policies, evaluated locally";
    match decision.outcome {
        Outcome::Allowed if decision.conditional => Link::HoldsIf(format!(
            "may send to {} only under a condition this tool cannot verify: {}",
            app.app_id,
            conditions(&decision.conditions)
        )),
        Outcome::Allowed if boundary => Link::HoldsIf(format!(
            "allowed to send to {} {how}, but a permissions boundary also applies and was not read",
            app.app_id
        )),
        Outcome::Allowed => Link::Holds,
        Outcome::ExplicitDeny => Link::Cut(format!(
            "a policy of the role denies {SEND_ACTION} on app {} (explicitDeny, {how})",
            app.app_id
        )),
        Outcome::ImplicitDeny => Link::Cut(format!(
            "no policy of the role allows {SEND_ACTION} on app {} (implicitDeny, {how})",
            app.app_id
        )),
    }
}

fn source(s: &PolicySource) -> String {
    match s {
        PolicySource::Inline { name } => format!("inline policy {name}"),
        PolicySource::Attached { arn, version_id } => format!("{arn} ({version_id})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::checks::tests::*;
    use crate::error::ErrorKind;
    use crate::model::MatchedStatement;

    fn read(policies: &[(&str, &str)]) -> Fact<PermissionAnswer> {
        known(PermissionAnswer::ReadPolicies {
            refused: err(SIMULATE, ErrorKind::AccessDenied),
            policies: policies
                .iter()
                .map(|(name, doc)| RolePolicy {
                    source: PolicySource::Inline {
                        name: (*name).to_string(),
                    },
                    document: (*doc).to_string(),
                })
                .collect(),
        })
    }

    fn answer(a: Fact<PermissionAnswer>) -> Box<dyn Fn(&mut Facts)> {
        Box::new(move |f| {
            f.permission.insert(app_ref(PINPOINT), a.clone());
        })
    }

    const ALLOW: &str = r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"arn:aws:mobiletargeting:*:111122223333:apps/*/messages"}}"#;
    const DENY: &str =
        r#"{"Statement":{"Effect":"Deny","Action":"mobiletargeting:*","Resource":"*"}}"#;
    const IF: &str = r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}}"#;

    #[test]
    fn permission_rules() {
        let rows: Vec<Row> = vec![
            (
                "simulated allow",
                Box::new(|_| {}),
                Status::Pass,
                "the role may send to abc123 (answered by SimulatePrincipalPolicy)",
            ),
            (
                "simulated implicit deny",
                answer(simulated(PINPOINT, EvalDecision::ImplicitDeny)),
                Status::Fail,
                "no policy of the role allows mobiletargeting:SendMessages on app abc123 (implicitDeny, by SimulatePrincipalPolicy)",
            ),
            (
                "simulated explicit deny",
                answer(simulated(PINPOINT, EvalDecision::ExplicitDeny)),
                Status::Fail,
                "explicitDeny",
            ),
            (
                "simulated, conditions undecided",
                answer(known(PermissionAnswer::Simulated(vec![
                    SimulatedDecision {
                        action: SEND_ACTION.into(),
                        resource: app_ref(PINPOINT).messages_arn(),
                        decision: EvalDecision::ImplicitDeny,
                        matched_statements: vec![],
                        missing_context_values: vec!["aws:SourceAccount".into()],
                    },
                ]))),
                Status::Warn,
                "only if conditions on aws:SourceAccount hold",
            ),
            (
                "simulator's unknown decision",
                answer(simulated(PINPOINT, EvalDecision::Unknown("maybe".into()))),
                Status::Unknown,
                "\"maybe\"",
            ),
            (
                "refused, read: allowed",
                answer(read(&[("send", ALLOW)])),
                Status::Pass,
                "answered by the role's policies, evaluated locally",
            ),
            (
                "refused, read: denied wins",
                answer(read(&[("send", ALLOW), ("deny", DENY)])),
                Status::Fail,
                "explicitDeny, by the role's policies, evaluated locally",
            ),
            (
                "refused, read: nothing allows",
                answer(read(&[])),
                Status::Fail,
                "implicitDeny",
            ),
            (
                "refused, read: only under a condition",
                answer(read(&[("if", IF)])),
                Status::Warn,
                "aws:SourceAccount",
            ),
            (
                "refused, read: unreadable",
                answer(read(&[("bad", "{")])),
                Status::Unknown,
                "inline policy bad could not be read",
            ),
            (
                "refused and the reads denied too",
                answer(Fact::Failed(err(
                    Operation::ListRolePolicies,
                    ErrorKind::AccessDenied,
                ))),
                Status::Unknown,
                "ListRolePolicies failed",
            ),
            (
                "not asked",
                Box::new(|f| {
                    f.permission.clear();
                }),
                Status::Unknown,
                "SimulatePrincipalPolicy not called",
            ),
        ];
        for (name, change, status, finding) in rows {
            let c = check_of(CheckId::RolePermission, change);
            assert_eq!(c.status, status, "{name}: {}", c.finding);
            assert!(c.finding.contains(finding), "{name}: {}", c.finding);
            if matches!(status, Status::Fail | Status::Warn) {
                assert!(!c.advice.is_empty(), "{name}: says what to do");
            }
        }
    }

    #[test]
    fn the_way_and_the_statements_are_evidence() {
        let c = check_of(
            CheckId::RolePermission,
            answer(read(&[("send", ALLOW), ("deny", DENY)])),
        );
        let keys: Vec<&str> = c.evidence.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"Answered by (abc123)"), "{keys:?}");
        let deny = c
            .evidence
            .iter()
            .find(|(k, _)| k.contains("inline policy deny, statement 1"))
            .expect("the deny is shown");
        assert!(
            deny.1.contains("\n  \"Effect\": \"Deny\""),
            "pretty: {}",
            deny.1
        );
        assert!(
            c.evidence
                .iter()
                .any(|(_, v)| v.contains("SimulatePrincipalPolicy was refused (AccessDenied")),
            "{:?}",
            c.evidence
        );

        let c = check_of(
            CheckId::RolePermission,
            answer(known(PermissionAnswer::Simulated(vec![
                SimulatedDecision {
                    action: SEND_ACTION.into(),
                    resource: app_ref(PINPOINT).messages_arn(),
                    decision: EvalDecision::Allowed,
                    matched_statements: vec![MatchedStatement {
                        source_policy_id: Some("SendToApps".into()),
                        source_policy_type: Some("IAM Policy".into()),
                    }],
                    missing_context_values: vec![],
                },
            ]))),
        );
        assert!(
            c.evidence
                .iter()
                .any(|(k, v)| k == "Matched statement (abc123)" && v == "SendToApps (IAM Policy)")
        );
    }

    #[test]
    fn reads_denied_name_every_action_that_would_help() {
        let c = check_of(
            CheckId::RolePermission,
            answer(Fact::Failed(err(
                Operation::GetRolePolicy,
                ErrorKind::AccessDenied,
            ))),
        );
        assert_eq!(c.needs, [SIMULATE, Operation::GetRolePolicy]);
    }
}
