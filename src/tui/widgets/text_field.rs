//! A single-line text input: the text, a cursor, and the edits a terminal
//! user expects (arrows, Home/End, Backspace/Delete, Ctrl-U, Ctrl-W, paste).
//!
//! The field keeps every character it is given, invisible ones included:
//! whoever reads it (the form's one input check) decides what is wrong and
//! says so, instead of the field dropping characters silently. On screen
//! an unsafe character is shown as a visible escape (`\u{200b}`), never raw.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::sanitize;

/// Longest text a field holds: the shared input check's limit, which
/// reports text of this length as a paste cut by the field. ARNs are at
/// most 1600 characters; the limit stops a runaway paste.
pub const MAX_FIELD_CHARS: usize = crate::arn::input::MAX_INPUT_CHARS;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters, 0..=len.
    cursor: usize,
}

impl TextField {
    /// A field holding `text` with the cursor at its end.
    pub fn new(text: &str) -> Self {
        let mut field = TextField::default();
        field.insert_str(text);
        field
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts one character at the cursor, whatever it is; nothing once
    /// the field holds [`MAX_FIELD_CHARS`].
    pub fn insert_char(&mut self, c: char) {
        if self.len() >= MAX_FIELD_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts text as given (a paste). Line breaks are kept: the input
    /// check names them, as `get` does.
    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            self.insert_char(c);
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
    }

    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Ctrl-U: delete everything before the cursor.
    pub fn clear_to_start(&mut self) {
        let at = self.byte_at(self.cursor);
        self.text.replace_range(..at, "");
        self.cursor = 0;
    }

    /// Ctrl-W: delete the word before the cursor. ARN parts count as words,
    /// so `:` and `/` are boundaries too.
    pub fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        let boundary = |c: char| c.is_whitespace() || c == ':' || c == '/';
        while start > 0 && boundary(chars[start - 1]) {
            start -= 1;
        }
        while start > 0 && !boundary(chars[start - 1]) {
            start -= 1;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }

    pub fn set(&mut self, text: &str) {
        self.text.clear();
        self.cursor = 0;
        self.insert_str(text);
    }
}

/// How one character of a field is drawn: itself, or a visible escape.
fn shown(c: char) -> Cow<'static, str> {
    if sanitize::is_unsafe(c) {
        Cow::Owned(sanitize::line(&c.to_string()).into_owned())
    } else {
        Cow::Owned(c.to_string())
    }
}

/// The whole text as drawn: unsafe characters as visible escapes.
pub fn display_text(field: &TextField) -> String {
    sanitize::line(field.text()).into_owned()
}

/// The part of a field's text that fits in `width` columns, keeping the
/// cursor visible, and the cursor's column within it. Unsafe characters
/// are drawn as their escapes and take the escape's width.
pub fn visible_window(field: &TextField, width: usize) -> (String, usize) {
    let cells: Vec<Cow<str>> = field.text().chars().map(shown).collect();
    let widths: Vec<usize> = cells.iter().map(|c| c.width()).collect();
    let width = width.max(1);
    let cursor = field.cursor().min(cells.len());
    // Leave the cursor's own column free at the right edge.
    let mut start = cursor;
    let mut before = 0;
    while start > 0 && before + widths[start - 1] < width {
        start -= 1;
        before += widths[start];
    }
    let mut shown_text = String::new();
    let mut used = 0;
    for (cell, w) in cells[start..].iter().zip(&widths[start..]) {
        if used + w > width {
            break;
        }
        used += w;
        shown_text.push_str(cell);
    }
    (shown_text, before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_multibyte_text() {
        let mut f = TextField::new("aé");
        f.left();
        f.insert_char('x');
        assert_eq!(f.text(), "axé");
        f.end();
        f.backspace();
        assert_eq!(f.text(), "ax");
        f.home();
        f.delete();
        assert_eq!((f.text(), f.cursor()), ("x", 0));
    }

    #[test]
    fn invisible_and_control_characters_are_kept_for_the_check_but_drawn_as_escapes() {
        let mut f = TextField::default();
        f.insert_str("a\u{1b}[2J\nb\u{202e}\u{200b}c");
        assert_eq!(f.text(), "a\u{1b}[2J\nb\u{202e}\u{200b}c");
        let drawn = display_text(&f);
        assert_eq!(drawn, "a\\e[2J\\nb\\u{202e}\\u{200b}c");
        let (window, _) = visible_window(&f, 80);
        assert_eq!(window, drawn);
        assert!(!window.chars().any(sanitize::is_unsafe));
    }

    #[test]
    fn a_paste_longer_than_the_field_stops_at_its_limit() {
        let mut f = TextField::default();
        f.insert_str(&"a".repeat(MAX_FIELD_CHARS + 5));
        assert_eq!(f.text().len(), MAX_FIELD_CHARS);
        f.insert_char('b');
        assert!(!f.text().contains('b'));
    }

    #[test]
    fn ctrl_w_deletes_one_arn_part() {
        let mut f = TextField::new("arn:aws:chime:us-east-1:1/user/alice");
        f.delete_word();
        assert_eq!(f.text(), "arn:aws:chime:us-east-1:1/user/");
        f.delete_word();
        assert_eq!(f.text(), "arn:aws:chime:us-east-1:1/");
        f.clear_to_start();
        assert!(f.is_empty());
    }

    #[test]
    fn the_window_follows_the_cursor() {
        let mut field = TextField::new("abcdefghij");
        assert_eq!(visible_window(&field, 4), ("hij".to_string(), 3));
        field.home();
        assert_eq!(visible_window(&field, 4), ("abcd".to_string(), 0));
        assert_eq!(visible_window(&TextField::default(), 4), (String::new(), 0));
    }

    #[test]
    fn escapes_count_their_own_width_for_the_cursor() {
        let field = TextField::new("ab\u{200b}");
        assert_eq!(visible_window(&field, 20), ("ab\\u{200b}".to_string(), 10));
    }
}
