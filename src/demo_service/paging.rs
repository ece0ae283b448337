//! ListChannelMemberships paging: the query string, opaque next-tokens and
//! cutting a roster into pages.
//!
//! A token is base64url (no padding) of `{"c": CHANNEL_ID, "t": "DEFAULT"|"HIDDEN",
//! "o": POSITION}`; it is only valid for the same channel and type.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use super::dataset::{Member, Roster};
use super::wire::{ApiError, shown};

pub(super) const DEFAULT_MAX_RESULTS: usize = 50;
const MAX_RESULTS: usize = 50;
const MAX_TOKEN_LEN: usize = 2048;

/// The parsed query of a ListChannelMemberships request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListQuery {
    pub(super) max_results: usize,
    pub(super) next_token: Option<String>,
    pub(super) hidden: bool,
}

impl ListQuery {
    /// Parses `max-results`, `next-token` and `type`; other keys are ignored.
    pub(super) fn parse(query: Option<&str>) -> Result<Self, ApiError> {
        let mut parsed = ListQuery {
            max_results: DEFAULT_MAX_RESULTS,
            next_token: None,
            hidden: false,
        };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_query_value(value)?;
            match key {
                "max-results" => {
                    parsed.max_results = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=MAX_RESULTS).contains(n))
                        .ok_or_else(|| {
                            ApiError::bad_request(format!(
                                "1 validation error detected: Value '{}' at 'maxResults' failed \
                                 to satisfy constraint: Member must have value between 1 and {MAX_RESULTS}",
                                shown(&value)
                            ))
                        })?;
                }
                "next-token" => parsed.next_token = Some(value),
                "type" => {
                    parsed.hidden = match value.as_str() {
                        "DEFAULT" => false,
                        "HIDDEN" => true,
                        _ => {
                            return Err(ApiError::bad_request(format!(
                                "1 validation error detected: Value '{}' at 'type' failed to \
                                 satisfy constraint: Member must satisfy enum value set: [DEFAULT, HIDDEN]",
                                shown(&value)
                            )));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(parsed)
    }
}

fn decode_query_value(raw: &str) -> Result<String, ApiError> {
    let raw = raw.replace('+', " ");
    check_percent_escapes(&raw)
        .then(|| percent_decode_str(&raw).decode_utf8().ok())
        .flatten()
        .map(|value| value.into_owned())
        .ok_or_else(|| {
            ApiError::bad_request("The query string is not valid percent-encoded UTF-8.")
        })
}

/// Whether every `%` starts a two-hex-digit escape.
pub(super) fn check_percent_escapes(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escape = bytes.get(i + 1..i + 3);
            if !escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Token {
    c: String,
    t: String,
    o: usize,
}

fn kind(hidden: bool) -> &'static str {
    if hidden { "HIDDEN" } else { "DEFAULT" }
}

/// The token that resumes listing `channel_id` at roster position `position`.
pub(super) fn encode_token(channel_id: &str, hidden: bool, position: usize) -> String {
    let token = Token {
        c: channel_id.to_string(),
        t: kind(hidden).to_string(),
        o: position,
    };
    let json = serde_json::to_vec(&token).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// The roster position a token resumes at; `Err` for a token that was not
/// issued for this channel and type (or not by this server at all).
pub(super) fn decode_token(
    text: &str,
    channel_id: &str,
    hidden: bool,
    roster_len: usize,
) -> Result<usize, ApiError> {
    let invalid = || ApiError::bad_request("The NextToken is invalid or expired.");
    if text.len() > MAX_TOKEN_LEN {
        return Err(invalid());
    }
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let token: Token = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if token.c != channel_id || token.t != kind(hidden) || token.o > roster_len {
        return Err(invalid());
    }
    Ok(token.o)
}

/// One page: up to `max` members of the wanted kind from roster position
/// `start` on, and the position of the next such member when there is one.
pub(super) fn page(
    roster: &Roster,
    hidden: bool,
    start: usize,
    max: usize,
) -> (Vec<Member>, Option<usize>) {
    let mut members = Vec::with_capacity(max.min(roster.len()));
    for position in start..roster.len() {
        let Some(member) = roster.get(position) else {
            break;
        };
        if member.hidden != hidden {
            continue;
        }
        if members.len() == max {
            return (members, Some(position));
        }
        members.push(member.into_owned());
    }
    (members, None)
}
