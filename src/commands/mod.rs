//! One file per subcommand. Each returns the process exit code.

pub mod demo;
pub mod filter_check;
pub mod get;
pub mod scan;
pub mod serve_demo;
pub mod tui;

use std::process::ExitCode;

use crate::aws::AwsSettings;
use crate::cli::GlobalArgs;
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
