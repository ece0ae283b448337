//! The push-path screen's keys.

use crossterm::event::KeyCode;

use super::state::PushPathScreen;
use crate::tui::keymap::{Binding, Mode, Rank, always, ch, key};
use crate::tui::screens::report::{COPY_HELP, SAVE_HELP};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter: the selected check's evidence, advice and explanation.
    Detail,
    /// Esc: close the detail pane, else back to the lookup screen.
    Back,
    Rerun,
    /// `y`: the report's Markdown to the clipboard.
    Copy,
    /// `s`: the report saved as Markdown and JSON.
    Save,
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
    Binding::new(&[ch('y')], &[PushPath], "copy", COPY_HELP, Rank::Low, Action::Copy, always),
    Binding::new(&[ch('s')], &[PushPath], "save", SAVE_HELP, Rank::Low, Action::Save, always),
];
