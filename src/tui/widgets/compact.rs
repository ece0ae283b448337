//! A terminal too small for the panes still gets the essentials, never a
//! panic: the state of the current lookup and how to get more room. Keys
//! other than quit do nothing here (the update function ignores them).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

use super::doc::Doc;
use crate::tui::theme::Theme;

/// Below this the full layout does not fit.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

pub struct Compact<'a> {
    /// One phrase on the current lookup ("ALL", "fetching…").
    pub state: &'a str,
    pub size: (u16, u16),
    pub theme: &'a Theme,
}

impl Widget for Compact<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut doc = Doc::new(usize::from(area.width));
        doc.para(&format!("chime-prefs: {}", self.state), self.theme.bold());
        doc.para(
            &format!(
                "Terminal {}x{} is too small; enlarge to {MIN_WIDTH}x{MIN_HEIGHT}. q or Ctrl-C quits.",
                self.size.0, self.size.1
            ),
            Style::new(),
        );
        Paragraph::new(doc.lines).render(area, buf);
    }
}
