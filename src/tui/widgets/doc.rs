//! A scrollable document of lines, wrapped to a known width up front so the
//! line count (and so the scroll range) is exact.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::sanitize;

/// Word-wrap `text` to `width` columns; words longer than a line are broken.
/// The text is sanitised first, so the result is safe for the terminal.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = sanitize::line(text);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_width = 0;
    for word in text.split(' ') {
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let space = usize::from(!current.is_empty());
        if current_width + space + word_width <= width {
            if space == 1 {
                current.push(' ');
            }
            current.push_str(word);
            current_width += space + word_width;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            current_width = 0;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if current_width + w > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                current_width = 0;
            }
            current.push(c);
            current_width += w;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

pub use crate::text_fit::truncate;

pub struct Doc {
    pub lines: Vec<Line<'static>>,
    width: usize,
}

impl Doc {
    pub fn new(width: usize) -> Self {
        Doc {
            lines: Vec::new(),
            width: width.max(1),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// A wrapped paragraph.
    pub fn para(&mut self, text: &str, style: Style) {
        for l in wrap(text, self.width) {
            self.lines.push(Line::styled(l, style));
        }
    }

    /// `marker text`, wrapped with a hanging indent.
    pub fn bullet(&mut self, marker: &str, marker_style: Style, text: &str, style: Style) {
        let indent = marker.chars().count() + 1;
        let wrapped = wrap(text, self.width.saturating_sub(indent));
        for (i, l) in wrapped.into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{marker} ")
            } else {
                " ".repeat(indent)
            };
            self.lines.push(Line::from(vec![
                Span::styled(lead, marker_style),
                Span::styled(l, style),
            ]));
        }
    }

    /// `Key       value`, the value wrapped under itself.
    pub fn field(&mut self, key: &str, key_style: Style, value: &str, style: Style) {
        self.field_with_width(key, key_style, value, style, 14);
    }

    /// Preformatted multi-line text (a pretty-printed policy), indented
    /// by `indent`: each line keeps its own leading spaces, and one too
    /// long for the width goes on under itself, two columns further in.
    /// Sanitised as a block: line breaks kept, every other control
    /// character shown as an escape.
    pub fn block(&mut self, text: &str, indent: usize, style: Style) {
        let text = sanitize::block(text);
        for raw in text.lines() {
            let content = raw.trim_start_matches(' ');
            let lead = indent + (raw.len() - content.len());
            let lead = lead.min(self.width.saturating_sub(8));
            let wrapped = wrap(content, self.width.saturating_sub(lead + 2).max(1));
            let first = wrap(content, self.width.saturating_sub(lead).max(1));
            let lines = if first.len() == 1 { first } else { wrapped };
            for (i, l) in lines.into_iter().enumerate() {
                let pad = if i == 0 { lead } else { lead + 2 };
                self.lines.push(Line::from(vec![
                    Span::raw(" ".repeat(pad)),
                    Span::styled(l, style),
                ]));
            }
        }
    }

    pub fn field_with_width(
        &mut self,
        key: &str,
        key_style: Style,
        value: &str,
        style: Style,
        key_width: usize,
    ) {
        let wrapped = wrap(value, self.width.saturating_sub(key_width));
        for (i, l) in wrapped.into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{key:<key_width$}")
            } else {
                " ".repeat(key_width)
            };
            self.lines.push(Line::from(vec![
                Span::styled(lead, key_style),
                Span::styled(l, style),
            ]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wraps_on_spaces_and_breaks_long_words() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }

    #[test]
    fn a_block_keeps_its_indentation_and_escapes_control_characters() {
        let mut doc = Doc::new(20);
        doc.block(
            "{\n  \"Effect\": \"Allow\",\n  \"Sid\": \"a\u{1b}]0;x\u{7}\"\n}",
            2,
            Style::new(),
        );
        let text: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "  {",
                "    \"Effect\":",
                "      \"Allow\",",
                "    \"Sid\":",
                "      \"a\\e]0;x\\a\"",
                "  }",
            ]
        );
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_are_safe(text in any::<String>(), width in 1usize..60) {
            for l in wrap(&text, width) {
                let w: usize = l.chars().map(|c| c.width().unwrap_or(0)).sum();
                // A single character wider than the line is the one exception.
                prop_assert!(w <= width.max(2));
                prop_assert!(!l.chars().any(crate::sanitize::is_unsafe));
            }
        }
    }
}
