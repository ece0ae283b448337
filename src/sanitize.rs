//! Make server-supplied text safe for a terminal.
//!
//! A member's Name, a FilterRule or an error message comes from the service
//! (or whatever answers at --endpoint-url). An ESC could retitle the
//! terminal or clear it, a C1 CSI does the same on some terminals, and a bidi
//! override reorders what the engineer reads. Every such character is shown
//! as a visible escape instead, so nothing is hidden and nothing acts.

use std::borrow::Cow;

/// True for characters that must never reach the terminal raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width and LRM/RLM
            | '\u{2028}' | '\u{2029}' // line/paragraph separators
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2069}' // word joiner, bidi isolates
            | '\u{FEFF}'              // BOM / zero-width no-break space
        )
}

fn escape(c: char, out: &mut String) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\u{7}' => out.push_str("\\a"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
    }
}

/// One line of text: every unsafe character, line breaks included, becomes a
/// visible escape.
pub fn line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text: line breaks are kept, tabs become four spaces, every
/// other unsafe character becomes a visible escape.
pub fn block(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_unsafe(c) => escape(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_name_is_made_visible_and_inert() {
        let name = "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp.exe";
        let safe = line(name);
        assert_eq!(safe, "Eve\\e]0;pwned\\a\\e[2J\\x9b31m\\u{202e}gnp.exe");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        assert!(matches!(line("Alice Smith – Café"), Cow::Borrowed(_)));
    }

    #[test]
    fn block_keeps_line_breaks_and_expands_tabs() {
        assert_eq!(block("a\n\tb\u{1b}"), "a\n    b\\e");
    }

    proptest! {
        #[test]
        fn no_unsafe_character_survives(text in any::<String>()) {
            prop_assert!(!line(&text).chars().any(is_unsafe));
            prop_assert!(!block(&text).chars().any(|c| is_unsafe(c) && c != '\n'));
        }
    }
}
