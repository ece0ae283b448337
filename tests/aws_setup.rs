//! Behind the device: the Pinpoint and IAM calls through the real SDK
//! clients against a loopback server that records what arrives. Pinpoint
//! goes to the app ARN's region signed as `mobiletargeting`; IAM is global,
//! signed as `iam` for us-east-1 whatever the configured region, as form
//! POSTs of read-only actions. Answers map into the model (policy
//! documents decoded), errors classify (Pinpoint's `{Message, RequestID}`,
//! IAM's XML), and no channel secret reaches anything the tool keeps.

mod aws_loopback;

use aws_loopback::{Loopback, Recorded, Reply, settings};
use chime_prefs::aws::{AwsSettings, Clients, RegionSource, role_arn};
use chime_prefs::error::ErrorKind;
use chime_prefs::model::{
    AuthenticationMethod, EvalDecision, PinpointAppRef, PolicySource, PushChannelKind,
};
use chime_prefs::operation::Operation;

const ACCOUNT: &str = "111122223333";
const SERVER_KEY: &str = "AAAAsecretLegacyFcmServerKey-0123456789";
const PRINCIPAL: &str = "arn:aws:sts::999988887777:assumed-role/Support/alice";

fn app() -> PinpointAppRef {
    PinpointAppRef {
        region: "eu-west-1".into(),
        account: ACCOUNT.into(),
        app_id: "0123abcd".into(),
    }
}

/// Clients whose configured region (and `--region`) name another region:
/// neither may win over the app ARN's, nor move IAM from us-east-1.
async fn clients(server: &Loopback) -> Clients {
    let mut s = settings(&server.url());
    s.region = Some("us-west-2".into());
    s.region_source = Some(RegionSource::Environment("AWS_REGION"));
    Clients::connect(&s).await
}

fn assert_pinpoint(request: &Recorded, path: &str) {
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, path);
    assert_eq!(request.signed_service().as_deref(), Some("mobiletargeting"));
    assert_eq!(request.signed_region().as_deref(), Some("eu-west-1"));
    assert_eq!(request.header("x-amz-chime-bearer"), None);
}

fn assert_iam(request: &Recorded, action: &str) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(request.signed_service().as_deref(), Some("iam"));
    assert_eq!(request.signed_region().as_deref(), Some("us-east-1"));
    assert_eq!(request.form("Action").as_deref(), Some(action));
    assert_eq!(request.form("Version").as_deref(), Some("2010-05-08"));
}

fn percent(json: &str) -> String {
    percent_encoding::utf8_percent_encode(json, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn iam_ok(action: &str, result: &str) -> Reply {
    Reply::xml(&format!(
        "<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-{action}</RequestId></ResponseMetadata></{action}Response>"
    ))
}

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"messaging.chime.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const SEND: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mobiletargeting:SendMessages","Resource":"arn:aws:mobiletargeting:*:111122223333:apps/*/messages"}]}"#;

#[tokio::test]
async fn get_app_goes_to_the_app_region_signed_as_mobiletargeting() {
    let server = Loopback::start(|_, _| {
        Reply::json(
            r#"{"Arn":"arn:aws:mobiletargeting:eu-west-1:111122223333:apps/0123abcd","Id":"0123abcd","Name":"Demo \u001b[31mapp","CreationDate":"2024-03-01T10:00:00.000Z","tags":{}}"#,
        )
    })
    .await;
    let found = clients(&server).await.get_app(&app()).await.expect("app");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_pinpoint(&requests[0], "/v1/apps/0123abcd");
    assert_eq!(found.value.id, "0123abcd");
    assert_eq!(found.value.name.as_deref(), Some("Demo \u{1b}[31mapp"));
    assert_eq!(
        found.value.created.as_deref(),
        Some("2024-03-01T10:00:00.000Z")
    );
    assert_eq!(found.region, "eu-west-1");
    assert_eq!(found.meta.request_id.as_deref(), Some("loopback-0"));
}

#[tokio::test]
async fn a_deleted_app_is_not_found_and_a_denial_names_principal_and_action() {
    let server = Loopback::start(|r, _| {
        if r.path.ends_with("/gcm") {
            Reply::pinpoint_error(
                403,
                "ForbiddenException",
                &format!("User: {PRINCIPAL} is not authorized to perform: mobiletargeting:GetGcmChannel on resource: arn:aws:mobiletargeting:eu-west-1:111122223333:apps/0123abcd/channels/gcm"),
            )
        } else {
            Reply::pinpoint_error(404, "NotFoundException", "Resource not found")
        }
    })
    .await;
    let c = clients(&server).await;
    let gone = c.get_app(&app()).await.expect_err("404");
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert_eq!(gone.operation, Operation::GetApp);
    assert_eq!(gone.http_status, Some(404));
    assert_eq!(gone.message.as_deref(), Some("Resource not found"));
    assert_eq!(gone.attempts, 1, "a 404 is not retried");
    let denied = c
        .get_push_channel(&app(), PushChannelKind::Gcm)
        .await
        .expect_err("403");
    assert_eq!(denied.kind, ErrorKind::AccessDenied);
    assert_eq!(denied.operation, Operation::GetGcmChannel);
    let denial = denied.iam_denial().expect("an IAM denial");
    assert_eq!(denial.principal, PRINCIPAL);
    assert_eq!(denial.action, "mobiletargeting:GetGcmChannel");
}

