//! The keys every screen shares: help, quit, and moving (j/k, pages,
//! top/bottom), which each screen carries out on its own list or pane.

use crossterm::event::KeyCode;

use super::app::App;
use super::keymap::{Binding, Mode, Rank, always, ch, ctrl, key};
use super::screens::{Motion, Page};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    Help,
    CloseHelp,
    Quit,
    Move(Motion),
    /// `d`: the screen's report against the last saved one.
    Compare,
    CloseCompare,
}

fn can_move(app: &App) -> Result<(), String> {
    if app.help.is_some() || app.comparing() {
        return Ok(());
    }
    match app.stack.last() {
        Some(top) => top.can_move(),
        None => app.lookup.can_move(),
    }
}

use Mode::{Browsing, Channel, Compare, Editing, Filtering, Help, Member, PushPath, Testing};

/// Where letters are commands and j/k move.
const MOVING: &[Mode] = &[Browsing, Channel, PushPath, Member, Compare, Help];

/// The screens with a report (`y`, `s`, `d`).
const REPORTING: &[Mode] = &[Channel, PushPath, Member];

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const GLOBAL: &[Binding<App, Global>] = &[
    Binding::new(&[ch('?'), key(KeyCode::F(1))], &[Browsing, Editing, Channel, PushPath, Member, Compare], "help", "Open this help", Rank::Top, Global::Help, always),
    Binding::new(&[ch('q')], &[Browsing, Channel, PushPath, Member], "quit", "Quit", Rank::Top, Global::Quit, always),
    Binding::new(&[key(KeyCode::F(1))], &[Testing, Filtering], "help", "Open this help (? is text here)", Rank::Top, Global::Help, always),
    Binding::new(&[ch('j'), key(KeyCode::Down)], MOVING, "down", "Select the next entry, or scroll down", Rank::Low, Global::Move(Motion::Down), can_move),
    Binding::new(&[ch('k'), key(KeyCode::Up)], MOVING, "up", "Select the previous entry, or scroll up", Rank::Hidden, Global::Move(Motion::Up), can_move),
    Binding::new(&[key(KeyCode::PageDown), ctrl('d')], MOVING, "page", "Scroll down a page", Rank::Hidden, Global::Move(Motion::PageDown), always),
    Binding::new(&[key(KeyCode::PageUp), ctrl('u')], MOVING, "page up", "Scroll up a page", Rank::Hidden, Global::Move(Motion::PageUp), always),
    Binding::new(&[ch('g'), key(KeyCode::Home)], MOVING, "top", "Go to the top", Rank::Hidden, Global::Move(Motion::Top), always),
    Binding::new(&[ch('G'), key(KeyCode::End)], MOVING, "bottom", "Go to the bottom", Rank::Hidden, Global::Move(Motion::Bottom), always),
    Binding::new(&[ch('d')], REPORTING, "compare", "Compare the screen's report with the last saved report of the same subject: what changed, with both times (s saves one)", Rank::Low, Global::Compare, always),
    Binding::new(&[ch('q'), ch('?'), key(KeyCode::Esc), key(KeyCode::F(1))], &[Help], "close", "Close this help", Rank::Top, Global::CloseHelp, always),
    Binding::new(&[key(KeyCode::Esc), ch('q'), ch('d')], &[Compare], "close", "Close the comparison", Rank::Top, Global::CloseCompare, always),
    Binding::new(&[ctrl('c')], &[Editing, Browsing, Testing, Channel, PushPath, Member, Filtering, Compare, Help], "quit", "Quit from anywhere", Rank::Hidden, Global::Quit, always),
];
