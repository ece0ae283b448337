//! The signals that end a command cleanly, so it can restore the terminal
//! or print what it has before exiting. Registered up front: a signal that
//! arrives early is not lost.

use std::io;

#[cfg(unix)]
use tokio::signal::unix::{Signal, SignalKind, signal};

pub struct StopSignals {
    #[cfg(unix)]
    first: Signal,
    #[cfg(unix)]
    second: Signal,
}

impl StopSignals {
    /// Ctrl-C and SIGTERM: `scan` and `serve-demo`.
    pub fn interrupt_or_terminate() -> io::Result<Self> {
        #[cfg(unix)]
        return Self::pair(SignalKind::interrupt(), SignalKind::terminate());
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// SIGTERM and SIGHUP: the TUI, which reads Ctrl-C as a key.
    pub fn terminate_or_hangup() -> io::Result<Self> {
        #[cfg(unix)]
        return Self::pair(SignalKind::terminate(), SignalKind::hangup());
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    #[cfg(unix)]
    fn pair(first: SignalKind, second: SignalKind) -> io::Result<Self> {
        Ok(StopSignals {
            first: signal(first)?,
            second: signal(second)?,
        })
    }

    /// Resolves when one of the signals arrives.
    pub async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.first.recv() => {}
            _ = self.second.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
