//! Drawing what the member screen shows besides its table: the member's
//! devices in a side pane, or, when the terminal is narrow, in one line
//! under the counts and one device a row in the rows the table leaves
//! empty.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::MemberScreen;
use crate::diagnose::{self, Fact, Status};
use crate::member;
use crate::sanitize;
use crate::tui::screens::lookup_table;
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Doc;
use crate::tui::widgets::fit::truncate;

/// The devices pane's width, shown beside the table from this width on.
const DEVICES_PANE: u16 = 40;
const WIDE: u16 = 110;

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

/// Rows of the channel table in `body` (the screen's area).
pub fn table_rows(screen: &MemberScreen, body: Rect) -> usize {
    lookup_table::view::table_rows(screen, body)
}

/// The devices in one line, under the counts, when they have no pane.
pub fn header_lines(
    screen: &MemberScreen,
    columns: usize,
    narrow: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if !narrow {
        return Vec::new();
    }
    vec![Line::from(vec![
        Span::styled("Devices: ", theme.label()),
        Span::styled(
            truncate(&devices_line(screen), columns.saturating_sub(9)),
            devices_style(screen, theme),
        ),
    ])]
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
pub fn devices_below(screen: &MemberScreen, rows: usize, narrow: bool) -> usize {
    let devices = match screen.results.devices() {
        Fact::Known { value, .. } => value.len(),
        _ => 0,
    };
    let table = screen.visible_rows().len().max(1);
    let free = rows.saturating_sub(table);
    if !narrow || devices == 0 || free < 3 {
        0
    } else {
        free.min(devices + 2)
    }
}

/// The devices section under the table, in at most `rows` rows: a blank line, a
/// heading, then the devices that fit (the last row says how many more).
pub fn devices_section(
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

/// The devices pane: the endpoints check's finding, then each device with
/// what the check says of it.
pub fn devices_pane(frame: &mut Frame, area: Rect, screen: &MemberScreen, view: &ViewCtx) {
    let theme = view.theme;
    let pane = Block::bordered()
        .title(" Devices ")
        .border_style(theme.border(false));
    let inner = pane.inner(area);
    frame.render_widget(pane, area);
    let check = screen.results.devices_check();
    let mut doc = Doc::new(usize::from(inner.width));
    doc.para(&check.finding, devices_style(screen, theme));
    if let Fact::Known { value, .. } = screen.results.devices() {
        let scope = screen.results.scope();
        for device in value {
            doc.blank();
            doc.para(&device.label(), theme.bold());
            doc.para(&diagnose::device_finding(device, scope), theme.dim());
        }
    }
    frame.render_widget(Paragraph::new(doc.lines), inner);
}
