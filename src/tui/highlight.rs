//! JSON syntax highlighting as plain data: lines of (kind, text) tokens.
//!
//! The tokens are computed once when a result arrives, not per frame, so a
//! 200 KB rule scrolls without re-parsing. Every token's text is already
//! sanitised for the terminal (JSON escapes control characters, but not
//! bidi overrides, which a rule may carry).

use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    Str,
    Number,
    Literal,
    Punct,
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

pub type TokenLine = Vec<Token>;

fn push(line: &mut TokenLine, kind: TokenKind, text: &str) {
    if text.is_empty() {
        return;
    }
    let text = sanitize::line(text).into_owned();
    match line.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(&text),
        _ => line.push(Token { kind, text }),
    }
}

/// Tokenise JSON text (normally serde_json's pretty output). Works on any
/// text: what is not JSON comes out as plain tokens, never an error.
pub fn highlight_json(text: &str) -> Vec<TokenLine> {
    text.split('\n').map(highlight_line).collect()
}

fn highlight_line(line: &str) -> TokenLine {
    let mut out = TokenLine::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let rest = line[i..].trim_start();
                let kind = if rest.starts_with(':') {
                    TokenKind::Key
                } else {
                    TokenKind::Str
                };
                push(&mut out, kind, &line[start..i]);
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                i += 1;
                push(&mut out, TokenKind::Punct, &line[start..i]);
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                push(&mut out, TokenKind::Number, &line[start..i]);
            }
            b't' | b'f' | b'n'
                if ["true", "false", "null"]
                    .iter()
                    .any(|w| line[i..].starts_with(w)) =>
            {
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|w| line[i..].starts_with(w))
                    .unwrap_or("");
                i += word.len();
                push(&mut out, TokenKind::Literal, word);
            }
            _ => {
                // Advance by one whole character, never inside one.
                let width = line[i..].chars().next().map_or(1, char::len_utf8);
                i += width;
                push(&mut out, TokenKind::Plain, &line[start..i]);
            }
        }
    }
    out
}

/// Plain lines (a rule that is not JSON), sanitised.
pub fn plain_lines(text: &str) -> Vec<TokenLine> {
    sanitize::block(text)
        .split('\n')
        .map(|l| {
            let mut line = TokenLine::new();
            push(&mut line, TokenKind::Plain, l);
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(line: &TokenLine) -> Vec<(TokenKind, &str)> {
        line.iter().map(|t| (t.kind, t.text.as_str())).collect()
    }

    #[test]
    fn keys_strings_and_punctuation_are_told_apart() {
        let lines = highlight_json("{\n  \"mention\": [\n    \"carol\", 1, true\n  ]\n}");
        assert_eq!(lines.len(), 5);
        assert_eq!(
            kinds(&lines[1]),
            vec![
                (TokenKind::Plain, "  "),
                (TokenKind::Key, "\"mention\""),
                (TokenKind::Punct, ":"),
                (TokenKind::Plain, " "),
                (TokenKind::Punct, "["),
            ]
        );
        assert_eq!(
            lines[2][1],
            Token {
                kind: TokenKind::Str,
                text: "\"carol\"".into()
            }
        );
        assert!(
            lines[2]
                .iter()
                .any(|t| t.kind == TokenKind::Number && t.text == "1")
        );
        assert!(
            lines[2]
                .iter()
                .any(|t| t.kind == TokenKind::Literal && t.text == "true")
        );
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string_and_bidi_is_made_visible() {
        let lines = highlight_json("[\"a\\\"b\", \"x\u{202e}y\"]");
        assert!(
            lines[0]
                .iter()
                .any(|t| t.kind == TokenKind::Str && t.text == r#""a\"b""#)
        );
        assert!(lines[0].iter().all(|t| !t.text.contains('\u{202e}')));
    }

    proptest! {
        #[test]
        fn any_text_tokenises_without_panicking_or_leaking_controls(text in any::<String>()) {
            for line in highlight_json(&text).iter().chain(plain_lines(&text).iter()) {
                for token in line {
                    prop_assert!(!token.text.chars().any(crate::sanitize::is_unsafe));
                }
            }
        }
    }
}
