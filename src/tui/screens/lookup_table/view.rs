//! Drawing a table of lookups: the title, the per-state counts, then one
//! row per lookup, filled in live as the job reports. Only the visible
//! rows become widgets. When the listing fails before any row is listed,
//! the table gives way to what failed and what to do. The kind adds its
//! columns and whatever it draws beside the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::counts::{self, CountKind};
use super::filter::StateFilter;
use super::kind::TableKind;
use super::rows::{LookupResults, LookupRow};
use super::source::RowOf;
use super::state::LookupTable;
use crate::error::CallError;
use crate::explain::{self, Context};
use crate::model::{AllowNotifications, PushState};
use crate::output::text::plural;
use crate::sanitize;
use crate::scan::Listing;
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Doc;
use crate::tui::widgets::filter_input;
use crate::tui::widgets::fit::{pad as fit_pad, truncate, width as text_width};
use crate::tui::widgets::list::row_style;
use crate::tui::widgets::push_state::row_cells;

const STATE_COLUMN: usize = 10;

/// A column: `text` fitted to `width`, then the gap to the next.
fn pad(text: &str, width: usize) -> String {
    format!("{} ", fit_pad(text, width))
}

/// The title in at most `columns`: the speed goes first, then the words.
pub fn title<K: TableKind>(table: &LookupTable<K>, columns: usize) -> String {
    let full = title_text(table, true);
    if text_width(&full) <= columns {
        return full;
    }
    let short = title_text(table, false);
    if text_width(&short) <= columns {
        return short;
    }
    let s = table.results.summary();
    truncate(
        &format!(
            " {} · {} of {} read ",
            K::name(table),
            s.finished(),
            s.listed()
        ),
        columns,
    )
}

fn title_text<K: TableKind>(table: &LookupTable<K>, with_speed: bool) -> String {
    let words = K::WORDS;
    let r = &table.results;
    let s = r.summary();
    let listed = s.listed();
    let running = words.running;
    let progress = match (table.running, r.listing()) {
        (_, Listing::Failed(err)) if listed == 0 => format!("listing failed {}", short_status(err)),
        (true, Listing::InProgress) => {
            format!("{running}: {} read, {listed} listed so far", s.finished())
        }
        (true, _) => format!("{running}: {} of {listed} read", s.finished()),
        // How long a saved report's run took is not in the report.
        (false, _) if r.is_complete() && table.offline.is_some() => {
            format!("{} read", plural(listed as u64, words.noun))
        }
        (false, _) if r.is_complete() => format!(
            "{} read in {:.1} s",
            plural(listed as u64, words.noun),
            table.elapsed_secs()
        ),
        // The listing failed part way: nothing was stopped.
        (false, Listing::Failed(err)) => format!(
            "listing failed {}: {} of {listed} listed read (partial)",
            short_status(err),
            s.finished()
        ),
        (false, _) if listed == 0 => format!("stopped before any {} was listed", words.noun),
        (false, _) => format!(
            "stopped: {} of {listed} listed {} read (partial)",
            s.finished(),
            words.plural
        ),
    };
    let speed = K::speed(table)
        .filter(|_| with_speed)
        .map(|s| format!(" · {s}"))
        .unwrap_or_default();
    format!(
        " {} {}{} · {progress}{speed} ",
        words.title,
        K::name(table),
        table.source.tag()
    )
}

fn short_status(err: &CallError) -> String {
    let code = sanitize::line(&err.display_code()).into_owned();
    match err.http_status {
        Some(status) => format!("({status} {code})"),
        None => format!("({code})"),
    }
}

