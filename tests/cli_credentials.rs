//! Every credential source fails clearly, and nothing is left running: the
//! real binary with profiles in a scratch AWS config file, against the demo
//! service (which must see no request when credentials fail).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chime_prefs::demo_service::{APP_INSTANCE_ARN, DemoOptions, DemoServer};

mod common;

use common::{BIN, hermetic, run, stderr, temp_home};

fn channel() -> String {
    format!("{APP_INSTANCE_ARN}/channel/support")
}

fn member(id: &str) -> String {
    format!("{APP_INSTANCE_ARN}/{id}")
}

/// `get` as `profile`, with no keys in the environment: the profile's
/// source is the only one.
fn get_as(home: &Path, endpoint: &str, profile: &str, timeout: &str) -> Command {
    let mut cmd = hermetic(BIN, home);
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["--endpoint-url", endpoint, "--profile", profile])
        .args(["--timeout", timeout, "get"])
        .args([
            "--channel-arn",
            &channel(),
            "--member-arn",
            &member("user/alice"),
        ]);
    cmd
}

fn write_config(home: &Path, text: &str) {
    std::fs::write(home.join("aws-config"), text).expect("write AWS config");
}

fn script(home: &Path, name: &str, body: &str) -> PathBuf {
    let path = home.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path
}

/// No `<profile>`, `<member ARN>`, `<channel>` or other stand-in.
fn assert_no_placeholder(text: &str) {
    for (i, _) in text.match_indices('<') {
        let rest = &text[i + 1..];
        let word = rest
            .find(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
            .unwrap_or(rest.len());
        let placeholder = word > 0 && rest[word..].starts_with('>');
        assert!(!placeholder, "placeholder at {i} in:\n{text}");
    }
}

async fn demo() -> DemoServer {
    DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts")
}

/// Whether `pid` is still running: gone, or a zombie waiting for its
/// reaper, both count as stopped.
fn running(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => false,
        Ok(stat) => {
            let state = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next());
            !matches!(state, Some("Z") | Some("X"))
        }
    }
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn a_hanging_credential_process_is_stopped_with_everything_it_started() {
    let server = demo().await;
    let home = temp_home("cred-hang");
    let pids = home.join("pids");
    let hang = script(
        &home,
        "hang.sh",
        &format!(
            "echo $$ > '{p}'\nsleep 60 &\necho $! >> '{p}'\nwait",
            p = pids.display()
        ),
    );
    write_config(
        &home,
        &format!("[profile slow]\ncredential_process = {}\n", hang.display()),
    );
    let out: Output = run(get_as(&home, &server.endpoint_url(), "slow", "1.5")).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("credential_process"), "{err}");
    assert!(err.contains("profile slow"), "{err}");
    assert!(err.contains("1.5 s"), "{err}");
    assert!(!err.contains("refused the signature"), "{err}");
    assert_no_placeholder(&err);
    assert_eq!(server.request_count(), 0, "nothing may be sent");
    let started = std::fs::read_to_string(&pids).expect("the script ran");
    let started: Vec<&str> = started.split_whitespace().collect();
    assert_eq!(started.len(), 2, "{started:?}");
    for pid in started {
        assert!(!running(pid), "process {pid} outlived chime-prefs");
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_credential_process_is_named_with_its_stderr() {
    let server = demo().await;
    let home = temp_home("cred-fail");
    let fail = script(
        &home,
        "fail.sh",
        "echo 'corp-login: session token expired \x1b[31m(run corp-login)' >&2\necho 'second line' >&2\nexit 3",
    );
    write_config(
        &home,
        &format!("[profile corp]\ncredential_process = {}\n", fail.display()),
    );
    let out = run(get_as(&home, &server.endpoint_url(), "corp", "5")).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("credential_process failed"), "{err}");
    assert!(err.contains("exit status 3"), "{err}");
    assert!(
        err.contains("corp-login: session token expired \\e[31m(run corp-login)"),
        "the first stderr line, sanitised: {err}"
    );
    assert!(!err.contains("second line"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("aws --profile corp configure get credential_process"),
        "{err}"
    );
    assert_no_placeholder(&err);
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_that_does_not_exist_is_invalid_input() {
    let server = demo().await;
    let home = temp_home("cred-nosuch");
    write_config(
        &home,
        "[default]\nregion = us-east-1\n\n[profile support]\nregion = us-east-1\n",
    );
    let out = run(get_as(&home, &server.endpoint_url(), "nosuch", "5")).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let config = home.join("aws-config");
    assert!(
        err.contains(&format!(
            "profile nosuch does not exist in {}",
            config.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("the profiles there are: default, support"),
        "{err}"
    );
    assert!(!err.contains("aws sso login"), "{err}");
    assert_eq!(server.request_count(), 0);

    // AWS_PROFILE names it the same way.
    let mut cmd = hermetic(BIN, &home);
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_PROFILE", "nosuch")
        .args(["--endpoint-url", &server.endpoint_url(), "get"])
        .args([
            "--channel-arn",
            &channel(),
            "--member-arn",
            &member("user/alice"),
        ]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("profile nosuch does not exist"));

    // AWS_DEFAULT_PROFILE too, as the AWS CLI reads it: after AWS_PROFILE.
    let get = |env: &[(&str, &str)]| {
        let mut cmd = hermetic(BIN, &home);
        cmd.env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .envs(env.iter().copied())
            .args(["--endpoint-url", &server.endpoint_url(), "get"])
            .args([
                "--channel-arn",
                &channel(),
                "--member-arn",
                &member("user/alice"),
            ]);
        cmd
    };
    let out = run(get(&[("AWS_DEFAULT_PROFILE", "nodefault")])).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("profile nodefault does not exist"),
        "{}",
        stderr(&out)
    );
    let out = run(get(&[
        ("AWS_DEFAULT_PROFILE", "nodefault"),
        ("AWS_PROFILE", "nosuch"),
    ]))
    .await;
    assert!(
        stderr(&out).contains("profile nosuch does not exist"),
        "{}",
        stderr(&out)
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_legacy_sso_profile_without_a_session_says_sign_in_first() {
    let server = demo().await;
    let home = temp_home("cred-sso");
    write_config(
        &home,
        "[profile corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Support\nregion = us-east-1\n",
    );
    let out = run(get_as(&home, &server.endpoint_url(), "corp", "5")).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("error: SSO session expired"), "{err}");
    assert!(
        err.contains("1. Sign in first: aws --profile corp sso login"),
        "{err}"
    );
    assert!(!err.contains("refused"), "nothing was sent: {err}");
    assert_no_placeholder(&err);
    assert_eq!(server.request_count(), 0);
    server.shutdown().await;
}
