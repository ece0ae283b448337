//! `chime-prefs` / `chime-prefs tui`: the interactive inspector.

use std::process::ExitCode;

use crate::cli::{GlobalArgs, TargetArgs};

pub async fn run(_global: &GlobalArgs, _args: &TargetArgs) -> ExitCode {
    super::invalid("the TUI is being built")
}