#[tokio::test]
async fn channels_map_their_flags_and_no_gcm_secret_is_kept() {
    let server = Loopback::start(|r, _| {
        if r.path.ends_with("/gcm") {
            Reply::json(&format!(
                r#"{{"ApplicationId":"0123abcd","Platform":"GCM","Enabled":true,"IsArchived":false,"Credential":"{SERVER_KEY}","HasCredential":true,"HasFcmServiceCredentials":false,"DefaultAuthenticationMethod":"KEY","LastModifiedDate":"2023-02-01T00:00:00.000Z","Version":4}}"#
            ))
        } else {
            Reply::json(
                r#"{"ApplicationId":"0123abcd","Platform":"APNS_SANDBOX","Enabled":false,"IsArchived":false,"HasTokenKey":true,"DefaultAuthenticationMethod":"TOKEN","Version":1}"#,
            )
        }
    })
    .await;
    let c = clients(&server).await;
    let gcm = c
        .get_push_channel(&app(), PushChannelKind::Gcm)
        .await
        .expect("gcm");
    let sandbox = c
        .get_push_channel(&app(), PushChannelKind::ApnsSandbox)
        .await
        .expect("sandbox");
    let requests = server.requests();
    assert_pinpoint(&requests[0], "/v1/apps/0123abcd/channels/gcm");
    assert_pinpoint(&requests[1], "/v1/apps/0123abcd/channels/apns_sandbox");
    assert_eq!(gcm.value.kind, PushChannelKind::Gcm);
    assert_eq!(gcm.value.enabled, Some(true));
    assert_eq!(gcm.value.has_fcm_service_credentials, Some(false));
    assert_eq!(gcm.value.has_credential, Some(true));
    assert_eq!(
        gcm.value.default_authentication_method,
        Some(AuthenticationMethod::Key)
    );
    assert_eq!(
        gcm.value.last_modified.as_deref(),
        Some("2023-02-01T00:00:00.000Z")
    );
    assert!(
        !format!("{gcm:?}").contains(SERVER_KEY),
        "the server key is dropped where the SDK hands it over"
    );
    assert_eq!(sandbox.value.enabled, Some(false));
    assert_eq!(sandbox.value.has_token_key, Some(true));
    assert_eq!(sandbox.value.platform.as_deref(), Some("APNS_SANDBOX"));
}

#[tokio::test]
async fn get_role_is_a_global_form_post_with_the_trust_policy_decoded() {
    let encoded = percent(TRUST);
    let server = Loopback::start(move |_, _| {
        iam_ok(
            "GetRole",
            &format!(
                "<Role><Path>/</Path><AssumeRolePolicyDocument>{encoded}</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration><RoleId>AROAEXAMPLE</RoleId><RoleLastUsed><LastUsedDate>2025-11-01T10:00:00Z</LastUsedDate><Region>us-east-1</Region></RoleLastUsed><RoleName>ServiceRoleForAmazonChimePushNotification</RoleName><Arn>{}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></Role>",
                role_arn(ACCOUNT)
            ),
        )
    })
    .await;
    // `--region` names another region: IAM is global and ignores it.
    let mut s = settings(&server.url());
    s.region = Some("eu-central-1".into());
    s.region_source = Some(RegionSource::Flag);
    let role = Clients::connect(&s)
        .await
        .get_role(ACCOUNT, "ServiceRoleForAmazonChimePushNotification")
        .await
        .expect("role");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_iam(&requests[0], "GetRole");
    assert_eq!(
        requests[0].form("RoleName").as_deref(),
        Some("ServiceRoleForAmazonChimePushNotification")
    );
    assert_eq!(role.region, "us-east-1");
    assert_eq!(role.value.arn, role_arn(ACCOUNT));
    assert_eq!(role.value.path, "/");
    assert_eq!(role.value.trust_policy.as_deref(), Some(TRUST));
    assert_eq!(role.value.last_used_region.as_deref(), Some("us-east-1"));
    assert!(role.value.last_used.is_some());
}

