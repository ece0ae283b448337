//! Where the lookup screen's panes go inside its area, as a pure function
//! of the area and the state. The view draws into these; the update uses
//! them to route the mouse and size page scrolls.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::state::LookupScreen;

const RESULT_HEIGHT: u16 = 8;
/// The test panel's height when space is short; it takes half the lower
/// area when that is more.
const TEST_PANEL_MIN_HEIGHT: u16 = 9;
const TEST_PANEL_MAX_HEIGHT: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Zero-sized when the terminal is too narrow for it.
    pub history: Rect,
    pub result: Rect,
    pub details: Rect,
    /// Zero-sized unless the test panel is open.
    pub test_panel: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    History,
    Result,
    Details,
    TestPanel,
}

impl Areas {
    /// The pane under a mouse position.
    pub fn hit(&self, column: u16, row: u16) -> Option<Pane> {
        let inside =
            |r: Rect| r.width > 0 && r.height > 0 && r.contains(Position { x: column, y: row });
        [
            (self.history, Pane::History),
            (self.result, Pane::Result),
            (self.details, Pane::Details),
            (self.test_panel, Pane::TestPanel),
        ]
        .into_iter()
        .find(|(r, _)| inside(*r))
        .map(|(_, p)| p)
    }
}

/// About 30% of the width, between 24 and 40 columns; none below 70.
pub fn history_width(width: u16) -> u16 {
    if width < 70 {
        0
    } else {
        (width * 3 / 10).clamp(24, 40)
    }
}

pub fn areas(body: Rect, screen: &LookupScreen) -> Areas {
    let [history, right] = Layout::horizontal([
        Constraint::Length(history_width(body.width)),
        Constraint::Min(0),
    ])
    .areas(body);
    let [result, lower] =
        Layout::vertical([Constraint::Length(RESULT_HEIGHT), Constraint::Min(0)]).areas(right);
    let (details, test_panel) = if screen.test_panel.is_some() {
        let height = (lower.height / 2).clamp(TEST_PANEL_MIN_HEIGHT, TEST_PANEL_MAX_HEIGHT);
        let [d, t] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(lower);
        (d, t)
    } else {
        (lower, Rect::default())
    };
    Areas {
        history,
        result,
        details,
        test_panel,
    }
}

pub use crate::tui::widgets::{inner_height, inner_width};
