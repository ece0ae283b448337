//! Channel series: many small channels that one member belongs to, so that
//! a member of hundreds of channels costs a few lines of the dataset.
//!
//! Channel number `n` (1-based) has the ID `id_prefix` + `n` zero-padded to
//! `digits` and the name `name_prefix` + the same digits. Its one member is
//! `member`, whose preferences on it follow generate.rs's mix by `n % 20`
//! (65% ALL, 15% NONE, 15% FILTERED with `filter_rule`, 5% never set); every
//! `hidden_every`-th membership is HIDDEN.

use serde::Deserialize;

use super::generate::mixed_preferences;
use super::model::{Member, Mode, Privacy, valid_member_id, valid_name};

/// Most channels one series may have.
pub(super) const MAX_SERIES: usize = 5_000;

/// One `"channel_series"` entry of the dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SeriesSpec {
    id_prefix: String,
    count: usize,
    #[serde(default = "default_digits")]
    digits: usize,
    #[serde(default)]
    name_prefix: Option<String>,
    member: SeriesMember,
    #[serde(default)]
    hidden_every: Option<usize>,
    #[serde(default = "default_rule")]
    filter_rule: String,
    #[serde(default)]
    pub(super) mode: Mode,
    #[serde(default)]
    pub(super) privacy: Privacy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesMember {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

fn default_digits() -> usize {
    3
}

fn default_rule() -> String {
    r#"{"mention":["everyone"]}"#.to_string()
}

/// One channel of a series.
pub(super) struct SeriesChannel {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) member: Member,
}

impl SeriesSpec {
    /// Checks the spec; the error is `(field, message)`.
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        if !(1..=MAX_SERIES).contains(&self.count) {
            return Err(("count", format!("must be between 1 and {MAX_SERIES}")));
        }
        if !(1..=9).contains(&self.digits) || self.count >= 10usize.pow(self.digits as u32) {
            return Err(("digits", format!("too few digits for {}", self.count)));
        }
        let sample = format!("{}{}", self.id_prefix, "1".repeat(self.digits));
        if !valid_name(&sample, 64, true) {
            return Err((
                "id_prefix",
                "channel IDs must be 1 to 64 letters, digits or -_.".into(),
            ));
        }
        if !valid_member_id(&self.member.id) {
            return Err(("member.id", "expected \"user/ID\" or \"bot/ID\"".into()));
        }
        if self.hidden_every == Some(0) {
            return Err(("hidden_every", "must be at least 1".into()));
        }
        Ok(())
    }

    /// The series' channels, in order.
    pub(super) fn channels(&self) -> impl Iterator<Item = SeriesChannel> + '_ {
        (1..=self.count).map(move |n| {
            let digits = format!("{n:0width$}", width = self.digits);
            let mut member = Member::plain(self.member.id.clone(), self.member.name.clone());
            (member.allow, member.filter_rule) = mixed_preferences(n, &self.filter_rule);
            member.hidden = self.hidden_every.is_some_and(|every| n % every == 0);
            SeriesChannel {
                id: format!("{}{digits}", self.id_prefix),
                name: match &self.name_prefix {
                    Some(prefix) => format!("{prefix}{digits}"),
                    None => format!("{}{digits}", self.id_prefix),
                },
                member,
            }
        })
    }
}
