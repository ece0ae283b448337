//! The keys every table of lookups has, and the macro that makes a kind's
//! key table: these keys worded for its rows, then the kind's own.

use crossterm::event::KeyCode;

use super::action::Action;
use super::filter::StateFilter;
use super::kind::TableKind;
use super::offline::offline;
use super::rows::LookupResults;
use super::state::LookupTable;
use super::words::Words;
use crate::tui::keymap::{Binding, KeySpec, Mode, Rank, always, ch, key};
use crate::tui::screens::report::{COPY_HELP, SAVE_HELP};

/// `Enter` has a row to open.
pub fn has_selection<K: TableKind>(t: &LookupTable<K>) -> Result<(), String> {
    // Checked for every frame's footer: skip the 10,000-row filter when
    // nothing filters.
    let rows = t.results.rows().len();
    let unfiltered = t.filter == StateFilter::Everyone && !t.cursor.filter.is_active();
    let selected = if unfiltered {
        t.cursor.selected() < rows
    } else {
        t.visible_rows().get(t.cursor.selected()).is_some()
    };
    match (selected, rows) {
        (true, _) => Ok(()),
        (false, 0) => Err(K::WORDS.nothing_listed.into()),
        (false, _) => Err(K::WORDS.nothing_shown.into()),
    }
}

/// `x` has a job to stop.
pub fn running<K: TableKind>(t: &LookupTable<K>) -> Result<(), String> {
    if t.running {
        Ok(())
    } else if t.offline.is_some() {
        Err("x stops a run, and a saved report runs nothing: r runs it live".into())
    } else {
        Err(K::WORDS.not_running.into())
    }
}

/// A binding of a table of kind `K`.
type TableBinding<K> = Binding<LookupTable<K>, Action<<K as TableKind>::Extra>>;

const ENTER: &[KeySpec] = &[key(KeyCode::Enter)];
const ESC: &[KeySpec] = &[key(KeyCode::Esc)];
const DIGITS: [&[KeySpec]; 6] = [
    &[ch('0')],
    &[ch('1')],
    &[ch('2')],
    &[ch('3')],
    &[ch('4')],
    &[ch('5')],
];
const SORT: &[KeySpec] = &[ch('o')];
const COPY: &[KeySpec] = &[ch('y')];
const SAVE: &[KeySpec] = &[ch('s')];
const STOP: &[KeySpec] = &[ch('x')];
const RERUN: &[KeySpec] = &[ch('R')];
const LIVE: &[KeySpec] = &[ch('r')];

// One binding per line reads as the table it is.

/// `Enter`: open the selected row.
#[rustfmt::skip]
pub const fn open<K: TableKind>(mode: &'static [Mode], w: &'static Words) -> TableBinding<K> {
    Binding::new(ENTER, mode, "open", w.keys.open, Rank::High, Action::Open, has_selection)
}

/// `Esc`: back to the lookup screen.
#[rustfmt::skip]
pub const fn back<K: TableKind>(mode: &'static [Mode], w: &'static Words) -> TableBinding<K> {
    Binding::new(ESC, mode, "back", w.keys.back, Rank::High, Action::Back, always)
}

/// `0`–`5`: filter `n` of [`StateFilter::ALL`].
#[rustfmt::skip]
pub const fn filter<K: TableKind>(mode: &'static [Mode], w: &'static Words, n: usize) -> TableBinding<K> {
    let filter = StateFilter::ALL[n];
    let (label, rank) = match filter {
        StateFilter::Everyone => (w.everyone, Rank::Hidden),
        StateFilter::Errors => (filter.label(), Rank::Low),
        _ => (filter.label(), Rank::Hidden),
    };
    Binding::new(DIGITS[n], mode, label, w.keys.filters[n], rank, Action::Filter(filter), always)
}

/// `o`: the next order.
#[rustfmt::skip]
pub const fn sort<K: TableKind>(mode: &'static [Mode]) -> TableBinding<K> {
    Binding::new(SORT, mode, "sort", "Order the rows by listing order, state (errors and NONE first) or name", Rank::Low, Action::CycleSort, always)
}

#[rustfmt::skip]
pub const fn stop<K: TableKind>(mode: &'static [Mode], w: &'static Words) -> TableBinding<K> {
    Binding::new(STOP, mode, "stop", w.keys.stop, Rank::Low, Action::Stop, running)
}

#[rustfmt::skip]
pub const fn rerun<K: TableKind>(mode: &'static [Mode], w: &'static Words) -> TableBinding<K> {
    Binding::new(RERUN, mode, w.keys.rerun_label, w.keys.rerun, Rank::Low, Action::Rerun, always)
}

#[rustfmt::skip]
pub const fn copy<K: TableKind>(mode: &'static [Mode]) -> TableBinding<K> {
    Binding::new(COPY, mode, "copy", COPY_HELP, Rank::Low, Action::Copy, always)
}

#[rustfmt::skip]
pub const fn save<K: TableKind>(mode: &'static [Mode]) -> TableBinding<K> {
    Binding::new(SAVE, mode, "save", SAVE_HELP, Rank::Low, Action::Save, always)
}

/// `r`: a saved report run live (hidden from the footer, so that a saved
/// table's footer reads as the live one's; `R` says it when refused).
#[rustfmt::skip]
pub const fn live<K: TableKind>(mode: &'static [Mode]) -> TableBinding<K> {
    Binding::new(LIVE, mode, "live", "On a saved report (chime-prefs open): run it live, with this run's settings", Rank::Hidden, Action::Live, offline)
}

/// The key table of a kind of table: the keys above for `$mode` (a
/// `&[Mode]`), worded by `$words` (its [`Words`]), then the kind's own
/// bindings (of `Action::Kind`).
macro_rules! table_bindings {
    ($mode:expr, $words:expr, [$($extra:expr),* $(,)?]) => {
        &[
            $crate::tui::screens::lookup_table::keys::open($mode, $words),
            $crate::tui::screens::lookup_table::keys::back($mode, $words),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 0),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 1),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 2),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 3),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 4),
            $crate::tui::screens::lookup_table::keys::filter($mode, $words, 5),
            $crate::tui::screens::lookup_table::keys::sort($mode),
            $crate::tui::screens::lookup_table::keys::stop($mode, $words),
            $crate::tui::screens::lookup_table::keys::rerun($mode, $words),
            $crate::tui::screens::lookup_table::keys::copy($mode),
            $crate::tui::screens::lookup_table::keys::save($mode),
            $crate::tui::screens::lookup_table::keys::live($mode),
            $($extra,)*
        ]
    };
}

pub(crate) use table_bindings;
