//! Explanations from the evidence in hand, end to end: the real SDK
//! against a loopback server, classified, then rendered as `get --output
//! text` and `--output json` render it.

mod aws_loopback;

use aws_loopback::{Loopback, Reply, channel, settings, user};
use chime_prefs::aws::Clients;
use chime_prefs::error::ErrorKind;
use chime_prefs::explain::Context;
use chime_prefs::model::Target;
use chime_prefs::output::{json, text};

const PRINCIPAL: &str = "arn:aws:sts::111122223333:assumed-role/Support/alice";

fn denial(action: &str) -> String {
    format!(
        "User: {PRINCIPAL} is not authorized to perform: {action} on resource: {} because no identity-based policy allows the {action} action",
        channel()
    )
}

fn target() -> Target {
    Target {
        channel_arn: channel(),
        member_arn: user("carol"),
        bearer_arn: user("carol"),
    }
}

fn context(target: &Target) -> Context<'_> {
    Context {
        run: None,
        profile: Some("support"),
        region: Some("eu-central-1"),
        member: Some(&target.member_arn),
        bearer: Some(&target.bearer_arn),
        channel: Some(&target.channel_arn),
    }
}

#[tokio::test]
async fn an_iam_denial_leads_with_the_principal_the_action_and_the_statement() {
    let message = denial("chime:GetChannelMembershipPreferences");
    // As IAM sends it: the suffixed error type, a lowercase `message`.
    let server = Loopback::start(move |_, _| Reply {
        status: 403,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            (
                "x-amzn-ErrorType".into(),
                "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/"
                    .into(),
            ),
        ],
        body: serde_json::json!({ "message": message }).to_string(),
        delay: std::time::Duration::ZERO,
    })
    .await;
    let t = target();
    let err = Clients::connect(&settings(&server.url()))
        .await
        .get_preferences(&t)
        .await
        .expect_err("denied");
    assert_eq!(err.kind, ErrorKind::AccessDenied);
    let out = text::error_text(&err, &context(&t));
    assert!(
        out.starts_with("error: IAM denies the call (HTTP 403)"),
        "{out}"
    );
    let summary = out
        .split("What it means:\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    assert!(
        summary.contains(&format!(
            "{PRINCIPAL} may not perform chime:GetChannelMembershipPreferences on {}",
            channel()
        )),
        "{summary}"
    );
    let statement = out
        .split("A policy statement that allows it:\n")
        .nth(1)
        .expect("the statement follows the steps");
    let value: serde_json::Value = serde_json::from_str(statement).expect("the statement is JSON");
    assert_eq!(value["Action"], "chime:GetChannelMembershipPreferences");
    assert_eq!(value["Resource"], channel());

    let as_json: serde_json::Value =
        serde_json::from_str(&json::error_json(&err, &context(&t))).expect("JSON");
    let explanation = &as_json["Error"]["Explanation"];
    assert_eq!(explanation["Title"], "IAM denies the call");
    assert_eq!(explanation["PolicyStatement"]["Resource"], channel());
    assert_eq!(
        as_json["Error"]["Operation"],
        "GetChannelMembershipPreferences"
    );
    assert_eq!(as_json["Error"]["Region"], "eu-central-1");
}

/// A front end that passes IAM's denial on as a plain 403 is still read as
/// the IAM denial its message says it is.
#[tokio::test]
async fn a_plain_403_with_an_iam_message_is_an_iam_denial() {
    let message = denial("chime:ListChannelMemberships");
    let server =
        Loopback::start(move |_, _| Reply::error(403, "ForbiddenException", "Forbidden", &message))
            .await;
    let err = Clients::connect(&settings(&server.url()))
        .await
        .list_memberships(&channel(), &user("carol"), false, None)
        .await
        .expect_err("denied");
    assert_eq!(err.kind, ErrorKind::AccessDenied);
    let out = text::error_text(&err, &Context::default());
    assert!(
        out.contains("Operation:     ListChannelMemberships"),
        "{out}"
    );
    assert!(
        out.contains("\"Action\": \"chime:ListChannelMemberships\""),
        "{out}"
    );
    assert!(!out.contains("GetChannelMembershipPreferences"), "{out}");
}

/// The owner rule's 403 when the bearer already is the member: the step
/// "leave --bearer-arn out" would suggest what was already done.
#[tokio::test]
async fn what_was_already_done_is_not_suggested() {
    let server =
        Loopback::start(|_, _| Reply::error(403, "ForbiddenException", "Forbidden", "Forbidden"))
            .await;
    let t = target();
    let err = Clients::connect(&settings(&server.url()))
        .await
        .get_preferences(&t)
        .await
        .expect_err("forbidden");
    let out = text::error_text(&err, &context(&t));
    assert!(
        out.starts_with("error: Not allowed to read these preferences"),
        "{out}"
    );
    assert!(!out.contains("--bearer-arn"), "{out}");
    assert!(!out.contains("is not the member ("), "{out}");
    let mut other = t.clone();
    other.bearer_arn = user("admin");
    let out = text::error_text(&err, &context(&other));
    assert!(out.contains("leave --bearer-arn out"), "{out}");
}
