//! What makes one table of lookups differ from another: a [`TableKind`]
//! says what fills the table (its results and its job), what a row opens,
//! its words, its columns and whatever it draws beside the table. The
//! channel view and the member screen are two kinds; a new list is a new
//! kind, not a copy of a screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::keys::Action;
use super::rows::{LookupResults, LookupRow};
use super::state::LookupTable;
use crate::aws::ClientInfo;
use crate::error::CallError;
use crate::model::Target;
use crate::report::{Report, ReportKind, Subject};
use crate::tui::job::{Job, JobEvent};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::msg::Effect;
use crate::tui::screens::page::{Ctx, Reply, ViewCtx};
use crate::tui::theme::Theme;

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

/// A column before the State column: its heading and its width.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub heading: &'static str,
    pub width: usize,
}

/// The ARNs behind a table, for the explanations (and reports).
#[derive(Debug, Clone, Copy, Default)]
pub struct Parties<'a> {
    pub member: Option<&'a str>,
    /// Who lists and reads.
    pub bearer: Option<&'a str>,
    pub channel: Option<&'a str>,
}

/// A table with no keys of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoExtra {}

/// Rows of the table's kind.
pub type RowOf<K> = <<K as TableKind>::Results as LookupResults>::Row;
/// Events of the table's kind.
pub type EventOf<K> = <<K as TableKind>::Results as LookupResults>::Event;

/// One kind of table of lookups. Plain data (what the table lists), and
/// pure functions of it.
pub trait TableKind: std::fmt::Debug + Clone + PartialEq + Sized + 'static {
    type Results: LookupResults;
    /// The kind's own keys' actions.
    type Extra: Copy + std::fmt::Debug + PartialEq + 'static;

    const MODE: Mode;
    /// Which report the table makes (`member`, `scan`).
    const REPORT: ReportKind;
    const WORDS: &'static Words;
    /// The columns before State (State and the rule or error follow).
    const COLUMNS: &'static [Column];

    /// The key table, made by `keys::table_bindings!`.
    fn bindings() -> &'static [Binding<LookupTable<Self>, Action<Self::Extra>>];

    // ---- what fills the table ---------------------------------------------

    /// Empty results, for a new run.
    fn new_results(&self) -> Self::Results;
    /// The job that fills the table.
    fn job(&self, ctx: &Ctx) -> Job;
    /// This kind's events among a job's.
    fn event(event: JobEvent) -> Option<EventOf<Self>>;
    /// What `Enter` looks up for a row with this ARN.
    fn target(&self, row_arn: &str) -> Target;
    /// One of the kind's own keys.
    fn extra(table: &mut LookupTable<Self>, action: Self::Extra, ctx: &mut Ctx) -> Reply;
    /// The report: `subject` (its run filled in) completed with the
    /// table's ARNs and names, and the results.
    fn report(table: &LookupTable<Self>, subject: Subject) -> Report;
    /// What a saved report of this kind lists, from its subject (and its
    /// results); `Err` says what the report lacks.
    fn from_subject(subject: &Subject, results: &Self::Results) -> Result<Self, String>;
    /// A live table of what this one lists, with this run's settings, and
    /// the effect that starts it (`r` on a saved report).
    fn live(&self, ctx: &mut Ctx) -> Result<(LookupTable<Self>, Vec<Effect>), String>;

    // ---- words that depend on the table ------------------------------------

    /// The ARNs behind the table.
    fn parties(&self) -> Parties<'_>;
    /// The region the calls went to.
    fn region(&self, client: &ClientInfo) -> Option<String>;
    /// Its short name in the title (sanitised).
    fn name(table: &LookupTable<Self>) -> String;
    /// What the title says after the name: " (with HIDDEN)".
    fn tag(&self) -> &'static str {
        ""
    }
    /// How fast it goes, for the title while there is room.
    fn speed(table: &LookupTable<Self>) -> Option<String>;
    /// Who the listing was made as, when it failed.
    fn listed_as(&self) -> String;
    /// What to do first when the listing failed.
    fn advice(&self, err: &CallError) -> Vec<String>;
    /// The cells of a row's columns (sanitised; fitted by the table).
    fn cells(&self, row: &RowOf<Self>, theme: &Theme) -> Vec<(String, Style)>;

    // ---- what is drawn beside the table (nothing by default) ----------------

    /// The table's area and a side pane's (zero wide: none).
    fn split(area: Rect) -> (Rect, Rect) {
        (area, Rect::new(area.x + area.width, area.y, 0, area.height))
    }
    fn render_side(_table: &LookupTable<Self>, _frame: &mut Frame, _area: Rect, _view: &ViewCtx) {}
    /// Lines under the counts, above the column headings.
    fn header_lines(
        _table: &LookupTable<Self>,
        _columns: usize,
        _narrow: bool,
        _theme: &Theme,
    ) -> Vec<Line<'static>> {
        Vec::new()
    }
    /// Rows taken under the table of the `rows` it has.
    fn below_rows(_table: &LookupTable<Self>, _rows: usize, _narrow: bool) -> usize {
        0
    }
    /// What fills those rows.
    fn below_lines(
        _table: &LookupTable<Self>,
        _rows: usize,
        _width: usize,
        _theme: &Theme,
    ) -> Vec<Line<'static>> {
        Vec::new()
    }
}

/// The text a row is filtered and sorted by: its name, then its ARN.
pub fn row_texts<R: LookupRow>(row: &R) -> [&str; 2] {
    [row.name().unwrap_or(""), row.arn().unwrap_or("")]
}