#[tokio::test]
async fn iam_xml_errors_classify_no_such_entity_and_access_denied() {
    let server = Loopback::start(|r, _| match r.form("Action").as_deref() {
        Some("GetRole") => Reply::iam_error(
            404,
            "NoSuchEntity",
            "The role with name ServiceRoleForAmazonChimePushNotification cannot be found.",
        ),
        _ => Reply::iam_error(
            403,
            "AccessDenied",
            &format!("User: {PRINCIPAL} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role ServiceRoleForAmazonChimePushNotification because no identity-based policy allows the iam:SimulatePrincipalPolicy action"),
        ),
    })
    .await;
    let c = clients(&server).await;
    let missing = c
        .get_role(ACCOUNT, "ServiceRoleForAmazonChimePushNotification")
        .await
        .expect_err("404");
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert_eq!(missing.code.as_deref(), Some("NoSuchEntity"));
    assert_eq!(missing.http_status, Some(404));
    assert!(
        missing
            .message
            .as_deref()
            .is_some_and(|m| m.contains("cannot be found")),
        "{missing:?}"
    );
    let refused = c
        .simulate_send(&role_arn(ACCOUNT), &app())
        .await
        .expect_err("403");
    assert_eq!(refused.kind, ErrorKind::AccessDenied);
    assert_eq!(refused.operation, Operation::SimulatePrincipalPolicy);
    let denial = refused.iam_denial().expect("an IAM denial");
    assert_eq!(denial.principal, PRINCIPAL);
    assert_eq!(denial.action, "iam:SimulatePrincipalPolicy");
}

#[tokio::test]
async fn the_simulation_asks_about_send_messages_on_the_app_messages() {
    let resource = app().messages_arn();
    let answer = resource.clone();
    let server = Loopback::start(move |_, _| {
        iam_ok(
            "SimulatePrincipalPolicy",
            &format!(
                "<IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>mobiletargeting:SendMessages</EvalActionName><EvalResourceName>{answer}</EvalResourceName><EvalDecision>implicitDeny</EvalDecision><MatchedStatements/><MissingContextValues><member>aws:SourceAccount</member></MissingContextValues></member></EvaluationResults>"
            ),
        )
    })
    .await;
    let decision = clients(&server)
        .await
        .simulate_send(&role_arn(ACCOUNT), &app())
        .await
        .expect("decision");
    let requests = server.requests();
    assert_iam(&requests[0], "SimulatePrincipalPolicy");
    assert_eq!(requests[0].form("PolicySourceArn"), Some(role_arn(ACCOUNT)));
    assert_eq!(
        requests[0].form("ActionNames.member.1").as_deref(),
        Some("mobiletargeting:SendMessages")
    );
    assert_eq!(
        requests[0].form("ResourceArns.member.1").as_deref(),
        Some(resource.as_str())
    );
    assert_eq!(decision.value.decision, EvalDecision::ImplicitDeny);
    assert_eq!(decision.value.resource, resource);
    assert_eq!(
        decision.value.missing_context_values,
        vec!["aws:SourceAccount"]
    );
}

