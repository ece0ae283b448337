//! Query strings, opaque next-tokens and cutting lists into pages, for
//! every listing operation.
//!
//! A token is base64url (no padding) of `{"c": WHOSE, "t": WHICH, "o":
//! POSITION}`: `c` names what is listed (a channel or user ID), `t` which
//! list (`DEFAULT`, `HIDDEN`, `CHANNELS`, `ENDPOINTS`). A token is only
//! valid for the same list.

use std::ops::Range;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use super::dataset::Roster;
use super::model::Member;
use super::wire::{ApiError, shown};

pub(super) const DEFAULT_MAX_RESULTS: usize = 50;
const MAX_RESULTS: usize = 50;
const MAX_TOKEN_LEN: usize = 2048;

/// A request's decoded query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Decodes every `key=value` pair; any malformed escape is a 400.
    pub(super) fn parse(query: Option<&str>) -> Result<Self, ApiError> {
        let mut pairs = Vec::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.push((decode_query_value(key)?, decode_query_value(value)?));
        }
        Ok(Query { pairs })
    }

    /// The value of `key` (the last one when repeated).
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `max-results`: 1 to 50, 50 when absent.
    pub(super) fn max_results(&self) -> Result<usize, ApiError> {
        let Some(value) = self.get("max-results") else {
            return Ok(DEFAULT_MAX_RESULTS);
        };
        value
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_RESULTS).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "1 validation error detected: Value '{}' at 'maxResults' failed \
                     to satisfy constraint: Member must have value between 1 and {MAX_RESULTS}",
                    shown(value)
                ))
            })
    }

    pub(super) fn next_token(&self) -> Option<&str> {
        self.get("next-token")
    }
}

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
        let query = Query::parse(query)?;
        let hidden = match query.get("type") {
            None | Some("DEFAULT") => false,
            Some("HIDDEN") => true,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "1 validation error detected: Value '{}' at 'type' failed to \
                     satisfy constraint: Member must satisfy enum value set: [DEFAULT, HIDDEN]",
                    shown(other)
                )));
            }
        };
        Ok(ListQuery {
            max_results: query.max_results()?,
            next_token: query.next_token().map(str::to_string),
            hidden,
        })
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

/// The list a token belongs to: whose (`c`) and which (`t`).
#[derive(Debug, Clone, Copy)]
pub(super) struct ListId<'a> {
    pub(super) whose: &'a str,
    pub(super) which: &'a str,
}

impl<'a> ListId<'a> {
    /// A channel's DEFAULT or HIDDEN members.
    pub(super) fn members(channel_id: &'a str, hidden: bool) -> Self {
        ListId {
            whose: channel_id,
            which: if hidden { "HIDDEN" } else { "DEFAULT" },
        }
    }
}

/// The token that resumes `list` at position `position`.
pub(super) fn encode_token(list: ListId<'_>, position: usize) -> String {
    let token = Token {
        c: list.whose.to_string(),
        t: list.which.to_string(),
        o: position,
    };
    let json = serde_json::to_vec(&token).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// The position a token resumes `list` at (at most `len`); `Err` for a
/// token that was not issued for this list (or not by this server at all).
pub(super) fn decode_token(text: &str, list: ListId<'_>, len: usize) -> Result<usize, ApiError> {
    let invalid = || ApiError::bad_request("The NextToken is invalid or expired.");
    if text.len() > MAX_TOKEN_LEN {
        return Err(invalid());
    }
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let token: Token = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if token.c != list.whose || token.t != list.which || token.o > len {
        return Err(invalid());
    }
    Ok(token.o)
}

/// Where a page of a plain list starts and ends, and the next token's
/// position when there is more: `start` from the request's token.
pub(super) fn window(
    len: usize,
    token: Option<&str>,
    list: ListId<'_>,
    max: usize,
) -> Result<(Range<usize>, Option<String>), ApiError> {
    let start = match token {
        Some(token) => decode_token(token, list, len)?,
        None => 0,
    };
    let end = len.min(start.saturating_add(max));
    let next = (end < len).then(|| encode_token(list, end));
    Ok((start..end, next))
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
        // A ban ends the membership: the member is no longer listed.
        if member.hidden != hidden || member.banned.is_some() {
            continue;
        }
        if members.len() == max {
            return (members, Some(position));
        }
        members.push(member.into_owned());
    }
    (members, None)
}
