//! Behind the device, served by the demo: the Pinpoint GETs and IAM's
//! query-protocol POSTs read through the real SDK clients (so the shapes
//! are the ones the SDK parses), the IAM world the access key picks, and
//! the refusal of anything that is not read-only.

use std::time::Duration;

use super::http;
use super::{auth_scoped, start};
use crate::aws::{AwsSettings, Clients, role_arn};
use crate::error::ErrorKind;
use crate::model::{AuthenticationMethod, EvalDecision, PinpointAppRef, PushChannelKind};
use crate::policy::{Outcome, PolicyDocument, may, trusts_service};

const ACCOUNT: &str = "111122223333";
const ROLE: &str = "ServiceRoleForAmazonChimePushNotification";
const SECRET: &str = "AAAAdemo-secret-fcm-server-key";

fn app(id: &str) -> PinpointAppRef {
    PinpointAppRef {
        region: "us-east-1".into(),
        account: ACCOUNT.into(),
        app_id: id.into(),
    }
}

const DEFAULT_APP: &str = "5f8e2a9c41d74b0e9a3c6d1f2b7e8a90";
const LEGACY: &str = "1e9acf0c5e7a4b1d8c2f3a4b5c6d7e01";
const STORE_ONLY: &str = "a9b5c0de1f2e4d3c8b7a6f5e4d3c2b03";
const DELETED: &str = "de1e7ed0a1b24c3d8e9f0a1b2c3d4e04";
const LOCKED: &str = "0d3a1ed05e6f4a7b8c9d0e1f2a3b4c06";

async fn clients(url: &str, key: &str) -> Clients {
    Clients::connect(&AwsSettings {
        endpoint_url: Some(url.to_string()),
        static_credentials: Some((key.into(), "demo-secret".into())),
        timeout: Duration::from_secs(5),
        max_attempts: 1,
        ..AwsSettings::default()
    })
    .await
}

#[tokio::test]
async fn pinpoint_apps_and_channels_read_through_the_sdk() {
    let server = start().await;
    let c = clients(&server.endpoint_url(), "AKIDEMOCHIMEPREFS00").await;
    let demo = c.get_app(&app(DEFAULT_APP)).await.expect("the default app");
    assert_eq!(demo.value.name.as_deref(), Some("Demo Chat"));
    for kind in [
        PushChannelKind::Apns,
        PushChannelKind::ApnsSandbox,
        PushChannelKind::Gcm,
    ] {
        let channel = c
            .get_push_channel(&app(DEFAULT_APP), kind)
            .await
            .expect("channel");
        assert_eq!(channel.value.enabled, Some(true), "{kind:?}");
        assert_eq!(
            channel.value.default_authentication_method,
            Some(AuthenticationMethod::Token)
        );
    }
    let legacy = c
        .get_push_channel(&app(LEGACY), PushChannelKind::Gcm)
        .await
        .expect("legacy gcm");
    assert_eq!(legacy.value.has_fcm_service_credentials, Some(false));
    assert_eq!(
        legacy.value.default_authentication_method,
        Some(AuthenticationMethod::Key)
    );
    assert!(!format!("{legacy:?}").contains(SECRET));
    let sandbox = c
        .get_push_channel(&app(STORE_ONLY), PushChannelKind::ApnsSandbox)
        .await
        .expect_err("no sandbox channel");
    assert_eq!(sandbox.kind, ErrorKind::NotFound);
    assert_eq!(sandbox.message.as_deref(), Some("Resource not found"));
    assert!(sandbox.request_id.is_some());
    let gone = c.get_app(&app(DELETED)).await.expect_err("deleted");
    assert_eq!(gone.kind, ErrorKind::NotFound);
    let locked = c.get_app(&app(LOCKED)).await.expect_err("denied");
    assert_eq!(locked.kind, ErrorKind::AccessDenied);
    let denial = locked.iam_denial().expect("an IAM denial");
    assert_eq!(denial.action, "mobiletargeting:GetApp");
    server.shutdown().await;
}

