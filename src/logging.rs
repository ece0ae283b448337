//! Logs go to a file, never to the terminal: the TUI owns the screen.
//!
//! The AWS SDK's own tracing includes the bearer ARN at debug and trace
//! level, so its crates are capped at `warn` whatever the user asks for.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

const SDK_CAP: &str = "aws_config=warn,aws_smithy_runtime=warn,aws_smithy_runtime_api=warn,aws_sdk_chimesdkmessaging=warn,aws_sdk_chimesdkidentity=warn,aws_sdk_pinpoint=warn,aws_sdk_iam=warn,aws_sigv4=off,aws_credential_types=warn,hyper=warn,hyper_util=warn,rustls=warn";

/// The variable that sets chime-prefs' own log level.
pub const LEVEL_VAR: &str = "CHIME_PREFS_LOG";

/// Why logging cannot start as asked.
#[derive(Debug)]
pub enum LogError {
    /// `CHIME_PREFS_LOG` holds something other than a level.
    BadLevel(String),
    /// The log file cannot be created or opened for writing.
    File {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A logger is already installed (a second `init` in one process).
    AlreadyStarted,
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::BadLevel(value) => write!(
                f,
                "{LEVEL_VAR}={} is not a log level: use error, warn, info, debug, trace or off",
                crate::sanitize::line(value)
            ),
            LogError::File { path, error } => write!(
                f,
                "--log-file {}: cannot write a log there: {error}",
                crate::sanitize::line(&path.display().to_string())
            ),
            LogError::AlreadyStarted => write!(f, "logging was already started"),
        }
    }
}

impl std::error::Error for LogError {}

/// `$XDG_STATE_HOME/chime-prefs/chime-prefs.log`, else the cache directory.
pub fn default_log_path() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::cache_dir)
        .map(|d| d.join("chime-prefs").join("chime-prefs.log"))
}

/// chime-prefs' own level from `value` (`CHIME_PREFS_LOG`): a level name
/// in any case; unset or empty is `info`.
pub fn parse_level(value: Option<&str>) -> Result<LevelFilter, LogError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(LevelFilter::INFO),
        Some(text) => match text.to_ascii_lowercase().as_str() {
            "off" => Ok(LevelFilter::OFF),
            "error" => Ok(LevelFilter::ERROR),
            "warn" | "warning" => Ok(LevelFilter::WARN),
            "info" => Ok(LevelFilter::INFO),
            "debug" => Ok(LevelFilter::DEBUG),
            "trace" => Ok(LevelFilter::TRACE),
            _ => Err(LogError::BadLevel(text.to_string())),
        },
    }
}

/// The level `CHIME_PREFS_LOG` asks for.
pub fn level_from_env() -> Result<LevelFilter, LogError> {
    parse_level(std::env::var(LEVEL_VAR).ok().as_deref())
}

/// Start logging to `path`, at the level `CHIME_PREFS_LOG` sets for
/// chime-prefs itself (default `info`).
pub fn init(path: &Path) -> Result<(), LogError> {
    let level = level_from_env()?;
    let file_error = |error| LogError::File {
        path: path.to_path_buf(),
        error,
    };
    // Readable by the user alone, like everything the tool writes: the
    // log names ARNs and request ids, and its directory holds the history.
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        crate::report::private_file::create_dir(parent).map_err(file_error)?;
    }
    let file = crate::report::private_file::options()
        .create(true)
        .append(true)
        .open(path)
        .map_err(file_error)?;
    let filter = EnvFilter::try_new(format!("warn,chime_prefs={level},{SDK_CAP}"))
        .map_err(|_| LogError::BadLevel(level.to_string()))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(|_| LogError::AlreadyStarted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_any_case_and_nothing_else() {
        assert_eq!(parse_level(None).ok(), Some(LevelFilter::INFO));
        assert_eq!(parse_level(Some("")).ok(), Some(LevelFilter::INFO));
        assert_eq!(parse_level(Some("DEBUG")).ok(), Some(LevelFilter::DEBUG));
        assert_eq!(parse_level(Some(" trace ")).ok(), Some(LevelFilter::TRACE));
        assert_eq!(parse_level(Some("off")).ok(), Some(LevelFilter::OFF));
        for bad in ["verbose", "debug,hyper=trace", "3", "chime_prefs=debug"] {
            let err = parse_level(Some(bad)).expect_err(bad);
            assert_eq!(
                err.to_string(),
                format!(
                    "CHIME_PREFS_LOG={bad} is not a log level: use error, warn, info, debug, trace or off"
                )
            );
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_names_the_flag_and_the_path() {
        let dir = std::env::temp_dir().join(format!("chime-prefs-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        // A directory cannot be opened as a log file.
        let err = init(&dir).expect_err("a directory");
        let text = err.to_string();
        assert!(
            text.starts_with(&format!(
                "--log-file {}: cannot write a log there: ",
                dir.display()
            )),
            "{text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
