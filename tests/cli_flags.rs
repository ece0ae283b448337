//! The flags as a user meets them: `--help` names every environment
//! variable the program reads, each command takes only the flags it
//! honours, a log that cannot be written and a bad `CHIME_PREFS_LOG` are
//! errors, and shell completions and the manual page come from the same
//! clap definitions.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{BIN, stderr, stdout, temp_home};

fn chime_prefs(args: &[&str], home: &Path) -> Output {
    Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(args)
        .output()
        .expect("binary runs")
}

const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
const CAROL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/carol";

/// Every `"NAME"` string literal in src/ that names an environment
/// variable of AWS, of chime-prefs or of the terminal.
fn variables_read_by_the_source() -> Vec<String> {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                for literal in text.split('"').skip(1).step_by(2) {
                    let is_name = !literal.is_empty()
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                    let ours = ["AWS_", "CHIME_PREFS_", "XDG_", "NO_COLOR", "TERM"]
                        .iter()
                        .any(|p| literal.starts_with(p));
                    if is_name && ours && !found.iter().any(|f| f == literal) {
                        found.push(literal.to_string());
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    // A test hook, not a setting.
    found.retain(|v| v != "CHIME_PREFS_TEST_PANIC");
    found
}

#[test]
fn help_names_every_environment_variable_the_program_reads() {
    let home = temp_home("help-env");
    let help = stdout(&chime_prefs(&["--help"], &home));
    let variables = variables_read_by_the_source();
    for expected in [
        "AWS_DEFAULT_REGION",
        "CHIME_PREFS_LOG",
        "AWS_MAX_ATTEMPTS",
        "NO_COLOR",
    ] {
        assert!(variables.iter().any(|v| v == expected), "{variables:?}");
    }
    let missing: Vec<&String> = variables
        .iter()
        .filter(|v| !help.contains(v.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "--help does not name {missing:?}:\n{help}"
    );
    // Each command's own help names the variables of its flags.
    for command in ["get", "scan", "tui"] {
        let help = stdout(&chime_prefs(&[command, "--help"], &home));
        // Wrapped to the terminal's width: compare with single spaces.
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for words in [
            "[env: AWS_PROFILE, AWS_DEFAULT_PROFILE]",
            // --region has no environment: the ARN names the region.
            "AWS_REGION and AWS_DEFAULT_REGION are not used",
            "[env: AWS_ENDPOINT_URL]",
            "[env: CHIME_PREFS_TIMEOUT]",
            "[env: AWS_MAX_ATTEMPTS]",
            "CHIME_PREFS_LOG",
        ] {
            assert!(
                help.contains(words),
                "{command} --help lacks {words}:\n{help}"
            );
        }
    }
}

#[test]
fn commands_refuse_flags_they_would_ignore() {
    let home = temp_home("refuse");
    // After the sub-command clap knows them not; before it, chime-prefs says why.
    let cases: &[(&[&str], &str)] = &[
        (
            &["demo", "--profile", "p"],
            "unexpected argument '--profile'",
        ),
        (
            &["--profile", "p", "demo"],
            "error: --profile does not apply to `chime-prefs demo`: the demo always calls its own embedded service",
        ),
        (
            &["--region", "us-east-1", "demo"],
            "--region does not apply to `chime-prefs demo`",
        ),
        (
            &[
                "filter",
                "check",
                "--rule",
                "{}",
                "--endpoint-url",
                "http://127.0.0.1:9",
            ],
            "unexpected argument '--endpoint-url'",
        ),
        (
            &[
                "--endpoint-url",
                "http://127.0.0.1:9",
                "filter",
                "check",
                "--rule",
                "{}",
            ],
            "--endpoint-url does not apply to `chime-prefs filter check`: it works offline",
        ),
        (
            &["--max-attempts", "2", "serve-demo"],
            "--max-attempts does not apply to `chime-prefs serve-demo`",
        ),
    ];
    for (args, words) in cases {
        let out = chime_prefs(args, &home);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

#[test]
fn a_log_file_that_cannot_be_written_is_an_error() {
    let home = temp_home("log-dir");
    // A directory cannot be a log file, even for root.
    let dir = home.display().to_string();
    let out = chime_prefs(
        &[
            "get",
            "--log-file",
            &dir,
            "--channel-arn",
            CH,
            "--member-arn",
            CAROL,
        ],
        &home,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "error: --log-file {dir}: cannot write a log there: "
        )),
        "{}",
        stderr(&out)
    );
    // Under a regular file no directory can be made.
    let file = home.join("file");
    std::fs::write(&file, "").expect("write");
    let under = file.join("x.log").display().to_string();
    let out = chime_prefs(&["--log-file", &under, "serve-demo", "--tps", "0"], &home);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("--log-file {under}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_invalid_log_level_is_an_error_naming_the_variable() {
    let home = temp_home("log-level");
    let log = home.join("x.log").display().to_string();
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("HOME", &home)
        .env("CHIME_PREFS_LOG", "verbose")
        .args([
            "get",
            "--log-file",
            &log,
            "--channel-arn",
            CH,
            "--member-arn",
            CAROL,
        ]);
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "CHIME_PREFS_LOG=verbose is not a log level: use error, warn, info, debug, trace or off"
        ),
        "{}",
        stderr(&out)
    );
    // Commands that write no log do not care.
    let out = Command::new(BIN)
        .env_clear()
        .env("CHIME_PREFS_LOG", "verbose")
        .args(["filter", "check", "--rule", r#"{"m": ["a"]}"#])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn shell_available(shell: &str) -> bool {
    Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let home = temp_home("completions");
    for (shell, check) in [
        ("bash", &["-n"][..]),
        ("zsh", &["-n"][..]),
        ("fish", &["--no-execute"][..]),
    ] {
        let out = chime_prefs(&["completions", shell], &home);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["chime-prefs", "serve-demo", "channel-arn", "include-hidden"] {
            assert!(script.contains(word), "{shell}: lacks {word}");
        }
        // Where the shell is installed, the script must at least parse.
        if shell_available(shell) {
            let path = home.join(format!("completion.{shell}"));
            std::fs::write(&path, &script).expect("write");
            let parsed = Command::new(shell)
                .args(check)
                .arg(&path)
                .output()
                .expect("shell runs");
            assert!(parsed.status.success(), "{shell}: {}", stderr(&parsed));
        } else {
            eprintln!("{shell} not installed: the script was not parsed");
        }
    }
    // bash completes `demo` without AWS flags, `get` with them.
    let bash = stdout(&chime_prefs(&["completions", "bash"], &home));
    let demo_opts = bash
        .split("prefs__subcmd__demo)")
        .nth(1)
        .and_then(|rest| rest.lines().find(|l| l.contains("opts=")))
        .expect("demo's options");
    assert!(
        demo_opts.contains("--latency-ms") && !demo_opts.contains("--profile"),
        "{demo_opts}"
    );
    let out = chime_prefs(&["completions", "tcsh"], &home);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn a_manual_page_for_the_program_and_each_command() {
    let home = temp_home("man");
    let out = chime_prefs(&["man"], &home);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH chime-prefs 1"), "{page}");
    for word in [
        "completions",
        "serve\\-demo",
        "AWS_DEFAULT_REGION",
        "Exit codes",
    ] {
        assert!(page.contains(word), "the page lacks {word}");
    }
    let dir = home.join("man1");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = chime_prefs(&["man", "--out-dir", &dir.display().to_string()], &home);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in [
        "chime-prefs.1",
        "chime-prefs-get.1",
        "chime-prefs-scan.1",
        "chime-prefs-filter-check.1",
        "chime-prefs-serve-demo.1",
    ] {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.contains(".TH"), "{name}");
    }
    let get = std::fs::read_to_string(dir.join("chime-prefs-get.1")).expect("get page");
    assert!(get.contains("channel\\-arn"), "{get}");
    let out = chime_prefs(&["man", "--out-dir", "/nonexistent/man1"], &home);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the manual pages into /nonexistent/man1"),
        "{}",
        stderr(&out)
    );
}

/// Issue 14 §7: the top-level `--help` gives every command's exit codes,
/// `diagnose`'s 3 and `member`'s partial run among them, as each command's
/// own help and the README do.
#[test]
fn top_level_help_gives_the_exit_codes_of_diagnose_and_member() {
    let home = temp_home("help-exit-codes");
    let out = chime_prefs(&["--help"], &home);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = stdout(&out);
    let codes = help
        .split("Exit codes:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no exit codes:\n{help}"));
    for line in [
        "scan, member",
        "diagnose       0 a push would arrive, 1 it would not, 3 it depends",
        "filter check",
    ] {
        assert!(codes.contains(line), "{line:?} missing from:\n{codes}");
    }
}