#[tokio::test]
async fn the_role_and_its_simulation_read_through_the_sdk() {
    let server = start().await;
    let url = server.endpoint_url();
    let c = clients(&url, "AKIDEMOCHIMEPREFS00").await;
    let role = c.get_role(ACCOUNT, ROLE).await.expect("role");
    assert_eq!(role.value.arn, role_arn(ACCOUNT));
    let trust = PolicyDocument::parse(role.value.trust_policy.as_deref().expect("trust"))
        .expect("trust JSON");
    assert!(trusts_service(&trust, "messaging.chime.amazonaws.com").is_clear_allow());
    assert_eq!(role.value.last_used_region.as_deref(), Some("us-east-1"));
    let allowed = c
        .simulate_send(&role_arn(ACCOUNT), &app(DEFAULT_APP))
        .await
        .expect("simulation");
    assert_eq!(allowed.value.decision, EvalDecision::Allowed);
    assert_eq!(
        allowed.value.matched_statements[0]
            .source_policy_id
            .as_deref(),
        Some("ChimePushSend")
    );

    let missing = clients(&url, "AKIDEMOROLEMISSING01")
        .await
        .get_role(ACCOUNT, ROLE)
        .await
        .expect_err("no role");
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert_eq!(missing.code.as_deref(), Some("NoSuchEntity"));

    let no_permission = clients(&url, "AKIDEMOROLENOPERM01")
        .await
        .simulate_send(&role_arn(ACCOUNT), &app(DEFAULT_APP))
        .await
        .expect("simulation");
    assert_eq!(no_permission.value.decision, EvalDecision::ImplicitDeny);

    // Refused simulation: the policies are read instead and agree.
    let support = clients(&url, "AKIDEMONOSIMULATE01").await;
    let refused = support
        .simulate_send(&role_arn(ACCOUNT), &app(DEFAULT_APP))
        .await
        .expect_err("refused");
    assert_eq!(refused.kind, ErrorKind::AccessDenied);
    assert_eq!(
        refused.iam_denial().map(|d| d.action).as_deref(),
        Some("iam:SimulatePrincipalPolicy")
    );
    let policies = support
        .role_policies(&role_arn(ACCOUNT), ROLE)
        .await
        .expect("policies");
    assert_eq!(policies.value.len(), 2, "one inline, one attached");
    let documents: Vec<PolicyDocument> = policies
        .value
        .iter()
        .map(|p| PolicyDocument::parse(&p.document).expect("JSON"))
        .collect();
    let decision = may(
        &documents,
        "mobiletargeting:SendMessages",
        &app(DEFAULT_APP).messages_arn(),
    );
    assert_eq!(decision.outcome, Outcome::Allowed);
    server.shutdown().await;
}

#[tokio::test]
async fn only_read_only_iam_actions_are_served_and_errors_are_iam_xml() {
    let server = start().await;
    let addr = server.addr();
    let auth = auth_scoped("AKIDEMOCHIMEPREFS00", "iam");
    let form = |action: &str| {
        let body = format!("Action={action}&Version=2010-05-08&RoleName={ROLE}");
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: {auth}\r\nX-Amz-Date: 20250101T000000Z\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        head.into_bytes()
    };
    for action in [
        "CreateRole",
        "DeleteRole",
        "PutRolePolicy",
        "UpdateAssumeRolePolicy",
    ] {
        let reply = http::raw(addr, &form(action)).await;
        assert_eq!(reply.status, 400, "{action}");
        let text = reply.text();
        assert!(text.contains("<Code>InvalidAction</Code>"), "{text}");
        assert!(text.contains("read-only"), "{text}");
        assert!(text.contains(action), "{text}");
        assert_eq!(reply.header("content-type"), Some("text/xml"));
    }
    let reply = http::raw(addr, &form("GetRole")).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("<GetRoleResponse"));
    // The query protocol is POST: a GET of the same action is refused.
    let get = http::request(
        addr,
        "GET",
        "/?Action=GetRole&RoleName=x",
        &[("Authorization", &auth), ("X-Amz-Date", "20250101T000000Z")],
    )
    .await;
    assert_eq!(get.status, 405);
    assert_eq!(get.header("allow"), Some("POST"));
    assert!(
        get.text().contains("<Code>MethodNotAllowed"),
        "{}",
        get.text()
    );
    // Signed for another service: refused at the front door, in IAM's shape.
    let chime = auth_scoped("AKIDEMOCHIMEPREFS00", "chime");
    let wrong = http::raw(
        addr,
        &String::from_utf8(form("GetRole"))
            .expect("ASCII")
            .replace(&auth, &chime)
            .into_bytes(),
    )
    .await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.text().contains("'iam'"), "{}", wrong.text());
    server.shutdown().await;
}
