//! The `/` filter of every list, as k9s has it: `/` starts typing, the
//! list narrows as you type (a case-insensitive substring of the name or
//! ARN), `Enter` keeps the filter and gives j/k back to the list, and `Esc`
//! clears it: while typing, or on a filtered list (a second `Esc` then does
//! what `Esc` does there).
//!
//! `Esc` on a filtered list is no binding of its own (one key, one line
//! of help): each screen's `Esc` help names it.
//!
//! The keys live here once. A screen takes part by implementing
//! [`FilteredList`] for its list and returning it from `Page::list` and
//! `Page::list_mut`; `crate::tui::screens::page` routes the keys here first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

use super::fit::{truncate, width};
use super::list::{ListCursor, ListFilter};
use crate::sanitize;
use crate::tui::keymap::{self, Binding, Mode, Rank, always, ch, ctrl, key};
use crate::tui::theme::Theme;

/// A list a `/` filter narrows.
pub trait FilteredList {
    fn cursor(&self) -> &ListCursor;
    fn cursor_mut(&mut self) -> &mut ListCursor;
    /// Indices of the rows shown under the current filter, in display order.
    fn shown(&self) -> Vec<usize>;
    /// Rows before any filter.
    fn total(&self) -> usize;
    /// What one row is, for "no member matches /zz".
    fn noun(&self) -> &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Start,
    Keep,
    Clear,
    ClearInput,
}

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKey {
    /// Not a filter key here: the screen's own keys decide.
    NotTaken,
    /// Taken; the rows shown are the same.
    Taken,
    /// Taken; the rows shown changed (the window must be fitted again).
    Changed,
}

use Mode::{Browsing, Channel, Filtering, Member};

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding<ListFilter, FilterAction>] = &[
    Binding::new(&[ch('/')], &[Browsing, Channel, Member], "filter", "Filter the list (History, channel members, a member's channels) by a substring of the name or ARN, as you type", Rank::Low, FilterAction::Start, always),
    Binding::new(&[key(KeyCode::Enter)], &[Filtering], "keep", "Keep the filter and go back to the list (j/k move in the rows it shows)", Rank::High, FilterAction::Keep, always),
    Binding::new(&[key(KeyCode::Esc)], &[Filtering], "clear", "Clear the filter and go back to the list", Rank::High, FilterAction::Clear, always),
    Binding::new(&[ctrl('u')], &[Filtering], "clear input", "Clear the filter's input, and keep typing", Rank::Hidden, FilterAction::ClearInput, always),
];

/// A character the filter takes: nothing invisible or controlling.
fn insertable(c: char) -> bool {
    !sanitize::is_unsafe(c)
}

/// Change the filter with `edit`, keeping the selection on the same row
/// when that row is still shown, and within the rows otherwise.
fn refilter(list: &mut dyn FilteredList, edit: impl FnOnce(&mut ListFilter)) -> FilterKey {
    let before_query = list.cursor().filter.query().to_string();
    let typing = list.cursor().filter.typing;
    let selected_row = list.shown().get(list.cursor().selected()).copied();
    edit(&mut list.cursor_mut().filter);
    if list.cursor().filter.query() == before_query {
        return if list.cursor().filter.typing == typing {
            FilterKey::Taken
        } else {
            FilterKey::Changed
        };
    }
    let shown = list.shown();
    let position = selected_row
        .and_then(|row| shown.iter().position(|&i| i == row))
        .unwrap_or(list.cursor().selected());
    list.cursor_mut().follow(position, shown.len());
    FilterKey::Changed
}

fn apply(list: &mut dyn FilteredList, action: FilterAction) -> FilterKey {
    match action {
        FilterAction::Start => {
            let filter = &mut list.cursor_mut().filter;
            filter.typing = true;
            filter.input.end();
            FilterKey::Changed
        }
        FilterAction::Keep => refilter(list, |f| {
            f.typing = false;
            if !f.is_active() {
                f.input.set("");
            }
        }),
        FilterAction::Clear => refilter(list, |f| {
            f.typing = false;
            f.input.set("");
        }),
        FilterAction::ClearInput => refilter(list, |f| f.input.set("")),
    }
}

