//! The history list: saved targets and this session's lookups. Only the
//! visible rows are built, so 10,000 entries cost nothing per frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::doc::truncate;
use crate::sanitize;
use crate::tui::layout::inner_height;
use crate::tui::state::{App, Focus, Origin};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::History;
    let history = &app.history;
    let title = format!(" History {} ", history.entries.len());
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = inner_height(area);
    if history.entries.is_empty() {
        let lines = vec![
            Line::styled(truncate("No lookups yet.", width), theme.dim()),
            Line::styled(truncate("Saved [[targets]] from", width), theme.dim()),
            Line::styled(truncate("the config appear here.", width), theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let mut lines = Vec::with_capacity(rows);
    let visible = || {
        history
            .entries
            .iter()
            .enumerate()
            .skip(history.offset)
            .take(rows)
    };
    let widest = visible().map(|(_, e)| e.label.width()).max().unwrap_or(0);
    let label_width = widest.min(width.saturating_sub(2) / 2).max(1);
    for (index, entry) in visible() {
        let (glyph, glyph_style) = match &entry.last {
            Some(last) if last.ok => ("●", theme.ok()),
            Some(_) => ("●", theme.error()),
            None if entry.origin == Origin::Session => ("○", theme.dim()),
            None => ("·", theme.dim()),
        };
        let note = entry
            .last
            .as_ref()
            .map(|l| l.text.clone())
            .or_else(|| entry.note.clone())
            .unwrap_or_else(|| {
                if entry.origin == Origin::Config {
                    "saved".into()
                } else {
                    String::new()
                }
            });
        let note = sanitize::line(&note).into_owned();
        let label = truncate(&sanitize::line(&entry.label), label_width);
        let label = format!(
            "{label}{} ",
            " ".repeat(label_width.saturating_sub(label.width()))
        );
        let note = truncate(&note, width.saturating_sub(2 + label.width()));
        let pad = width.saturating_sub(2 + label.width() + note.width());
        let mut line = Line::from(vec![
            Span::styled(format!("{glyph} "), glyph_style),
            Span::raw(label),
            Span::styled(note, theme.dim()),
            Span::raw(" ".repeat(pad)),
        ]);
        if index == history.selected {
            line = line.style(if focused {
                theme.selected()
            } else {
                theme.bold()
            });
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
