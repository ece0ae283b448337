//! The lower right pane: the FilterRule (described, linted, highlighted),
//! the explanation of a failure, or what to fix in the form. Scrollable;
//! only the visible lines of a long rule are turned into widgets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::highlight::TokenLine;
use crate::tui::screens::lookup::docs;
use crate::tui::screens::lookup::state::{Focus, LookupScreen};
use crate::tui::screens::page::ViewCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::truncate;
use crate::tui::widgets::{inner_height, inner_width};

pub fn render(frame: &mut Frame, area: Rect, screen: &LookupScreen, view: &ViewCtx) {
    let theme = view.theme;
    let width = inner_width(area);
    let height = inner_height(area);
    let c = docs::details(screen, view.options, width, theme);
    let total = c.len();
    let scroll = screen.details_scroll.min(total.saturating_sub(height));
    let mut title = vec![Span::raw(c.title.clone())];
    if total > height {
        title.push(Span::styled(
            format!(
                "{}-{} of {} ",
                scroll + 1,
                (scroll + height).min(total),
                total
            ),
            theme.dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.border(screen.focus == Focus::Details));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for i in scroll..(scroll + height).min(total) {
        if let Some(line) = c.head.get(i) {
            lines.push(line.clone());
        } else if let Some(tokens) = c.rule.get(i - c.head.len()) {
            lines.push(rule_line(tokens, width, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One highlighted rule line, cut to the pane's width.
pub fn rule_line(tokens: &TokenLine, width: usize, theme: &Theme) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::with_capacity(tokens.len());
    for token in tokens {
        let w = unicode_width::UnicodeWidthStr::width(token.text.as_str());
        if used + w > width {
            spans.push(Span::styled(
                truncate(&token.text, width - used),
                theme.token(token.kind),
            ));
            break;
        }
        used += w;
        spans.push(Span::styled(token.text.clone(), theme.token(token.kind)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_rule_lines_are_cut_to_the_width() {
        let tokens = crate::tui::highlight::highlight_json("\"aaaaaaaaaaaaaaaa\"");
        let line = rule_line(&tokens[0], 8, &Theme::new(false));
        assert_eq!(line.width(), 8);
    }
}
