//! "Test a message": attributes in, verdict and per-clause reasons out,
//! updated on every keystroke. The input stays on the first row; the
//! verdict and its reasons scroll under it (↑/↓) when they do not fit.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::screens::lookup::docs;
use crate::tui::screens::lookup::state::{Focus, LookupScreen};
use crate::tui::screens::page::ViewCtx;
use crate::tui::widgets::text_field::visible_window;

const PROMPT: &str = "Attributes ▸ ";

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let theme = view.theme;
    let Some(panel) = &screen.test_panel else {
        return;
    };
    let focused = screen.focus == Focus::TestPanel;
    let width = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(3));
    let reasons = docs::test_panel(panel, width, theme);
    let scroll = panel.scroll.min(reasons.len().saturating_sub(rows));
    let mut title = vec![Span::raw(" Test a message (Esc closes) ")];
    if reasons.len() > rows {
        title.push(Span::styled(
            format!(
                "{}-{} of {} (↑/↓) ",
                scroll + 1,
                (scroll + rows).min(reasons.len()),
                reasons.len()
            ),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let prompt_width = PROMPT.chars().count();
    let (shown, cursor) = visible_window(&panel.input, width.saturating_sub(prompt_width));
    let mut lines = vec![Line::from(vec![
        Span::styled(PROMPT, theme.key()),
        Span::raw(shown),
    ])];
    if focused && !view.overlay {
        let x = inner.x + (prompt_width + cursor).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, inner.y));
    }
    lines.extend(reasons.into_iter().skip(scroll).take(rows));
    frame.render_widget(Paragraph::new(lines), inner);
}
