//! Demo targets: the members of the demo's support channel worth looking up,
//! each with a one-line note saying what to expect.

use super::dataset::{Dataset, Roster};
use super::model::Member;

/// A member of the demo's support channel worth looking up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTarget {
    /// A short label: the member's ID without `user/` or `bot/` (e.g. `alice`).
    pub name: String,
    pub channel_arn: String,
    pub member_arn: String,
    /// The bearer to use; `None` means the member's own ARN (the owner rule).
    pub bearer_arn: Option<String>,
    /// One line saying what to expect, e.g. `ALL`, `403: banned`, `429 always`.
    pub note: String,
}

/// One target per interesting member of the `support` channel (or of the first
/// channel with listed members), in dataset order; members marked
/// `"demo": false` (such as the 120-second `slow` one) are left out.
pub fn demo_targets(data: &Dataset) -> Vec<DemoTarget> {
    let channels = data.channels();
    let channel = channels.iter().find(|c| c.id == "support").or_else(|| {
        channels
            .iter()
            .find(|c| matches!(c.roster, Roster::Listed { .. }))
    });
    let Some(channel) = channel else {
        return Vec::new();
    };
    let Roster::Listed { members, .. } = &channel.roster else {
        return Vec::new();
    };
    members
        .iter()
        .filter(|m| m.demo)
        .map(|m| DemoTarget {
            name: m
                .id
                .split_once('/')
                .map_or(m.id.as_str(), |(_, id)| id)
                .to_string(),
            channel_arn: channel.arn.clone(),
            member_arn: data.member_arn(&m.id),
            bearer_arn: None,
            note: one_line(&m.note.clone().unwrap_or_else(|| default_note(m))),
        })
        .collect()
}

fn default_note(member: &Member) -> String {
    let mut note = match (member.fault, &member.allow) {
        _ if member.banned.is_some() => "403: banned".to_string(),
        (Some(fault), _) => fault.note().to_string(),
        (None, None) => "never set".to_string(),
        (None, Some(allow)) if allow == "FILTERED" && member.filter_rule.is_none() => {
            "FILTERED with no rule".to_string()
        }
        (None, Some(allow)) => allow.clone(),
    };
    if member.hidden {
        note.push_str(" (hidden)");
    }
    note
}

/// Makes dataset text safe for one terminal line: every character the
/// terminal must never get raw (`crate::sanitize`) becomes `?`, and the text
/// is cut at 80 characters.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::sanitize::is_unsafe(c) {
                '?'
            } else {
                c
            }
        })
        .take(80)
        .collect()
}
