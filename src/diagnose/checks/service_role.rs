//! `service-role`: the role Chime sends with exists in the app instance's
//! account with exactly its name, and its trust policy lets
//! `messaging.chime.amazonaws.com` assume it. The simulator ignores trust
//! policies, so this is always judged locally.

use super::{Device, Judged, Link, answered, failed, not_asked};
use crate::diagnose::check::{Check, CheckId, Status};
use crate::diagnose::facts::{Fact, Facts, SERVICE_ROLE_NAME};
use crate::diagnose::timestamp::timestamp;
use crate::error::ErrorKind;
use crate::model::ServiceRole;
use crate::operation::Operation;
use crate::policy::{Outcome, PolicyDocument, trusts_service};

pub const ID: &str = "service-role";
pub const TITLE: &str = "Chime's push role";

/// The service principal that assumes the role.
pub const CHIME_PRINCIPAL: &str = "messaging.chime.amazonaws.com";

const OP: Operation = Operation::GetRole;

const CREATE: &str = "Create the role ServiceRoleForAmazonChimePushNotification (exactly that name) in the app instance's account, trusting messaging.chime.amazonaws.com for sts:AssumeRole, with an Allow of mobiletargeting:SendMessages on arn:aws:mobiletargeting:REGION:ACCOUNT:apps/APP_ID/messages, as the Chime SDK developer guide describes.";

