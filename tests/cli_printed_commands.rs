//! Every command chime-prefs prints runs as printed: a demo run with a
//! profile whose region is not the ARNs' and the demo's URL as
//! `--endpoint-url`; each `aws ...` and `chime-prefs ...` command found in
//! the text output of get, diagnose, scan and member (successes and
//! failures) is pasted into `sh -c` with the same environment, and must
//! reach the demo (its request count grows) and not be a usage error.
//! Commands that need a real account (`aws iam ...`, `aws sts ...`) reach
//! the demo too, through the same `--endpoint-url`, and must parse.
//!
//! The AWS CLI part is skipped when the AWS CLI is not installed, unless
//! CHIME_PREFS_REQUIRE_AWSCLI is set (as CI does).

use std::path::Path;
use std::process::{Command, Output};

use chime_prefs::demo_service::{
    APP_INSTANCE_ARN, DEMO_ACCESS_KEY_ID, DEMO_ADMIN_ARN, DEMO_SECRET_ACCESS_KEY, DemoOptions,
    DemoServer,
};

mod common;

use common::{BIN, hermetic, run, stderr, stdout, temp_home};

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

/// The environment of every run and every pasted command: a profile with
/// the demo's keys whose region (eu-west-1) is not the ARNs', no keys in
/// the environment, and chime-prefs on PATH.
fn env(home: &Path, program: &str) -> Command {
    let mut cmd = hermetic(program, home);
    let bin_dir = Path::new(BIN).parent().expect("bin dir");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin_dir.to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("PATH", std::env::join_paths(dirs).expect("PATH"))
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_PAGER", "");
    cmd
}

/// The commands a text output prints: a whole line starting with `aws `
/// or `chime-prefs `, or the rest of a line from the first ": aws " or
/// ": chime-prefs " (a next step).
fn printed_commands(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let after_colon = [": aws ", ": chime-prefs "]
            .iter()
            .filter_map(|marker| line.find(marker))
            .min()
            .map(|at| &line[at + 2..]);
        let candidates = [Some(line), after_colon];
        for candidate in candidates.into_iter().flatten() {
            let candidate = candidate.trim();
            if (candidate.starts_with("aws ") || candidate.starts_with("chime-prefs "))
                && !found.iter().any(|f| f == candidate)
            {
                found.push(candidate.to_string());
            }
        }
    }
    found
}