/// The counts, wrapped to as many rows as they need.
pub fn counts_lines<K: TableKind>(
    table: &LookupTable<K>,
    columns: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let items = counts::items(table);
    counts::rows(&items, columns)
        .into_iter()
        .map(|row| {
            let mut spans = Vec::new();
            for item in row {
                if let Some(key) = item.key {
                    spans.push(Span::styled(key.to_string(), theme.key()));
                }
                let style = match item.kind {
                    CountKind::Filter(filter) if filter == table.filter => chosen(filter, theme),
                    CountKind::Filter(_) => theme.label(),
                    CountKind::Unknown => theme.warning(),
                    CountKind::Pending | CountKind::Sort => theme.dim(),
                };
                spans.push(Span::styled(item.text.clone(), style));
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        })
        .collect()
}

/// The chosen filter wears its state's colour.
fn chosen(filter: StateFilter, theme: &Theme) -> Style {
    let base = match filter.state() {
        Some(PushState::All) => theme.badge(Some(&AllowNotifications::All)),
        Some(PushState::None) => theme.badge(Some(&AllowNotifications::None)),
        Some(PushState::Filtered) => theme.badge(Some(&AllowNotifications::Filtered)),
        Some(_) => theme.badge(None),
        None if filter == StateFilter::Errors => theme.error_badge(),
        None => Style::new(),
    };
    if base == Style::new() {
        theme.selected()
    } else {
        base
    }
}

/// The lines above the column headings: the counts, then the kind's.
fn header_lines<K: TableKind>(
    table: &LookupTable<K>,
    columns: usize,
    narrow: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = counts_lines(table, columns, theme);
    lines.extend(K::header_lines(table, columns, narrow, theme));
    lines
}

/// Rows above the column headings when the screen's area is `body`.
pub fn header_rows<K: TableKind>(table: &LookupTable<K>, body: Rect) -> usize {
    let (area, side) = K::split(body);
    let columns = usize::from(Block::bordered().inner(area).width);
    header_lines(table, columns, side.width == 0, &Theme::new(false)).len()
}

/// Rows of the table in `body` (the screen's area).
pub fn table_rows<K: TableKind>(table: &LookupTable<K>, body: Rect) -> usize {
    let (area, side) = K::split(body);
    let inner = Block::bordered().inner(area);
    let narrow = side.width == 0;
    let header = header_lines(table, usize::from(inner.width), narrow, &Theme::new(false));
    let rows = usize::from(inner.height).saturating_sub(header.len() + 1);
    rows - K::below_rows(table, rows, narrow).min(rows)
}

fn headings<K: TableKind>() -> String {
    let mut text: String = K::COLUMNS.iter().map(|c| pad(c.heading, c.width)).collect();
    text.push_str(&pad("State", STATE_COLUMN));
    text.push_str("FilterRule / error");
    text
}

fn row_line<K: TableKind>(
    table: &LookupTable<K>,
    row: &RowOf<K>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = table
        .source
        .cells(row, theme)
        .into_iter()
        .zip(K::COLUMNS)
        .map(|((text, style), column)| Span::styled(pad(&text, column.width), style))
        .collect();
    let (state, state_style, detail) = row_cells(row.state(), theme);
    let used: usize = K::COLUMNS.iter().map(|c| c.width + 1).sum();
    let rest = width.saturating_sub(used + STATE_COLUMN + 1);
    spans.push(Span::styled(pad(&state, STATE_COLUMN), state_style));
    spans.push(Span::styled(truncate(&detail, rest), theme.dim()));
    Line::from(spans)
}

/// The listing failed before any row was listed: say which call failed,
/// what it needs, who may make it, as whom it was made, and what to do.
pub fn listing_failure<K: TableKind>(
    table: &LookupTable<K>,
    err: &CallError,
    view: &ViewCtx,
    columns: usize,
) -> Vec<Line<'static>> {
    let theme = view.theme;
    let op = err.operation;
    let mut doc = Doc::new(columns);
    let status = err
        .http_status
        .map(|s| format!("HTTP {s} "))
        .unwrap_or_default();
    doc.para(
        &format!(
            "{op} failed ({status}{}): no {} could be listed, so no preferences were read.",
            err.display_code(),
            K::WORDS.noun
        ),
        theme.error(),
    );
    if let Some(message) = &err.message {
        doc.field("Message", theme.label(), message, Style::new());
    }
    if let Some(detail) = &err.detail {
        doc.field("Detail", theme.label(), detail, Style::new());
    }
    doc.field(
        "Request id",
        theme.label(),
        err.request_id_or_why(),
        Style::new(),
    );
    doc.field("IAM action", theme.label(), &op.iam_action(), Style::new());
    doc.field(
        "Who may list",
        theme.label(),
        op.who_may_call(),
        Style::new(),
    );
    doc.field(
        "Listed as",
        theme.label(),
        &table.source.listed_as(),
        Style::new(),
    );
    doc.blank();
    let client = &view.options.client;
    let region = table.source.region(client);
    let parties = table.source.parties();
    let ctx = Context {
        profile: client.profile.as_deref(),
        run: Some(client),
        region: err.region.as_deref().or(region.as_deref()),
        member: parties.member,
        bearer: parties.bearer,
        channel: parties.channel,
    };
    doc.para("What to do", theme.bold());
    for step in table
        .source
        .advice(err)
        .iter()
        .chain(&explain::explain_error(err, &ctx).next_steps)
    {
        doc.bullet("-", theme.dim(), step, Style::new());
    }
    doc.lines
}

