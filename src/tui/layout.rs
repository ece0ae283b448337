//! Where each pane goes, as a pure function of the terminal size and the
//! state. The view draws into these areas; the update function uses them to
//! route mouse events and size page scrolls.

use ratatui::layout::{Constraint, Layout, Rect};

use super::state::App;

/// Below this the full layout does not fit: a compact summary is drawn.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

const FORM_HEIGHT: u16 = 5;
const RESULT_HEIGHT: u16 = 8;
const TEST_PANEL_HEIGHT: u16 = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub form: Rect,
    /// Zero-sized when the terminal is too narrow for it.
    pub history: Rect,
    pub result: Rect,
    pub details: Rect,
    /// Zero-sized unless the test panel is open.
    pub test_panel: Rect,
    /// The channel view, when open: it takes the whole body.
    pub channel: Rect,
    pub footer: Rect,
    /// The terminal is too small for panes; `compact` is all of it.
    pub compact: bool,
}

impl Areas {
    /// The pane under a mouse position.
    pub fn hit(&self, column: u16, row: u16) -> Option<Pane> {
        let inside = |r: Rect| {
            r.width > 0
                && r.height > 0
                && r.contains(ratatui::layout::Position { x: column, y: row })
        };
        [
            (self.form, Pane::Form),
            (self.history, Pane::History),
            (self.result, Pane::Result),
            (self.details, Pane::Details),
            (self.test_panel, Pane::TestPanel),
            (self.channel, Pane::Channel),
        ]
        .into_iter()
        .find(|(r, _)| inside(*r))
        .map(|(_, p)| p)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Form,
    History,
    Result,
    Details,
    TestPanel,
    Channel,
}

/// About 30% of the width, between 24 and 40 columns; none below 70.
pub fn history_width(width: u16) -> u16 {
    if width < 70 {
        0
    } else {
        (width * 3 / 10).clamp(24, 40)
    }
}

pub fn areas(app: &App) -> Areas {
    let (width, height) = app.size;
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        let zero = Rect::default();
        return Areas {
            header: zero,
            form: zero,
            history: zero,
            result: zero,
            details: full,
            test_panel: zero,
            channel: zero,
            footer: zero,
            compact: true,
        };
    }
    let [header, form, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(FORM_HEIGHT),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(full);
    if app.channel_view().is_some() {
        let zero = Rect::default();
        return Areas {
            header,
            form,
            history: zero,
            result: zero,
            details: zero,
            test_panel: zero,
            channel: body,
            footer,
            compact: false,
        };
    }
    let [history, right] =
        Layout::horizontal([Constraint::Length(history_width(width)), Constraint::Min(0)])
            .areas(body);
    let [result, lower] =
        Layout::vertical([Constraint::Length(RESULT_HEIGHT), Constraint::Min(0)]).areas(right);
    let (details, test_panel) = if app.test_panel.is_some() {
        let [d, t] = Layout::vertical([Constraint::Min(0), Constraint::Length(TEST_PANEL_HEIGHT)])
            .areas(lower);
        (d, t)
    } else {
        (lower, Rect::default())
    };
    Areas {
        header,
        form,
        history,
        result,
        details,
        test_panel,
        channel: Rect::default(),
        footer,
        compact: false,
    }
}

/// Rows inside a bordered pane.
pub fn inner_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// Columns inside a bordered pane.
pub fn inner_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2))
}