fn usage_error(command: &str, out: &Output) -> Option<String> {
    let err = stderr(out);
    let words = [
        "usage:",
        "Usage:",
        "the following arguments are required",
        "Unknown options",
        "unexpected argument",
        "Invalid choice",
        "invalid choice",
    ];
    let code = out.status.code();
    let bad_code = if command.starts_with("aws ") {
        matches!(code, Some(2) | Some(252))
    } else {
        code == Some(2)
    };
    (bad_code || words.iter().any(|w| err.contains(w)))
        .then(|| format!("{command}\nexit {code:?}\n{err}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_printed_command_runs_and_reaches_the_same_service() {
    let with_aws_cli = aws_cli_available();
    let server = DemoServer::start(DemoOptions::default())
        .await
        .expect("demo starts");
    let url = server.endpoint_url();
    let home = temp_home("printed-commands");
    std::fs::write(
        home.join("aws-config"),
        format!(
            "[profile support]\nregion = eu-west-1\naws_access_key_id = {DEMO_ACCESS_KEY_ID}\naws_secret_access_key = {DEMO_SECRET_ACCESS_KEY}\n"
        ),
    )
    .expect("write AWS config");
    let support = arn("channel/support");
    let runs: Vec<Vec<String>> = [
        // A success: the diagnose hint.
        vec![
            "get",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/alice"),
        ],
        // Failures: 403, an HTML answer, an unknown error, a bad bearer.
        vec![
            "get",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/mallory"),
        ],
        vec![
            "get",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/garbage"),
        ],
        vec![
            "get",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/outsider"),
        ],
        vec![
            "get",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/alice"),
            "--bearer-arn",
            &arn("user/nobody"),
        ],
        // diagnose: manual checks, and failed identity calls.
        vec![
            "diagnose",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/alice"),
        ],
        // A rule Chime would reject: the filter check to see every finding.
        vec![
            "diagnose",
            "--channel-arn",
            &support,
            "--member-arn",
            &arn("user/frank"),
        ],
        vec![
            "diagnose",
            "--channel-arn",
            &arn("channel/mobile"),
            "--member-arn",
            &arn("user/ivy"),
            "--admin-arn",
            DEMO_ADMIN_ARN,
        ],
        // scan with a bearer that may not list, member with denied calls.
        vec![
            "scan",
            "--channel-arn",
            &support,
            "--bearer-arn",
            &arn("user/mallory"),
        ],
        vec!["member", "--member-arn", &arn("user/ivy")],
        // scan with ERROR rows: the hint to explain one.
        vec![
            "scan",
            "--timeout",
            "3",
            "--channel-arn",
            &support,
            "--bearer-arn",
            DEMO_ADMIN_ARN,
        ],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect();

    let mut commands: Vec<String> = Vec::new();
    for args in &runs {
        let mut cmd = env(&home, BIN);
        cmd.args(["--profile", "support", "--endpoint-url", &url])
            .args(args);
        let out = run(cmd).await;
        let text = format!("{}\n{}", stdout(&out), stderr(&out));
        for command in printed_commands(&text) {
            if !commands.contains(&command) {
                commands.push(command);
            }
        }
    }
    eprintln!("printed commands:\n{}", commands.join("\n"));
    let aws: Vec<&String> = commands.iter().filter(|c| c.starts_with("aws ")).collect();
    let ours: Vec<&String> = commands
        .iter()
        .filter(|c| c.starts_with("chime-prefs "))
        .collect();
    for sub_command in [" diagnose ", " get "] {
        assert!(
            ours.iter().any(|c| c.contains(sub_command)),
            "no chime-prefs{sub_command}command printed: {commands:?}"
        );
    }
    assert!(
        aws.len() >= 3,
        "too few AWS CLI commands printed: {commands:?}"
    );
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("chime-prefs filter check --rule ")),
        "{commands:?}"
    );
    for command in &commands {
        // filter check calls no service and takes no AWS flag: it must
        // run and judge the rule.
        if command.starts_with("chime-prefs filter ") {
            let mut sh = env(&home, "sh");
            sh.args(["-c", command]);
            let out = run(sh).await;
            assert!(
                stdout(&out).contains("Findings") && !stderr(&out).contains("Usage:"),
                "{command}: {}",
                stderr(&out)
            );
            continue;
        }
        // Every other one carries the flags of the run.
        assert!(command.contains("--profile support"), "{command}");
        let local = command.contains(" configure ") || command.contains(" sso ");
        if !local {
            assert!(
                command.contains(&format!("--endpoint-url {url}")),
                "{command}"
            );
        }
        if command.starts_with("aws ") && !local && !command.contains(" iam ") {
            assert!(command.contains("--region us-east-1"), "{command}");
        }
        if command.starts_with("aws ") && !with_aws_cli {
            continue;
        }
        let before = server.request_count();
        let mut sh = env(&home, "sh");
        sh.args(["-c", command]);
        let out = run(sh).await;
        if let Some(problem) = usage_error(command, &out) {
            panic!("a printed command does not run as printed:\n{problem}");
        }
        if !local {
            assert!(
                server.request_count() > before,
                "{command} did not reach the demo:\n{}",
                stderr(&out)
            );
        }
    }
    server.shutdown().await;
}

#[test]
fn commands_are_found_in_lines_and_after_a_colon() {
    let text = "Next steps:\n  1. Check the identity: aws --profile p sts get-caller-identity\n  → See every finding: chime-prefs filter check --rule '{\"a\": [1'\n  - Name a profile with --profile (aws configure list-profiles lists them).\n      aws iam get-role --role-name R\nPreferences allow pushes:\n  chime-prefs diagnose --channel-arn c --member-arn m\n";
    assert_eq!(
        printed_commands(text),
        vec![
            "aws --profile p sts get-caller-identity",
            "chime-prefs filter check --rule '{\"a\": [1'",
            "aws iam get-role --role-name R",
            "chime-prefs diagnose --channel-arn c --member-arn m",
        ]
    );
}
