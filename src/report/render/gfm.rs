//! The GitHub-flavoured Markdown the reports are built of, kept to what
//! GitHub, Jira and Zendesk all render: headings, paragraphs, bullet lists,
//! plain pipe tables and fenced blocks. No HTML. Cells and items are
//! escaped by the caller (`crate::report::markdown`).

/// A pipe table. Every row has as many cells as there are headers (a
/// missing cell is empty, an extra one dropped), so a row can never shift
/// its columns.
pub fn table<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> String {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        out.push('|');
        for cell in cells {
            out.push(' ');
            out.push_str(if cell.is_empty() { " " } else { cell });
            out.push_str(" |");
        }
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    line(&mut std::iter::repeat_n("---", N));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// `block` (a fenced block, several lines) indented to sit inside a list
/// item: `- item` followed by this stays in the item.
pub fn in_item(block: &str) -> String {
    let mut out = String::new();
    for line in block.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The fence's info string for a value: `json` when it reads as JSON.
pub fn language(value: &str) -> &'static str {
    if serde_json::from_str::<serde_json::Value>(value).is_ok() {
        "json"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_header_width_and_empty_cells_stay_cells() {
        let t = table(
            ["A", "B"],
            &[["1".to_string(), String::new()], ["x".into(), "y".into()]],
        );
        assert_eq!(t, "| A | B |\n| --- | --- |\n| 1 |   |\n| x | y |\n");
    }

    #[test]
    fn a_block_in_an_item_is_indented_line_by_line() {
        assert_eq!(in_item("```\na\n\nb\n```\n"), "  ```\n  a\n\n  b\n  ```\n");
    }
}
