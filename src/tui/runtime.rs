//! The event loop: the only part of the TUI that touches the terminal, the
//! network and the clock. It turns terminal events, finished requests,
//! timers and signals into messages, runs the update function, carries out
//! its effects, and redraws. No busy tick: when nothing happens it sleeps.

use std::collections::HashMap;
use std::io::{self, Write};
use std::time::Instant;

use crossterm::event::{Event, EventStream, MouseEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::clipboard;
use super::msg::{Effect, Msg};
use super::state::App;
use super::terminal::{self, Tty};
use super::update::update;
use super::view;
use crate::aws::PrefsClient;
use crate::scan::{self, ScanHandle};
use crate::stop_signals::StopSignals;

/// The clients the TUI calls with.
pub struct Clients {
    /// Single lookups: the SDK retries throttling and 5xx itself.
    pub lookup: PrefsClient,
    /// The channel view's scan: one attempt per call, because the scan
    /// paces and retries itself (see `crate::scan`).
    pub scan: PrefsClient,
}

struct Effects {
    client: PrefsClient,
    scan_client: PrefsClient,
    tx: mpsc::UnboundedSender<Msg>,
    tasks: HashMap<u64, JoinHandle<()>>,
    /// Running scans: the engine's handle (dropping it stops the scan) and
    /// the task forwarding its events.
    scans: HashMap<u64, (ScanHandle, JoinHandle<()>)>,
    log_filter_rules: bool,
}

impl Effects {
    fn run(&mut self, effect: Effect, terminal: &mut Tty) {
        match effect {
            Effect::Fetch { id, target } => {
                tracing::info!(id, "fetch started");
                let client = self.client.clone();
                let tx = self.tx.clone();
                let log_rules = self.log_filter_rules;
                let task = tokio::spawn(async move {
                    let result = client.get_preferences(&target).await;
                    match &result {
                        Ok(lookup) => {
                            tracing::info!(id, request_id = ?lookup.meta.request_id, attempts = lookup.meta.attempts, latency_ms = lookup.meta.latency.as_millis() as u64, "fetch done");
                            if log_rules && let Some(rule) = lookup.response.filter_rule() {
                                tracing::info!(id, filter_rule = %rule.raw, "filter rule");
                            }
                        }
                        Err(e) => {
                            tracing::warn!(id, kind = ?e.kind, status = ?e.http_status, request_id = ?e.request_id, attempts = e.attempts, "fetch failed");
                        }
                    }
                    // The receiver is gone only when the TUI is closing.
                    let _ = tx.send(Msg::FetchDone {
                        id,
                        result: Box::new(result),
                    });
                });
                self.tasks.insert(id, task);
            }
            Effect::Cancel { id } => {
                if let Some(task) = self.tasks.remove(&id) {
                    task.abort();
                    tracing::info!(id, "fetch cancelled");
                }
            }
            Effect::StartScan { id, request } => {
                tracing::info!(id, concurrency = request.concurrency, "scan started");
                let (handle, mut events) = scan::spawn(self.scan_client.clone(), request);
                let tx = self.tx.clone();
                let forward = tokio::spawn(async move {
                    while let Some(event) = events.recv().await {
                        if tx
                            .send(Msg::Scan {
                                id,
                                event: Box::new(event),
                            })
                            .is_err()
                        {
                            break;
                        }
                    }
                });
                self.scans.insert(id, (handle, forward));
            }
            Effect::CancelScan { id } => {
                if let Some((handle, forward)) = self.scans.remove(&id) {
                    drop(handle);
                    forward.abort();
                    tracing::info!(id, "scan cancelled");
                }
            }
            Effect::Copy { text } => {
                let backend = terminal.backend_mut();
                let written = backend
                    .write_all(clipboard::osc52(&text).as_bytes())
                    .and_then(|()| backend.flush());
                if let Err(e) = written {
                    tracing::warn!(error = %e, "clipboard write failed");
                }
            }
        }
    }

    fn abort_all(&mut self) {
        for (_, task) in self.tasks.drain() {
            task.abort();
        }
        for (_, (handle, forward)) in self.scans.drain() {
            drop(handle);
            forward.abort();
        }
    }
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Moved | MouseEventKind::Drag(_) => None,
            _ => Some(Msg::Mouse(mouse)),
        },
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        Event::FocusGained | Event::FocusLost => None,
    }
}

