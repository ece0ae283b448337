//! A single-line text input: the text, a cursor, and the edits a terminal
//! user expects (arrows, Home/End, Backspace/Delete, Ctrl-U, Ctrl-W, paste).

/// Longest text a field holds. ARNs are at most 1600 characters; the limit
/// only stops a runaway paste from growing without bound.
pub const MAX_FIELD_CHARS: usize = 8192;

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

    /// Inserts one character. Control, zero-width and bidi characters are
    /// never stored: what the user sees in the field is exactly what is sent.
    pub fn insert_char(&mut self, c: char) {
        if crate::sanitize::is_unsafe(c) || self.len() >= MAX_FIELD_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text. Line breaks and tabs become spaces (a paste of a
    /// wrapped ARN should not submit anything); other controls are dropped.
    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' | '\r' | '\t' => self.insert_char(' '),
                c => self.insert_char(c),
            }
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
    fn controls_never_enter_and_pasted_line_breaks_become_spaces() {
        let mut f = TextField::default();
        f.insert_str("a\u{1b}[2J\nb\u{7}\u{202e}\u{200b}c");
        assert_eq!(f.text(), "a[2J bc");
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
}