/// A key for `list` in `mode` (the screen's mode: [`Mode::Filtering`]
/// while typing). While typing every key is taken: `q` or `j` is text.
pub fn on_key(list: &mut dyn FilteredList, mode: Mode, event: &KeyEvent) -> FilterKey {
    if let Some(binding) = keymap::find(BINDINGS, mode, event)
        && (binding.check)(&list.cursor().filter).is_ok()
    {
        return apply(list, binding.action);
    }
    if mode != Filtering {
        // Esc on a filtered list clears the filter; only then does Esc do
        // what it does on the screen. Each screen's Esc help says so, as
        // one key has one line in the help.
        let filtered = list.cursor().filter.is_active();
        if filtered && event.code == KeyCode::Esc && event.modifiers.is_empty() {
            return apply(list, FilterAction::Clear);
        }
        return FilterKey::NotTaken;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    refilter(list, |f| match event.code {
        KeyCode::Char('w') if ctrl => f.input.delete_word(),
        KeyCode::Char(c) if !ctrl && !alt && insertable(c) => f.input.insert_char(c),
        KeyCode::Backspace => f.input.backspace(),
        KeyCode::Delete => f.input.delete(),
        KeyCode::Left => f.input.left(),
        KeyCode::Right => f.input.right(),
        KeyCode::Home => f.input.home(),
        KeyCode::End => f.input.end(),
        _ => {}
    })
}

/// Pasted text while typing: one line, without invisible characters.
pub fn paste(list: &mut dyn FilteredList, text: &str) -> FilterKey {
    if !list.cursor().filter.typing {
        return FilterKey::NotTaken;
    }
    refilter(list, |f| {
        let text: String = text
            .trim()
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|&c| insertable(c))
            .collect();
        f.input.insert_str(&text);
    })
}

/// `n` with thousands separated: 10,000.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The filter as the list's frame shows it in at most `columns`:
/// `/dave — 3 of 10,000`, with `_` where the next character goes while
/// typing, and `· Esc clears` on a kept filter when it fits. `None` with
/// no filter.
pub fn status(list: &dyn FilteredList, shown: usize, columns: usize) -> Option<String> {
    let filter = &list.cursor().filter;
    if !filter.is_shown() {
        return None;
    }
    let typing = if filter.typing { "_" } else { "" };
    let text = format!(
        " /{}{typing} — {} of {} ",
        sanitize::line(filter.input.text()),
        count(shown),
        count(list.total())
    );
    let hinted = format!("{text}· Esc clears ");
    Some(if !filter.typing && width(&hinted) <= columns {
        hinted
    } else {
        truncate(&text, columns)
    })
}

/// [`status`] styled: the keys' colour, or a warning when nothing matches.
pub fn status_span(
    list: &dyn FilteredList,
    shown: usize,
    columns: usize,
    theme: &Theme,
) -> Option<Span<'static>> {
    let style = if shown == 0 && list.cursor().filter.is_active() {
        theme.warning()
    } else {
        theme.key()
    };
    status(list, shown, columns).map(|text| Span::styled(text, style))
}