/// How often to check that the terminal is still there (see
/// [`terminal_hung_up`]). Not a redraw: an idle TUI wakes for microseconds.
const HANGUP_CHECK: std::time::Duration = std::time::Duration::from_secs(5);

/// True when the terminal on stdin hung up. A hang-up normally arrives as
/// SIGHUP, but not when the terminal is not the controlling one; crossterm
/// then spins reading end-of-file, so the loop must notice by itself.
fn terminal_hung_up() -> bool {
    #[cfg(unix)]
    {
        let mut fds = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a zero timeout; poll only writes revents.
        let ready = unsafe { libc::poll(&mut fds, 1, 0) };
        ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
    #[cfg(not(unix))]
    false
}

/// Most queued messages handled before a redraw.
const MAX_BATCH: usize = 2048;

/// Run the TUI until the user quits. `initial` are effects to carry out at
/// once (a prefilled lookup).
pub async fn run(
    clients: Clients,
    mut app: App,
    initial: Vec<Effect>,
    log_filter_rules: bool,
) -> io::Result<()> {
    // SIGTERM and SIGHUP end the TUI as `q` would, restoring the terminal.
    let mut signals = StopSignals::terminate_or_hangup()?;
    let (mut terminal, _guard) = terminal::enter()?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut effects = Effects {
        client: clients.lookup,
        scan_client: clients.scan,
        tx,
        tasks: HashMap::new(),
        scans: HashMap::new(),
        log_filter_rules,
    };
    for effect in initial {
        effects.run(effect, &mut terminal);
    }
    let mut events = EventStream::new();
    let mut dirty = true;
    let result = loop {
        // Quitting draws nothing more: after a hang-up there is no
        // terminal to draw on.
        if app.should_quit {
            break Ok(());
        }
        if dirty {
            if let Err(e) = terminal.draw(|frame| view::render(frame, &app)) {
                break Err(e);
            }
            dirty = false;
            panic_if_asked();
        }
        let wake = app.next_wakeup(Instant::now());
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match to_msg(event) {
                    Some(msg) => msg,
                    None => continue,
                },
                // The terminal cannot be read: it went away. Leave as a
                // hang-up would.
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "reading the terminal failed; quitting");
                    Msg::Terminate
                }
                None => Msg::Terminate,
            },
            Some(msg) = rx.recv() => msg,
            () = sleep_until(wake), if wake.is_some() => Msg::Tick,
            () = signals.recv() => Msg::Terminate,
            () = tokio::time::sleep(HANGUP_CHECK) => {
                if terminal_hung_up() {
                    tracing::warn!("the terminal went away; quitting");
                    Msg::Terminate
                } else {
                    continue;
                }
            }
        };
        // A scan reports thousands of events: take every message already
        // waiting before drawing once, so the screen keeps up without a
        // frame per member.
        let mut next = Some(msg);
        let mut taken = 0;
        while let Some(msg) = next.take() {
            if let Msg::FetchDone { id, .. } = &msg {
                effects.tasks.remove(id);
                let shown = app.in_flight.as_ref().is_some_and(|f| f.id == *id);
                tracing::debug!(id, shown, "result received");
            }
            for effect in update(&mut app, msg, Instant::now()) {
                effects.run(effect, &mut terminal);
            }
            taken += 1;
            if taken < MAX_BATCH {
                next = rx.try_recv().ok();
            }
        }
        dirty = true;
    };
    effects.abort_all();
    result
}

/// Debug builds only: `CHIME_PREFS_TEST_PANIC=1` panics after the first
/// frame, so the end-to-end tests can check the terminal is restored and
/// the message printed. Release builds never look at the variable.
fn panic_if_asked() {
    #[cfg(debug_assertions)]
    if std::env::var_os("CHIME_PREFS_TEST_PANIC").is_some() {
        panic!("test panic requested by CHIME_PREFS_TEST_PANIC");
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await,
        None => std::future::pending().await,
    }
}
