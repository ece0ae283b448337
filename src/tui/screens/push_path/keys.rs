//! The push-path screen's keys.

use crossterm::event::KeyCode;

use super::state::PushPathScreen;
use crate::tui::keymap::{Binding, Mode, Rank, always, ch, key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter: the selected check's evidence, advice and explanation.
    Detail,
    /// Esc: close the detail pane, else back to the lookup screen.
    Back,
    Rerun,
}

fn detail_closed(s: &PushPathScreen) -> Result<(), String> {
    if s.detail_open {
        Err("Enter: the detail is open (Esc returns to the checklist)".into())
    } else {
        Ok(())
    }
}

use Mode::PushPath;

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<PushPathScreen, Action>] = &[
    Binding::new(&[key(KeyCode::Enter)], &[PushPath], "detail", "Show the selected check's evidence, advice and explanation", Rank::High, Action::Detail, detail_closed),
    Binding::new(&[key(KeyCode::Esc)], &[PushPath], "back", "Close the detail; otherwise back to the lookup screen (p returns here)", Rank::High, Action::Back, always),
    Binding::new(&[ch('r')], &[PushPath], "re-run", "Run every call of the push path again, re-reading the kept set-up behind the devices (on a saved report: run it live)", Rank::Low, Action::Rerun, always),
];
