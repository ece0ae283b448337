//! `chime-prefs serve-demo`: the embedded demo service in the foreground.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
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
    if args.bearer_tps == Some(0) {
        return invalid("--bearer-tps must be at least 1");
    }
    let opts = DemoOptions {
        listen,
        data,
        latency: Duration::from_millis(args.latency_ms),
        tps: args.tps,
        bearer_tps: args.bearer_tps,
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
    // Listen for Ctrl-C and SIGTERM before saying we are ready: a script
    // may stop the service as soon as it has read the address.
    let signals = StopSignals::interrupt_or_terminate();
    // Scripts read this first line to find the port; the second says what
    // was really bound (port 0 resolved, 0.0.0.0 kept as it is). One write,
    // and no panic if a script stopped reading after the first line.
    let lines = format!(
        "listening on {}\nbound to {}\n",
        server.endpoint_url(),
        bound(server.addr())
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(lines.as_bytes());
    let _ = stdout.flush();
    drop(stdout);
    eprintln!("demo service ready; press Ctrl-C to stop");
    shutdown_signal(signals).await;
    server.shutdown().await;
    ExitCode::from(EXIT_OK)
}

/// Ctrl-C or SIGTERM (Ctrl-C alone if SIGTERM cannot be listened for).
async fn shutdown_signal(signals: std::io::Result<StopSignals>) {
    match signals {
        Ok(mut signals) => signals.recv().await,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// The bound address, and who can reach it.
fn bound(addr: SocketAddr) -> String {
    let reach = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            "every IPv4 interface: reachable from other machines"
        }
        IpAddr::V6(ip) if ip.is_unspecified() => "every interface: reachable from other machines",
        ip if ip.is_loopback() => "loopback: this machine only",
        _ => "this address only",
    };
    format!("{addr} ({reach})")
}

#[cfg(test)]
mod tests {
    use super::bound;

    #[test]
    fn the_bound_address_says_who_can_reach_it() {
        let text = |addr: &str| bound(addr.parse().expect("address"));
        assert_eq!(
            text("0.0.0.0:4000"),
            "0.0.0.0:4000 (every IPv4 interface: reachable from other machines)"
        );
        assert_eq!(
            text("[::]:4000"),
            "[::]:4000 (every interface: reachable from other machines)"
        );
        assert_eq!(
            text("127.0.0.1:4000"),
            "127.0.0.1:4000 (loopback: this machine only)"
        );
        assert_eq!(text("10.1.2.3:80"), "10.1.2.3:80 (this address only)");
    }
}
