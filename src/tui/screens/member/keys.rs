//! The member screen's words and keys.

use super::MemberScreen;
use crate::tui::keymap::{Binding, Mode};
use crate::tui::screens::lookup_table::keys::table_bindings;
use crate::tui::screens::lookup_table::{Action, KeyWords, NoExtra, Words};

pub const WORDS: &Words = &Words {
    noun: "channel",
    plural: "channels",
    title: "Member",
    running: "reading",
    everyone: "channels",
    everyone_hint: "0 shows every channel",
    listing: "Listing the member's channels…",
    none_listed: "The member is in no channel.",
    all_set: "The member set preferences on every channel",
    stopped: "stopped; what was read stays",
    rerun: Some("listing the member's channels again"),
    nothing_listed: "Enter opens a channel, and none is listed yet",
    nothing_shown: "Enter opens a channel, and the filter shows none (0 shows every channel)",
    not_running: "x stops the listing and lookups, and they have ended (R runs them again)",
    keys: KeyWords {
        open: "Open the selected channel's lookup for the member (p there checks its push path)",
        back: "Clear the / filter; otherwise back to the lookup panes (the run goes on; u returns here)",
        filters: [
            "Show every channel",
            "Show only channels with ALL",
            "Show only channels with NONE (muted)",
            "Show only channels with FILTERED",
            "Show only channels where the member never set preferences",
            "Show only channels whose lookup failed",
        ],
        stop: "Stop listing and reading; what was read stays",
        rerun_label: "rerun",
        rerun: "List the member's channels and read them again",
    },
};

pub const BINDINGS: &[Binding<MemberScreen, Action<NoExtra>>] =
    table_bindings!(&[Mode::Member], WORDS, []);
