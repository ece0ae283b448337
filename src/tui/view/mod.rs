//! Rendering: a pure function of the state. Nothing here changes the state
//! or does I/O; snapshot tests draw it into ratatui's TestBackend.

mod channel;
mod compact;
mod details;
pub mod doc;
mod footer;
mod form;
mod header;
mod help;
mod history;
mod result;
mod test_panel;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::layout;
use super::state::App;
use super::theme::Theme;

pub use details::details_line_count;

pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn render(frame: &mut Frame, app: &App) {
    let theme = Theme::new(app.options.color);
    let areas = layout::areas(app);
    if areas.compact {
        compact::render(frame, frame.area(), app, &theme);
        return;
    }
    header::render(frame, areas.header, app, &theme);
    form::render(frame, areas.form, app, &theme);
    if areas.channel.height > 0 {
        channel::render(frame, areas.channel, app, &theme);
    } else {
        if areas.history.width > 0 {
            history::render(frame, areas.history, app, &theme);
        }
        result::render(frame, areas.result, app, &theme);
        details::render(frame, areas.details, app, &theme);
        if areas.test_panel.height > 0 {
            test_panel::render(frame, areas.test_panel, app, &theme);
        }
    }
    footer::render(frame, areas.footer, app, &theme);
    if let Some(scroll) = app.help {
        help::render(frame, help_area(frame.area()), scroll, app, &theme);
    }
}

/// The help overlay's box, centred.
pub fn help_area(full: Rect) -> Rect {
    let width = full.width.saturating_sub(4).min(84);
    let height = full.height.saturating_sub(2).min(40);
    Rect::new(
        full.x + (full.width - width) / 2,
        full.y + (full.height - height) / 2,
        width,
        height,
    )
}

pub use help::help_line_count;
