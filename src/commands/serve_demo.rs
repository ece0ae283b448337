//! `chime-prefs serve-demo`: the embedded demo service in the foreground.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::ServeDemoArgs;
use crate::demo_service::{DemoOptions, DemoServer};
use crate::stop_signals::StopSignals;

use super::{EXIT_FAILED, EXIT_OK, invalid};

pub async fn run(args: &ServeDemoArgs) -> ExitCode {
    let listen = match args.listen.parse() {
        Ok(addr) => addr,
        Err(_) => {
            return invalid(&format!(
                "--listen {:?} is not an address like 127.0.0.1:0",
                args.listen
            ));
        }
    };
    let data = match &args.data {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) => return invalid(&format!("cannot read --data {}: {e}", path.display())),
        },
        None => None,
    };
    if args.tps == Some(0) {
        return invalid("--tps must be at least 1");
    }
    let opts = DemoOptions {
        listen,
        data,
        latency: Duration::from_millis(args.latency_ms),
        tps: args.tps,
    };
    let server = match DemoServer::start(opts).await {
        Ok(s) => s,
        // A bad dataset is bad input (2); an address that cannot be bound
        // is a failure to run (1).
        Err(e) if !e.is_bind() => return invalid(&e.to_string()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    // Scripts read this first line to find the port.
    println!("listening on {}", server.endpoint_url());
    let _ = std::io::stdout().flush();
    eprintln!("demo service ready; press Ctrl-C to stop");
    shutdown_signal().await;
    server.shutdown().await;
    ExitCode::from(EXIT_OK)
}

/// Ctrl-C or SIGTERM (Ctrl-C alone if SIGTERM cannot be listened for).
async fn shutdown_signal() {
    match StopSignals::interrupt_or_terminate() {
        Ok(mut signals) => signals.recv().await,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
