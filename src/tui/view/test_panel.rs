//! "Test a message": attributes in, verdict and per-clause reasons out,
//! updated on every keystroke.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::doc::Doc;
use super::form::visible_window;
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

const PROMPT: &str = "Attributes ▸ ";

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(panel) = &app.test_panel else {
        return;
    };
    let focused = app.focus == Focus::TestPanel;
    let block = Block::bordered()
        .title(" Test a message (Esc closes) ")
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let prompt_width = PROMPT.chars().count();
    let (shown, cursor) = visible_window(&panel.input, width.saturating_sub(prompt_width));
    let mut doc = Doc::new(width);
    doc.line(Line::from(vec![
        Span::styled(PROMPT, theme.key()),
        Span::raw(shown),
    ]));
    if focused && app.help.is_none() {
        let x = inner.x + (prompt_width + cursor).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, inner.y));
    }
    match &panel.result {
        None => {
            doc.para(
                "Type the message's attributes as JSON: {\"mention\":[\"carol\"]}, {\"mention\":\"carol\"} or SendChannelMessage's {\"mention\":{\"StringValues\":[\"carol\"]}}.",
                theme.dim(),
            );
        }
        Some(Err(problem)) => {
            doc.bullet(
                "…",
                theme.warning(),
                &format!("not an attribute map yet: {problem}"),
                theme.warning(),
            );
        }
        Some(Ok(verdict)) => {
            if verdict.notify {
                doc.para(
                    "✓ This message WOULD be pushed to the member.",
                    theme.ok().patch(theme.bold()),
                );
            } else {
                doc.para(
                    "✗ This message would NOT be pushed to the member.",
                    theme.error(),
                );
            }
            // The verdict line above already says what the final "→" says.
            for reason in verdict.reasons.iter().filter(|r| !r.starts_with('→')) {
                doc.bullet("·", theme.dim(), reason, Style::new());
            }
        }
    }
    frame.render_widget(Paragraph::new(doc.lines), inner);
}
