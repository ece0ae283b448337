//! The channel screen's keys.

use crossterm::event::KeyCode;

use super::filter::StateFilter;
use super::state::ChannelScreen;
use crate::tui::keymap::{Binding, Mode, Rank, always, ch, key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter: the selected member's full lookup, on the lookup screen.
    Open,
    /// Esc: back to the lookup screen; the scan goes on.
    Back,
    Filter(StateFilter),
    CycleSort,
    Rescan,
    ToggleHidden,
    Stop,
}

fn has_selection(s: &ChannelScreen) -> Result<(), String> {
    // Checked for every frame's footer: skip the 10,000-row filter when
    // nothing filters.
    let unfiltered = s.filter == StateFilter::Everyone && !s.cursor.filter.is_active();
    let selected = if unfiltered {
        s.cursor.selected() < s.results.rows().len()
    } else {
        s.visible_rows().get(s.cursor.selected()).is_some()
    };
    if selected {
        Ok(())
    } else {
        Err("Enter opens a member, and no member is shown".into())
    }
}

fn scan_running(s: &ChannelScreen) -> Result<(), String> {
    if s.running {
        Ok(())
    } else {
        Err("x stops a scan, and this one has ended (R scans again)".into())
    }
}

use Mode::Channel;

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<ChannelScreen, Action>] = &[
    Binding::new(&[key(KeyCode::Enter)], &[Channel], "open", "Open the selected member's full lookup", Rank::High, Action::Open, has_selection),
    Binding::new(&[key(KeyCode::Esc)], &[Channel], "back", "Clear the / filter; otherwise back to the lookup panes (the scan goes on; c returns here)", Rank::High, Action::Back, always),
    Binding::new(&[ch('0')], &[Channel], "everyone", "Show every member", Rank::Hidden, Action::Filter(StateFilter::Everyone), always),
    Binding::new(&[ch('1')], &[Channel], StateFilter::All.label(), "Show only members with ALL", Rank::Hidden, Action::Filter(StateFilter::All), always),
    Binding::new(&[ch('2')], &[Channel], StateFilter::None.label(), "Show only members with NONE", Rank::Hidden, Action::Filter(StateFilter::None), always),
    Binding::new(&[ch('3')], &[Channel], StateFilter::Filtered.label(), "Show only members with FILTERED", Rank::Hidden, Action::Filter(StateFilter::Filtered), always),
    Binding::new(&[ch('4')], &[Channel], StateFilter::NotSet.label(), "Show only members who never set preferences", Rank::Hidden, Action::Filter(StateFilter::NotSet), always),
    Binding::new(&[ch('5')], &[Channel], "errors", "Show only members whose lookup failed", Rank::Low, Action::Filter(StateFilter::Errors), always),
    Binding::new(&[ch('s')], &[Channel], "sort", "Sort by listing order, state (errors and NONE first) or name", Rank::Low, Action::CycleSort, always),
    Binding::new(&[ch('x')], &[Channel], "stop", "Stop the scan; what was read stays", Rank::Low, Action::Stop, scan_running),
    Binding::new(&[ch('R')], &[Channel], "rescan", "Scan the channel again", Rank::Low, Action::Rescan, always),
    Binding::new(&[ch('h')], &[Channel], "hidden", "Scan again with or without HIDDEN members (listing them needs a moderator or admin bearer)", Rank::Hidden, Action::ToggleHidden, always),
];
