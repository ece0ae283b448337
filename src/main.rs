#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use clap::Parser;

use chime_prefs::cli::{Cli, Command, FilterCommand};
use chime_prefs::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = match cli.settings() {
        Ok(global) => global,
        Err(message) => return commands::invalid(&message),
    };
    if cli.runs_tui()
        && let Err(message) = commands::tui_terminal_ok(std::env::var("TERM").ok().as_deref())
    {
        return commands::invalid(&message);
    }
    if cli.logs() {
        if let Err(e) = chime_prefs::logging::level_from_env() {
            return commands::invalid(&e.to_string());
        }
        if let Some(path) = &global.log_file
            && let Err(e) = chime_prefs::logging::init(path)
        {
            return commands::invalid(&e.to_string());
        }
    }
    // Offline and synchronous: no runtime needed.
    match &cli.command {
        Some(Command::Filter(FilterCommand::Check(args))) => {
            return commands::filter_check::run(args);
        }
        Some(Command::Diff(args)) => return commands::diff::run(args),
        Some(Command::Completions(args)) => return commands::completions::run(args),
        Some(Command::Man(args)) => return commands::man::run(args),
        _ => {}
    }
    let runtime = match commands::runtime_for(cli.command.as_ref()).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(commands::EXIT_FAILED);
        }
    };
    let global = &global;
    runtime.block_on(async {
        match &cli.command {
            None | Some(Command::Tui(_)) => {
                commands::tui::run(global, &cli.tui_target(), cli.no_history()).await
            }
            Some(Command::Demo(args)) => commands::demo::run(global, args).await,
            Some(Command::Get(args)) => commands::get::run(global, args).await,
            Some(Command::ServeDemo(args)) => commands::serve_demo::run(args).await,
            Some(Command::Scan(args)) => commands::scan::run(global, args).await,
            Some(Command::Diagnose(args)) => commands::diagnose::run(global, args).await,
            Some(Command::Member(args)) => commands::member::run(global, args).await,
            Some(Command::Open(args)) => commands::open::run(global, args).await,
            // Handled above, without a runtime.
            Some(Command::Filter(FilterCommand::Check(args))) => commands::filter_check::run(args),
            Some(Command::Diff(args)) => commands::diff::run(args),
            Some(Command::Completions(args)) => commands::completions::run(args),
            Some(Command::Man(args)) => commands::man::run(args),
        }
    })
}
