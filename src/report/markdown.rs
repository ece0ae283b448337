//! Server text in Markdown that GitHub, Jira and Zendesk render: a name
//! holding `|`, backticks, `<`, `[`, `](` or a line break cannot break a
//! table, inject a link or HTML, or hide a row.
//!
//! - [`text`]: prose and table cells. Control characters and line breaks
//!   become visible escapes first ([`crate::sanitize::line`]), then every
//!   character Markdown could act on is backslash-escaped.
//! - [`code`]: an inline code span (ARNs, ids, values), with a fence longer
//!   than any run of backticks inside, and `|` escaped so that it stays
//!   inside its table cell.
//! - [`fenced`]: a fenced block (policies, filter rules), with a fence
//!   longer than any run inside.

use crate::sanitize;

/// The ASCII characters CommonMark or GFM may act on anywhere in running
/// text: emphasis, code, links, HTML, entities, table cells, strikethrough
/// and GitHub's math. Each may be backslash-escaped anywhere (CommonMark
/// 2.4).
fn acts_anywhere(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$'
    )
}

/// Characters that act only where a line (or a cell) starts: a heading,
/// a list item, a thematic break or a setext underline.
fn acts_at_start(c: char) -> bool {
    matches!(c, '#' | '-' | '+' | '=')
}

/// One line of server (or any) text, safe in a paragraph, a list item, a
/// heading or a table cell: it can start no block, close no cell, open no
/// link, HTML tag, code span or emphasis. What it holds reads as itself.
pub fn text(raw: &str) -> String {
    let line = sanitize::line(raw);
    let mut out = String::with_capacity(line.len() + 8);
    let mut first = true;
    let mut digits = false;
    for c in line.chars() {
        let at_start = first && acts_at_start(c);
        // `1.` or `1)` at the start is an ordered list item.
        let list_number = digits && matches!(c, '.' | ')');
        if acts_anywhere(c) || at_start || list_number {
            out.push('\\');
        }
        digits = (first || digits) && c.is_ascii_digit();
        first = false;
        out.push(c);
    }
    out
}

/// The longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// An inline code span holding `raw` verbatim (control characters and line
/// breaks as visible escapes), safe in a table cell.
pub fn code(raw: &str) -> String {
    let line = sanitize::line(raw);
    // In a GFM table a `|` ends the cell even inside a code span unless it
    // is escaped; the escape is removed inside the span.
    let body = line.replace('|', "\\|");
    if body.is_empty() {
        return "` `".to_string();
    }
    let fence = "`".repeat(longest_backtick_run(&body) + 1);
    // A span starting or ending with a backtick needs a space inside the
    // fence; one space each side is stripped by the renderer.
    let pad = body.starts_with('`') || body.ends_with('`') || body.starts_with(' ');
    if pad {
        format!("{fence} {body} {fence}")
    } else {
        format!("{fence}{body}{fence}")
    }
}

/// A fenced code block of several lines (a pretty-printed policy or
/// filter rule), with `info` as its language. Line breaks are kept; every
/// other control character becomes a visible escape.
pub fn fenced(raw: &str, info: &str) -> String {
    let block = sanitize::block(raw);
    let mut longest = 0;
    for line in block.lines() {
        let trimmed = line.trim_start();
        let run = trimmed.chars().take_while(|c| *c == '`').count();
        longest = longest.max(run).max(longest_backtick_run(line));
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = format!("{fence}{info}\n");
    for line in block.lines() {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_names_cannot_break_a_cell_link_or_html() {
        let hostile = "Eve | [click](http://evil) <img src=x> `x`\nrow";
        let t = text(hostile);
        assert_eq!(
            t,
            "Eve \\| \\[click\\](http://evil) \\<img src=x\\> \\`x\\`\\\\nrow"
        );
        assert_eq!(text("well-formed ARNs"), "well-formed ARNs");
        assert_eq!(text("- not a list"), "\\- not a list");
        assert_eq!(text("# not a heading"), "\\# not a heading");
        assert_eq!(text("12. not a list"), "12\\. not a list");
        assert_eq!(text("v1.2"), "v1.2");
        assert!(!t.contains('\n'));
        let c = code(hostile);
        assert!(c.starts_with("``") && c.ends_with("``"), "{c}");
        assert!(c.contains("\\|") && !c.contains('\n'), "{c}");
    }

    #[test]
    fn code_spans_outgrow_the_backticks_inside() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`edge`"), "`` `edge` ``");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn fences_outgrow_the_fences_inside() {
        let f = fenced("{\n  \"a\": \"```\"\n}", "json");
        assert!(f.starts_with("````json\n"), "{f}");
        assert!(f.ends_with("\n````\n"), "{f}");
        let escaped = fenced("evil\u{1b}[2J", "");
        assert!(!escaped.contains('\u{1b}'), "{escaped:?}");
    }

    proptest! {
        /// Whatever the server sends, a cell stays one line, has no
        /// unescaped `|`, `<`, `[` or backtick, and no control character.
        #[test]
        fn text_is_inert(s in "\\PC*|[|<>\\[\\]()`\\\\\n\r\u{1b}a-z ]{0,40}") {
            let t = text(&s);
            prop_assert!(!t.chars().any(|c| c.is_control()));
            let chars: Vec<char> = t.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == '\\' {
                    i += 2;
                    continue;
                }
                prop_assert!(!matches!(chars[i], '|' | '<' | '[' | ']' | '`'), "{t}");
                i += 1;
            }
        }

        /// A code span never holds an unescaped `|` or a line break, and
        /// its fence is longer than any backtick run inside.
        #[test]
        fn code_is_inert(s in "[|`a-z \n\u{7}]{0,30}") {
            let c = code(&s);
            prop_assert!(!c.contains('\n'));
            let fence = c.chars().take_while(|ch| *ch == '`').count();
            let inner = &c[fence..c.len() - fence];
            prop_assert!(longest_backtick_run(inner) < fence, "{c}");
            let bytes = inner.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'|' {
                    prop_assert!(i > 0 && bytes[i - 1] == b'\\', "{c}");
                }
            }
        }
    }
}
