//! Drawing the member screen: per-state counts, one row per channel filled
//! in live, and the member's devices in a side pane (when the terminal is
//! narrow: one line under the counts, and each device in the rows the table
//! leaves empty). When the listing fails before any
//! channel is listed, the table gives way to what failed and what to do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::state::MemberScreen;
use crate::diagnose::{self, Fact, Status};
use crate::error::CallError;
use crate::explain::{self, Context};
use crate::member::{self, ChannelRow};
use crate::model::{AllowNotifications, PushState};
use crate::operation::Operation;
use crate::output::text::plural;
use crate::sanitize;
use crate::scan::Listing;
use crate::tui::screens::channel::StateFilter;
use crate::tui::screens::channel::counts::{self, CountItem, CountKind};
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Doc;
use crate::tui::widgets::filter_input;
use crate::tui::widgets::fit::{pad as fit_pad, truncate, width as text_width};
use crate::tui::widgets::list::row_style;
use crate::tui::widgets::push_state::row_cells;

const NAME_COLUMN: usize = 24;
const TYPE_COLUMN: usize = 8;
const STATE_COLUMN: usize = 10;
/// The devices pane's width, shown beside the table from this width on.
const DEVICES_PANE: u16 = 40;
const WIDE: u16 = 110;

/// A column: `text` fitted to `width`, then the gap to the next.
fn pad(text: &str, width: usize) -> String {
    format!("{} ", fit_pad(text, width))
}

/// The table's area and the devices pane's (empty when narrow).
pub fn split(area: Rect) -> (Rect, Rect) {
    if area.width >= WIDE {
        let [table, devices] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(DEVICES_PANE)]).areas(area);
        (table, devices)
    } else {
        (area, Rect::new(area.x + area.width, area.y, 0, area.height))
    }
}

fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// The member's short name: its name once known, else its id.
fn member_name(screen: &MemberScreen) -> String {
    let arn = screen.member_arn();
    let id = arn.rsplit('/').next().unwrap_or(arn);
    sanitize::line(screen.results.name().unwrap_or(id)).into_owned()
}

pub fn count_items(screen: &MemberScreen) -> Vec<CountItem> {
    let s = screen.results.summary();
    let counts = [s.listed(), s.all, s.none, s.filtered, s.not_set, s.errors];
    let mut items: Vec<CountItem> = StateFilter::ALL
        .into_iter()
        .zip(counts)
        .enumerate()
        .map(|(n, (filter, count))| {
            let label = match filter {
                StateFilter::Everyone => "channels",
                other => other.label(),
            };
            CountItem {
                key: char::from_digit(n as u32, 10),
                text: format!(" {label} {count} "),
                kind: CountKind::Filter(filter),
            }
        })
        .collect();
    if s.unknown > 0 {
        items.push(CountItem {
            key: None,
            text: format!("unknown {}", s.unknown),
            kind: CountKind::Unknown,
        });
    }
    if s.pending > 0 {
        items.push(CountItem {
            key: None,
            text: format!("pending {}", s.pending),
            kind: CountKind::Pending,
        });
    }
    items.push(CountItem {
        key: None,
        text: format!("· sort: {}", screen.sort.label()),
        kind: CountKind::Sort,
    });
    items
}

/// Lines above the table: the counts (wrapped), then the devices in one
/// line when they have no pane.
fn header_lines(
    screen: &MemberScreen,
    columns: usize,
    narrow: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let items = count_items(screen);
    let mut lines: Vec<Line<'static>> = counts::rows(&items, columns)
        .into_iter()
        .map(|row| count_line(screen, &row, theme))
        .collect();
    if narrow {
        lines.push(Line::from(vec![
            Span::styled("Devices: ", theme.label()),
            Span::styled(
                truncate(&devices_line(screen), columns.saturating_sub(9)),
                devices_style(screen, theme),
            ),
        ]));
    }
    lines
}

