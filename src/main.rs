use std::process::ExitCode;

use clap::Parser;

use chime_prefs::cli::{Cli, Command, FilterCommand, TargetArgs};
use chime_prefs::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(path) = &cli.global.log_file
        && let Err(e) = chime_prefs::logging::init(path)
    {
        eprintln!("error: cannot open log file {}: {e}", path.display());
        return ExitCode::from(commands::EXIT_INVALID);
    }
    // Offline and synchronous: no runtime needed.
    if let Some(Command::Filter(FilterCommand::Check(args))) = &cli.command {
        return commands::filter_check::run(args);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(commands::EXIT_FAILED);
        }
    };
    let global = &cli.global;
    runtime.block_on(async move {
        match &cli.command {
            None => commands::tui::run(global, &TargetArgs::default()).await,
            Some(Command::Tui(args)) => commands::tui::run(global, args).await,
            Some(Command::Demo(args)) => commands::demo::run(global, args).await,
            Some(Command::Get(args)) => commands::get::run(global, args).await,
            Some(Command::ServeDemo(args)) => commands::serve_demo::run(args).await,
            Some(Command::Filter(FilterCommand::Check(args))) => commands::filter_check::run(args),
            Some(Command::Scan(args)) => commands::scan::run(global, args).await,
        }
    })
}
