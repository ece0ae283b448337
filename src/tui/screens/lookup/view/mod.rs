//! Drawing the lookup screen: a pure function of its state, one file per
//! pane. The form is drawn above every screen (`crate::tui::view`), so it
//! lives here but is called from there.

pub mod details;
pub mod form;
pub mod history;
pub mod result;
pub mod test_panel;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::layout;
use super::state::LookupScreen;
use crate::tui::screens::page::ViewCtx;

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let areas = layout::areas(area, screen);
    if areas.history.width > 0 {
        history::render(frame, areas.history, screen, view);
    }
    result::render(frame, areas.result, screen, view);
    details::render(frame, areas.details, screen, view);
    if areas.test_panel.height > 0 {
        test_panel::render(frame, areas.test_panel, screen, view);
    }
}
