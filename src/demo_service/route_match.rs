//! Matching a request to the route table (route_table.rs): the operation
//! and its path labels. Each ARN is ONE path segment (`:` → `%3A`, `/` →
//! `%2F`), so the path is split on `/` before any percent-decoding.

use percent_encoding::percent_decode_str;

use super::paging::check_percent_escapes;
use super::route_table::{ROUTES, RouteSpec};
use super::wire::ApiError;
use crate::operation::Operation;

/// A request matched to its operation, with the path labels still
/// percent-encoded.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Matched<'a> {
    pub(super) operation: Operation,
    labels: Vec<(&'static str, &'a str)>,
}

impl Matched<'_> {
    /// The decoded path label `name` (as the route table spells it, e.g.
    /// `channelArn`).
    pub(super) fn label(&self, name: &str) -> Result<String, ApiError> {
        let raw = self
            .labels
            .iter()
            .find(|(label, _)| *label == name)
            .map_or("", |(_, value)| *value);
        decode_segment(raw, &field_name(name))
    }
}

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Routed<'a> {
    Found(Matched<'a>),
    /// A served path, but not with this method.
    WrongMethod(Operation),
    Unknown,
}

impl Routed<'_> {
    pub(super) fn operation_name(&self) -> &'static str {
        match self {
            Routed::Found(matched) => matched.operation.api_name(),
            Routed::WrongMethod(operation) => operation.api_name(),
            Routed::Unknown => "unknown",
        }
    }
}

/// Finds the route for `method`, the raw `path` and the raw `query`.
pub(super) fn route<'a>(method: &str, path: &'a str, query: Option<&str>) -> Routed<'a> {
    let segments: Vec<&'a str> = path.split('/').collect();
    let discriminated = ROUTES.iter().filter(|r| r.discriminator().is_some());
    let plain = ROUTES.iter().filter(|r| r.discriminator().is_none());
    for spec in discriminated.chain(plain) {
        let Some(labels) = match_path(spec, &segments) else {
            continue;
        };
        if let Some((key, value)) = spec.discriminator()
            && !query_has(query, key, value)
        {
            continue;
        }
        if method != spec.method {
            return Routed::WrongMethod(spec.operation);
        }
        return Routed::Found(Matched {
            operation: spec.operation,
            labels,
        });
    }
    Routed::Unknown
}

fn match_path<'a>(spec: &RouteSpec, segments: &[&'a str]) -> Option<Vec<(&'static str, &'a str)>> {
    let parts: Vec<&'static str> = spec.path().split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut labels = Vec::new();
    for (i, (part, segment)) in parts.iter().zip(segments).enumerate() {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            // A trailing '/' names no resource; an empty label elsewhere is
            // a bad request, reported when the label is decoded.
            Some(_) if segment.is_empty() && i + 1 == parts.len() => return None,
            Some(name) => labels.push((name, *segment)),
            None if part == segment => {}
            None => return None,
        }
    }
    Some(labels)
}

fn query_has(query: Option<&str>, key: &str, value: &str) -> bool {
    let decoded = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    query
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .any(|(k, v)| decoded(k) == key && decoded(v) == value)
}

/// `channelArn` → `ChannelArn`, as error messages name fields.
fn field_name(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Percent-decodes one path segment into an ARN or ID; strict about
/// malformed escapes and UTF-8, since a real one never needs either.
pub(super) fn decode_segment(raw: &str, what: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "{what} in the path is not valid percent-encoded UTF-8."
        ))
    };
    if !check_percent_escapes(raw) {
        return Err(bad());
    }
    let decoded = percent_decode_str(raw).decode_utf8().map_err(|_| bad())?;
    if decoded.is_empty() {
        return Err(ApiError::bad_request(format!("{what} must not be empty.")));
    }
    Ok(decoded.into_owned())
}
