//! One file per subcommand. Each returns the process exit code.

pub mod completions;
pub mod demo;
pub mod diagnose;
pub mod diff;
pub mod filter_check;
mod follow;
pub mod get;
mod json_arg;
pub mod man;
pub mod member;
pub mod open;
mod report_out;
pub mod scan;
pub mod serve_demo;
pub mod tui;

use std::process::ExitCode;

use crate::aws::AwsSettings;
use crate::cli::{Command, GlobalArgs};
use crate::config::{self, FileConfig, FlagValues};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_INVALID: u8 = 2;

/// Settings every command needs, resolved once.
pub struct Setup {
    pub file: FileConfig,
    pub aws: AwsSettings,
}

impl Setup {
    pub fn load(global: &GlobalArgs) -> Result<Setup, ExitCode> {
        let file = config::load(global.config.as_deref()).map_err(|e| invalid(&e.to_string()))?;
        let flags = FlagValues {
            profile: global.profile.clone(),
            region: global.region.clone(),
            endpoint_url: global.endpoint_url.clone(),
            timeout_secs: global.timeout,
            max_attempts: global.max_attempts,
        };
        let env = |key: &str| std::env::var(key).ok();
        let aws =
            config::resolve_aws(&flags, &env, &file.aws).map_err(|e| invalid(&e.to_string()))?;
        Ok(Setup { file, aws })
    }
}

/// Write to stdout. A closed pipe (`| head`) is not worth a panic, which
/// `print!` would give, nor a message.
pub fn print_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Write to stderr, ignoring a closed stderr (a terminal that went away).
pub fn print_stderr(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Print what is wrong with the ARNs, and how to fix it; exit code 2.
pub fn invalid_arns(problems: &[crate::arn::ArnProblem]) -> ExitCode {
    let mut text = String::from("error: invalid input, nothing was sent\n");
    for problem in problems {
        text.push_str(&format!(
            "  {}: {}\n    fix: {}\n",
            problem.field.flag(),
            crate::sanitize::line(&problem.message),
            crate::sanitize::line(problem.fix_for_flags())
        ));
    }
    print_stderr(&text);
    ExitCode::from(EXIT_INVALID)
}

/// Print an input problem and return exit code 2.
pub fn invalid(message: &str) -> ExitCode {
    eprintln!("error: {}", crate::sanitize::block(message));
    ExitCode::from(EXIT_INVALID)
}

/// `Err` with the message to print when the terminal cannot show the TUI.
/// `term` is `$TERM`: a `dumb` terminal (Emacs' shell buffer, some CI
/// consoles) cannot move the cursor or draw the alternate screen.
pub fn tui_terminal_ok(term: Option<&str>) -> Result<(), String> {
    match term {
        Some("dumb") => Err(
            "TERM=dumb: this terminal cannot show the TUI (it needs cursor movement and an \
             alternate screen). For one lookup use `chime-prefs get --channel-arn ARN \
             --member-arn ARN`, for a channel `chime-prefs scan`; or run it in a terminal \
             emulator (TERM=xterm-256color)."
                .to_string(),
        ),
        _ => Ok(()),
    }
}

/// The runtime for `command`. `get` and `scan` run on the current thread:
/// one lookup gains nothing from worker threads and pays for their
/// hand-offs (about 0.5 ms a run, BENCHMARKS.md), and a scan's lookups are
/// tasks that interleave on one thread while they wait on the network.
/// The TUI, the demo and serve-demo keep two workers: the TUI draws while
/// requests run, and the demo's embedded service answers beside it.
pub fn runtime_for(command: Option<&Command>) -> tokio::runtime::Builder {
    match command {
        Some(Command::Get(_) | Command::Scan(_) | Command::Diagnose(_) | Command::Member(_)) => {
            let mut builder = tokio::runtime::Builder::new_current_thread();
            builder.enable_all();
            builder
        }
        _ => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(2).enable_all();
            builder
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dumb_terminal_is_refused_with_the_way_out() {
        let err = tui_terminal_ok(Some("dumb")).expect_err("dumb");
        assert!(
            err.starts_with("TERM=dumb: this terminal cannot show the TUI"),
            "{err}"
        );
        assert!(err.contains("chime-prefs get --channel-arn ARN"), "{err}");
        for fine in [None, Some("xterm-256color"), Some("screen"), Some("linux")] {
            assert!(tui_terminal_ok(fine).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn get_and_scan_run_on_the_current_thread() {
        use clap::Parser as _;
        let ch = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
        let cli = crate::cli::Cli::try_parse_from([
            "chime-prefs",
            "get",
            "--channel-arn",
            ch,
            "--member-arn",
            ch,
        ])
        .expect("parse");
        let rt = runtime_for(cli.command.as_ref()).build().expect("runtime");
        assert_eq!(
            rt.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::CurrentThread
        );
        let rt = runtime_for(None).build().expect("runtime");
        assert_eq!(
            rt.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread
        );
    }
}
