//! The list on the left: pinned targets (config `[[targets]]`, the demo's
//! members) in their order, then the lookups of this run and of earlier
//! runs (the history file, `crate::history`), newest first, each with its
//! last result.

use std::time::SystemTime;

use crate::history::Record;
use crate::model::Target;
use crate::report::subject::format_time;
use crate::tui::widgets::filter_input::FilteredList;
use crate::tui::widgets::list::ListCursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Demo,
    Config,
    /// Looked up in an earlier run: read from the history file.
    Earlier,
    Session,
}

impl Origin {
    /// Demo and config entries stay at the top in their own order; the
    /// lookups below them are newest first.
    pub fn pinned(self) -> bool {
        matches!(self, Origin::Demo | Origin::Config)
    }
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
    /// When `last` was read, for a result from an earlier run (UTC,
    /// `05-01 14:03`); `None` once looked up in this run.
    pub read_at: Option<String>,
}

/// A time as the list shows it: month, day, hour and minute, UTC.
fn short_time(time: SystemTime) -> String {
    let full = format_time(time); // 2025-05-01T14:03:09Z
    full.get(5..16)
        .map_or(full.clone(), |t| t.replacen('T', " ", 1))
}

/// The entries to start with: `pinned` (demo, config), each given the
/// result an earlier run found for it, then the other lookups of earlier
/// runs (`records`, newest first, one per target).
pub fn with_earlier_runs(
    mut entries: Vec<HistoryEntry>,
    records: Vec<Record>,
) -> Vec<HistoryEntry> {
    for record in records {
        let target = Target {
            bearer_arn: record
                .bearer_arn
                .clone()
                .unwrap_or_else(|| record.member_arn.clone()),
            channel_arn: record.channel_arn,
            member_arn: record.member_arn,
        };
        let last = LastResult {
            text: record.outcome.text().to_string(),
            ok: record.outcome.is_ok(),
        };
        let read_at = record.time.map(short_time);
        let mut pinned = false;
        for entry in entries
            .iter_mut()
            .filter(|e| e.origin.pinned() && e.matches(&target))
        {
            pinned = true;
            if entry.last.is_none() {
                entry.last = Some(last.clone());
                entry.read_at = read_at.clone();
            }
        }
        if pinned {
            continue;
        }
        let details: Vec<String> = [record.member_name, record.filter_rule]
            .into_iter()
            .flatten()
            .collect();
        entries.push(HistoryEntry {
            label: HistoryEntry::session_label(&target),
            note: (!details.is_empty()).then(|| details.join(" · ")),
            bearer_arn: record.bearer_arn,
            channel_arn: target.channel_arn,
            member_arn: target.member_arn,
            origin: Origin::Earlier,
            last: Some(last),
            read_at,
        });
    }
    entries
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

    /// The text beside the label: the last result, when an earlier run
    /// read it, and the note, which stays after a fetch (the result is not
    /// repeated when the note starts with it).
    pub fn note_text(&self) -> String {
        let note = self.note.as_deref();
        let mut parts: Vec<&str> = Vec::with_capacity(3);
        if let Some(last) = &self.last
            && !note.is_some_and(|n| n.starts_with(&last.text))
        {
            parts.push(&last.text);
        }
        parts.extend(self.read_at.as_deref());
        parts.extend(note);
        if parts.is_empty() && self.origin == Origin::Config {
            return "saved".into();
        }
        parts.join(" · ")
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

    /// Record a lookup of `target`: every entry for it gets the result. A
    /// pinned entry stays where it is; any other goes to the top of the
    /// lookups below the pinned ones, and a target not in the list yet is
    /// added there. Selects the entry.
    pub fn record(&mut self, target: &Target, last: LastResult, visible: usize) {
        let mut first_match = None;
        for (i, entry) in self.entries.iter_mut().enumerate() {
            if entry.matches(target) {
                entry.last = Some(last.clone());
                entry.read_at = None;
                if entry.origin == Origin::Earlier {
                    // Its name and rule were an earlier run's.
                    entry.origin = Origin::Session;
                    entry.note = None;
                }
                first_match.get_or_insert(i);
            }
        }
        let top = self
            .entries
            .iter()
            .take_while(|e| e.origin.pinned())
            .count();
        let index = match first_match {
            Some(i) if i < top => i,
            Some(i) => {
                let entry = self.entries.remove(i);
                self.entries.insert(top, entry);
                top
            }
            None => {
                self.entries.insert(
                    top,
                    HistoryEntry {
                        label: HistoryEntry::session_label(target),
                        note: None,
                        channel_arn: target.channel_arn.clone(),
                        member_arn: target.member_arn.clone(),
                        bearer_arn: (target.bearer_arn != target.member_arn)
                            .then(|| target.bearer_arn.clone()),
                        origin: Origin::Session,
                        last: Some(last),
                        read_at: None,
                    },
                );
                top
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

    fn labels(h: &History) -> Vec<&str> {
        h.entries.iter().map(|e| e.label.as_str()).collect()
    }

    #[test]
    fn lookups_go_newest_first_below_the_pinned_entries_which_stay() {
        let mut pinned = entry("dave", Origin::Demo);
        pinned.member_arn = "arn:a/user/dave".into();
        let mut h = History::new(vec![pinned]);
        h.record(&target("alice"), ok("ALL"), 10);
        h.record(&target("bob"), ok("NONE"), 10);
        assert_eq!(labels(&h), ["dave", "bob@arn:c", "alice@arn:c"]);
        h.record(&target("alice"), ok("FILTERED"), 10);
        assert_eq!(labels(&h), ["dave", "alice@arn:c", "bob@arn:c"]);
        assert_eq!(h.selected_index(), Some(1));
        assert_eq!(
            h.entries[1].last.as_ref().map(|l| l.text.as_str()),
            Some("FILTERED")
        );
        h.record(&target("dave"), ok("NONE"), 10);
        assert_eq!(labels(&h), ["dave", "alice@arn:c", "bob@arn:c"]);
        assert_eq!(h.selected_index(), Some(0));
    }

    fn entry(label: &str, origin: Origin) -> HistoryEntry {
        HistoryEntry {
            label: label.into(),
            note: None,
            channel_arn: "arn:c".into(),
            member_arn: "m".into(),
            bearer_arn: None,
            origin,
            last: None,
            read_at: None,
        }
    }

    fn record(member: &str, state: Result<&str, &str>, details: bool) -> Record {
        use crate::history::Outcome;
        Record {
            time: Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_746_108_189)),
            channel_arn: "arn:c".into(),
            member_arn: format!("arn:a/user/{member}"),
            bearer_arn: None,
            outcome: match state {
                Ok(s) => Outcome::State(s.into()),
                Err(e) => Outcome::Error(e.into()),
            },
            request_id: None,
            member_name: details.then(|| format!("Name of {member}")),
            filter_rule: details.then(|| "{\"mention\":[1]}".to_string()),
        }
    }

    #[test]
    fn earlier_runs_annotate_pinned_entries_and_follow_them_newest_first() {
        let mut config = entry("Alice on support", Origin::Config);
        config.member_arn = "arn:a/user/alice".into();
        let entries = with_earlier_runs(
            vec![config],
            vec![
                record("bob", Err("403 Forbidden"), true),
                record("alice", Ok("ALL"), false),
                record("carol", Ok("FILTERED"), false),
            ],
        );
        let h = History::new(entries);
        assert_eq!(labels(&h), ["Alice on support", "bob@arn:c", "carol@arn:c"]);
        assert_eq!(h.entries[0].note_text(), "ALL · 05-01 14:03");
        assert_eq!(
            h.entries[1].note_text(),
            "403 Forbidden · 05-01 14:03 · Name of bob · {\"mention\":[1]}"
        );
        assert_eq!(h.entries[1].origin, Origin::Earlier);
        assert_eq!(h.entries[1].last.as_ref().map(|l| l.ok), Some(false));
        assert_eq!(h.entries[2].note_text(), "FILTERED · 05-01 14:03");
    }

    #[test]
    fn an_earlier_lookup_run_again_becomes_this_runs() {
        let mut h = History::new(with_earlier_runs(
            Vec::new(),
            vec![
                record("alice", Ok("ALL"), false),
                record("bob", Ok("NONE"), true),
            ],
        ));
        h.record(&target("bob"), ok("ALL"), 10);
        assert_eq!(labels(&h), ["bob@arn:c", "alice@arn:c"]);
        let bob = &h.entries[0];
        assert_eq!(
            (bob.origin, bob.note_text().as_str()),
            (Origin::Session, "ALL")
        );
        assert_eq!(h.entries[1].origin, Origin::Earlier);
    }

    #[test]
    fn the_note_stays_beside_the_result() {
        let mut entry = HistoryEntry {
            note: Some("mention or not Room".into()),
            ..entry("dave", Origin::Demo)
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
        assert_eq!(h.shown(), vec![0]);
        assert_eq!(h.selected().map(|e| e.label.as_str()), Some("dave@arn:c"));
    }
}
