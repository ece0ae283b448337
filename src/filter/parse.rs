//! The strict rule parser (first structural error wins) and the decoding of
//! double-encoded rules, shared with `lint`.

use super::Severity;
use super::json_tree::{Json, SyntaxError, excerpt, parse_json};
use super::rule::Rule;
use super::structure::analyze;
use std::fmt;

/// Why [`parse`] rejected a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON; line and column are 1-based, as serde_json reports them.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a valid rule; `path` points at the offending part.
    Structure { path: String, message: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Syntax {
                line,
                column,
                message,
            } => write!(f, "invalid JSON at line {line}, column {column}: {message}"),
            ParseError::Structure { path, message } => write!(f, "at {path}: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

impl From<SyntaxError> for ParseError {
    fn from(e: SyntaxError) -> Self {
        ParseError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

/// Parses a rule, checking its structure only: the size, complexity and
/// `$or`-count limits are [`lint`](super::lint)'s business, so a rule over a
/// limit still parses and can be evaluated. A double-encoded rule is an error
/// here; `lint` and `check` decode it and carry on.
pub fn parse(text: &str) -> Result<Rule, ParseError> {
    let tree = parse_json(text)?;
    let decoded = decode_layers(tree);
    if decoded.layers > 0 {
        return Err(ParseError::Structure {
            path: "$".to_string(),
            message: double_encoded_message(&decoded),
        });
    }
    let analysis = analyze(&decoded.tree);
    match analysis.rule {
        Some(rule) => Ok(rule),
        None => {
            let first = analysis
                .findings
                .into_iter()
                .find(|f| f.severity == Severity::Error);
            Err(match first {
                Some(f) => ParseError::Structure {
                    path: f.path,
                    message: f.message,
                },
                // Unreachable by construction (no rule implies an error), but
                // a generic error beats a panic.
                None => ParseError::Structure {
                    path: "$".to_string(),
                    message: "not a valid filter rule".to_string(),
                },
            })
        }
    }
}

/// A tree with any JSON-string wrapping peeled off.
pub(crate) struct Decoded {
    pub tree: Json,
    /// How many times the rule was wrapped in a JSON string.
    pub layers: usize,
    /// The innermost decoded text, when `layers > 0`.
    pub text: String,
}

/// Peels JSON strings whose content is itself JSON (a rule serialized twice
/// or more). Bounded, because each layer is shorter than the last anyway.
pub(crate) fn decode_layers(mut tree: Json) -> Decoded {
    let mut layers = 0;
    let mut text = String::new();
    while layers < 8 {
        let Json::String(inner) = &tree else { break };
        let Ok(next) = parse_json(inner) else { break };
        text = inner.clone();
        tree = next;
        layers += 1;
    }
    Decoded { tree, layers, text }
}

pub(crate) fn double_encoded_message(decoded: &Decoded) -> String {
    let times = match decoded.layers {
        1 => "twice".to_string(),
        n => format!("{} times", n + 1),
    };
    format!(
        "the rule is a JSON string whose content is itself JSON: it was serialized {times}. \
         FilterRule must hold the JSON object's text itself. Decoded rule: {}",
        excerpt(&decoded.text, 300)
    )
}
