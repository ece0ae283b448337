//! Judging documents for one request: an explicit Deny wins, then an
//! Allow, else the implicit deny. A statement under a Condition is never
//! decided here: it makes the answer conditional and is shown.

use serde_json::Value;

use super::document::{Effect, PolicyDocument, Statement};

/// The answer, as IAM's simulator words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

impl Outcome {
    /// SimulatePrincipalPolicy's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::ExplicitDeny => "explicitDeny",
            Outcome::ImplicitDeny => "implicitDeny",
        }
    }
}

/// A statement that applies to the request.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// Which document (index into the slice given) and which statement in
    /// it (from 0).
    pub policy: usize,
    pub statement: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub conditional: bool,
    /// The statement as indented JSON.
    pub pretty: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub outcome: Outcome,
    /// The outcome holds only if conditions this tool cannot check do (or
    /// do not) hold: an Allow under a Condition, or an unconditional Allow
    /// that a Deny under a Condition may override.
    pub conditional: bool,
    /// Those conditions, as written.
    pub conditions: Vec<Value>,
    /// Every statement that applies, Allow and Deny, in document order.
    pub matched: Vec<Matched>,
}

impl Decision {
    /// Allowed with no condition in the way.
    pub fn is_clear_allow(&self) -> bool {
        self.outcome == Outcome::Allowed && !self.conditional
    }
}

/// May a principal whose identity policies are `policies` perform `action`
/// on `resource`? Action names compare without case, resources with it. A
/// statement without Resource or NotResource applies to every resource (IAM
/// refuses such identity policies, so this only matters for odd input).
pub fn may(policies: &[PolicyDocument], action: &str, resource: &str) -> Decision {
    decide(policies, |s| {
        s.action.covers(action, true)
            && s.resource
                .as_ref()
                .is_none_or(|r| r.covers(resource, false))
    })
}

/// Does the trust policy let `service` (a service principal such as
/// `messaging.chime.amazonaws.com`) call `sts:AssumeRole`? An Allow whose
/// Principal names the service (string or list, or `*`) and whose Action
/// covers `sts:AssumeRole` (wildcards count), with no Deny that applies. A
/// Condition (often `aws:SourceAccount` or `aws:SourceArn`) cannot be
/// verified: the answer is then conditional and shows it.
pub fn trusts_service(trust: &PolicyDocument, service: &str) -> Decision {
    decide(std::slice::from_ref(trust), |s| {
        s.action.covers("sts:AssumeRole", true)
            && s.principal
                .as_ref()
                .is_some_and(|p| p.covers_service(service))
    })
}

