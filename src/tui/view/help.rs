//! The help overlay, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::doc::Doc;
use crate::tui::keymap::{BINDINGS, EDITING_KEYS, Mode};
use crate::tui::layout::{inner_height, inner_width};
use crate::tui::state::App;
use crate::tui::theme::Theme;

const KEY_COLUMN: usize = 18;

fn lines(width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    doc.para(
        "chime-prefs is read-only: it never calls a mutating API.",
        theme.dim(),
    );
    for mode in Mode::ALL {
        doc.blank();
        doc.para(mode.title(), theme.bold());
        for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
            doc.field_with_width(
                &b.key_names(),
                theme.key(),
                b.help,
                Style::new(),
                KEY_COLUMN,
            );
        }
        if mode == Mode::Editing {
            for (keys, help) in EDITING_KEYS {
                doc.field_with_width(keys, theme.key(), help, Style::new(), KEY_COLUMN);
            }
        }
    }
    doc.blank();
    doc.para("Mouse", theme.bold());
    doc.field_with_width(
        "wheel",
        theme.key(),
        "Scroll the pane under the pointer",
        Style::new(),
        KEY_COLUMN,
    );
    doc.field_with_width(
        "click",
        theme.key(),
        "Focus a field or pane; select a History entry",
        Style::new(),
        KEY_COLUMN,
    );
    doc.blank();
    doc.para(
        "Copies go through OSC 52, so they work over SSH in terminals that allow it. Set NO_COLOR to turn colours off. Logs go to a file (--log-file), never to the screen.",
        theme.dim(),
    );
    doc.lines
}

pub fn help_line_count(area: Rect) -> usize {
    lines(inner_width(area), &Theme::new(false)).len()
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, _app: &App, theme: &Theme) {
    let all = lines(inner_width(area), theme);
    let height = inner_height(area);
    let scroll = scroll.min(all.len().saturating_sub(height));
    let mut title = vec![Span::styled(" Keys ", theme.bold())];
    if all.len() > height {
        title.push(Span::styled(
            format!(
                "{}-{} of {} (j/k) ",
                scroll + 1,
                (scroll + height).min(all.len()),
                all.len()
            ),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .title_bottom(Line::styled(" Esc, q or ? closes ", theme.dim()))
        .border_style(theme.border(true));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
