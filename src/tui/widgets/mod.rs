//! Pieces every screen draws with: text fitting, wrapped documents, the
//! one list cursor, text inputs, and the header and footer lines. Nothing
//! here knows a screen.

pub mod compact;
pub mod doc;
pub mod filter_input;
pub mod fit;
pub mod footer;
pub mod header;
pub mod list;
pub mod push_state;
pub mod text_field;

use ratatui::layout::Rect;

/// Rows inside a bordered pane.
pub fn inner_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// Columns inside a bordered pane.
pub fn inner_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2))
}
