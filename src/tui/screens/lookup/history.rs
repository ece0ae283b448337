//! The list on the left: saved targets (config `[[targets]]`, the demo's
//! members) followed by this session's lookups, each with its last result.

use crate::model::Target;
use crate::tui::widgets::filter_input::FilteredList;
use crate::tui::widgets::list::ListCursor;

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

    /// The text beside the label: the last result, and the note, which
    /// stays after a fetch (unless it already starts with the result).
    pub fn note_text(&self) -> String {
        match (&self.last, &self.note) {
            (Some(last), Some(note)) if note.starts_with(&last.text) => note.clone(),
            (Some(last), Some(note)) => format!("{} · {note}", last.text),
            (Some(last), None) => last.text.clone(),
            (None, Some(note)) => note.clone(),
            (None, None) if self.origin == Origin::Config => "saved".into(),
            (None, None) => String::new(),
        }
    }

    /// The texts a `/` filter looks in.
    fn haystacks(&self) -> [&str; 3] {
        [
            self.label.as_str(),
            self.member_arn.as_str(),
            self.note.as_deref().unwrap_or(""),
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<HistoryEntry>,
    pub cursor: ListCursor,
}

impl History {
    pub fn new(saved: Vec<HistoryEntry>) -> Self {
        History {
            entries: saved,
            cursor: ListCursor::default(),
        }
    }

    /// Indices of the entries shown, in order: all of them, unless a `/`
    /// filter hides some.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| self.cursor.filter.matches(self.entries[i].haystacks()))
            .collect()
    }

    fn shown_len(&self) -> usize {
        if self.cursor.filter.is_active() {
            self.shown().len()
        } else {
            self.entries.len()
        }
    }

    /// The entry at position `position` among those shown.
    pub fn index_at(&self, position: usize) -> Option<usize> {
        if self.cursor.filter.is_active() {
            self.shown().get(position).copied()
        } else {
            (position < self.entries.len()).then_some(position)
        }
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.index_at(self.cursor.selected())
    }

    pub fn selected(&self) -> Option<&HistoryEntry> {
        self.entries.get(self.selected_index()?)
    }

    /// Record a lookup of `target`: every entry for it gets the result; a
    /// target not in the list yet is added at the end. Selects the entry.
    pub fn record(&mut self, target: &Target, last: LastResult, visible: usize) {
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
        if let Some(position) = self.shown().iter().position(|&i| i == index) {
            self.cursor.select(position, self.shown_len(), visible);
        }
    }

    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let len = self.shown_len();
        if len > 0 {
            self.cursor.move_by(delta, len, visible);
        }
    }

    pub fn select(&mut self, position: usize, visible: usize) {
        self.cursor.select(position, self.shown_len(), visible);
    }

    pub fn keep_in_view(&mut self, visible: usize) {
        self.cursor.keep_in_view(self.shown_len(), visible);
    }
}

impl FilteredList for History {
    fn cursor(&self) -> &ListCursor {
        &self.cursor
    }
    fn cursor_mut(&mut self) -> &mut ListCursor {
        &mut self.cursor
    }
    fn shown(&self) -> Vec<usize> {
        History::shown(self)
    }
    fn total(&self) -> usize {
        self.entries.len()
    }
    fn noun(&self) -> &'static str {
        "entry"
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
        h.record(&target("alice"), ok("ALL"), 10);
        h.record(&target("bob"), ok("NONE"), 10);
        h.record(&target("alice"), ok("FILTERED"), 10);
        assert_eq!(h.entries.len(), 2);
        assert_eq!(h.selected_index(), Some(0));
        assert_eq!(h.entries[0].label, "alice@arn:c");
        assert_eq!(
            h.entries[0].last.as_ref().map(|l| l.text.as_str()),
            Some("FILTERED")
        );
    }

    #[test]
    fn the_note_stays_beside_the_result() {
        let mut entry = HistoryEntry {
            label: "dave".into(),
            note: Some("mention or not Room".into()),
            channel_arn: "c".into(),
            member_arn: "m".into(),
            bearer_arn: None,
            origin: Origin::Demo,
            last: None,
        };
        assert_eq!(entry.note_text(), "mention or not Room");
        entry.last = Some(ok("FILTERED"));
        assert_eq!(entry.note_text(), "FILTERED · mention or not Room");
        entry.note = Some("FILTERED: mention dave".into());
        assert_eq!(entry.note_text(), "FILTERED: mention dave");
    }

    #[test]
    fn a_filter_selects_among_the_entries_it_shows() {
        let mut h = History::default();
        for id in ["alice", "bob", "dave"] {
            h.record(&target(id), ok("ALL"), 10);
        }
        h.cursor.filter.input.set("da");
        h.cursor.reset();
        assert_eq!(h.shown(), vec![2]);
        assert_eq!(h.selected().map(|e| e.label.as_str()), Some("dave@arn:c"));
    }
}
