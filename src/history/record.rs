//! One line of the history file: one finished lookup, as a JSON object.
//!
//! ```json
//! {"Format":"chime-prefs-history/1","Time":"2025-05-01T14:03:09Z",
//!  "ChannelArn":"arn:...","MemberArn":"arn:...","State":"FILTERED",
//!  "RequestId":"..."}
//! ```
//!
//! `BearerArn` only when the bearer is not the member; `Error` instead of
//! `State` when the lookup failed; `MemberName` and `FilterRule` only with
//! `[ui] history_details = true`. Keys a later version adds are ignored.
//!
//! A line is read as hostile: its ARNs must parse as ARNs (so nothing but
//! printable ASCII reaches the form), every other text is cut to a length
//! and shown only through `crate::sanitize`, and a line too long, not JSON,
//! or missing a key is skipped and counted, never an error.

use std::time::SystemTime;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::arn::{self, Field};
use crate::report::subject::{format_time, parse_time};

/// The `Format` of every line this version writes.
pub const FORMAT: &str = "chime-prefs-history/1";
/// What every version's `Format` starts with: a line of another version is
/// kept (and not counted as corrupt), but not read.
const FORMAT_FAMILY: &str = "chime-prefs-history/";

/// A longer line is skipped unread.
pub const MAX_LINE_BYTES: usize = 16 * 1024;
/// The longest texts kept from a line; longer ones are cut with `…`.
const MAX_STATE_CHARS: usize = 64;
const MAX_REQUEST_ID_CHARS: usize = 128;
const MAX_NAME_CHARS: usize = 256;
const MAX_RULE_CHARS: usize = 4096;

/// How a lookup ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The preferences were read: `ALL`, `NONE`, `FILTERED`, `NOT SET`, or
    /// an unknown value as the service sent it.
    State(String),
    /// The call failed: the HTTP status and the error code, `403 Forbidden`.
    Error(String),
}

impl Outcome {
    pub fn text(&self) -> &str {
        match self {
            Outcome::State(text) | Outcome::Error(text) => text,
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::State(_))
    }
}

/// One finished lookup. Never holds a credential or a token: nothing here
/// comes from the credential chain, and the response carries none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// When it was read. `None` until written: a failure carries no time of
    /// its own, and the writer stamps it.
    pub time: Option<SystemTime>,
    pub channel_arn: String,
    pub member_arn: String,
    /// Only when it is not the member.
    pub bearer_arn: Option<String>,
    pub outcome: Outcome,
    pub request_id: Option<String>,
    /// With `history_details` only.
    pub member_name: Option<String>,
    /// With `history_details` only: the FilterRule as the service sent it.
    pub filter_rule: Option<String>,
}

/// Why a line was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// Written by another version (its `Format`): kept, not read.
    OtherFormat,
    /// Not a line this or any version wrote: skipped, and dropped when the
    /// file is next compacted.
    Corrupt(&'static str),
}

/// The keys as they are read; unknown keys are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Wire {
    format: Option<String>,
    time: Option<String>,
    channel_arn: Option<String>,
    member_arn: Option<String>,
    bearer_arn: Option<String>,
    state: Option<String>,
    error: Option<String>,
    request_id: Option<String>,
    member_name: Option<String>,
    filter_rule: Option<String>,
}

