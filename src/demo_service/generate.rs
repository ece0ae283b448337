//! Generated rosters: a channel whose members are computed on demand from a
//! small spec, so a 10,000-member channel costs a few bytes of memory.
//!
//! Member number `n` (1-based) has the ID `prefix` + `n` zero-padded to
//! `digits`, the name `name_prefix` + the same digits, and by `n % 20`:
//! 0..=2 NONE, 3..=5 FILTERED with `filter_rule`, 6 never set, otherwise ALL
//! (65% ALL, 15% NONE, 15% FILTERED, 5% never set). Every `hidden_every`-th
//! member is HIDDEN.

use serde::Deserialize;

use super::model::{Member, valid_member_id};

/// Most members one generated channel may have.
pub(super) const MAX_GENERATED: usize = 100_000;

/// The `"generate"` object of a channel in the dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GenerateSpec {
    count: usize,
    prefix: String,
    #[serde(default = "default_digits")]
    digits: usize,
    #[serde(default)]
    name_prefix: Option<String>,
    #[serde(default)]
    hidden_every: Option<usize>,
    #[serde(default = "default_rule")]
    filter_rule: String,
}

fn default_digits() -> usize {
    5
}

fn default_rule() -> String {
    r#"{"mention":["everyone"]}"#.to_string()
}

impl GenerateSpec {
    /// Checks the spec; the error is `(field, message)`.
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.count > MAX_GENERATED {
            return Err(("count", format!("must be at most {MAX_GENERATED}")));
        }
        if !(1..=9).contains(&self.digits) {
            return Err(("digits", "must be between 1 and 9".into()));
        }
        if self.count >= 10usize.pow(self.digits as u32) {
            return Err(("digits", format!("too few digits for {}", self.count)));
        }
        let sample = format!("{}{}", self.prefix, "1".repeat(self.digits));
        if !valid_member_id(&sample) {
            return Err((
                "prefix",
                "must be \"user/\" or \"bot/\" followed by letters, digits or -_.@".into(),
            ));
        }
        if self.hidden_every == Some(0) {
            return Err(("hidden_every", "must be at least 1".into()));
        }
        Ok(())
    }

    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// The member at 0-based roster position `position`.
    pub(super) fn member(&self, position: usize) -> Option<Member> {
        if position >= self.count {
            return None;
        }
        let n = position + 1;
        let digits = format!("{n:0width$}", width = self.digits);
        let mut member = Member::plain(
            format!("{}{digits}", self.prefix),
            self.name_prefix.as_ref().map(|p| format!("{p}{digits}")),
        );
        (member.allow, member.filter_rule) = mixed_preferences(n, &self.filter_rule);
        member.hidden = self
            .hidden_every
            .is_some_and(|every| n.is_multiple_of(every));
        Some(member)
    }

    /// The 0-based roster position of the member with ID `id`.
    pub(super) fn position(&self, id: &str) -> Option<usize> {
        let digits = id.strip_prefix(self.prefix.as_str())?;
        if digits.len() != self.digits || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: usize = digits.parse().ok()?;
        (1..=self.count).contains(&n).then(|| n - 1)
    }
}

/// The preferences of generated number `n` (1-based), by `n % 20`: 0..=2
/// NONE, 3..=5 FILTERED with `rule`, 6 never set, otherwise ALL.
pub(super) fn mixed_preferences(n: usize, rule: &str) -> (Option<String>, Option<String>) {
    match n % 20 {
        0..=2 => (Some("NONE".into()), None),
        3..=5 => (Some("FILTERED".into()), Some(rule.to_string())),
        6 => (None, None),
        _ => (Some("ALL".into()), None),
    }
}
