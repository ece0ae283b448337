//! What goes into the update function, and what comes out of it.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::error::CallError;
use crate::model::{Lookup, Target};
use crate::scan::{ScanEvent, ScanRequest};

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// A background lookup finished. Stale ids are dropped.
    FetchDone {
        id: u64,
        result: Box<Result<Lookup, CallError>>,
    },
    /// The channel view's scan reported progress. Stale ids are dropped.
    Scan {
        id: u64,
        event: Box<ScanEvent>,
    },
    /// A timer fired: spinner frame, watch fetch, toast expiry.
    Tick,
    /// SIGTERM or SIGHUP: leave as if `q` was pressed.
    Terminate,
}

/// Side effects the event loop carries out for the update function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run GetChannelMembershipPreferences on a task; answer with
    /// `Msg::FetchDone { id, .. }`.
    Fetch { id: u64, target: Target },
    /// Abort the task of request `id` (Esc, a newer request, quitting).
    Cancel { id: u64 },
    /// Put text on the clipboard through OSC 52.
    Copy { text: String },
    /// Start a channel scan; its events come back as `Msg::Scan { id, .. }`.
    StartScan { id: u64, request: ScanRequest },
    /// Stop the scan `id`.
    CancelScan { id: u64 },
}
