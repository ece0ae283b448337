//! A terminal too small for the panes still gets the essentials, never a
//! panic: the state of the current lookup and how to get more room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::doc::Doc;
use crate::sanitize;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::state::{App, Outcome};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut doc = Doc::new(usize::from(area.width));
    let state = match &app.outcome {
        _ if app.loading() => "fetching…".to_string(),
        Outcome::Empty => "no lookup yet".to_string(),
        Outcome::Invalid(_) => "form has problems".to_string(),
        Outcome::Loaded(l) => match l.allow() {
            Some(a) => sanitize::line(a.as_wire()).into_owned(),
            None => "NOT SET".to_string(),
        },
        Outcome::Failed(f) => format!("error {}", f.error.display_code()),
    };
    doc.para(&format!("chime-prefs: {state}"), theme.bold());
    doc.para(
        &format!(
            "Terminal {}x{} is too small; enlarge to {MIN_WIDTH}x{MIN_HEIGHT}. Ctrl-C quits.",
            app.size.0, app.size.1
        ),
        Style::new(),
    );
    frame.render_widget(Paragraph::new(doc.lines), area);
}
