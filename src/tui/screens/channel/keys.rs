//! The channel screen's words and keys.

use super::ChannelScreen;
use crate::tui::keymap::{Binding, Mode, Rank, always, ch};
use crate::tui::screens::lookup_table::keys::table_bindings;
use crate::tui::screens::lookup_table::{Action, KeyWords, Words};

/// The channel view's own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// Scan again with or without HIDDEN members.
    ToggleHidden,
}

pub const WORDS: &Words = &Words {
    noun: "member",
    plural: "members",
    title: "Channel",
    running: "scanning",
    everyone: "everyone",
    everyone_hint: "0 shows everyone",
    listing: "Listing members…",
    none_listed: "No member was listed.",
    all_set: "Every member has set preferences",
    stopped: "scan stopped",
    rerun: None,
    nothing_listed: "Enter opens a member, and no member is shown",
    nothing_shown: "Enter opens a member, and no member is shown",
    not_running: "x stops a scan, and this one has ended (R scans again)",
    keys: KeyWords {
        open: "Open the selected member's full lookup",
        back: "Clear the / filter; otherwise back to the lookup panes (the scan goes on; c returns here)",
        filters: [
            "Show every member",
            "Show only members with ALL",
            "Show only members with NONE",
            "Show only members with FILTERED",
            "Show only members who never set preferences",
            "Show only members whose lookup failed",
        ],
        stop: "Stop the scan; what was read stays",
        rerun_label: "rescan",
        rerun: "Scan the channel again",
    },
};

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<ChannelScreen, Action<Extra>>] = table_bindings!(&[Mode::Channel], WORDS, [
    Binding::new(&[ch('h')], &[Mode::Channel], "hidden", "Scan again with or without HIDDEN members (listing them needs a moderator or admin bearer)", Rank::Hidden, Action::Kind(Extra::ToggleHidden), always),
]);