fn decide(policies: &[PolicyDocument], applies: impl Fn(&Statement) -> bool) -> Decision {
    let mut matched = Vec::new();
    let mut applied: Vec<&Statement> = Vec::new();
    for (p, doc) in policies.iter().enumerate() {
        for (i, s) in doc.statements.iter().enumerate() {
            if applies(s) {
                matched.push(Matched {
                    policy: p,
                    statement: i,
                    sid: s.sid.clone(),
                    effect: s.effect,
                    conditional: s.condition.is_some(),
                    pretty: s.pretty(),
                });
                applied.push(s);
            }
        }
    }
    let with = |effect: Effect, conditional: bool| {
        applied
            .iter()
            .filter(move |s| s.effect == effect && s.condition.is_some() == conditional)
    };
    let conditions = |effect: Effect| -> Vec<Value> {
        with(effect, true)
            .filter_map(|s| s.condition.clone())
            .collect()
    };
    let (outcome, conditional, shown) = if with(Effect::Deny, false).next().is_some() {
        (Outcome::ExplicitDeny, false, Vec::new())
    } else if with(Effect::Allow, false).next().is_some() {
        let deny_if = conditions(Effect::Deny);
        (Outcome::Allowed, !deny_if.is_empty(), deny_if)
    } else if with(Effect::Allow, true).next().is_some() {
        let mut shown = conditions(Effect::Allow);
        shown.extend(conditions(Effect::Deny));
        (Outcome::Allowed, true, shown)
    } else {
        // Only conditional Denies (or nothing): no Allow, whatever the
        // conditions.
        (Outcome::ImplicitDeny, false, Vec::new())
    };
    Decision {
        outcome,
        conditional,
        conditions: shown,
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEND: &str = "mobiletargeting:SendMessages";
    const MESSAGES: &str = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/abc123/messages";
    const CHIME: &str = "messaging.chime.amazonaws.com";

    fn docs(texts: &[&str]) -> Vec<PolicyDocument> {
        texts
            .iter()
            .map(|t| PolicyDocument::parse(t).expect(t))
            .collect()
    }

    fn allow(action: &str, resource: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{action},"Resource":{resource}}}]}}"#
        )
    }

    #[test]
    fn local_evaluation_table() {
        let cond = r#"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#;
        let rows: Vec<(&str, Vec<String>, Outcome, bool)> = vec![
            ("no policy", vec![], Outcome::ImplicitDeny, false),
            ("exact allow", vec![allow(r#""mobiletargeting:SendMessages""#, &format!("\"{MESSAGES}\""))], Outcome::Allowed, false),
            ("action wildcard, any case", vec![allow(r#""MobileTargeting:Send*""#, r#""*""#)], Outcome::Allowed, false),
            ("action list", vec![allow(r#"["mobiletargeting:GetApp","mobiletargeting:SendMessages"]"#, r#""*""#)], Outcome::Allowed, false),
            ("service wildcard", vec![allow(r#""mobiletargeting:*""#, r#""arn:aws:mobiletargeting:*:111122223333:apps/*""#)], Outcome::Allowed, false),
            ("star", vec![allow(r#""*""#, r#""*""#)], Outcome::Allowed, false),
            ("another action", vec![allow(r#""mobiletargeting:GetApp""#, r#""*""#)], Outcome::ImplicitDeny, false),
            ("another app", vec![allow(r#""mobiletargeting:SendMessages""#, r#""arn:aws:mobiletargeting:us-east-1:111122223333:apps/other/messages""#)], Outcome::ImplicitDeny, false),
            ("the app, not its messages", vec![allow(r#""mobiletargeting:SendMessages""#, r#""arn:aws:mobiletargeting:us-east-1:111122223333:apps/abc123""#)], Outcome::ImplicitDeny, false),
            ("resources compare with case", vec![allow(r#""mobiletargeting:SendMessages""#, r#""arn:aws:mobiletargeting:us-east-1:111122223333:apps/ABC123/messages""#)], Outcome::ImplicitDeny, false),
            ("resource with ?", vec![allow(r#""mobiletargeting:SendMessages""#, r#""arn:aws:mobiletargeting:us-east-1:111122223333:apps/abc12?/messages""#)], Outcome::Allowed, false),
            ("NotAction that spares it", vec![r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#.into()], Outcome::Allowed, false),
            ("NotAction that names it", vec![r#"{"Statement":{"Effect":"Allow","NotAction":"mobiletargeting:*","Resource":"*"}}"#.into()], Outcome::ImplicitDeny, false),
            ("NotResource that spares it", vec![r#"{"Statement":{"Effect":"Allow","Action":"mobiletargeting:SendMessages","NotResource":"arn:aws:mobiletargeting:*:*:apps/other/*"}}"#.into()], Outcome::Allowed, false),
            ("deny in another policy wins", vec![allow(r#""*""#, r#""*""#), r#"{"Statement":[{"Effect":"Deny","Action":"mobiletargeting:SendMessages","Resource":"*"}]}"#.into()], Outcome::ExplicitDeny, false),
            ("NotAction deny that names it does not deny", vec![allow(r#""*""#, r#""*""#), r#"{"Statement":[{"Effect":"Deny","NotAction":"mobiletargeting:*","Resource":"*"}]}"#.into()], Outcome::Allowed, false),
            ("allow only under a condition", vec![format!(r#"{{"Statement":[{{"Effect":"Allow","Action":"{SEND}","Resource":"*","Condition":{cond}}}]}}"#)], Outcome::Allowed, true),
            ("allow, and a deny under a condition", vec![allow(r#""*""#, r#""*""#), format!(r#"{{"Statement":[{{"Effect":"Deny","Action":"{SEND}","Resource":"*","Condition":{cond}}}]}}"#)], Outcome::Allowed, true),
            ("only a deny under a condition", vec![format!(r#"{{"Statement":[{{"Effect":"Deny","Action":"{SEND}","Resource":"*","Condition":{cond}}}]}}"#)], Outcome::ImplicitDeny, false),
            ("unconditional deny beats a conditional allow", vec![format!(r#"{{"Statement":[{{"Effect":"Allow","Action":"{SEND}","Resource":"*","Condition":{cond}}},{{"Effect":"Deny","Action":"*","Resource":"*"}}]}}"#)], Outcome::ExplicitDeny, false),
        ];
        for (name, texts, outcome, conditional) in rows {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let d = may(&docs(&refs), SEND, MESSAGES);
            assert_eq!(d.outcome, outcome, "{name}: {d:?}");
            assert_eq!(d.conditional, conditional, "{name}: {d:?}");
            assert_eq!(
                !d.conditions.is_empty(),
                conditional,
                "{name}: the conditions are shown"
            );
            if outcome != Outcome::ImplicitDeny {
                assert!(!d.matched.is_empty(), "{name}: names its statements");
            }
        }
    }

    #[test]
    fn matched_statements_name_their_place_and_are_pretty() {
        let d = may(
            &docs(&[
                &allow(r#""iam:*""#, r#""*""#),
                r#"{"Statement":[{"Sid":"NoSend","Effect":"Deny","Action":"mobiletargeting:SendMessages","Resource":"*"},{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            ]),
            SEND,
            MESSAGES,
        );
        assert_eq!(d.outcome, Outcome::ExplicitDeny);
        let places: Vec<(usize, usize, Option<&str>)> = d
            .matched
            .iter()
            .map(|m| (m.policy, m.statement, m.sid.as_deref()))
            .collect();
        assert_eq!(places, [(1, 0, Some("NoSend")), (1, 1, Some("All"))]);
        assert!(d.matched[0].pretty.contains("\n  \"Sid\": \"NoSend\""));
    }

    #[test]
    fn trust_table() {
        let rows: &[(&str, &str, Outcome, bool)] = &[
            (
                "the service, as a string",
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                Outcome::Allowed,
                false,
            ),
            (
                "the service, in a list",
                r#"{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","messaging.chime.amazonaws.com"]},"Action":["sts:TagSession","sts:AssumeRole"]}}"#,
                Outcome::Allowed,
                false,
            ),
            (
                "a wildcard action",
                r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:*"}}"#,
                Outcome::Allowed,
                false,
            ),
            (
                "anyone",
                r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}"#,
                Outcome::Allowed,
                false,
            ),
            (
                "the wrong service",
                r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"chime.amazonaws.com"},"Action":"sts:AssumeRole"}}"#,
                Outcome::ImplicitDeny,
                false,
            ),
            (
                "an account, not the service",
                r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}"#,
                Outcome::ImplicitDeny,
                false,
            ),
            (
                "another action",
                r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}}"#,
                Outcome::ImplicitDeny,
                false,
            ),
            (
                "allowed, then denied",
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"sts:*"}]}"#,
                Outcome::ExplicitDeny,
                false,
            ),
            (
                "denied to everyone but another",
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","NotPrincipal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                Outcome::ExplicitDeny,
                false,
            ),
            (
                "under a source-account condition",
                r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}}"#,
                Outcome::Allowed,
                true,
            ),
        ];
        for (name, text, outcome, conditional) in rows {
            let doc = PolicyDocument::parse(text).expect(name);
            let d = trusts_service(&doc, CHIME);
            assert_eq!(d.outcome, *outcome, "{name}: {d:?}");
            assert_eq!(d.conditional, *conditional, "{name}: {d:?}");
            assert_eq!(
                d.is_clear_allow(),
                *outcome == Outcome::Allowed && !conditional
            );
        }
        let doc = PolicyDocument::parse(rows[9].1).expect("parses");
        let d = trusts_service(&doc, CHIME);
        assert!(d.conditions[0].to_string().contains("aws:SourceAccount"));
    }

    fn statement_json() -> impl Strategy<Value = serde_json::Value> {
        let names = prop::collection::vec(
            prop::sample::select(vec![
                "*",
                "mobiletargeting:*",
                "mobiletargeting:SendMessages",
                "MOBILETARGETING:send*",
                "iam:GetRole",
                "sts:AssumeRole",
                "?*",
                "",
            ]),
            0..3,
        );
        let resources = prop::collection::vec(
            prop::sample::select(vec![
                "*",
                MESSAGES,
                "arn:aws:mobiletargeting:*:*:apps/*",
                "arn:aws:mobiletargeting:*:*:apps/x",
            ]),
            0..3,
        );
        (
            prop::bool::ANY,
            prop::bool::ANY,
            names,
            prop::bool::ANY,
            resources,
            prop::bool::ANY,
        )
            .prop_map(
                |(allow, not_action, actions, not_resource, resources, condition)| {
                    let mut s = serde_json::Map::new();
                    s.insert(
                        "Effect".into(),
                        (if allow { "Allow" } else { "Deny" }).into(),
                    );
                    s.insert(
                        (if not_action { "NotAction" } else { "Action" }).into(),
                        serde_json::json!(actions),
                    );
                    s.insert(
                        (if not_resource {
                            "NotResource"
                        } else {
                            "Resource"
                        })
                        .into(),
                        serde_json::json!(resources),
                    );
                    if condition {
                        s.insert(
                            "Condition".into(),
                            serde_json::json!({"Bool": {"aws:SecureTransport": "true"}}),
                        );
                    }
                    serde_json::Value::Object(s)
                },
            )
    }

    fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            prop::sample::select(vec![
                "Allow",
                "Deny",
                "*",
                "Statement",
                "Action",
                "sts:AssumeRole",
                ""
            ])
            .prop_map(serde_json::Value::from),
            ".{0,8}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::vec(
                    (
                        prop::sample::select(vec![
                            "Version",
                            "Statement",
                            "Effect",
                            "Action",
                            "NotAction",
                            "Resource",
                            "NotResource",
                            "Principal",
                            "NotPrincipal",
                            "Service",
                            "Condition",
                            "Sid",
                        ]),
                        inner,
                    ),
                    0..5,
                )
                .prop_map(|kv| {
                    serde_json::Value::Object(
                        kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                    )
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn arbitrary_json_never_panics(value in arbitrary_json(), text in ".{0,64}") {
            if let Ok(doc) = PolicyDocument::from_value(&value) {
                let _ = may(std::slice::from_ref(&doc), SEND, MESSAGES);
                let _ = trusts_service(&doc, CHIME);
            }
            if let Ok(decoded) = decode_document_for_test(&text) {
                let _ = PolicyDocument::parse(&decoded);
            }
        }

        #[test]
        fn an_unconditional_deny_always_wins(statements in prop::collection::vec(statement_json(), 0..6)) {
            let doc = PolicyDocument::from_value(&serde_json::json!({"Statement": statements}))
                .expect("generated statements are valid");
            let plain = may(std::slice::from_ref(&doc), SEND, MESSAGES);
            let deny = PolicyDocument::parse(&format!(
                r#"{{"Statement":{{"Effect":"Deny","Action":"{SEND}","Resource":"{MESSAGES}"}}}}"#
            ))
            .expect("parses");
            let both = may(&[doc, deny], SEND, MESSAGES);
            prop_assert_eq!(both.outcome, Outcome::ExplicitDeny);
            prop_assert!(!both.conditional);
            // And without that Deny, an unconditional matched Deny is the
            // only way to an explicit deny.
            let unconditional_deny = plain
                .matched
                .iter()
                .any(|m| m.effect == Effect::Deny && !m.conditional);
            prop_assert_eq!(plain.outcome == Outcome::ExplicitDeny, unconditional_deny);
            if plain.outcome == Outcome::Allowed {
                prop_assert!(plain.matched.iter().any(|m| m.effect == Effect::Allow));
            }
        }
    }

    fn decode_document_for_test(text: &str) -> Result<String, super::super::PolicyError> {
        super::super::decode_document(text)
    }
}
