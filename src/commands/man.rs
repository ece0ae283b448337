//! `chime-prefs man`: the manual page, generated from the clap definitions.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};

use super::{EXIT_FAILED, EXIT_OK};

/// The roff source of `chime-prefs(1)`.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

pub fn run(args: &ManArgs) -> ExitCode {
    use std::io::Write as _;
    let written = match &args.out_dir {
        Some(dir) => clap_mangen::generate_to(Cli::command(), dir)
            .map_err(|e| format!("cannot write the manual pages into {}: {e}", dir.display())),
        None => page()
            .and_then(|roff| {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&roff).and_then(|()| stdout.flush())
            })
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(e),
            })
            .map_err(|e| format!("cannot write the manual page: {e}")),
    };
    match written {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(message) => {
            super::print_stderr(&format!("error: {message}\n"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_commands_and_the_environment() {
        let roff = String::from_utf8(page().expect("render")).expect("UTF-8");
        assert!(
            roff.starts_with(".ie \\n(.g .ds Aq \\(aq") || roff.contains(".TH chime-prefs 1"),
            "{roff}"
        );
        for word in [
            "chime\\-prefs\\-get",
            "scan",
            "AWS_DEFAULT_REGION",
            "CHIME_PREFS_LOG",
        ] {
            assert!(roff.contains(word), "the page lacks {word}");
        }
    }
}
