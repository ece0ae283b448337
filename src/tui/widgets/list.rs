//! The one list cursor: which row is selected, which row is at the top of
//! the window, and an optional `/` filter over the rows. Every list screen
//! (History, the channel view, and the screens to come) keeps one, and
//! draws its rows through [`ListCursor::window`] and [`row_style`] so that
//! only the visible rows become widgets and the selection looks the same
//! everywhere.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Line;

use super::text_field::TextField;
use crate::tui::theme::Theme;

/// A substring filter over a list's rows, as k9s's `/` does: case-insensitive,
/// matched against whatever text the screen offers per row (name, ARN).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub input: TextField,
    /// Keys type into the input (after `/`, until Enter or Esc).
    pub typing: bool,
}

impl ListFilter {
    pub fn query(&self) -> &str {
        self.input.text().trim()
    }

    pub fn is_active(&self) -> bool {
        !self.query().is_empty()
    }

    /// Shown above or in the list's frame: typing, or a filter kept.
    pub fn is_shown(&self) -> bool {
        self.typing || self.is_active()
    }

    /// True when no filter is set, or one of `fields` contains the query.
    pub fn matches<'a>(&self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        let query = self.query();
        if query.is_empty() {
            return true;
        }
        if query.is_ascii() {
            // Names and ARNs are ASCII nearly always: compare bytes without
            // lowercasing 10,000 rows into new strings on every keystroke.
            return fields
                .into_iter()
                .any(|f| contains_ascii_ignore_case(f, query));
        }
        let query = query.to_lowercase();
        fields
            .into_iter()
            .any(|f| f.to_lowercase().contains(&query))
    }
}

/// `needle` (ASCII) in `haystack`, ignoring ASCII case. A non-ASCII
/// character of the haystack never equals an ASCII byte, so byte windows
/// are exact.
fn contains_ascii_ignore_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCursor {
    selected: usize,
    /// First visible row; kept so the selection stays in view.
    offset: usize,
    pub filter: ListFilter,
}

impl ListCursor {
    /// Position of the selected row among the rows shown.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Back to the first row (a new filter, sort or list).
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Move the selection by `delta` rows among `len`, keeping it within a
    /// window `visible` rows high.
    pub fn move_by(&mut self, delta: isize, len: usize, visible: usize) {
        if len == 0 {
            self.reset();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.scroll_into_view(visible);
    }

    pub fn select(&mut self, index: usize, len: usize, visible: usize) {
        if len > 0 {
            self.selected = index.min(len - 1);
            self.scroll_into_view(visible);
        }
    }

    /// Select `position` among `len` rows without scrolling; the next
    /// [`ListCursor::keep_in_view`] brings it into the window.
    pub fn follow(&mut self, position: usize, len: usize) {
        self.selected = position.min(len.saturating_sub(1));
    }

    /// After the list or the window changed size.
    pub fn keep_in_view(&mut self, len: usize, visible: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.offset = self.offset.min(self.selected);
        self.scroll_into_view(visible);
    }

    fn scroll_into_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }

    /// A click on window row `row`: selects the row under it, if any.
    pub fn click(&mut self, row: usize, len: usize) -> bool {
        let index = self.offset + row;
        if index < len {
            self.selected = index;
            true
        } else {
            false
        }
    }

    /// The positions to draw in a window `visible` rows high.
    pub fn window(&self, len: usize, visible: usize) -> Range<usize> {
        let start = self.offset.min(len);
        start..(start + visible).min(len)
    }
}

/// The selected row's look: the theme's selection, with dimmed parts of
/// the row brought back to full strength so nothing is grey on grey.
/// `focused` is false when another pane has the keys: the row is only bold.
pub fn row_style(line: Line<'static>, focused: bool, theme: &Theme) -> Line<'static> {
    let base = if focused {
        theme.selected()
    } else {
        theme.bold()
    };
    let dim = theme.dim();
    let spans = line
        .spans
        .into_iter()
        .map(|mut span| {
            if dim.fg.is_some() && span.style.fg == dim.fg {
                // Inherit the selection's own foreground.
                span.style = Style {
                    fg: None,
                    ..span.style
                };
            }
            span
        })
        .collect::<Vec<_>>();
    Line::from(spans).style(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    #[test]
    fn selection_scrolls_into_view_both_ways() {
        let mut c = ListCursor::default();
        c.select(0, 20, 5);
        c.move_by(7, 20, 5);
        assert_eq!((c.selected(), c.offset()), (7, 3));
        c.move_by(-6, 20, 5);
        assert_eq!((c.selected(), c.offset()), (1, 1));
        c.move_by(100, 20, 5);
        assert_eq!((c.selected(), c.offset()), (19, 15));
        assert_eq!(c.window(20, 5), 15..20);
    }

    #[test]
    fn a_shrinking_list_keeps_the_selection_inside_it() {
        let mut c = ListCursor::default();
        c.select(19, 20, 5);
        c.keep_in_view(3, 5);
        assert_eq!((c.selected(), c.offset()), (2, 2));
        c.move_by(1, 0, 5);
        assert_eq!((c.selected(), c.offset()), (0, 0));
        assert_eq!(c.window(0, 5), 0..0);
    }

    #[test]
    fn a_click_selects_the_row_under_it() {
        let mut c = ListCursor::default();
        c.select(10, 20, 5);
        assert!(c.click(0, 20));
        assert_eq!(c.selected(), 6);
        assert!(!c.click(30, 20));
    }

    #[test]
    fn the_filter_matches_any_field_ignoring_case() {
        let mut f = ListFilter::default();
        assert!(f.matches(["anything"]));
        f.input.set("DAV");
        assert!(f.matches(["Dave Diaz", "arn:x"]));
        assert!(f.matches(["x", ".../user/dave"]));
        assert!(!f.matches(["Carol"]));
        f.input.set("ÉL");
        assert!(f.matches(["Ana Élan"]));
        assert!(!f.matches(["Ana Elan"]));
    }

    #[test]
    fn ascii_matching_finds_the_needle_anywhere_and_only_there() {
        assert!(contains_ascii_ignore_case("arn:.../user/Dave", "DAVE"));
        assert!(contains_ascii_ignore_case("Zoë dave", "dave"));
        assert!(!contains_ascii_ignore_case("da", "dave"));
        assert!(!contains_ascii_ignore_case("Zoë", "zoe"));
    }

    #[test]
    fn the_selected_row_is_never_dim_on_the_selection() {
        let theme = Theme::new(true);
        let line = Line::from(vec![Span::raw("dave "), Span::styled("note", theme.dim())]);
        let styled = row_style(line, true, &theme);
        assert_eq!(styled.style, theme.selected());
        assert_ne!(styled.spans[1].style.fg, theme.dim().fg);
    }
}
