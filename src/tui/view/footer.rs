//! The bottom line: the keys that work right now (from the keymap), and a
//! short confirmation such as "copied".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::doc::truncate;
use crate::tui::keymap;
use crate::tui::state::App;
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let toast = app
        .toast
        .as_ref()
        .map(|t| format!(" {} ", t.text))
        .unwrap_or_default();
    let toast_width = (toast.chars().count() as u16).min(area.width / 2);
    let [keys_area, toast_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(toast_width)]).areas(area);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in keymap::footer(app) {
        let w = key.chars().count() + 1 + label.chars().count() + 3;
        if used + w > usize::from(keys_area.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
        spans.push(Span::styled(" · ", theme.dim()));
    }
    spans.pop();
    frame.render_widget(Paragraph::new(Line::from(spans)), keys_area);
    if toast_width > 0 {
        let text = truncate(&toast, usize::from(toast_width));
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.read_only_badge())),
            toast_area,
        );
    }
}
