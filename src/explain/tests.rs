use std::time::Duration;

use super::*;
use crate::error::Evidence;
use crate::operation::Service;

const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a/user/alice";
const ADMIN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a/user/admin";
const CHANNEL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/support";

fn full_context() -> Context<'static> {
    Context {
        profile: Some("support"),
        region: Some("us-east-1"),
        member: Some(ALICE),
        bearer: Some(ADMIN),
        channel: Some(CHANNEL),
        run: None,
    }
}

fn all_text(r: &Rendered) -> String {
    let mut text = format!("{}\n{}\n", r.title, r.summary);
    for line in r.causes.iter().chain(&r.next_steps) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// Whether `name` occurs as a whole word (ListChannelMemberships is a
/// prefix of ListChannelMembershipsForAppInstanceUser).
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every entry the catalog has, wherever it is kept.
fn every_entry() -> Vec<Entry> {
    let mut entries: Vec<Entry> = ErrorKind::ALL.iter().map(|k| by_kind::entry(*k)).collect();
    for op in Operation::ALL {
        for kind in ErrorKind::ALL {
            entries.extend(by_operation::entry(op, kind));
            entries.extend(by_service::entry(op.service(), kind));
        }
    }
    entries.extend(by_evidence::ALL.iter().copied());
    entries
}

fn every_evidence() -> Vec<Evidence> {
    vec![
        Evidence::Proxy {
            variable: "HTTPS_PROXY".into(),
            url: "http://127.0.0.1:3128".into(),
        },
        Evidence::PlainHttpServer {
            endpoint: "https://127.0.0.1:4566".into(),
        },
        Evidence::Certificate {
            host: "messaging-chime.us-east-1.amazonaws.com:443".into(),
            problem: "has expired".into(),
            issuer: Some("CN=Corp Inspection CA, O=Corp".into()),
            proxy: Some("http://127.0.0.1:3128".into()),
            bundle: Some("AWS_CA_BUNDLE=/etc/corp.pem (1 certificate added)".into()),
        },
        Evidence::NotPlainHttp {
            endpoint: "http://127.0.0.1:4566".into(),
        },
        Evidence::ProcessTimedOut {
            profile: "support".into(),
            after: Duration::from_secs(10),
        },
        Evidence::ProcessFailed {
            profile: "support".into(),
            status: "exit status 3".into(),
            stderr: Some("token expired".into()),
        },
        Evidence::ProcessOutput {
            profile: "support".into(),
            problem: "printed no JSON".into(),
        },
        Evidence::SsoProfile {
            profile: "support".into(),
            legacy: true,
        },
        Evidence::ProfileNotFound {
            profile: "nosuch".into(),
            config_file: "/home/u/.aws/config".into(),
            existing: vec!["default".into(), "support".into()],
        },
        Evidence::ProxyAuthRequired {
            variable: "HTTPS_PROXY".into(),
            url: "http://127.0.0.1:3128".into(),
        },
        Evidence::ClosedMidAnswer {
            endpoint: "http://127.0.0.1:4566".into(),
        },
    ]
    .into_iter()
    .chain(assume_role_evidence())
    .collect()
}

fn assume_role_evidence() -> Vec<Evidence> {
    let role = |web_identity: bool, failure| Evidence::AssumeRole {
        profile: Some("support".into()),
        role_arn: Some("arn:aws:iam::111122223333:role/ChimeSupport".into()),
        source_profile: (!web_identity).then(|| "base".to_string()),
        web_identity,
        failure,
    };
    let refused = |code: &str| crate::error::StsFailure::Refused {
        code: code.into(),
        message: Some("no".into()),
        request_id: None,
    };
    vec![
        role(false, refused("AccessDenied")),
        role(false, refused("ExpiredToken")),
        role(true, refused("AccessDenied")),
        role(
            false,
            crate::error::StsFailure::Unreachable {
                detail: "connection refused".into(),
            },
        ),
        role(
            true,
            crate::error::StsFailure::Other {
                detail: "the web identity token file could not be read".into(),
            },
        ),
    ]
}

#[test]
fn a_role_that_cannot_be_assumed_says_which_and_why() {
    let titles: Vec<(String, bool, String)> = assume_role_evidence()
        .into_iter()
        .map(|evidence| {
            let err = CallError::new(
                Operation::GetChannelMembershipPreferences,
                ErrorKind::AssumeRoleFailed,
            )
            .with_evidence(evidence);
            let rendered = explain_error(&err, &full_context());
            assert!(!all_text(&rendered).contains("sso"), "{rendered:?}");
            (rendered.title, rendered.retryable, rendered.summary)
        })
        .collect();
    for (title, _, summary) in &titles {
        assert_eq!(title, "Could not assume the role");
        assert!(
            summary
                .starts_with("Could not assume role arn:aws:iam::111122223333:role/ChimeSupport"),
            "{summary}"
        );
    }
    assert!(
        titles[0]
            .2
            .contains("STS AssumeRole answered AccessDenied: no."),
        "{}",
        titles[0].2
    );
    assert!(
        titles[1]
            .2
            .contains("refused the credentials that ask for it (ExpiredToken: no)")
    );
    assert!(titles[2].2.contains("with a web identity token"));
    // Only an unreachable STS may answer next time.
    let retry: Vec<bool> = titles.iter().map(|t| t.1).collect();
    assert_eq!(retry, [false, false, false, true, false]);
}

#[test]
fn every_operation_and_kind_has_a_complete_explanation() {
    for op in Operation::ALL {
        for kind in ErrorKind::ALL {
            let entry = explain(op, kind);
            assert_eq!((entry.operation, entry.kind), (op, kind));
            let rendered = entry.render(&full_context());
            assert!(!rendered.title.is_empty(), "{op} {kind:?}");
            assert!(
                rendered.summary.len() > 30,
                "{op} {kind:?} summary too thin"
            );
            assert!(!rendered.causes.is_empty(), "{op} {kind:?} has no causes");
            assert!(
                !rendered.next_steps.is_empty(),
                "{op} {kind:?} has no next steps"
            );
            assert_eq!(rendered.retryable, kind.retryable());
        }
    }
}

#[test]
fn titles_are_plain_text_and_every_value_is_one_the_catalog_knows() {
    for entry in every_entry() {
        assert!(
            !entry.title.contains(['{', '[']) && !entry.title.contains("||"),
            "{}",
            entry.title
        );
        let lines = [entry.summary]
            .into_iter()
            .chain(entry.summary_when_sent)
            .chain(entry.causes.iter().copied())
            .chain(entry.bearer_causes.iter().copied())
            .chain(entry.next_steps.iter().copied())
            .chain(entry.bearer_steps.iter().copied());
        for line in lines {
            for name in template::names(line) {
                assert!(values::NAMES.contains(&name), "{{{name}}} in {line:?}");
            }
            assert_eq!(
                line.matches('[').count(),
                line.matches(']').count(),
                "{line}"
            );
        }
    }
}

/// Each explanation is about the operation that failed: it names it, a
/// denial names its IAM action, and no other operation is mentioned.
#[test]
fn every_explanation_speaks_about_its_own_operation() {
    for op in Operation::ALL {
        let mut errors: Vec<CallError> = ErrorKind::ALL
            .iter()
            .map(|k| CallError::new(op, *k))
            .collect();
        for evidence in every_evidence() {
            for kind in [
                ErrorKind::EndpointUnreachable,
                ErrorKind::CredentialsExpired,
                ErrorKind::CredentialProcess,
                ErrorKind::CredentialsMissing,
            ] {
                errors.push(CallError::new(op, kind).with_evidence(evidence.clone()));
            }
        }
        for err in errors {
            let rendered = explain_error(&err, &full_context());
            let text = all_text(&rendered);
            let what = format!("{op} {:?} {:?}", err.kind, err.evidence);
            assert!(
                mentions(&rendered.summary, op.api_name()),
                "{what}: the summary does not name the operation:\n{text}"
            );
            if matches!(err.kind, ErrorKind::Forbidden | ErrorKind::AccessDenied) {
                assert!(text.contains(&op.iam_action()), "{what}:\n{text}");
            }
            for other in Operation::ALL.iter().filter(|o| **o != op) {
                assert!(
                    !mentions(&text, other.api_name()),
                    "{what} mentions {other}:\n{text}"
                );
            }
            if op != Operation::GetChannelMembershipPreferences {
                assert!(
                    !text.to_ascii_lowercase().contains("preferences"),
                    "{what}:\n{text}"
                );
            }
            if matches!(op.service(), Service::Pinpoint | Service::Iam) {
                // No bearer, no channel: these are the push set-up's calls.
                assert!(!text.contains("x-amz-chime-bearer"), "{what}:\n{text}");
                assert!(!text.contains("--bearer-arn"), "{what}:\n{text}");
                assert!(!text.contains("messaging-chime"), "{what}:\n{text}");
            }
            if op.service() == Service::Identity {
                assert!(
                    !text.contains("x-amz-chime-bearer") || text.contains("take no bearer"),
                    "{what}:\n{text}"
                );
                assert!(!text.contains("messaging-chime"), "{what}:\n{text}");
            }
        }
    }
}

/// Where a value is unknown, the text is said without it: never a
/// `<profile>` or an unfilled `{profile}`.
#[test]
fn nothing_stands_in_for_an_unknown_value() {
    for op in Operation::ALL {
        for kind in ErrorKind::ALL {
            let mut errors = vec![CallError::new(op, kind)];
            errors.extend(
                every_evidence()
                    .into_iter()
                    .map(|e| CallError::new(op, kind).with_evidence(e)),
            );
            for err in errors {
                let text = all_text(&explain_error(&err, &Context::default()));
                for bad in ['<', '>', '{', '}', '[', ']'] {
                    assert!(
                        !text.contains(bad),
                        "{op} {kind:?} {:?}: {bad:?} in\n{text}",
                        err.evidence
                    );
                }
                assert!(!text.contains("||"), "{text}");
            }
        }
    }
}

#[test]
fn not_found_means_what_it_means_for_each_operation() {
    let text = |op| all_text(&explain(op, ErrorKind::NotFound).render(&full_context()));
    let ban = text(Operation::DescribeChannelBan);
    assert!(ban.contains("Not banned"), "{ban}");
    assert!(ban.contains("NotFound is the good answer"), "{ban}");
    let membership = text(Operation::DescribeChannelMembership);
    assert!(membership.contains("not a member"), "{membership}");
    let endpoint = text(Operation::DescribeAppInstanceUserEndpoint);
    assert!(endpoint.contains("No such endpoint"), "{endpoint}");
    let app = text(Operation::GetApp);
    assert!(
        app.contains("The Pinpoint application does not exist"),
        "{app}"
    );
    for channel in [
        Operation::GetApnsChannel,
        Operation::GetApnsSandboxChannel,
        Operation::GetGcmChannel,
    ] {
        let text = text(channel);
        assert!(text.contains("No such push channel"), "{text}");
        // The command carries the run's flags between `aws` and the service.
        let command = format!("pinpoint {}", channel.cli_name());
        assert!(text.contains(&command), "{text}");
    }
    let role = text(Operation::GetRole);
    assert!(
        role.contains("ServiceRoleForAmazonChimePushNotification")
            && role.contains("messaging.chime.amazonaws.com"),
        "{role}"
    );
    let policy = text(Operation::GetPolicyVersion);
    assert!(policy.contains("NoSuchEntity"), "{policy}");
}

/// IAM is global: an unreachable IAM names its one host, never a regional
/// one that does not exist.
#[test]
fn an_unreachable_iam_names_its_global_host() {
    let info = crate::aws::ClientInfo::default();
    let run = Context {
        run: Some(&info),
        ..full_context()
    };
    let text = all_text(&explain(Operation::GetRole, ErrorKind::EndpointUnreachable).render(&run));
    assert!(text.contains("https://iam.amazonaws.com"), "{text}");
    assert!(!text.contains("iam.us-east-1"), "{text}");
    let chime = all_text(
        &explain(
            Operation::ListChannelMemberships,
            ErrorKind::EndpointUnreachable,
        )
        .render(&run),
    );
    assert!(
        chime.contains("https://messaging-chime.us-east-1.amazonaws.com"),
        "{chime}"
    );
}

/// A refused simulation is no dead end: the role's policies are read
/// instead, and the text says so and names the action to allow.
#[test]
fn a_refused_simulation_says_the_policies_are_read_instead() {
    let mut err = CallError::new(Operation::SimulatePrincipalPolicy, ErrorKind::AccessDenied);
    err.http_status = Some(403);
    err.message = Some(
        "User: arn:aws:sts::111122223333:assumed-role/Support/alice is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role ServiceRoleForAmazonChimePushNotification because no identity-based policy allows the iam:SimulatePrincipalPolicy action".into(),
    );
    let rendered = explain_error(&err, &Context::default());
    let text = all_text(&rendered);
    assert!(
        rendered.summary.contains(
            "arn:aws:sts::111122223333:assumed-role/Support/alice may not perform iam:SimulatePrincipalPolicy"
        ),
        "{text}"
    );
    assert!(text.contains("reads the role's policies instead"), "{text}");
    // A Pinpoint refusal is the caller's own IAM, not the customer's set-up.
    let mut pinpoint = CallError::new(Operation::GetGcmChannel, ErrorKind::AccessDenied);
    pinpoint.http_status = Some(403);
    pinpoint.message = Some(
        "User: arn:aws:sts::111122223333:assumed-role/Support/alice is not authorized to perform: mobiletargeting:GetGcmChannel on resource: arn:aws:mobiletargeting:us-east-1:111122223333:apps/p/channels/gcm".into(),
    );
    let rendered = explain_error(&pinpoint, &Context::default());
    assert!(
        rendered
            .summary
            .contains("may not perform mobiletargeting:GetGcmChannel"),
        "{}",
        rendered.summary
    );
    let policy: serde_json::Value =
        serde_json::from_str(rendered.policy.as_deref().expect("a statement")).expect("JSON");
    assert_eq!(policy["Action"], "mobiletargeting:GetGcmChannel");
    let forbidden =
        all_text(&explain(Operation::GetApp, ErrorKind::Forbidden).render(&Context::default()));
    assert!(
        forbidden.contains("says nothing about the customer's push set-up"),
        "{forbidden}"
    );
}

#[test]
fn retryability_matches_the_service_model() {
    for kind in [
        ErrorKind::Throttled,
        ErrorKind::ServiceFailure,
        ErrorKind::ServiceUnavailable,
    ] {
        assert!(kind.retryable(), "{kind:?}");
    }
    for kind in [
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::AccessDenied,
        ErrorKind::NotFound,
        ErrorKind::RegionMismatch,
        ErrorKind::CredentialProcess,
        ErrorKind::CertificateUntrusted,
    ] {
        assert!(!kind.retryable(), "{kind:?}");
    }
}

#[test]
fn forbidden_explains_the_owner_rule_and_iam() {
    let text = explain(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::Forbidden,
    )
    .render(&Context::default())
    .summary;
    assert!(text.contains("bearer is not the member"));
    assert!(text.contains("chime:GetChannelMembershipPreferences"));
}

#[test]
fn what_was_already_done_is_not_suggested() {
    let entry = explain(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::Forbidden,
    );
    let same = entry.render(&Context {
        member: Some(ALICE),
        bearer: Some(ALICE),
        ..Context::default()
    });
    let same_text = all_text(&same);
    assert!(
        !same.causes.iter().any(|c| c.contains("is not the member")),
        "{same_text}"
    );
    assert!(!same_text.contains("leave --bearer-arn out"), "{same_text}");
    let other = entry.render(&Context {
        member: Some(ALICE),
        bearer: Some(ADMIN),
        ..Context::default()
    });
    assert!(
        other.causes[0].contains("is not the member"),
        "{:?}",
        other.causes
    );
    assert!(other.next_steps[0].contains("leave --bearer-arn out"));
    let unknown = entry.render(&Context::default());
    assert!(unknown.causes[0].contains("is not the member"));
    // The same for an unrecognised bearer.
    let unauthorized = all_text(
        &explain(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::Unauthorized,
        )
        .render(&Context {
            member: Some(ALICE),
            bearer: Some(ALICE),
            ..Context::default()
        }),
    );
    assert!(!unauthorized.contains("--bearer-arn"), "{unauthorized}");
}

#[test]
fn render_fills_values_and_says_steps_without_unknown_ones() {
    let ctx = Context {
        profile: Some("support"),
        ..Context::default()
    };
    let expired = explain(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::CredentialsExpired,
    );
    let rendered = expired.render(&ctx);
    assert!(
        rendered
            .next_steps
            .iter()
            .any(|s| s == "Refresh the SSO session: aws --profile support sso login"),
        "{:?}",
        rendered.next_steps
    );
    let unfilled = expired.render(&Context::default());
    assert_eq!(
        unfilled.next_steps[0],
        "Refresh the SSO session: aws sso login"
    );
    let bad_request = explain(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::BadRequest,
    );
    let with_arns = bad_request.render(&full_context());
    assert!(
        with_arns.next_steps[0].contains(&format!("--channel-arn {CHANNEL}")),
        "{:?}",
        with_arns.next_steps
    );
    let without = bad_request.render(&Context::default());
    assert_eq!(
        without.next_steps[0],
        "Check the membership exists with aws chime-sdk-messaging describe-channel-membership."
    );
}

#[test]
fn an_iam_denial_leads_with_principal_action_and_the_statement_to_allow_it() {
    let mut err = CallError::new(Operation::ListChannelMemberships, ErrorKind::AccessDenied);
    err.http_status = Some(403);
    err.message = Some(format!(
        "User: arn:aws:sts::111122223333:assumed-role/Support/alice is not authorized to perform: chime:ListChannelMemberships on resource: {CHANNEL} because no identity-based policy allows the chime:ListChannelMemberships action"
    ));
    let rendered = explain_error(&err, &Context::default());
    assert_eq!(rendered.title, "IAM denies the call");
    assert!(
        rendered.summary.starts_with("AWS IAM refused the call")
            && rendered.summary.contains(
                "arn:aws:sts::111122223333:assumed-role/Support/alice may not perform chime:ListChannelMemberships on "
            ),
        "{}",
        rendered.summary
    );
    let policy: serde_json::Value =
        serde_json::from_str(rendered.policy.as_deref().expect("a statement")).expect("JSON");
    assert_eq!(policy["Action"], "chime:ListChannelMemberships");
    assert_eq!(policy["Resource"], CHANNEL);
    assert!(
        rendered
            .next_steps
            .iter()
            .any(|s| s.contains("--policy-source-arn arn:aws:iam::111122223333:role/Support")),
        "{:?}",
        rendered.next_steps
    );

    // An explicit Deny: no Allow statement will help, so none is offered.
    err.message = Some(
        "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: chime:ListChannelMemberships with an explicit deny in a service control policy".into(),
    );
    let denied = explain_error(&err, &Context::default());
    assert_eq!(denied.policy, None);
    assert!(denied.title.contains("Deny"), "{}", denied.title);
    assert!(all_text(&denied).contains("service control policy"));
}

#[test]
fn nothing_claims_aws_refused_what_was_never_sent() {
    let unsent = CallError::new(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::CredentialsExpired,
    );
    let text = explain_error(&unsent, &Context::default()).summary;
    assert!(!text.contains("refused"), "{text}");
    assert!(text.contains("did not send"), "{text}");
    let mut sent = unsent.clone();
    sent.http_status = Some(403);
    let text = explain_error(&sent, &Context::default()).summary;
    assert!(text.contains("AWS refused"), "{text}");
}

#[test]
fn an_expired_legacy_sso_profile_says_sign_in_first() {
    let err = CallError::new(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::CredentialsMissing,
    )
    .with_evidence(Evidence::SsoProfile {
        profile: "corp".into(),
        legacy: true,
    });
    let rendered = explain_error(&err, &Context::default());
    assert_eq!(rendered.title, "SSO session expired");
    assert_eq!(
        rendered.next_steps[0],
        "Sign in first: aws --profile corp sso login"
    );
}

/// Output shows the code, message and request id before the explanation:
/// the catalog points up at them, never down.
#[test]
fn the_catalog_points_at_what_is_above() {
    for entry in every_entry() {
        let lines = [entry.summary]
            .into_iter()
            .chain(entry.summary_when_sent)
            .chain(entry.causes.iter().copied())
            .chain(entry.next_steps.iter().copied())
            .chain(entry.bearer_steps.iter().copied());
        for line in lines {
            let below_ok = line.contains("policy statement below");
            assert!(!line.contains(" below") || below_ok, "{line}");
        }
    }
    let unknown = explain(
        Operation::GetChannelMembershipPreferences,
        ErrorKind::UnknownCode,
    )
    .render(&Context::default());
    assert_eq!(unknown.next_steps[0], "Read the code and message above.");
}
