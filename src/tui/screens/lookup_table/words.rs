//! The words of a table of lookups: what its rows are called, what it says
//! while it runs and when a filter leaves nothing, and the help of its keys.
//! Plain data, each kind gives one.

/// The words of a table: what its rows are, and what it says.
#[derive(Debug)]
pub struct Words {
    /// One row: "member".
    pub noun: &'static str,
    /// Rows: "members".
    pub plural: &'static str,
    /// The title's first word: "Channel".
    pub title: &'static str,
    /// What the title says while the job runs: "scanning".
    pub running: &'static str,
    /// The label of filter `0`: "everyone".
    pub everyone: &'static str,
    /// How to see every row again: "0 shows everyone".
    pub everyone_hint: &'static str,
    /// The table while nothing is listed yet: "Listing members…".
    pub listing: &'static str,
    /// Nothing was listed: "No member was listed.".
    pub none_listed: &'static str,
    /// Filter `4` leaves no row: "Every member has set preferences".
    pub all_set: &'static str,
    /// The toast of `x`.
    pub stopped: &'static str,
    /// The toast of `R`, if any.
    pub rerun: Option<&'static str>,
    /// Why `Enter` does nothing: no row listed, or none shown.
    pub nothing_listed: &'static str,
    pub nothing_shown: &'static str,
    /// Why `x` does nothing: the job ended.
    pub not_running: &'static str,
    /// The help of the keys (see `keys::table_bindings!`).
    pub keys: KeyWords,
}

/// The help of a table's keys, one sentence each.
#[derive(Debug)]
pub struct KeyWords {
    pub open: &'static str,
    pub back: &'static str,
    /// Filters `0` to `5`.
    pub filters: [&'static str; 6],
    pub stop: &'static str,
    /// `R`: its footer word and its help.
    pub rerun_label: &'static str,
    pub rerun: &'static str,
}
