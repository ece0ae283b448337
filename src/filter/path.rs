//! JSON paths for findings: `$.mention[0]`, `$["$or"][2]`,
//! `$.type[0]["anything-but"][1]`.

use super::json_tree::json_quote;

/// Appends a member name: dot form for identifier-like names, bracket form
/// (with JSON escaping) for anything else, so every path is unambiguous.
pub(crate) fn member(base: &str, name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        format!("{base}.{name}")
    } else {
        format!("{base}[{}]", json_quote(name))
    }
}

/// Appends a list index.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_dot_and_bracket_forms() {
        assert_eq!(index(&member("$", "mention"), 0), "$.mention[0]");
        assert_eq!(index(&member("$", "$or"), 2), "$[\"$or\"][2]");
        assert_eq!(
            member(&index("$.type", 0), "anything-but"),
            "$.type[0][\"anything-but\"]"
        );
        assert_eq!(member("$", "a\"b"), "$[\"a\\\"b\"]");
        assert_eq!(member("$", ""), "$[\"\"]");
    }
}