/// The frame's bottom line: the `/` filter, a listing that stopped part
/// way, throttling.
fn bottom_spans<K: TableKind>(
    table: &LookupTable<K>,
    shown: usize,
    columns: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let results = &table.results;
    let listed = results.summary().listed();
    let mut bottom = Vec::new();
    bottom.extend(filter_input::status_span(table, shown, columns, theme));
    if let Some(err) = results.listing_error()
        && listed > 0
    {
        bottom.push(Span::styled(
            format!(
                " listing stopped: {} failed {}; the {} listed before are read ",
                err.operation,
                short_status(err),
                plural(listed as u64, K::WORDS.noun)
            ),
            theme.error(),
        ));
    }
    if results.throttled() > 0 {
        let pace = results
            .pace()
            .map(|p| format!(", pace {p:.0}/s"))
            .unwrap_or_default();
        bottom.push(Span::styled(
            format!(" throttled {}×{pace} ", results.throttled()),
            theme.warning(),
        ));
    }
    bottom
}

/// What the table says when it shows no row.
fn empty_note<K: TableKind>(table: &LookupTable<K>) -> String {
    let words = K::WORDS;
    let listed = table.results.summary().listed();
    if let Some(note) = filter_input::empty_note(table) {
        note
    } else if listed == 0 && table.running {
        words.listing.to_string()
    } else if listed == 0 {
        words.none_listed.to_string()
    } else {
        table.filter.empty_note(words)
    }
}

pub fn render<K: TableKind>(frame: &mut Frame, area: Rect, table: &LookupTable<K>, view: &ViewCtx) {
    let theme = view.theme;
    let (table_area, side_area) = K::split(area);
    let narrow = side_area.width == 0;
    let columns = usize::from(table_area.width.saturating_sub(2));
    let shown = table.visible_rows();
    let mut block = Block::bordered()
        .title(title(table, columns))
        .border_style(theme.border(true));
    let bottom = bottom_spans(table, shown.len(), columns, theme);
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(bottom));
    }
    let inner = block.inner(table_area);
    frame.render_widget(block, table_area);
    if !narrow {
        K::render_side(table, frame, side_area, view);
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if let Some(err) = table.results.listing_error()
        && table.results.summary().listed() == 0
    {
        let mut lines = K::header_lines(table, width, narrow, theme);
        lines.extend(listing_failure(table, err, view, width));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let mut lines = header_lines(table, width, narrow, theme);
    lines.push(Line::styled(headings::<K>(), theme.bold()));
    if shown.is_empty() {
        lines.push(Line::styled(empty_note(table), theme.dim()));
    }
    let rows = height.saturating_sub(lines.len());
    let below = K::below_rows(table, rows + usize::from(shown.is_empty()), narrow);
    let rows = rows.saturating_sub(below);
    let all = table.results.rows();
    for position in table.cursor.window(shown.len(), rows) {
        let mut line = row_line(table, &all[shown[position]], width, theme);
        if position == table.cursor.selected() {
            line = row_style(line, true, theme);
        }
        lines.push(line);
    }
    // Every row shown fits above (`below_rows` leaves them room): what the
    // kind draws below follows right after the table.
    if below > 0 {
        lines.extend(K::below_lines(table, below, width, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
