//! Fitting text into terminal columns, measured in display width (a CJK
//! character takes two columns, a combining mark none), for the TUI and the
//! scan table alike.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cut `text` to `max` columns, ending in "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to `columns` and padded with spaces to exactly that width.
pub fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let fill = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(width("東京"), 4);
        assert_eq!(pad("東京", 6), "東京  ");
        assert_eq!(truncate("東京都庁", 5), "東京…");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
