//! The list on the left: saved targets (config `[[targets]]`, the demo's
//! members) followed by this session's lookups, each with its last result.

use crate::model::Target;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Demo,
    Config,
    Session,
}

/// The last result of an entry, as one short word and whether it was a
/// success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastResult {
    pub text: String,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub label: String,
    /// What to expect (demo) or where it came from.
    pub note: Option<String>,
    pub channel_arn: String,
    pub member_arn: String,
    pub bearer_arn: Option<String>,
    pub origin: Origin,
    pub last: Option<LastResult>,
}

impl HistoryEntry {
    fn matches(&self, target: &Target) -> bool {
        self.channel_arn.trim() == target.channel_arn
            && self.member_arn.trim() == target.member_arn
            && self
                .bearer_arn
                .as_deref()
                .map(str::trim)
                .unwrap_or(&target.member_arn)
                == target.bearer_arn
    }

    /// A short label for a session lookup: `member@channel`, and the
    /// bearer when it is not the member.
    fn session_label(target: &Target) -> String {
        let last = |arn: &str| arn.rsplit('/').next().unwrap_or(arn).to_string();
        let label = format!("{}@{}", last(&target.member_arn), last(&target.channel_arn));
        if target.bearer_arn == target.member_arn {
            label
        } else {
            format!("{label} as {}", last(&target.bearer_arn))
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<HistoryEntry>,
    pub selected: usize,
    /// First visible row; kept so the selection stays in view.
    pub offset: usize,
}

impl History {
    pub fn new(saved: Vec<HistoryEntry>) -> Self {
        History {
            entries: saved,
            selected: 0,
            offset: 0,
        }
    }

    pub fn selected(&self) -> Option<&HistoryEntry> {
        self.entries.get(self.selected)
    }

    /// Record a lookup of `target`: every entry for it gets the result; a
    /// target not in the list yet is added at the end. Selects the entry.
    pub fn record(&mut self, target: &Target, last: LastResult) {
        let mut first_match = None;
        for (i, entry) in self.entries.iter_mut().enumerate() {
            if entry.matches(target) {
                entry.last = Some(last.clone());
                first_match.get_or_insert(i);
            }
        }
        let index = match first_match {
            Some(i) => i,
            None => {
                self.entries.push(HistoryEntry {
                    label: HistoryEntry::session_label(target),
                    note: None,
                    channel_arn: target.channel_arn.clone(),
                    member_arn: target.member_arn.clone(),
                    bearer_arn: (target.bearer_arn != target.member_arn)
                        .then(|| target.bearer_arn.clone()),
                    origin: Origin::Session,
                    last: Some(last),
                });
                self.entries.len() - 1
            }
        };
        self.selected = index;
    }

    /// Move the selection by `delta` rows and keep it within `visible` rows.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        if self.entries.is_empty() {
            return;
        }
        let last = self.entries.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(visible);
    }

    pub fn select(&mut self, index: usize, visible: usize) {
        if !self.entries.is_empty() {
            self.selected = index.min(self.entries.len() - 1);
            self.scroll_into_view(visible);
        }
    }

    pub fn scroll_into_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(member: &str) -> Target {
        Target {
            channel_arn: "arn:c".into(),
            member_arn: format!("arn:a/user/{member}"),
            bearer_arn: format!("arn:a/user/{member}"),
        }
    }

    fn ok(text: &str) -> LastResult {
        LastResult {
            text: text.into(),
            ok: true,
        }
    }

    #[test]
    fn a_new_target_is_appended_and_a_known_one_updated_in_place() {
        let mut h = History::default();
        h.record(&target("alice"), ok("ALL"));
        h.record(&target("bob"), ok("NONE"));
        h.record(&target("alice"), ok("FILTERED"));
        assert_eq!(h.entries.len(), 2);
        assert_eq!(h.selected, 0);
        assert_eq!(h.entries[0].label, "alice@arn:c");
        assert_eq!(
            h.entries[0].last.as_ref().map(|l| l.text.as_str()),
            Some("FILTERED")
        );
    }

    #[test]
    fn selection_scrolls_into_view_both_ways() {
        let mut h = History::default();
        for i in 0..20 {
            h.record(&target(&i.to_string()), ok("ALL"));
        }
        h.select(0, 5);
        h.move_by(7, 5);
        assert_eq!((h.selected, h.offset), (7, 3));
        h.move_by(-6, 5);
        assert_eq!((h.selected, h.offset), (1, 1));
        h.move_by(100, 5);
        assert_eq!((h.selected, h.offset), (19, 15));
    }
}
