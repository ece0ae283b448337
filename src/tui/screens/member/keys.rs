//! The member screen's keys.

use crossterm::event::KeyCode;

use super::state::MemberScreen;
use crate::tui::keymap::{Binding, Mode, Rank, always, ch, key};
use crate::tui::screens::channel::StateFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter: the selected channel's lookup for the member.
    Open,
    /// Esc: back to the lookup screen; the run goes on.
    Back,
    Filter(StateFilter),
    CycleSort,
    Rerun,
    Stop,
}

fn has_selection(s: &MemberScreen) -> Result<(), String> {
    if s.selected_row().is_some() {
        Ok(())
    } else if s.results.rows().is_empty() {
        Err("Enter opens a channel, and none is listed yet".into())
    } else {
        Err("Enter opens a channel, and the filter shows none (0 shows every channel)".into())
    }
}

fn running(s: &MemberScreen) -> Result<(), String> {
    if s.running {
        Ok(())
    } else {
        Err("x stops the listing and lookups, and they have ended (R runs them again)".into())
    }
}

use Mode::Member;

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<MemberScreen, Action>] = &[
    Binding::new(&[key(KeyCode::Enter)], &[Member], "open", "Open the selected channel's lookup for the member (p there checks its push path)", Rank::High, Action::Open, has_selection),
    Binding::new(&[key(KeyCode::Esc)], &[Member], "back", "Clear the / filter; otherwise back to the lookup panes (the run goes on; u returns here)", Rank::High, Action::Back, always),
    Binding::new(&[ch('0')], &[Member], "channels", "Show every channel", Rank::Hidden, Action::Filter(StateFilter::Everyone), always),
    Binding::new(&[ch('1')], &[Member], StateFilter::All.label(), "Show only channels with ALL", Rank::Hidden, Action::Filter(StateFilter::All), always),
    Binding::new(&[ch('2')], &[Member], StateFilter::None.label(), "Show only channels with NONE (muted)", Rank::Hidden, Action::Filter(StateFilter::None), always),
    Binding::new(&[ch('3')], &[Member], StateFilter::Filtered.label(), "Show only channels with FILTERED", Rank::Hidden, Action::Filter(StateFilter::Filtered), always),
    Binding::new(&[ch('4')], &[Member], StateFilter::NotSet.label(), "Show only channels where the member never set preferences", Rank::Hidden, Action::Filter(StateFilter::NotSet), always),
    Binding::new(&[ch('5')], &[Member], "errors", "Show only channels whose lookup failed", Rank::Low, Action::Filter(StateFilter::Errors), always),
    Binding::new(&[ch('s')], &[Member], "sort", "Sort by listing order, state (errors and NONE first) or name", Rank::Low, Action::CycleSort, always),
    Binding::new(&[ch('x')], &[Member], "stop", "Stop listing and reading; what was read stays", Rank::Low, Action::Stop, running),
    Binding::new(&[ch('R')], &[Member], "rerun", "List the member's channels and read them again", Rank::Low, Action::Rerun, always),
];
