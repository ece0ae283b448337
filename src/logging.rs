//! Logs go to a file, never to the terminal: the TUI owns the screen.
//!
//! The AWS SDK's own tracing includes the bearer ARN at debug and trace
//! level, so its crates are capped at `warn` whatever the user asks for.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

const SDK_CAP: &str = "aws_config=warn,aws_smithy_runtime=warn,aws_smithy_runtime_api=warn,aws_sdk_chimesdkmessaging=warn,aws_sigv4=off,aws_credential_types=warn,hyper=warn,hyper_util=warn,rustls=warn";

/// `$XDG_STATE_HOME/chime-prefs/chime-prefs.log`, else the cache directory.
pub fn default_log_path() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::cache_dir)
        .map(|d| d.join("chime-prefs").join("chime-prefs.log"))
}

/// Start logging to `path`. `CHIME_PREFS_LOG` sets the level for
/// chime-prefs itself (default `info`).
pub fn init(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    let own_level = std::env::var("CHIME_PREFS_LOG").unwrap_or_else(|_| "info".to_string());
    let filter = EnvFilter::try_new(format!("warn,chime_prefs={own_level},{SDK_CAP}"))
        .unwrap_or_else(|_| EnvFilter::new(format!("warn,chime_prefs=info,{SDK_CAP}")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(|e| std::io::Error::other(e.to_string()))
}
