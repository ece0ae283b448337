//! The event loop: the only part of the TUI that touches the terminal,
//! the network and the clock. It turns terminal events, job results,
//! timers and signals into messages, runs the update function, carries out
//! its effects, and redraws. No busy tick: when nothing happens it sleeps.
//!
//! - `jobs`: the one registry of background work, keyed by job id;
//! - `clients`: the seam to `crate::aws`;
//! - `history_writer`: the one writer of the history file;
//! - `save`: saving a report's files; `last_saved`: finding the last
//!   saved report of a subject, for `d`.

mod clients;
mod history_writer;
mod jobs;
mod last_saved;
mod save;

use std::io::{self, Write};
use std::time::Instant;

use crossterm::event::{Event, EventStream, MouseEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::app::App;
use super::clipboard;
use super::msg::{Effect, Msg};
use super::terminal::{self, Tty};
use super::update::update;
use super::view;
use crate::history::HistoryFile;
use crate::stop_signals::StopSignals;

pub use clients::Clients;
use history_writer::HistoryWriter;
use jobs::Registry;

/// What carries out effects besides the terminal.
struct Hands {
    jobs: Registry,
    history: Option<HistoryWriter>,
}

fn carry_out(effect: Effect, hands: &mut Hands, terminal: &mut Tty) {
    let jobs = &mut hands.jobs;
    match effect {
        Effect::Start { id, job } => jobs.start(id, job),
        Effect::Cancel { id } => jobs.cancel(id),
        Effect::Copy { text } => {
            let backend = terminal.backend_mut();
            let written = backend
                .write_all(clipboard::osc52(&text).as_bytes())
                .and_then(|()| backend.flush());
            if let Err(e) = written {
                tracing::warn!(error = %e, "clipboard write failed");
            }
        }
        Effect::Remember(record) => {
            if let Some(writer) = &hands.history {
                writer.keep(*record);
            }
        }
        Effect::Save(report) => save::spawn(*report, jobs.sender()),
        Effect::FindSaved { id, subject } => last_saved::spawn(id, *subject, jobs.sender()),
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
/// once (a prefilled lookup); `history` is the file finished lookups are
/// appended to, when the history is kept (`app.options.history`).
pub async fn run(
    clients: Clients,
    mut app: App,
    initial: Vec<Effect>,
    log_filter_rules: bool,
    history: Option<HistoryFile>,
) -> io::Result<()> {
    // SIGTERM and SIGHUP end the TUI as `q` would, restoring the terminal.
    let mut signals = StopSignals::terminate_or_hangup()?;
    let (mut terminal, guard) = terminal::enter()?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let history = history
        .filter(|_| app.options.history.is_on())
        .and_then(|file| HistoryWriter::start(file, app.options.history.details(), tx.clone()));
    let mut hands = Hands {
        jobs: Registry::new(clients, tx, log_filter_rules),
        history,
    };
    for effect in initial {
        carry_out(effect, &mut hands, &mut terminal);
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
            for effect in update(&mut app, msg, Instant::now()) {
                carry_out(effect, &mut hands, &mut terminal);
            }
            taken += 1;
            if taken < MAX_BATCH {
                next = rx.try_recv().ok();
            }
        }
        dirty = true;
    };
    hands.jobs.abort_all();
    // The terminal is given back first: the last lookups may take a moment
    // to be written, and the screen must not look frozen meanwhile.
    drop(terminal);
    drop(guard);
    if let Some(writer) = hands.history {
        writer.finish();
    }
    result
}

/// Debug builds only: `CHIME_PREFS_TEST_PANIC=1` panics after the first
/// frame, so the end-to-end tests can check the terminal is restored and
/// the message printed. Release builds never look at the variable.
#[allow(
    clippy::panic,
    reason = "the end-to-end tests' deliberate panic, debug builds only"
)]
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