fn count_line(screen: &MemberScreen, row: &[&CountItem], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for item in row {
        if let Some(key) = item.key {
            spans.push(Span::styled(key.to_string(), theme.key()));
        }
        let style = match item.kind {
            CountKind::Filter(filter) if filter == screen.filter => match filter.state() {
                Some(PushState::All) => theme.badge(Some(&AllowNotifications::All)),
                Some(PushState::None) => theme.badge(Some(&AllowNotifications::None)),
                Some(PushState::Filtered) => theme.badge(Some(&AllowNotifications::Filtered)),
                Some(_) => theme.badge(None),
                None if filter == StateFilter::Errors => theme.error_badge(),
                None => theme.selected(),
            },
            CountKind::Filter(_) => theme.label(),
            CountKind::Unknown => theme.warning(),
            CountKind::Pending | CountKind::Sort => theme.dim(),
        };
        spans.push(Span::styled(item.text.clone(), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The devices in one line: "1 of 2 devices inactive (INVALID_DEVICE_TOKEN)".
pub fn devices_line(screen: &MemberScreen) -> String {
    match (screen.results.devices(), screen.results.device_counts()) {
        (Fact::Pending, _) => "asking ListAppInstanceUserEndpoints…".to_string(),
        (_, Some(counts)) => {
            let check = screen.results.devices_check();
            let verdict = match check.status {
                Status::Pass => "",
                Status::Fail => " · no push can arrive",
                _ => "",
            };
            format!("{}{verdict}", member::devices_text(&counts))
        }
        _ => sanitize::line(&screen.results.devices_check().finding).into_owned(),
    }
}

fn devices_style(screen: &MemberScreen, theme: &Theme) -> Style {
    match screen.results.devices_check().status {
        Status::Pass => theme.ok(),
        Status::Fail => theme.error(),
        Status::Warn | Status::Unknown => theme.warning(),
        Status::Skipped | Status::Pending => theme.dim(),
    }
}

/// Rows of the channel table in `body` (the screen's area).
pub fn table_rows(screen: &MemberScreen, body: Rect) -> usize {
    let (table, devices) = split(body);
    let inner = inner(table);
    let narrow = devices.width == 0;
    let header = header_lines(screen, usize::from(inner.width), narrow, &Theme::new(false));
    let rows = usize::from(inner.height).saturating_sub(header.len() + 1);
    if narrow {
        rows - devices_below(screen, rows).min(rows)
    } else {
        rows
    }
}

/// The member's devices, one line each, when the check has them.
fn device_lines(screen: &MemberScreen, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Fact::Known { value, .. } = screen.results.devices() else {
        return Vec::new();
    };
    let scope = screen.results.scope();
    value
        .iter()
        .map(|device| {
            // Names and reasons are server text.
            let text = format!(
                "  {}: {}",
                device.label(),
                diagnose::device_finding(device, scope)
            );
            let text = truncate(&sanitize::line(&text), width);
            Line::styled(text, theme.dim())
        })
        .collect()
}

/// Rows under the table that list the devices on a narrow terminal (no
/// side pane): the rows the table leaves empty, when there are at least a
/// blank, a heading and one device's worth; 0 otherwise.
fn devices_below(screen: &MemberScreen, rows: usize) -> usize {
    let devices = match screen.results.devices() {
        Fact::Known { value, .. } => value.len(),
        _ => 0,
    };
    let table = screen.visible_rows().len().max(1);
    let free = rows.saturating_sub(table);
    if devices == 0 || free < 3 {
        0
    } else {
        free.min(devices + 2)
    }
}

/// The devices section under the table, in at most `rows` rows: a blank line, a
/// heading, then the devices that fit (the last row says how many more).
fn devices_section(
    screen: &MemberScreen,
    rows: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut devices = device_lines(screen, width, theme);
    let room = rows.saturating_sub(2);
    if devices.len() > room {
        let more = devices.len() + 1 - room;
        devices.truncate(room.saturating_sub(1));
        devices.push(Line::styled(
            truncate(
                &format!("  … {more} more (the side pane at {WIDE} columns lists them all)"),
                width,
            ),
            theme.dim(),
        ));
    }
    let mut lines = vec![Line::raw(""), Line::styled("Devices", theme.label())];
    lines.extend(devices);
    lines
}

/// The title in at most `columns`: the pace goes first.
pub fn title(screen: &MemberScreen, columns: usize) -> String {
    let full = title_text(screen, true);
    if text_width(&full) <= columns {
        return full;
    }
    let short = title_text(screen, false);
    if text_width(&short) <= columns {
        return short;
    }
    let s = screen.results.summary();
    truncate(
        &format!(
            " {} · {} of {} read ",
            member_name(screen),
            s.finished(),
            s.listed()
        ),
        columns,
    )
}

fn title_text(screen: &MemberScreen, with_pace: bool) -> String {
    let r = &screen.results;
    let s = r.summary();
    let listed = s.listed();
    let progress = match (screen.running, r.listing()) {
        (_, Listing::Failed(err)) if listed == 0 => format!("listing failed {}", short_status(err)),
        (true, Listing::InProgress) => {
            format!("reading: {} read, {listed} listed so far", s.finished())
        }
        (true, _) => format!("reading: {} of {listed} read", s.finished()),
        (false, _) if r.is_complete() => {
            let secs = screen
                .last_event
                .saturating_duration_since(screen.started)
                .as_secs_f64();
            format!("{} read in {secs:.1} s", plural(listed as u64, "channel"))
        }
        // The listing failed part way: nothing was stopped.
        (false, Listing::Failed(err)) => format!(
            "listing failed {}: {} of {listed} listed read (partial)",
            short_status(err),
            s.finished()
        ),
        (false, _) if listed == 0 => "stopped before any channel was listed".to_string(),
        (false, _) => format!(
            "stopped: {} of {listed} listed channels read (partial)",
            s.finished()
        ),
    };
    let pace = match (screen.running, r.listing()) {
        (true, Listing::Complete) if with_pace => {
            format!(" · {}", member::time_left(s.pending, r.pace()))
        }
        (true, _) if with_pace => format!(" · {:.0}/s per bearer", r.pace()),
        _ => String::new(),
    };
    let admin = if screen.admin_arn.is_some() {
        " (listed by the admin)"
    } else {
        ""
    };
    format!(" Member {}{admin} · {progress}{pace} ", member_name(screen))
}

fn short_status(err: &CallError) -> String {
    let code = sanitize::line(&err.display_code()).into_owned();
    match err.http_status {
        Some(status) => format!("({status} {code})"),
        None => format!("({code})"),
    }
}

fn row_line(row: &ChannelRow, width: usize, theme: &Theme) -> Line<'static> {
    let name = row
        .name()
        .or_else(|| row.arn().map(|a| a.rsplit('/').next().unwrap_or(a)))
        .unwrap_or("(no name)");
    let kind = row.channel.kind.as_ref().map(|k| k.as_wire()).unwrap_or("");
    let (state, state_style, detail) = row_cells(&row.state, theme);
    let rest = width.saturating_sub(NAME_COLUMN + TYPE_COLUMN + STATE_COLUMN + 3);
    Line::from(vec![
        Span::raw(pad(&sanitize::line(name), NAME_COLUMN)),
        Span::styled(pad(&sanitize::line(kind), TYPE_COLUMN), theme.dim()),
        Span::styled(pad(&state, STATE_COLUMN), state_style),
        Span::styled(truncate(&detail, rest), theme.dim()),
    ])
}

/// The listing failed before any channel was listed: which call, who may
/// make it, as whom it was made, and what to do.
fn listing_failure(
    screen: &MemberScreen,
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
            "{op} failed ({status}{}): no channel could be listed, so no preferences were read.",
            err.display_code()
        ),
        theme.error(),
    );
    if let Some(message) = &err.message {
        doc.field("Message", theme.label(), message, Style::new());
    }
    doc.field(
        "Request id",
        theme.label(),
        err.request_id_or_why(),
        Style::new(),
    );
    doc.field(
        "Who may list",
        theme.label(),
        op.who_may_call(),
        Style::new(),
    );
    doc.field(
        "Listed as",
        theme.label(),
        screen.lister_arn(),
        Style::new(),
    );
    doc.blank();
    doc.para("What to do", theme.bold());
    if op == Operation::ListChannelMembershipsForAppInstanceUser && screen.admin_arn.is_none() {
        doc.bullet(
            "-",
            theme.dim(),
            "The member lists its own channels; to list as an AppInstanceAdmin, set [aws] admin_arn in the config or start with --admin-arn, then press u again.",
            Style::new(),
        );
    }
    let client = &view.options.client;
    let region = client.region_for(screen.member_arn()).ok();
    let ctx = Context {
        profile: client.profile.as_deref(),
        run: Some(client),
        region: err.region.as_deref().or(region.as_deref()),
        member: Some(screen.member_arn()),
        bearer: Some(screen.lister_arn()),
        channel: None,
    };
    for step in &explain::explain_error(err, &ctx).next_steps {
        doc.bullet("-", theme.dim(), step, Style::new());
    }
    doc.lines
}

/// The devices pane: the endpoints check's finding, then each device with
/// what the check says of it.
fn devices_pane(screen: &MemberScreen, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let check = screen.results.devices_check();
    let mut doc = Doc::new(width);
    doc.para(&check.finding, devices_style(screen, theme));
    if let Fact::Known { value, .. } = screen.results.devices() {
        let scope = screen.results.scope();
        for device in value {
            doc.blank();
            doc.para(&device.label(), theme.bold());
            doc.para(&diagnose::device_finding(device, scope), theme.dim());
        }
    }
    doc.lines
}

pub fn render(frame: &mut Frame, area: Rect, screen: &MemberScreen, view: &ViewCtx) {
    let theme = view.theme;
    let (table_area, devices_area) = split(area);
    let narrow = devices_area.width == 0;
    let mut block = Block::bordered()
        .title(title(
            screen,
            usize::from(table_area.width.saturating_sub(2)),
        ))
        .border_style(theme.border(true));
    let listed = screen.results.summary().listed();
    let shown = screen.visible_rows();
    let columns = usize::from(table_area.width.saturating_sub(2));
    let mut bottom = Vec::new();
    bottom.extend(filter_input::status_span(
        screen,
        shown.len(),
        columns,
        theme,
    ));
    if let Some(err) = screen.results.listing_error()
        && listed > 0
    {
        bottom.push(Span::styled(
            format!(
                " listing stopped: {} failed {}; the {} listed before are read ",
                err.operation,
                short_status(err),
                plural(listed as u64, "channel")
            ),
            theme.error(),
        ));
    }
    if screen.results.throttled() > 0 {
        bottom.push(Span::styled(
            format!(
                " throttled {}×, pace {:.0}/s ",
                screen.results.throttled(),
                screen.results.pace()
            ),
            theme.warning(),
        ));
    }
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(bottom));
    }
    let inner = block.inner(table_area);
    frame.render_widget(block, table_area);
    if !narrow {
        let pane = Block::bordered()
            .title(" Devices ")
            .border_style(theme.border(false));
        let pane_inner = pane.inner(devices_area);
        frame.render_widget(pane, devices_area);
        let lines = devices_pane(screen, usize::from(pane_inner.width), theme);
        frame.render_widget(Paragraph::new(lines), pane_inner);
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if let Some(err) = screen.results.listing_error()
        && listed == 0
    {
        let mut lines = Vec::new();
        if narrow {
            lines.extend(header_lines(screen, width, true, theme).pop());
        }
        lines.extend(listing_failure(screen, err, view, width));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let mut lines = header_lines(screen, width, narrow, theme);
    lines.push(Line::styled(
        format!(
            "{}{}{}{}",
            pad("Channel", NAME_COLUMN),
            pad("Type", TYPE_COLUMN),
            pad("State", STATE_COLUMN),
            "FilterRule / error"
        ),
        theme.bold(),
    ));
    if shown.is_empty() {
        let text = if let Some(note) = filter_input::empty_note(screen) {
            note
        } else if listed == 0 && screen.running {
            "Listing the member's channels…".to_string()
        } else if listed == 0 {
            "The member is in no channel.".to_string()
        } else {
            empty_note(screen.filter)
        };
        lines.push(Line::styled(text, theme.dim()));
    }
    let mut rows = height.saturating_sub(lines.len());
    let below = if narrow {
        devices_below(screen, rows + usize::from(shown.is_empty()))
    } else {
        0
    };
    rows = rows.saturating_sub(below);
    let all = screen.results.rows();
    for position in screen.cursor.window(shown.len(), rows) {
        let mut line = row_line(&all[shown[position]], width, theme);
        if position == screen.cursor.selected() {
            line = row_style(line, true, theme);
        }
        lines.push(line);
    }
    // Every row shown fits above (`devices_below` leaves them room): the
    // devices follow right after the table.
    if below > 0 {
        lines.extend(devices_section(screen, below, width, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What the table says when the state filter leaves no channel.
fn empty_note(filter: StateFilter) -> String {
    match (filter, filter.state()) {
        (StateFilter::NotSet, _) => {
            "The member set preferences on every channel (0 shows every channel).".to_string()
        }
        (_, Some(state)) => format!("No channel has {} (0 shows every channel).", state.label()),
        (StateFilter::Errors, _) => "No lookup failed (0 shows every channel).".to_string(),
        _ => "The member is in no channel.".to_string(),
    }
}
