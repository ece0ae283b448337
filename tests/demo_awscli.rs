//! The AWS CLI (botocore) against the demo service, for every route the
//! push path and the member view add: it must parse each answer, follow
//! each NextToken, and name each error by its code. It is skipped when
//! the AWS CLI is not installed, unless CHIME_PREFS_REQUIRE_AWSCLI is set
//! (as CI does).

use std::process::{Command, Output};

mod common;

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, BUSY_MEMBER_ARN, DEMO_ADMIN_ARN, DemoOptions, DemoServer, TOKEN_MARKER,
};
use common::{hermetic, run, stderr, stdout, temp_home};
use serde_json::Value;

fn aws_cli_available() -> bool {
    let found = Command::new("aws")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CHIME_PREFS_REQUIRE_AWSCLI").is_some() {
        panic!("CHIME_PREFS_REQUIRE_AWSCLI is set but the AWS CLI is not installed");
    }
    found
}

fn arn(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

fn channel(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/channel/{id}")
}

/// `aws --endpoint-url URL ... <service> <operation> <args>`, one attempt.
fn aws(home: &std::path::Path, endpoint: &str, service: &str, args: &[&str]) -> Command {
    let mut cmd = hermetic("aws", home);
    cmd.env("AWS_MAX_ATTEMPTS", "1")
        .args(["--endpoint-url", endpoint, "--region", "us-east-1"])
        .args(["--output", "json", service])
        .args(args);
    cmd
}

fn json(out: &Output, what: &str) -> Value {
    assert!(out.status.success(), "{what}: {}", stderr(out));
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{what}: {e}: {}", stdout(out)))
}

/// Asserts the CLI failed with error code `code`.
fn failed_with(out: &Output, code: &str, what: &str) {
    assert!(!out.status.success(), "{what} should fail: {}", stdout(out));
    let err = stderr(out);
    assert!(
        err.contains(&format!("An error occurred ({code})")),
        "{what}: {err}"
    );
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_aws_cli_parses_every_new_answer() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("demo-awscli");
    let url = server.endpoint_url();
    let (alice, carol, mallory) = (arn("user/alice"), arn("user/carol"), arn("user/mallory"));
    let support = channel("support");
    let identity = |args: &[&str]| aws(&home, &url, "chime-sdk-identity", args);
    let messaging = |args: &[&str]| aws(&home, &url, "chime-sdk-messaging", args);
    let runs = [
        identity(&[
            "list-app-instance-user-endpoints",
            "--app-instance-user-arn",
            &alice,
        ]),
        identity(&[
            "describe-app-instance-user-endpoint",
            "--app-instance-user-arn",
            &alice,
            "--endpoint-id",
            "alice-iphone",
        ]),
        messaging(&[
            "describe-channel-membership",
            "--channel-arn",
            &support,
            "--member-arn",
            &alice,
            "--chime-bearer",
            &alice,
        ]),
        messaging(&[
            "describe-channel-ban",
            "--channel-arn",
            &support,
            "--member-arn",
            &mallory,
            "--chime-bearer",
            DEMO_ADMIN_ARN,
        ]),
        messaging(&[
            "get-channel-message",
            "--channel-arn",
            &support,
            "--message-id",
            "msg-mention-carol",
            "--chime-bearer",
            &carol,
        ]),
        messaging(&[
            "list-channel-memberships-for-app-instance-user",
            "--chime-bearer",
            &alice,
        ]),
        messaging(&[
            "list-channel-memberships",
            "--channel-arn",
            &support,
            "--type",
            "HIDDEN",
            "--chime-bearer",
            &arn("bot/triage"),
        ]),
    ]
    .map(|cmd| tokio::spawn(run(cmd)));
    let mut outs = Vec::new();
    for run in runs {
        outs.push(run.await.expect("aws"));
    }
    let endpoints = json(&outs[0], "list-app-instance-user-endpoints");
    let list = endpoints["AppInstanceUserEndpoints"]
        .as_array()
        .expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["EndpointState"]["Status"], "ACTIVE");
    let endpoint = json(&outs[1], "describe-app-instance-user-endpoint");
    let endpoint = &endpoint["AppInstanceUserEndpoint"];
    assert_eq!(endpoint["Type"], "APNS");
    assert!(
        endpoint["EndpointAttributes"]["DeviceToken"]
            .as_str()
            .is_some_and(|t| t.starts_with(TOKEN_MARKER))
    );
    assert!(endpoint["CreatedTimestamp"].is_number());
    let membership = json(&outs[2], "describe-channel-membership");
    assert_eq!(membership["ChannelMembership"]["Type"], "DEFAULT");
    assert_eq!(membership["ChannelMembership"]["Member"]["Arn"], alice);
    let ban = json(&outs[3], "describe-channel-ban");
    assert_eq!(ban["ChannelBan"]["CreatedBy"]["Arn"], DEMO_ADMIN_ARN);
    assert_eq!(ban["ChannelBan"]["Member"]["Arn"], mallory);
    let message = json(&outs[4], "get-channel-message");
    assert_eq!(
        message["ChannelMessage"]["MessageAttributes"]["mention"]["StringValues"][0],
        "carol"
    );
    let channels = json(&outs[5], "list-channel-memberships-for-app-instance-user");
    let items = channels["ChannelMemberships"].as_array().expect("list");
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["ChannelSummary"]["Privacy"], "PRIVATE");
    assert_eq!(
        items[4]["AppInstanceUserMembershipSummary"]["Type"],
        "HIDDEN"
    );
    let hidden = json(&outs[6], "list-channel-memberships --type HIDDEN");
    assert_eq!(
        hidden["ChannelMemberships"][0]["Member"]["Arn"],
        arn("user/hidden")
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_aws_cli_follows_the_next_tokens() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("demo-awscli-paging");
    let url = server.endpoint_url();
    // 300 channels, 50 a page, as an AppInstanceAdmin asking about busy.
    let mut token: Option<String> = None;
    let mut names = Vec::new();
    for _ in 0..10 {
        let mut args = vec![
            "list-channel-memberships-for-app-instance-user",
            "--app-instance-user-arn",
            BUSY_MEMBER_ARN,
            "--chime-bearer",
            DEMO_ADMIN_ARN,
            "--max-results",
            "50",
        ];
        if let Some(t) = &token {
            args.extend(["--next-token", t.as_str()]);
        }
        let page = json(
            &run(aws(&home, &url, "chime-sdk-messaging", &args)).await,
            "a page of channels",
        );
        for item in page["ChannelMemberships"].as_array().expect("list") {
            names.push(
                item["ChannelSummary"]["Name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            );
        }
        token = page["NextToken"].as_str().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(names.len(), 300);
    assert_eq!(names[0], "Project 001");
    assert_eq!(names[299], "Project 300");
    // Endpoints one a page.
    let wes = arn("user/wes");
    let mut ids = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..5 {
        let mut args = vec![
            "list-app-instance-user-endpoints",
            "--app-instance-user-arn",
            wes.as_str(),
            "--max-results",
            "1",
        ];
        if let Some(t) = &token {
            args.extend(["--next-token", t.as_str()]);
        }
        let page = json(
            &run(aws(&home, &url, "chime-sdk-identity", &args)).await,
            "a page of endpoints",
        );
        for e in page["AppInstanceUserEndpoints"].as_array().expect("list") {
            ids.push(e["EndpointId"].as_str().unwrap_or("").to_string());
        }
        token = page["NextToken"].as_str().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(ids, ["wes-iphone", "wes-old-android", "wes-tablet"]);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_aws_cli_names_every_new_error() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("demo-awscli-errors");
    let url = server.endpoint_url();
    let (alice, support) = (arn("user/alice"), channel("support"));
    let outsider = arn("user/outsider");
    let messaging = |args: &[&str]| aws(&home, &url, "chime-sdk-messaging", args);
    let identity = |args: &[&str]| aws(&home, &url, "chime-sdk-identity", args);
    let cases = [
        (
            "NotFoundException",
            messaging(&[
                "describe-channel-membership",
                "--channel-arn",
                &support,
                "--member-arn",
                &outsider,
                "--chime-bearer",
                &outsider,
            ]),
        ),
        (
            "NotFoundException",
            messaging(&[
                "describe-channel-ban",
                "--channel-arn",
                &support,
                "--member-arn",
                &alice,
                "--chime-bearer",
                DEMO_ADMIN_ARN,
            ]),
        ),
        (
            "ForbiddenException",
            messaging(&[
                "describe-channel-ban",
                "--channel-arn",
                &support,
                "--member-arn",
                &alice,
                "--chime-bearer",
                &alice,
            ]),
        ),
        (
            "NotFoundException",
            messaging(&[
                "get-channel-message",
                "--channel-arn",
                &support,
                "--message-id",
                "msg-nope",
                "--chime-bearer",
                &alice,
            ]),
        ),
        (
            "ForbiddenException",
            messaging(&[
                "list-channel-memberships-for-app-instance-user",
                "--app-instance-user-arn",
                BUSY_MEMBER_ARN,
                "--chime-bearer",
                &alice,
            ]),
        ),
        (
            "BadRequestException",
            messaging(&[
                "list-channel-memberships-for-app-instance-user",
                "--chime-bearer",
                &alice,
                "--max-results",
                "51",
            ]),
        ),
        (
            "ForbiddenException",
            messaging(&[
                "list-channel-memberships",
                "--channel-arn",
                &support,
                "--type",
                "HIDDEN",
                "--chime-bearer",
                &alice,
            ]),
        ),
        (
            "AccessDeniedException",
            identity(&[
                "list-app-instance-user-endpoints",
                "--app-instance-user-arn",
                &arn("user/ivy"),
            ]),
        ),
        (
            "AccessDeniedException",
            identity(&[
                "describe-app-instance-user-endpoint",
                "--app-instance-user-arn",
                &arn("user/ivy"),
                "--endpoint-id",
                "ivy-iphone",
            ]),
        ),
        (
            "NotFoundException",
            identity(&[
                "describe-app-instance-user-endpoint",
                "--app-instance-user-arn",
                &alice,
                "--endpoint-id",
                "nope",
            ]),
        ),
        (
            "NotFoundException",
            identity(&[
                "list-app-instance-user-endpoints",
                "--app-instance-user-arn",
                &arn("user/ghost"),
            ]),
        ),
    ];
    let mut runs = Vec::new();
    for (i, (code, cmd)) in cases.into_iter().enumerate() {
        runs.push((i, code, tokio::spawn(run(cmd))));
    }
    for (i, code, out) in runs {
        let out = out.await.expect("aws");
        failed_with(&out, code, &format!("case {i}"));
    }
    let denied = run(identity(&[
        "list-app-instance-user-endpoints",
        "--app-instance-user-arn",
        &arn("user/ivy"),
    ]))
    .await;
    assert!(
        stderr(&denied)
            .contains("is not authorized to perform: chime:ListAppInstanceUserEndpoints"),
        "{}",
        stderr(&denied)
    );
    server.shutdown().await;
}

/// Behind the device: `aws pinpoint` and `aws iam` parse every answer the
/// demo gives (IAM's XML included, its documents percent-encoded as IAM
/// sends them) and name each error by its code.
#[tokio::test(flavor = "multi_thread")]
async fn the_aws_cli_parses_the_push_setup_answers() {
    if !aws_cli_available() {
        eprintln!("skipped: the AWS CLI is not installed (pip install awscli)");
        return;
    }
    let server = demo().await;
    let home = temp_home("demo-awscli-setup");
    let url = server.endpoint_url();
    let pinpoint = |args: &[&str]| aws(&home, &url, "pinpoint", args);
    let iam = |args: &[&str]| aws(&home, &url, "iam", args);
    let app = "5f8e2a9c41d74b0e9a3c6d1f2b7e8a90";
    let legacy = "1e9acf0c5e7a4b1d8c2f3a4b5c6d7e01";
    let role = "ServiceRoleForAmazonChimePushNotification";
    let role_arn = format!("arn:aws:iam::111122223333:role/{role}");
    let messages = format!("arn:aws:mobiletargeting:us-east-1:111122223333:apps/{app}/messages");

    let out = run(pinpoint(&["get-app", "--application-id", app])).await;
    let v = json(&out, "get-app");
    assert_eq!(v["ApplicationResponse"]["Name"], "Demo Chat");
    for (command, key) in [
        ("get-apns-channel", "APNSChannelResponse"),
        ("get-apns-sandbox-channel", "APNSSandboxChannelResponse"),
        ("get-gcm-channel", "GCMChannelResponse"),
    ] {
        let out = run(pinpoint(&[command, "--application-id", app])).await;
        let v = json(&out, command);
        assert_eq!(v[key]["Enabled"], true, "{command}: {v:#}");
    }
    let out = run(pinpoint(&["get-gcm-channel", "--application-id", legacy])).await;
    let v = json(&out, "legacy get-gcm-channel");
    assert_eq!(
        v["GCMChannelResponse"]["DefaultAuthenticationMethod"],
        "KEY"
    );
    assert_eq!(v["GCMChannelResponse"]["HasFcmServiceCredentials"], false);

    let out = run(iam(&["get-role", "--role-name", role])).await;
    let v = json(&out, "get-role");
    assert_eq!(v["Role"]["Arn"], role_arn.as_str());
    // botocore decodes the document: it arrives as JSON.
    assert_eq!(
        v["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        "messaging.chime.amazonaws.com"
    );
    assert_eq!(v["Role"]["RoleLastUsed"]["Region"], "us-east-1");
    let out = run(iam(&[
        "simulate-principal-policy",
        "--policy-source-arn",
        &role_arn,
        "--action-names",
        "mobiletargeting:SendMessages",
        "--resource-arns",
        &messages,
    ]))
    .await;
    let v = json(&out, "simulate-principal-policy");
    assert_eq!(v["EvaluationResults"][0]["EvalDecision"], "allowed");
    assert_eq!(
        v["EvaluationResults"][0]["MatchedStatements"][0]["SourcePolicyId"],
        "ChimePushSend"
    );
    let out = run(iam(&["list-role-policies", "--role-name", role])).await;
    assert_eq!(
        json(&out, "list-role-policies")["PolicyNames"][0],
        "ChimePushSend"
    );
    let out = run(iam(&[
        "get-role-policy",
        "--role-name",
        role,
        "--policy-name",
        "ChimePushSend",
    ]))
    .await;
    let v = json(&out, "get-role-policy");
    assert_eq!(
        v["PolicyDocument"]["Statement"][0]["Action"],
        "mobiletargeting:SendMessages"
    );

    // The support role that may not simulate sees an attached policy.
    let with_key = |args: &[&str]| {
        let mut cmd = aws(&home, &url, "iam", args);
        cmd.env("AWS_ACCESS_KEY_ID", "AKIDEMONOSIMULATE01");
        cmd
    };
    let out = run(with_key(&[
        "list-attached-role-policies",
        "--role-name",
        role,
    ]))
    .await;
    let v = json(&out, "list-attached-role-policies");
    let policy = v["AttachedPolicies"][0]["PolicyArn"]
        .as_str()
        .expect("an attached policy")
        .to_string();
    let out = run(with_key(&["get-policy", "--policy-arn", &policy])).await;
    let version = json(&out, "get-policy")["Policy"]["DefaultVersionId"]
        .as_str()
        .expect("a default version")
        .to_string();
    let out = run(with_key(&[
        "get-policy-version",
        "--policy-arn",
        &policy,
        "--version-id",
        &version,
    ]))
    .await;
    let v = json(&out, "get-policy-version");
    assert_eq!(
        v["PolicyVersion"]["Document"]["Statement"][0]["Effect"],
        "Allow"
    );
    let out = run(with_key(&[
        "simulate-principal-policy",
        "--policy-source-arn",
        &role_arn,
        "--action-names",
        "mobiletargeting:SendMessages",
    ]))
    .await;
    failed_with(&out, "AccessDenied", "refused simulation");

    // Errors by their codes.
    let out = run(pinpoint(&[
        "get-app",
        "--application-id",
        "de1e7ed0a1b24c3d8e9f0a1b2c3d4e04",
    ]))
    .await;
    failed_with(&out, "NotFoundException", "deleted app");
    let out = run(pinpoint(&[
        "get-apns-sandbox-channel",
        "--application-id",
        "a9b5c0de1f2e4d3c8b7a6f5e4d3c2b03",
    ]))
    .await;
    failed_with(&out, "NotFoundException", "no sandbox channel");
    let mut missing = aws(&home, &url, "iam", &["get-role", "--role-name", role]);
    missing.env("AWS_ACCESS_KEY_ID", "AKIDEMOROLEMISSING01");
    failed_with(&run(missing).await, "NoSuchEntity", "missing role");
    server.shutdown().await;
}
