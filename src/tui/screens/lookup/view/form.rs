//! The form: three ARN fields, each judged as it is typed, the reason
//! shown on its own row and the fix in the bottom border. An unfocused
//! ARN too long for its row is shortened in the middle, keeping its
//! resource id; the focused one scrolls with the cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::arn::FieldStatus;
use crate::sanitize;
use crate::tui::screens::lookup::form::FormField;
use crate::tui::screens::lookup::state::{Focus, LookupScreen};
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::{shorten_arn, truncate};
use crate::tui::widgets::text_field::{display_text, visible_window};

const LABEL_WIDTH: usize = 13;

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let theme = view.theme;
    let focused_field = match screen.focus {
        Focus::Field(f) => Some(f),
        _ => None,
    };
    let mut block = Block::bordered()
        .title(" Lookup ")
        .border_style(theme.border(focused_field.is_some()));
    if let Some(bottom) = bottom_line(screen, focused_field, area.width, theme) {
        block = block.title_bottom(bottom);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    for (row, which) in FormField::ALL.into_iter().enumerate() {
        let y = inner.y + row as u16;
        if y >= inner.bottom() {
            break;
        }
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        let width = usize::from(inner.width);
        let field = screen.form.field(which);
        let focused = focused_field == Some(which);
        let status = screen.form.status(which);
        let label_style = if focused { theme.key() } else { theme.label() };
        let mut spans = vec![Span::styled(
            format!("{:<LABEL_WIDTH$}", which.label()),
            label_style,
        )];

        let (mark, mark_style) = match &status {
            FieldStatus::Valid => (" ✓".to_string(), theme.ok()),
            FieldStatus::Invalid(p) => {
                let room = (width.saturating_sub(LABEL_WIDTH) / 2).max(10);
                (
                    format!(" ✗ {}", truncate(&sanitize::line(&p.message), room)),
                    theme.error(),
                )
            }
            FieldStatus::Empty => (String::new(), theme.dim()),
        };
        let value_width = width.saturating_sub(LABEL_WIDTH + mark.width()).max(1);
        let cursor_here = focused && !view.overlay;
        if field.is_empty() && which == FormField::Bearer {
            spans.push(Span::styled(
                truncate(
                    "= member (only the member may read its own preferences)",
                    value_width,
                ),
                theme.dim(),
            ));
        } else if field.is_empty() && !focused {
            let hint = match which {
                FormField::Channel => "arn:aws:chime:REGION:ACCOUNT:app-instance/ID/channel/ID",
                _ => "arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/ID",
            };
            spans.push(Span::styled(truncate(hint, value_width), theme.dim()));
        } else {
            let (shown, cursor_col) = if focused {
                visible_window(field, value_width)
            } else {
                (shorten_arn(&display_text(field), value_width), 0)
            };
            let pad = value_width.saturating_sub(shown.width());
            spans.push(Span::raw(shown));
            spans.push(Span::raw(" ".repeat(pad)));
            if cursor_here {
                let x =
                    line_area.x + (LABEL_WIDTH + cursor_col).min(width.saturating_sub(1)) as u16;
                frame.set_cursor_position(Position::new(x, y));
            }
        }
        if field.is_empty() && cursor_here {
            frame.set_cursor_position(Position::new(line_area.x + LABEL_WIDTH as u16, y));
        }
        spans.push(Span::styled(mark, mark_style));
        frame.render_widget(Paragraph::new(Line::from(spans)), line_area);
    }
}

/// The fix for the focused field's problem, else the first warning.
fn bottom_line(
    screen: &LookupScreen,
    focused: Option<FormField>,
    width: u16,
    theme: &Theme,
) -> Option<Line<'static>> {
    let room = usize::from(width.saturating_sub(6));
    if let Some(FieldStatus::Invalid(problem)) = focused.map(|f| screen.form.status(f)) {
        let text = format!(" Fix: {} ", sanitize::line(&problem.fix));
        return Some(Line::styled(truncate(&text, room), theme.error()));
    }
    let warning = screen.form.check.warnings.first()?;
    screen.form.target()?;
    let text = format!(" ⚠ {} ", sanitize::line(warning));
    Some(Line::styled(truncate(&text, room), theme.warning()))
}
