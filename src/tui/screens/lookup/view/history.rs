//! The history list: saved targets and this session's lookups, each with
//! its last result and its note. Only the visible rows are built, so
//! 10,000 entries cost nothing per frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::screens::lookup::history::Origin;
use crate::tui::screens::lookup::state::{Focus, LookupScreen};
use crate::tui::screens::page::ViewCtx;
use crate::tui::widgets::filter_input;
use crate::tui::widgets::fit::truncate;
use crate::tui::widgets::inner_height;
use crate::tui::widgets::list::row_style;

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let theme = view.theme;
    let focused = screen.focus == Focus::History;
    let history = &screen.history;
    let shown = history.shown();
    let columns = usize::from(area.width.saturating_sub(2));
    // A filter says "n of total" itself: it takes the count's place.
    let title =
        match filter_input::status_span(history, shown.len(), columns.saturating_sub(8), theme) {
            Some(status) => Line::from(vec![Span::raw(" History"), status]),
            None => Line::from(format!(" History {} ", history.entries.len())),
        };
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
    if shown.is_empty()
        && let Some(note) = filter_input::empty_note(history)
    {
        let line = Line::styled(truncate(&note, width), theme.dim());
        frame.render_widget(Paragraph::new(line), inner);
        return;
    }
    let window = history.cursor.window(shown.len(), rows);
    let visible = || shown[window.clone()].iter().map(|&i| &history.entries[i]);
    let widest = visible().map(|e| e.label.width()).max().unwrap_or(0);
    let label_width = widest.min(width.saturating_sub(2) / 2).max(1);
    let mut lines = Vec::with_capacity(rows);
    for (position, entry) in window.clone().zip(visible()) {
        let (glyph, glyph_style) = match &entry.last {
            Some(last) if last.ok => ("●", theme.ok()),
            Some(_) => ("●", theme.error()),
            None if entry.origin == Origin::Session => ("○", theme.dim()),
            None => ("·", theme.dim()),
        };
        let note = sanitize::line(&entry.note_text()).into_owned();
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
        if position == history.cursor.selected() {
            line = row_style(line, focused, theme);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
