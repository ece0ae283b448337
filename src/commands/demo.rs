//! `chime-prefs demo`: the embedded demo service plus the TUI.

use std::process::ExitCode;

use crate::cli::{DemoArgs, GlobalArgs};

pub async fn run(_global: &GlobalArgs, _args: &DemoArgs) -> ExitCode {
    super::invalid("the demo TUI is being built")
}