/// What an empty list says when the filter hid every row, if it did.
pub fn empty_note(list: &dyn FilteredList) -> Option<String> {
    let filter = &list.cursor().filter;
    filter.is_active().then(|| {
        format!(
            "no {} matches /{} (Esc clears the filter)",
            list.noun(),
            sanitize::line(filter.query())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    /// Rows are names; the filter looks at the name.
    #[derive(Default)]
    struct Names {
        rows: Vec<&'static str>,
        cursor: ListCursor,
    }

    impl FilteredList for Names {
        fn cursor(&self) -> &ListCursor {
            &self.cursor
        }
        fn cursor_mut(&mut self) -> &mut ListCursor {
            &mut self.cursor
        }
        fn shown(&self) -> Vec<usize> {
            (0..self.rows.len())
                .filter(|&i| self.cursor.filter.matches([self.rows[i]]))
                .collect()
        }
        fn total(&self) -> usize {
            self.rows.len()
        }
        fn noun(&self) -> &'static str {
            "name"
        }
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
    }

    fn names() -> Names {
        Names {
            rows: vec!["alice", "bob", "dave", "daisy", "carol"],
            ..Names::default()
        }
    }

    fn mode(list: &Names) -> Mode {
        if list.cursor.filter.typing {
            Filtering
        } else {
            Channel
        }
    }

    fn send(list: &mut Names, code: KeyCode) -> FilterKey {
        let m = mode(list);
        on_key(list, m, &press(code))
    }

    fn type_text(list: &mut Names, text: &str) {
        for c in text.chars() {
            send(list, KeyCode::Char(c));
        }
    }

    #[test]
    fn the_selection_stays_on_its_row_when_the_row_survives() {
        let mut list = names();
        list.cursor.select(2, 5, 5); // dave
        assert_eq!(send(&mut list, KeyCode::Char('/')), FilterKey::Changed);
        type_text(&mut list, "da");
        assert_eq!(list.shown(), vec![2, 3]);
        assert_eq!(list.cursor.selected(), 0, "dave is first of the shown");
        type_text(&mut list, "i");
        assert_eq!(list.shown(), vec![3]);
        assert_eq!(list.cursor.selected(), 0, "clamped into the one row");
    }

    #[test]
    fn typing_takes_every_key_and_drops_control_characters() {
        let mut list = names();
        send(&mut list, KeyCode::Char('/'));
        type_text(&mut list, "qj\u{1b}\u{200b}");
        assert_eq!(list.cursor.filter.input.text(), "qj");
        assert_eq!(send(&mut list, KeyCode::Tab), FilterKey::Taken);
        send(&mut list, KeyCode::Backspace);
        assert_eq!(list.cursor.filter.input.text(), "q");
        let ctrl_u = KeyEvent::new_with_kind(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
            KeyEventKind::Press,
        );
        on_key(&mut list, Filtering, &ctrl_u);
        assert!(list.cursor.filter.input.is_empty());
        assert!(list.cursor.filter.typing);
    }

    #[test]
    fn enter_keeps_then_esc_clears_then_esc_is_not_taken() {
        let mut list = names();
        send(&mut list, KeyCode::Char('/'));
        type_text(&mut list, "a");
        send(&mut list, KeyCode::Enter);
        assert!(!list.cursor.filter.typing);
        assert_eq!(list.shown().len(), 4);
        assert_eq!(send(&mut list, KeyCode::Char('q')), FilterKey::NotTaken);
        assert_eq!(send(&mut list, KeyCode::Esc), FilterKey::Changed);
        assert_eq!(list.shown().len(), 5);
        assert_eq!(send(&mut list, KeyCode::Esc), FilterKey::NotTaken);
    }

    #[test]
    fn pasted_text_is_one_safe_line() {
        let mut list = names();
        assert_eq!(paste(&mut list, "dave"), FilterKey::NotTaken);
        send(&mut list, KeyCode::Char('/'));
        paste(&mut list, " da\u{1b}[2J\nve ");
        assert_eq!(list.cursor.filter.input.text(), "da[2J ve");
    }

    #[test]
    fn the_status_counts_with_separators_and_the_empty_note_names_the_query() {
        assert_eq!(count(10000), "10,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1234567), "1,234,567");
        let mut list = names();
        assert_eq!(status(&list, 5, 80), None);
        send(&mut list, KeyCode::Char('/'));
        type_text(&mut list, "zz");
        assert_eq!(status(&list, 0, 80).as_deref(), Some(" /zz_ — 0 of 5 "));
        send(&mut list, KeyCode::Enter);
        assert_eq!(
            status(&list, 0, 80).as_deref(),
            Some(" /zz — 0 of 5 · Esc clears ")
        );
        assert_eq!(status(&list, 0, 20).as_deref(), Some(" /zz — 0 of 5 "));
        assert_eq!(
            empty_note(&list).as_deref(),
            Some("no name matches /zz (Esc clears the filter)")
        );
    }
}