pub(super) fn judge(facts: &Facts, devices: &[Device<'_>]) -> Judged {
    let mut check = Check::new(
        CheckId::ServiceRole,
        Status::Pass,
        format!("{SERVICE_ROLE_NAME} exists and trusts {CHIME_PRINCIPAL}"),
    );
    // One role for the whole account: every device fares alike.
    let outcome = match &facts.role {
        Fact::Pending => Link::Pending,
        Fact::NotAsked(why) => not_asked(&mut check, OP, Some(why)),
        Fact::Failed(e) if e.kind == ErrorKind::NotFound => {
            answered(&mut check, OP, e.request_id.as_ref());
            absent(&mut check, &facts.scope.account)
        }
        Fact::Failed(e) => failed(&mut check, e),
        Fact::Known {
            value: None,
            request_id,
        } => {
            answered(&mut check, OP, request_id.as_ref());
            absent(&mut check, &facts.scope.account)
        }
        Fact::Known {
            value: Some(role),
            request_id,
        } => {
            answered(&mut check, OP, request_id.as_ref());
            present(&mut check, role, &facts.scope.region)
        }
    };
    let outcomes = devices.iter().map(|_| outcome.clone()).collect();
    Judged { check, outcomes }
}

fn absent(check: &mut Check, account: &str) -> Link {
    check.advice.push(CREATE.to_string());
    check.evidence.push(("Role".into(), "NoSuchEntity".into()));
    Link::Cut(format!(
        "the role {SERVICE_ROLE_NAME} does not exist in account {account}: Chime has no role to send with"
    ))
}

fn present(check: &mut Check, role: &ServiceRole, region: &str) -> Link {
    let mut evidence = vec![("Arn".to_string(), role.arn.clone())];
    if role.path != "/" {
        evidence.push((
            "Path".into(),
            format!(
                "{} (not /; whether that matters to Chime is not documented)",
                role.path
            ),
        ));
    }
    let used = match (role.last_used, &role.last_used_region) {
        (Some(at), Some(r)) if r == region => {
            format!("{} in {r} (the app instance's region)", timestamp(at))
        }
        (Some(at), Some(r)) => format!("{} in {r}", timestamp(at)),
        (Some(at), None) => timestamp(at),
        (None, _) => "not in the last 400 days".to_string(),
    };
    evidence.push(("RoleLastUsed".into(), used));
    if let Some(boundary) = &role.permissions_boundary_arn {
        evidence.push(("PermissionsBoundary".into(), boundary.clone()));
    }
    let outcome = if role.name != SERVICE_ROLE_NAME {
        check
            .advice
            .push(format!("Chime looks the role up by its exact name; rename by creating {SERVICE_ROLE_NAME} (IAM roles cannot be renamed)."));
        Link::Cut(format!(
            "the role is named {:?}, not exactly {SERVICE_ROLE_NAME}",
            role.name
        ))
    } else {
        trust(check, role, &mut evidence)
    };
    check.evidence.extend(evidence);
    outcome
}

fn trust(check: &mut Check, role: &ServiceRole, evidence: &mut Vec<(String, String)>) -> Link {
    let Some(text) = &role.trust_policy else {
        return Link::Unknown("GetRole returned no trust policy".to_string());
    };
    evidence.push(("Trust policy".into(), PolicyDocument::pretty_text(text)));
    let doc = match PolicyDocument::parse(text) {
        Ok(doc) => doc,
        Err(e) => return Link::Unknown(format!("the trust policy could not be read: {e}")),
    };
    let decision = trusts_service(&doc, CHIME_PRINCIPAL);
    for m in &decision.matched {
        let name = match &m.sid {
            Some(sid) => format!("Matched statement {} ({sid})", m.statement + 1),
            None => format!("Matched statement {}", m.statement + 1),
        };
        evidence.push((name, m.pretty.clone()));
    }
    let fix = format!(
        "Let {CHIME_PRINCIPAL} assume the role: a trust policy statement {{\"Effect\": \"Allow\", \"Principal\": {{\"Service\": \"{CHIME_PRINCIPAL}\"}}, \"Action\": \"sts:AssumeRole\"}}, with no Deny of it. Chime's failures then read \"Please verify IAM Trust Relationships on ServiceRoleForAmazonChimePushNotification\"."
    );
    match decision.outcome {
        Outcome::Allowed if !decision.conditional => Link::Holds,
        Outcome::Allowed => {
            check.advice.push("A trust condition (often aws:SourceAccount or aws:SourceArn) cannot be verified from here: make sure it matches the app instance's account and ARN.".to_string());
            Link::HoldsIf(format!(
                "trusts {CHIME_PRINCIPAL} only under a condition this tool cannot verify: {}",
                conditions(&decision.conditions)
            ))
        }
        Outcome::ExplicitDeny => {
            check.advice.push(fix);
            Link::Cut(format!(
                "the trust policy denies {CHIME_PRINCIPAL} sts:AssumeRole"
            ))
        }
        Outcome::ImplicitDeny => {
            check.advice.push(fix);
            Link::Cut(format!(
                "the trust policy does not let {CHIME_PRINCIPAL} assume the role"
            ))
        }
    }
}

/// Conditions on one line (the evidence shows them indented).
pub(super) fn conditions(values: &[serde_json::Value]) -> String {
    values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::checks::tests::*;

    fn trust_is(text: &'static str) -> Box<dyn Fn(&mut Facts)> {
        Box::new(move |f| {
            let mut r = role();
            r.trust_policy = Some(text.to_string());
            f.role = known(Some(r));
        })
    }

    #[test]
    fn role_rules() {
        let rows: Vec<Row> = vec![
            (
                "healthy",
                Box::new(|_| {}),
                Status::Pass,
                "exists and trusts messaging.chime.amazonaws.com",
            ),
            (
                "missing (fact)",
                Box::new(|f| f.role = known(None)),
                Status::Fail,
                "does not exist in account 111122223333",
            ),
            (
                "missing (NoSuchEntity)",
                Box::new(|f| f.role = Fact::Failed(err(OP, ErrorKind::NotFound))),
                Status::Fail,
                "does not exist",
            ),
            (
                "another name",
                Box::new(|f| {
                    let mut r = role();
                    r.name = "serviceroleforamazonchimepushnotification".into();
                    f.role = known(Some(r));
                }),
                Status::Fail,
                "not exactly ServiceRoleForAmazonChimePushNotification",
            ),
            (
                "trusts the wrong principal",
                trust_is(
                    r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"chime.amazonaws.com"},"Action":"sts:AssumeRole"}}"#,
                ),
                Status::Fail,
                "does not let messaging.chime.amazonaws.com assume",
            ),
            (
                "trusts, in a list",
                trust_is(
                    r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":["x.amazonaws.com","messaging.chime.amazonaws.com"]},"Action":"sts:*"}]}"#,
                ),
                Status::Pass,
                "trusts",
            ),
            (
                "trust denied",
                trust_is(
                    r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"*"}]}"#,
                ),
                Status::Fail,
                "denies",
            ),
            (
                "trust under a condition: warn showing it",
                trust_is(
                    r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}}"#,
                ),
                Status::Warn,
                "aws:SourceAccount",
            ),
            (
                "trust policy unreadable",
                trust_is("{nope"),
                Status::Unknown,
                "could not be read",
            ),
            (
                "GetRole denied to us",
                Box::new(|f| f.role = Fact::Failed(err(OP, ErrorKind::AccessDenied))),
                Status::Unknown,
                "GetRole failed",
            ),
            (
                "not asked",
                Box::new(|f| f.role = Fact::NotAsked("no IAM calls".into())),
                Status::Unknown,
                "GetRole not called: no IAM calls",
            ),
        ];
        for (name, change, status, finding) in rows {
            let c = check_of(CheckId::ServiceRole, change);
            assert_eq!(c.status, status, "{name}: {}", c.finding);
            assert!(c.finding.contains(finding), "{name}: {}", c.finding);
            if matches!(status, Status::Fail | Status::Warn) {
                assert!(!c.advice.is_empty(), "{name}: says what to do");
            }
            if status == Status::Unknown && name != "trust policy unreadable" {
                assert_eq!(c.needs, [Operation::GetRole], "{name}");
            }
        }
    }

    #[test]
    fn evidence_shows_the_trust_policy_pretty_and_the_last_use() {
        let c = check_of(CheckId::ServiceRole, |f| {
            let mut r = role();
            r.path = "/service-role/".into();
            f.role = known(Some(r));
        });
        let get = |key: &str| {
            c.evidence
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert!(
            get("Trust policy").contains("\n  \"Statement\": ["),
            "{}",
            get("Trust policy")
        );
        assert!(get("Matched statement 1").contains("\"sts:AssumeRole\""));
        assert!(
            get("RoleLastUsed").contains("in us-east-1 (the app instance's region)"),
            "{}",
            get("RoleLastUsed")
        );
        assert!(get("Path").starts_with("/service-role/"));
        assert_eq!(c.status, Status::Pass, "a path is shown, not judged");
    }
}