#[tokio::test]
async fn the_role_policies_are_read_inline_and_attached_and_decoded() {
    let send = percent(SEND);
    let server = Loopback::start(move |r, _| match r.form("Action").as_deref() {
        Some("ListRolePolicies") => iam_ok(
            "ListRolePolicies",
            "<PolicyNames><member>push</member></PolicyNames><IsTruncated>false</IsTruncated>",
        ),
        Some("GetRolePolicy") => iam_ok(
            "GetRolePolicy",
            &format!("<RoleName>ServiceRoleForAmazonChimePushNotification</RoleName><PolicyName>push</PolicyName><PolicyDocument>{send}</PolicyDocument>"),
        ),
        Some("ListAttachedRolePolicies") => iam_ok(
            "ListAttachedRolePolicies",
            "<AttachedPolicies><member><PolicyName>Extra</PolicyName><PolicyArn>arn:aws:iam::111122223333:policy/Extra</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>",
        ),
        Some("GetPolicy") => iam_ok(
            "GetPolicy",
            "<Policy><PolicyName>Extra</PolicyName><Arn>arn:aws:iam::111122223333:policy/Extra</Arn><DefaultVersionId>v3</DefaultVersionId></Policy>",
        ),
        Some("GetPolicyVersion") => iam_ok(
            "GetPolicyVersion",
            &format!("<PolicyVersion><Document>{}</Document><VersionId>v3</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>", percent(r#"{"Statement":{"Effect":"Deny","NotAction":"mobiletargeting:Get*","Resource":"*"}}"#)),
        ),
        _ => Reply::iam_error(400, "InvalidAction", "not read-only"),
    })
    .await;
    let policies = clients(&server)
        .await
        .role_policies(
            &role_arn(ACCOUNT),
            "ServiceRoleForAmazonChimePushNotification",
        )
        .await
        .expect("policies");
    let requests = server.requests();
    let mut actions: Vec<String> = requests
        .iter()
        .map(|r| {
            assert_eq!(r.signed_region().as_deref(), Some("us-east-1"));
            r.form("Action").unwrap_or_default()
        })
        .collect();
    actions.sort();
    assert_eq!(
        actions,
        [
            "GetPolicy",
            "GetPolicyVersion",
            "GetRolePolicy",
            "ListAttachedRolePolicies",
            "ListRolePolicies"
        ]
    );
    let version = requests
        .iter()
        .find(|r| r.form("Action").as_deref() == Some("GetPolicyVersion"))
        .expect("GetPolicyVersion");
    assert_eq!(version.form("VersionId").as_deref(), Some("v3"));
    assert_eq!(policies.value.len(), 2);
    assert_eq!(
        policies.value[0].source,
        PolicySource::Inline {
            name: "push".into()
        }
    );
    assert_eq!(policies.value[0].document, SEND);
    assert_eq!(
        policies.value[1].source,
        PolicySource::Attached {
            arn: "arn:aws:iam::111122223333:policy/Extra".into(),
            version_id: "v3".into()
        }
    );
    assert!(policies.value[1].document.contains("\"NotAction\""));
    assert_eq!(policies.meta.attempts, 5);
}

/// IAM pages by `Marker`, and only while `IsTruncated` is true: inline
/// names over two pages are all read; a marker beside `IsTruncated` false
/// is not followed.
#[tokio::test]
async fn role_policy_listings_follow_markers_only_while_truncated() {
    let send = percent(SEND);
    let server = Loopback::start(move |r, _| match r.form("Action").as_deref() {
        Some("ListRolePolicies") if r.form("Marker").is_none() => iam_ok(
            "ListRolePolicies",
            "<PolicyNames><member>one</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>page2</Marker>",
        ),
        Some("ListRolePolicies") => iam_ok(
            "ListRolePolicies",
            "<PolicyNames><member>two</member></PolicyNames><IsTruncated>false</IsTruncated>",
        ),
        Some("GetRolePolicy") => iam_ok(
            "GetRolePolicy",
            &format!("<RoleName>R</RoleName><PolicyName>p</PolicyName><PolicyDocument>{send}</PolicyDocument>"),
        ),
        Some("ListAttachedRolePolicies") => iam_ok(
            "ListAttachedRolePolicies",
            "<AttachedPolicies/><IsTruncated>false</IsTruncated><Marker>never-followed</Marker>",
        ),
        _ => Reply::iam_error(400, "InvalidAction", "not read-only"),
    })
    .await;
    let policies = clients(&server)
        .await
        .role_policies(&role_arn(ACCOUNT), "R")
        .await
        .expect("policies");
    let names: Vec<_> = policies
        .value
        .iter()
        .map(|p| match &p.source {
            PolicySource::Inline { name } => name.clone(),
            other => panic!("only inline policies: {other:?}"),
        })
        .collect();
    assert_eq!(names, ["one", "two"]);
    let requests = server.requests();
    let markers: Vec<_> = requests
        .iter()
        .filter(|r| r.form("Action").as_deref() == Some("ListRolePolicies"))
        .map(|r| r.form("Marker"))
        .collect();
    assert_eq!(markers, [None, Some("page2".to_string())]);
    let attached = requests
        .iter()
        .filter(|r| r.form("Action").as_deref() == Some("ListAttachedRolePolicies"))
        .count();
    assert_eq!(attached, 1, "a marker without IsTruncated is not followed");
}

/// `AWS_ENDPOINT_URL_PINPOINT` and `AWS_ENDPOINT_URL_IAM` (resolved into
/// the settings by `crate::config`) send only their service there.
#[tokio::test]
async fn per_service_endpoints_send_each_service_to_its_own_url() {
    let pinpoint = Loopback::start(|_, _| Reply::json(r#"{"Id":"0123abcd"}"#)).await;
    let iam = Loopback::start(|_, _| {
        iam_ok(
            "GetRole",
            "<Role><Path>/</Path><RoleId>R</RoleId><RoleName>ServiceRoleForAmazonChimePushNotification</RoleName><Arn>arn:aws:iam::111122223333:role/ServiceRoleForAmazonChimePushNotification</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></Role>",
        )
    })
    .await;
    let mut s: AwsSettings = settings(&pinpoint.url());
    s.endpoint_url = None;
    s.service_endpoints.pinpoint = Some(pinpoint.url());
    s.service_endpoints.iam = Some(iam.url());
    let c = Clients::connect(&s).await;
    assert_eq!(c.info().endpoint_urls.iam, Some(iam.url()));
    c.get_app(&app()).await.expect("app");
    let role = c
        .get_role(ACCOUNT, "ServiceRoleForAmazonChimePushNotification")
        .await
        .expect("role");
    assert_eq!(role.value.trust_policy, None, "no document: none made up");
    assert_eq!(pinpoint.count(), 1);
    assert_eq!(iam.count(), 1);
}