/// `text` cut to `max` characters, the last of them `…`.
fn cap(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

impl Record {
    /// The lookup's target: channel, member, and who called (the member
    /// when no bearer is given). Two records of one target are one entry.
    pub fn target_key(&self) -> (&str, &str, &str) {
        (
            &self.channel_arn,
            &self.member_arn,
            self.bearer_arn.as_deref().unwrap_or(&self.member_arn),
        )
    }

    /// The record without the member's name and rule text.
    pub fn without_details(mut self) -> Record {
        self.member_name = None;
        self.filter_rule = None;
        self
    }

    /// The line to write, without its newline: the name and the rule only
    /// when `details`. `time` stands in for a record not stamped yet.
    pub fn to_line(&self, details: bool, time: SystemTime) -> String {
        let mut map = Map::new();
        let mut put = |key: &str, value: &str| {
            map.insert(key.to_string(), Value::String(value.to_string()));
        };
        put("Format", FORMAT);
        put("Time", &format_time(self.time.unwrap_or(time)));
        put("ChannelArn", &self.channel_arn);
        put("MemberArn", &self.member_arn);
        if let Some(bearer) = &self.bearer_arn {
            put("BearerArn", bearer);
        }
        match &self.outcome {
            Outcome::State(state) => put("State", state),
            Outcome::Error(error) => put("Error", error),
        }
        if let Some(id) = &self.request_id {
            put("RequestId", id);
        }
        if details {
            if let Some(name) = &self.member_name {
                put("MemberName", name);
            }
            if let Some(rule) = &self.filter_rule {
                put("FilterRule", rule);
            }
        }
        // A map of strings always serialises; JSON escapes every control
        // character, so the line holds no newline of its own.
        serde_json::to_string(&Value::Object(map)).unwrap_or_default()
    }

    /// Read one line (without its newline).
    pub fn parse_line(line: &str) -> Result<Record, LineProblem> {
        if line.len() > MAX_LINE_BYTES {
            return Err(LineProblem::Corrupt("longer than a line can be"));
        }
        let wire: Wire =
            serde_json::from_str(line).map_err(|_| LineProblem::Corrupt("not a JSON object"))?;
        match wire.format.as_deref() {
            Some(FORMAT) => {}
            Some(other) if other.starts_with(FORMAT_FAMILY) => {
                return Err(LineProblem::OtherFormat);
            }
            _ => return Err(LineProblem::Corrupt("no Format this tool writes")),
        }
        let time = wire
            .time
            .as_deref()
            .and_then(parse_time)
            .ok_or(LineProblem::Corrupt("no Time, or not RFC 3339"))?;
        let channel_arn = wire
            .channel_arn
            .filter(|a| arn::parse_channel(a).is_ok_and(|c| c.raw == *a))
            .ok_or(LineProblem::Corrupt("no ChannelArn, or not a channel ARN"))?;
        let member = |text: Option<String>, field| {
            text.filter(|a| arn::parse_member(a, field).is_ok_and(|m| m.raw == *a))
        };
        let member_arn = member(wire.member_arn, Field::Member)
            .ok_or(LineProblem::Corrupt("no MemberArn, or not a member ARN"))?;
        let bearer_arn = match wire.bearer_arn {
            None => None,
            Some(text) => Some(
                member(Some(text), Field::Bearer)
                    .ok_or(LineProblem::Corrupt("BearerArn is not a member ARN"))?,
            ),
        }
        .filter(|b| *b != member_arn);
        let outcome = match (non_empty(wire.state), non_empty(wire.error)) {
            (Some(state), None) => Outcome::State(cap(state, MAX_STATE_CHARS)),
            (None, Some(error)) => Outcome::Error(cap(error, MAX_STATE_CHARS)),
            _ => return Err(LineProblem::Corrupt("not one of State and Error")),
        };
        Ok(Record {
            time: Some(time),
            channel_arn,
            member_arn,
            bearer_arn,
            outcome,
            request_id: non_empty(wire.request_id).map(|t| cap(t, MAX_REQUEST_ID_CHARS)),
            member_name: non_empty(wire.member_name).map(|t| cap(t, MAX_NAME_CHARS)),
            filter_rule: non_empty(wire.filter_rule).map(|t| cap(t, MAX_RULE_CHARS)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const CAROL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/carol";
    const ADMIN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/admin";

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn carol() -> Record {
        Record {
            time: Some(at(1_746_108_189)),
            channel_arn: CH.into(),
            member_arn: CAROL.into(),
            bearer_arn: Some(ADMIN.into()),
            outcome: Outcome::State("FILTERED".into()),
            request_id: Some("req-1".into()),
            member_name: Some("Carol Chen".into()),
            filter_rule: Some("{\"mention\":[\"carol\"]}".into()),
        }
    }

    #[test]
    fn a_line_reads_back_as_written() {
        let line = carol().to_line(true, at(0));
        assert_eq!(
            line,
            format!(
                "{{\"Format\":\"chime-prefs-history/1\",\"Time\":\"2025-05-01T14:03:09Z\",\
                 \"ChannelArn\":\"{CH}\",\"MemberArn\":\"{CAROL}\",\"BearerArn\":\"{ADMIN}\",\
                 \"State\":\"FILTERED\",\"RequestId\":\"req-1\",\"MemberName\":\"Carol Chen\",\
                 \"FilterRule\":\"{{\\\"mention\\\":[\\\"carol\\\"]}}\"}}"
            )
        );
        assert_eq!(Record::parse_line(&line), Ok(carol()));
    }

    #[test]
    fn without_details_no_name_or_rule_is_written() {
        let line = carol().to_line(false, at(0));
        assert!(
            !line.contains("Carol Chen") && !line.contains("mention"),
            "{line}"
        );
        assert_eq!(Record::parse_line(&line), Ok(carol().without_details()));
    }

    #[test]
    fn an_unstamped_record_takes_the_writers_time_and_a_failure_its_error() {
        let record = Record {
            time: None,
            bearer_arn: None,
            outcome: Outcome::Error("403 Forbidden".into()),
            request_id: None,
            ..carol().without_details()
        };
        let line = record.to_line(true, at(86_400));
        assert!(line.contains("\"Time\":\"1970-01-02T00:00:00Z\""), "{line}");
        assert!(line.contains("\"Error\":\"403 Forbidden\"") && !line.contains("State"));
        let back = Record::parse_line(&line).expect("reads");
        assert_eq!(back.outcome, Outcome::Error("403 Forbidden".into()));
        assert!(!back.outcome.is_ok());
        assert_eq!(back.target_key(), (CH, CAROL, CAROL));
    }

    #[test]
    fn keys_from_a_later_version_are_ignored_and_another_format_is_kept_apart() {
        let line = carol()
            .to_line(false, at(0))
            .replacen('{', "{\"Tag\":\"new\",", 1);
        assert!(Record::parse_line(&line).is_ok(), "{line}");
        let other = line.replace(FORMAT, "chime-prefs-history/2");
        assert_eq!(Record::parse_line(&other), Err(LineProblem::OtherFormat));
    }

    #[test]
    fn corrupt_lines_are_named_not_read() {
        let good = carol().to_line(false, at(0));
        let cases = [
            String::new(),
            "not json".into(),
            "[1,2]".into(),
            good[..good.len() / 2].to_string(),
            good.replace(FORMAT, "something-else/1"),
            good.replace("2025-05-01T14:03:09Z", "yesterday"),
            good.replace("channel/support", "user/support"),
            good.replace(CAROL, "carol"),
            good.replace("\"State\":\"FILTERED\"", "\"State\":\"\""),
            good.replace(
                "\"State\":\"FILTERED\"",
                "\"State\":\"ALL\",\"Error\":\"500\"",
            ),
            good.replace("\"State\":\"FILTERED\"", "\"State\":7"),
            format!("{}{}", good, " ".repeat(MAX_LINE_BYTES)),
        ];
        for line in cases {
            assert!(
                matches!(Record::parse_line(&line), Err(LineProblem::Corrupt(_))),
                "{line:.80}"
            );
        }
    }

    #[test]
    fn hostile_text_is_kept_short_and_arns_must_be_arns() {
        let esc = carol().to_line(true, at(0)).replace(
            "Carol Chen",
            &format!("\\u001b]0;pwned\\u0007\\u202e{}", "x".repeat(10_000)),
        );
        let back = Record::parse_line(&esc).expect("a hostile name is only text");
        let name = back.member_name.expect("name");
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.starts_with('\u{1b}') && name.ends_with('…'));
        // Shown only through sanitize: nothing acts on the terminal.
        assert!(!crate::sanitize::line(&name).contains('\u{1b}'));
        let arn_with_esc = carol()
            .to_line(false, at(0))
            .replace("user/carol", "user/carol\\u001b[2J");
        assert!(matches!(
            Record::parse_line(&arn_with_esc),
            Err(LineProblem::Corrupt(_))
        ));
        let long_state = carol()
            .to_line(false, at(0))
            .replace("FILTERED", &"F".repeat(500));
        let back = Record::parse_line(&long_state).expect("reads");
        assert_eq!(back.outcome.text().chars().count(), MAX_STATE_CHARS);
    }

    #[test]
    fn a_bearer_that_is_the_member_is_no_bearer() {
        let line = carol().to_line(false, at(0)).replace(ADMIN, CAROL);
        assert_eq!(Record::parse_line(&line).map(|r| r.bearer_arn), Ok(None));
    }
}
