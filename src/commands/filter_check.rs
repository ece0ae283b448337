//! `chime-prefs filter check`: lint and evaluate a FilterRule offline.

use std::process::ExitCode;

use crate::cli::FilterCheckArgs;

pub fn run(_args: &FilterCheckArgs) -> ExitCode {
    super::invalid("filter check is being built")
}
