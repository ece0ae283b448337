//! What goes into the update function, and what comes out of it.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::error::LookupError;
use crate::model::{Lookup, Target};

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// A background lookup finished. Stale ids are dropped.
    FetchDone {
        id: u64,
        result: Box<Result<Lookup, LookupError>>,
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
}
