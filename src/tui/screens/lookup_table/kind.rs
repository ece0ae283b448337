//! What makes one table of lookups differ from another: a [`TableKind`]
//! says what fills the table (its [`TableSource`]: its results and its
//! job), what a row opens, its words, its columns and whatever it draws
//! beside the table. The channel view and the member screen are two kinds;
//! a new list is a new kind, not a copy of a screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::action::Action;
use super::source::{RowOf, TableSource};
use super::state::LookupTable;
use super::words::Words;
use crate::aws::ClientInfo;
use crate::error::CallError;
use crate::model::Target;
use crate::report::{Report, ReportKind, Subject};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::msg::Effect;
use crate::tui::screens::page::{Ctx, Reply, ViewCtx};
use crate::tui::theme::Theme;

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

/// One kind of table of lookups: its source, and how the table reads.
/// Plain data (what the table lists), and pure functions of it.
pub trait TableKind: TableSource {
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

    // ---- what a row opens, and the report -----------------------------------

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
