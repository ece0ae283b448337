//! Message attributes: what a rule is matched against.

use super::json_tree::{Json, SyntaxError, excerpt, json_quote, parse_json};
use super::{MAX_ATTRIBUTE_NAME_CHARS, MAX_ATTRIBUTE_VALUE_CHARS, path};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt;

/// Message attributes in order: name -> values. Names are unique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    entries: Vec<(String, Vec<String>)>,
}

impl Attributes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name`'s values, replacing earlier ones in place. No length checks:
    /// [`parse_attributes`] does those for user input.
    pub fn insert(&mut self, name: impl Into<String>, values: Vec<String>) {
        let name = name.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => *existing = values,
            None => self.entries.push((name, values)),
        }
    }

    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v.as_slice()))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(n, _)| n.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The SendChannelMessage shape: `{"name": {"StringValues": ["v"]}}`.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        for (name, values) in &self.entries {
            let list = values.iter().cloned().map(Value::String).collect();
            let mut inner = Map::new();
            inner.insert("StringValues".to_string(), Value::Array(list));
            object.insert(name.clone(), Value::Object(inner));
        }
        Value::Object(object)
    }

    /// Bytes of the compact JSON of [`to_json`](Self::to_json). Chime's 1 KB
    /// limit does not say how it measures; this is our reading of it.
    pub fn size_bytes(&self) -> usize {
        self.to_json().to_string().len()
    }
}

impl<N: Into<String>> FromIterator<(N, Vec<String>)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (N, Vec<String>)>>(iter: I) -> Self {
        let mut attrs = Attributes::new();
        for (name, values) in iter {
            attrs.insert(name, values);
        }
        attrs
    }
}

/// Why [`parse_attributes`] rejected its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributesError {
    /// Not JSON; line and column are 1-based.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not message attributes; `path` points at the offending part.
    Structure { path: String, message: String },
}

impl fmt::Display for AttributesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributesError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "message attributes are not valid JSON at line {line}, column {column}: {message}"
            ),
            AttributesError::Structure { path, message } => {
                write!(f, "message attributes at {path}: {message}")
            }
        }
    }
}

impl std::error::Error for AttributesError {}

impl From<SyntaxError> for AttributesError {
    fn from(e: SyntaxError) -> Self {
        AttributesError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

fn structure(path: &str, message: String) -> AttributesError {
    AttributesError::Structure {
        path: path.to_string(),
        message,
    }
}

/// Parses message attributes. Each name may use any of three shapes:
/// `{"name": {"StringValues": ["v1", "v2"]}}` (SendChannelMessage),
/// `{"name": ["v1", "v2"]}` and `{"name": "v"}`. Names must be 1 to 64
/// characters, values 1 to 512, and each name needs at least one value.
pub fn parse_attributes(text: &str) -> Result<Attributes, AttributesError> {
    let Json::Object(members) = parse_json(text)? else {
        return Err(structure(
            "$",
            "message attributes must be a JSON object such as \
             {\"mention\": {\"StringValues\": [\"Bob\"]}}"
                .to_string(),
        ));
    };
    // A set, not `Attributes::get`, keeps hostile inputs with many names linear.
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(members.len());
    for (name, value) in &members {
        let at = path::member("$", name);
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_ATTRIBUTE_NAME_CHARS {
            return Err(structure(
                &at,
                format!(
                    "attribute name {} is {chars} characters; names must be 1 to \
                     {MAX_ATTRIBUTE_NAME_CHARS}",
                    excerpt(&json_quote(name), 80)
                ),
            ));
        }
        if !seen.insert(name.as_str()) {
            return Err(structure(
                &at,
                format!("attribute {} appears more than once", json_quote(name)),
            ));
        }
        entries.push((name.clone(), values(&at, value)?));
    }
    Ok(Attributes { entries })
}

fn values(at: &str, value: &Json) -> Result<Vec<String>, AttributesError> {
    match value {
        Json::String(s) => Ok(vec![checked_value(at, s)?]),
        Json::Array(items) => string_list(at, items),
        Json::Object(members) => {
            let mut list = None;
            for (field, inner) in members {
                let field_at = path::member(at, field);
                if field != "StringValues" {
                    return Err(structure(
                        &field_at,
                        format!(
                            "unknown field {}: expected {{\"StringValues\": [\"...\"]}}",
                            json_quote(field)
                        ),
                    ));
                }
                let Json::Array(items) = inner else {
                    return Err(structure(
                        &field_at,
                        format!(
                            "StringValues must be a list of strings, got {}",
                            inner.kind()
                        ),
                    ));
                };
                list = Some(string_list(&field_at, items)?);
            }
            list.ok_or_else(|| {
                structure(
                    at,
                    "expected {\"StringValues\": [\"...\"]}, got an empty object".to_string(),
                )
            })
        }
        other => Err(structure(
            at,
            format!(
                "an attribute's value must be a string, a list of strings or \
                 {{\"StringValues\": [...]}}, got {}",
                other.kind()
            ),
        )),
    }
}

fn string_list(at: &str, items: &[Json]) -> Result<Vec<String>, AttributesError> {
    if items.is_empty() {
        return Err(structure(
            at,
            "an attribute needs at least one value".to_string(),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item_at = path::index(at, i);
            match item {
                Json::String(s) => checked_value(&item_at, s),
                other => Err(structure(
                    &item_at,
                    format!(
                        "attribute values must be strings, got {} ({})",
                        excerpt(&other.compact(), 60),
                        other.kind()
                    ),
                )),
            }
        })
        .collect()
}

fn checked_value(at: &str, s: &str) -> Result<String, AttributesError> {
    let chars = s.chars().count();
    if chars == 0 || chars > MAX_ATTRIBUTE_VALUE_CHARS {
        return Err(structure(
            at,
            format!(
                "value is {chars} characters; attribute values must be 1 to \
                 {MAX_ATTRIBUTE_VALUE_CHARS}"
            ),
        ));
    }
    Ok(s.to_string())
}
