//! `chime-prefs scan`: every member's preferences on a channel.

use std::process::ExitCode;

use crate::cli::{GlobalArgs, ScanArgs};

pub async fn run(_global: &GlobalArgs, _args: &ScanArgs) -> ExitCode {
    super::invalid("scan is being built")
}
