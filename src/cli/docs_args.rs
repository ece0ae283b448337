//! Arguments of `chime-prefs completions` and `chime-prefs man`: both are
//! generated from these very clap definitions.

use std::path::PathBuf;

use clap::{Args, ValueHint};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write chime-prefs.1 and one page per sub-command (chime-prefs-get.1, ...) into this directory, instead of chime-prefs.1 to stdout
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out_dir: Option<PathBuf>,
}
