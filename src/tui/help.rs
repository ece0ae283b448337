//! The help overlay, generated from the key tables: for each mode, its
//! keys as the footer would offer them, then the editing keys and the mouse.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::global_keys::GLOBAL;
use super::keymap::{EDITING_KEYS, KeyDoc, Mode, Rank};
use super::screens;
use super::theme::Theme;
use super::widgets::doc::Doc;
use super::widgets::{inner_height, inner_width};

const KEY_COLUMN: usize = 18;

/// Every key's documentation: the global keys and each screen's.
pub fn key_docs() -> Vec<&'static KeyDoc> {
    let mut docs: Vec<&'static KeyDoc> = GLOBAL.iter().map(|b| &b.doc).collect();
    docs.extend(screens::key_tables().into_iter().flatten());
    docs
}

/// The keys of `mode` in the order the footer offers them: help and quit,
/// the screen's own keys, then moving around.
pub fn keys_of(mode: Mode) -> Vec<&'static KeyDoc> {
    let global = || {
        GLOBAL
            .iter()
            .map(|b| &b.doc)
            .filter(|d| d.modes.contains(&mode))
    };
    let mut docs: Vec<&'static KeyDoc> = global().filter(|d| d.rank == Rank::Top).collect();
    docs.extend(
        screens::key_tables()
            .into_iter()
            .flatten()
            .filter(|d| d.modes.contains(&mode)),
    );
    docs.extend(global().filter(|d| d.rank != Rank::Top));
    docs
}

fn lines(width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    doc.para(
        "chime-prefs is read-only: it never calls a mutating API.",
        theme.dim(),
    );
    for mode in Mode::ALL {
        doc.blank();
        doc.para(mode.title(), theme.bold());
        for d in keys_of(mode) {
            doc.field_with_width(
                &d.key_names(),
                theme.key(),
                d.help,
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
        "Copies go through OSC 52: the terminal must allow it (in tmux: set -g set-clipboard on), and then they work over SSH too. Set NO_COLOR to turn colours off. Logs go to a file (--log-file), never to the screen.",
        theme.dim(),
    );
    doc.lines
}

pub fn line_count(area: Rect) -> usize {
    lines(inner_width(area), &Theme::new(false)).len()
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::KeySpec;

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for mode in Mode::ALL {
            let mut seen: Vec<KeySpec> = Vec::new();
            for doc in keys_of(mode) {
                for key in doc.keys {
                    assert!(
                        !seen.contains(key),
                        "{} bound twice in {mode:?}",
                        key.name()
                    );
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn every_binding_is_documented() {
        for d in key_docs() {
            assert!(
                !d.label.is_empty() && !d.help.is_empty(),
                "{}",
                d.key_names()
            );
            assert!(!d.keys.is_empty());
        }
    }
}
